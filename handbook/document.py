"""The handbook as one HTML document: cover, contents (with page numbers once known), every page
of ``_toc.yml`` in order, and the licence. Printing it is ``printing``'s job."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

from activities.registry import ACTIVITIES
from activities.templating import render

from .pages import PrintedPage, printed_page
from .paper import paper_for
from .toc import book_parts

TITLE = "Learning Circles: a facilitator handbook"
#: The book page of each registered activity -> the activity's name.
ACTIVITY_PAGES = {activity.docname: activity.name for activity in ACTIVITIES}


@dataclass(frozen=True)
class HandbookPart:
    caption: str
    pages: tuple[PrintedPage, ...]


def site_stylesheets(built: Path, root_docname: str) -> list[str]:
    """The built site's own stylesheets (theme, boxes, cards, course look), as file URIs, in order."""
    page_path = built / f"{root_docname}.html"
    links = re.findall(r'<link[^>]*rel="stylesheet"[^>]*>', page_path.read_text(encoding="utf-8"))
    sheets = []
    for link in links:
        href = re.search(r'href="([^"]+)"', link).group(1)
        sheets.append((page_path.parent / unquote(urlsplit(href).path)).resolve().as_uri())
    return sheets


def handbook_parts(root: Path, built: Path) -> list[HandbookPart]:
    parts = book_parts(root)
    docnames = {name for part in parts for name in part.docnames}
    result = []
    for part in parts:
        pages = []
        for docname in part.docnames:
            paper = paper_for(ACTIVITY_PAGES[docname]) if docname in ACTIVITY_PAGES else None
            pages.append(printed_page(built, docname, docnames, paper))
        result.append(HandbookPart(part.caption, tuple(pages)))
    return result


def missing_paper_versions(parts: list[HandbookPart]) -> list[str]:
    """Activity pages whose package has no paper.yml (printed with their text only)."""
    return [page.docname for part in parts for page in part.pages
            if page.docname in ACTIVITY_PAGES and paper_for(ACTIVITY_PAGES[page.docname]) is None]


def handbook_html(root: Path, built: Path, parts: list[HandbookPart],
                  page_numbers: dict[str, int] | None = None, made: date | None = None) -> str:
    """The whole document. Without ``page_numbers`` the contents show placeholders of the same width."""
    root_docname = parts[0].pages[0].docname
    return render("handbook", "handbook.html", title=TITLE, parts=parts,
                  stylesheets=site_stylesheets(built, root_docname),
                  numbers=page_numbers or {}, made=(made or date.today()).isoformat())
