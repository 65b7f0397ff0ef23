"""The author preview (./run.sh preview, book/preview.py): one process that rebuilds on save.

It is started for real on a copy of the already built book, edits are made to that copy's
files, and what the preview serves over HTTP (and in Chromium) must follow them, with the -W/-n
warnings of a broken edit reported while the preview keeps running.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from support.book import PreviewProcess
from support.paths import ROOT

PAGE = "book/learning-circles/wrapping-up"
BROKEN_TARGET = "no-such-page-<b>x"  # a missing page, and markup that must stay text


def copy_of_built_book(built_book, tmp_path_factory, name: str):
    """Sources, _build and jupyter-cache of the built book, and an environment to run in."""
    work = tmp_path_factory.mktemp(name)
    source = work / "src"
    shutil.copytree(built_book.parent.parent, source, symlinks=True)  # node_modules stays a link
    return source, {**os.environ, "LEARNING_CIRCLES_DATA_DIR": str(work / "saved-work")}


@pytest.fixture(scope="module")
def preview(built_book, tmp_path_factory):
    """The preview on its own copy of the built book."""
    source, env = copy_of_built_book(built_book, tmp_path_factory, "preview")
    running = PreviewProcess(source, sys.executable, env)
    yield running
    running.stop()


@pytest.fixture
def page_file(preview):
    """The edited page's source in the preview's copy, restored (and rebuilt) afterwards."""
    path = preview.source / f"{PAGE}.md"
    original = path.read_text()
    yield path
    path.write_text(original)
    preview.wait_until(lambda: preview.shows(f"{PAGE}.html", "preview-marker", present=False)
                       and not preview.status()["problems"], "clean rebuild of the restored page")


def marker() -> str:
    return f"preview-marker-{uuid.uuid4().hex[:10]}"


def test_served_page_follows_an_edit(preview, page_file):
    served = preview.get(f"{PAGE}.html")
    new_text = marker()
    assert new_text not in served
    assert '<script src="/_preview/live.js"></script>' in served, "the served page does not reload itself"

    page_file.write_text(page_file.read_text() + f"\n\nA sentence with {new_text} in it.\n")
    preview.wait_until(lambda: preview.shows(f"{PAGE}.html", new_text), "served page with the edit")

    assert preview.status()["problems"] == []
    on_disk = (preview.source / "_build" / "html" / f"{PAGE}.html").read_text()
    assert new_text in on_disk, "the preview must write the same _build/html that ./run.sh build does"
    assert "/_preview/live.js" not in on_disk, "the reload script must not end up in the built book"


def test_broken_edit_is_reported_and_the_preview_keeps_running(preview, page_file):
    before = preview.status()["build"]
    page_file.write_text(page_file.read_text() + f"\n\nSee {{doc}}`{BROKEN_TARGET}`.\n")

    problems = preview.wait_until(lambda: preview.status()["problems"], "warning for the broken edit")
    assert any(BROKEN_TARGET in p and f"{PAGE}.md" in p for p in problems), problems
    assert preview.status()["build"] > before
    assert BROKEN_TARGET in preview.stderr(), "the warning is not shown in the terminal"
    assert preview.process.poll() is None

    # Sphinx does not read the page again when something else changes: the warning must stay
    # listed until the page itself is fixed (a plain second `jupyter-book build` would pass).
    other = preview.source / "book" / "about" / "credits.md"
    other_text = other.read_text()
    new_text = marker()
    other.write_text(other_text + f"\n\n{new_text}\n")
    try:
        preview.wait_until(lambda: preview.shows("book/about/credits.html", new_text), "rebuild of another page")
        assert any(BROKEN_TARGET in p for p in preview.status()["problems"])
    finally:
        other.write_text(other_text)

    # Fixing the page clears the warning and the page is served again with a new edit.
    fixed_text = marker()
    page_file.write_text(page_file.read_text().replace(f"See {{doc}}`{BROKEN_TARGET}`.", fixed_text))
    preview.wait_until(lambda: preview.shows(f"{PAGE}.html", fixed_text) and not preview.status()["problems"],
                       "the fixed page without warnings")


@pytest.mark.browser
def test_browser_reloads_and_shows_warnings_as_text(preview, page_file, browser):
    page = browser.new_page()
    try:
        page.goto(preview.url + f"{PAGE}.html")
        new_text = marker()
        page_file.write_text(page_file.read_text() + f"\n\n{new_text}\n")
        # no navigation by the test: the page reloads itself after the rebuild
        page.get_by_text(new_text).wait_for(timeout=60_000)

        page_file.write_text(page_file.read_text() + f"\n\nSee {{doc}}`{BROKEN_TARGET}`.\n")
        banner = page.get_by_role("alert", name="Build warnings")
        banner.wait_for(timeout=60_000)
        assert BROKEN_TARGET in banner.inner_text()
        assert banner.locator("b").count() == 0, "warning text was rendered as HTML"
    finally:
        page.close()


def test_a_page_broken_before_the_preview_starts_is_reported(built_book, tmp_path_factory):
    """A build that failed on a page and was not fixed: Sphinx would not read that page again."""
    source, env = copy_of_built_book(built_book, tmp_path_factory, "preview-broken")
    page = source / f"{PAGE}.md"
    page.write_text(page.read_text() + f"\n\nSee {{doc}}`{BROKEN_TARGET}`.\n")
    cli = subprocess.run([str(Path(sys.executable).parent / "jupyter-book"), "build", str(source), "-W", "-n",
                          "--keep-going"], capture_output=True, text=True, env=env, timeout=600)
    assert cli.returncode != 0 and BROKEN_TARGET in cli.stderr, "the CLI build should fail on the broken page"

    running = PreviewProcess(source, sys.executable, env)
    try:
        problems = running.status()["problems"]
        assert any(BROKEN_TARGET in p and f"{PAGE}.md" in p for p in problems), problems
    finally:
        running.stop()


def test_a_busy_port_is_reported_before_building(tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, str(ROOT / "book" / "preview.py"), "--source", str(tmp_path),
                                 "--port", str(port)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and f"--port {port + 1}" in result.stderr
    assert not (tmp_path / "_build").exists(), "nothing should be built when the preview cannot serve"
