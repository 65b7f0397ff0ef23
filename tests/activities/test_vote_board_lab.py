"""'Ask your community' and 'Get ready' in a real JupyterLab (Debian's Chromium via Playwright):
used by keyboard, hostile text stays text, the work is saved (the hand-over too). (axe: in
test_activities_lab.py for every registered activity.) (At 390 px: on the static book pages, tests/site/test_vote_board_static.py.)"""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from support.lab import cell_errors, open_notebook, press, run_all_cells, wait_for_saved_work, wait_for_widget

pytestmark = pytest.mark.browser

HOSTILE = "<img src=x onerror=alert(1)> Knit together \U0001F9F6 \u0645\u0631\u062d\u0628\u0627"


def test_vote_board_by_keyboard_with_a_tie_and_the_hand_over(lab_page, lab_server):
    page = lab_page
    open_notebook(page, lab_server, "notebooks/ask-your-community.ipynb")
    run_all_cells(page)
    new_topic = wait_for_widget(page, ".lc-vote-new-topic input")
    page.locator(".jp-OutputArea[data-lc-keyboard-friendly='true']").first.wait_for(state="attached")
    assert page.locator(f"label[for='{new_topic.get_attribute('id')}']").inner_text().strip() == "New topic"
    for name in (HOSTILE, "Public Speaking"):
        new_topic.focus()
        page.keyboard.type(name, delay=20)
        page.wait_for_timeout(500)  # let the last keystrokes reach the kernel before the click
        press(page, ".jp-OutputArea button.lc-vote-add")
        wait_for_saved_work(lab_server, "ask-your-community", lambda d, n=name: n in [t["name"] for t in d["topics"]])
    # Two votes each by keyboard (+1 buttons): a tie.
    for index in (0, 1):
        for _ in range(2):
            plus = page.locator(".jp-OutputArea button.lc-vote-plus").nth(index)
            plus.focus()
            page.keyboard.press("Enter")
            page.wait_for_timeout(300)
    data = wait_for_saved_work(lab_server, "ask-your-community", lambda d: [t["votes"] for t in d["topics"]] == [2, 2])
    result = page.locator(".jp-OutputArea .lc-vote-result").first
    page.wait_for_function("el => el.textContent.includes('A tie')", arg=result.element_handle())
    assert HOSTILE in result.inner_text()  # shown as text
    assert page.locator(".jp-OutputArea img[src='x']").count() == 0
    assert page.locator(".jp-OutputArea svg.lc-vote-chart rect[data-value='2']").count() == 2
    # The group picks "Public Speaking" (typing its first letter in the drop-down), then hands it over.
    pick = page.locator(".jp-OutputArea .lc-vote-tie-pick select").first
    pick.focus()
    page.keyboard.type("P")
    page.wait_for_function("el => el.selectedIndex === 1", arg=pick.element_handle())
    page.wait_for_timeout(500)  # the choice reaches the kernel
    press(page, ".jp-OutputArea button.lc-vote-hand-over")
    data = wait_for_saved_work(lab_server, "ask-your-community", lambda d: d["handed_over"] is not None)
    assert data["handed_over"] == {"topic": "Public Speaking", "votes": 2}
    handed = page.locator(".jp-OutputArea .lc-vote-handed").first  # shown just after the save
    page.wait_for_function("el => el.textContent.includes('Handed over')", arg=handed.element_handle())
    assert cell_errors(page) == [] and not [e for e in page.errors if "alert" in e]


def test_countdown_typed_date_ticked_by_keyboard(lab_page, lab_server):
    page = lab_page
    open_notebook(page, lab_server, "notebooks/get-ready.ipynb")
    run_all_cells(page)
    wait_for_widget(page, ".lc-countdown-source input[type=radio]")
    page.locator(".jp-OutputArea[data-lc-keyboard-friendly='true']").first.wait_for(state="attached")
    press(page, ".jp-OutputArea .lc-countdown-source input[type=radio]", "ArrowDown")
    wait_for_saved_work(lab_server, "get-ready", lambda d: d["source"] == "typed")
    first = page.locator(".jp-OutputArea .lc-countdown-first input").first
    page.wait_for_function("el => !el.disabled", arg=first.element_handle())
    start = date.today() + timedelta(days=10)
    first.fill(start.isoformat())
    first.press("Tab")
    wait_for_saved_work(lab_server, "get-ready", lambda d: d["typed_first"] == start.isoformat())
    message = page.locator(".jp-OutputArea .lc-countdown-message").first
    page.wait_for_function("el => el.textContent.includes('10 days away')", arg=message.element_handle())
    items = page.locator(".jp-OutputArea .lc-countdown-item input[type=checkbox]")
    items.nth(25).wait_for(state="attached")
    assert items.count() == 26
    assert "Overdue, do it now" in page.locator(".jp-OutputArea .lc-countdown-item").first.inner_text()
    items.first.focus()
    page.keyboard.press("Space")
    assert wait_for_saved_work(lab_server, "get-ready", lambda d: d["done"])["done"] == ["partners"]
    press(page, ".jp-OutputArea button.lc-countdown-make")
    files = page.locator(".jp-OutputArea .lc-countdown-files").first
    page.wait_for_function("el => el.querySelectorAll('a[download]').length === 2", arg=files.element_handle())
    assert files.locator("a[download]").evaluate_all("links => links.map(a => a.getAttribute('download'))") == [
        "get-ready-checklist.ics", "get-ready-checklist.html"]
    assert cell_errors(page) == []


# axe (no violations at all) for both activities: test_activities_lab.py, which checks every
# registered activity.
