"""Benchmark 6: an activity in the book page (JupyterLite) vs the same activity in JupyterLab.

Measured, in Debian's Chromium: from opening the built book's activity page to the activity
being usable in the page (press "Try it here", Python starts in the browser, the widgets are
drawn), in a fresh browser context each time (the reader's first visit). Baseline, same run: a
local JupyterLab started by the benchmark, with the notebook's kernel already running, from
opening the notebook to the activity drawn after "Run all". Second row: the built site's size
with the in-page Python against the book without it (``_build/html/lite``).

The book comes from ``_build/html`` (``./run.sh build``); the benchmark builds it first when it
has no in-page site.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .core import BIN, ROOT, Row

sys.path.insert(0, str(ROOT / "tests"))
from support import lab as lab_support  # noqa: E402  (the tests' helpers start a real JupyterLab)
from support.net import start_file_server  # noqa: E402
from support.paths import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

sys.path.insert(0, str(ROOT / "book" / "_ext"))
import lite_build  # noqa: E402

NAME = "in-page"
NOTEBOOK = "plan-your-circle"
ACTIVITY = ".lc-activity"
TIMEOUT_MS = 240_000


def built_book() -> Path:
    html = ROOT / "_build" / "html"
    if not (html / lite_build.LITE_FOLDER / "repl" / "index.html").is_file():
        with tempfile.TemporaryDirectory(prefix="lc-bench-data-") as data:
            subprocess.run([str(BIN / "jupyter-book"), "build", str(ROOT), "-W", "-n", "--keep-going"],
                           check=True, capture_output=True, env={**os.environ, "LEARNING_CIRCLES_DATA_DIR": data})
    return html


def time_in_page(browser, base: str) -> float:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        started = time.perf_counter()
        page.goto(base + f"notebooks/{NOTEBOOK}.html")
        page.get_by_role("button", name="Try it here").click()
        page.locator(".lc-try-it.lc-try-it-ready").wait_for(timeout=TIMEOUT_MS)
        page.frame_locator("iframe.lc-try-it-frame").locator(ACTIVITY).first.wait_for(timeout=TIMEOUT_MS)
        return time.perf_counter() - started
    finally:
        context.close()


def time_in_lab(browser, lab) -> float:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        started = time.perf_counter()
        lab_support.open_notebook(page, lab, f"notebooks/{NOTEBOOK}.ipynb")
        lab_support.run_all_cells(page)
        lab_support.wait_for_widget(page, ACTIVITY, timeout_ms=TIMEOUT_MS)
        return time.perf_counter() - started
    finally:
        context.close()


def run(quick: bool = False) -> list[Row]:
    from playwright.sync_api import sync_playwright

    html = built_book()
    rounds = 1 if quick else 3
    in_page, in_lab = [], []
    with tempfile.TemporaryDirectory(prefix="lc-bench-in-page-") as tmp:
        root = lab_support.copy_notebooks(Path(tmp))
        server = start_file_server(html)
        try:
            with lab_support.running_lab(root) as lab, sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                try:
                    time_in_lab(browser, lab)  # starts the notebook's kernel: the baseline has it running
                    for _round in range(rounds):  # alternate, so both share the machine's load
                        in_lab.append(time_in_lab(browser, lab))
                        in_page.append(time_in_page(browser, f"http://127.0.0.1:{server.server_port}/"))
                finally:
                    browser.close()
        finally:
            server.shutdown()
            server.server_close()
    site_mb = lite_build.folder_size(html / lite_build.LITE_FOLDER) / 1e6
    book_mb = lite_build.folder_size(html) / 1e6 - site_mb
    middle = len(in_page) // 2
    return [
        Row(f"in-page activity ({NOTEBOOK}): page open -> usable, median of {rounds}",
            "JupyterLab, kernel running", sorted(in_lab)[middle], "book page, Try it here (first visit)",
            sorted(in_page)[middle], "s",
            note=f"in-page runs: {', '.join(f'{t:.1f} s' for t in in_page)}"),
        Row("built site with the in-page Python", "book without lite/", book_mb,
            "book with lite/", book_mb + site_mb, "MB", note=f"lite/ alone: {site_mb:.1f} MB"),
    ]
