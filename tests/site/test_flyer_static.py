"""'Make a flyer' on the built book's page (no kernel): the activity is drawn from its saved state
with every labelled box, says it is not running, and fits a 390 px phone screen. (Every page's
axe, offline and phone checks run in test_site_static.py and test_site_learner.py as well.)"""
from __future__ import annotations

import pytest
from support.site import assert_activity_page_fits_and_passes_axe, static_activity_page

pytestmark = [pytest.mark.book, pytest.mark.browser]

LABELS = ["Title", "Topic", "What people will do", "Dates and times", "Place", "Sign-up contact or link",
          "Accessibility notes"]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_flyer_page_shows_the_activity_without_a_kernel(built_book, browser, width):
    with static_activity_page(browser, built_book, "make-a-flyer", "lc-make-a-flyer", width) as (page, activity, seen):
        assert activity.locator("h2.lc-activity-title").inner_text() == "Make a flyer"
        assert activity.locator(".lc-not-connected").is_visible()
        labels = activity.locator("label").all_inner_texts()
        for label in LABELS:
            assert label in [text.strip() for text in labels], (label, labels)
        assert activity.locator(".lc-flyer-free-line input").is_checked()
        assert activity.locator("button.lc-flyer-make").inner_text().strip() == "Make my flyer"
        assert_activity_page_fits_and_passes_axe(page, activity, width, seen)
