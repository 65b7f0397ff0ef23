"""The fit: the chosen size is the largest at which the sentence fits, measured with Pillow.

Measurements here use a fresh Pillow font object and the slide constants only, not the layout's
own numbers, so a wrong width, height or size choice in the model would show.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageFont

from activities.sentence_editor import fitting
from activities.sentence_editor.export import BACKGROUND, png_bytes, render_image
from activities.sentence_editor.model import SLOGAN

WORDS = ["anybody", "can", "learn", "anything", "anywhere", "for", "free", "if", "they", "have",
         "time", "a", "library", "card", "and", "someone", "who", "believes", "in", "them",
         "connected", "confidence", "community,", "money.", "knowledge"]


def fresh_font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(fitting.font_path()), size)


def measured_line_height(size: int) -> float:
    ascent, descent = fresh_font(1000).getmetrics()
    return size * (ascent + descent) / 1000 * fitting.LINE_SPACING


def overflows(layout: fitting.Layout) -> bool:
    """Measure the layout's lines again from scratch: does anything stick out of the text box?"""
    font = fresh_font(layout.size)
    too_wide = any(font.getlength(line) > fitting.BOX_WIDTH for line in layout.lines if line)
    too_tall = len(layout.lines) * measured_line_height(layout.size) > fitting.BOX_HEIGHT + 1e-6
    return too_wide or too_tall


def words_of(text: str) -> list[str]:
    return [w for w in re.split(r"[ \t\f\v\n]+", fitting.normalise(text)) if w]


sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=400).map(" ".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sentences)
def test_chosen_size_is_the_largest_that_fits(text):
    layout = fitting.fit(text)
    assert layout.fits and not overflows(layout)
    if layout.size < fitting.MAX_SIZE:
        bigger = fitting.layout_at(text, layout.size + 1)
        assert not bigger.fits and overflows(bigger), f"size {layout.size + 1} would also fit"
    # Every word is on the slide, in order: wrapping only moves line breaks.
    assert words_of(" ".join(layout.lines)) == words_of(text)


def test_longer_sentences_get_smaller_type():
    sizes = [fitting.fit(" ".join(WORDS * n)).size for n in (1, 3, 8, 20)]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > sizes[-1]


def test_the_slogan_starts_big_and_legible():
    layout = fitting.fit(SLOGAN)
    assert layout.fits and layout.legible and layout.message is None
    assert layout.size >= 80


def test_width_comes_from_glyphs_not_character_counts():
    narrow, wide = "il " * 60, "WM " * 60  # same number of characters
    assert fitting.fit(narrow).size > fitting.fit(wide).size


def test_below_the_legible_size_the_group_is_told_and_nothing_is_cut():
    text = " ".join(WORDS * 30)
    layout = fitting.fit(text)
    assert layout.size < fitting.MIN_LEGIBLE_SIZE and layout.fits
    assert "back of the room" in layout.message and "kept" in layout.message
    assert words_of(" ".join(layout.lines)) == words_of(text)


def test_a_word_wider_than_the_slide_is_cut_not_lost():
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 4
    layout = fitting.fit(word)
    assert layout.fits and len(layout.lines) > 1 and "".join(layout.lines) == word


def test_hundred_thousand_characters_fit_or_say_so():
    text = ("learning together " * 6000)[:100_000]
    layout = fitting.fit(text)
    assert layout.size >= fitting.MIN_SIZE and layout.message
    assert words_of(" ".join(layout.lines)) == words_of(text)


def test_text_that_cannot_fit_even_at_the_smallest_size_is_kept_and_reported():
    text = "\n" * 2000
    layout = fitting.fit(text)
    assert not layout.fits and layout.size == fitting.MIN_SIZE
    assert "too long" in layout.message and len(layout.lines) == 2001


def ink_box(image: Image.Image) -> tuple[int, int, int, int] | None:
    background = Image.new("RGB", image.size, BACKGROUND)
    from PIL import ImageChops

    return ImageChops.difference(image, background).getbbox()


@pytest.mark.parametrize("text", [SLOGAN, " ".join(WORDS * 4), " ".join(WORDS * 25), "W" * 300])
def test_png_shows_the_fitted_slide_inside_the_box(text):
    layout = fitting.fit(text)
    image = render_image(text, layout)
    assert image.size == (fitting.SLIDE_WIDTH, fitting.SLIDE_HEIGHT)
    assert image.size[0] * 9 == image.size[1] * 16
    left, top, right, bottom = ink_box(image)
    slack = max(2, layout.size * 0.05)  # glyph ink may overhang its advance by a hair
    assert left >= fitting.PADDING - slack and right <= fitting.SLIDE_WIDTH - fitting.PADDING + slack
    assert top >= fitting.PADDING - slack and bottom <= fitting.SLIDE_HEIGHT - fitting.PADDING + slack
    # The ink spans the measured block: as tall as its lines and as wide as the widest one.
    assert bottom - top > (len(layout.lines) - 1) * layout.line_height
    assert right - left >= max(layout.widths) * 0.9


def test_png_bytes_are_a_16_by_9_png():
    import io

    data = png_bytes(SLOGAN)
    assert data.startswith(b"\x89PNG")
    assert Image.open(io.BytesIO(data)).size == (1600, 900)


hostile = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.sampled_from(list("<>&\"' \n\t\x00éאب😀👩🏽‍🏫\u0301\u202e")), max_size=300),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile)
def test_any_text_gets_a_layout_and_a_picture_and_keeps_every_word(text):
    layout = fitting.fit(text)
    assert fitting.MIN_SIZE <= layout.size <= fitting.MAX_SIZE
    assert layout.fits or layout.size == fitting.MIN_SIZE
    # Lines only regroup the words (a word is cut into pieces only when wider than the box).
    assert "".join("".join(words_of(line)) for line in layout.lines) == "".join(words_of(text))
    assert render_image(text, layout).size == (fitting.SLIDE_WIDTH, fitting.SLIDE_HEIGHT)
