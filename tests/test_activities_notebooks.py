"""Every notebook in notebooks/ runs top to bottom under nbval, in a real kernel, with fresh saved work."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
#: Notebooks that must show an activity (the sentence editor has its own tests).
ACTIVITY_NOTEBOOKS = {"which-network.ipynb", "plan-your-circle.ipynb", "plus-delta.ipynb",
                      "first-meeting-check-in.ipynb"}


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


def test_every_notebook_runs_under_nbval(tmp_path):
    env_dir = tmp_path / "saved-work"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider", "-q",
         "--rootdir", str(tmp_path), *map(str, NOTEBOOKS)],
        cwd=tmp_path, capture_output=True, text=True, timeout=600,
        env={**__import__("os").environ, "LEARNING_CIRCLES_DATA_DIR": str(env_dir)},
    )
    assert result.returncode == 0, f"nbval failed:\n{result.stdout[-5000:]}\n{result.stderr[-2000:]}"
    assert " passed" in result.stdout
    # The notebooks really ran the activities: they saved work into the temporary folder.
    assert (env_dir / "which-network.json").exists()
    assert (env_dir / "plan-your-circle.json").exists()
    assert (env_dir / "plus-delta.json").exists()
    assert (env_dir / "first-meeting-check-in.json").exists()
