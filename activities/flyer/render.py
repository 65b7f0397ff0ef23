"""The printable flyer: one page of HTML from a Jinja2 template (autoescaped), A4 or US Letter.

The page is a fixed-size sheet (print CSS with ``@page``): the title and the details are sized by
:mod:`activities.flyer.layout` to fit it, and the sheet hides anything a browser's own fonts would
still push out, so the flyer never runs onto a second page.
"""
from __future__ import annotations

from ..safe_text import html_text
from ..templating import render
from .layout import MARGIN_MM, PAPERS, PX_PER_MM, FlyerLayout, free_line, layout
from .model import Flyer
from .qr import qr_svg

#: Shares of the sheet's height (what is left after the title and topic goes to the details).
TITLE_SHARE, TOPIC_SHARE = 0.30, 0.10
QR_MM = 42
#: The browser's wrapping differs a little from the measured one (bold labels, other fonts).
SLACK = 0.88


def sheet_px(paper: str) -> tuple[float, float]:
    sheet = PAPERS[paper]
    width = (sheet.width_mm - 2 * MARGIN_MM) * PX_PER_MM
    height = (sheet.height_mm - 2 * MARGIN_MM) * PX_PER_MM
    return width, height


def print_layout(flyer: Flyer, paper: str = "a4") -> FlyerLayout:
    width, height = sheet_px(paper)
    free = 40 if flyer.free_line else 0
    qr = QR_MM * PX_PER_MM if flyer.signup_link() else 0
    details = (height * (1 - TITLE_SHARE - TOPIC_SHARE) - free - qr) * SLACK
    return layout(flyer, width * SLACK, height * TITLE_SHARE * SLACK, height * TOPIC_SHARE * SLACK, details)


def flyer_html(flyer: Flyer, paper: str = "a4") -> str:
    """The whole flyer page for ``paper`` ("a4" or "letter")."""
    sheet = PAPERS[paper]
    placed = print_layout(flyer, paper)
    link = flyer.signup_link()
    return render("activities.flyer", "flyer.html", flyer=flyer, paper=sheet, margin_mm=MARGIN_MM,
                  sheet_height_mm=sheet.height_mm - 2 * MARGIN_MM - 1, layout=placed,
                  free_line=free_line(flyer), qr=qr_svg(link) if link else None, link=link, qr_mm=QR_MM)


def picture_alt(flyer: Flyer) -> str:
    """Alt text of the picture: what it says, in reading order (escaped where it is shown)."""
    parts = [flyer.heading(), flyer.topic.strip(), " ".join(flyer.dates_lines()), flyer.place.strip()]
    return "Flyer picture: " + ". ".join(part for part in parts if part)


def dates_html(lines: list[str]) -> str:
    """The plan's dates as the flyer will print them."""
    return "<ul>" + "".join(f"<li>{html_text(line)}</li>" for line in lines) + "</ul>"
