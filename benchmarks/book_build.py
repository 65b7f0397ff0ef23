"""Benchmark 2: cold book build vs a warm rebuild after editing one page (jupyter-cache on).

Cold: a fresh copy of the repository with no ``_build`` (so no jupyter-cache either), built as
``./run.sh build`` does (``jupyter-book build -W -n --keep-going``): every notebook executes.
Warm: the same copy rebuilt after appending a sentence to one Markdown page, and after editing
the prose (not the code) of one notebook: Sphinx rewrites what changed and jupyter-cache keeps
every notebook's outputs because no code cell changed. A last rebuild with nothing changed shows
the fixed cost every rebuild pays (starting jupyter-book and Sphinx).

Preview: the same copy served by ``book/preview.py`` (``./run.sh preview``), which keeps one Sphinx
application alive. Each edit is timed from writing the file to the preview serving the page with
the new text over HTTP: what an author waits for after pressing save, including the watcher's
polling interval.
"""
from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
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


def edit_notebook_prose(src: Path, text: str = "A sentence added by the book-build benchmark.") -> None:
    path = src / EDITED_NOTEBOOK
    nb = nbformat.read(path, as_version=4)
    first_markdown = next(c for c in nb.cells if c.cell_type == "markdown")
    first_markdown.source += f"\n\n{text}"
    nbformat.write(nb, path)


class Preview:
    """``book/preview.py`` running on the copy; its first line with an address means it is ready."""

    def __init__(self, src: Path, saved_work: Path, timeout: float = 600):
        env = dict(os.environ, LEARNING_CIRCLES_DATA_DIR=str(saved_work))
        self.stderr = (src.parent / "preview-stderr.log").open("w")
        start = time.perf_counter()
        self.process = subprocess.Popen([sys.executable, str(src / "book" / "preview.py"), "--source", str(src),
                                         "--port", "0"], stdout=subprocess.PIPE, stderr=self.stderr, text=True,
                                        env=env)
        self.lines: list[str] = []
        ready = threading.Event()

        def read() -> None:
            for line in self.process.stdout:
                self.lines.append(line)
                if "serving http" in line:
                    ready.set()
        threading.Thread(target=read, daemon=True).start()
        if not ready.wait(timeout):
            self.stop()
            raise RuntimeError("the preview did not start:\n" + "".join(self.lines[-40:]))
        self.startup_seconds = time.perf_counter() - start
        self.url = re.search(r"serving (http://\S+/)", "".join(self.lines)).group(1)

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=60) as response:
            return response.read().decode("utf-8")

    def idle(self) -> None:
        """Wait until no rebuild is running (so one edit's time does not include another's)."""
        time.sleep(0.5)
        while '"building": true' in self.get("_preview/status"):
            time.sleep(0.05)

    def time_edit(self, edit, page_html: str, text: str, timeout: float = 300) -> float:
        """Seconds from the edit to the served page containing ``text``."""
        self.idle()
        start = time.perf_counter()
        edit(text)
        while text not in self.get(page_html):
            if time.perf_counter() - start > timeout or self.process.poll() is not None:
                raise RuntimeError(f"the preview did not serve the edit:\n{''.join(self.lines[-40:])}")
            time.sleep(0.01)
        return time.perf_counter() - start

    def peak_rss_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        match = re.search(r"VmHWM:\s+(\d+) kB", status)
        return int(match.group(1)) / 1024 if match else float("nan")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.stderr.close()


def preview_rows(src: Path, saved_work: Path, cold_seconds: float, quick: bool) -> list[Row]:
    preview = Preview(src, saved_work)
    try:
        page = src / EDITED_PAGE

        def edit_page_with(text: str) -> None:
            page.write_text(page.read_text() + f"\n\n{text}\n")

        page_html = EDITED_PAGE.removesuffix(".md") + ".html"
        notebook_html = EDITED_NOTEBOOK.removesuffix(".ipynb") + ".html"
        saves = 3 if quick else 10
        page_times = [preview.time_edit(edit_page_with, page_html, f"Benchmark-edit-{i}-{time.time_ns()}")
                      for i in range(saves)]
        nb_times = [preview.time_edit(lambda text: edit_notebook_prose(src, text), notebook_html,
                                      f"Benchmark-prose-{i}-{time.time_ns()}") for i in range(1 if quick else 5)]
        peak = preview.peak_rss_mb()
    finally:
        preview.stop()
    def spread(times: list[float]) -> str:
        if len(times) == 1:
            return "one save"
        return f"median of {len(times)} saves; min {min(times):.2f} s, max {max(times):.2f} s"
    return [
        Row("book: preview, edit one page -> served", "cold build", cold_seconds,
            "./run.sh preview rebuild", statistics.median(page_times), "s", goal=0.15, peak_memory_mb=peak,
            note=f"{spread(page_times)}; from saving {EDITED_PAGE} to the new text served over HTTP "
                 "(includes the 0.2 s change polling)"),
        Row("book: preview, edit a notebook's prose -> served", "cold build", cold_seconds,
            "./run.sh preview rebuild", statistics.median(nb_times), "s", goal=0.15, peak_memory_mb=peak,
            note=f"{spread(nb_times)}; {EDITED_NOTEBOOK}, cached outputs reused"),
        Row("book: preview start-up (once per session)", "cold build", cold_seconds,
            "preview serving", preview.startup_seconds, "s", peak_memory_mb=peak,
            note="_build up to date: imports, Sphinx set-up, every page read and written once (no notebook "
                 "runs, so warnings of all pages are known); paid once, not per edit"),
    ]


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
        rows += preview_rows(src, base / "saved-work", cold.seconds, quick)
    return rows
