"""Round cards of "10-minute facilitation": Debian's Chromium prints them to PDF (A4 and US Letter),
one page per round for groups of 5, 6 and 8, each with its facilitator, the video or reading and its
link as text, the two timed parts, the five signs as tick boxes and the notes so far; hostile
names, notes and links stay escaped and on their own page; "Download my work" and the view carry
the file."""
from __future__ import annotations

import base64
import re

import pytest

from activities.download import collect_work
from activities.facilitation import CRITERIA, Practice
from activities.facilitation.export import (CARD_TEXT_LIMIT, CARDS_NAME, CSV_NAME, NOTES_LIMIT, notes_so_far,
                                           round_cards_page)
from activities.facilitation.model import MAX_NAME, OWN, clean_name
from activities.facilitation.view import FacilitationView
from activities.registry import activity_named
from activities.safe_text import checked_link, shorten
from support.hostile import HOSTILE_EXAMPLES, assert_escaped_in, assert_harmless_page
from support.printing import PAPERS, page_text, pages_and_size, print_pdf, same_size

NAMES = ["Amina", "Ben", "Carla", "Dev", "Esther", "Farid", "Gloria", "Hana"]
CARD_TAGS = {"html", "head", "meta", "title", "style", "body", "p", "main", "section", "h1", "h2", "table",
             "caption", "thead", "tbody", "tr", "th", "td", "div"}


def _practice(size: int) -> Practice:
    """A group whose first round used a suggestion, second its own link, third nothing yet."""
    practice = Practice(seed=7)
    practice.set_names(NAMES[:size])
    practice.update_round(material="citizen-science", checked=["spoke", "learned"], notes="Lively\nAsk Dev first")
    practice.go_to(1)
    practice.update_round(material=OWN, own_title="Our library's zine", own_link="https://example.org/zine",
                          checked=["no-upset"], notes="Quiet start")
    return practice


@pytest.mark.browser
@pytest.mark.parametrize("paper", list(PAPERS))
@pytest.mark.parametrize("size", [5, 6, 8])
def test_one_page_per_round_with_its_facilitator_material_timings_and_checklist(browser, tmp_path, size, paper):
    practice = _practice(size)
    info, _text, pdf = print_pdf(browser, round_cards_page(practice).encode(), tmp_path, f"rounds-{size}", paper)
    pages, page_size = pages_and_size(info)
    assert pages == size and same_size(page_size, PAPERS[paper][1])
    for index, name in enumerate(practice.rotation):
        sheet = page_text(pdf, index + 1)
        assert sheet.startswith(f"10-minute facilitation: round {index + 1} of {size} Round {index + 1}: {name} "
                                "facilitates 15 minutes"), sheet[:120]
        assert f"Minutes 0–5, facilitation (5 minutes): {name} leads the talk" in sheet
        assert "Minutes 5–15, debrief (10 minutes): the group goes through the five signs" in sheet
        assert all(label in sheet for _key, label in CRITERIA) and "Notes" in sheet
        assert sheet.count("☐") + sheet.count("☑") == len(CRITERIA)
    first, second, third = (page_text(pdf, number) for number in (1, 2, 3))
    assert "Video or reading: Citizen science (Wikipedia) Link: https://en.wikipedia.org/wiki/Citizen_science" in first
    assert first.count("☑") == 2 and "Lively Ask Dev first" in first
    assert "Video or reading: Our library's zine Link: https://example.org/zine" in second
    assert second.count("☑") == 1 and "Quiet start" in second and "Lively" not in second
    assert "What we watched or read:" in third and "Link:" not in third and third.count("☑") == 0


def _hostile_group(text: str) -> list[str]:
    """The group with ``text`` as the first name where the activity accepts it as a name."""
    try:
        name = clean_name(text[:MAX_NAME])
    except ValueError:
        return NAMES[:5]
    return [name, *(other for other in NAMES if other.casefold() != name.casefold())][:5]


@pytest.mark.browser
@pytest.mark.parametrize("text", HOSTILE_EXAMPLES)
def test_hostile_names_notes_and_links_stay_escaped_and_on_their_page(browser, tmp_path, text):
    practice = Practice(seed=3)
    practice.set_names(_hostile_group(text))
    practice.go_to(practice.rotation.index(_hostile_group(text)[0]))
    link = "https://example.org/" + "".join(text.split())[:5000]
    if checked_link(link)[1]:
        link = "https://example.org/?q=<script>alert(1)</script>"
    practice.update_round(material=OWN, own_title=text[:200], own_link=link, notes=text[:20_000])
    hostile_round = practice.current
    page_html = round_cards_page(practice)
    assert_harmless_page(page_html, CARD_TAGS)
    for paragraph in notes_so_far(text):
        assert_escaped_in(page_html, paragraph)
    assert_escaped_in(page_html, practice.rotation[hostile_round])
    assert_escaped_in(page_html, f"Link: {shorten(link, CARD_TEXT_LIMIT)}")
    info, _text, pdf = print_pdf(browser, page_html.encode(), tmp_path, "hostile", "a4")
    assert pages_and_size(info)[0] == 5
    for index in range(5):
        sheet = page_text(pdf, index + 1)
        assert f"round {index + 1} of 5" in sheet and "Everyone learned one thing" in sheet
        if index == hostile_round:
            assert "Link: https://example.org/" in sheet
        else:
            assert "example.org" not in sheet and "What we watched or read:" in sheet


def test_long_notes_are_cut_on_the_card_and_say_where_the_rest_is():
    notes = "\n".join(f"Line {n}: " + "word " * 40 for n in range(30))
    printed = notes_so_far(notes)
    assert sum(len(p) for p in printed[:-1]) <= NOTES_LIMIT and printed[0].startswith("Line 0: word")
    assert printed[-1] == f"(The notes go on: all of them are in {CSV_NAME}.)"
    assert notes_so_far("Short\n\n  note ") == ("Short", "note") and notes_so_far("") == ()


def test_download_my_work_and_the_view_carry_the_round_cards(tmp_path):
    practice = _practice(6)
    files = activity_named("ten-minute-facilitation").exports(practice.to_dict())
    cards = files[CARDS_NAME].decode("utf-8")
    assert cards == round_cards_page(practice) and cards.count('<section class="card"') == 6

    view = FacilitationView(tmp_path)
    view.names.value = "\n".join(NAMES[:5])
    view.set_names()
    view.notes.value = "<script>alert(1)</script> noted"
    view.make_files()
    links = dict(re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', view.files.value))
    from_view = base64.b64decode(links[CARDS_NAME]).decode("utf-8")
    assert from_view.count('<section class="card"') == 5 and "Download the round cards" in view.files.value
    assert_escaped_in(from_view, "<script>alert(1)</script> noted")
    saved = collect_work(tmp_path).files
    assert any(name.endswith(CARDS_NAME) for name in saved), sorted(saved)
