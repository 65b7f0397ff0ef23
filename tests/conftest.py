"""Shared fixtures. Heavy resources (the built book, a browser) are built once per session."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from support.lab import copy_notebooks, running_lab
from support.paths import BIN, CHROMIUM, CHROMIUM_ARGS, ROOT


@pytest.fixture(autouse=True)
def _isolated_saved_work(tmp_path, monkeypatch):
    """No test reads or writes the real per-user saved work."""
    monkeypatch.setenv("LEARNING_CIRCLES_DATA_DIR", str(tmp_path / "saved-work"))


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """Build the whole book once, from a copy of the repository, with warnings as errors."""
    work = tmp_path_factory.mktemp("book")
    ignore = shutil.ignore_patterns(".venv", "_build", ".git", "__pycache__", ".pytest_cache",
                                    ".hypothesis", "node_modules", "*.egg-info")
    src = work / "src"
    shutil.copytree(ROOT, src, ignore=ignore)
    # the book serves its widget scripts from node_modules (npm ci); share it rather than copy 130 MB
    if (ROOT / "node_modules").is_dir():
        (src / "node_modules").symlink_to(ROOT / "node_modules")
    result = subprocess.run(
        [str(BIN / "jupyter-book"), "build", str(src), "-W", "-n", "--keep-going"],
        capture_output=True, text=True, timeout=1200,
        # executed activity notebooks save work: keep it out of the real per-user folder
        env={**os.environ, "LEARNING_CIRCLES_DATA_DIR": str(work / "saved-work")},
    )
    log = work / "build.log"
    log.write_text(result.stdout + "\n" + result.stderr)
    assert result.returncode == 0, f"book build failed (log: {log}):\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}"
    return src / "_build" / "html"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory):
    """One real JupyterLab for every browser test module (tests/support/lab.py starts it)."""
    with running_lab(copy_notebooks(tmp_path_factory.mktemp("lab"))) as lab:
        yield lab


@pytest.fixture
def lab_page(browser):
    """A fresh browser page (1400x1000) that records console errors in ``page.errors``."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    page.set_default_timeout(30_000)
    yield page
    context.close()
