"""'When it gets hard' files and fragments: hostile text in what the group tried stays text in the
card view, the printable page and the CSV (kept exactly, formula-guarded); the page lists only the
situations practised, with the moves and the tasks they name; "Download my work" holds both files."""
from __future__ import annotations

import csv
import io
import zipfile

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activities.download import collect_work
from activities.hard_cards import CARDS, TASK_LABELS, HardCards
from activities.hard_cards.cards import BY_KEY
from activities.hard_cards.export import CSV_NAME, HEADER, HTML_NAME, exports, practised_csv, practised_html
from activities.hard_cards.render import card_html, moves_html
from activities.hard_cards.view import HardCardsView
from activities.registry import activity_named
from activities.safe_text import csv_uncell
from support.hostile import assert_escaped_in, assert_harmless_page, hostile_text

SOME = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: Every tag the printable page may contain: it loads and runs nothing.
ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p", "em",
                "ul", "li", "article"}


def csv_rows(content: bytes) -> list[list[str]]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def same_lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def assert_harmless(page: str) -> None:
    assert_harmless_page(page, ALLOWED_TAGS)


@SOME
@given(tried=hostile_text.filter(lambda text: text.strip()), draft=hostile_text,
       key=st.sampled_from([card.key for card in CARDS]))
def test_hostile_text_in_every_field_stays_text(tried, draft, key):
    cards = HardCards(seed=5)
    cards.choose(key)
    cards.record(key, tried)
    cards.set_draft("upset" if key != "upset" else "two-clash", draft)
    # The widget fragment (html_text).
    shown = moves_html(cards)
    assert_escaped_in(shown, tried)
    # The printable page (Jinja2, autoescaped through the same html_text).
    page = practised_html(cards)
    assert_harmless(page)
    assert_escaped_in(page, tried)
    # The CSV keeps every character, formula-guarded.
    rows = csv_rows(practised_csv(cards))
    assert rows[0] == HEADER and len(rows) == 2
    tried_column = HEADER.index("What we tried")
    assert same_lines(csv_uncell(rows[1][tried_column])) == same_lines(tried)
    assert rows[1][tried_column][:1] not in ("=", "+", "-", "@")
    # The saved data gives back the same files.
    assert exports(cards.to_dict()) == {CSV_NAME: practised_csv(cards), HTML_NAME: page.encode("utf-8")}


def test_the_card_shows_the_situation_and_prompts_and_hides_the_moves():
    card = BY_KEY["half-the-group"]
    soup = BeautifulSoup(card_html(card), "html.parser")
    assert soup.select_one(".lc-hard-title").get_text() == card.title
    assert [li.get_text() for li in soup.select(".lc-hard-prompts li")] == list(card.prompts)
    assert "Situation 4 of 7" in soup.get_text()
    assert all(move.text not in soup.get_text() for move in card.moves)
    cards = HardCards(seed=1)
    cards.choose(card.key)
    assert "Suggested moves" not in moves_html(cards) and "record what the group" in moves_html(cards)


def test_the_moves_name_their_facilitation_tasks():
    cards = HardCards(seed=1)
    cards.choose("two-clash")
    cards.reveal("two-clash")
    soup = BeautifulSoup(moves_html(cards), "html.parser")
    items = soup.select(".lc-hard-moves li")
    assert len(items) == len(BY_KEY["two-clash"].moves)
    first = [tag.get_text() for tag in items[0].select(".lc-hard-task")]
    assert first == [TASK_LABELS["mediate"], TASK_LABELS["listen"]]
    assert "mediate conflict" in soup.select_one(".lc-hard-moves strong").get_text()


def test_the_printable_page_lists_the_situations_practised_in_order():
    cards = HardCards(seed=1)
    assert "No situation practised yet" in practised_html(cards)
    assert csv_rows(practised_csv(cards)) == [HEADER]
    cards.record("upset", "Gave the group a task, then listened")
    cards.record("mixed-levels", "Paired people up")
    cards.reveal("two-clash")  # seen, not practised: not on the page
    soup = BeautifulSoup(practised_html(cards), "html.parser")
    titles = [h2.get_text() for h2 in soup.select("article h2")]
    assert titles == ["1. A learner is upset", "2. Mixed levels in one group"]
    upset = soup.select("article")[0].get_text(" ", strip=True)
    assert "Gave the group a task, then listened" in upset and "(Listen, Keep the group on task)" in upset
    rows = csv_rows(practised_csv(cards))
    assert [row[0] for row in rows[1:]] == ["A learner is upset", "Mixed levels in one group"]
    # The tasks column: every task the moves use, in the order the course teaches them.
    assert rows[2][4] == "listen, clarify, keep the group on task, draw out views, summarise"


def test_download_my_work_holds_the_csv_and_the_printable_page(tmp_path):
    view = HardCardsView(tmp_path)
    view.choose.value = "unprepared"
    view.tried.value = "=HYPERLINK(\"http://evil\") <b>ours</b>"
    view.record()
    assert activity_named("when-it-gets-hard").exports is exports
    archive = zipfile.ZipFile(io.BytesIO(collect_work(tmp_path).to_zip()))
    names = archive.namelist()
    rows = csv_rows(archive.read(next(n for n in names if n.endswith(CSV_NAME))))
    assert rows[1][2] == "'=HYPERLINK(\"http://evil\") <b>ours</b>"
    page = archive.read(next(n for n in names if n.endswith(HTML_NAME))).decode("utf-8")
    assert "&lt;b&gt;ours&lt;/b&gt;" in page and "<b>ours" not in page
