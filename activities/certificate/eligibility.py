"""Is each checkpoint done? Read from the learner's own copies of the checkpoint notebooks.

A checkpoint is done when nbgrader's own validator (the **Validate** button of the notebook)
finds nothing to fix: every quick check passes and every reflection has an answer. What it finds
is turned into plain sentences naming the question. The checkpoints are the course's one list,
``cohort.checkpoints.ASSIGNMENTS``; self-paced learners fill in the student versions
(``checkpoints/student/<name>/checkpoint-<name>.ipynb``) in their copy of the course.
"""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
from nbgrader.validator import Validator

from cohort.checkpoints import ASSIGNMENTS, STUDENT_ROOT, notebook_name

from ..safe_text import shorten
from .model import CheckpointResult

_QUESTION_SUFFIX = "-question"
_ANSWER_SUFFIX = "-answer"
#: A sentence ends at . ? or ! before a space and anything but a small letter or a quotation mark
#: (so a question quoted inside a prompt does not cut it short).
_SENTENCE = re.compile(r""".+?[.?!](?=\s+[^a-z"']|$)""")


class _NamingValidator(Validator):
    """nbgrader's validator, also keeping the cells it found failing (its result has only their
    source, and two quick checks can share the same source)."""

    failed_cells: list

    def _get_failed_cells(self, nb):
        self.failed_cells = super()._get_failed_cells(nb)
        return self.failed_cells


def notebook_path(assignment: str, root: Path = STUDENT_ROOT) -> Path:
    return Path(root) / assignment / f"{notebook_name(assignment)}.ipynb"


def checkpoint_title(assignment: str, root: Path = STUDENT_ROOT) -> str:
    """The module a checkpoint belongs to, from the first heading of its student notebook
    ("# Checkpoint: Getting ready" gives "Getting ready")."""
    try:
        first = nbformat.read(notebook_path(assignment, root), as_version=4).cells[0].source
        heading = first.splitlines()[0].lstrip("# ").strip()
    except Exception:  # a missing or broken copy still needs a name to report it under
        return assignment.replace("-", " ").capitalize()
    return heading.split(":", 1)[1].strip() if ":" in heading else heading


def _question(notebook, grade_id: str) -> str:
    """A question's prompt in one short line (its first question, else its first sentence)."""
    base = grade_id.removesuffix(_ANSWER_SUFFIX)
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == base + _QUESTION_SUFFIX:
            text = " ".join(cell.source.replace("Quick check.", "").replace("*", "").replace("\u201c", "").replace("\u201d", "").split())
            sentences = _SENTENCE.findall(text) or [text]
            asked = next((s for s in sentences if s.endswith("?")), sentences[0])
            return "\u201c" + shorten(asked.strip(), 100) + "\u201d"
    return f"the question {base}"


def _graded_ids(notebook) -> set[str]:
    return {cell.metadata["nbgrader"]["grade_id"] for cell in notebook.cells
            if cell.metadata.get("nbgrader", {}).get("grade")}


def _deleted_questions(notebook, assignment: str) -> bool:
    """Did the learner's copy lose a graded cell of the course's own release? (nbgrader's
    validator checks only the cells still there, so an emptied notebook would pass.)"""
    try:
        released = nbformat.read(notebook_path(assignment, STUDENT_ROOT), as_version=4)
    except Exception:  # the course's own copy is missing: nothing to compare with
        return False
    return not _graded_ids(released) <= _graded_ids(notebook)


def check_checkpoint(assignment: str, root: Path = STUDENT_ROOT, timeout: int = 60) -> CheckpointResult:
    """One checkpoint as it stands in the learner's notebook (runs it in a fresh kernel)."""
    path = notebook_path(assignment, root)
    title = checkpoint_title(assignment, root)
    if not path.exists():
        return CheckpointResult(assignment, title, (f"its notebook is not there ({path.name}): open the "
                                                    "checkpoint, answer it and save it.",))
    try:
        notebook = nbformat.read(path, as_version=4)
        validator = _NamingValidator()
        validator.failed_cells = []
        validator.config.Execute.timeout = timeout
        found = validator.validate(str(path))
    except Exception as error:  # a corrupt file is a finding for the learner, never a traceback
        return CheckpointResult(assignment, title, (f"its notebook could not be read or run ({type(error).__name__}); "
                                                    "open it in JupyterLab to see why, or start again from a fresh copy.",))
    missing = []
    if _deleted_questions(notebook, assignment):
        missing.append("some of its questions or checks were deleted: start again from a fresh copy of the "
                       "checkpoint and copy your answers into it.")
    if found.get("type_changed") or found.get("changed"):
        missing.append("a locked box (a question or a check) was changed: start again from a fresh copy of the "
                       "checkpoint and copy your answers into it.")
    for cell in validator.failed_cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if cell.cell_type == "markdown":
            missing.append(f"the reflection {_question(notebook, grade_id)} has no answer yet.")
        else:
            missing.append(f"the quick check {_question(notebook, grade_id)} does not pass yet: type your "
                           "answer between the quotes, then run both boxes.")
    return CheckpointResult(assignment, title, tuple(missing))


def check_all(root: Path = STUDENT_ROOT, assignments=ASSIGNMENTS) -> list[CheckpointResult]:
    """Every checkpoint of the course, in course order."""
    return [check_checkpoint(assignment, root) for assignment in assignments]
