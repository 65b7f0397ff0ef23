"""The files of "When it gets hard": a CSV and a printable page of the situations practised."""
from __future__ import annotations

from ..safe_text import csv_bytes
from ..templating import render
from .cards import TASK_LABELS
from .model import HardCards
from .render import PACKAGE, task_names

CSV_NAME = "when-it-gets-hard.csv"
HTML_NAME = "when-it-gets-hard.html"
HEADER = ["Situation", "What happens", "What we tried", "Suggested moves", "Facilitation tasks"]


def rows(model: HardCards) -> list[dict]:
    """One row per situation practised, in the order the group practised them."""
    return [{"card": card, "tried": model.records[card.key],
             "moves": [(move.text, [TASK_LABELS[t] for t in move.tasks]) for move in card.moves],
             "tasks": task_names(card.tasks)} for card in model.practised()]


def practised_csv(model: HardCards) -> bytes:
    lines = [[row["card"].title, row["card"].situation, row["tried"],
              " | ".join(f"{text} ({', '.join(tasks).lower()})" for text, tasks in row["moves"]),
              row["tasks"]] for row in rows(model)]
    return csv_bytes(HEADER, lines)


def practised_html(model: HardCards) -> str:
    return render(PACKAGE, "practised.html", rows=rows(model))


def card_files(model: HardCards) -> dict[str, bytes]:
    return {CSV_NAME: practised_csv(model), HTML_NAME: practised_html(model).encode("utf-8")}


def exports(data: dict) -> dict[str, bytes]:
    """The files "Download my work" adds for this activity, rebuilt from its saved data."""
    return card_files(HardCards.from_dict(data))
