"""Files of "Check-in for a first meeting": the printable summary page."""
from __future__ import annotations

from .model import CheckIn
from .render import printable_html


def exports(data: dict) -> dict[str, bytes]:
    model = CheckIn.from_dict(data)
    return {model.filename(): printable_html(model).encode("utf-8")}
