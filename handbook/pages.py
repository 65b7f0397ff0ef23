"""One built page of the book in its printed form: the article only, ready to sit in one document.

What changes for paper: the launch instructions, code cells and widgets go (a widget has nothing
to do on paper), anything marked ``online-only`` goes, an activity page gets its "On paper" box
instead, every picture gets its description printed beside it, links inside the book jump
inside the handbook, and ids are made unique per page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag

from .paper import PaperActivity, paper_box_html

#: Parts of a built page that only make sense on a screen.
SCREEN_ONLY = ", ".join([
    "a.headerlink", "script", "style", ".how-to", "div.cell", ".online-only", ".lc-not-connected",
    ".trainer-view-switch", "iframe", "button", "noscript", ".video-consent__note",
])


def _videos_as_addresses(article: Tag, soup: BeautifulSoup) -> None:
    """A click-to-load video becomes a line with its address (read before the button goes)."""
    for box in article.select(".video-consent"):
        button = box.select_one("[data-video-src]")
        if button is None:
            continue
        line = soup.new_tag("p", attrs={"class": "handbook-video"})
        line.append("Video: ")
        link = soup.new_tag("a", href=button["data-video-src"])
        link.string = button.get("data-video-title", "the video")
        line.append(link)
        box.replace_with(line)


@dataclass(frozen=True)
class PrintedPage:
    docname: str
    anchor: str
    title: str
    html: str
    #: The description (alt text) of every picture on the page, in order.
    pictures: tuple[str, ...]


def anchor_for(docname: str) -> str:
    return "p-" + re.sub(r"[^a-z0-9]+", "-", docname.lower()).strip("-")


def _local_target(built: Path, page_path: Path, href: str) -> tuple[str, str] | None:
    """``(docname, fragment)`` of a link to another built page, or None for anything else."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    target = (page_path.parent / unquote(parts.path)).resolve() if parts.path else page_path.resolve()
    try:
        relative = target.relative_to(built.resolve())
    except ValueError:
        return None
    if relative.suffix != ".html":
        return None
    return relative.with_suffix("").as_posix(), parts.fragment


def _rewrite_links(article: Tag, built: Path, page_path: Path, docnames: set[str]) -> None:
    for link in article.find_all("a", href=True):
        href = link["href"]
        if href.startswith(("http://", "https://", "mailto:")):
            continue
        target = _local_target(built, page_path, href)
        if target and target[0] in docnames:
            docname, fragment = target
            link["href"] = "#" + anchor_for(docname) + (f"--{fragment}" if fragment else "")
        else:  # a file of the site (a download, the sources): nothing to follow on paper
            link.unwrap()


def _picture_captions(article: Tag, page_path: Path, soup: BeautifulSoup) -> list[str]:
    """Every image loads from the built site (SVG stays vector) and has its description printed."""
    described = []
    for image in article.find_all("img"):
        image["src"] = (page_path.parent / unquote(image.get("src", ""))).resolve().as_uri()
        image.attrs.pop("loading", None)
        alt = image.get("alt", "").strip()
        described.append(alt)
        figure = image.find_parent("figure")
        if figure is not None and figure.find("figcaption"):
            continue
        caption = soup.new_tag("p", attrs={"class": "handbook-picture-text"})
        caption.string = f"Picture: {alt}"
        (image.parent if image.parent.name == "a" else image).insert_after(caption)
    return described


def _unique_ids(article: Tag, anchor: str) -> None:
    for element in article.find_all(id=True):
        element["id"] = f"{anchor}--{element['id']}"
    for label in article.find_all("label", attrs={"for": True}):
        label["for"] = f"{anchor}--{label['for']}"


def printed_page(built: Path, docname: str, docnames: set[str],
                 paper: PaperActivity | None = None) -> PrintedPage:
    page_path = built / f"{docname}.html"
    soup = BeautifulSoup(page_path.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.bd-article")
    if article is None:
        raise ValueError(f"{page_path}: no article in the built page (was the book built?)")
    _videos_as_addresses(article, soup)
    for element in article.select(SCREEN_ONLY):
        element.decompose()
    for folded in article.find_all("details"):  # an answer behind a toggle prints unfolded
        folded["open"] = ""
    heading = article.find("h1")
    title = " ".join(heading.get_text(" ").split()) if heading else docname
    if paper is not None:
        box = BeautifulSoup(paper_box_html(paper), "html.parser")
        after = article.select_one(".overview") or heading
        after.insert_after(box)
    pictures = _picture_captions(article, page_path, soup)
    _rewrite_links(article, built, page_path, docnames)
    anchor = anchor_for(docname)
    _unique_ids(article, anchor)
    section = soup.new_tag("section", attrs={"class": "handbook-page", "id": anchor})
    for child in list(article.children):
        section.append(child.extract())
    return PrintedPage(docname, anchor, title, str(section), tuple(pictures))
