"""Printing a page to PDF with Debian's Chromium and reading it back (pdfinfo, pdftotext)."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

#: Playwright's paper formats and the page size pdfinfo reports for them, in points.
PAPERS = {"a4": ("A4", "594.96 x 841.92"), "letter": ("Letter", "612 x 792")}


def flat(text: str) -> str:
    return " ".join(text.split())


def print_pdf(browser, page_html: bytes, folder: Path, stem: str, paper: str) -> tuple[str, str, Path]:
    """Open the page from a file (as a learner would), print it: (pdfinfo, pdftotext, the PDF).

    Fails if the page loads anything besides itself.
    """
    source = folder / f"{stem}-{paper}.html"
    source.write_bytes(page_html)
    context = browser.new_context()
    try:
        page = context.new_page()
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(source.as_uri(), wait_until="load")
        pdf = folder / f"{stem}-{paper}.pdf"
        pdf.write_bytes(page.pdf(format=PAPERS[paper][0], prefer_css_page_size=True, print_background=True))
    finally:
        context.close()
    assert requests == [source.as_uri()], "a printable page must not load anything"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return info, text, pdf


def pages_and_size(info: str) -> tuple[int, str]:
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))
    size = re.search(r"^Page size:\s+([\d.]+ x [\d.]+) pts", info, re.MULTILINE).group(1)
    return pages, size


def same_size(size: str, expected: str) -> bool:
    """Page sizes in points, to within a point (Chromium rounds A4 to whole pixels)."""
    got, want = ([float(n) for n in s.split(" x ")] for s in (size, expected))
    return all(abs(a - b) <= 1.5 for a, b in zip(got, want))


def page_text(pdf: Path, number: int) -> str:
    """The text of one page of ``pdf`` (from 1), on one line."""
    return flat(subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), "-layout", str(pdf), "-"],
                               capture_output=True, text=True, check=True).stdout)
