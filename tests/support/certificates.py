"""Learners' copies of the checkpoint notebooks for the certificate's tests, filled in as a learner
would (support.checkpoints.answer_notebook): every quick check in the form its visible check asks
for (read from the check's own "Not yet" message), every reflection with a few sentences."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat

from cohort.checkpoints import ASSIGNMENTS, STUDENT_ROOT
from support.checkpoints import LONG_REFLECTION, answer_notebook

_ANSWER = "-answer"


def form_answer(check_source: str) -> str:
    """An answer in the right form for a quick check, from what its "Not yet" message asks."""
    asked = re.search(r'NotYet\("([^"]*)"\)', check_source).group(1)
    if "number" in asked:
        return "6"
    letters = re.search(r"each of the letters ([a-z, and]+) once", asked)
    if letters:
        return "".join(reversed(re.findall(r"\b[a-z]\b", letters.group(1))))
    return "b" if "b" in asked else "a"


def answers_for(notebook_path: Path) -> dict[str, str]:
    """Every question of a checkpoint notebook answered: grade id -> what the learner types."""
    notebook = nbformat.read(notebook_path, as_version=4)
    ids = {cell.metadata.get("nbgrader", {}).get("grade_id"): cell for cell in notebook.cells}
    answers = {}
    for grade_id, cell in ids.items():
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and cell.cell_type == "markdown":
            answers[grade_id] = LONG_REFLECTION
        elif meta.get("solution") and grade_id.endswith(_ANSWER):
            answers[grade_id] = form_answer(ids[grade_id.removesuffix(_ANSWER)].source)
    return answers


def learner_copy(folder: Path, filled=ASSIGNMENTS) -> Path:
    """A copy of the student checkpoints in ``folder``; the ``filled`` ones answered completely."""
    root = folder / "checkpoints" / "student"
    shutil.copytree(STUDENT_ROOT, root)
    for assignment in filled:
        for path in (root / assignment).glob("*.ipynb"):
            answer_notebook(path, answers_for(path))
    return root
