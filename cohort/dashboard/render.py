"""The dashboard's building blocks: CSV files (the one CSV writer, formula-guarded), the
progress chart (the course's accessible SVG charts), values and tables as page text, and the
terminal summary. :mod:`.pages` puts the pages together.

Everything learners typed is untrusted: :func:`shown` escapes it with the one escaper
(``activities.safe_text.html_text``), NUL shown as a visible symbol.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from markupsafe import Markup

from activities.charts import Series, stacked_bars
from activities.safe_text import csv_bytes, html_text

from .report import STATUSES, CohortReport

#: Colours of the statuses in the chart (each bar also has an outline; the table has the numbers).
STATUS_COLOURS = {"graded": "#1b7837", "waiting for manual grading": "#5aae61",
                  "collected, not autograded yet": "#9970ab", "autograde failed": "#b2182b",
                  "not submitted": "#bababa"}
#: Columns holding what people wrote: may be long, in any script (each cell finds its own direction).
_FREE_TEXT = {"name", "answer", "detail", "problems", "plus", "delta", "question"}


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    rows = [[None if _missing(value) else value for value in row] for row in frame.itertuples(index=False)]
    path.write_bytes(csv_bytes(list(frame.columns), rows))
    return path


def chart_alt_text(report: CohortReport) -> str:
    counts = report.status_counts()
    if counts.empty:
        return "Chart of checkpoint progress: no checkpoints in the gradebook yet."
    return "Bar chart of learners per checkpoint and status. " + "; ".join(_count_lines(counts)) + "."


def _count_lines(counts: pd.DataFrame) -> list[str]:
    """``"orientation: 2 graded, 1 not submitted"``, one per checkpoint."""
    lines = []
    for assignment, row in counts.iterrows():
        listed = ", ".join(f"{int(row[s])} {s}" for s in STATUSES if row[s])
        lines.append(f"{assignment}: {listed or 'no learners'}")
    return lines


def chart_svg(report: CohortReport) -> str:
    """Learners per checkpoint, stacked by status, as an accessible SVG (activities/charts.py)."""
    counts = report.status_counts()
    return stacked_bars(
        [str(name) for name in counts.index],
        [Series(status, tuple(int(n) for n in counts[status]), STATUS_COLOURS[status],
                hatched=status == "autograde failed")  # the one to act on: not colour alone
         for status in STATUSES],
        title="Checkpoint progress", summary=chart_alt_text(report), value_label="learners")


def write_chart(report: CohortReport, path: Path) -> Path:
    path.write_text(chart_svg(report), encoding="utf-8", newline="\n")
    return path


# --- the page --------------------------------------------------------------------------------

def shown(value) -> Markup:
    """Any value as page text: escaped by the one escaper; NUL (which browsers drop) made visible."""
    if _missing(value):
        return Markup("")
    return Markup(html_text(_number(value)).replace("\x00", "\u2400"))


def _number(value):
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, float) and not pd.isna(value) and value.is_integer():
        return int(value)
    return value


@dataclass
class Table:
    """A table as the template draws it: escaped headers and cells, free-text cells marked."""

    caption: Markup
    columns: list[Markup]
    rows: list[list[tuple[bool, Markup]]]


def table(frame: pd.DataFrame, caption: str) -> Table:
    columns = list(frame.columns)
    rows = [[(column in _FREE_TEXT, shown(row[column])) for column in columns] for _, row in frame.iterrows()]
    return Table(shown(caption), [shown(column.replace("_", " ")) for column in columns], rows)


def dashboard_text(report: CohortReport) -> str:
    """A short plain-text summary for the terminal."""
    out = io.StringIO()
    counts = report.status_counts()
    out.write(f"Cohort {report.course_id}\n")
    if counts.empty:
        out.write("no checkpoints in the gradebook\n")
    for line in _count_lines(counts):  # one short line per checkpoint fits any terminal
        out.write(f"  {line}\n")
    learners = set(report.progress["student"]) if not report.progress.empty else set()
    needing = learners & set(report.problems["student"])
    out.write(f"{len(needing)} of {len(learners)} learner(s) need a look; "
              f"{len(report.problems)} problem(s) in all (open the dashboard in a web browser)\n")
    return out.getvalue()
