"""Test helpers for the checkpoints: learners acting through nbgrader's own CLI.

nbgrader's exchange names a submission after the unix user unless ``--student`` is given; here
every learner is one unix account with their own HOME and working folder, fetching with
``nbgrader fetch_assignment`` and submitting with ``nbgrader submit --student <id>``.
"""
from __future__ import annotations

import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat

from cohort.course import StepResult, run_nbgrader

# Reflections a learner might write: emoji, right-to-left, HTML/script, markdown, formulas, NUL.
LONG_REFLECTION = (
    "I would welcome everyone 🌱👩🏽‍🏫 and say: this is not a class, we are here to support each "
    "other. Then I would ask each person what they hope to get out of the next six weeks, and we "
    "would agree together whether there is homework.\n\n"
    "مرحبا بكم في حلقة التعلم — everyone is welcome.\n"
    "<script>alert('x')</script><img src=x onerror=alert(1)> & \"quotes\" 'too'"
)
SECOND_REFLECTION = (
    "=SUM(A1:A9) looks like a formula but it is my answer. Next week we would work in pairs around "
    "one shared screen, keep the coursework as the main part, add a short group activity that "
    "links the course to our library, and start by telling the group that their deltas led to "
    "this change.\n\n* a list item\n* **bold** and `code`"
)
SHORT_REFLECTION = "Say hello, ask goals.\x00 Not a class! \u202eRTL override\u202c"


def learner_env(home: Path) -> dict[str, str]:
    return {"HOME": str(home), "JUPYTER_CONFIG_DIR": str(home / ".jupyter"),
            "JUPYTER_DATA_DIR": str(home / ".local" / "share" / "jupyter")}


def learner_home(root: Path, student: str) -> Path:
    home = root / "learners" / student
    home.mkdir(parents=True, exist_ok=True)
    return home


def fetch(home: Path, course_id: str, exchange: Path, assignment: str) -> StepResult:
    return run_nbgrader(home, "fetch_assignment", assignment, "--course", course_id,
                        f"--Exchange.root={exchange}", env=learner_env(home))


def submit(home: Path, course_id: str, exchange: Path, assignment: str, student: str) -> StepResult:
    return run_nbgrader(home, "submit", assignment, "--course", course_id, "--student", student,
                        f"--Exchange.root={exchange}", env=learner_env(home))


def in_parallel(calls) -> list:
    """Run independent learner commands side by side (each is its own nbgrader process)."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda call: call(), calls))


def answer_notebook(path: Path, answers: dict[str, str]) -> None:
    """Write answers the way a learner would: reflection text into a markdown answer cell,
    a value between the quotes of a quick-check cell (``answer = "..."``)."""
    notebook = nbformat.read(path, as_version=4)
    seen = set()
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            seen.add(grade_id)
            if cell.cell_type == "markdown":
                cell.source = answers[grade_id]
            else:
                assert 'answer = ""' in cell.source, cell.source
                cell.source = cell.source.replace('answer = ""', f"answer = {json.dumps(answers[grade_id])}")
    assert seen == set(answers), f"no such cells: {set(answers) - seen}"
    nbformat.write(notebook, path)


def edit_notebook(path: Path, edit) -> None:
    notebook = nbformat.read(path, as_version=4)
    edit(notebook)
    nbformat.write(notebook, path)


def cell_by_id(notebook, grade_id: str):
    return next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def copy_fetched(source_home: Path, target_home: Path, assignment: str) -> Path:
    """A fresh copy of what nbgrader fetched (the same release file every learner gets)."""
    target = target_home / assignment
    shutil.copytree(source_home / assignment, target)
    return target
