"""'When it gets hard' on the built book's page (no kernel): the activity is drawn from its saved
state with its labelled controls, says it is not running, gives no suggested move away, fits a
390 px phone screen, and passes axe."""
from __future__ import annotations

import pytest
from support.site import assert_activity_page_fits_and_passes_axe, static_activity_page

pytestmark = [pytest.mark.book, pytest.mark.browser]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_hard_cards_page_shows_the_activity_without_a_kernel(built_book, browser, width):
    with static_activity_page(browser, built_book, "when-it-gets-hard", "lc-when-it-gets-hard",
                              width) as (page, activity, seen):
        assert activity.locator("h2.lc-activity-title").inner_text() == "When it gets hard"
        assert activity.locator(".lc-not-connected").is_visible()
        assert activity.locator("button.lc-hard-draw").inner_text().strip() == "Draw a card"
        labels = [text.strip() for text in activity.locator("label").all_inner_texts()]
        assert "Or choose a situation" in labels, labels
        assert "Suggested moves" not in activity.inner_text()
        assert_activity_page_fits_and_passes_axe(page, activity, width, seen)
