"""'Make a flyer' on the built book's page (no kernel): the activity is drawn from its saved state
with every labelled box, says it is not running, and fits a 390 px phone screen. (Every page's
axe, offline and phone checks run in test_site_static.py and test_site_learner.py as well.)"""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from support.site import describe_violations, run_axe, serve, watch

pytestmark = [pytest.mark.book, pytest.mark.browser]

LABELS = ["Title", "Topic", "What people will do", "Dates and times", "Place", "Sign-up contact or link",
          "Accessibility notes"]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_flyer_page_shows_the_activity_without_a_kernel(built_book, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        with serve(built_book) as base:
            page = context.new_page()
            seen = watch(context, page)
            page.goto(base + "notebooks/make-a-flyer.html", wait_until="networkidle")
            activity = page.locator(".lc-activity.lc-make-a-flyer")
            activity.wait_for(state="visible", timeout=30_000)
            assert activity.locator("h2.lc-activity-title").inner_text() == "Make a flyer"
            assert activity.locator(".lc-not-connected").is_visible()
            labels = activity.locator("label").all_inner_texts()
            for label in LABELS:
                assert label in [text.strip() for text in labels], (label, labels)
            assert activity.locator(".lc-flyer-free-line input").is_checked()
            assert activity.locator("button.lc-flyer-make").inner_text().strip() == "Make my flyer"
            # Nothing wider than the screen: no sideways scrolling, no control cut off.
            assert page.evaluate("() => document.documentElement.scrollWidth") <= width
            outside = activity.locator("input, textarea, button").evaluate_all(
                f"els => els.filter(el => el.checkVisibility() && el.getBoundingClientRect().right > {width} + 1)"
                ".map(el => el.outerHTML.slice(0, 80))")
            assert not outside, outside
            assert not seen.console_errors and not seen.outside, (seen.console_errors, seen.outside)
            # Last: axe re-fetches the stylesheets itself (a 404 no reader sees; see test_site_static.py).
            result = run_axe(page, Axe().axe_script)
            serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
            assert not serious, describe_violations(serious)
    finally:
        context.close()
