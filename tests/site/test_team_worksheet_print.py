"""The team planning worksheet printed from the built book in Chromium: both tables are on paper
with every column, their cells are tall enough to write in by hand, and the page's navigation
is left out of the print."""
from __future__ import annotations

import subprocess

import pytest

from support.printing import flat, pages_and_size
from support.site import open_watched

pytestmark = [pytest.mark.book, pytest.mark.browser]

TEAM = "book/next-steps/running-circles-as-a-team"
MM = 96 / 25.4  # CSS pixels per millimetre


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_worksheet_prints_as_tables_to_fill_in_by_hand(site, browser, tmp_path, paper):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page, seen = open_watched(context, f"{site}{TEAM}.html")
        page.emulate_media(media="print")
        heights = page.locator("table.lc-worksheet tbody td").evaluate_all(
            "cells => cells.map(td => td.getBoundingClientRect().height)")
        assert heights and min(heights) >= 11.5 * MM, min(heights)  # about 12 mm to write in
        assert not page.locator("nav.bd-docs-nav").first.is_visible()  # the table of contents is not printed
        pdf = tmp_path / f"worksheet-{paper}.pdf"
        page.pdf(path=str(pdf), format=paper)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        text = flat(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    finally:
        context.close()
    assert pages_and_size(info)[0] <= 3
    for header in ("Our circles this season", "Who does what", "Facilitator", "Co-facilitator or backup", "Room",
                   "Outreach (who, where)", "Backs up", "By when", "Reminders before each meeting"):
        # Narrow columns wrap their headers, and pdftotext reads wrapped cells line by line.
        assert set(header.split()) <= set(text.split()), header
    assert not seen.outside, seen.outside
