"""A cohort's nbgrader course directory, and the nbgrader steps a trainer runs in it.

Every step calls nbgrader's own command line (``python -m nbgrader ...``) in the course
directory, so what happens is exactly what nbgrader's documentation describes; this module only
sets the course up and runs the commands in the right place with the right environment.

The one function that runs learners' code is :func:`autograde`.
"""
from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .checkpoints import ASSIGNMENTS, REPO_ROOT, SOURCE_ROOT, nbgrader_config_text

#: Generous upper bound for one nbgrader command (a whole cohort's autograde can take minutes).
DEFAULT_TIMEOUT = 3600

_FAILED_SUBMISSION = re.compile(r"There was an error processing assignment '([^']*)' for student '([^']*)'")
_ROSTER_ID = re.compile(r"^[A-Za-z0-9._@-]{1,128}$")


class CohortError(RuntimeError):
    """A step could not be done; the message says why in words a trainer can act on."""


@dataclass
class StepResult:
    """What one nbgrader command did."""

    command: list[str]
    returncode: int
    output: str
    #: ``(assignment, student)`` pairs nbgrader reported as failed (the others were processed).
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def check(self) -> "StepResult":
        if not self.ok:
            raise CohortError(f"`{' '.join(self.command)}` failed (exit {self.returncode}):\n{self.output[-4000:]}")
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


# --- setting a course up ----------------------------------------------------------------------

def init_course(course_dir: Path, course_id: str, exchange: Path, roster: Path | None = None,
                source_root: Path = SOURCE_ROOT) -> list[StepResult]:
    """Create a cohort course directory: nbgrader_config.py, the checkpoint sources, the exchange
    folder and (if given) the learners from a roster CSV (columns ``id``, and optionally
    ``first_name``, ``last_name``, ``email``), imported with ``nbgrader db student import``."""
    course_dir = Path(course_dir).resolve()
    exchange = Path(exchange).resolve()
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", course_id):
        raise CohortError("The course id may only use letters, digits, - and _ (it names folders).")
    if course_dir == REPO_ROOT or REPO_ROOT in course_dir.parents:
        raise CohortError(f"Put the course directory outside the repository ({REPO_ROOT}): it will "
                          "hold learners' work, which must never end up in git.")
    if (course_dir / "nbgrader_config.py").exists():
        raise CohortError(f"{course_dir} already holds a course (nbgrader_config.py exists).")
    if roster is not None:
        _check_roster(Path(roster))

    course_dir.mkdir(parents=True, exist_ok=True)
    (course_dir / "nbgrader_config.py").write_text(nbgrader_config_text(course_id, exchange), encoding="utf-8")
    for assignment in ASSIGNMENTS:
        target = course_dir / "source" / assignment
        if not target.exists():
            shutil.copytree(source_root / assignment, target)
    if not exchange.exists():
        exchange.mkdir(parents=True)
        exchange.chmod(0o777)  # every learner writes their submissions here (nbgrader's docs: ugo+rw)
    (course_dir / "learner_nbgrader_config.py").write_text(learner_config_text(course_id, exchange),
                                                           encoding="utf-8")
    results = []
    if roster is not None:
        results.append(run_nbgrader(course_dir, "db", "student", "import", str(Path(roster).resolve())).check())
    return results


def learner_config_text(course_id: str, exchange: Path) -> str:
    """What learners' nbgrader needs (on a JupyterHub: /etc/jupyter/nbgrader_config.py)."""
    return ("# Learners' nbgrader settings for this cohort. On a JupyterHub copy this file to\n"
            "# /etc/jupyter/nbgrader_config.py (or each learner's ~/.jupyter/nbgrader_config.py).\n"
            "c = get_config()\n"
            f"c.CourseDirectory.course_id = {course_id!r}\n"
            f"c.Exchange.root = {str(exchange)!r}\n")


def _check_roster(roster: Path) -> None:
    try:
        with roster.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise CohortError(f"The roster {roster} could not be read as a UTF-8 CSV file: {error}") from None
    if not rows or "id" not in rows[0]:
        raise CohortError("The roster needs a header row with a column called id (one learner per row; "
                          "first_name, last_name and email are optional).")
    bad = [row["id"] for row in rows if not _ROSTER_ID.match(row["id"] or "")]
    if bad:
        raise CohortError("These learner ids cannot be used (use their JupyterHub user names: letters, "
                          f"digits, . _ @ -): {', '.join(repr(b) for b in bad[:10])}")


# --- the usual nbgrader steps -----------------------------------------------------------------

def generate(course_dir: Path, assignment: str = "*", force: bool = False) -> StepResult:
    """``nbgrader generate_assignment``: make the learners' versions (all checkpoints by default)."""
    return run_nbgrader(Path(course_dir), "generate_assignment", assignment, *(["--force"] if force else []))


def release(course_dir: Path, assignment: str) -> StepResult:
    """``nbgrader release_assignment``: put a checkpoint in the exchange for learners to fetch."""
    return run_nbgrader(Path(course_dir), "release_assignment", assignment)


def collect(course_dir: Path, assignment: str, update: bool = False) -> StepResult:
    """``nbgrader collect``: copy learners' submissions from the exchange into ``submitted/``."""
    return run_nbgrader(Path(course_dir), "collect", assignment, *(["--update"] if update else []))


def autograde(course_dir: Path, assignment: str, student: str | None = None, force: bool = False,
              extra_args: tuple[str, ...] = (), env: dict[str, str] | None = None) -> StepResult:
    """``nbgrader autograde``: run every collected submission of ``assignment`` (or one
    learner's) and record the automatic scores in the gradebook.

    This is the only step that runs learners' code. A submission nbgrader cannot grade is listed
    in ``StepResult.failed`` and the rest of the cohort is still graded; ``extra_args`` and
    ``env`` are passed to nbgrader unchanged (e.g. a kernel or preprocessor setting)."""
    args = ["autograde", assignment]
    if student is not None:
        args += ["--student", student]
    if force:
        args.append("--force")
    return run_nbgrader(Path(course_dir), *args, *extra_args, env=env)


def generate_feedback(course_dir: Path, assignment: str) -> StepResult:
    """``nbgrader generate_feedback``: an HTML page per learner with their scores and comments."""
    return run_nbgrader(Path(course_dir), "generate_feedback", assignment)


def release_feedback(course_dir: Path, assignment: str) -> StepResult:
    """``nbgrader release_feedback``: learners get it with *Fetch feedback* in Assignments."""
    return run_nbgrader(Path(course_dir), "release_feedback", assignment)
