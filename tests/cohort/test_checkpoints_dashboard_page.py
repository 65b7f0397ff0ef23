"""The cohort dashboard as a trainer sees it: opened in Chromium, readable at a laptop's width,
accessible (axe-core), every learner's text shown exactly and never run, and in course order."""
from __future__ import annotations

import pandas as pd
import pytest
from axe_playwright_python.sync_playwright import Axe

from cohort.checkpoints import ASSIGNMENTS
from cohort.dashboard import (PLUS_DELTA_COLUMNS, PROBLEM_COLUMNS, PROGRESS_COLUMNS, REFLECTION_COLUMNS,
                              CohortReport, load_cohort, write_dashboard)
from support.site import describe_violations, run_axe

pytestmark = pytest.mark.browser

HOSTILE_NAME = "<script>alert(1)</script><img src=x onerror=alert(2)>"
RTL = "مرحبا بكم في حلقة التعلم، نتعلم معا كل أسبوع"
LONG = "word " * 400 + "x" * 3000  # a long answer and an unbroken run of characters
ANSWERS = {"amina": LONG, "sara": RTL, "xss": HOSTILE_NAME + " & \"quotes\" \x00 nul"}


def _report() -> CohortReport:
    progress, reflections = [], []
    for student, name in (("amina", "Amina Diallo"), ("sara", "سارة אבי 🌱"), ("xss", HOSTILE_NAME)):
        for assignment in ("orientation", "learning-circles"):
            progress.append(dict.fromkeys(PROGRESS_COLUMNS) | {
                "student": student, "name": name, "assignment": assignment, "status": "waiting for manual grading",
                "score": 2.0, "max_score": 8.0, "automatic_score": 2.0, "max_automatic_score": 2.0,
                "reflection_score": 0.0, "max_reflection_score": 6.0, "reflections_complete": 1, "reflections": 2,
                "submitted_at": "2026-11-29 07:11:21", "problems": "short reflection"})
        reflections.append({"assignment": "orientation", "question_id": "q1", "question": "", "student": student,
                            "answer": ANSWERS[student], "words": len(ANSWERS[student].split()),
                            "complete": student == "amina", "score": 0.0, "max_score": 3.0,
                            "needs_manual_grade": student != "sara"})
    problems = [{"student": "xss", "assignment": "orientation", "problem": "short reflection", "detail": HOSTILE_NAME}]
    plus_delta = [{"file": "a.csv", "week": 1, "name": HOSTILE_NAME, "plus": RTL, "delta": "🌱 more time"}]
    prompt = "Think of **something you learned** with others.\n\n- one point\n- <script>alert(3)</script> <img src=http://example.org/a.png>"
    return CohortReport("circles-spring", pd.DataFrame(progress, columns=PROGRESS_COLUMNS),
                        pd.DataFrame(reflections, columns=REFLECTION_COLUMNS),
                        pd.DataFrame(problems, columns=PROBLEM_COLUMNS),
                        pd.DataFrame(plus_delta, columns=PLUS_DELTA_COLUMNS), [("orientation", "q1", prompt)])


@pytest.fixture(scope="module")
def dashboard_page(browser, tmp_path_factory):
    paths = write_dashboard(_report(), tmp_path_factory.mktemp("dashboard"))
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(paths["index.html"].as_uri())
    yield page, dialogs
    page.close()


def test_nothing_a_learner_typed_runs_and_all_of_it_is_shown(dashboard_page):
    page, dialogs = dashboard_page
    assert dialogs == []
    assert page.evaluate("document.scripts.length") == 0
    assert page.locator("img[src='x']").count() == 0
    assert page.evaluate("[...document.images].map(i => i.getAttribute('src'))") == ["progress.svg"]
    cells = page.locator("td.text").all_inner_texts()
    assert LONG.strip() in cells and RTL in cells
    assert HOSTILE_NAME + ' & "quotes" \u2400 nul' in cells
    prompt = page.locator(".prompt")
    assert prompt.locator("strong").inner_text() == "something you learned"  # the prompt's markdown, rendered
    assert "<script>alert(3)</script>" in prompt.inner_text()


def test_the_page_fits_a_laptop_screen_and_reads_in_each_script(dashboard_page):
    page, _ = dashboard_page
    widths = page.evaluate("""() => [...document.querySelectorAll('table')].map(
        t => [t.caption.textContent, t.getBoundingClientRect().right])""")
    too_wide = [caption for caption, right in widths if right > 1280]
    assert not too_wide, f"tables wider than the window: {too_wide}"
    # Words are not broken letter by letter in the narrow columns (a status stays whole).
    status = page.locator("td", has_text="waiting for manual grading").first
    assert status.evaluate("td => getComputedStyle(td).overflowWrap") == "break-word"
    rtl_cell = page.locator("td.text", has_text=RTL).first
    assert rtl_cell.evaluate("td => getComputedStyle(td).direction") == "rtl"
    progress = page.locator("table", has_text="Per learner and checkpoint").first
    assert progress.locator("td", has_text="2 of 8").count() == 6  # scores read "x of y"
    answers = page.locator("table", has_text="Answers to q1")
    assert answers.locator("td", has_text="to grade").count() == 2  # not "0" before it is graded
    assert answers.locator("td", has_text="yes").count() == 1 and answers.locator("td", has_text="no").count() >= 2


def test_axe_finds_no_accessibility_problem(dashboard_page):
    page, _ = dashboard_page
    violations = run_axe(page, Axe().axe_script)["violations"]
    assert violations == [], describe_violations(violations)


def test_checkpoints_are_listed_in_course_order(tmp_path):
    """The gradebook lists assignments alphabetically; the dashboard follows the course."""
    from nbgrader.api import Gradebook

    from cohort.course import nbgrader_tools_on_path

    with nbgrader_tools_on_path(), Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as gb:
        for name in sorted(ASSIGNMENTS):
            gb.add_assignment(name)
        gb.add_student("amina")
    report = load_cohort(tmp_path)
    assert sorted(ASSIGNMENTS) != list(ASSIGNMENTS)  # so the gradebook's order would show
    assert list(dict.fromkeys(report.progress["assignment"])) == list(ASSIGNMENTS)


def test_the_terminal_summary_is_one_short_line_per_checkpoint():
    from cohort.dashboard import dashboard_text

    lines = dashboard_text(_report()).splitlines()
    assert lines[:3] == ["Cohort circles-spring", "  orientation: 3 waiting for manual grading",
                         "  learning-circles: 3 waiting for manual grading"]
    assert lines[3].startswith("1 problem(s) to look at")
    assert max(map(len, lines)) <= 80
