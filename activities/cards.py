"""Printable cards: one sheet per card (A4 or US Letter), each with a heading, when it is, a
table and ruled space for notes. The planner's meeting cards, the countdown's stage cards and the
10-minute facilitation's round cards are made here, so they print alike; every value goes through
the template's escaping."""
from __future__ import annotations

from dataclasses import dataclass

from .templating import render


@dataclass(frozen=True)
class Card:
    #: The small line above the heading (the circle it belongs to).
    kicker: str
    heading: str
    when: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    #: Lines under ``when`` (the course's address, say).
    lines: tuple[str, ...] = ()
    #: A label with a line to write on after the table ("" for none).
    write_in: str = ""
    #: The column whose cells head their row (``<th scope="row">``), if any.
    row_header: int | None = None
    #: Notes already written (paragraphs), printed above the ruled space.
    written: tuple[str, ...] = ()


def cards_page(title: str, cards: list[Card]) -> str:
    """One printable HTML page holding every card, each on a sheet of its own."""
    return render("activities", "cards.html", title=title, cards=cards)
