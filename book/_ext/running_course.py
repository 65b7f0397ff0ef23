"""The ``meeting-plan`` directive: the course as weekly meetings, generated while the book builds.

The plan itself (packing pages into meetings, the checkpoints, the HTML) is pure Python in
``cohort/meeting_plan.py``; this extension only feeds it the book being built, tells Sphinx which
files the page depends on (so a changed time estimate rebuilds it), and writes the printable
one-sheets next to the built page: ``<page>-sheets/all.html`` (every meeting, one printed page
each) and ``<page>-sheets/meeting-N.html``.
"""
from __future__ import annotations

import posixpath
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from cohort.meeting_plan import book_plan, plan_html, sheets_html, source_path, toc_parts

SHEET_TITLE = "Learning Circles course: the meetings"


def sheets_folder(docname: str) -> str:
    return f"{docname}-sheets"


class MeetingPlan(SphinxDirective):
    has_content = False

    def run(self):
        root = Path(self.env.srcdir)
        self.env.note_dependency(str(root / "_toc.yml"))
        for _caption, docnames in toc_parts(root):
            for docname in docnames:
                self.env.note_dependency(str(source_path(root, docname)))
        try:
            meetings = book_plan(root)
        except ValueError as error:
            raise self.error(f"meeting plan: {error}") from error
        here = posixpath.dirname(self.env.docname)
        links = {page.docname: posixpath.relpath(f"{page.docname}.html", here)
                 for meeting in meetings for page in meeting.pages}
        folder = posixpath.relpath(sheets_folder(self.env.docname), here)
        # The one-sheets are written once the build is done (_write_sheets), for this page.
        self.env.meeting_plan_pages = getattr(self.env, "meeting_plan_pages", set()) | {self.env.docname}
        return [nodes.raw("", plan_html(meetings, links, folder), format="html")]


def _write_sheets(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    docnames = getattr(app.env, "meeting_plan_pages", set())
    if not docnames:
        return
    meetings = book_plan(Path(app.srcdir))
    for docname in docnames:
        folder = Path(app.outdir) / sheets_folder(docname)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "all.html").write_text(sheets_html(meetings, SHEET_TITLE), encoding="utf-8")
        for meeting in meetings:
            (folder / f"meeting-{meeting.number}.html").write_text(
                sheets_html([meeting], f"{SHEET_TITLE}: meeting {meeting.number}", len(meetings)),
                encoding="utf-8")


def _forget(app: Sphinx, env, docname: str) -> None:
    getattr(env, "meeting_plan_pages", set()).discard(docname)


def setup(app: Sphinx) -> dict:
    app.add_directive("meeting-plan", MeetingPlan)
    app.add_css_file("meeting-plan.css")  # book/_static: wide tables scroll in their own box
    app.connect("env-purge-doc", _forget)
    app.connect("build-finished", _write_sheets)
    return {"parallel_read_safe": False, "parallel_write_safe": True, "env_version": 1}
