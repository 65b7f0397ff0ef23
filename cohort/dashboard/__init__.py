"""The cohort dashboard: who handed in which checkpoint, the scores, every reflection per
question for the group's discussion, problems with submissions, and the cohort's plus/deltas.

Three parts, one job each: :mod:`.gather` reads nbgrader's gradebook (scores, statuses, the
list of questions), the learners' notebooks (nbgrader keeps the *text* of answers only there:
the autograded copies formgrader shows), the sandbox's grading reports and the plus/delta exports;
:mod:`.checks` holds one function per problem check (submitted notebooks compared with the
released ones by nbgrader's own cell checksums, short or empty reflections, blocked grading);
:mod:`.render` writes the CSV files, the chart and the page (a Jinja2 template). :mod:`.report`
is the data that flows between them.

Completeness of reflections: markdown answers are never executed, so no nbgrader test can count
their words. nbgrader itself notices an untouched answer (0 points, "No response."); on top of
that the dashboard marks reflections shorter than ``MIN_REFLECTION_WORDS`` words as short.

Everything learners typed is untrusted: the HTML escapes it all, the CSV files guard cells a
spreadsheet would run as formulas.
"""
from __future__ import annotations

from .gather import load_cohort, read_plus_delta_folder
from .render import (PROGRESS_VIEW_COLUMNS, STATUS_COLOURS, chart_alt_text, chart_svg, dashboard_text, progress_view,
                     render_html, write_chart, write_dashboard)
from .report import (PLUS_DELTA_COLUMNS, PROBLEM_COLUMNS, PROGRESS_COLUMNS, REFLECTION_COLUMNS, STATUSES,
                     CohortReport)

__all__ = ["PLUS_DELTA_COLUMNS", "PROBLEM_COLUMNS", "PROGRESS_COLUMNS", "PROGRESS_VIEW_COLUMNS", "REFLECTION_COLUMNS",
           "STATUSES", "STATUS_COLOURS", "CohortReport", "chart_alt_text", "chart_svg", "dashboard_text",
           "load_cohort", "progress_view", "read_plus_delta_folder", "render_html", "write_chart", "write_dashboard"]
