"""Every fact of the part "Next steps" (../shared/notes/course-facts.md: "Next steps", and from
"Course shape" the Carpentries' 90-day checkout and feedback techniques) is on the built page it
belongs to; the worksheet is a table to fill in by hand; earlier pages point to the new end of
the course. Rows as in test_book_facts_new_modules.py: (page, fact, regular expression)."""
from __future__ import annotations

import re

import pytest

from support.book import article, article_hrefs, article_text

JOIN = "book/next-steps/joining-the-community"
TEAM = "book/next-steps/running-circles-as-a-team"
CLOSE = "book/next-steps/closing-well"
FINISH = "book/next-steps/finish-line"
CERTIFICATE = "notebooks/certificate"
CREDITS = "book/about/credits"
INDEX = "book/index"
WELCOME = "book/orientation/welcome"
WRAP = "book/learning-circles/wrapping-up"

FACTS = [
    # Joining the community: the four ways to take part
    (JOIN, "monthly calls", r"call once a month"),
    (JOIN, "regional meetings", r"regional meetings"),
    (JOIN, "local advocacy", r"Local advocacy"),
    (JOIN, "training a team of facilitators", r"Training a team of facilitators"),
    (JOIN, "sharing open resources", r"Share them as open resources"),
    (JOIN, "P2PU is grassroots", r"grassroots network"),
    (JOIN, "the community forum", r"community forum.{0,10}community\.p2pu\.org"),
    # Running circles as a team: the worksheet
    (TEAM, "organisations running several circles", r"run several circles"),
    (TEAM, "who does what, circles, rooms, dates, outreach",
     r"which circles run, where and when, who facilitates, who does the outreach, and who takes over"),
    (TEAM, "every job a person and a backup", r"Every job gets a person and a backup"),
    (TEAM, "fill it in six weeks ahead", r"at least six weeks before the first circle starts"),
    (TEAM, "printable", r"Print this page.{0,80}A4 and US Letter"),
    # Closing well: the plus/delta variants and the feedback techniques
    (CLOSE, "speaker picks the next speaker", r"The speaker picks the next speaker"),
    (CLOSE, "one word each", r"One word each"),
    (CLOSE, "the first thing I will do", r'"The first thing I will do"'),
    (CLOSE, "one clap together", r"Close with one clap together"),
    (CLOSE, "minute cards", r"Minute cards"),
    (CLOSE, "one-up/one-down", r"One-up/one-down"),
    (CLOSE, "pre/post surveys", r"Surveys before and after.{0,200}pre/post\s+surveys"),
    (CLOSE, "from The Carpentries", r"The Carpentries.{0,200}use these techniques"),
    # The finish line
    (FINISH, "Carpentries: checkout within 90 days", r"checkout within 90 days"),
    (FINISH, "welcome session", r"welcome session"),
    (FINISH, "5-minute teaching demo with a rubric", r"5-minute teaching demo.{0,40}scored with a rubric"),
    (FINISH, "one get-involved step", r'one "get involved" step'),
    (FINISH, "run or co-facilitate a first circle", r"Run or co-facilitate a first learning circle"),
    (FINISH, "share a plus/delta", r"Share a plus/delta from it"),
    (FINISH, "a dated plan", r"Write the plan down, with dates"),
    (FINISH, "self-paced: validated checkpoints", r"nbgrader's validation.{0,200}every quick check passes and every\s+reflection has an answer"),
    (FINISH, "cohort: from the gradebook", r"every checkpoint of yours is graded.{0,120}prints the certificates"),
    (FINISH, "certificate or small celebration", r"certificate or a small celebration"),
    (CERTIFICATE, "what the certificate carries", r"your name, the date and\s+the modules you completed"),
    # Credits and the pages that used to end the course
    (CREDITS, "Next steps sources", r"Next steps.{0,40}draws on P2PU's Facilitate.{0,300}The\s+Carpentries' Instructor Training"),
    (INDEX, "outline: Next steps", r"Next steps: the end of the course"),
    (WELCOME, "the course ends with Next steps", r"The course itself ends with Next steps"),
    (WRAP, "the course ends with Next steps", r"Next steps ends the course"),
]

LINKS = [
    (JOIN, "the community forum", "https://community.p2pu.org/"),
    (CLOSE, "the plus/delta activity", "../../notebooks/plus-delta.html"),
    (FINISH, "the certificate activity", "../../notebooks/certificate.html"),
    (FINISH, "the cohort workflow", "../about/cohort-workflow.html"),
    (WELCOME, "the finish line", "../next-steps/finish-line.html"),
]


@pytest.mark.parametrize("docname, fact, pattern", FACTS, ids=[f"{d.split('/')[-1]}: {f}" for d, f, _ in FACTS])
def test_next_steps_fact_is_on_its_page(built_book, docname, fact, pattern):
    text = article_text(built_book, docname)
    assert re.search(pattern, text, flags=re.S), f"{docname} has lost a fact: {fact} (pattern {pattern!r})"


@pytest.mark.parametrize("docname, what, url", LINKS, ids=[f"{d.split('/')[-1]}: {w}" for d, w, _ in LINKS])
def test_next_steps_link_is_on_its_page(built_book, docname, what, url):
    hrefs = [h.split("#")[0] for h in article_hrefs(built_book, docname)]
    assert url in hrefs, f"{docname} no longer links to the {what} ({url})"


def test_the_worksheet_is_two_tables_with_empty_cells_to_fill_in(built_book):
    tables = article(built_book, TEAM).select("table.lc-worksheet")
    assert len(tables) == 2
    circles, jobs = tables
    assert [th.get_text(" ", strip=True) for th in circles.select("thead th")] == [
        "Circle (topic and course)", "Facilitator", "Co-facilitator or backup", "Room", "Day and time",
        "First and last meeting", "Outreach (who, where)"]
    assert [th.get_text(strip=True) for th in jobs.select("thead th")] == ["Job", "Who", "Backs up", "By when"]
    assert len(circles.select("tbody tr")) >= 4 and len(jobs.select("tbody tr")) >= 6
    for table in tables:
        for row in table.select("tbody tr"):
            blanks = [td for td in row.select("td") if not td.get_text(strip=True)]
            assert len(blanks) >= 3, row  # room to write by hand
