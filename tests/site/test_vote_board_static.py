"""'Ask your community' and 'Get ready' on the built book's pages (no kernel): the activity is
drawn from its saved state with its labelled controls, says it is not running, fits a 390 px
phone screen, and axe finds nothing serious."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from support.site import NARROW_PROBLEMS_JS, describe_violations, run_axe, serve, watch

pytestmark = [pytest.mark.book, pytest.mark.browser]

PAGES = {
    "ask-your-community": ("Ask your community", ["New topic"], "button.lc-vote-add"),
    "get-ready": ("Get ready", ["Where the dates come from", "First meeting", "Weekly meetings", "Time (HH:MM)"],
                  "button.lc-countdown-make"),
}


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", list(PAGES))
def test_the_page_shows_the_activity_without_a_kernel(built_book, browser, name, width):
    title, labels, button = PAGES[name]
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        with serve(built_book) as base:
            page = context.new_page()
            seen = watch(context, page)
            page.goto(base + f"notebooks/{name}.html", wait_until="networkidle")
            activity = page.locator(f".lc-activity.lc-{name}")
            activity.wait_for(state="visible", timeout=30_000)
            assert activity.locator("h2.lc-activity-title").inner_text() == title
            assert activity.locator(".lc-not-connected").is_visible()
            shown = [text.strip() for text in activity.locator("label").all_inner_texts()]
            for label in labels:
                assert label in shown, (label, shown)
            assert activity.locator(button).count() == 1
            problems = page.evaluate(NARROW_PROBLEMS_JS)  # sticking out, cut off, drawn over each other
            assert page.evaluate("() => document.documentElement.scrollWidth") <= width and not problems, problems
            assert not (seen.console_errors or seen.outside), (seen.console_errors, seen.outside)
            result = run_axe(page, Axe().axe_script)
            serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
            assert not serious, describe_violations(serious)
    finally:
        context.close()
