""""How to use this activity", written once.

The launch instructions live here and nowhere else: ``LAUNCH`` is the sentence the widgets' "not
running" notes end with, and ``BOX`` is the Markdown box at the top of every activity notebook
(a MyST admonition: the built book and JupyterLab with jupyterlab-myst both render it). Each
notebook's box is generated from ``BOX`` and two texts of its own, kept in that cell's metadata
(``how_to_use``: ``use``, what to do with the activity; ``saved``, how its work is kept).

After changing ``BOX`` run ``python -m activities.how_to_use`` (it rewrites the boxes of the
registered notebooks); a test fails while any notebook's box differs from what it would write.
A new notebook's box, copied from another one, is adopted the same way: its two texts are read
from the box itself the first time.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .registry import ACTIVITIES, REPOSITORY_ROOT

#: How to start an activity that is not running, for the widgets' notes (plain text).
LAUNCH = ("open the notebook in JupyterLab with the Launch button (the rocket icon at the top of "
          "the page), then choose Run \u2192 Run All Cells.")

HEADING = ":::{admonition} How to use this activity"
_USE_START, _USE_END = "3. **Use it.** ", " You never need to write or change any code."

#: The box; ``{use}`` and ``{saved}`` come from the notebook's cell metadata.
BOX = HEADING + """
:class: how-to

1. **Start it.** On the course website, press **Try it here** above the activity picture: Python
   starts inside your browser (about 20 seconds the first time) and the activity works right in
   the page, with nothing to install; your work is kept in this browser only. Where there is no
   such button, or to use a full JupyterLab, click the rocket icon (**Launch**) at the top of the
   page and choose **Binder** (free, nothing to install; it can take a few minutes to start) or
   **JupyterHub** (if your organisation or trainer gave you one). Already in JupyterLab? Go on.
2. **Run it.** In JupyterLab, in the menu bar at the top, choose **Run \u2192 Run All Cells**. After a few seconds
   the activity appears below the grey code cell.
""" + _USE_START + "{use}" + _USE_END + """

{saved}
:::"""

METADATA_KEY = "how_to_use"


def box(use: str, saved: str) -> str:
    return BOX.replace("{use}", use.strip()).replace("{saved}", saved.strip())


def box_cell(notebook) -> "nbformat.NotebookNode | None":
    """The notebook's "How to use this activity" cell (None if it has none)."""
    return next((cell for cell in notebook.cells
                 if cell.cell_type == "markdown" and cell.source.lstrip().startswith(HEADING)), None)


def texts_of(cell) -> dict[str, str]:
    """The cell's own two texts: from its metadata, or read from the box (a copied box)."""
    if METADATA_KEY in cell.metadata:
        return dict(cell.metadata[METADATA_KEY])
    source = cell.source
    start = source.index(_USE_START) + len(_USE_START)
    end = source.index(_USE_END, start)
    saved = source[end + len(_USE_END):].strip()
    saved = saved[: -len(":::")].strip() if saved.endswith(":::") else saved
    return {"use": " ".join(source[start:end].split()), "saved": saved}


def expected_source(cell) -> str:
    texts = texts_of(cell)
    return box(texts["use"], texts["saved"])


def regenerate(path: Path) -> bool:
    """Rewrite the notebook's box from ``BOX``; True if the file changed."""
    # nbformat only for this authors' tool: the activities import LAUNCH from here, also in the
    # book's in-page Python, which has no nbformat.
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    cell = box_cell(notebook)
    if cell is None:
        raise ValueError(f"{path}: no cell starting with {HEADING!r} (copy one from another notebook)")
    texts = texts_of(cell)
    if cell.source == box(**texts) and cell.metadata.get(METADATA_KEY) == texts:
        return False
    cell.source, cell.metadata[METADATA_KEY] = box(**texts), texts
    nbformat.write(notebook, path)
    return True


def main() -> int:
    for activity in ACTIVITIES:
        path = REPOSITORY_ROOT / activity.notebook
        if regenerate(path):
            print(f"rewrote the box of {activity.notebook}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
