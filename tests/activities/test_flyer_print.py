"""The printed flyer: Debian's Chromium prints each page to PDF (A4 and US Letter); the PDF has
exactly one page of the right size and holds the title, the dates and a QR code that scans."""
from __future__ import annotations

import subprocess
from datetime import date, time

import pytest
import zxingcpp
from PIL import Image

from activities import plan_circle
from activities.flyer import Flyer, plan_date_lines
from activities.flyer.export import file_names, flyer_files
from support.printing import PAPERS, flat, pages_and_size, print_pdf

pytestmark = pytest.mark.browser

PLAN = plan_circle.CirclePlan(start_date=date(2027, 1, 12), weekday=1, start_time=time(18, 0), weeks=6)
LINK = "https://example.org/sign-up?circle=web&week=1"
FLYER = dict(title="Learn web design together", topic="Web design for beginners",
             what="Work through a free course, one week at a time, and help each other.",
             plan_dates=plan_date_lines(PLAN), place="Central Library, room 2", signup=LINK,
             accessibility="Step-free entrance; ask us about anything you need.")
def print_to_pdf(browser, page_html: bytes, folder, paper: str):
    """Print the flyer (tests/support/printing.py), return (pdfinfo, text, page image)."""
    info, text, pdf = print_pdf(browser, page_html, folder, "flyer", paper)
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf), str(folder / f"flyer-{paper}")],
                   check=True)
    return info, text, Image.open(folder / f"flyer-{paper}.png")


@pytest.mark.parametrize("paper", list(PAPERS))
def test_the_flyer_prints_on_one_page_with_title_dates_and_a_qr_code(browser, tmp_path, paper):
    flyer = Flyer(**FLYER)
    info, text, image = print_to_pdf(browser, flyer_files(flyer)[file_names(flyer)[paper]], tmp_path, paper)
    assert pages_and_size(info) == (1, PAPERS[paper][1])
    printed = flat(text)
    for expected in ("Free, no experience needed", "Learn web design together", "Central Library, room 2",
                     *plan_date_lines(PLAN)):
        assert flat(expected) in printed, (expected, printed)
    scanned = [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]
    assert scanned == [LINK]


@pytest.mark.parametrize("paper", list(PAPERS))
def test_a_100k_character_title_still_prints_on_one_page_with_the_dates(browser, tmp_path, paper):
    words = " ".join(f"word{i}" for i in range(20_000))[:100_000]
    flyer = Flyer(**{**FLYER, "title": words, "what": "y" * 100_000})
    info, text, _image = print_to_pdf(browser, flyer_files(flyer)[file_names(flyer)[paper]], tmp_path, paper)
    assert pages_and_size(info) == (1, PAPERS[paper][1])
    printed = flat(text)
    assert "word0 word1 word2" in printed and "word19999" not in printed  # shrunk, then cut
    for expected in plan_date_lines(PLAN):
        assert flat(expected) in printed, (expected, printed)
