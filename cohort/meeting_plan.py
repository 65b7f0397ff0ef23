"""The course as a learning circle: weekly 90-minute meetings planned from the book itself.

Pure Python (no Sphinx): the book's extension ``book/_ext/meeting_plan.py`` shows the plan on
``book/about/running-this-course.md`` and writes a printable one-sheet per meeting, and the tests
call the same functions. Everything comes from ``_toc.yml`` and the "Time: about N minutes" line
of each page's Overview box, so the plan changes when a page or its time estimate changes.

The rules (also written on the page, from the constants below):

- every meeting: a check-in, then the pages to read and the activities to do, then a reflection
  (plus/delta); at most ``CONTENT_MINUTES`` of pages and activities, so it fits 90 minutes;
- pages and activities keep the book's order and are never split: a page that does not fit
  starts the next meeting (a page longer than a whole meeting gets one of its own);
- a checkpoint belongs to the part it is named after (its caption) or to the part holding the
  page it is named after; it is released at the meeting that finishes that part and handed in
  before the next one.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from activities.safe_text import slug
from activities.templating import render

from .checkpoints import ASSIGNMENTS

MEETING_MINUTES = 90
CHECK_IN_MINUTES = 10
REFLECT_MINUTES = 10
CONTENT_MINUTES = MEETING_MINUTES - CHECK_IN_MINUTES - REFLECT_MINUTES
CHECK_IN = "Everyone in turn: how are you, and what did you try since the last meeting?"
REFLECT = "Plus/delta: what worked today, and what to change next time"
#: The part after the course (pages for trainers and authors): not part of the meetings.
REFERENCE_PART = "About"

_TIME = re.compile(r"\*\*Time:?\*\*:?\s*about\s+(\d+)\s+minutes", re.IGNORECASE)
_HEADING = re.compile(r"^#\s+(.+?)\s*$", re.MULTILINE)
#: An activity that a group runs on a projector says so in its "How to use" box.
_GROUP_MODE = re.compile(r"tick \*Group mode\*", re.IGNORECASE)


@dataclass(frozen=True)
class Page:
    docname: str
    title: str
    part: str
    minutes: int
    #: A notebook (an activity to do) rather than a page to read.
    activity: bool = False
    #: The activity has a group (projector) mode the meeting uses.
    group_mode: bool = False


@dataclass(frozen=True)
class Meeting:
    number: int
    pages: tuple[Page, ...]
    #: The checkpoints released at this meeting (due before the next one).
    checkpoints: tuple[str, ...] = ()

    @property
    def read_minutes(self) -> int:
        return sum(page.minutes for page in self.pages if not page.activity)

    @property
    def do_minutes(self) -> int:
        return sum(page.minutes for page in self.pages if page.activity)

    @property
    def content_minutes(self) -> int:
        return self.read_minutes + self.do_minutes

    @property
    def total_minutes(self) -> int:
        return CHECK_IN_MINUTES + self.content_minutes + REFLECT_MINUTES

    @property
    def spare_minutes(self) -> int:
        return MEETING_MINUTES - self.total_minutes

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(page.part for page in self.pages))

    @property
    def group_activities(self) -> tuple[Page, ...]:
        return tuple(page for page in self.pages if page.group_mode)


@dataclass(frozen=True)
class Slot:
    """One line of a meeting's agenda."""

    start: int  # minutes after the meeting starts
    kind: str   # "check-in", "read", "do" or "reflect"
    title: str
    minutes: int
    page: Page | None = None

    @property
    def clock(self) -> str:
        return f"{self.start // 60}:{self.start % 60:02d}"


def agenda(meeting: Meeting) -> list[Slot]:
    """The meeting minute by minute: check-in, its pages and activities in order, reflection."""
    slots, start = [Slot(0, "check-in", CHECK_IN, CHECK_IN_MINUTES)], CHECK_IN_MINUTES
    for page in meeting.pages:
        slots.append(Slot(start, "do" if page.activity else "read", page.title, page.minutes, page))
        start += page.minutes
    slots.append(Slot(start, "reflect", REFLECT, REFLECT_MINUTES))
    return slots


def time_estimate(text: str) -> int | None:
    """The minutes of the first "Time: about N minutes" in ``text`` (None if it has none)."""
    found = _TIME.search(text)
    return int(found.group(1)) if found else None


def _page_text(root: Path, docname: str) -> tuple[str, bool]:
    """The text that carries the page's title and time, and whether it is a notebook."""
    notebook = root / f"{docname}.ipynb"
    if notebook.is_file():
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        markdown = ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown"]
        return "\n\n".join(markdown), True
    return (root / f"{docname}.md").read_text(encoding="utf-8"), False


def source_path(root: Path, docname: str) -> Path:
    notebook = root / f"{docname}.ipynb"
    return notebook if notebook.is_file() else root / f"{docname}.md"


def toc_parts(root: Path) -> list[tuple[str, list[str]]]:
    """The course's parts before the reference part: (caption, docnames), in the book's order."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    parts = []
    for part in toc.get("parts", []):
        if part.get("caption") == REFERENCE_PART:
            break
        parts.append((part["caption"], [chapter["file"] for chapter in part.get("chapters", [])]))
    return parts


def course_pages(root: Path) -> list[Page]:
    """Every page and activity of the course, in the book's order, with its time estimate."""
    pages = []
    for caption, docnames in toc_parts(root):
        for docname in docnames:
            text, notebook = _page_text(root, docname)
            minutes = time_estimate(text)
            if minutes is None:
                raise ValueError(f"{docname} has no \"Time: about N minutes\" in its Overview box, so the "
                                 "meeting plan cannot place it")
            heading = _HEADING.search(text)
            title = heading.group(1) if heading else docname
            pages.append(Page(docname, title, caption, minutes, notebook,
                              notebook and bool(_GROUP_MODE.search(text))))
    return pages


def pack(pages: list[Page], content_minutes: int = CONTENT_MINUTES) -> list[list[Page]]:
    """Pages in order into meetings of at most ``content_minutes``, never splitting a page."""
    meetings: list[list[Page]] = []
    for page in pages:
        if meetings and sum(p.minutes for p in meetings[-1]) + page.minutes <= content_minutes:
            meetings[-1].append(page)
        else:
            meetings.append([page])
    return meetings


def checkpoint_parts(pages: list[Page], checkpoints) -> dict[str, str]:
    """The part each checkpoint belongs to: the part it is named after, or its page's part."""
    parts = {slug(page.part): page.part for page in pages}
    by_page = {page.docname.rsplit("/", 1)[-1]: page.part for page in pages}
    found = {}
    for name in checkpoints:
        part = parts.get(name) or by_page.get(name)
        if part is None:
            raise ValueError(f"the checkpoint {name!r} names neither a part nor a page of the course")
        found[name] = part
    return found


def plan(pages: list[Page], checkpoints=(), content_minutes: int = CONTENT_MINUTES) -> list[Meeting]:
    """The meetings: the pages packed in order, each checkpoint at the meeting ending its part."""
    groups = pack(pages, content_minutes)
    last_meeting = {}
    for number, group in enumerate(groups, start=1):
        for page in group:
            last_meeting[page.part] = number
    due: dict[int, list[str]] = {}
    for name, part in checkpoint_parts(pages, checkpoints).items():
        due.setdefault(last_meeting[part], []).append(name)
    return [Meeting(number, tuple(group), tuple(due.get(number, ())))
            for number, group in enumerate(groups, start=1)]


def book_plan(root: Path) -> list[Meeting]:
    """The plan of the book at ``root`` with the course's checkpoints (``ASSIGNMENTS``)."""
    return plan(course_pages(root), ASSIGNMENTS)


# --- HTML (Jinja2 templates in cohort/templates, autoescaped through the one escaper) ------------
KINDS = {"check-in": "Check-in", "read": "Read", "do": "Do", "reflect": "Reflect"}


def _context(meetings: list[Meeting], count: int | None = None) -> dict:
    return {"meetings": meetings, "count": count or len(meetings), "content_minutes": CONTENT_MINUTES, "kinds": KINDS, "meeting_minutes": MEETING_MINUTES,
            "check_in": CHECK_IN_MINUTES, "reflect": REFLECT_MINUTES,
            "agendas": {meeting.number: agenda(meeting) for meeting in meetings}}


def plan_html(meetings: list[Meeting], links: dict[str, str], sheets: str) -> str:
    """The plan for the book page: the rules, a summary table and each meeting's agenda.

    ``links``: docname -> href of its page; ``sheets``: the folder of the one-sheets
    (``all.html``, ``meeting-N.html``).
    """
    sheet_links = {meeting.number: f"{sheets}/meeting-{meeting.number}.html" for meeting in meetings}
    return render("cohort", "meeting-plan.html", links=links, sheet_links=sheet_links,
                  all_sheets=f"{sheets}/all.html", **_context(meetings))


def sheets_html(meetings: list[Meeting], title: str, count: int | None = None) -> str:
    """A printable page with one sheet per meeting (each prints on a page of its own); ``count``:
    how many meetings the whole course has, when ``meetings`` is only some of them."""
    return render("cohort", "meeting-sheets.html", title=title, **_context(meetings, count))
