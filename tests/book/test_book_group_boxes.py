"""Every lesson of the book (pages and activity notebooks, read from _toc.yml) carries a "Talk
about it" box with 2-4 prompts for a group and a "Notes for trainers" box saying what to watch
for, how long it takes and how to run it in a cohort meeting, both before the Key points."""
from __future__ import annotations

import json
import re

import pytest

from support.paths import ROOT
from support.toc import REFERENCE_PAGES, is_notebook, toc_entries

LESSONS = [entry for entry in toc_entries() if entry not in REFERENCE_PAGES]


def source_text(entry: str) -> str:
    """A page's MyST source, or a notebook's markdown cells joined."""
    if is_notebook(entry):
        notebook = json.loads((ROOT / f"{entry}.ipynb").read_text(encoding="utf-8"))
        return "\n\n".join("".join(cell["source"]) for cell in notebook["cells"]
                           if cell["cell_type"] == "markdown")
    return (ROOT / f"{entry}.md").read_text(encoding="utf-8")


def box(text: str, title: str, css_class: str) -> str | None:
    """The body of the first ``:::{admonition} <title>`` box with ``:class: <css_class>``."""
    match = re.search(rf"^:::\{{admonition\}} {re.escape(title)}\n:class: {re.escape(css_class)}\n(.*?)^:::\s*$",
                      text, flags=re.M | re.S)
    return match.group(1) if match else None


def prompts(body: str) -> list[str]:
    return re.findall(r"^- (.+)$", body, flags=re.M)


def test_the_lessons_include_the_new_parts():
    assert len(LESSONS) >= 18, LESSONS
    for page in ("book/choosing-a-course/where-courses-come-from", "book/choosing-a-course/finding-a-course",
                 "book/getting-ready/reaching-people", "book/getting-ready/before-the-first-meeting"):
        assert page in LESSONS


@pytest.mark.parametrize("entry", LESSONS)
def test_lesson_has_a_talk_about_it_box_with_two_to_four_prompts(entry):
    body = box(source_text(entry), "Talk about it", "discussion")
    assert body is not None, f"{entry}: no 'Talk about it' box (:class: discussion)"
    found = prompts(body)
    assert 2 <= len(found) <= 4, f"{entry}: {len(found)} discussion prompts, want 2-4: {found}"


@pytest.mark.parametrize("entry", LESSONS)
def test_lesson_has_notes_for_trainers(entry):
    text = source_text(entry)
    body = box(text, "Notes for trainers", "trainer-notes")
    assert body is not None, f"{entry}: no 'Notes for trainers' box (:class: trainer-notes)"
    for what, pattern in (("what to watch for", r"watch for"), ("timings", r"timing"),
                          ("a way to run it in a cohort", r"cohort")):
        assert re.search(pattern, body, flags=re.I), f"{entry}: trainer notes do not say {what}"
    # Both boxes come before the closing Key points box.
    keypoints = text.find(":class: keypoints")
    assert keypoints > text.find(":class: trainer-notes") > 0
    assert keypoints > text.find(":class: discussion") > 0


def test_the_box_reader_notices_a_missing_box():
    text = ":::{admonition} Talk about it\n:class: discussion\n\n- one\n- two\n:::\n"
    assert prompts(box(text, "Talk about it", "discussion")) == ["one", "two"]
    assert box(text, "Notes for trainers", "trainer-notes") is None
    assert box(text.replace(":class: discussion", ":class: tip"), "Talk about it", "discussion") is None
