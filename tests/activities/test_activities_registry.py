"""The registry (activities/registry.py), the notebooks and _toc.yml agree: the tests' lists of
notebooks and pages come from the registry, so an activity missing from it would go unchecked."""
from __future__ import annotations

import nbformat

from activities.registry import ACTIVITIES
from support.paths import ROOT
from support.toc import notebook_pages, toc_entries

ADD_IT = "add an Activity(...) line to activities/registry.py, in course order"


def test_activity_names_are_unique():
    names = [activity.name for activity in ACTIVITIES]
    assert len(names) == len(set(names)), f"an activity is registered twice: {names}"


def test_every_registered_activity_has_its_notebook_and_its_page():
    for activity in ACTIVITIES:
        assert (ROOT / activity.notebook).is_file(), f"{activity.name}: no notebook {activity.notebook}"
        assert activity.docname in toc_entries(), f"{activity.name}: _toc.yml has no page {activity.docname}"


def test_every_notebook_is_a_registered_activity_in_course_order():
    registered = [activity.docname for activity in ACTIVITIES]
    on_disk = sorted(f"notebooks/{path.stem}" for path in (ROOT / "notebooks").glob("*.ipynb"))
    assert sorted(registered) == on_disk, f"notebooks/ and the registry differ: {ADD_IT}"
    assert registered == notebook_pages(), f"the registry's order is not _toc.yml's: {ADD_IT}"


def test_each_title_is_its_notebooks_first_heading():
    for activity in ACTIVITIES:
        cells = nbformat.read(ROOT / activity.notebook, as_version=4).cells
        first = next(cell for cell in cells if cell.cell_type == "markdown")
        heading = first.source.strip().splitlines()[0]
        assert heading == f"# {activity.title}", f"{activity.notebook}: heading {heading!r}, registered {activity.title!r}"
