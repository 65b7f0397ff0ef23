"""On the static book page (no kernel) the slide still re-fits as a reader types."""
from __future__ import annotations

import pytest

from activities.sentence_editor import fitting
from activities.sentence_editor.model import SLOGAN
from support.site import serve, watch
from support.slide import GEOMETRY, LONG, assert_inside

pytestmark = [pytest.mark.book, pytest.mark.browser]


def test_typing_on_the_static_page_refits_the_slide_without_a_kernel(built_book, browser):
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    try:
        with serve(built_book) as base:
            page = context.new_page()
            seen = watch(context, page)
            page.goto(base + "notebooks/sentence-editor.html", wait_until="networkidle")
            page.locator(".lc-sentence[data-ready='true']").wait_for(timeout=30_000)
            start = page.evaluate(GEOMETRY, ".lc-slide")
            assert " ".join(line["text"] for line in start["lines"]) == SLOGAN
            page.locator(".lc-sentence-input").fill(LONG)
            page.wait_for_function(f"() => document.querySelector('.lc-slide').dataset.chars === '{len(LONG)}'")
            after = page.evaluate(GEOMETRY, ".lc-slide")
            assert " ".join(line["text"] for line in after["lines"]) == LONG
            assert after["size"] < start["size"] and abs(after["size"] - fitting.fit(LONG).size) <= 2
            assert_inside(after)
            assert not seen.console_errors, seen.console_errors
            assert not seen.outside, seen.outside
    finally:
        context.close()
