"""What a trainer sees in the terminal, the same for every ``python -m cohort`` step: a progress
bar while learners are graded, a short summary (one line per learner who needs a look), where the
step's full log is, and an exit status a script can act on. Everything nbgrader says goes to the
log (shown live with ``--verbose``), never to the terminal; no traceback unless ``--verbose``."""
from __future__ import annotations

import contextlib
import io
import re
import sys
import tempfile
import threading
from datetime import datetime, timezone
from pathlib import Path

from tqdm import tqdm

from .nbgrader_run import StepResult

#: Exit statuses of ``python -m cohort`` (documented in ``--help`` and on
#: book/about/cohort-workflow.md).
EXIT_DONE = 0         # the step did everything; nobody needs a look
EXIT_FAILED = 1       # the step failed (nothing, or not what was asked, was done)
EXIT_USAGE = 2        # the command line was wrong (argparse's own code)
EXIT_NEEDS_A_LOOK = 3  # done, but some learners need a look: graded with a problem, or not graded
EXIT_STOPPED = 130    # stopped with Ctrl+C

EXIT_STATUS_HELP = (f"exit status: {EXIT_DONE} done; {EXIT_NEEDS_A_LOOK} done, but some learners "
                    f"need a look (the summary names them); {EXIT_FAILED} the step failed; "
                    f"{EXIT_USAGE} wrong command line; {EXIT_STOPPED} stopped with Ctrl+C")
#: Learner names on one "Graded:" line before "and N more".
NAMES_ON_A_LINE = 8
LOGS_DIR = "logs"


class StepLog:
    """The full log of one step: kept in memory while it runs (a step such as ``init`` must not
    write into a folder before it is a course), echoed live to stderr with ``--verbose``, and
    saved at the end in ``COURSE_DIR/logs/`` (or the system's temporary folder)."""

    def __init__(self, step: str, verbose: bool = False):
        self.step, self.verbose = step, verbose
        self._text = io.StringIO()
        self._lock = threading.Lock()  # grading threads write as each learner ends

    @property
    def written(self) -> bool:
        return bool(self._text.getvalue())

    def write(self, text: str) -> None:
        """Add to the log (and, with --verbose, show it at once)."""
        if not text:
            return
        text = text if text.endswith("\n") else text + "\n"
        with self._lock:
            self._text.write(text)
        if self.verbose:
            tqdm.write(text.rstrip("\n"), file=sys.stderr)  # above the progress bar, not through it

    @contextlib.contextmanager
    def printed_too(self):
        """What the step prints goes to the terminal and into the log as well."""
        log, terminal = self, sys.stdout

        class Both(io.TextIOBase):
            def write(self, text):
                with log._lock:
                    log._text.write(text)
                return terminal.write(text)

            def flush(self):
                terminal.flush()

        with contextlib.redirect_stdout(Both()):
            yield

    def save(self, course_dir: Path | None) -> Path:
        """Write the log file; returns its path."""
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-%f")
        if course_dir is not None and (Path(course_dir) / "nbgrader_config.py").is_file():
            folder = Path(course_dir) / LOGS_DIR
        else:
            folder = Path(tempfile.gettempdir()) / "cohort-logs"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{stamp}-{self.step}.log"
            path.write_text(self._text.getvalue(), encoding="utf-8")
        except OSError:  # a course folder we cannot write: the log goes to the temporary folder
            folder = Path(tempfile.mkdtemp(prefix="cohort-logs-"))
            path = folder / f"{stamp}-{self.step}.log"
            path.write_text(self._text.getvalue(), encoding="utf-8")
        return path.resolve()


def progress(total: int, what: str = "Grading"):
    """A progress bar on stderr, "Grading learner n of N", only when stderr is a terminal (a
    script's or CI's log gets the summary alone). ``update(1)`` after each learner."""
    return tqdm(total=total, file=sys.stderr, disable=None if total else True, leave=False,
                dynamic_ncols=True, unit="learner",
                bar_format=what + " learner {n} of {total} |{bar}| {elapsed}")


def plain(text: str, limit: int = 40) -> str:
    """Text from a submission (a cell's name) made safe for a terminal: no escape sequences or
    other control characters, and short."""
    text = "".join(ch if ch.isprintable() else "?" for ch in str(text))
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _names(students: list[str]) -> str:
    shown = ", ".join(plain(s) for s in students[:NAMES_ON_A_LINE])
    more = len(students) - NAMES_ON_A_LINE
    return shown + (f" and {more} more" if more > 0 else "")


def grading_summary(results, total: int | None = None) -> tuple[list[str], int]:
    """Summary lines for a graded cohort (``cohort.sandbox`` LearnerResults) and the exit status:
    graded learners on one line, then one line for each learner who needs a look, with why."""
    graded = [r for r in results if r.graded and not r.problems]
    flagged = [r for r in results if r.graded and r.problems]
    failed = [r for r in results if not r.graded]
    total = len(results) if total is None else total
    lines = [f"Graded: {len(graded) + len(flagged)} of {total} learners"
             + (f" ({_names([r.student for r in graded])})" if graded else "") + "."]
    for r in flagged:
        lines.append(f"  needs a look: {plain(r.student)}: {_problems(r.problems)}")
    for r in failed:
        why = _problems(r.problems) or r.status.removeprefix("not graded: ")
        lines.append(f"  not graded: {plain(r.student)}: {why}")
    if failed and len(failed) == len(results):
        return lines, EXIT_FAILED
    return lines, EXIT_NEEDS_A_LOOK if flagged or failed else EXIT_DONE


def _problems(problems) -> str:
    """``"output limit (weeks); blocked: network connection (smallest)"``: kinds, not details."""
    seen: dict[str, list[str]] = {}
    for p in problems:
        seen.setdefault(p.kind, [])
        cell = plain(p.cell)
        if cell and cell not in seen[p.kind]:
            seen[p.kind].append(cell)
    return "; ".join(f"{kind} ({', '.join(cells)})" if cells else kind for kind, cells in seen.items())


def step_summary(result: StepResult) -> tuple[list[str], int]:
    """Summary lines and exit status for one plain nbgrader command: nbgrader's own log goes to
    the log file; the terminal gets who could not be processed, or the lines that say why not."""
    # nbgrader names "." as the student of a step that has none (generate): that is the step.
    learners = [(assignment, student) for assignment, student in result.failed if student != "."]
    if learners:  # nbgrader did the others: done, but these learners need a look
        return [f"  not done: {plain(student)} ({assignment}): nbgrader could not process it"
                for assignment, student in learners], EXIT_NEEDS_A_LOOK
    if result.ok:
        return [], EXIT_DONE
    return [f"  nbgrader: {plain(reason, 200)}" for reason in _why(result.output)], EXIT_FAILED


_EXCEPTION_LINE = re.compile(r"^\s*[\w.]+(Error|Exception|Exit)\b[^:]*: .")


def _why(output: str) -> list[str]:
    """What nbgrader said went wrong, in at most two lines: its first ERROR (or CRITICAL)
    message and the last exception line of its tracebacks (their other lines stay in the log)."""
    lines = output.splitlines()
    said = [line.split("]", 1)[-1].strip() for line in lines if "| ERROR]" in line or "| CRITICAL]" in line]
    said = [line for line in said if line and not line.startswith(("Traceback", "Please see"))]
    raised = [line.strip() for line in lines if _EXCEPTION_LINE.match(line)]
    return (said[:1] + raised[-1:]) or ["it stopped without saying why"]
