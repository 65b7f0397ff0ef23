"""HTML of "Plan your learning circle" (every piece of learner text escaped)."""
from __future__ import annotations

from ..safe_text import checked_link, html_text, link_html
from .model import WEEKDAYS, CirclePlan


def heading_html(plan: CirclePlan) -> str:
    url, _problem = checked_link(plan.course_link)
    text = f"<h4>{html_text(plan.title())}</h4>"
    if url:
        text += f"<p>Course: {link_html(url)}</p>"
    elif plan.course_link.strip():
        text += f"<p>Course link (not a web link, so not clickable): <code>{html_text(plan.course_link)}</code></p>"
    if plan.source:
        text += f'<p class="lc-plan-source">Course from {html_text(plan.source)}: {html_text(plan.topic)}</p>'
    return text


def agenda_html(plan: CirclePlan) -> str:
    blocks = []
    for meeting in plan.meetings():
        rows = "".join(
            f"<tr><td>{item.starts:%H:%M}\u2013{item.ends:%H:%M}</td><th scope=\"row\">{html_text(item.part)}</th>"
            f"<td>{item.minutes} min</td><td>{html_text(item.what)}</td></tr>" for item in meeting.agenda)
        blocks.append(
            f"<details{' open' if meeting.number == 1 else ''}><summary>Meeting {meeting.number}: "
            f"{WEEKDAYS[meeting.starts.weekday()]} {meeting.starts:%d %B %Y}, "
            f"{meeting.starts:%H:%M}\u2013{meeting.ends:%H:%M}</summary>"
            f"<table class=\"lc-agenda\"><caption>Agenda for meeting {meeting.number} "
            f"({meeting.minutes} minutes)</caption><thead><tr><th scope=\"col\">Time</th>"
            f"<th scope=\"col\">Part</th><th scope=\"col\">Length</th><th scope=\"col\">What happens</th>"
            f"</tr></thead><tbody>{rows}</tbody></table></details>")
    return "".join(blocks)


def schedule_html(plan: CirclePlan) -> str:
    table = plan.schedule().to_html(index=False, escape=True, border=0, classes="lc-schedule-table")
    # On a narrow screen the table scrolls sideways in its own box (focusable, so keys scroll it).
    return ("<p>Times are start and end; the last four columns are minutes.</p>"
            '<div class="lc-table-scroll" role="region" aria-label="Schedule" tabindex="0">'
            f"{table}</div>")
