"""Every notebook in notebooks/ runs top to bottom under strict nbval, in a real kernel, with fresh saved work."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from activities.registry import ACTIVITIES
from support.paths import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SANITIZE = ROOT / "tests" / "activities" / "nbval_sanitize.cfg"
#: Notebooks that must show an activity: every registered one (activities/registry.py).
ACTIVITY_NOTEBOOKS = {Path(activity.notebook).name for activity in ACTIVITIES}
#: Activities whose notebook saves nothing until the learner types (the sentence editor saves its
#: text as it is typed: test_sentence_saved_work.py); every other one saves when it runs.
SAVES_NOTHING_WHEN_RUN = {"sentence-editor"}


def test_there_are_activity_notebooks():
    names = {nb.name for nb in NOTEBOOKS}
    assert ACTIVITY_NOTEBOOKS <= names


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_thin_and_hides_its_code(notebook):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    if notebook.name in ACTIVITY_NOTEBOOKS:
        assert code, f"{notebook.name} has no code cell to run the activity"
    for cell in code:
        source = "".join(cell["source"])
        assert len(source.strip().splitlines()) <= 3, f"{notebook.name}: code cells must stay 1-3 lines"
        assert "hide-input" in cell.get("metadata", {}).get("tags", []), f"{notebook.name}: code not hidden in the book"
        assert "sys.path" not in source


KEYBOARD_HELPER = "<activities.ui.keyboard_friendly_outputs.<locals>.KeepKeysInActivity object>"


def activity(title: str) -> str:
    return f'the activity "{title}"'


#: What each notebook's code cell shows in a fresh kernel with no saved work: the text outputs
#: after tests/nbval_sanitize.cfg (widget model ids are never compared by nbval).
SHOWS = {
    "choose-a-course.ipynb": [KEYBOARD_HELPER, activity("Choose a course")],
    "first-meeting-check-in.ipynb": [KEYBOARD_HELPER, activity("Check-in for a first meeting")],
    "make-a-flyer.ipynb": [KEYBOARD_HELPER, activity("Make a flyer")],
    "plan-your-circle.ipynb": [KEYBOARD_HELPER, activity("Plan your learning circle")],
    "plus-delta.ipynb": [KEYBOARD_HELPER, activity("Plus/Delta")],
    "sentence-editor.ipynb": [activity("Anybody can learn anything?")],
    "which-network.ipynb": [KEYBOARD_HELPER, activity("Which network is which?")],
}


def test_every_registered_activity_has_its_expected_outputs():
    missing = sorted(ACTIVITY_NOTEBOOKS - set(SHOWS))
    assert not missing, (
        f"no expected outputs for {missing}: add an entry to SHOWS in {__file__} (the text outputs "
        "its code cell shows in a fresh kernel, as for the other activities)")


def test_notebooks_store_no_outputs():
    """Stored widget outputs would greet a learner with "Error displaying widget: model not found"
    (or a dead copy of the activity) before the cell runs, and the book executes the notebooks
    itself: the expected outputs live in SHOWS instead."""
    assert {nb.name for nb in NOTEBOOKS} == set(SHOWS), f"SHOWS in {__file__} must name every notebook"
    for notebook in NOTEBOOKS:
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, notebook.name


def with_reference_outputs(notebook: Path, shows: list[str], folder: Path) -> Path:
    """A copy of ``notebook`` whose one code cell holds ``shows`` as its outputs, for nbval."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    (cell,) = [c for c in nb["cells"] if c["cell_type"] == "code"]
    cell["outputs"] = [{"output_type": "display_data", "data": {"text/plain": text}, "metadata": {}}
                       for text in shows]
    cell["execution_count"] = 1  # nbval refuses outputs on a cell that never ran
    copy = folder / notebook.name
    copy.write_text(json.dumps(nb), encoding="utf-8")
    return copy


def test_every_notebook_runs_under_strict_nbval(tmp_path):
    """nbval without --nbval-lax: an error, a warning printed by a cell or a changed output fails."""
    env_dir, references = tmp_path / "saved-work", tmp_path / "notebooks"
    references.mkdir()
    copies = [with_reference_outputs(nb, SHOWS[nb.name], references) for nb in NOTEBOOKS]
    # A reference that does not match: proves the outputs really are compared.
    (tmp_path / "wrong").mkdir()
    wrong = with_reference_outputs(ROOT / "notebooks" / "which-network.ipynb",
                                   [KEYBOARD_HELPER, activity("Which map is which?")], tmp_path / "wrong")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval", "--nbval-sanitize-with", str(SANITIZE),
         "-p", "no:cacheprovider", "-q", "--rootdir", str(tmp_path), *map(str, copies), str(wrong)],
        cwd=tmp_path, capture_output=True, text=True, timeout=600,
        env={**os.environ, "LEARNING_CIRCLES_DATA_DIR": str(env_dir)},
    )
    report = f"nbval:\n{result.stdout[-5000:]}\n{result.stderr[-2000:]}"
    failed = re.findall(r"^FAILED (\S+)", result.stdout, re.MULTILINE)
    assert [name.split("::")[0] for name in failed] == ["wrong/which-network.ipynb"], report
    assert 'the activity "Which map is which?"' in result.stdout, report  # failed on the comparison
    assert re.search(rf"\b{len(copies)} passed", result.stdout), report
    # The notebooks really ran the activities: they saved work into the temporary folder.
    for name in (activity.name for activity in ACTIVITIES if activity.name not in SAVES_NOTHING_WHEN_RUN):
        assert (env_dir / f"{name}.json").exists(), (
            f"{name}: its notebook ran but saved no work (if it saves only once the learner acts, "
            f"add it to SAVES_NOTHING_WHEN_RUN in {__file__})")
