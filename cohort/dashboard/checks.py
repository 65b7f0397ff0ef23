"""The dashboard's problem checks: one function per check (as nbgrader has one preprocessor a
file), each taking what was gathered about one submission and returning problem rows.

A new check is one function here, added to :data:`SUBMISSION_CHECKS` (or to
:data:`REFLECTION_CHECKS` when it looks at the reflections). Checks never raise on what learners
handed in: an unreadable file is itself a finding.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from nbgrader import utils

from ..checkpoints import MIN_REFLECTION_WORDS
from ..sandbox import dashboard_problems
from .report import problem


@dataclass
class Submission:
    """One learner's collected submission of one checkpoint, as the checks see it."""

    course_dir: Path
    assignment: str
    student: str
    #: The checkpoint's notebooks in the gradebook (nbgrader ``Notebook`` rows).
    notebooks: list
    #: Notebook files in ``submitted/``, by file name.
    files: list[str]
    #: What could be read, by gradebook notebook name (nbformat notebooks).
    read: dict = field(default_factory=dict)
    #: Why a notebook could not be read, by gradebook notebook name.
    unreadable: dict[str, str] = field(default_factory=dict)
    #: Checksums in the released notebooks, by notebook name (what learners received).
    released: dict[str, dict[str, str]] = field(default_factory=dict)
    #: The text of every answer cell found, by ``(notebook, grade id)`` (the autograded copy's
    #: where there is one, as formgrader shows it).
    answers: dict[tuple[str, str], str] = field(default_factory=dict)
    collected: bool = False
    autograded: bool = False
    in_gradebook: bool = False

    def found(self, kind: str, detail: str) -> dict:
        return problem(self.student, self.assignment, kind, detail)


def _grade_ids(notebook) -> dict:
    """The learner's cells that carry nbgrader metadata, by grade id."""
    cells = {}
    for cell in notebook.cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id:
            cells[grade_id] = cell
    return cells


def unexpected_notebooks(sub: Submission) -> list[dict]:
    expected = {f"{nb.name}.ipynb" for nb in sub.notebooks}
    return [sub.found("unexpected notebook", f"{extra} is not part of the checkpoint, so nbgrader ignores it "
                      "(renamed? rename it back in submitted/ and autograde again)")
            for extra in sorted(name for name in sub.files if name not in expected)]


def missing_notebooks(sub: Submission) -> list[dict]:
    return [sub.found("missing notebook", f"{nb.name}.ipynb was not handed in (nbgrader scores it 0)")
            for nb in sub.notebooks if f"{nb.name}.ipynb" not in sub.files]


def unreadable_notebooks(sub: Submission) -> list[dict]:
    return [sub.found("unreadable notebook", f"{name}.ipynb: {reason}") for name, reason in sub.unreadable.items()]


def empty_notebooks(sub: Submission) -> list[dict]:
    return [sub.found("empty notebook", f"{name}.ipynb has no cells")
            for name, notebook in sub.read.items() if not notebook.cells]


def deleted_cells(sub: Submission) -> list[dict]:
    """Test, answer and read-only cells of the checkpoint that are gone from the learner's copy."""
    found = []
    for nb in sub.notebooks:
        notebook = sub.read.get(nb.name)
        if notebook is None or not notebook.cells:
            continue
        present = _grade_ids(notebook)
        grade_ids = {cell.name for cell in nb.grade_cells}
        solution_ids = {cell.name for cell in nb.solution_cells}
        source_cells = {cell.name: cell for cell in nb.source_cells}
        missing = {
            "deleted test cell": [name for name in source_cells if name in grade_ids
                                  and name not in solution_ids and name not in present],
            "deleted answer cell": [name for name in source_cells if name in solution_ids and name not in present],
            "deleted read-only cell": [name for name, cell in source_cells.items() if cell.locked
                                       and name not in grade_ids and name not in present],
        }
        found += [sub.found(label, ", ".join(names)) for label, names in missing.items() if names]
    return found


def edited_read_only_cells(sub: Submission) -> list[dict]:
    """Locked cells whose nbgrader checksum differs from the released one."""
    found = []
    for nb in sub.notebooks:
        notebook = sub.read.get(nb.name)
        if notebook is None:
            continue
        released = sub.released.get(nb.name, {})
        source_cells = {cell.name: cell for cell in nb.source_cells}
        edited = []
        for name, cell in _grade_ids(notebook).items():
            source_cell = source_cells.get(name)
            if source_cell is None or not source_cell.locked:
                continue
            try:
                changed = utils.compute_checksum(cell) != released.get(name, source_cell.checksum)
            except Exception:  # broken nbgrader metadata counts as an edit of the locked cell
                changed = True
            if changed:
                edited.append(name)
        if edited:
            found.append(sub.found("edited read-only cell", ", ".join(edited) + " (nbgrader graded the original instead)"))
    return found


def autograde_failed(sub: Submission) -> list[dict]:
    if sub.autograded or not sub.in_gradebook:
        return []
    return [sub.found("autograde failed", "nbgrader could not grade this submission; see the autograde log")]


def sandbox_problems(sub: Submission) -> list[dict]:
    """What the sandboxed grading run blocked or stopped (limits, attempts to reach others' work)."""
    try:
        return [sub.found(kind, detail) for kind, detail in dashboard_problems(sub.course_dir, sub.assignment, sub.student)]
    except Exception as error:  # a broken grading report is itself a finding, never a crash
        return [sub.found("grading report unreadable", repr(error)[:200])]


#: Every check of a collected submission, in the order the problems table lists them.
SUBMISSION_CHECKS = (unexpected_notebooks, missing_notebooks, unreadable_notebooks, empty_notebooks,
                     deleted_cells, edited_read_only_cells, autograde_failed, sandbox_problems)


def short_reflections(sub: Submission, answers: list[dict]) -> list[dict]:
    """Reflections written but shorter than the checkpoints ask for."""
    return [sub.found("short reflection",
                      f"{a['question_id']}: {a['words']} words (at least {MIN_REFLECTION_WORDS} asked for)")
            for a in answers if a["answered"] and a["words"] < MIN_REFLECTION_WORDS]


def empty_submission(sub: Submission, answers: list[dict]) -> list[dict]:
    """Handed in with its answer cells, but not one reflection written."""
    if not answers or not sub.answers or any(a["answer"] for a in answers):
        return []
    return [sub.found("empty submission", "no reflection was written")]


#: Checks of one learner's reflections on one checkpoint (``answers``: the reflection rows, one
#: per question, of a submission in the gradebook).
REFLECTION_CHECKS = (short_reflections, empty_submission)
