""""Your certificate" on the built book's page (no kernel): drawn from its saved state with every
labelled box, says it is not running, and fits a 390 px phone screen with no serious axe finding."""
from __future__ import annotations

import pytest
from support.site import assert_activity_page_fits_and_passes_axe, static_activity_page

pytestmark = [pytest.mark.book, pytest.mark.browser]

LABELS = ["Name on the certificate", "My first circle (run or co-facilitate) on", "Together with",
          "Where I will share its plus/delta"]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_certificate_page_shows_the_activity_without_a_kernel(built_book, browser, width):
    with static_activity_page(browser, built_book, "certificate", "lc-certificate", width) as (page, activity, seen):
        assert activity.locator("h2.lc-activity-title").inner_text() == "Your certificate"
        assert activity.locator(".lc-not-connected").is_visible()
        labels = [text.strip() for text in activity.locator("label").all_inner_texts()]
        for label in LABELS:
            assert label in labels, (label, labels)
        assert activity.locator("button.lc-certificate-check").inner_text().strip() == "Check my checkpoints"
        assert "No certificate yet" in activity.locator(".lc-certificate-outcome").inner_text()
        assert_activity_page_fits_and_passes_axe(page, activity, width, seen)
