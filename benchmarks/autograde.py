"""Benchmark 3: `nbgrader autograde` of a cohort's submissions vs bare nbclient on the same notebooks.

A temporary nbgrader course gets one checkpoint (the course's own checkpoint sources when they
exist in ``checkpoints/source``, otherwise a small reflective checkpoint made here), a roster of
30 learners imported with ``nbgrader db student import``, and 30 submissions (complete, partial
and blank answers written programmatically) in ``submitted/``. Measured: one ``nbgrader
autograde`` over all of them, and the same split over parallel processes (one per core, each
taking a share of the learners with ``--student``). Baseline: executing the same 30 submitted
notebooks one after another with nbclient (a fresh kernel each, as nbgrader does), in one process.
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


def own_checkpoint() -> nbformat.NotebookNode:
    """A checkpoint like the course's: knowledge checks graded automatically, a reflection by hand."""
    cells = [
        nbformat.v4.new_markdown_cell("# Checkpoint\nAnswer in the marked cells.",
                                      metadata=_meta("intro", locked=True)),
        nbformat.v4.new_markdown_cell("How many people make a good learning circle, at most?",
                                      metadata=_meta("q-size", locked=True)),
        nbformat.v4.new_code_cell("### BEGIN SOLUTION\nlargest_group = 15\n### END SOLUTION",
                                  metadata=_meta("answer-size", solution=True)),
        nbformat.v4.new_code_cell("assert largest_group == 15, 'Have another look at the group size guidance.'",
                                  metadata=_meta("check-size", grade=True, locked=True, points=1)),
        nbformat.v4.new_markdown_cell("How many minutes does a meeting usually last?",
                                      metadata=_meta("q-minutes", locked=True)),
        nbformat.v4.new_code_cell("### BEGIN SOLUTION\nmeeting_minutes = 90\n### END SOLUTION",
                                  metadata=_meta("answer-minutes", solution=True)),
        nbformat.v4.new_code_cell("assert meeting_minutes == 90",
                                  metadata=_meta("check-minutes", grade=True, locked=True, points=1)),
        nbformat.v4.new_markdown_cell("Which barriers matter most in your community? (a few sentences)",
                                      metadata=_meta("q-barriers", locked=True)),
        nbformat.v4.new_markdown_cell("YOUR ANSWER HERE",
                                      metadata=_meta("reflection-barriers", solution=True, grade=True, points=2)),
    ]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def checkpoint_sources() -> list[Path]:
    """The course's checkpoint source notebooks, if the repository has them."""
    return sorted((ROOT / "checkpoints" / "source").glob("*/*.ipynb"))


def answer(nb: nbformat.NotebookNode, learner: int) -> nbformat.NotebookNode:
    """Fill a released notebook as learner ``learner`` would: complete, partial or blank."""
    kind = learner % 3
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if not meta.get("solution") or kind == 2:
            continue
        if cell.cell_type == "markdown":
            cell.source = (f"Learner {learner}: in our town the bus stops at six and the library "
                           "closes at five, so evening circles need a ride-share. <b>not bold</b> ✓")
        elif "largest_group" in cell.source:
            cell.source = "largest_group = 15" if kind == 0 else "largest_group = 30"
        elif "meeting_minutes" in cell.source:
            cell.source = "meeting_minutes = 90"
        elif kind == 0:
            cell.source = cell.source.replace("raise NotImplementedError()", "answer = 'b'")
    return nb


def make_course(base: Path, learners: int) -> tuple[Path, list[str], list[Path]]:
    course = base / "course"
    (course / "source").mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"c.CourseDirectory.root = {str(course)!r}\n"
        "c.CourseDirectory.course_id = 'bench-cohort'\n"
        f"c.Exchange.root = {str(base / 'exchange')!r}\n"
        "c.Execute.timeout = 120\n")
    sources = checkpoint_sources()
    source_dir = course / "source" / ASSIGNMENT
    source_dir.mkdir()
    if sources:
        for path in sources[:1]:
            shutil.copy(path, source_dir / path.name)
    else:
        nbformat.write(own_checkpoint(), source_dir / "checkpoint.ipynb")
    ids = [f"learner{n:02d}" for n in range(learners)]
    roster = base / "roster.csv"
    with roster.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "first_name", "last_name", "email"])
        for sid in ids:
            writer.writerow([sid, "Learner", sid[-2:], f"{sid}@example.org"])
    nbgrader(course, "db", "student", "import", str(roster))
    nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    released = sorted((course / "release" / ASSIGNMENT).glob("*.ipynb"))
    submitted = []
    for n, sid in enumerate(ids):
        folder = course / "submitted" / sid / ASSIGNMENT
        folder.mkdir(parents=True)
        (folder / "timestamp.txt").write_text("2026-11-28 10:00:00.000000 UTC")
        for path in released:
            nb = answer(nbformat.read(path, as_version=4), n)
            nbformat.write(nb, folder / path.name)
            submitted.append(folder / path.name)
    return course, ids, submitted


def nbgrader(course: Path, *args: str):
    return run_measured([str(BIN / "nbgrader"), *args], cwd=course, env=_env(course))


def _env(course: Path) -> dict:
    return dict(os.environ, PYTHONUNBUFFERED="1")


def _student_patterns(workers: int) -> list[str]:
    """Globs that split learner00..learnerNN by last digit into ``workers`` shares."""
    digits = "0123456789"
    shares = [digits[i::workers] for i in range(workers)]
    return [f"learner*[{share}]" for share in shares if share]


def grade_parallel(course: Path, workers: int) -> tuple[float, float]:
    """Autograde with one nbgrader process per share of learners; wall seconds and peak RSS."""
    start = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        runs = list(pool.map(lambda pattern: nbgrader(course, "autograde", ASSIGNMENT, "--force",
                                                      f"--student={pattern}"),
                             _student_patterns(workers)))
    return time.perf_counter() - start, max(r.peak_rss_mb for r in runs)


def graded_count(course: Path) -> int:
    return len(list((course / "autograded").glob(f"*/{ASSIGNMENT}/*.ipynb")))


def run(quick: bool = False) -> list[Row]:
    learners = QUICK_LEARNERS if quick else LEARNERS
    workers = max(2, min(os.cpu_count() or 2, 4))
    with tempfile.TemporaryDirectory(prefix="lc-bench-autograde-") as tmp:
        base = Path(tmp)
        course, ids, submitted = make_course(base, learners)
        source = "course checkpoint" if checkpoint_sources() else "bench checkpoint"

        baseline = run_measured([str(BIN / "python"), "-c", _BASELINE_SCRIPT, *map(str, submitted)])
        serial = nbgrader(course, "autograde", ASSIGNMENT)
        if graded_count(course) != len(submitted):
            raise RuntimeError(f"autograde graded {graded_count(course)} of {len(submitted)} notebooks:\n"
                               f"{serial.stderr[-3000:]}")
        shutil.rmtree(course / "autograded")
        parallel_s, parallel_peak = grade_parallel(course, workers)
        if graded_count(course) != len(submitted):
            raise RuntimeError(f"parallel autograde graded {graded_count(course)} of {len(submitted)}")

    label = f"nbclient, {learners} notebooks"
    return [
        Row(f"autograde: {learners} learners ({source})", label, baseline.seconds,
            "nbgrader autograde", serial.seconds, "s", goal=1.3, peak_memory_mb=serial.peak_rss_mb,
            note=f"{serial.seconds / learners:.2f} s per learner; nbclient peak {baseline.peak_rss_mb:.0f} MB"),
        Row(f"autograde: {learners} learners, {workers} processes", label, baseline.seconds,
            f"{workers} x nbgrader autograde --student", parallel_s, "s", goal=1.3,
            peak_memory_mb=parallel_peak, note="learners split by last digit of their id"),
    ]
