"""Files of "Your certificate": the printable certificate (once eligible) and the 90-day plan."""
from __future__ import annotations

from datetime import date

from ..safe_text import csv_bytes
from .model import Certificate
from .render import learner_certificate, long_date, plan_of

CERTIFICATE_NAME = "certificate.html"
PLAN_NAME = "my-90-day-plan.csv"


def plan_csv(certificate: Certificate, on: date) -> bytes:
    plan = plan_of(certificate, on)
    first = long_date(plan.first_circle) if plan.first_circle else ""
    return csv_bytes(["plan until", "first circle", "co-facilitator", "plus/delta shared"],
                     [[long_date(plan.until), first, plan.co_facilitator, plan.share_where]])


def files(certificate: Certificate, on: date | None = None) -> dict[str, bytes]:
    """The certificate is dated the day the checkpoints were found done (or today)."""
    on = on or (date.fromisoformat(certificate.checked_on) if certificate.checked_on else date.today())
    made = {PLAN_NAME: plan_csv(certificate, on)}
    if certificate.eligible:
        made[CERTIFICATE_NAME] = learner_certificate(certificate, on).encode("utf-8")
    return made


def exports(data: dict) -> dict[str, bytes]:
    return files(Certificate.from_dict(data))
