"""Helpers for the book tests: read built pages, their text and their links."""
from __future__ import annotations

import json
import re
import subprocess
import threading
import time
import urllib.request
from functools import lru_cache
from pathlib import Path

from bs4 import BeautifulSoup

from support.toc import activity_pages, reading_pages

#: The pages this course's text lives on (docnames, without suffix): every page of _toc.yml
#: but the notebooks and the reference pages for trainers and authors (support/toc.py).
COURSE_PAGES = reading_pages()
# The activity notebooks are lessons too: same overview, same key points.
ACTIVITY_PAGES = activity_pages()
LESSON_PAGES = COURSE_PAGES + ACTIVITY_PAGES


@lru_cache(maxsize=None)
def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page(built: Path, docname: str) -> BeautifulSoup:
    path = built / f"{docname}.html"
    assert path.exists(), f"no built page for {docname}"
    return soup(path)


def article(built: Path, docname: str):
    """The main content of a page (without navigation, header and footer)."""
    found = page(built, docname).select_one("article.bd-article") or page(built, docname).select_one("main")
    assert found is not None, f"{docname}: no <article> in the built page"
    return found


def normalise(text: str) -> str:
    """One line of text: dashes unified, quotes plain, whitespace collapsed."""
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2011", "-")
    text = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"\s+", " ", text)
    # get_text(" ") puts a space at every inline tag; drop the ones before punctuation.
    text = re.sub(r"\( ", "(", text)
    return re.sub(r" ([),.;:!?])", r"\1", text).strip()


def article_text(built: Path, docname: str) -> str:
    return normalise(article(built, docname).get_text(" "))


def article_hrefs(built: Path, docname: str) -> list[str]:
    return [a.get("href", "") for a in article(built, docname).find_all("a")]


def html_pages(built: Path) -> list[Path]:
    """Every page the build wrote (not the theme's own static files or page sources)."""
    # "lite": the in-page Python, JupyterLite's own app pages (tests/site/test_lite_in_page.py)
    skip = {"_static", "_sources", "_images", "jupyter_execute", "lite"}
    return sorted(p for p in built.rglob("*.html") if not skip & set(p.relative_to(built).parts))


class PreviewProcess:
    """``book/preview.py`` running for real on a copy of the book, served on 127.0.0.1."""

    def __init__(self, source: Path, python: str, env: dict, startup_timeout: float = 600):
        self.source = source
        self.stderr_path = source.parent / "preview-stderr.log"
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [python, str(source / "book" / "preview.py"), "--source", str(source), "--port", "0"],
            stdout=subprocess.PIPE, stderr=self.stderr_path.open("w"), text=True, env=env)
        threading.Thread(target=self._read_stdout, daemon=True).start()
        self.url = self._wait_for_url(startup_timeout)

    def _read_stdout(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line)

    def _wait_for_url(self, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in list(self.lines):
                found = re.search(r"serving (http://127\.0\.0\.1:\d+/)", line)
                if found:
                    return found.group(1)
            assert self.process.poll() is None, f"the preview exited early:\n{self.output()}"
            time.sleep(0.2)
        raise AssertionError(f"the preview did not start serving within {timeout:.0f} s:\n{self.output()}")

    def output(self) -> str:
        return "".join(self.lines)[-4000:] + "\n--- stderr ---\n" + self.stderr()[-4000:]

    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace")

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=30) as response:
            return response.read().decode("utf-8")

    def status(self) -> dict:
        return json.loads(self.get("_preview/status"))

    def shows(self, path: str, text: str, present: bool = True) -> bool:
        """The served page has (or lacks) ``text`` and the build that wrote it has finished.

        Sphinx writes pages before the build ends; the warnings are published at its end.
        """
        return (text in self.get(path)) == present and not self.status()["building"]

    def wait_until(self, condition, what: str, timeout: float = 120):
        """Poll ``condition()`` until it returns something truthy; the preview must stay up."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the preview stopped while waiting for {what}:\n{self.output()}"
            result = condition()
            if result:
                return result
            time.sleep(0.1)
        raise AssertionError(f"no {what} within {timeout:.0f} s; status {self.status()}\n{self.output()}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=20)
