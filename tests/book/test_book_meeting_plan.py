"""The built page "Running this course as a learning circle" matches the book: the test reads
_toc.yml and every page's "Time: about N minutes" itself and compares them with the plan in the
built HTML (each page once, in order, with its minutes; the times add up to at most 90 minutes;
every checkpoint once). Its printable one-sheets print one meeting per page."""
from __future__ import annotations

import re

import pytest
import yaml
from bs4 import BeautifulSoup

from cohort.checkpoints import ASSIGNMENTS
from support.book import article
from support.paths import ROOT
from support.printing import PAPERS, pages_and_size, print_pdf

pytestmark = pytest.mark.book

PAGE = "book/about/running-this-course"


def expected_minutes() -> dict[str, int]:
    """docname -> minutes, read from the sources here (not through the planner)."""
    found = {}
    for part in yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))["parts"]:
        if part["caption"] == "About":
            break
        for chapter in part["chapters"]:
            docname = chapter["file"]
            path = next(p for p in (ROOT / f"{docname}.md", ROOT / f"{docname}.ipynb") if p.exists())
            minutes = re.search(r"Time:\*\*\s*about (\d+) minutes", path.read_text(encoding="utf-8"))
            assert minutes, f"{docname}: no time estimate"
            found[docname] = int(minutes.group(1))
    return found


def meetings(built_book):
    return article(built_book, PAGE).select("section.lc-meeting")


def test_the_plan_holds_every_page_once_in_toc_order_with_its_time(built_book):
    expected = expected_minutes()
    shown = []
    for section in meetings(built_book):
        for row in section.select("tr[data-docname]"):
            minutes = int(row.find_all("td")[-1].get_text())
            shown.append((row["data-docname"], minutes))
            link = row.find("a")["href"]
            assert (built_book / "book" / "about" / link).resolve() == (built_book / f"{row['data-docname']}.html").resolve()
    assert shown == list(expected.items())


def test_each_meeting_adds_up_to_at_most_90_minutes(built_book):
    sections = meetings(built_book)
    summary = article(built_book, PAGE).select("table.lc-plan-summary tbody tr")
    assert len(summary) == len(sections) >= 2
    for section, row in zip(sections, summary):
        slots = section.select("table.lc-meeting-agenda tbody tr")
        kinds = [slot["data-kind"] for slot in slots]
        assert kinds[0] == "check-in" and kinds[-1] == "reflect" and set(kinds[1:-1]) <= {"read", "do"}
        minutes = [int(slot.find_all("td")[-1].get_text()) for slot in slots]
        starts = [slot.find("td").get_text() for slot in slots]
        running = 0
        for start, length in zip(starts, minutes):
            assert start == f"{running // 60}:{running % 60:02d}"
            running += length
        total = int(row.find_all("td")[5].get_text())
        assert total == sum(minutes)
        assert total <= 90 or len(kinds) == 3, section["id"]


def test_every_checkpoint_is_released_once_in_course_order(built_book):
    released = []
    for row in article(built_book, PAGE).select("table.lc-plan-summary tbody tr"):
        cell = row.find_all("td")[-1].get_text()
        released += [] if cell == "none" else cell.split(", ")
    assert released == list(ASSIGNMENTS)


def test_the_one_sheets_print_one_meeting_per_page(built_book, browser, tmp_path):
    count = len(meetings(built_book))
    sheets = built_book / "book" / "about" / "running-this-course-sheets"
    for paper in ("a4", "letter"):  # the sheets leave the paper size to the printer
        info, text, _pdf = print_pdf(browser, (sheets / "all.html").read_bytes(), tmp_path, "sheets", paper)
        assert pages_and_size(info)[0] == count, paper
        printed = text.split("\f")
        for number in range(1, count + 1):
            assert f"Meeting {number} of {count}" in printed[number - 1], (paper, number)
    assert pages_and_size(info)[1] == PAPERS["letter"][1]
    # Each meeting's own sheet is one printed page too.
    info, text, _pdf = print_pdf(browser, (sheets / "meeting-1.html").read_bytes(), tmp_path, "one", "a4")
    assert pages_and_size(info)[0] == 1 and f"Meeting 1 of {count}" in text
    page = BeautifulSoup((sheets / "meeting-1.html").read_text(encoding="utf-8"), "html.parser")
    assert not page.find_all(["script", "img", "link"])
