"""The book's pages, read from ``_toc.yml`` and ``activities/registry.py`` (never listed by hand).

A page added to ``_toc.yml`` is checked as a lesson, and an activity added to the registry gets
its notebook and page checked, without editing any test list.
"""
from __future__ import annotations

from functools import lru_cache

import yaml

from activities.registry import ACTIVITIES
from support.paths import ROOT

#: The part after the course: reference pages, not part of the walk from page to page.
REFERENCE_PART = "About"
#: Pages for trainers and authors: reference material, not lessons shaped with an Overview and
#: Key points (every other page of the book is a lesson).
REFERENCE_PAGES = (
    "book/about/for-trainers",
    "book/about/running-this-course",
    "book/about/cohort-workflow",
    "book/about/safe-grading",
    "book/about/for-authors",
)


@lru_cache(maxsize=None)
def _toc() -> dict:
    return yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))


def _files(node):
    """Each ``file`` (and the ``root``) below ``node``, in order."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("file", "root"):
                yield value
            else:
                yield from _files(value)
    elif isinstance(node, list):
        for item in node:
            yield from _files(item)


def toc_entries() -> list[str]:
    """Every page of _toc.yml (its ``root`` and each ``file``), in the book's order, without suffix."""
    return list(_files(_toc()))


def is_notebook(entry: str) -> bool:
    return (ROOT / f"{entry}.ipynb").exists()


def notebook_pages() -> list[str]:
    """The entries of _toc.yml that are notebooks (the activities' pages), in the book's order."""
    return [entry for entry in toc_entries() if is_notebook(entry)]


def course_pages() -> list[str]:
    """The course a learner walks, in order: the home page and every part before the reference part."""
    toc = _toc()
    pages = [toc["root"]]
    for part in toc["parts"]:
        if part.get("caption") == REFERENCE_PART:
            break
        pages.extend(_files(part.get("chapters", [])))
    return pages


def reading_pages() -> list[str]:
    """The lessons written as pages (not notebooks): every page but the reference pages."""
    missing = [page for page in REFERENCE_PAGES if page not in toc_entries()]
    assert not missing, f"REFERENCE_PAGES in {__file__} names pages that _toc.yml no longer has: {missing}"
    return [entry for entry in toc_entries() if not is_notebook(entry) and entry not in REFERENCE_PAGES]


def activity_pages() -> list[str]:
    """The book page of every registered activity, in course order."""
    return [activity.docname for activity in ACTIVITIES]
