"""What a sandboxed kernel may see and use: the limits, the policy (written as JSON next to the
kernelspec) and the default policy for a course (its course folder, exchange and the trainer's
home hidden). Pure: no process is started here."""
from __future__ import annotations

import dataclasses
import json
import os
import sys
from pathlib import Path

import activities

from ..nbgrader_run import CohortError
from ..settings import course_settings

KERNEL_NAME = "learning-circles-sandbox"
BWRAP = "bwrap"
DEFAULT_EXCHANGE = "/usr/local/share/nbgrader/exchange"
# Unprivileged uids used when grading runs as root: one per parallel slot, not in /etc/passwd.
DEFAULT_BASE_UID = 3_100_000
MAX_WORKDIR_FILES = 500
# Where the kernel's entry point (bounded_kernel.py, the one file of cohort a kernel sees) is bound.
KERNEL_ENTRY = "/opt/learning-circles/bounded_kernel.py"
# What the grader lets through beyond the kernel's own output caps: the cut line and the
# OutputLimitError's traceback, so the kernel (not the grader) is normally the one that cuts.
OUTPUT_SLACK_BYTES = 64 * 1024
# Small read-only pieces of /etc that Python and common libraries read; nothing secret.
ETC_FILES = ["/etc/ld.so.cache", "/etc/localtime", "/etc/nsswitch.conf", "/etc/passwd",
             "/etc/group", "/etc/hosts", "/etc/fonts", "/etc/mime.types", "/etc/alternatives",
             "/etc/ssl/certs"]


@dataclasses.dataclass
class SandboxLimits:
    """Per-submission limits. Wall clock: nbgrader's per-cell timeout and one per learner."""
    cpu_seconds: int = 60            # RLIMIT_CPU per process (soft; SIGKILL 2 s later)
    memory_bytes: int = 2 * 1024**3  # RLIMIT_AS (address space) per process
    processes: int = 64              # RLIMIT_NPROC: threads count too (ipykernel needs ~10)
    file_bytes: int = 64 * 1024**2   # RLIMIT_FSIZE: largest file the learner's code can write
    open_files: int = 256            # RLIMIT_NOFILE
    tmpfs_bytes: int = 64 * 1024**2  # size of the private working directory and of /tmp
    cell_timeout: int = 60           # seconds; nbgrader's Execute.timeout (interrupts the cell)
    learner_timeout: int = 600       # seconds for one learner's whole autograde process
    cell_output_bytes: int = 1024**2     # what one cell may print or display; the rest is cut
    learner_output_bytes: int = 4 * 1024**2  # the same for a learner's whole notebook

    @classmethod
    def from_dict(cls, data: dict) -> "SandboxLimits":
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: int(v) for k, v in data.items() if k in names})


@dataclasses.dataclass
class SandboxPolicy:
    """What one sandboxed kernel may see. Written as JSON next to the kernelspec."""
    limits: SandboxLimits
    readonly: list[str]          # bound read-only at the same path
    hidden: list[str]            # covered by an empty tmpfs if they sit inside a read-only path
    uid: int | None = None       # drop to this uid (only when the launcher runs as root)
    # Whether this bwrap has --size, found once by the grader (None: the launcher asks bwrap).
    size_supported: bool | None = None

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), indent=2)

    @classmethod
    def from_json(cls, text: str) -> "SandboxPolicy":
        data = json.loads(text)
        return cls(limits=SandboxLimits.from_dict(data["limits"]), readonly=list(data["readonly"]),
                   hidden=list(data["hidden"]), uid=data.get("uid"),
                   size_supported=data.get("size_supported"))


def python_readonly_paths() -> list[str]:
    """The interpreter, the virtual environment and the course's activities package (an editable
    install lives outside the venv). Not ``cohort``: learner code has no business with the
    trainer's tools, nor with the repository's checkpoint sources."""
    paths = [sys.prefix, sys.base_prefix, os.path.realpath(sys.base_prefix)]
    paths.append(str(Path(activities.__file__).resolve().parent))
    return _dedupe(paths)


def course_exchange_root(course_dir: str | os.PathLike) -> str:
    """Exchange.root of the course (read by :func:`cohort.settings.course_settings`, the one
    reader of a course's settings), relative to the course folder; else nbgrader's default."""
    try:
        exchange = course_settings(Path(course_dir)).exchange
    except CohortError:
        return DEFAULT_EXCHANGE
    return os.path.realpath(os.path.join(course_dir, exchange)) if exchange else DEFAULT_EXCHANGE


def _dedupe(paths):
    seen, result = set(), []
    for p in paths:
        p = os.path.normpath(p)
        if p not in seen:
            seen.add(p)
            result.append(p)
    return result


def default_policy(course_root: str | os.PathLike, limits: SandboxLimits | None = None,
                   exchange_root: str | None = None, uid: int | None = None,
                   size_supported: bool | None = None) -> SandboxPolicy:
    hidden = [os.path.realpath(course_root), exchange_root or course_exchange_root(course_root),
              os.path.expanduser("~")]
    return SandboxPolicy(limits=limits or SandboxLimits(), readonly=python_readonly_paths(),
                         hidden=_dedupe(hidden), uid=uid, size_supported=size_supported)
