"""The cohort dashboard: who handed in which checkpoint, the scores, every reflection per
question for the group's discussion, problems with submissions, and the cohort's plus/deltas.

Three parts, one job each: :mod:`.gather` reads nbgrader's gradebook (scores, statuses, the
list of questions), the learners' notebooks (nbgrader keeps the *text* of answers only there:
the autograded copies formgrader shows), the sandbox's grading reports and the plus/delta exports;
:mod:`.checks` holds one function per problem check (submitted notebooks compared with the
released ones by nbgrader's own cell checksums, short or empty reflections, blocked grading);
:mod:`.views` turns the report into what the trainer reads (an overview row per learner, a view
per learner and per question); :mod:`.render` holds the CSV writer, the chart and the page text;
:mod:`.pages` draws the pages (Jinja2 templates) and writes everything. :mod:`.report` is the data
that flows between them.

Completeness of reflections: markdown answers are never executed, so no nbgrader test can count
their words. nbgrader itself notices an untouched answer (0 points, "No response."); on top of
that the dashboard marks reflections shorter than ``MIN_REFLECTION_WORDS`` words as short.

Everything learners typed is untrusted: the HTML escapes it all, the CSV files guard cells a
spreadsheet would run as formulas.
"""
from __future__ import annotations

from .gather import load_cohort, read_plus_delta_folder
from .pages import render_pages, write_dashboard
from .render import STATUS_COLOURS, chart_alt_text, chart_svg, dashboard_text, write_chart
from .views import build_views
from .report import (PLUS_DELTA_COLUMNS, PROBLEM_COLUMNS, PROGRESS_COLUMNS, REFLECTION_COLUMNS, STATUSES,
                     CohortReport)

__all__ = ["PLUS_DELTA_COLUMNS", "PROBLEM_COLUMNS", "PROGRESS_COLUMNS", "REFLECTION_COLUMNS",
           "STATUSES", "STATUS_COLOURS", "CohortReport", "build_views", "chart_alt_text", "chart_svg", "dashboard_text",
           "load_cohort", "read_plus_delta_folder", "render_pages", "write_chart", "write_dashboard"]
