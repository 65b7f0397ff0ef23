"""Files of "10-minute facilitation" for "Download my work": the rounds as CSV and a printable page."""
from __future__ import annotations

from ..safe_text import csv_bytes
from .model import Practice
from .render import summary_page

CSV_NAME = "ten-minute-facilitation.csv"
HTML_NAME = "ten-minute-facilitation.html"


def rounds_csv(practice: Practice) -> bytes:
    frame = practice.summary()
    return csv_bytes(list(frame.columns), frame.itertuples(index=False, name=None))


def practice_files(practice: Practice) -> dict[str, bytes]:
    if not practice.rotation:
        return {}
    return {CSV_NAME: rounds_csv(practice), HTML_NAME: summary_page(practice).encode("utf-8")}


def exports(data: dict) -> dict[str, bytes]:
    return practice_files(Practice.from_dict(data))
