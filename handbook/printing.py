"""Printing the handbook with Chromium (Playwright), twice: the first print tells on which page
each course page starts (read from the PDF's outline with pypdf), the second prints those
numbers in the contents. Nothing is fetched from the network: every file is on this machine."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from .document import TITLE, handbook_html, handbook_parts, missing_paper_versions

CHROMIUM = os.environ.get("HANDBOOK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
#: The page number at the foot of every page but the cover (Chromium fills in .pageNumber).
FOOTER = ('<div style="width:100%;font-size:8pt;color:#555;text-align:center;font-family:sans-serif">'
          f'{TITLE} \u00b7 page <span class="pageNumber"></span> of <span class="totalPages"></span></div>')
PASSES = 3  # the contents settle after the second print; a third only if a number moved a page


@dataclass(frozen=True)
class Handbook:
    pdf: Path
    html: Path
    pages: int
    page_numbers: dict[str, int]
    #: Activity pages printed without an "On paper" box (no paper.yml in their package yet).
    missing_paper: tuple[str, ...]


def same_heading(outline_title: str, title: str) -> bool:
    """Chromium's outline sometimes repeats a heading's first line before the whole heading
    ("Anybody can learn anything: about the" + the full title), and drops line-break spaces."""
    entry, wanted = "".join(outline_title.split()), "".join(title.split())
    return entry.endswith(wanted) and wanted.startswith(entry[:len(entry) - len(wanted)])


def outline_pages(pdf: Path) -> list[tuple[str, int]]:
    """Every entry of the PDF's outline (Chromium makes one from the headings): (title, page 1-based)."""
    reader = PdfReader(pdf)
    found = []

    def walk(entries):
        for entry in entries:
            if isinstance(entry, list):
                walk(entry)
            else:
                found.append((entry.title, reader.get_destination_page_number(entry) + 1))
    walk(reader.outline)
    return found


def start_pages(pdf: Path, titles: list[tuple[str, str]]) -> dict[str, int]:
    """The page each course page starts on: its title's first outline entry after the previous one's."""
    entries, numbers, cursor = outline_pages(pdf), {}, 0
    for anchor, title in titles:
        for index in range(cursor, len(entries)):
            if same_heading(entries[index][0], title):
                numbers[anchor], cursor = entries[index][1], index + 1
                break
        else:
            raise RuntimeError(f"the printed handbook has no heading {title!r} after page "
                               f"{entries[cursor - 1][1] if cursor else 1}")
    return numbers


def print_document(browser, html_path: Path, pdf_path: Path) -> None:
    page = browser.new_page()
    try:
        page.goto(html_path.as_uri(), wait_until="load")
        page.pdf(path=str(pdf_path), format="A4", prefer_css_page_size=True, print_background=True,
                 outline=True, tagged=True, display_header_footer=True,
                 header_template="<span></span>", footer_template=FOOTER)
    finally:
        page.close()


def make_handbook(root: Path, built: Path, out_pdf: Path, work: Path | None = None, browser=None) -> Handbook:
    """Print the built book (``built``, the ``_build/html`` folder) as ``out_pdf``.

    ``browser``: a Playwright Chromium already running (the tests' one); otherwise one is started.
    """
    if browser is None:
        from playwright.sync_api import sync_playwright  # the browser driver, only for printing

        with sync_playwright() as playwright:
            own = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                return make_handbook(root, built, out_pdf, work, own)
            finally:
                own.close()
    work = work or out_pdf.parent
    work.mkdir(parents=True, exist_ok=True)
    out_pdf.parent.mkdir(parents=True, exist_ok=True)
    parts = handbook_parts(root, built)
    titles = [(page.anchor, page.title) for part in parts for page in part.pages]
    html_path = work / "handbook.html"
    numbers: dict[str, int] = {}
    for _ in range(PASSES):
        html_path.write_text(handbook_html(root, built, parts, numbers), encoding="utf-8")
        print_document(browser, html_path, out_pdf)
        landed = start_pages(out_pdf, titles)
        if landed == numbers:
            break
        numbers = landed
    else:
        raise RuntimeError("the contents' page numbers did not settle")
    pages = len(PdfReader(out_pdf).pages)
    return Handbook(out_pdf, html_path, pages, numbers, tuple(missing_paper_versions(parts)))
