"""Certificates for a cohort: one printable certificate per learner whose every checkpoint is
graded in nbgrader's gradebook, and the list of the others with what is still missing.

The page is the learner's own certificate (``activities.certificate.render``), with the 90-day
plan left blank to fill in by hand at the last meeting.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

from activities.certificate.eligibility import checkpoint_title
from activities.certificate.render import GRADED, PLAN_DAYS, Plan, certificate_page
from activities.safe_text import csv_bytes, slug

from .checkpoints import ASSIGNMENTS
from .nbgrader_run import nbgrader_tools_on_path

NOT_YET_NAME = "not-yet.csv"


@dataclass(frozen=True)
class LearnerStanding:
    student: str
    name: str
    #: "<module>: what is missing", in plain words; empty when every checkpoint is graded.
    missing: tuple[str, ...]

    @property
    def shown_name(self) -> str:
        return self.name or self.student


def _checkpoint_missing(gb, course_dir: Path, assignment: str, student: str) -> str | None:
    try:
        submission = gb.find_submission(assignment, student)
    except MissingEntry:
        if (course_dir / "submitted" / student / assignment).is_dir():
            return f"handed in, not autograded yet (python -m cohort autograde {course_dir} {assignment})"
        return "not handed in yet"
    if submission.needs_manual_grade:
        return "its reflections are waiting to be graded in the Formgrader"
    return None


def cohort_standings(course_dir: Path) -> list[LearnerStanding]:
    """Every learner of the gradebook (by id), with what stands between them and a certificate."""
    course_dir = Path(course_dir)
    titles = {assignment: checkpoint_title(assignment) for assignment in ASSIGNMENTS}
    standings = []
    with nbgrader_tools_on_path(), Gradebook(f"sqlite:///{course_dir / 'gradebook.db'}") as gb:
        for student in sorted(gb.students, key=lambda s: s.id):
            name = " ".join(" ".join(part.split()) for part in (student.first_name, student.last_name) if part)
            missing = []
            for assignment in ASSIGNMENTS:
                problem = _checkpoint_missing(gb, course_dir, assignment, student.id)
                if problem:
                    missing.append(f"{titles[assignment]}: {problem}")
            standings.append(LearnerStanding(student.id, name, tuple(missing)))
    return standings


def certificate_file_name(student: str, taken: set[str]) -> str:
    stem = slug(student, "learner")
    name, number = f"{stem}-certificate.html", 2
    while name in taken:  # two ids with the same ASCII form ("José", "jose") keep separate files
        name, number = f"{stem}-{number}-certificate.html", number + 1
    return name


def write_certificates(course_dir: Path, out: Path, today: date | None = None) -> tuple[list[Path], list[LearnerStanding]]:
    """The certificates of the learners who are done, and ``not-yet.csv`` listing the others.
    Returns (the certificates written, the learners not done yet)."""
    today = today or date.today()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    modules = [checkpoint_title(assignment) for assignment in ASSIGNMENTS]
    blank_plan = Plan(today + timedelta(days=PLAN_DAYS), None, "", "")
    written, not_yet, taken = [], [], set()
    for standing in cohort_standings(course_dir):
        if standing.missing:
            not_yet.append(standing)
            continue
        file_name = certificate_file_name(standing.student, taken)
        taken.add(file_name)
        path = out / file_name
        path.write_text(certificate_page(standing.shown_name, today, modules, GRADED, blank_plan), encoding="utf-8")
        written.append(path)
    rows = [[s.student, s.name, "; ".join(s.missing)] for s in not_yet]
    (out / NOT_YET_NAME).write_bytes(csv_bytes(["student", "name", "still missing"], rows))
    return written, not_yet
