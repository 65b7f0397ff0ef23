"""The trainers' table of checkpoints (Running a cohort) lists every checkpoint of the course, in
course order, with the module's title and the numbers of questions its notebook really has."""
from __future__ import annotations

import re

import nbformat

from cohort.checkpoints import ASSIGNMENTS, SOURCE_ROOT, notebook_name
from support.paths import ROOT

_ROW = re.compile(r"^\| (?P<module>[^|]+?) \| `(?P<name>[a-z-]+)` \| (?P<reflections>\d+) \(3 points each\) \| "
                  r"(?P<checks>\d+) \(1 point each\) \|$", re.M)


def _what_the_notebook_has(assignment: str) -> tuple[str, int, int]:
    notebook = nbformat.read(SOURCE_ROOT / assignment / f"{notebook_name(assignment)}.ipynb", as_version=4)
    title = notebook.cells[0].source.splitlines()[0].removeprefix("# Checkpoint: ")
    answers = [cell for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("solution")]
    reflections = sum(cell.cell_type == "markdown" for cell in answers)
    return title, reflections, len(answers) - reflections


def test_the_table_of_checkpoints_follows_the_course():
    page = (ROOT / "book" / "about" / "cohort-workflow.md").read_text(encoding="utf-8")
    rows = [match.groupdict() for match in _ROW.finditer(page)]
    assert [row["name"] for row in rows] == list(ASSIGNMENTS)
    for row in rows:
        assert (row["module"], int(row["reflections"]), int(row["checks"])) == _what_the_notebook_has(row["name"])
    count = {3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}[len(ASSIGNMENTS)]
    assert f"all {count} checkpoints" in page


def test_the_trainers_guide_names_every_checkpoint_in_course_order():
    page = (ROOT / "book" / "about" / "for-trainers.md").read_text(encoding="utf-8")
    listed = "one checkpoint per module, in course order: " + ", ".join(f"`{a}`" for a in ASSIGNMENTS[:-1])
    assert " ".join((listed + f" and `{ASSIGNMENTS[-1]}`.").split()) in " ".join(page.split())
    # The nbgitpuller links for groups without nbgrader: every learners' version, in course order.
    linked = re.findall(r"checkpoints/student/([a-z-]+)/(checkpoint-[a-z-]+\.ipynb)", page)
    assert linked == [(a, f"{notebook_name(a)}.ipynb") for a in ASSIGNMENTS]
    assert all((ROOT / "checkpoints" / "student" / folder / name).exists() for folder, name in linked)
