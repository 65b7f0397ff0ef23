"""'Which network is which?' in a real JupyterLab, answered with the keyboard and the mouse in
Debian's Chromium (Playwright): feedback appears, the answer is saved, "Try again" works."""
from __future__ import annotations

import pytest

from activities.registry import ACTIVITIES
from activities.which_network import CLIENT_SERVER, EXPLANATIONS, PEER_TO_PEER
from support.lab import cell_errors, open_notebook, run_all_cells, wait_for_saved_work, wait_for_widget

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/which-network.ipynb"
#: Position of each answer in the drop-down list (0 is "(choose)").
OPTION_INDEX = {CLIENT_SERVER: 1, PEER_TO_PEER: 2}
#: Every registered activity but the sentence editor, whose own axe check is in test_sentence_lab.py.
AXE_CHECKED_HERE = [activity.name for activity in ACTIVITIES if activity.name != "sentence-editor"]


def saved(lab_server, timeout=20, until=lambda data: True) -> dict:
    return wait_for_saved_work(lab_server, "which-network", until, timeout)


def choose_by_keyboard(page, select, index: int) -> None:
    """Focus the drop-down and move to option ``index`` with the arrow keys, as a keyboard user would."""
    select.focus()
    current = select.evaluate("el => el.selectedIndex")
    key = "ArrowDown" if index > current else "ArrowUp"
    for _ in range(abs(index - current)):
        page.keyboard.press(key)
    page.wait_for_function("([el, i]) => el.selectedIndex === i", arg=[select.element_handle(), index])


def test_answer_which_network_by_keyboard_and_click(lab_page, lab_server):
    page = lab_page
    open_notebook(page, lab_server, NOTEBOOK)
    run_all_cells(page)
    first = wait_for_widget(page, ".lc-which-network-picker-1 select")
    second = page.locator(".jp-OutputArea .lc-which-network-picker-2 select").first
    feedback_1 = page.locator(".jp-OutputArea .lc-which-network-feedback-1").first
    feedback_2 = page.locator(".jp-OutputArea .lc-which-network-feedback-2").first
    assert cell_errors(page) == []
    # The helper that keeps keys in the activity (not in the notebook's shortcuts) is active.
    page.locator(".jp-OutputArea[data-lc-keyboard-friendly='true']").first.wait_for(state="attached")

    # Every control has a real label.
    for select, text in ((first, "Diagram 1 shows"), (second, "Diagram 2 shows")):
        label = page.locator(f"label[for='{select.get_attribute('id')}']")
        assert label.inner_text().strip() == text
    # Neither drawing names its kind before it is answered.
    drawings = page.locator(".jp-OutputArea .lc-network-drawing svg")
    assert drawings.count() == 2
    for i in range(2):
        assert drawings.nth(i).get_attribute("data-kind") == "hidden"
        assert drawings.nth(i).get_attribute("role") == "img"

    order = saved(lab_server)["order"]  # this learner's shuffled order, saved on first open
    wrong = PEER_TO_PEER if order[0] == CLIENT_SERVER else CLIENT_SERVER

    # Keyboard: a wrong answer first, then the right one.
    choose_by_keyboard(page, first, OPTION_INDEX[wrong])
    page.wait_for_function("el => el.textContent.includes('Not quite')", arg=feedback_1.element_handle())
    assert saved(lab_server, until=lambda d: d["answers"][0] == wrong)["answers"][0] == wrong
    choose_by_keyboard(page, first, OPTION_INDEX[order[0]])
    page.wait_for_function("el => el.textContent.includes('Yes:')", arg=feedback_1.element_handle())
    assert EXPLANATIONS[order[0]][:60] in feedback_1.inner_text()
    page.locator(f".jp-OutputArea .lc-network-drawing svg[data-kind='{order[0]}']").wait_for()

    # Mouse: pick the second answer from the list.
    second.select_option(index=OPTION_INDEX[order[1]])
    page.wait_for_function("el => el.textContent.includes('Yes:')", arg=feedback_2.element_handle())
    summary = page.locator(".jp-OutputArea .lc-which-network-summary").first
    page.wait_for_function("el => el.textContent.includes('You found both')", arg=summary.element_handle())
    data = saved(lab_server, until=lambda d: d["answers"] == order)
    assert data["solved_once"] is True

    # "Try again" from the keyboard clears the answers.
    retry = page.locator(".jp-OutputArea button.lc-which-network-retry").first
    retry.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("el => el.selectedIndex === 0", arg=first.element_handle())
    data = saved(lab_server, until=lambda d: d["retries"] == 1)
    assert data["answers"] == [None, None]
    assert cell_errors(page) == []


@pytest.mark.parametrize("notebook", AXE_CHECKED_HERE)
def test_activity_passes_axe_accessibility_checks(lab_page, lab_server, notebook):
    from axe_playwright_python.sync_playwright import Axe

    page = lab_page
    open_notebook(page, lab_server, f"notebooks/{notebook}.ipynb")
    run_all_cells(page)
    wait_for_widget(page, ".lc-activity .lc-download-my-work")
    assert cell_errors(page) == []
    result = Axe().run(page, context=".jp-OutputArea .lc-activity")
    checked = {rule["id"] for rule in result.response["passes"]}
    assert "button-name" in checked and checked & {"label", "select-name"}, "axe did not check the controls"
    violations = [(v["id"], v["impact"], v["nodes"][0]["html"][:200]) for v in result.response["violations"]]
    assert not violations, violations


def test_plus_delta_by_keyboard_then_download_my_work(lab_page, lab_server, tmp_path):
    """Type an entry with hostile text, add it with the keyboard, see it escaped, download the zip."""
    import zipfile

    page = lab_page
    open_notebook(page, lab_server, "notebooks/plus-delta.ipynb")
    run_all_cells(page)
    plus = wait_for_widget(page, ".lc-plus-delta-plus textarea")
    page.locator(".jp-OutputArea[data-lc-keyboard-friendly='true']").first.wait_for(state="attached")
    hostile = "<img src=x onerror=alert(1)> =SUM(A1) مرحبا 🎉"
    plus.focus()
    page.keyboard.type(hostile)
    page.keyboard.press("Tab")  # to the delta box
    page.keyboard.type("Start on time")
    page.keyboard.press("Tab")  # to "Add entry"
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Add entry"
    page.keyboard.press("Enter")
    entries = page.locator(".jp-OutputArea .lc-plus-delta-entries").first
    try:
        page.wait_for_function("el => el.textContent.includes('Start on time')", arg=entries.element_handle())
    except Exception:
        state = page.evaluate("""() => ({active: document.activeElement.outerHTML.slice(0, 300),
            mode: document.querySelector('.jp-Notebook').className,
            message: [...document.querySelectorAll('.jp-OutputArea .widget-html')].map(e => e.textContent).join(' | ').slice(0, 1500)})""")
        saved = (lab_server.data_dir / "plus-delta.json").read_text()[-400:]
        raise AssertionError(f"entry never shown: {state}\nsaved: {saved}")
    assert hostile in entries.inner_text()  # shown as text ...
    assert entries.locator("img").count() == 0  # ... never as markup
    chart = page.locator(".jp-OutputArea .lc-plus-delta-chart svg[role='img']").first
    chart.wait_for()
    assert chart.get_attribute("aria-label").startswith("Bar chart of the pluses and deltas")
    plus_bar = chart.locator("rect[data-series='Pluses']").first
    assert plus_bar.get_attribute("data-value") == "1" and plus_bar.bounding_box()["height"] > 20

    page.locator(".jp-OutputArea button.lc-download-my-work").first.click()
    link = page.locator(".jp-OutputArea a.lc-download-link").first
    link.wait_for()
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename.startswith("learning-circles-my-work-")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    archive = zipfile.ZipFile(target)
    csv_text = archive.read("exports/plus-delta.csv").decode("utf-8-sig")
    assert hostile in csv_text and "Start on time" in csv_text
    assert "saved/plus-delta.json" in archive.namelist()
