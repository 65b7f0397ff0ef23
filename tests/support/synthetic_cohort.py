"""A cohort at the size trainers run (30 learners over every checkpoint) made for real with
nbgrader's gradebook API, and the notebooks nbgrader would leave in ``submitted/`` and
``autograded/``, without running nbgrader's steps (which would take an hour on two cores).

Each checkpoint gets a locked prompt, an autograded quick check (2 points) and a manually graded
reflection (3 points). Learner ``n`` has handed in the first ``n % (checkpoints + 1)``
checkpoints; of those, some are graded, some wait for manual grading, one every seven learners
failed autograding (collected, no graded copy), one every five wrote a short reflection, and the
last learner's latest work is collected but not autograded yet. The benchmarks use it too.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbgrader import utils
from nbgrader.api import Gradebook

from cohort.checkpoints import ASSIGNMENTS, nbgrader_config_text, notebook_name
from cohort.nbgrader_run import nbgrader_tools_on_path

LEARNERS = 30
FULL_REFLECTION = ("In our library the first meeting would open with names and a warm welcome, then we would "
                   "agree together how we support each other and what each person hopes to learn.")
SHORT = "Names, then goals."


def _meta(grade_id: str, **flags) -> dict:
    meta = {"grade_id": grade_id, "solution": False, "grade": False, "locked": False, "schema_version": 3,
            "task": False} | flags
    return {"nbgrader": meta}


def checkpoint_cells(assignment: str, reflection: str = "", answer: str = "") -> list:
    prompt = nbformat.v4.new_markdown_cell(f"**{assignment}**: how would you open your first meeting?",
                                           metadata=_meta("reflection-question", locked=True))
    check = nbformat.v4.new_code_cell(f"answer = {answer!r}",
                                      metadata=_meta("quick-check", solution=True, grade=True, points=2))
    answer_cell = nbformat.v4.new_markdown_cell(reflection or "YOUR ANSWER HERE",
                                                metadata=_meta("reflection", solution=True, grade=True, points=3))
    return [prompt, check, answer_cell]


@dataclass
class SyntheticCohort:
    course_dir: Path
    students: list[str]
    assignments: tuple[str, ...]
    #: (student, assignment) -> status the dashboard should show.
    expected: dict = field(default_factory=dict)
    #: learners a check flags (failed autograde, short reflection).
    flagged: set = field(default_factory=set)


def build_cohort(course_dir: Path, learners: int = LEARNERS, assignments: tuple[str, ...] = ASSIGNMENTS,
                 names: dict[int, str] | None = None, ids: dict[int, str] | None = None,
                 reflections: dict[int, str] | None = None) -> SyntheticCohort:
    """``names``/``ids``/``reflections`` replace the first name, the id or every reflection text of
    the learner with that number (hostile text goes there)."""
    names, ids, reflections = names or {}, ids or {}, reflections or {}
    course_dir = Path(course_dir)
    course_dir.mkdir(parents=True, exist_ok=True)
    (course_dir / "nbgrader_config.py").write_text(nbgrader_config_text("circle-30"), encoding="utf-8")
    students = [ids.get(n, f"learner-{n:02d}") for n in range(learners)]
    cohort = SyntheticCohort(course_dir, students, tuple(assignments))
    with nbgrader_tools_on_path(), Gradebook(f"sqlite:///{course_dir / 'gradebook.db'}") as gb:
        for assignment in assignments:
            _add_checkpoint(gb, assignment)
        for n, student in enumerate(students):
            gb.add_student(student, first_name=names.get(n, f"Learner {n:02d}"), last_name="Example")
            handed_in = n % (len(assignments) + 1)
            for position, assignment in enumerate(assignments[:handed_in]):
                last = position == handed_in - 1
                text = reflections.get(n, SHORT if n % 5 == 1 else FULL_REFLECTION)
                cells = checkpoint_cells(assignment, text, "b" if (n + position) % 2 else "a")
                _write(course_dir / "submitted" / student / assignment, assignment, cells)
                if last and n == learners - 1:
                    cohort.expected[(student, assignment)] = "collected, not autograded yet"
                    continue
                failed = last and n % 7 == 3
                if not failed:
                    _write(course_dir / "autograded" / student / assignment, assignment, cells)
                cohort.expected[(student, assignment)] = _grade(gb, assignment, student, n, position, failed)
                if failed or text == SHORT:
                    cohort.flagged.add(student)
            for assignment in assignments[handed_in:]:
                cohort.expected[(student, assignment)] = "not submitted"
    return cohort


def _add_checkpoint(gb, assignment: str) -> None:
    nb = notebook_name(assignment)
    gb.add_assignment(assignment)
    gb.add_notebook(nb, assignment)
    gb.add_grade_cell("quick-check", nb, assignment, max_score=2, cell_type="code")
    gb.add_grade_cell("reflection", nb, assignment, max_score=3, cell_type="markdown")
    gb.add_solution_cell("quick-check", nb, assignment)
    gb.add_solution_cell("reflection", nb, assignment)
    for cell in checkpoint_cells(assignment):
        meta = cell.metadata["nbgrader"]
        gb.add_source_cell(meta["grade_id"], nb, assignment, cell_type=cell.cell_type, locked=meta["locked"],
                           source=cell.source, checksum=utils.compute_checksum(cell))


def _grade(gb, assignment: str, student: str, n: int, position: int, failed: bool) -> str:
    """Grades as nbgrader's autograde (and, for some, the trainer in formgrader) leave them."""
    gb.add_submission(assignment, student, timestamp=dt.datetime(2026, 11, 2 + position, 9, n % 60))
    nb = notebook_name(assignment)
    check = gb.find_grade("quick-check", nb, assignment, student)
    check.auto_score = 0 if failed else 2 if (n + position) % 2 else 0
    check.needs_manual_grade = False
    reflection = gb.find_grade("reflection", nb, assignment, student)
    reflection.needs_manual_grade = True
    graded = not failed and (n + position) % 3 == 0
    if graded:
        reflection.manual_score = 1 if n % 5 == 1 else 3
        reflection.needs_manual_grade = False
        comment = gb.find_comment("reflection", nb, assignment, student)
        comment.manual_comment = f"Thank you, learner {n}: a clear plan."
    gb.db.commit()
    if failed:
        return "autograde failed"
    return "graded" if graded else "waiting for manual grading"


def _write(folder: Path, assignment: str, cells: list) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    notebook = nbformat.v4.new_notebook(cells=cells)
    nbformat.write(notebook, folder / f"{notebook_name(assignment)}.ipynb")
