"""Running nbgrader's own command line and reporting what it did: the leaf every trainer step
uses (:class:`CohortError` for a step that cannot be done, :class:`StepResult` for what one
nbgrader command did, :func:`run_nbgrader` to run one). It imports nothing else of ``cohort``.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

#: Generous upper bound for one nbgrader command (a whole cohort's autograde can take minutes).
DEFAULT_TIMEOUT = 3600

_FAILED_SUBMISSION = re.compile(r"There was an error processing assignment '([^']*)' for student '([^']*)'")


class CohortError(RuntimeError):
    """A step could not be done; the message says why in words a trainer can act on. ``log``:
    what nbgrader said, for the step's log file (never the terminal)."""

    def __init__(self, message: str, log: str = ""):
        super().__init__(message)
        self.log = log


@dataclass
class StepResult:
    """What one nbgrader command did."""

    command: list[str]
    returncode: int
    output: str
    #: ``(assignment, student)`` pairs nbgrader reported as failed (the others were processed).
    failed: list[tuple[str, str]] = field(default_factory=list)
    #: A sentence for the trainer when the step decided something itself (e.g. nothing to do).
    note: str = ""

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def check(self) -> "StepResult":
        if not self.ok:
            said = [line.strip() for line in self.output.splitlines() if "ERROR" in line or "CRITICAL" in line]
            raise CohortError(f"`{' '.join(self.command)}` failed (exit {self.returncode})"
                              + (f": {said[-1][:300]}" if said else ""), log=self.output)
        return self


def nbgrader_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment nbgrader runs in: this Python's tools first on PATH (nbgrader calls
    ``alembic`` by name), UTF-8 file I/O whatever the machine's locale (rosters with accents)."""
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["PYTHONUTF8"] = "1"
    env.setdefault("PYTHONIOENCODING", "utf-8")
    if extra:
        env.update(extra)
    return env


@contextmanager
def nbgrader_tools_on_path():
    """nbgrader's Gradebook, opened in this process, runs ``alembic`` by name when it creates a
    gradebook: find it next to this Python even when its environment is not activated."""
    saved = os.environ.get("PATH")
    os.environ["PATH"] = nbgrader_env()["PATH"]
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("PATH", None)
        else:
            os.environ["PATH"] = saved


def run_nbgrader(cwd: Path, *args: str, env: dict[str, str] | None = None,
                 timeout: float = DEFAULT_TIMEOUT) -> StepResult:
    """Run ``nbgrader <args>`` in ``cwd`` (a course directory, or a learner's folder)."""
    command = [sys.executable, "-m", "nbgrader", *args]
    try:
        done = subprocess.run(command, cwd=cwd, env=nbgrader_env(env), capture_output=True,
                              text=True, encoding="utf-8", errors="replace", timeout=timeout)
    except subprocess.TimeoutExpired as error:
        output = (error.stdout or "") + (error.stderr or "") if isinstance(error.stdout, str) else ""
        return StepResult(["nbgrader", *args], -1, output + f"\nstopped after {timeout:.0f} s")
    output = done.stdout + done.stderr
    failed = sorted(set(_FAILED_SUBMISSION.findall(output)))
    return StepResult(["nbgrader", *args], done.returncode, output, failed)
