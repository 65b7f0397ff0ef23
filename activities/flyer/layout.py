"""Where each part of the flyer goes on a printed page and on the social-media picture.

Both are laid out from the same :class:`activities.flyer.model.Flyer` with :func:`fit_block`:
the title as large as it fits, the details at one size that fits their box, and text that cannot
fit even at the smallest size cut with an ellipsis (the learner is told; what they typed is kept).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..safe_text import shorten
from .fit import Block, fit_block
from .model import FREE_LINE, Flyer

PX_PER_MM = 96 / 25.4


@dataclass(frozen=True)
class Paper:
    name: str
    css_size: str
    width_mm: float
    height_mm: float


PAPERS = {"a4": Paper("A4", "A4", 210, 297), "letter": Paper("US Letter", "letter", 215.9, 279.4)}
MARGIN_MM = 12


@dataclass(frozen=True)
class Detail:
    label: str
    text: str


@dataclass(frozen=True)
class FlyerLayout:
    title: Block
    topic: Block | None
    details: tuple[Detail, ...]
    #: The details as one block of "Label: text" lines (the picture draws these lines).
    details_block: Block | None
    details_cut: bool

    @property
    def detail_size(self) -> int:
        return self.details_block.size if self.details_block else 10

    @property
    def cut(self) -> bool:
        return self.title.cut or bool(self.topic and self.topic.cut) or self.details_cut


def details_of(flyer: Flyer) -> list[Detail]:
    """The labelled lines under the title, in the order people read a flyer."""
    items = [("What we will do", flyer.what), ("When", "\n".join(flyer.dates_lines())),
             ("Where", flyer.place), ("Sign up", flyer.signup), ("Accessibility", flyer.accessibility)]
    return [Detail(label, text) for label, text in items if text.strip()]


def details_text(details) -> str:
    return "\n".join(f"{d.label}: {d.text}" for d in details)


def fit_details(details: list[Detail], width: float, height: float, max_size: int, min_size: int):
    """One size for every detail; when even ``min_size`` is too big, long ones are shortened."""
    block = fit_block(details_text(details), width, height, max_size, min_size)
    if not block.cut:
        return details, block, False
    low, high = 1, max(len(d.text) for d in details)  # the longest a detail may stay
    while high - low > 1:
        middle = (low + high) // 2
        trial = [Detail(d.label, shorten(d.text, middle)) for d in details]
        if fit_block(details_text(trial), width, height, max_size, min_size).cut:
            high = middle
        else:
            low = middle
    shortened = [Detail(d.label, shorten(d.text, low)) for d in details]
    return shortened, fit_block(details_text(shortened), width, height, max_size, min_size), True


def layout(flyer: Flyer, width: float, title_height: float, topic_height: float, details_height: float,
           scale: float = 1.0) -> FlyerLayout:
    """The flyer laid out in boxes of the given sizes (px); ``scale`` multiplies the font sizes."""
    title = fit_block(flyer.heading(), width, title_height, round(88 * scale), round(20 * scale))
    topic = None
    if flyer.topic.strip() and flyer.title.strip():
        topic = fit_block(flyer.topic, width, topic_height, round(34 * scale), round(12 * scale))
    details, block, cut = [], None, False
    found = details_of(flyer)
    if found:
        details, block, cut = fit_details(found, width, details_height, round(24 * scale), round(10 * scale))
    return FlyerLayout(title, topic, tuple(details), block, cut)


def free_line(flyer: Flyer) -> str | None:
    return FREE_LINE if flyer.free_line else None
