"""'Is it a learning circle?' files and fragments: hostile text in every field (the definition and
the notes) stays text everywhere it is shown, the CSV holds it exactly (formula-guarded), and
"Download my work" holds the activity's files."""
from __future__ import annotations

import csv
import io
import zipfile

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activities.download import collect_work
from activities.is_it_a_circle import CASES, CaseSheet
from activities.is_it_a_circle.export import CSV_NAME, HEADER, HTML_NAME, answers_csv, exports, summary_html
from activities.is_it_a_circle.render import definition_html, discussion_html, projector_html
from activities.is_it_a_circle.view import CasesView, store
from activities.registry import activity_named
from activities.safe_text import csv_uncell
from support.hostile import HOSTILE_EXAMPLES, assert_escaped_in, assert_harmless_page, hostile_text

SOME = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: Every tag the printable summary may contain: it loads and runs nothing.
ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p", "em", "section",
                "div", "ul", "li", "strong", "article", "dl", "dt", "dd"}


def csv_rows(content: bytes) -> list[list[str]]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def sheet_with(definition: str, note: str) -> CaseSheet:
    sheet = CaseSheet(definition=definition)
    sheet.answer("lecture", "no", ["collaborative"])
    sheet.set_notes("lecture", note)
    sheet.set_notes("book-club", note)
    sheet.count_vote("lecture", "depends")
    return sheet


def assert_harmless(page: str) -> None:
    assert_harmless_page(page, ALLOWED_TAGS)


@SOME
@given(definition=hostile_text, note=hostile_text)
def test_hostile_text_in_every_field_stays_text(definition, note):
    sheet = sheet_with(definition, note)
    # The widget fragments (html_text).
    shown = definition_html(definition)
    if definition.strip():
        assert_escaped_in(shown, definition.strip())
    assert "<script" not in shown.lower()
    # The printable summary (Jinja2, autoescaped through the same html_text).
    page = summary_html(sheet)
    assert_harmless(page)
    if definition.strip():
        assert_escaped_in(page, definition.strip())
    if note:
        assert_escaped_in(page, note)
    # The CSV keeps every character, formula-guarded.
    rows = csv_rows(answers_csv(sheet))
    assert rows[0] == HEADER and len(rows) == len(CASES) + 2
    notes_column = HEADER.index("Your notes")
    by_title = {row[1]: row for row in rows[1:]}
    expected_note = note.replace("\r\n", "\n").replace("\r", "\n")
    got = csv_uncell(by_title["Mostly a lecture"][notes_column]).replace("\r\n", "\n").replace("\r", "\n")
    assert got == expected_note
    assert csv_uncell(by_title["Our definition"][notes_column]).replace("\r\n", "\n").replace("\r", "\n") == \
        definition.replace("\r\n", "\n").replace("\r", "\n")
    for row in rows[1:]:
        assert row[notes_column][:1] not in ("=", "+", "-", "@"), row  # no cell a spreadsheet would run


def test_csv_rows_say_each_answer_and_the_group_counts():
    sheet = sheet_with("Free, weekly, hosted, together, with a course", "Invite the expert once")
    rows = csv_rows(answers_csv(sheet))
    lecture = next(row for row in rows if row[1] == "Mostly a lecture")
    assert lecture[:7] == ["3", "Mostly a lecture", "No", "collaborative", "No", "collaborative, facilitated",
                           "Invite the expert once"]
    assert lecture[7:] == ["0", "0", "1"]
    unanswered = next(row for row in rows if row[1] == "A one-off workshop")
    assert unanswered[2:4] == ["", ""] and unanswered[4] == "No"
    assert rows[-1][1] == "Our definition" and rows[-1][6] == "Free, weekly, hosted, together, with a course"


def test_the_summary_shows_the_definition_beside_the_attributes_and_every_case():
    sheet = sheet_with("A group that learns together for free", "")
    soup = BeautifulSoup(summary_html(sheet), "html.parser")
    definitions = soup.select_one("section.definitions")
    assert "A group that learns together for free" in definitions.get_text()
    assert [li.strong.get_text() for li in definitions.select("li")] == [
        "Free", "Recurring", "Facilitated", "Collaborative", "Structured"]
    assert len(soup.select("article.case")) == len(CASES)
    assert f"1 of {len(CASES)} cases answered" in soup.get_text()
    lecture = soup.select("article.case")[2].get_text(" ", strip=True)
    assert "Your answer No (at stake: collaborative)" in lecture and "yes 0, no 0, it depends 1" in lecture.lower()


@given(st.sampled_from([c.key for c in CASES]), st.sampled_from(HOSTILE_EXAMPLES))
@settings(max_examples=30, deadline=None)
def test_fragments_never_carry_markup_from_the_learner(key, text):
    sheet = CaseSheet(definition=text)
    sheet.answer(key, "depends", [])
    sheet.count_vote(key, "yes")
    sheet.update(current=[c.key for c in CASES].index(key))  # the projector shows this case
    for fragment in (discussion_html(sheet, key), projector_html(sheet), definition_html(text)):
        assert "<script" not in fragment.lower() and "<img" not in fragment.lower()


def test_download_my_work_holds_the_csv_and_the_summary(tmp_path):
    view = CasesView(tmp_path)
    view.verdict.value = "no"
    view.check.click()
    view.definition.value = "=HYPERLINK(\"http://evil\") <b>ours</b>"
    assert activity_named("is-it-a-learning-circle").exports is exports
    bundle = collect_work(tmp_path)
    archive = zipfile.ZipFile(io.BytesIO(bundle.to_zip()))
    names = archive.namelist()
    csv_member = next(n for n in names if n.endswith(CSV_NAME))
    html_member = next(n for n in names if n.endswith(HTML_NAME))
    rows = csv_rows(archive.read(csv_member))
    assert rows[-1][6] == "'=HYPERLINK(\"http://evil\") <b>ours</b>"
    page = archive.read(html_member).decode("utf-8")
    assert "&lt;b&gt;ours&lt;/b&gt;" in page and "<b>ours" not in page
    again, _message = store(tmp_path).load()
    assert again.answers[CASES[0].key].verdict == "no"
