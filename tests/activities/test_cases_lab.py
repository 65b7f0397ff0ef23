"""'Is it a learning circle?' in a real JupyterLab (Debian's Chromium via Playwright): a case is
answered by keyboard and only then our discussion appears; group mode shows the case in large text
(at least 32 px at 1280x720) and counts the group's answers; hostile text stays text; axe finds
nothing. (The static book page and 390 px: tests/site/test_cases_static.py.)"""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from support.lab import cell_errors, open_notebook, run_all_cells, wait_for_saved_work, wait_for_widget

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/is-it-a-learning-circle.ipynb"
ACTIVITY = "is-it-a-learning-circle"
HOSTILE = "<img src=x onerror=alert(1)> free \U0001F9F6 \u0645\u0631\u062d\u0628\u0627"


def start(page, lab_server):
    open_notebook(page, lab_server, NOTEBOOK)
    run_all_cells(page)
    wait_for_widget(page, ".lc-circle-group-toggle input[type=checkbox]")  # shown in both modes
    page.locator(".jp-OutputArea[data-lc-keyboard-friendly='true']").first.wait_for(state="attached")
    assert cell_errors(page) == []


def test_answer_a_case_by_keyboard_then_the_discussion_appears(lab_page, lab_server):
    page = lab_page
    start(page, lab_server)
    activity = page.locator(".jp-OutputArea .lc-is-it-a-learning-circle").first
    activity.locator(".lc-circle-verdict").wait_for(state="visible")  # a fresh start: on my own
    discussion = activity.locator(".lc-circle-discussion-box")
    assert activity.locator(".lc-circle-story").first.inner_text().startswith("Six neighbours")
    assert "Our discussion" not in discussion.inner_text()
    # Labels: the verdict group, each attribute, the notes and the definition.
    assert "Is it a learning circle?" in activity.locator(".lc-circle-verdict").inner_text()
    for name in ("free", "recurring", "facilitated", "collaborative", "structured"):
        box = activity.locator(f".lc-circle-tick-{name} input[type=checkbox]")
        assert box.evaluate("el => el.closest('label').textContent.trim()").lower() == name
    notes = activity.locator(".lc-circle-notes textarea")
    assert page.locator(f"label[for='{notes.get_attribute('id')}']").inner_text().strip() == "My notes on this case"
    # Pressing the button with nothing chosen: a message, still no discussion.
    check = activity.locator("button.lc-circle-check")
    check.focus()
    page.keyboard.press("Enter")
    feedback = activity.locator(".lc-circle-feedback")
    page.wait_for_function("el => el.textContent.includes('Choose yes, no or it depends')",
                           arg=feedback.element_handle())
    assert "Our discussion" not in discussion.inner_text()
    # By keyboard: "It depends" (arrow keys in the radio group), tick "Facilitated", check.
    activity.locator(".lc-circle-verdict input[type=radio]").first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    activity.locator(".lc-circle-tick-facilitated input").focus()
    page.keyboard.press("Space")
    notes.focus()
    page.keyboard.type(HOSTILE)
    wait_for_saved_work(lab_server, ACTIVITY, until=lambda d: d["notes"].get("no-facilitator") == HOSTILE)
    assert "Our discussion" not in discussion.inner_text()  # choosing is not answering
    check.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("el => el.textContent.includes('Our discussion')", arg=discussion.element_handle())
    text = discussion.inner_text()
    assert "You said It depends; we say It depends." in text and "rotating facilitator" in text
    data = wait_for_saved_work(lab_server, ACTIVITY, until=lambda d: "no-facilitator" in d["answers"])
    assert data["answers"]["no-facilitator"] == {"verdict": "depends", "ticked": ["facilitated"]}
    # The definition: typed text stays text beside the five attributes.
    definition = activity.locator(".lc-circle-definition textarea")
    definition.focus()
    page.keyboard.type(HOSTILE)
    shown = activity.locator(".lc-circle-definitions-box")
    page.wait_for_function("el => el.textContent.includes('onerror=alert(1)')", arg=shown.element_handle())
    assert shown.locator("li").count() == 5
    assert page.locator(".jp-OutputArea img[src='x']").count() == 0
    assert cell_errors(page) == [] and not [e for e in page.errors if "alert" in e]


def test_group_mode_is_readable_on_a_projector_and_counts_the_group(lab_page, lab_server):
    page = lab_page
    page.set_viewport_size({"width": 1280, "height": 720})
    start(page, lab_server)
    activity = page.locator(".jp-OutputArea .lc-is-it-a-learning-circle").first
    toggle = activity.locator(".lc-circle-group-toggle input[type=checkbox]")
    if not toggle.is_checked():
        toggle.focus()
        page.keyboard.press("Space")
    projector = activity.locator(".lc-circle-projector-box")
    projector.locator(".lc-circle-story").wait_for(state="visible")
    assert not activity.locator(".lc-circle-verdict").is_visible()  # one view at a time
    # Next case by keyboard, then count the group's hands by keyboard.
    following = activity.locator("button.lc-circle-next")
    following.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("el => el.textContent.includes('A ten-dollar fee')", arg=projector.element_handle())
    assert "Count the group" in projector.inner_text()
    plus_no = activity.locator("button.lc-circle-plus-no")
    plus_no.focus()
    for _ in range(3):
        page.keyboard.press("Enter")
    page.wait_for_function("el => el.querySelector('.lc-circle-tally-no strong').textContent === '3'",
                           arg=projector.element_handle())
    typed = activity.locator(".lc-circle-count-yes input")
    typed.fill("2")
    typed.press("Enter")
    page.wait_for_function("el => el.querySelector('.lc-circle-tally-yes strong').textContent === '2'",
                           arg=projector.element_handle())
    assert "Our discussion" in projector.inner_text() and "We say No" in projector.inner_text()
    data = wait_for_saved_work(lab_server, ACTIVITY, until=lambda d: d["tallies"].get("ten-dollars", {}).get("yes") == 2)
    assert data["tallies"]["ten-dollars"] == {"yes": 2, "no": 3, "depends": 0} and data["group_mode"] is True
    # Readable from the back of the room: the case and the counts are at least 32 px, nothing cut off.
    for selector in (".lc-circle-story", ".lc-circle-case-title", ".lc-circle-tally",
                     ".lc-circle-projector-discussion p"):
        size = projector.locator(selector).first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        assert size >= 32, (selector, size)
    box = projector.locator(".lc-circle-story").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1280
    assert cell_errors(page) == []


def test_the_activity_passes_axe_in_both_modes(lab_page, lab_server):
    page = lab_page
    start(page, lab_server)
    activity = page.locator(".jp-OutputArea .lc-is-it-a-learning-circle").first
    for _mode in range(2):
        result = Axe().run(page, context=".jp-OutputArea .lc-activity")
        checked = {rule["id"] for rule in result.response["passes"]}
        assert "button-name" in checked and "label" in checked, "axe did not check the controls"
        violations = [(v["id"], v["impact"], v["nodes"][0]["html"][:200]) for v in result.response["violations"]]
        assert not violations, violations
        activity.locator(".lc-circle-group-toggle input[type=checkbox]").click()
        page.wait_for_timeout(500)
