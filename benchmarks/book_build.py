"""Benchmark 2: cold book build vs a warm rebuild after editing one page (jupyter-cache on).

Cold: a fresh copy of the repository with no ``_build`` (so no jupyter-cache either), built as
``./run.sh build`` does (``jupyter-book build -W -n --keep-going``): every notebook executes.
Warm: the same copy rebuilt after appending a sentence to one Markdown page, and after editing
the prose (not the code) of one notebook: Sphinx rewrites what changed and jupyter-cache keeps
every notebook's outputs because no code cell changed. A last rebuild with nothing changed shows
the fixed cost every rebuild pays (starting jupyter-book and Sphinx).
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import nbformat

from .core import BIN, ROOT, Row, run_measured

NAME = "book"
EDITED_PAGE = "book/learning-circles/what-is-a-learning-circle.md"
EDITED_NOTEBOOK = "notebooks/sentence-editor.ipynb"
IGNORE = shutil.ignore_patterns(".venv", "_build", ".git", "__pycache__", ".pytest_cache", ".hypothesis",
                                "node_modules", "*.egg-info", "benchmarks")


def copy_repository(target: Path) -> Path:
    src = target / "src"
    shutil.copytree(ROOT, src, ignore=IGNORE)
    if (ROOT / "node_modules").is_dir():  # widget scripts the book serves (npm ci); 130 MB, so link
        (src / "node_modules").symlink_to(ROOT / "node_modules")
    return src


def build(src: Path, saved_work: Path):
    env = dict(os.environ, LEARNING_CIRCLES_DATA_DIR=str(saved_work))
    return run_measured([str(BIN / "jupyter-book"), "build", str(src), "-W", "-n", "--keep-going"],
                        env=env, timeout=1800)


def edit_page(src: Path) -> None:
    page = src / EDITED_PAGE
    if not page.exists():
        page = next((src / "book").rglob("*.md"))
    page.write_text(page.read_text() + "\n\nA sentence added by the book-build benchmark.\n")


def edit_notebook_prose(src: Path) -> None:
    path = src / EDITED_NOTEBOOK
    nb = nbformat.read(path, as_version=4)
    first_markdown = next(c for c in nb.cells if c.cell_type == "markdown")
    first_markdown.source += "\n\nA sentence added by the book-build benchmark."
    nbformat.write(nb, path)


def run(quick: bool = False) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="lc-bench-book-") as tmp:
        base = Path(tmp)
        src = copy_repository(base)
        cold = build(src, base / "saved-work")
        cache = src / "_build" / ".jupyter_cache"
        if not cache.is_dir():
            raise RuntimeError("no jupyter-cache after the cold build: is execute_notebooks still 'cache'?")
        edit_page(src)
        warm_page = build(src, base / "saved-work")
        rows = [Row("book: rebuild after editing one page", "cold build", cold.seconds,
                    "warm rebuild", warm_page.seconds, "s", goal=0.15, peak_memory_mb=warm_page.peak_rss_mb,
                    note=f"cold build peak {cold.peak_rss_mb:.0f} MB; edited {EDITED_PAGE}")]
        if not quick:
            edit_notebook_prose(src)
            warm_nb = build(src, base / "saved-work")
            rows.append(Row("book: rebuild after editing a notebook's prose", "cold build", cold.seconds,
                            "warm rebuild", warm_nb.seconds, "s", goal=0.15, peak_memory_mb=warm_nb.peak_rss_mb,
                            note=f"edited a Markdown cell of {EDITED_NOTEBOOK} (cached outputs reused)"))
            unchanged = build(src, base / "saved-work")
            rows.append(Row("book: rebuild with nothing changed", "cold build", cold.seconds,
                            "no-op rebuild", unchanged.seconds, "s", peak_memory_mb=unchanged.peak_rss_mb,
                            note="the floor of any rebuild: starting jupyter-book and Sphinx"))
    return rows
