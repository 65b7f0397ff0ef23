"""HTML of "Your certificate": the checkpoints' status for the widget and the printable
certificate (a Jinja2 template, also used by the trainers' ``python -m cohort certificates``)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..safe_text import html_text
from ..templating import render
from .model import Certificate, CheckpointResult

TITLE = "Certificate of completion"
COURSE = "Learning Circles: a course for facilitators"
#: The finish line: the first circle and its plus/delta within this many days of the course.
PLAN_DAYS = 90
SELF_CHECKED = "Every checkpoint of the course was checked with nbgrader's validator in the learner's own notebooks."
GRADED = "Every checkpoint of the course was graded by the cohort's trainers."


@dataclass(frozen=True)
class Plan:
    until: date
    first_circle: date | None
    co_facilitator: str
    share_where: str


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def plan_of(certificate: Certificate, on: date) -> Plan:
    first = date.fromisoformat(certificate.first_circle) if certificate.first_circle else None
    return Plan(on + timedelta(days=PLAN_DAYS), first, " ".join(certificate.co_facilitator.split()),
                " ".join(certificate.share_where.split()))


def certificate_page(name: str, on: date, modules: list[str], basis: str, plan: Plan | None = None) -> str:
    """A whole printable page: one sheet of A4 or US Letter."""
    return render("activities.certificate", "certificate.html", title=TITLE, course=COURSE, name=name, on=on,
                  modules=modules, basis=basis, plan=plan, long_date=long_date)


def learner_certificate(certificate: Certificate, on: date) -> str:
    return certificate_page(certificate.shown_name, on, certificate.modules_completed(), SELF_CHECKED,
                            plan_of(certificate, on))


def status_html(results: list[CheckpointResult], checked_on: str) -> str:
    """Each checkpoint: done, or not yet with what is missing."""
    if not results:
        return "<p>Not checked yet.</p>"
    rows = []
    for result in results:
        state = "Done" if result.done else "Not yet"
        missing = "".join(f"<li>{html_text(item)}</li>" for item in result.missing)
        rows.append(f'<li class="lc-certificate-{"done" if result.done else "not-yet"}">'
                    f"<strong>{html_text(result.title)}: {state}</strong>"
                    + (f"<ul>{missing}</ul>" if missing else "") + "</li>")
    when = f"<p>Checked on {html_text(long_date(date.fromisoformat(checked_on)))}.</p>" if checked_on else ""
    return f'{when}<ul class="lc-certificate-status">{"".join(rows)}</ul>'


def missing_html(items: list[str]) -> str:
    listed = "".join(f"<li>{html_text(item)}</li>" for item in items)
    return f"<p>No certificate yet. Still to do:</p><ul>{listed}</ul>"
