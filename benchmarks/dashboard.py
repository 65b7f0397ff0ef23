"""Benchmark 6: making the cohort dashboard for 30 learners x 6 checkpoints vs reading the same
gradebook with nbgrader's API alone.

The cohort is the tests' synthetic one (``tests/support/synthetic_cohort.py``: a real nbgrader
gradebook made through its API, and the learners' notebooks in ``submitted/`` and
``autograded/``), with the course's checkpoints padded to six. Baseline: every learner's
submission of every checkpoint and each of its grades and comments read through
``nbgrader.api.Gradebook`` (what any report on a gradebook has to do). Measured: ``python -m
cohort dashboard``'s work in-process (``load_cohort`` + ``write_dashboard``: the notebooks read and
checked, every page and CSV written). Medians of alternating runs.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from .core import ROOT, Row

NAME = "dashboard"
LEARNERS, QUICK_LEARNERS = 30, 6
ROUNDS, QUICK_ROUNDS = 5, 1


def _cohort(folder: Path, learners: int):
    sys.path.insert(0, str(ROOT / "tests"))  # the tests' synthetic cohort (support/)
    from support.synthetic_cohort import build_cohort

    from cohort.checkpoints import ASSIGNMENTS

    checkpoints = ASSIGNMENTS + tuple(f"later-{n}" for n in range(6 - len(ASSIGNMENTS)))
    return build_cohort(folder / "course", learners, checkpoints)


def read_with_nbgrader(course_dir: Path) -> int:
    """Every submission's grades and comments through nbgrader's API; returns how many grades."""
    from nbgrader.api import Gradebook, MissingEntry

    grades = 0
    with Gradebook(f"sqlite:///{course_dir / 'gradebook.db'}") as gb:
        for assignment in gb.assignments:
            for student in gb.students:
                try:
                    submission = gb.find_submission(assignment.name, student.id)
                except MissingEntry:
                    continue
                _ = (submission.score, submission.max_score, submission.needs_manual_grade)
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        _ = (grade.score, grade.max_score, grade.needs_manual_grade)
                        grades += 1
                    for comment in notebook.comments:
                        _ = comment.comment
    return grades


def make_dashboard(course_dir: Path, out: Path) -> int:
    from cohort.dashboard import load_cohort, write_dashboard

    return len(write_dashboard(load_cohort(course_dir), out))


def _timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def run(quick: bool = False) -> list[Row]:
    learners, rounds = (QUICK_LEARNERS, QUICK_ROUNDS) if quick else (LEARNERS, ROUNDS)
    with tempfile.TemporaryDirectory(prefix="bench-dashboard-") as scratch:
        folder = Path(scratch)
        cohort = _cohort(folder, learners)
        make_dashboard(cohort.course_dir, folder / "warm-up")  # imports and caches, not measured
        baseline, measured = [], []
        for n in range(rounds):
            baseline.append(_timed(lambda: read_with_nbgrader(cohort.course_dir)))
            measured.append(_timed(lambda n=n: make_dashboard(cohort.course_dir, folder / f"out-{n}")))
        tracemalloc.start()
        files = make_dashboard(cohort.course_dir, folder / "memory")
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    checkpoints = len(cohort.assignments)
    return [Row(f"dashboard: {learners} learners x {checkpoints} checkpoints", "nbgrader API read",
                statistics.median(baseline), "load_cohort + write_dashboard", statistics.median(measured), "s",
                goal=5.0, peak_memory_mb=peak,
                note=f"{files} files written (pages, CSVs, chart, script); median of {rounds}")]
