"""The Plus/Delta CSV file (the format is described in ``model``; ``PlusDelta.import_csv`` reads it)."""
from __future__ import annotations

from ..safe_text import csv_bytes
from .model import CSV_COLUMNS, PlusDelta

FILE_NAME = "plus-delta.csv"


def entries_csv(model: PlusDelta) -> bytes:
    """Every entry, week by week, through the one CSV writer (formula-like cells guarded)."""
    entries = sorted(model.entries, key=lambda e: e.week)  # stable: keeps order within a week
    return csv_bytes(CSV_COLUMNS, ([e.week, e.name, e.plus, e.delta] for e in entries))


def exports(data: dict) -> dict[str, bytes]:
    return {FILE_NAME: entries_csv(PlusDelta.from_dict(data))}
