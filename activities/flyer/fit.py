"""Fit each block of the flyer into its box with the sentence editor's fitting (real glyph widths
of the course's font, DejaVu Sans), and cut what cannot fit even at the smallest size.

The printed flyer and the picture both use this, so a long title shrinks the same way in both
and nothing ever spills off the page or the picture.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..sentence_editor import fitting

ELLIPSIS = "\u2026"


@dataclass(frozen=True)
class Block:
    """Text laid out in one box: its size, its lines, and whether some of it had to be left off."""

    layout: fitting.Layout
    cut: bool

    @property
    def size(self) -> int:
        return self.layout.size

    @property
    def lines(self) -> tuple[str, ...]:
        return self.layout.lines


def _most_that_could_show(text: str, width: float, height: float, min_size: int) -> str:
    # Even the narrowest glyphs of DejaVu Sans are wider than a fifth of the size: more text than
    # this can never show, and fitting 100,000 characters would keep the learner waiting.
    per_line = int(width / (0.2 * min_size)) + 1
    lines = int(height / fitting.line_height(min_size)) + 1
    return text[: per_line * lines]


def fit_block(text: str, width: float, height: float, max_size: int, min_size: int) -> Block:
    """The largest size (max_size..min_size) at which ``text`` fits the box; if even min_size is
    too big, the lines that fit at min_size, the last one ending in an ellipsis."""
    shown = _most_that_could_show(text, width, height, min_size)
    layout = fitting.fit(shown, width, height, max_size, min_size)
    if layout.fits and shown == text:
        return Block(layout, cut=False)
    if layout.fits:  # only the part that could ever show fits; the rest is left off
        layout = fitting.layout_at(shown, min_size, width, height)
    keep = max(1, int(height // layout.line_height))
    lines = list(layout.lines[:keep])
    last = lines[-1]
    while last and fitting.length(last + ELLIPSIS, min_size) > width:
        last = last[:-1]
    lines[-1] = last.rstrip() + ELLIPSIS
    widths = tuple(fitting.length(line, min_size) for line in lines)
    return Block(fitting.Layout(min_size, tuple(lines), layout.line_height, widths, fits=True), cut=True)
