"""The facilitator handbook, printed for real: the shared built book through ``handbook`` and
Debian's Chromium, read back with pdfinfo, pdftotext and pdfimages (poppler)."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from handbook.__main__ import DEFAULT_PDF
from handbook.pages import anchor_for
from handbook.printing import make_handbook
from support.book import article, normalise, page
from support.toc import notebook_pages, toc_entries

pytestmark = [pytest.mark.book, pytest.mark.browser]


def _pdftotext(pdf: Path, *pages: int) -> str:
    first_last = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return subprocess.run(["pdftotext", *first_last, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture(scope="module")
def printed(built_book, browser, tmp_path_factory):
    """``(handbook, its whole text)``, made from the shared build into a folder of its own."""
    folder = tmp_path_factory.mktemp("handbook")
    source = built_book.parent.parent  # the copy of the repository the book was built from
    handbook = make_handbook(source, built_book, folder / "handbook.pdf", work=folder, browser=browser)
    return handbook, normalise(_pdftotext(handbook.pdf))


def _titles(built_book) -> list[str]:
    return [normalise(article(built_book, docname).find("h1").get_text(" ")).rstrip("#").strip()
            for docname in toc_entries()]


def test_pdfinfo_opens_it_and_the_page_count_is_sensible(printed):
    handbook, _text = printed
    info = subprocess.run(["pdfinfo", str(handbook.pdf)], capture_output=True, text=True)
    assert info.returncode == 0 and not info.stderr, info.stderr
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE).group(1))
    assert pages == handbook.pages
    # Cover and contents, then every page of _toc.yml on a sheet of its own, a few sheets each.
    assert len(toc_entries()) + 2 <= pages <= 4 * len(toc_entries()) + 10, pages
    assert "A4" in info.stdout and "Title:           Learning Circles: a facilitator handbook" in info.stdout


def test_every_page_of_the_toc_is_printed_in_order(printed, built_book):
    _handbook, text = printed
    # Past the contents (which end with the last title), every title in the book's order.
    cursor = text.index(_titles(built_book)[-1], text.index("Contents")) + 1
    for title in _titles(built_book):
        found = text.find(title, cursor)
        assert found > 0, f"{title!r} is missing or out of order in the handbook"
        cursor = found + len(title)
    assert text.find("Licence This handbook", cursor) > 0, "the licence page comes last"


def test_the_contents_give_the_page_each_title_is_on(printed, built_book):
    handbook, _text = printed
    contents = normalise(_pdftotext(handbook.pdf, 2, 3))
    for docname, title in zip(toc_entries(), _titles(built_book)):
        number = handbook.page_numbers[anchor_for(docname)]
        assert f"{title} {number}" in contents, f"the contents do not say {title!r} is on page {number}"
        assert title in normalise(_pdftotext(handbook.pdf, number)), f"{title!r} is not on page {number}"
    numbers = [handbook.page_numbers[anchor_for(docname)] for docname in toc_entries()]
    assert numbers == sorted(set(numbers)) and numbers[0] > 1


def test_every_picture_of_the_book_is_printed_as_vector_art_with_its_description(printed, built_book):
    handbook, text = printed
    described = [normalise(img["alt"]) for docname in toc_entries()
                 for img in article(built_book, docname).find_all("img") if img.get("src", "").endswith(".svg")]
    assert len(described) >= 6, "the book's diagrams were not found"
    for alt in described:
        assert f"Picture: {alt}" in text, f"no picture described as {alt[:60]!r}"
    # The SVGs stay drawings: no page of the PDF holds a bitmap (poppler lists none).
    listing = subprocess.run(["pdfimages", "-list", str(handbook.pdf)], capture_output=True, text=True,
                             check=True).stdout.splitlines()
    assert listing[2:] == [], "bitmaps in the handbook:\n" + "\n".join(listing[:12])


def test_links_are_printed_as_readable_addresses(printed, built_book):
    _handbook, text = printed
    # pdftotext joins a word broken at a hyphen without it: compare without hyphens.
    squeezed = "".join(text.split()).replace("-", "")
    addresses = {a["href"] for docname in toc_entries() for a in article(built_book, docname).find_all("a", href=True)
                 if a["href"].startswith(("http://", "https://")) and not a.find("img")}
    assert len(addresses) >= 10
    missing = [url for url in sorted(addresses) if f"({url})".replace("-", "") not in squeezed]
    assert not missing, f"addresses not printed: {missing}"


def test_activity_pages_are_for_paper_not_for_jupyterlab(printed):
    handbook, text = printed
    assert "Run All Cells" not in text and "Run →" not in text and "press Run" not in text.replace("Press Run", "")
    html = handbook.html.read_text(encoding="utf-8")
    assert "widget-view+json" not in html and "jupyter-widgets" not in html and "cell_output" not in html
    assert not handbook.missing_paper, handbook.missing_paper
    for docname in notebook_pages():
        number = handbook.page_numbers[anchor_for(docname)]
        sheet = normalise(_pdftotext(handbook.pdf, number, number + 1))
        for heading in ("On paper", "What to print", "What to bring", "How it goes"):
            assert heading in sheet, f"{docname}: no {heading!r} near page {number}"


def test_the_overview_and_key_points_boxes_and_the_credits_are_printed(printed, built_book):
    _handbook, text = printed
    assert text.count("Overview") >= len(toc_entries()) - 4  # the reference pages have none
    assert text.count("Key points") >= len(toc_entries()) - 4
    assert "CC BY-SA 4.0" in text and "MIT License" in text and "Credits and licence" in text


@pytest.mark.parametrize("docname", ["book/index", "book/about/for-trainers"])
def test_the_book_links_the_handbook_where_it_is_made(built_book, docname):
    links = [a["href"] for a in page(built_book, docname).select("a.handbook-link")]
    assert links, f"{docname} has no link to the handbook"
    target = (built_book / docname).parent.joinpath(links[0]).resolve()
    assert target == (built_book / DEFAULT_PDF).resolve()
