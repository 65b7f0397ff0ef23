""""How to use this activity" is written once (activities/how_to_use.py): every activity notebook's
box is what ``python -m activities.how_to_use`` would write, and the widgets' notes end with the
same launch instructions."""
from __future__ import annotations

import shutil

import nbformat
import pytest

from activities import how_to_use, ui
from activities.registry import ACTIVITIES
from activities.sentence_editor.view import NOT_RUNNING_NOTE
from support.paths import ROOT

REGENERATE = "run `python -m activities.how_to_use` after changing activities/how_to_use.py"


@pytest.mark.parametrize("activity", ACTIVITIES, ids=lambda a: a.name)
def test_each_notebook_box_is_generated_from_the_one_source(activity):
    notebook = nbformat.read(ROOT / activity.notebook, as_version=4)
    boxes = [cell for cell in notebook.cells if how_to_use.HEADING in cell.source]
    assert len(boxes) == 1, f"{activity.notebook}: {len(boxes)} 'How to use this activity' boxes"
    cell = boxes[0]
    assert how_to_use.METADATA_KEY in cell.metadata, f"{activity.notebook}: box not adopted; {REGENERATE}"
    assert cell.source == how_to_use.expected_source(cell), f"{activity.notebook}: box out of date; {REGENERATE}"
    texts = cell.metadata[how_to_use.METADATA_KEY]
    assert texts["use"] in cell.source and texts["saved"] in cell.source


def test_changing_the_launch_steps_is_one_edit_and_a_regenerate(tmp_path, monkeypatch):
    path = tmp_path / "which-network.ipynb"
    shutil.copy(ROOT / "notebooks" / "which-network.ipynb", path)
    assert how_to_use.regenerate(path) is False  # up to date: the file is left alone
    changed = how_to_use.BOX.replace("the rocket icon", "the rocket-shaped icon")
    monkeypatch.setattr(how_to_use, "BOX", changed)
    assert how_to_use.regenerate(path) is True
    cell = how_to_use.box_cell(nbformat.read(path, as_version=4))
    assert "the rocket-shaped icon" in cell.source and "Press *Try again* to start over." in cell.source
    assert cell.source.endswith("come back later.\n:::")


def test_a_copied_box_is_adopted_with_its_own_texts(tmp_path):
    notebook = nbformat.read(ROOT / "notebooks" / "plus-delta.ipynb", as_version=4)
    cell = how_to_use.box_cell(notebook)
    del cell.metadata[how_to_use.METADATA_KEY]  # as if pasted from another notebook's source
    path = tmp_path / "new-activity.ipynb"
    nbformat.write(notebook, path)
    assert how_to_use.regenerate(path) is True
    texts = how_to_use.box_cell(nbformat.read(path, as_version=4)).metadata[how_to_use.METADATA_KEY]
    assert texts == {"use": "Fill in the boxes and press *Add entry*.", "saved": "Everything is saved as soon as it is added."}


def test_the_widgets_not_running_notes_share_the_launch_instructions():
    for note in (ui.NOT_CONNECTED_NOTE, NOT_RUNNING_NOTE):
        assert note.endswith(how_to_use.LAUNCH)
    assert "Run \u2192 Run All Cells" in how_to_use.LAUNCH and "Run \u2192 Run All Cells" in how_to_use.BOX
