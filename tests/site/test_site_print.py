"""Ctrl+P on the published site (book/_static/print.css): Debian's Chromium prints representative
pages, served over HTTP as a reader gets them, as print media on paper wide enough for the
theme's sidebars. Navigation, header buttons, launch instructions and widgets must not print;
printing without print.css shows what it takes away."""
from __future__ import annotations

import subprocess

import pytest

from support.book import article, normalise, page
from support.site import open_watched

pytestmark = [pytest.mark.book, pytest.mark.browser]

PAGES = ["book/index", "notebooks/plan-your-circle", "book/orientation/what-p2pu-means",
         "book/orientation/further-reading"]


def _printed(browser, url: str, folder, with_print_css: bool = True) -> str:
    """The page printed as Ctrl+P would (print media) on wide paper, where the theme would lay out
    its sidebars; without ``print.css`` when asked (what printing gave before it)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        reader, _seen = open_watched(context, url)
        if "/notebooks/" in url:  # the saved widgets draw themselves after the page has loaded
            reader.locator(".lc-activity").first.wait_for(state="visible", timeout=30_000)
        reader.emulate_media(media="print")
        if not with_print_css:
            reader.evaluate("() => document.querySelector('link[href*=\"print.css\"]').remove()")
        pdf = folder / f"{'with' if with_print_css else 'without'}-print-css.pdf"
        reader.pdf(path=str(pdf), width="1400px", height="1000px")
    finally:
        context.close()
    return normalise(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)


def _screen_only_texts(built_book, docname: str) -> list[str]:
    """Labels of the page's navigation and header buttons that the article itself never says."""
    doc = page(built_book, docname)
    own = normalise(article(built_book, docname).get_text(" "))
    labels = {normalise(el.get_text(" ")) for el in doc.select(
        ".bd-sidebar-primary a, .article-header-buttons a, .article-header-buttons button, .prev-next-area a")}
    return sorted(label for label in labels if len(label) > 3 and label not in own)


@pytest.mark.parametrize("docname", PAGES)
def test_printing_a_page_leaves_out_the_navigation_and_buttons(browser, site, built_book, tmp_path, docname):
    printed = _printed(browser, site + f"{docname}.html", tmp_path)
    chrome = _screen_only_texts(built_book, docname)
    assert len(chrome) >= 5, chrome
    left = [text for text in chrome if text in printed]
    assert not left, f"{docname}: printed with {left}"
    title = normalise(article(built_book, docname).find("h1").get_text(" ")).rstrip("#").strip()
    assert printed.startswith(title), f"{docname}: the print does not open with its title: {printed[:80]!r}"
    assert "Key points" in printed and "Skip to main content" not in printed
    # The trainer-view switch (added by trainer-view.js) does not print; the page may name it.
    assert printed.count("Trainer view") == normalise(article(built_book, docname).get_text(" ")).count("Trainer view")


def test_an_activity_prints_a_sentence_instead_of_its_widgets(browser, site, tmp_path):
    url = site + "notebooks/plan-your-circle.html"
    before = _printed(browser, url, tmp_path, with_print_css=False)
    printed = _printed(browser, url, tmp_path)
    widget_texts = ["Download my work", "Make calendar and spreadsheet files", "Run All Cells", "Show code cell source"]
    assert all(text in before for text in widget_texts), "without print.css these are printed: nothing to compare"
    assert not [text for text in widget_texts if text in printed]
    assert "The activity itself runs in JupyterLab and is not printed" in printed
    assert "Talk about it" in printed and "Key points" in printed


def test_the_front_page_prints_its_paper_version(browser, site, tmp_path):
    before = _printed(browser, site + "book/index.html", tmp_path, with_print_css=False)
    printed = _printed(browser, site + "book/index.html", tmp_path)
    assert "rocket icon" in before and "Contents Who this course is for" in before
    assert "every activity page has an On paper box" in printed and "Contents Who this course is for" not in printed
    assert "Run All Cells" not in printed and "rocket icon" not in printed


def test_links_print_their_address_and_folded_answers_print_open(browser, site, built_book, tmp_path):
    printed = "".join(_printed(browser, site + "book/orientation/further-reading.html", tmp_path).split()).replace("-", "")
    addresses = [a["href"] for a in article(built_book, "book/orientation/further-reading").find_all("a", href=True)
                 if a["href"].startswith("http")]
    assert addresses and all(f"({url})".replace("-", "") in printed for url in addresses), addresses
    answer = _printed(browser, site + "book/orientation/what-p2pu-means.html", tmp_path)
    assert "Network A is the peer-to-peer network" in answer
    video = _printed(browser, site + "book/orientation/welcome.html", tmp_path).replace("-", "")
    assert "Watch the video at https://www.youtubenocookie.com/embed/" in video and "Load and play" not in video
