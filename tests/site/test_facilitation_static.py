""""10-minute facilitation" on the built book's page (no kernel): the activity is drawn from its
saved state with its labelled controls and says it is not running, while the shared timer still
counts in the browser (Playwright's controlled clock), fits a 390 px phone, the projector-sized
timer digits stay inside 1280 px, and axe finds nothing serious."""
from __future__ import annotations

import pytest
from support.site import NARROW_PROBLEMS_JS, assert_activity_page_fits_and_passes_axe, serve, watch

pytestmark = [pytest.mark.book, pytest.mark.browser]

PAGE = "notebooks/ten-minute-facilitation.html"
LABELS = ["Names, one per line", "Round on screen", "Video or reading", "Everyone spoke",
          "Everyone learned one thing", "Notes on this round", "Beep at the end"]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_page_shows_the_activity_and_its_timers_count_without_a_kernel(built_book, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        with serve(built_book) as base:
            page = context.new_page()
            seen = watch(context, page)
            page.clock.install()
            page.goto(base + PAGE, wait_until="networkidle")
            activity = page.locator(".lc-activity.lc-ten-minute-facilitation")
            activity.wait_for(state="visible", timeout=30_000)
            assert activity.locator("h2.lc-activity-title").inner_text() == "10-minute facilitation"
            assert activity.locator(".lc-not-connected").is_visible()
            shown = [text.strip() for text in activity.locator("label").all_inner_texts()]
            for label in LABELS:
                assert label in shown, (label, shown)
            timers = activity.locator(".lc-timer")
            assert timers.count() == 2
            assert [t.locator(".lc-timer-digits").inner_text() for t in timers.all()] == ["05:00", "10:00"]
            # the timer is drawn and counted in the browser: it works on the static page too
            page.clock.pause_at(page.evaluate("() => Date.now()") + 1000)
            first = timers.first
            first.get_by_role("button", name="Start").click()
            page.clock.run_for(90_000)
            assert first.locator(".lc-timer-digits").inner_text() == "03:30"
            page.clock.resume()
            problems = page.evaluate(NARROW_PROBLEMS_JS)  # sticking out, cut off, drawn over each other
            assert not problems, problems
            assert_activity_page_fits_and_passes_axe(page, activity, width, seen)
    finally:
        context.close()
