"""The printed checklist and stage cards: Debian's Chromium prints them to PDF (A4 and US
Letter). The checklist has one page of the right size and holds the title, the first meeting and
every step's date; the stage cards have one page per stage with its own dated steps."""
from __future__ import annotations

import subprocess
from datetime import date, timedelta

import pytest

from activities.countdown import Countdown, checklist
from activities.countdown.export import CARDS_NAME, PAGE_NAME, TITLE, files, long_date
from support.printing import PAPERS, flat, pages_and_size, print_pdf, same_size

pytestmark = pytest.mark.browser

TODAY = date(2027, 1, 4)


@pytest.mark.parametrize("weeks", [6, 52])
@pytest.mark.parametrize("paper", list(PAPERS))
def test_the_checklist_prints_on_one_page_with_title_and_dates(browser, tmp_path, paper, weeks):
    countdown = Countdown(source="typed", typed_first="2027-02-24", typed_weeks=weeks, done=["course"])
    page_html = files(countdown, TODAY)[PAGE_NAME]
    info, text, _pdf = print_pdf(browser, page_html, tmp_path, "checklist", paper)
    pages, size = pages_and_size(info)
    assert pages == 1 and same_size(size, PAPERS[paper][1])
    printed = flat(text)
    assert "Get ready: my learning circle checklist" in printed
    assert f"First meeting Wed 24 Feb 2027 at 18:00, {weeks} weekly meetings." in printed
    for item in checklist(countdown.schedule(), TODAY).items:
        assert long_date(item.due) in printed, item
    assert "Reminders, two days before each meeting" in printed and "(meeting 1)" in printed and "Send the group a short survey" in printed


def test_a_close_start_prints_the_warning_and_the_overdue_steps(browser, tmp_path):
    countdown = Countdown(source="typed", typed_first=(TODAY + timedelta(days=10)).isoformat())
    info, text, _pdf = print_pdf(browser, files(countdown, TODAY)[PAGE_NAME], tmp_path, "close", "a4")
    assert pages_and_size(info)[0] == 1
    printed = flat(text)
    assert "10 days away" in printed and printed.count("Overdue, do it now:") == 5


@pytest.mark.parametrize("weeks", [4, 8])
def test_the_stage_cards_print_one_page_per_stage_with_its_dated_steps(browser, tmp_path, weeks):
    countdown = Countdown(source="typed", typed_first="2027-02-24", typed_weeks=weeks, done=["course"])
    items = checklist(countdown.schedule(), TODAY).items
    stages = list(dict.fromkeys(item.stage for item in items))
    info, _text, pdf = print_pdf(browser, files(countdown, TODAY)[CARDS_NAME], tmp_path, "cards", "letter")
    assert pages_and_size(info)[0] == len(stages) == 6
    for number, stage in enumerate(stages, start=1):
        sheet = flat(subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
                                    capture_output=True, text=True, check=True).stdout)
        assert sheet.startswith(f"{TITLE}: first meeting Wed 24 Feb 2027 at 18:00 {stage}"), sheet[:120]
        for item in (item for item in items if item.stage == stage):
            assert long_date(item.due) in sheet and item.text[:30] in sheet
        assert "Notes" in sheet
    assert "☑" in flat(subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True,
                                       text=True, check=True).stdout)  # "course" is ticked
