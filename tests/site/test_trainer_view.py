"""The Trainer view switch on the built book, in Chromium: the trainers' notes are hidden for
learners, one keyboard-operable switch shows them, the choice is remembered on other pages, print
follows the switch, without JavaScript the notes stay readable, and the page stays accessible and
fits a 390 px phone screen."""
from __future__ import annotations

import subprocess

import pytest
from axe_playwright_python.sync_playwright import Axe

from support.book import page as built_page
from support.site import NARROW_PROBLEMS_JS, describe_violations, open_watched, run_axe
from support.toc import REFERENCE_PAGES, toc_entries

FIRST = "book/orientation/welcome"
OTHER = "book/getting-ready/before-the-first-meeting"
NOTES = "div.admonition.trainer-notes"
SWITCH = "button.trainer-view-switch"
LESSONS = [entry for entry in toc_entries() if entry not in REFERENCE_PAGES]


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


def _tab_to_switch(page, limit: int = 80) -> None:
    """Reach the switch with the Tab key alone, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement?.classList.contains('trainer-view-switch')"):
            return
    pytest.fail(f"the Trainer view switch cannot be reached with Tab ({limit} presses)")


def _notes_visible(page) -> list[bool]:
    return [page.locator(NOTES).nth(i).is_visible() for i in range(page.locator(NOTES).count())]


def test_every_lesson_page_loads_the_switch_and_has_notes(built_book):
    for entry in LESSONS:
        html = built_page(built_book, entry)
        scripts = [s.get("src", "") for s in html.find_all("script")]
        assert any(src.split("?")[0].endswith("_static/trainer-view.js") for src in scripts), f"{entry}: no trainer-view.js"
        assert html.select(NOTES), f"{entry}: no trainer-notes box in the built page"
        assert html.select("div.admonition.discussion"), f"{entry}: no discussion box in the built page"


def test_notes_hidden_by_default_shown_by_keyboard_and_remembered(site, context):
    page, seen = open_watched(context, f"{site}{FIRST}.html")
    switch = page.locator(SWITCH)
    assert switch.count() == 1 and switch.inner_text().strip() == "Trainer view"
    assert switch.get_attribute("aria-pressed") == "false"
    assert page.locator("div.admonition.discussion").first.is_visible()
    assert _notes_visible(page) and not any(_notes_visible(page)), "learners see the trainers' notes"

    _tab_to_switch(page)
    page.keyboard.press("Enter")
    assert switch.get_attribute("aria-pressed") == "true"
    assert all(_notes_visible(page))

    # Another page: the choice is remembered.
    page.goto(f"{site}{OTHER}.html", wait_until="networkidle")
    assert page.locator(SWITCH).get_attribute("aria-pressed") == "true"
    assert all(_notes_visible(page))
    assert "with real sticky notes; photograph the clusters" in page.locator(NOTES).inner_text()

    # Space (the other key of a button) turns it off again, and that is remembered too.
    _tab_to_switch(page)
    page.keyboard.press(" ")
    assert page.locator(SWITCH).get_attribute("aria-pressed") == "false"
    page.goto(f"{site}{FIRST}.html", wait_until="networkidle")
    assert not any(_notes_visible(page))
    assert not seen.console_errors, seen.console_errors


def _pdf_text(page, tmp_path, name: str) -> str:
    pdf = tmp_path / f"{name}.pdf"
    page.pdf(path=str(pdf))
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_print_follows_the_switch(site, context, tmp_path):
    page, _ = open_watched(context, f"{site}{OTHER}.html")
    marker = "photograph the clusters"
    assert marker not in " ".join(_pdf_text(page, tmp_path, "off").split())
    page.locator(SWITCH).click()
    assert marker in " ".join(_pdf_text(page, tmp_path, "on").split())
    # The switch itself is not printed.
    page.emulate_media(media="print")
    assert not page.locator(SWITCH).is_visible()


def test_without_javascript_the_notes_stay_readable(site, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site}{OTHER}.html", wait_until="load")
        assert all(_notes_visible(page)) and _notes_visible(page)
        assert page.locator(SWITCH).count() == 0  # no switch that could not work
    finally:
        context.close()


@pytest.mark.parametrize("pressed", [False, True])
def test_switch_is_accessible_and_fits_a_phone(site, browser, pressed):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(f"{site}{OTHER}.html", wait_until="networkidle")
        if pressed:
            page.locator(SWITCH).click()
        assert page.locator(SWITCH).is_visible()
        box = page.locator(SWITCH).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        problems = page.evaluate(NARROW_PROBLEMS_JS)
        assert not problems, "\n".join(problems)
        result = run_axe(page, Axe().axe_script)
        serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert not serious, describe_violations(serious)
    finally:
        context.close()
