"""Helpers for the book tests: read built pages, their text and their links."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from bs4 import BeautifulSoup

#: The pages this course's text lives on (docnames, without suffix), owned by the book area.
COURSE_PAGES = [
    "book/index",
    "book/orientation/welcome",
    "book/orientation/what-p2pu-means",
    "book/orientation/further-reading",
    "book/learning-circles/what-is-a-learning-circle",
    "book/learning-circles/what-it-looks-like",
    "book/learning-circles/anybody-can-learn-anything",
    "book/learning-circles/wrapping-up",
    "book/about/credits",
]


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
    skip = {"_static", "_sources", "_images", "jupyter_execute"}
    return sorted(p for p in built.rglob("*.html") if not skip & set(p.relative_to(built).parts))
