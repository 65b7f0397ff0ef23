"""'Is it a learning circle?' on the built book's page (no kernel): the activity is drawn from its
saved state with its labelled controls and the first case, says it is not running, fits a 390 px
phone screen, and passes axe. (Every page's axe, offline and phone checks run in
test_site_static.py and test_site_learner.py as well.)"""
from __future__ import annotations

import pytest
from support.site import assert_activity_page_fits_and_passes_axe, static_activity_page

pytestmark = [pytest.mark.book, pytest.mark.browser]

ATTRIBUTES = ["Free", "Recurring", "Facilitated", "Collaborative", "Structured"]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_cases_page_shows_the_activity_without_a_kernel(built_book, browser, width):
    with static_activity_page(browser, built_book, "is-it-a-learning-circle", "lc-is-it-a-learning-circle",
                              width) as (page, activity, seen):
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
        assert_activity_page_fits_and_passes_axe(page, activity, width, seen)
