""""10-minute facilitation" in a real JupyterLab (Debian's Chromium via Playwright): the group typed
and used by keyboard, the rotation saved and the same after a kernel restart, the shared timer
counting in the browser under Playwright's controlled clock (also while the kernel is busy) and
telling Python when it ends,
hostile text shown as text, and the projector layout readable at 1280x720. (axe: in
test_activities_lab.py for every registered activity; 390 px: on the static page,
tests/site/test_facilitation_static.py.)"""
from __future__ import annotations

import pytest

from support.lab import cell_errors, open_notebook, press, run_all_cells, wait_for_kernel_idle, wait_for_saved_work, wait_for_widget

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/ten-minute-facilitation.ipynb"
ACTIVITY = "ten-minute-facilitation"
HOSTILE = "<img src=x onerror=alert(1)> Zo\u00eb \U0001F9F6 \u0645\u0631\u062d\u0628\u0627"
NAMES = [HOSTILE, "Ben", "Carla", "Dev", "Esther", "Farid"]
OUT = ".jp-OutputArea"
TEXT_SIZES = """(sel) => [...document.querySelectorAll(sel)].flatMap(root => [...root.querySelectorAll('*')])
  .filter(el => el.offsetParent !== null && [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
  .map(el => [String(el.className), el.textContent.trim().slice(0, 30), parseFloat(getComputedStyle(el).fontSize)])"""


@pytest.fixture
def practice(lab_page, lab_server):
    (lab_server.data_dir / f"{ACTIVITY}.json").unlink(missing_ok=True)
    page = lab_page
    page.set_viewport_size({"width": 1280, "height": 720})
    page.clock.install()  # the real time flows until the test takes the clock over
    open_notebook(page, lab_server, NOTEBOOK)
    run_all_cells(page)
    wait_for_widget(page, ".lc-facilitation-names textarea")
    page.locator(f"{OUT}[data-lc-keyboard-friendly='true']").first.wait_for(state="attached")
    return page


def test_a_practice_session_by_keyboard_with_the_browser_timer(practice, lab_server):
    page = practice
    names = page.locator(f"{OUT} .lc-facilitation-names textarea").first
    assert page.locator(f"label[for='{names.get_attribute('id')}']").inner_text().strip() == "Names, one per line"
    names.focus()
    page.keyboard.type("\n".join(NAMES[:4]), delay=5)
    page.wait_for_timeout(500)
    press(page, f"{OUT} button.lc-facilitation-use-names")
    message = page.locator(f"{OUT} .lc-facilitation-group-message").first
    page.wait_for_function("el => el.textContent.includes('you typed 4 names')", arg=message.element_handle())
    names.focus()
    page.keyboard.press("Control+End")
    page.keyboard.type("\n" + "\n".join(NAMES[4:]), delay=5)
    page.wait_for_timeout(500)
    press(page, f"{OUT} button.lc-facilitation-use-names")
    data = wait_for_saved_work(lab_server, ACTIVITY, lambda d: len(d["rotation"]) == 6)
    rotation = data["rotation"]
    assert sorted(rotation) == sorted(NAMES)
    page.locator(f"{OUT} .lc-facilitation-now", has_text=rotation[0]).first.wait_for()
    assert page.locator(f"{OUT} img[src='x']").count() == 0 and HOSTILE in page.locator(f"{OUT} .lc-facilitation-rotation").first.inner_text()

    # The first round: a reading picked by keyboard, two boxes ticked, the 5-minute timer run.
    material = page.locator(f"{OUT} .lc-facilitation-material-choice select").first
    material.focus()
    page.keyboard.type("P")  # the first letter of "Public library (Wikipedia)"
    page.wait_for_timeout(500)
    for index in (0, 4):  # "Everyone spoke", "Everyone learned one thing"
        page.locator(f"{OUT} .lc-facilitation-check input").nth(index).focus()
        page.keyboard.press("Space")
        page.wait_for_timeout(300)
    wait_for_saved_work(lab_server, ACTIVITY, lambda d: d["rounds"].get(rotation[0], {}).get("material") == "public-library")
    wait_for_saved_work(lab_server, ACTIVITY, lambda d: d["rounds"][rotation[0]]["checked"] == ["spoke", "learned"])

    timer = page.locator(f"{OUT} .lc-timer").first
    digits = timer.locator(".lc-timer-digits")
    assert digits.inner_text() == "05:00"
    page.clock.pause_at(page.evaluate("() => Date.now()") + 1000)
    start = timer.get_by_role("button", name="Start")
    start.focus()
    page.keyboard.press("Enter")
    page.clock.run_for(61_000)
    assert digits.inner_text() == "03:59"
    page.keyboard.press("Enter")  # the same button, now "Pause"
    assert timer.get_attribute("data-status") == "paused"
    page.clock.run_for(30_000)
    assert digits.inner_text() == "03:59"
    page.keyboard.press("Enter")  # Resume
    # The kernel is busy for a few seconds: the timer, counted in the browser, does not wait for it.
    page.evaluate("() => { window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
                  ".requestExecute({code: 'import time; time.sleep(4)'}); }")
    page.wait_for_function("() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'busy'")
    page.clock.run_for(20_000)
    assert digits.inner_text() == "03:39"
    page.clock.fast_forward("04:00")  # a background tab: the display jumps to the end
    assert timer.get_attribute("data-status") == "finished" and timer.locator(".lc-timer-end").is_visible()
    page.clock.resume()
    news = page.locator(f"{OUT} .lc-facilitation-timer-news").first
    page.wait_for_function("el => el.textContent.includes('start the 10-minute debrief')", arg=news.element_handle())

    # The next round resets both timers and shows the next facilitator.
    press(page, f"{OUT} button.lc-facilitation-next")
    wait_for_saved_work(lab_server, ACTIVITY, lambda d: d["current"] == 1)
    page.wait_for_function("el => el.dataset.status === 'ready'", arg=timer.element_handle())
    # Any round can be put on screen from the list.
    page.locator(f"{OUT} .lc-facilitation-round select").first.select_option(index=3)
    wait_for_saved_work(lab_server, ACTIVITY, lambda d: d["current"] == 3)
    page.locator(f"{OUT} .lc-facilitation-now", has_text=f"Round 4 of 6: {rotation[3]}").first.wait_for()
    assert cell_errors(page) == [] and not [e for e in page.errors if "alert" in e]

    # A kernel restart brings the same order back.
    page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.restart()")
    wait_for_kernel_idle(page)
    run_all_cells(page)
    rows = page.locator(f"{OUT} .lc-facilitation-rotation li")
    rows.nth(5).wait_for()
    assert [text.split(": ", 1)[1].removesuffix(" (written down)") for text in rows.all_inner_texts()] == rotation


def test_projector_layout_is_readable_from_the_back_at_1280x720(practice, lab_server):
    page = practice
    names = page.locator(f"{OUT} .lc-facilitation-names textarea").first
    names.fill("\n".join(NAMES[1:]))
    names.press("Tab")
    page.wait_for_timeout(500)
    press(page, f"{OUT} button.lc-facilitation-use-names")
    wait_for_saved_work(lab_server, ACTIVITY, lambda d: len(d["rotation"]) == 5)
    press(page, f"{OUT} .lc-facilitation-projector input", "Space")
    page.locator(f"{OUT} .lc-facilitation.lc-projector").first.wait_for()
    page.locator(f"{OUT} .lc-timer[data-projector='true']").nth(1).wait_for()
    sizes = page.evaluate(TEXT_SIZES, f"{OUT} .lc-timer, {OUT} .lc-facilitation-now")
    small = [s for s in sizes if s[2] < 32]
    assert len(sizes) >= 10 and not small, small
    now = page.locator(f"{OUT} .lc-facilitation-now strong").first
    assert float(now.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")) >= 48
    for timer in page.locator(f"{OUT} .lc-timer").all():
        box = timer.locator(".lc-timer-digits").bounding_box()
        assert box["width"] > 0 and box["x"] >= 0 and box["x"] + box["width"] <= 1280
