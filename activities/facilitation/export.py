"""Files of "10-minute facilitation" for "Download my work": the rounds as CSV, a printable page,
and round cards (one printable page per round, to hand the facilitator of that round)."""
from __future__ import annotations

from ..cards import Card, cards_page
from ..safe_text import csv_bytes, shorten
from .model import CRITERIA, DEBRIEF_MINUTES, FACILITATION_MINUTES, Practice, material_of
from .render import summary_page

CSV_NAME = "ten-minute-facilitation.csv"
HTML_NAME = "ten-minute-facilitation.html"
CARDS_NAME = "ten-minute-facilitation-round-cards.html"
CARDS_TITLE = "10-minute facilitation: round cards"
#: How much of a title or link a card prints (the CSV keeps all of it).
CARD_TEXT_LIMIT = 160
#: How much of the notes a card prints, so the card stays one sheet with room to write.
NOTES_LINES, NOTES_LIMIT = 6, 600


def rounds_csv(practice: Practice) -> bytes:
    frame = practice.summary()
    return csv_bytes(list(frame.columns), frame.itertuples(index=False, name=None))


def notes_so_far(notes: str) -> tuple[str, ...]:
    """The round's notes as at most a few short paragraphs; a cut says where the rest is."""
    paragraphs = [" ".join(line.split()) for line in notes.splitlines() if line.strip()]
    kept, left = [], NOTES_LIMIT
    for paragraph in paragraphs[:NOTES_LINES]:
        if left <= 0:
            break
        kept.append(shorten(paragraph, left))
        left -= len(kept[-1])
    if kept != paragraphs:
        kept.append(f"(The notes go on: all of them are in {CSV_NAME}.)")
    return tuple(kept)


def round_card(practice: Practice, index: int) -> Card:
    name, rnd = practice.facilitator(index), practice.round(index)
    title, link = material_of(rnd)
    total = FACILITATION_MINUTES + DEBRIEF_MINUTES
    material = ((f"Video or reading: {shorten(title, CARD_TEXT_LIMIT)}",) if title else ()) + \
               ((f"Link: {shorten(link, CARD_TEXT_LIMIT)}",) if link else ())
    timings = (f"Minutes 0\u2013{FACILITATION_MINUTES}, facilitation ({FACILITATION_MINUTES} minutes): "
               f"{name} leads the talk about it; the others take part as learners.",
               f"Minutes {FACILITATION_MINUTES}\u2013{total}, debrief ({DEBRIEF_MINUTES} minutes): the group "
               "goes through the five signs below and notes what helped and what to try next time.")
    return Card(kicker=f"10-minute facilitation: round {index + 1} of {len(practice.rotation)}",
                heading=f"Round {index + 1}: {name} facilitates",
                when=f"{total} minutes, after watching or reading something short together",
                lines=material + timings, write_in="" if title else "What we watched or read:",
                caption="Did it go well? Tick each sign you saw.", columns=("Done", "Sign of a round that went well"),
                rows=tuple(("\u2611" if key in rnd.checked else "\u2610", label) for key, label in CRITERIA),
                written=notes_so_far(rnd.notes))


def round_cards_page(practice: Practice) -> str:
    """One printable page per round, in the order of the rotation."""
    return cards_page(CARDS_TITLE, [round_card(practice, index) for index in range(len(practice.rotation))])


def practice_files(practice: Practice) -> dict[str, bytes]:
    if not practice.rotation:
        return {}
    return {CSV_NAME: rounds_csv(practice), HTML_NAME: summary_page(practice).encode("utf-8"),
            CARDS_NAME: round_cards_page(practice).encode("utf-8")}


def exports(data: dict) -> dict[str, bytes]:
    return practice_files(Practice.from_dict(data))
