"""'When it gets hard' in a real JupyterLab (Debian's Chromium via Playwright): a card is drawn
and recorded by keyboard, and only then do the suggested moves (naming the facilitation tasks)
appear; hostile text stays text; the draw order survives a kernel restart; group mode is readable
on a projector (at least 32 px at 1280x720); axe finds nothing. (The static page and 390 px:
tests/site/test_hard_cards_static.py.)"""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from activities.hard_cards.cards import BY_KEY
from support.lab import cell_errors, open_notebook, press, run_all_cells, wait_for_saved_work, wait_for_widget

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/when-it-gets-hard.ipynb"
ACTIVITY = "when-it-gets-hard"
HOSTILE = "<img src=x onerror=alert(1)> we listened \U0001F9F6 \u0645\u0631\u062d\u0628\u0627"


def start(page, lab_server):
    open_notebook(page, lab_server, NOTEBOOK)
    run_all_cells(page)
    wait_for_widget(page, ".lc-hard-group-toggle input[type=checkbox]")
    page.locator(".jp-OutputArea[data-lc-keyboard-friendly='true']").first.wait_for(state="attached")
    assert cell_errors(page) == []
    return page.locator(".jp-OutputArea .lc-when-it-gets-hard").first


def test_draw_record_by_keyboard_then_the_moves_appear(lab_page, lab_server):
    page = lab_page
    activity = start(page, lab_server)
    card_box, moves = activity.locator(".lc-hard-card-box"), activity.locator(".lc-hard-moves-box")
    earlier = wait_for_saved_work(lab_server, ACTIVITY)["current"]  # other tests share the lab
    press(page, activity.locator("button.lc-hard-draw"))
    data = wait_for_saved_work(lab_server, ACTIVITY, until=lambda d: d["current"] not in (None, earlier))
    card = BY_KEY[data["current"]]
    page.wait_for_function("([el, title]) => el.textContent.includes(title)", arg=[card_box.element_handle(), card.title])
    assert card_box.locator(".lc-hard-title").inner_text() == card.title
    assert card_box.locator(".lc-hard-prompts li").count() == len(card.prompts)
    assert "Suggested moves" not in moves.inner_text()
    # The role-play timer: 15 minutes, started by keyboard, counting in the browser.
    timer = activity.locator(".lc-timer")
    assert timer.locator(".lc-timer-digits").inner_text() == "15:00"
    assert "Role-play" in timer.locator(".lc-timer-label").inner_text()
    press(page, timer.locator("button.lc-timer-main"))
    page.wait_for_function("el => el.dataset.status === 'running'", arg=timer.element_handle())
    press(page, timer.locator("button.lc-timer-main"))  # pause again: the next test starts clean
    page.wait_for_function("el => el.dataset.status === 'paused'", arg=timer.element_handle())
    # The text box is labelled; recording nothing gives a message and keeps the moves hidden.
    tried = activity.locator(".lc-hard-tried-text textarea")
    assert page.locator(f"label[for='{tried.get_attribute('id')}']").inner_text().strip() == "What we tried"
    press(page, activity.locator("button.lc-hard-record"))
    feedback = activity.locator(".lc-hard-feedback")
    page.wait_for_function("el => el.textContent.includes('write a few words')", arg=feedback.element_handle())
    tried.focus()
    page.keyboard.type(HOSTILE)
    wait_for_saved_work(lab_server, ACTIVITY, until=lambda d: d["drafts"].get(card.key) == HOSTILE)
    assert "Suggested moves" not in moves.inner_text()  # typing is not recording
    press(page, activity.locator("button.lc-hard-record"))
    page.wait_for_function("el => el.textContent.includes('Suggested moves')", arg=moves.element_handle())
    assert "onerror=alert(1)" in moves.locator(".lc-hard-own").inner_text()
    assert moves.locator(".lc-hard-moves li").count() == len(card.moves)
    assert moves.locator(".lc-hard-task").count() >= len(card.moves)  # every move names its tasks
    data = wait_for_saved_work(lab_server, ACTIVITY, until=lambda d: card.key in d["records"])
    assert data["records"][card.key] == HOSTILE
    assert page.locator(".jp-OutputArea img[src='x']").count() == 0
    assert cell_errors(page) == [] and not [e for e in page.errors if "alert" in e]


def test_the_deck_carries_on_after_a_restart_and_a_card_can_be_chosen(lab_page, lab_server):
    page = lab_page
    activity = start(page, lab_server)
    earlier = wait_for_saved_work(lab_server, ACTIVITY)["current"]  # other tests share the lab
    press(page, activity.locator("button.lc-hard-draw"))
    before = wait_for_saved_work(lab_server, ACTIVITY, until=lambda d: d["current"] not in (None, earlier))
    # Running the notebook again (a new view, as after a restart) shows the same card and deck.
    run_all_cells(page)
    wait_for_widget(page, ".lc-hard-group-toggle input[type=checkbox]")
    activity = page.locator(".jp-OutputArea .lc-when-it-gets-hard").first
    title = BY_KEY[before["current"]].title
    page.wait_for_function("([el, title]) => el.textContent.includes(title)",
                           arg=[activity.locator(".lc-hard-card-box").element_handle(), title])
    press(page, activity.locator("button.lc-hard-draw"))
    after = wait_for_saved_work(lab_server, ACTIVITY, until=lambda d: d["current"] != before["current"])
    assert after["current"] == before["remaining"][0] and after["seed"] == before["seed"]
    # Choose by keyboard: the dropdown is labelled and picks the card.
    choose = activity.locator(".lc-hard-choose select")
    assert page.locator(f"label[for='{choose.get_attribute('id')}']").inner_text().strip() == "Or choose a situation"
    choose.select_option(label="2. Two learners clash")
    wait_for_saved_work(lab_server, ACTIVITY, until=lambda d: d["current"] == "two-clash")
    press(page, activity.locator("button.lc-hard-reveal"))
    moves = activity.locator(".lc-hard-moves-box")
    page.wait_for_function("el => el.textContent.includes('Mediate conflict')", arg=moves.element_handle())
    assert cell_errors(page) == []


def test_group_mode_is_readable_on_a_projector(lab_page, lab_server):
    page = lab_page
    page.set_viewport_size({"width": 1280, "height": 720})
    activity = start(page, lab_server)
    toggle = activity.locator(".lc-hard-group-toggle input[type=checkbox]")
    if not toggle.is_checked():
        press(page, toggle, "Space")
    choose = activity.locator(".lc-hard-choose select")
    choose.select_option(label="5. A learner is upset")
    card_box = activity.locator(".lc-hard-card-box")
    page.wait_for_function("el => el.querySelector('.lc-hard-projector') !== null", arg=card_box.element_handle())
    press(page, activity.locator("button.lc-hard-reveal"))
    moves = activity.locator(".lc-hard-moves-box")
    page.wait_for_function("el => el.textContent.includes('Suggested moves')", arg=moves.element_handle())
    for selector in (".lc-hard-title", ".lc-hard-situation", ".lc-hard-prompts li"):
        size = card_box.locator(selector).first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        assert size >= 32, (selector, size)
    size = moves.locator(".lc-hard-move").first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert size >= 32, size
    timer = activity.locator(".lc-timer")
    page.wait_for_function("el => el.classList.contains('lc-timer--projector')", arg=timer.element_handle())
    for selector in (".lc-timer-digits", ".lc-timer-label", "button.lc-timer-main"):
        size = timer.locator(selector).evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        assert size >= 32, (selector, size)
    box = card_box.locator(".lc-hard-situation").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1280
    data = wait_for_saved_work(lab_server, ACTIVITY, until=lambda d: d["group_mode"] is True)
    assert "upset" in data["revealed"]
    assert cell_errors(page) == []


def test_the_activity_passes_axe_in_both_modes(lab_page, lab_server):
    page = lab_page
    activity = start(page, lab_server)
    press(page, activity.locator("button.lc-hard-draw"))
    page.wait_for_timeout(500)
    for _mode in range(2):
        result = Axe().run(page, context=".jp-OutputArea .lc-activity")
        checked = {rule["id"] for rule in result.response["passes"]}
        assert "button-name" in checked and "label" in checked, "axe did not check the controls"
        violations = [(v["id"], v["impact"], v["nodes"][0]["html"][:200]) for v in result.response["violations"]]
        assert not violations, violations
        activity.locator(".lc-hard-group-toggle input[type=checkbox]").click()
        page.wait_for_timeout(500)
