"""The course timer's front end in Debian's Chromium with Playwright's controlled clock
(``page.clock``): it counts from its end time, pauses, resumes, adds a minute, shows and sounds the
end, jumps to the right time after a background tab, works by keyboard alone, tells Python only
about what people do, and its projector layout is readable from the back of a room."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from support.site import describe_violations, run_axe
from support.timer import timer_page_site

pytestmark = pytest.mark.browser

T0 = 1_800_000_000_000  # ms since the epoch; any fixed moment
TIMER = ".lc-timer"
DIGITS = ".lc-timer-digits"
# Counts the beeps: every Web Audio oscillator started.
COUNT_BEEPS = """() => { window.beeps = 0; const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...args) { window.beeps += 1; return start.apply(this, args); }; }"""


@pytest.fixture
def timer_page(browser, tmp_path):
    """A page with a 5-minute "Facilitation" timer, its clock installed and paused at T0."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.clock.install(time=T0)
    page.add_init_script(f"({COUNT_BEEPS})()")
    with timer_page_site(tmp_path, minutes=5, label="Facilitation") as url:
        page.goto(url)
        page.locator(f"{TIMER}[data-status='ready']").wait_for()
        page.clock.pause_at(T0 + 1000)
        yield page
    assert not page.errors, page.errors
    context.close()


def shown(page) -> str:
    return page.locator(DIGITS).inner_text()


def status(page) -> str:
    return page.locator(TIMER).get_attribute("data-status")


def saves(page) -> list[dict]:
    return page.evaluate("() => window.timerSaves")


def test_counts_down_pauses_keeps_the_time_resumes_and_adds_a_minute(timer_page):
    page = timer_page
    assert shown(page) == "05:00" and status(page) == "ready"
    page.get_by_role("button", name="Start").click()
    assert status(page) == "running"
    page.clock.run_for(1000)
    assert shown(page) == "04:59"
    page.clock.run_for(71_000)
    assert shown(page) == "03:48"
    page.get_by_role("button", name="Pause").click()
    assert status(page) == "paused"
    assert "paused with 3 minutes 48 seconds left" in page.locator(".lc-timer-live").inner_text()
    page.clock.run_for(120_000)  # two minutes of talk while paused: the time stays
    assert shown(page) == "03:48"
    page.get_by_role("button", name="Resume").click()
    page.clock.run_for(8_000)
    assert shown(page) == "03:40"
    page.get_by_role("button", name="Add a minute").click()
    assert shown(page) == "04:40"
    page.clock.run_for(10_000)
    assert shown(page) == "04:30"
    page.get_by_role("button", name="Reset").click()
    assert (shown(page), status(page)) == ("05:00", "ready")
    # Python heard of the five actions, not of the ticks in between.
    assert [s["status"] for s in saves(page)] == ["running", "paused", "running", "running", "ready"]


def test_the_end_is_shown_announced_sounded_and_sent_to_python(timer_page):
    page = timer_page
    page.get_by_label("Beep at the end").check()  # the sound is off unless someone asks for it
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(240_000)
    assert "one minute left" in page.locator(".lc-timer-live").inner_text()
    assert page.locator(".lc-timer-end").is_hidden()
    page.clock.run_for(60_000)
    assert (shown(page), status(page)) == ("00:00", "finished")
    end = page.locator(".lc-timer-end")
    assert end.is_visible() and end.inner_text() == "Time is up"
    assert page.locator(TIMER).evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(138, 28, 28)"
    assert "time is up" in page.locator(".lc-timer-live").inner_text()
    assert page.evaluate("() => window.beeps") == 3
    last = saves(page)[-1]
    assert (last["status"], last["finished"], last["left_ms"]) == ("finished", True, 0)
    assert len(saves(page)) == 3  # sound on, start, the end
    assert page.get_by_role("button", name="Start").is_disabled()
    page.get_by_role("button", name="Add a minute").click()  # "one more minute, everyone"
    page.clock.run_for(1000)
    assert (shown(page), status(page)) == ("00:59", "running")


def test_no_sound_unless_asked(timer_page):
    page = timer_page
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(301_000)
    assert status(page) == "finished" and page.evaluate("() => window.beeps") == 0


def test_after_a_background_tab_the_display_jumps_to_the_right_time(timer_page):
    page = timer_page
    page.get_by_role("button", name="Start").click()
    # The laptop sleeps or the tab is hidden for three minutes: no ticks in between, at most one.
    page.clock.fast_forward("03:00")
    assert shown(page) == "02:00"
    page.clock.fast_forward("10:00")
    assert (shown(page), status(page)) == ("00:00", "finished")


def test_used_by_keyboard_alone(timer_page):
    page = timer_page
    page.locator("h1").click()
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent")
    assert focused == "Start"
    page.keyboard.press("Enter")
    page.clock.run_for(30_000)
    assert shown(page) == "04:30"
    page.keyboard.press("Space")  # the same button, now "Pause"
    assert status(page) == "paused" and page.evaluate("() => document.activeElement.textContent") == "Resume"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Add a minute
    assert shown(page) == "05:30"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the sound box
    assert page.get_by_label("Beep at the end").is_checked()
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid", "the keyboard focus is not visible"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # Reset
    assert (shown(page), status(page)) == ("05:00", "ready")


def test_labelled_controls_and_no_serious_axe_findings(timer_page):
    page = timer_page
    group = page.get_by_role("group", name="Facilitation")
    assert group.count() == 1
    assert page.get_by_role("timer", name="Facilitation").inner_text() == "05:00"
    assert page.locator(".lc-timer-live").get_attribute("aria-live") == "polite"
    page.clock.resume()  # axe waits on timers of its own
    result = run_axe(page, Axe().axe_script)
    serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, describe_violations(serious)


TEXT_SIZES = """(sel) => [...document.querySelectorAll(sel + ' *')]
  .filter(el => el.offsetParent !== null && [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
  .map(el => [el.className || el.tagName, parseFloat(getComputedStyle(el).fontSize)])"""


def test_projector_layout_is_readable_from_the_back_of_the_room(timer_page):
    page = timer_page
    page.evaluate("() => window.timerModel.set('projector', true)")
    assert page.locator(TIMER).get_attribute("data-projector") == "true"
    sizes = page.evaluate(TEXT_SIZES, TIMER)
    assert len(sizes) >= 6 and all(size >= 32 for _, size in sizes), sizes
    assert dict(sizes)["lc-timer-digits"] >= 96
    box = page.locator(DIGITS).bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1280


def test_the_browser_formats_the_time_as_the_python_model_does(timer_page):
    from activities.timer.model import mm_ss, spoken

    values = [-5, 0, 1, 999, 1000, 1001, 59_001, 60_000, 61_000, 270_000, 299_999, 3_599_000, 4_500_000, 7_200_000]
    shown = timer_page.evaluate(
        "(values) => import('./timer.js').then(m => values.map(v => [m.mmss(v), m.spoken(v)]))", values)
    assert shown == [[mm_ss(v), spoken(v)] for v in values]
