"""'Is it a learning circle?' on the built book's page (no kernel): the activity is drawn from its
saved state with its labelled controls and the first case, says it is not running, fits a 390 px
phone screen, and passes axe. (Every page's axe, offline and phone checks run in
test_site_static.py and test_site_learner.py as well.)"""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from support.site import describe_violations, run_axe, serve, watch

pytestmark = [pytest.mark.book, pytest.mark.browser]

ATTRIBUTES = ["Free", "Recurring", "Facilitated", "Collaborative", "Structured"]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_cases_page_shows_the_activity_without_a_kernel(built_book, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        with serve(built_book) as base:
            page = context.new_page()
            seen = watch(context, page)
            page.goto(base + "notebooks/is-it-a-learning-circle.html", wait_until="networkidle")
            activity = page.locator(".lc-activity.lc-is-it-a-learning-circle")
            activity.wait_for(state="visible", timeout=30_000)
            assert activity.locator("h2.lc-activity-title").inner_text() == "Is it a learning circle?"
            assert activity.locator(".lc-not-connected").is_visible()
            assert activity.locator(".lc-circle-story").first.inner_text().startswith("Six neighbours")
            labels = [text.strip() for text in activity.locator("label").all_inner_texts()]
            for label in ["Case", "My notes on this case", "Our definition of a learning circle", *ATTRIBUTES]:
                assert label in labels, (label, labels)
            assert "Is it a learning circle?" in activity.locator(".lc-circle-verdict").inner_text()
            # Our discussion is not given away on the page before anyone answers.
            assert "Our discussion" not in activity.inner_text()
            assert activity.locator("button.lc-circle-check").inner_text().strip() == "Check my answer"
            # The five attributes are listed beside (or, on a phone, under) the definition.
            assert activity.locator(".lc-circle-definitions li").count() == 5
            # Nothing wider than the screen: no sideways scrolling, no control cut off.
            assert page.evaluate("() => document.documentElement.scrollWidth") <= width
            outside = activity.locator("input, textarea, button, select").evaluate_all(
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
