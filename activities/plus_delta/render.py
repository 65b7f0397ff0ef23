"""HTML of "Plus/Delta": a week's entries, the chart across weeks (learner text escaped)."""
from __future__ import annotations

from ..charts import Series, grouped_bars
from ..safe_text import html_text
from .model import PlusDelta


def chart_svg(model: PlusDelta) -> str | None:
    """Pluses and deltas per week as an accessible SVG bar chart (``None`` with no entries)."""
    frame = model.summary()
    if frame.empty:
        return None
    return grouped_bars(
        [f"Week {week}" for week in frame["Week"]],
        [Series("Pluses", tuple(int(n) for n in frame["Pluses"]), "#1d4f91"),
         Series("Deltas", tuple(int(n) for n in frame["Deltas"]), "#f0b64d", hatched=True)],
        title="Pluses and deltas per week", summary=model.chart_description(), value_label="Entries",
        css_class="lc-plus-delta-svg")


def chart_html(model: PlusDelta) -> str:
    svg = chart_svg(model)
    description = html_text(model.chart_description())
    if svg is None:
        return f"<p>{description}</p>"
    # The summary table above the chart holds the same figures for anyone who cannot see it.
    return f'<figure class="lc-plus-delta-chart">{svg}<figcaption>{description}</figcaption></figure>'


def week_html(model: PlusDelta, week: int) -> str:
    found = model.for_week(week)
    if not found:
        return f"<p>No entries for week {week} yet.</p>"
    rows = "".join(
        f'<tr><th scope="row">{html_text(e.shown_name())}</th>'
        f'<td dir="auto" style="white-space:pre-wrap">{html_text(e.plus)}</td>'
        f'<td dir="auto" style="white-space:pre-wrap">{html_text(e.delta)}</td></tr>' for e in found)
    return (f'<table class="lc-plus-delta-week"><caption>Week {week}: {len(found)} '
            f'entr{"y" if len(found) == 1 else "ies"}</caption><thead><tr><th scope="col">Name</th>'
            f'<th scope="col">Plus (went well)</th><th scope="col">Delta (change next time)</th>'
            f"</tr></thead><tbody>{rows}</tbody></table>")


def summary_html(model: PlusDelta) -> str:
    frame = model.summary()
    if frame.empty:
        return "<p>No entries yet.</p>"
    return frame.to_html(index=False, escape=True, border=0, classes="lc-summary-table")
