"""HTML of "Check-in for a first meeting": the summary and the printable page, from Jinja2
templates in ``templates/`` (every piece of learner text escaped by the template layer)."""
from __future__ import annotations

from ..templating import render
from .model import FIRST_MEETING_STEPS, HOMEWORK, CheckIn

PACKAGE = __package__


def _context(model: CheckIn, level: int) -> dict:
    return {"model": model, "level": level, "homework": HOMEWORK[model.homework], "steps": FIRST_MEETING_STEPS}


def summary_body_html(model: CheckIn, level: int = 1) -> str:
    """The summary; ``level`` is the heading level of its title (sections one below)."""
    return render(PACKAGE, "summary.html", **_context(model, level))


def printable_html(model: CheckIn) -> str:
    """A complete page to open in a browser and print (or save as PDF) for the group."""
    return render(PACKAGE, "check-in.html", **_context(model, 1))


def preview_html(model: CheckIn) -> str:
    """The summary inside the activity, framed like a sheet of paper."""
    return (f'<div class="lc-check-in-sheet" style="border:1px solid #888;padding:0.5em 1em;max-width:42em">'
            f"{summary_body_html(model, level=4)}</div>")
