"""Fit a sentence on one 16:9 slide: the largest font size at which every word shows.

Sizes come from real text metrics of the font that is drawn (DejaVu Sans, shipped in this
package with its licence, measured with Pillow), never from character counts. The browser preview runs the
same algorithm in JavaScript (``slide.js``) with the same font file; this module is the
reference that the PNG export uses and the tests check the preview against.

The layout rules, mirrored line for line in ``slide.js``:

* ``\\r\\n``, ``\\r`` and the other Unicode paragraph separators become ``\\n``; each
  ``\\n`` starts a new line.
* Inside a paragraph, runs of spaces/tabs separate words; lines are filled greedily, words
  joined by one space.
* A word wider than the text box is cut into pieces by code point.
* Line height is the font's own ascent + descent (measured) times ``LINE_SPACING``.
* A size fits when every line, measured as a whole, is at most the box width and all lines
  together are at most the box height.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

SLIDE_WIDTH = 1600
SLIDE_HEIGHT = 900
#: Blank space kept around the text, in slide pixels.
PADDING = 80
BOX_WIDTH = SLIDE_WIDTH - 2 * PADDING
BOX_HEIGHT = SLIDE_HEIGHT - 2 * PADDING
#: The size a short sentence gets; a slide title rarely needs more.
MAX_SIZE = 120
#: Below this (about 18 pt on a 13.3-inch-wide slide) the back row can no longer read it.
MIN_LEGIBLE_SIZE = 30
MIN_SIZE = 1
LINE_SPACING = 1.15

_WORD_GAP = re.compile(r"[ \t\f\v]+")


def font_path() -> Path:
    """DejaVu Sans 2.35, shipped in this package (licence: DejaVuSans-LICENSE.txt next to it)."""
    return Path(__file__).with_name("DejaVuSans.ttf")


@lru_cache(maxsize=256)
def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path()), size)


@lru_cache(maxsize=64)
def basic_font(size: int) -> ImageFont.FreeTypeFont:
    """The same font without the shaping library, for the rare text that library refuses."""
    return ImageFont.truetype(str(font_path()), size, layout_engine=ImageFont.Layout.BASIC)


def length(text: str, size: int) -> float:
    """Advance width of ``text`` at ``size``, measured by FreeType (shaped when possible)."""
    if not text:
        return 0.0
    try:
        return font(size).getlength(text)
    except (RuntimeError, ValueError):
        return basic_font(size).getlength(text)


@lru_cache(maxsize=1)
def height_ratio() -> float:
    """(ascent + descent) / size, measured from the font at a large size for precision."""
    ascent, descent = font(1000).getmetrics()
    return (ascent + descent) / 1000


def line_height(size: int) -> float:
    return size * height_ratio() * LINE_SPACING


#: Every paragraph separator of the Unicode bidi algorithm (class B) starts a new line; the
#: shaping library cannot lay them out inside a line anyway.
_PARAGRAPH_BREAK = re.compile("\r\n|[\r\x1c\x1d\x1e\x85\u2029]")


def normalise(text: str) -> str:
    """Text as laid out: one kind of line break; lone surrogates (not real characters) replaced."""
    text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return _PARAGRAPH_BREAK.sub("\n", text)


def paragraphs(text: str) -> list[list[str]]:
    return [[w for w in _WORD_GAP.split(p) if w] for p in normalise(text).split("\n")]


@dataclass(frozen=True)
class Layout:
    """Where a sentence goes on the slide at one font size."""

    size: int
    lines: tuple[str, ...]
    line_height: float
    widths: tuple[float, ...]
    fits: bool

    @property
    def height(self) -> float:
        return len(self.lines) * self.line_height

    @property
    def legible(self) -> bool:
        return self.size >= MIN_LEGIBLE_SIZE

    @property
    def message(self) -> str | None:
        """What the group should know about this layout, or None when all is well."""
        if not self.fits:
            return ("This sentence is too long to fit on one slide even at the smallest size. "
                    "Nothing is lost: all of it is kept. Try cutting it down.")
        if not self.legible:
            return (f"The text is now {self.size} px high, smaller than {MIN_LEGIBLE_SIZE} px: people at "
                    "the back of the room will struggle to read it. All of it is kept; try "
                    "saying it in fewer words.")
        return None


class _Measurer:
    """Widths at one size, each distinct word measured once."""

    def __init__(self, size: int):
        self.size = size
        self._cache: dict[str, float] = {}

    def __call__(self, text: str) -> float:
        width = self._cache.get(text)
        if width is None:
            width = self._cache[text] = length(text, self.size)
        return width


def wrap(text: str, measure, max_width: float) -> list[str]:
    """Greedy word wrap by measured widths; over-wide words are cut by code point."""
    lines: list[str] = []
    space = measure(" ")
    for words in paragraphs(text):
        line, width = "", 0.0
        for word in words:
            word_width = measure(word)
            if word_width > max_width:
                if line:
                    lines.append(line)
                pieces = _cut(word, measure, max_width)
                lines.extend(pieces[:-1])
                line, width = pieces[-1], measure(pieces[-1])
            elif not line:
                line, width = word, word_width
            elif width + space + word_width <= max_width:
                line, width = f"{line} {word}", width + space + word_width
            else:
                lines.append(line)
                line, width = word, word_width
        lines.append(line)
    return lines


def _cut(word: str, measure, max_width: float) -> list[str]:
    pieces: list[str] = []
    piece, width = "", 0.0
    for char in word:
        char_width = measure(char)
        if piece and width + char_width > max_width:
            pieces.append(piece)
            piece, width = "", 0.0
        piece += char
        width += char_width
    pieces.append(piece)
    return pieces


def layout_at(text: str, size: int, box_width: float = BOX_WIDTH, box_height: float = BOX_HEIGHT) -> Layout:
    """Lay the text out at ``size`` and check, by measuring each whole line, that it fits.

    The box is the slide's text box unless another one is given (the flyer has several).
    """
    measure = _Measurer(size)
    lines = wrap(text, measure, box_width)
    # Measure the finished lines as wholes: kerning and shaping across words count too.
    widths = tuple(length(line, size) for line in lines)
    height = line_height(size)
    fits = max(widths) <= box_width and len(lines) * height <= box_height
    return Layout(size, tuple(lines), height, widths, fits)


def fit(text: str, box_width: float = BOX_WIDTH, box_height: float = BOX_HEIGHT,
        max_size: int = MAX_SIZE, min_size: int = MIN_SIZE) -> Layout:
    """The layout at the largest size (min_size..max_size) that fits; min_size if none does.

    Binary search: the result fits and the next size up does not (or it is max_size). The
    defaults are the slide's; the flyer passes its own boxes and sizes.
    """
    best = layout_at(text, max_size, box_width, box_height)
    if best.fits:
        return best
    low = layout_at(text, min_size, box_width, box_height)
    if not low.fits:
        return low
    high_size = max_size
    while high_size - low.size > 1:
        middle = layout_at(text, (low.size + high_size) // 2, box_width, box_height)
        if middle.fits:
            low = middle
        else:
            high_size = middle.size
    return low
