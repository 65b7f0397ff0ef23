"""'Make a flyer' files: hostile text is escaped and never breaks the page or the picture, the QR
code reads back to the sign-up link, and "Download my work" holds the flyer."""
from __future__ import annotations

import io
import zipfile

import pytest
import zxingcpp
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from PIL import Image

from activities.download import collect_work
from activities.flyer import Flyer
from activities.sentence_editor import fitting
from activities.flyer.export import PADDING, PICTURE_SIZE, file_names, flyer_files, png_bytes, render_picture
from activities.flyer.model import TEXT_FIELDS
from activities.flyer.render import flyer_html, print_layout
from activities.flyer.view import FlyerView, store
from support.hostile import HOSTILE_EXAMPLES, hostile_text

FULL = dict(title="Learn web design together", topic="Web design for beginners",
            what="Work through a free course, one week at a time, and help each other.",
            dates_source="typed", typed_dates="Tuesdays 18:00\u201319:30\nfrom 12 January 2027",
            place="Central Library, room 2", signup="https://example.org/sign-up?circle=web&week=1",
            accessibility="Step-free entrance; ask us about anything you need.")
#: Every tag the printed flyer may contain (the QR code is segno's SVG of rectangles/paths).
ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "p", "h1", "span", "div", "strong",
                "figure", "svg", "path", "rect", "g"}
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_harmless(page: str) -> None:
    soup = BeautifulSoup(page, "html.parser")
    assert {tag.name for tag in soup.find_all(True)} <= ALLOWED_TAGS
    for tag in soup.find_all(True):
        assert not any(name.lower().startswith("on") for name in tag.attrs), tag
        for name in ("href", "src"):
            assert name not in tag.attrs, tag  # the flyer loads nothing at all
    assert "<script" not in page.lower()


def shown_text(name: str, text: str) -> str | None:
    """How a detail field appears in the page (None for the title and topic, which are wrapped)."""
    if name in ("title", "topic") or not text.strip():
        return None
    if name == "typed_dates":
        return "\n".join(line for line in text.splitlines() if line.strip())
    return text


@pytest.mark.parametrize("name", list(TEXT_FIELDS))
@SLOW
@given(text=hostile_text)
def test_hostile_text_in_any_field_is_escaped_and_the_picture_renders(name, text):
    flyer = Flyer(**{**FULL, name: text})
    for paper in ("a4", "letter"):
        page = flyer_html(flyer, paper)
        assert_harmless(page)
        soup, placed = BeautifulSoup(page, "html.parser"), print_layout(flyer, paper)
        shown = shown_text(name, text)
        if shown is not None and not placed.cut:  # the text itself, escaped (parsed back exactly)
            details = [p.get_text() for p in soup.select("p.detail")]
            assert any(detail.endswith(f": {shown}") for detail in details), (details, shown)
        if name in ("title", "topic") and text.strip():
            block = placed.title if name == "title" else placed.topic
            spans = [s.get_text() for s in soup.select(f".{name}-line")]
            assert spans == list(block.lines)
            if not block.cut:  # every word is there, in order (wrapping only moves the spaces;
                # what Python counts as white space, such as U+001F, may be dropped with them)
                words = [word for paragraph in fitting.paragraphs(text) for word in paragraph]
                assert "".join("".join(block.lines).split()) == "".join("".join(words).split())
    picture = Image.open(io.BytesIO(png_bytes(flyer)))
    assert picture.size == PICTURE_SIZE and picture.format == "PNG"


@pytest.mark.parametrize("text", HOSTILE_EXAMPLES)
def test_every_hostile_example_in_every_field_at_once(text):
    flyer = Flyer(**{name: text for name in TEXT_FIELDS}, dates_source="typed")
    files = flyer_files(flyer)
    assert set(files) == set(file_names(flyer).values())
    for name, content in files.items():
        if name.endswith(".html"):
            assert_harmless(content.decode("utf-8"))
        else:
            assert Image.open(io.BytesIO(content)).size == PICTURE_SIZE


def test_the_title_gets_smaller_as_it_gets_longer_and_huge_text_is_cut_with_a_note():
    sizes = [print_layout(Flyer(title=" ".join(["Learning"] * n))).title.size for n in (1, 4, 12, 40)]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > sizes[-1]
    huge = Flyer(**{**FULL, "title": "x" * 100_000})
    placed = print_layout(huge)
    assert placed.cut and placed.title.lines[-1].endswith("\u2026")
    assert sum(map(len, placed.title.lines)) < 5_000
    view = FlyerView()
    view.inputs["title"].value = "x" * 100_000
    assert "too long for one page" in view.advice.value
    assert store().load()[0].title == "x" * 100_000  # everything typed is kept


def _decoded(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image) if result.format == zxingcpp.BarcodeFormat.QRCode]


@pytest.mark.parametrize("link", ["https://example.org/sign-up?circle=web&week=1#join",
                                  "http://library.example/circles/\u00e9t\u00e9"])
def test_the_qr_code_reads_back_to_the_sign_up_link(link):
    assert _decoded(render_picture(Flyer(**{**FULL, "signup": link}))) == [link]


def test_huge_text_everywhere_stays_inside_the_picture_and_off_the_qr_code():
    flyer = Flyer(**{**{name: " ".join(["Everybody"] * 20_000) for name in TEXT_FIELDS}, "dates_source": "typed",
                     "signup": FULL["signup"]})
    picture = render_picture(flyer)
    width, height = PICTURE_SIZE
    background = picture.getpixel((0, 0))
    margin = [picture.getpixel((x, y)) for y in range(height - PADDING, height) for x in range(0, width, 3)]
    margin += [picture.getpixel((x, y)) for y in range(0, height, 3) for x in range(width - PADDING + 2, width)]
    assert set(margin) == {background}  # nothing drawn in the bottom and right margins
    assert _decoded(picture) == [FULL["signup"]]  # the details stop above the code


@pytest.mark.parametrize("signup", ["javascript:alert(1)", "circles@library.example", ""])
def test_no_qr_code_without_a_web_link(signup):
    flyer = Flyer(**{**FULL, "signup": signup})
    assert _decoded(render_picture(flyer)) == []
    assert "<svg" not in flyer_html(flyer)


def test_download_my_work_holds_the_flyer(tmp_path):
    view = FlyerView(tmp_path)
    view.inputs["title"].value = "Knit <together>"
    made = view.make_files()
    assert "Knit &lt;together&gt;" in view.files.value and 'alt="Flyer picture: Knit &lt;together&gt;' in view.files.value
    archive = zipfile.ZipFile(io.BytesIO(collect_work(tmp_path).to_zip()))
    names = {f"exports/{name}" for name in made}
    assert names == {"exports/knit-together-flyer-a4.html", "exports/knit-together-flyer-letter.html",
                     "exports/knit-together-flyer.png"}
    assert names <= set(archive.namelist()) and "saved/make-a-flyer.json" in archive.namelist()
    assert "Knit &lt;together&gt;" in archive.read("exports/knit-together-flyer-a4.html").decode("utf-8")
