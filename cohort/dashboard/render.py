"""Writing the cohort dashboard: CSV files (the one CSV writer, formula-guarded), the progress
chart (the course's accessible SVG charts), the page (the Jinja2 template
``cohort/templates/dashboard.html``, its CSS in ``cohort/pages.css``) and a terminal summary.

Everything learners typed is untrusted: the page escapes it all with the one escaper
(``activities.safe_text.html_text``), NUL shown as a visible symbol, and loads nothing.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from markupsafe import Markup
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from activities.charts import Series, stacked_bars
from activities.safe_text import csv_bytes, html_text
from activities.templating import render

from ..checkpoints import MIN_REFLECTION_WORDS
from ..safe_html import clean_markdown_html
from .report import STATUSES, CohortReport

#: Colours of the statuses in the chart (each bar also has an outline; the table has the numbers).
STATUS_COLOURS = {"graded": "#1b7837", "waiting for manual grading": "#5aae61",
                  "collected, not autograded yet": "#9970ab", "autograde failed": "#b2182b",
                  "not submitted": "#bababa"}
PROGRESS_VIEW_COLUMNS = ["learner", "name", "checkpoint", "status", "score", "quick checks", "reflections graded",
                         f"reflections of {MIN_REFLECTION_WORDS}+ words", "handed in", "problems"]
#: Columns holding what people wrote: may be long, in any script (each cell finds its own direction).
_FREE_TEXT = {"name", "answer", "detail", "problems", "plus", "delta", "question"}


def write_dashboard(report: CohortReport, out_dir: Path) -> dict[str, Path]:
    """Write progress.csv, reflections.csv, problems.csv, plus-delta.csv, progress.svg and
    index.html (which shows all of them) into ``out_dir``; returns the paths by name."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {
        "progress.csv": _write_csv(report.progress, out_dir / "progress.csv"),
        "reflections.csv": _write_csv(report.reflections, out_dir / "reflections.csv"),
        "problems.csv": _write_csv(report.problems, out_dir / "problems.csv"),
        "plus-delta.csv": _write_csv(report.plus_delta, out_dir / "plus-delta.csv"),
    }
    paths["progress.svg"] = write_chart(report, out_dir / "progress.svg")
    paths["index.html"] = out_dir / "index.html"
    paths["index.html"].write_text(render_html(report, "progress.svg", chart_alt_text(report)), encoding="utf-8")
    return paths


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _write_csv(frame: pd.DataFrame, path: Path) -> Path:
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


def _out_of(score, maximum) -> str:
    """"2 of 8"; empty when there is no figure yet (not handed in, not graded)."""
    try:
        score, maximum = float(score), float(maximum)
    except (TypeError, ValueError):
        return ""
    if pd.isna(score) or pd.isna(maximum):
        return ""
    return f"{_number(score)} of {_number(maximum)}"


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


def progress_view(progress: pd.DataFrame) -> pd.DataFrame:
    """The progress table as a trainer reads it on the page: scores as "x of y", one column per
    question a trainer asks (progress.csv keeps every figure in its own column)."""
    rows = []
    for _, row in progress.iterrows():
        rows.append({
            "learner": row["student"], "name": row["name"], "checkpoint": row["assignment"],
            "status": row["status"], "score": _out_of(row["score"], row["max_score"]),
            "quick checks": _out_of(row["automatic_score"], row["max_automatic_score"]),
            "reflections graded": _out_of(row["reflection_score"], row["max_reflection_score"]),
            f"reflections of {MIN_REFLECTION_WORDS}+ words": _out_of(row["reflections_complete"], row["reflections"]),
            "handed in": row["submitted_at"] or "", "problems": row["problems"] or "",
        })
    return pd.DataFrame(rows, columns=PROGRESS_VIEW_COLUMNS)


def _answers_view(answers: pd.DataFrame) -> pd.DataFrame:
    """One question's answers as shown on the page: an answer not graded yet says so (the
    gradebook holds 0 points for it until the trainer grades it in formgrader)."""
    view = answers[["student", "answer", "words", "complete"]].copy()
    view["score"] = ["to grade" if needs else _out_of(score, maximum) for needs, score, maximum in
                     zip(answers["needs_manual_grade"], answers["score"], answers["max_score"])]
    return view


def _prompt_html(prompt: str) -> Markup:
    """A question's prompt (the checkpoint's own markdown) rendered, with anything that could run
    escaped by the same cleaner the formgrader uses."""
    return Markup(clean_markdown_html(markdown2html_mistune(str(prompt).replace("\x00", "\u2400")), images=False))


def render_html(report: CohortReport, chart_src: str, chart_alt: str) -> str:
    """One self-contained, escaped page (no scripts, nothing loaded from the network)."""
    questions = []
    for assignment, question_id, prompt in report.questions:
        answers = report.reflections[(report.reflections["assignment"] == assignment)
                                     & (report.reflections["question_id"] == question_id)]
        questions.append({"heading": shown(f"{assignment}: {question_id}"), "prompt": _prompt_html(prompt),
                          "answers": table(_answers_view(answers), f"Answers to {question_id}")})
    return render(
        "cohort", "dashboard.html", course_id=shown(report.course_id), chart_src=shown(chart_src),
        chart_alt=shown(chart_alt), min_words=MIN_REFLECTION_WORDS, problem_count=len(report.problems),
        problems=table(report.problems, "Submissions that need the trainer's attention"),
        progress=table(progress_view(report.progress),
                       "Per learner and checkpoint: status and scores (every figure is also in progress.csv)"),
        questions=questions, plus_delta=table(report.plus_delta, "Plus/delta entries from learners' exports"))


def dashboard_text(report: CohortReport) -> str:
    """A short plain-text summary for the terminal."""
    out = io.StringIO()
    counts = report.status_counts()
    out.write(f"Cohort {report.course_id}\n")
    if counts.empty:
        out.write("no checkpoints in the gradebook\n")
    for line in _count_lines(counts):  # one short line per checkpoint fits any terminal
        out.write(f"  {line}\n")
    out.write(f"{len(report.problems)} problem(s) to look at (open the dashboard in a web browser)\n")
    return out.getvalue()
