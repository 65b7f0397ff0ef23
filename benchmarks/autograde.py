"""Benchmark 3: autograding a cohort with nbgrader vs bare nbclient on the same notebooks.

A temporary course with 30 learners (a roster CSV) and 30 submissions (complete, partial and
blank, answers written programmatically from the source's solutions). When the repository has
the trainer's command (``python -m cohort``) and its checkpoints (``checkpoints/source``), the
course is made and graded with them, as a trainer would; otherwise with nbgrader's CLI and a
small checkpoint made here. Rows: one autograde over everyone (serial, nbgrader's own loop);
the same split over one nbgrader process per core (``--student`` globs); and, when
``cohort/sandbox/`` exists and a sandbox can start, its grading in the bubblewrap sandbox
with one job and with the trainer's default number of jobs. Baseline: the same submitted notebooks executed one after another by
bare nbclient (a fresh kernel each, as nbgrader does) in one process.
"""
from __future__ import annotations

import csv
import os
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat

from .core import BIN, ROOT, Row, run_measured

NAME = "autograde"
LEARNERS, QUICK_LEARNERS = 30, 4
ASSIGNMENT = "bench-checkpoint"

_BASELINE_SCRIPT = """
import sys, nbformat
from nbclient import NotebookClient
for path in sys.argv[1:]:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name="python3", timeout=120, allow_errors=True).execute()
"""


def _meta(grade_id: str, *, solution=False, grade=False, locked=False, points=0, task=False) -> dict:
    meta = {"grade_id": grade_id, "solution": solution, "grade": grade, "locked": locked,
            "schema_version": 3, "task": task}
    if grade:
        meta["points"] = points
    return {"nbgrader": meta}


def knowledge_check(name: str, question: str, variable: str, value: int) -> list:
    """A question, the cell the learner answers in, and the locked test that grades it (1 point)."""
    return [
        nbformat.v4.new_markdown_cell(question, metadata=_meta(f"q-{name}", locked=True)),
        nbformat.v4.new_code_cell(f"### BEGIN SOLUTION\n{variable} = {value}\n### END SOLUTION",
                                  metadata=_meta(f"answer-{name}", solution=True)),
        nbformat.v4.new_code_cell(f"assert {variable} == {value}, 'Have another look at the guidance.'",
                                  metadata=_meta(f"check-{name}", grade=True, locked=True, points=1)),
    ]


def own_checkpoint() -> nbformat.NotebookNode:
    """A checkpoint like the course's: knowledge checks graded automatically, a reflection by hand."""
    cells = [
        nbformat.v4.new_markdown_cell("# Checkpoint\nAnswer in the marked cells.",
                                      metadata=_meta("intro", locked=True)),
        *knowledge_check("size", "How many people make a good learning circle, at most?", "largest_group", 15),
        *knowledge_check("minutes", "How many minutes does a meeting usually last?", "meeting_minutes", 90),
        nbformat.v4.new_markdown_cell("Which barriers matter most in your community? (a few sentences)",
                                      metadata=_meta("q-barriers", locked=True)),
        nbformat.v4.new_markdown_cell("YOUR ANSWER HERE",
                                      metadata=_meta("reflection-barriers", solution=True, grade=True, points=2)),
    ]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def checkpoint_assignment() -> Path | None:
    """The course's own checkpoint (source folder) when the repository has them."""
    folders = sorted(p for p in (ROOT / "checkpoints" / "source").glob("*") if list(p.glob("*.ipynb")))
    preferred = [p for p in folders if p.name == "learning-circles"]
    return (preferred or folders or [None])[0]


def trainer_command() -> bool:
    """Whether the trainer's ``python -m cohort`` (init/generate/autograde) is in the repository."""
    return (ROOT / "cohort" / "__main__.py").exists() and checkpoint_assignment() is not None


def sandbox_problem() -> str | None:
    """Why sandboxed grading cannot be measured here, or None when it can."""
    if not (ROOT / "cohort" / "sandbox" / "__init__.py").exists():
        return "cohort/sandbox/ is not in the repository"
    from cohort import sandbox

    return sandbox.check_sandbox()


_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")
REFLECTION = ("Learner {n}: in our town the bus stops at six and the library closes at five, so "
              "evening circles need a ride-share. <b>not bold</b> \u2713")


def solutions(source_dir: Path) -> dict[str, str]:
    """grade_id -> the author's answer (solution regions without their markers), from the source."""
    found = {}
    for path in source_dir.glob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if meta.get("solution") and cell.cell_type == "code":
                found[meta["grade_id"]] = "\n".join(
                    line for line in cell.source.splitlines() if line.strip() not in _MARKERS)
    return found


def answer(nb: nbformat.NotebookNode, learner: int, answers: dict[str, str]) -> nbformat.NotebookNode:
    """Fill a released notebook as learner ``learner`` would: complete, partial (first half of
    the answers) or blank, the same mix every run."""
    kind = learner % 3
    answer_cells = [c for c in nb.cells if c.get("metadata", {}).get("nbgrader", {}).get("solution")]
    if kind == 2:
        return nb
    if kind == 1:
        answer_cells = answer_cells[: max(1, len(answer_cells) // 2)]
    for cell in answer_cells:
        if cell.cell_type == "markdown":
            cell.source = REFLECTION.format(n=learner)
        else:
            cell.source = answers.get(cell.metadata["nbgrader"]["grade_id"], cell.source)
    return nb


def write_roster(path: Path, ids: list[str]) -> None:
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "first_name", "last_name", "email"])
        for sid in ids:
            writer.writerow([sid, "Learner", sid[-2:], f"{sid}@example.org"])


def make_course(base: Path, learners: int) -> tuple[Path, str, list[Path]]:
    """A course with a roster and ``learners`` submissions; returns (course, assignment, notebooks)."""
    course = base / "course"
    ids = [f"learner{n:02d}" for n in range(learners)]
    roster = base / "roster.csv"
    write_roster(roster, ids)
    if trainer_command():  # set up as a trainer would: the course's own command and checkpoints
        assignment = checkpoint_assignment().name
        cohort("init", str(course), "--course-id", "bench-cohort", "--exchange", str(base / "exchange"),
               "--roster", str(roster))
        cohort("generate", str(course), assignment)
    else:
        assignment = ASSIGNMENT
        (course / "source" / assignment).mkdir(parents=True)
        (course / "nbgrader_config.py").write_text(
            "c = get_config()\n"
            f"c.CourseDirectory.root = {str(course)!r}\n"
            "c.CourseDirectory.course_id = 'bench-cohort'\n"
            f"c.Exchange.root = {str(base / 'exchange')!r}\n")
        nbformat.write(own_checkpoint(), course / "source" / assignment / "checkpoint.ipynb")
        nbgrader(course, "db", "student", "import", str(roster))
        nbgrader(course, "generate_assignment", assignment, "--force")
    answers = solutions(course / "source" / assignment)
    released = sorted((course / "release" / assignment).glob("*.ipynb"))
    if not released:
        raise RuntimeError(f"nothing released for {assignment} in {course}")
    submitted = []
    for n, sid in enumerate(ids):
        folder = course / "submitted" / sid / assignment
        folder.mkdir(parents=True)
        (folder / "timestamp.txt").write_text("2026-11-28 10:00:00.000000 UTC")
        for path in released:
            nbformat.write(answer(nbformat.read(path, as_version=4), n, answers), folder / path.name)
            submitted.append(folder / path.name)
    return course, assignment, submitted


def nbgrader(course: Path, *args: str):
    return run_measured([str(BIN / "nbgrader"), *args], cwd=course, env=_env())


def cohort(*args: str):
    return run_measured([str(BIN / "python"), "-m", "cohort", *args], cwd=ROOT, env=_env())


def _env() -> dict:
    # nbgrader runs `alembic` by name: this environment's tools first on PATH
    return dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")


def _student_patterns(workers: int) -> list[str]:
    """Globs that split learner00..learnerNN by last digit into ``workers`` shares."""
    digits = "0123456789"
    shares = [digits[i::workers] for i in range(workers)]
    return [f"learner*[{share}]" for share in shares if share]


def grade_parallel(course: Path, assignment: str, workers: int) -> tuple[float, float]:
    """Autograde with one nbgrader process per share of learners; wall seconds and peak RSS."""
    start = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        runs = list(pool.map(lambda pattern: nbgrader(course, "autograde", assignment, "--force",
                                                      f"--student={pattern}"),
                             _student_patterns(workers)))
    return time.perf_counter() - start, max(r.peak_rss_mb for r in runs)


def graded_count(course: Path, assignment: str) -> int:
    return len(list((course / "autograded").glob(f"*/{assignment}/*.ipynb")))


def _check_graded(course: Path, assignment: str, expected: int, what: str, log: str = "") -> None:
    count = graded_count(course, assignment)
    if count != expected:
        raise RuntimeError(f"{what} graded {count} of {expected} notebooks:\n{log[-3000:]}")
    shutil.rmtree(course / "autograded")


def run(quick: bool = False) -> list[Row]:
    learners = QUICK_LEARNERS if quick else LEARNERS
    workers = max(2, min(os.cpu_count() or 2, 4))
    with tempfile.TemporaryDirectory(prefix="lc-bench-autograde-") as tmp:
        base = Path(tmp)
        course, assignment, submitted = make_course(base, learners)
        n = len(submitted)
        checkpoint = f"checkpoint {assignment}" if trainer_command() else "bench checkpoint"
        baseline = run_measured([str(BIN / "python"), "-c", _BASELINE_SCRIPT, *map(str, submitted)])
        label = f"nbclient, {n} notebooks"
        rows = []

        if trainer_command():  # nbgrader's own loop over everyone, through the trainer's command
            serial = cohort("autograde", str(course), assignment, "--no-isolation")
            how = "python -m cohort autograde --no-isolation"
        else:
            serial, how = nbgrader(course, "autograde", assignment), "nbgrader autograde"
        _check_graded(course, assignment, n, how, serial.stderr + serial.stdout)
        rows.append(Row(f"autograde: {learners} learners ({checkpoint})", label, baseline.seconds,
                        how, serial.seconds, "s", goal=1.3, peak_memory_mb=serial.peak_rss_mb,
                        note=f"{serial.seconds / learners:.2f} s per learner; nbclient peak "
                             f"{baseline.peak_rss_mb:.0f} MB"))

        parallel_s, parallel_peak = grade_parallel(course, assignment, workers)
        _check_graded(course, assignment, n, "parallel autograde")
        rows.append(Row(f"autograde: {learners} learners, {workers} processes", label, baseline.seconds,
                        f"{workers} x nbgrader autograde --student GLOB", parallel_s, "s", goal=1.3,
                        peak_memory_mb=parallel_peak, note="learners split by the last digit of their id"))

        problem = sandbox_problem()
        if problem is None:
            if trainer_command():  # one slot (serial, like the baseline) and the trainer's default
                from cohort.sandbox import default_jobs

                variants = [("sandboxed, 1 job", "python -m cohort autograde --jobs 1",
                             ["-m", "cohort", "autograde", str(course), assignment, "--force",
                              "--jobs", "1"]),
                            (f"sandboxed (trainer's default: {default_jobs()} jobs)",
                             "python -m cohort autograde",
                             ["-m", "cohort", "autograde", str(course), assignment, "--force"])]
            else:
                variants = [(f"sandboxed, {workers} jobs", f"python -m cohort autograde --jobs {workers}",
                             ["-m", "cohort", "autograde", str(course), assignment, "--force",
                              "--jobs", str(workers)])]
            for title, how, args in variants:
                sandboxed = run_measured([str(BIN / "python"), *args], cwd=ROOT, env=_env())
                _check_graded(course, assignment, n, how, sandboxed.stdout + sandboxed.stderr)
                rows.append(Row(f"autograde: {learners} learners, {title}", label, baseline.seconds, how,
                                sandboxed.seconds, "s", goal=1.3, peak_memory_mb=sandboxed.peak_rss_mb,
                                note="a grading worker per job, a fresh bubblewrap kernel per learner"))
        else:
            print(f"(sandboxed grading not measured: {problem})", flush=True)
    return rows
