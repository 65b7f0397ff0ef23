"""What grading one learner gave (:class:`LearnerResult`) and the problems a trainer should look
at (:class:`Problem`): errors that mean learner code hit the sandbox or a limit, read from the
autograded notebooks and nbgrader's log. Pure."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path


@dataclasses.dataclass
class Problem:
    """Something a trainer should look at in one submission."""
    notebook: str
    cell: str
    kind: str
    detail: str

    def where(self) -> str:
        """``"notebook cell: "``, or nothing when the problem is not in one cell."""
        place = " ".join(x for x in (self.notebook, self.cell) if x)
        return f"{place}: " if place else ""


@dataclasses.dataclass
class LearnerResult:
    student: str
    assignment: str
    isolated: bool
    returncode: int | None
    timed_out: bool
    problems: list[Problem]
    log_tail: str
    worker_pid: int | None = None  # the grading worker process (several learners share one)

    @property
    def graded(self) -> bool:
        return self.returncode == 0 and not self.timed_out

    @property
    def flagged(self) -> bool:
        return bool(self.problems) or not self.graded

    @property
    def status(self) -> str:
        if self.timed_out:
            return "not graded: stopped, took too long"
        if self.returncode != 0:
            return "not graded: autograde failed"
        return "graded, needs a look" if self.problems else "graded"


# Errors that mean learner code hit the sandbox or a limit, with words a trainer understands.
# Ordinary mistakes (AssertionError from a test, NotImplementedError in a blank answer, NameError
# ...) are normal nbgrader results and not listed.
_BLOCKED = [
    ("MemoryError", None, "memory limit reached"),
    ("KeyboardInterrupt", None, "time limit: cell interrupted"),
    ("CellTimeoutError", None, "time limit: cell interrupted"),
    ("BlockingIOError", None, "blocked: too many processes"),
    ("PermissionError", None, "blocked: writing or reading outside its own folder"),
    ("OSError", "Read-only file system", "blocked: writing outside its own folder"),
    ("OSError", "[Errno 30]", "blocked: writing outside its own folder"),
    ("FileNotFoundError", None, "blocked: a file outside its own folder (not visible)"),
    ("IsADirectoryError", None, "blocked: a file outside its own folder (not visible)"),
    ("ConnectionRefusedError", None, "blocked: network connection"),
    ("ConnectionError", None, "blocked: network connection"),
    ("OSError", "Network is unreachable", "blocked: network connection"),
    ("OSError", "[Errno 101]", "blocked: network connection"),
    ("gaierror", None, "blocked: network connection"),
    ("TimeoutError", None, "blocked: network connection"),
    ("ProcessLookupError", None, "blocked: other processes are not visible"),
    # Raised by the kernel (bounded_kernel.py) or recorded by the grader (bounded_execute.py).
    ("OutputLimitError", None, "output limit"),
]
_LOG_SIGNS = [
    ("Kernel died", "kernel stopped (a memory, CPU or process limit?)"),
    ("DeadKernelError", "kernel stopped (a memory, CPU or process limit?)"),
    ("Timeout waiting for IOPub", "time limit: the kernel did not stop when interrupted"),
    ("CellTimeoutError", "time limit: cell interrupted"),
    ("UnresponsiveKernelError", "kernel stopped responding"),
    ("Kernel didn't respond", "kernel did not start"),
    ("database is locked", "gradebook busy"),
]


def classify_error(ename: str, evalue: str) -> str | None:
    for name, needle, kind in _BLOCKED:
        if ename == name and (needle is None or needle in evalue):
            return kind
    return None


def notebook_problems(path: Path) -> list[Problem]:
    """Blocked attempts and limits recorded as error outputs in one autograded notebook."""
    # Plain JSON (nbgrader writes nbformat 4): importing nbformat costs the grader seconds.
    cells = json.loads(Path(path).read_text(encoding="utf-8")).get("cells", [])
    problems = []
    for index, cell in enumerate(cells):
        if cell.get("cell_type") != "code":
            continue
        cell_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") or f"cell {index + 1}"
        for output in cell.get("outputs", []):
            if output.get("output_type") != "error":
                continue
            ename, evalue = str(output.get("ename", "")), str(output.get("evalue", ""))
            kind = classify_error(ename, evalue)
            if kind:
                problems.append(Problem(path.stem, cell_id, kind, f"{ename}: {evalue}"[:300]))
    return problems


def log_problems(log: str) -> list[Problem]:
    """What nbgrader's log says went wrong (a kernel that died, a gradebook that was busy)."""
    found = []
    for needle, kind in _LOG_SIGNS:
        if needle in log and kind not in [p.kind for p in found]:
            found.append(Problem("", "", kind, needle))
    return found
