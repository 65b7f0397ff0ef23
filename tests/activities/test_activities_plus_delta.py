"""Plus/Delta: entries per week, summary and chart, CSV export/import with hostile text, view."""
from __future__ import annotations

import base64
import csv
import io
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from activities import plus_delta as pd_
from activities.plus_delta import export as pd_export, render as pd_render
from activities.storage import SavedState
from support.hostile import HOSTILE_EXAMPLES, assert_escaped_in, hostile_text

SVG = "{http://www.w3.org/2000/svg}"
entries = st.lists(st.tuples(st.integers(1, 52), hostile_text, hostile_text, hostile_text), max_size=8)


def _model(rows) -> pd_.PlusDelta:
    model = pd_.PlusDelta()
    for week, name, plus, delta in rows:
        try:
            model.add(plus, delta, name, week=week)
        except ValueError:
            assert not plus.strip() and not delta.strip()
    return model


@settings(max_examples=60, deadline=None)
@given(entries)
def test_csv_round_trip_loses_nothing(rows):
    model = _model(rows)
    restored = pd_.PlusDelta()
    report = restored.import_csv(pd_export.entries_csv(model))
    assert report.problems == [] and report.added == len(model.entries) and report.duplicates == 0
    assert restored.entries == sorted(model.entries, key=lambda e: e.week)  # nothing lost, same order per week
    # importing the same file again adds nothing
    again = restored.import_csv(pd_export.entries_csv(model))
    assert again.added == 0 and again.duplicates == len(model.entries)
    assert len(restored.entries) == len(model.entries)


def test_identical_entries_from_two_people_are_both_kept():
    model = pd_.PlusDelta()
    model.add("Good", "")
    model.add("Good", "")
    restored = pd_.PlusDelta()
    assert restored.import_csv(pd_export.entries_csv(model)).added == 2
    assert restored.entries == model.entries
    partly = pd_.PlusDelta(entries=[pd_.Entry(1, "", "Good", "")])
    report = partly.import_csv(pd_export.entries_csv(model))
    assert (report.added, report.duplicates, len(partly.entries)) == (1, 1, 2)


@settings(max_examples=60, deadline=None)
@given(entries)
def test_exported_cells_never_start_a_formula(rows):
    content = pd_export.entries_csv(_model(rows))
    assert content.startswith(b"\xef\xbb\xbf")  # spreadsheets detect UTF-8
    parsed = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    assert parsed[0] == pd_.CSV_COLUMNS
    for row in parsed[1:]:
        assert all(not cell or cell[0] not in "=+-@\t\r" for cell in row)


def test_formula_cells_get_a_quote():
    model = pd_.PlusDelta()
    model.add("=HYPERLINK(\"http://evil\")", "@SUM(A1)", "+Ann")
    row = list(csv.reader(io.StringIO(pd_export.entries_csv(model).decode("utf-8-sig"), newline="")))[1]
    assert row == ["1", "'+Ann", "'=HYPERLINK(\"http://evil\")", "'@SUM(A1)"]


@settings(max_examples=40, deadline=None)
@given(entries)
def test_learner_text_is_escaped_in_every_view(rows):
    model = _model(rows)
    for week in model.weeks():
        page = pd_render.week_html(model, week)
        for entry in model.for_week(week):
            for text in (entry.plus, entry.delta, entry.shown_name()):
                assert_escaped_in(page, text)


def test_import_reports_bad_rows_and_keeps_the_good_ones():
    model = pd_.PlusDelta()
    model.add("kept", "", week=1)
    content = ("Week,Plus,Delta,Name,Mood\n"
               "2,Good pace,More breaks,Ann,happy\n"
               "two,x,y,z,w\n"
               "99,x,y,z,w\n"
               "3,,  ,Bo,meh\n"
               "4,only three,cells\n"
               "\n"
               "5,\"multi\nline\",'=1+1,,ok\n").encode()
    report = model.import_csv(content)
    assert report.added == 2
    assert model.entries[0].plus == "kept"
    assert pd_.Entry(2, "Ann", "Good pace", "More breaks") in model.entries
    assert pd_.Entry(5, "", "multi\nline", "=1+1") in model.entries
    assert report.ignored_columns == ["'Mood'"]
    text = " | ".join(report.problems)
    assert "Row 3: the week 'two'" in text
    assert "Row 4: the week must be a whole number from 1 to 52" in text
    assert "Row 5: write a plus, a delta, or both" in text
    assert "Row 6 has 3 cells" in text


@pytest.mark.parametrize("content, expected", [
    (b"", "empty"),
    (b"name,plus\nA,b\n", "missing: delta, week"),
    (b"\xff\xfe\x00w\x00", "not UTF-8"),
    (b"week,plus,delta,plus\n1,a,b,c\n", "appear twice"),
    (b"x" * (pd_.MAX_IMPORT_BYTES + 1), "larger than"),
])
def test_unusable_files_import_nothing_and_say_why(content, expected):
    model = pd_.PlusDelta()
    model.add("before", "")
    report = model.import_csv(content)
    assert report.added == 0 and len(model.entries) == 1
    assert any(expected in p for p in report.problems), report.problems


def test_summary_and_chart_across_weeks():
    model = pd_.PlusDelta()
    model.add("a", "b", "Ann", week=1)
    model.add("c", "", "", week=1)
    model.add("d", "e", "", week=3)
    frame = model.summary()
    assert frame.to_dict("list") == {"Week": [1, 3], "Entries": [2, 1], "Pluses": [2, 1],
                                     "Deltas": [1, 1], "With a name": [1, 0]}
    svg = ET.fromstring(pd_render.chart_svg(model))
    bars = {(b.get("data-category"), b.get("data-series")): int(b.get("data-value"))
            for b in svg.iter(f"{SVG}rect") if b.get("data-value")}
    assert bars == {("Week 1", "Pluses"): 2, ("Week 1", "Deltas"): 1, ("Week 3", "Pluses"): 1, ("Week 3", "Deltas"): 1}
    html = pd_render.chart_html(model)
    assert 'aria-label="Bar chart of the pluses and deltas given each week. week 1: 2 pluses and 1 delta; ' \
           'week 3: 1 plus and 1 delta."' in html
    assert 'role="img"' in html and "<figcaption>" in html
    assert pd_render.chart_svg(pd_.PlusDelta()) is None and "No entries yet" in pd_render.chart_html(pd_.PlusDelta())


@pytest.mark.parametrize("text", HOSTILE_EXAMPLES)
def test_saved_work_round_trip_keeps_every_character(tmp_path, text):
    model = pd_.PlusDelta()
    if text.strip():
        model.add(text, text, text, week=7)
    model.set_week(7)
    pd_.store(tmp_path).save(model)
    restored, message = pd_.store(tmp_path).load()
    assert message is None and restored == model


@pytest.mark.parametrize("week", [0, 53, "1", True, 2.0])
def test_bad_weeks_are_refused(week):
    with pytest.raises(ValueError):
        pd_.PlusDelta().add("a", "b", week=week)


def test_view_adds_entries_per_week_and_restores_them(tmp_path):
    view = pd_.PlusDeltaView(folder=tmp_path)
    view.name.value = "<b>Ann</b>"
    view.plus.value = "We laughed a lot 😀"
    view.delta.value = "Start on time"
    view.add_button.click()
    assert view.plus.value == "" and "Added to week 1" in view.form_message.value
    assert "&lt;b&gt;Ann&lt;/b&gt;" in view.week_entries.value
    view.add_button.click()  # empty form
    assert "Not added" in view.form_message.value and len(view.model.entries) == 1
    view.week.value = 2
    assert "No entries for week 2" in view.week_entries.value
    view.plus.value = "Week two plus"
    view.add_button.click()
    assert '<svg' in view.chart.value and 'aria-label="Bar chart' in view.chart.value
    assert 'data-category="Week 2" data-value="1"' in view.chart.value

    reopened = pd_.PlusDeltaView(folder=tmp_path)
    assert reopened.week.value == 2 and len(reopened.model.entries) == 2
    reopened.week.value = 1
    assert "We laughed a lot 😀" in reopened.week_entries.value
    assert reopened.remove_choice.index == 0 and reopened.remove_choice.label == "(choose an entry)"
    reopened.remove_button.click()  # nothing chosen: nothing removed
    assert len(reopened.model.entries) == 2
    reopened.remove_choice.value = 0
    reopened.remove_button.click()
    assert len(pd_.PlusDeltaView(folder=tmp_path).model.entries) == 1


def test_view_csv_out_and_in(tmp_path):
    view = pd_.PlusDeltaView(folder=tmp_path)
    view.plus.value, view.delta.value = "=1+1", "<script>alert(1)</script>"
    view.add_button.click()
    view.csv_button.click()
    encoded = re.search(r'download="plus-delta.csv" href="data:text/csv;base64,([^"]+)"', view.csv_link.value).group(1)
    content = base64.b64decode(encoded)

    other = pd_.PlusDeltaView(folder=tmp_path / "other")
    other.upload.value = ({"name": "plus-delta.csv", "type": "text/csv", "size": len(content),
                           "content": memoryview(content),
                           "last_modified": datetime.now(timezone.utc)},)
    assert other.model.entries == view.model.entries
    assert "1 entry imported" in other.import_report.value
    assert other.upload.value == ()
    assert "&lt;script&gt;" in other.week_entries.value and "<script>" not in other.week_entries.value
    bad = other.import_bytes(b"week,plus,delta\nsoon,<img src=x onerror=alert(1)>,x\n")
    assert bad.added == 0 and "<img src=x" not in other.import_report.value
    assert "&lt;img src=x" not in other.import_report.value  # only the week is quoted back
    assert "Row 2: the week &#x27;soon&#x27;" in other.import_report.value


def test_corrupt_saved_entries_show_a_message_and_start_clean(tmp_path):
    SavedState(pd_.ACTIVITY, pd_.SCHEMA_VERSION, folder=tmp_path).save(
        {"entries": [{"week": 0, "name": "", "plus": "x", "delta": ""}]})
    view = pd_.PlusDeltaView(folder=tmp_path)
    assert "could not be used" in view.widget.children[1].value and view.model.entries == []
    assert list(tmp_path.glob("plus-delta.unreadable-*.json"))


def test_controls_are_labelled(tmp_path):
    view = pd_.PlusDeltaView(folder=tmp_path)
    for control in (view.week, view.name, view.plus, view.delta, view.remove_choice):
        assert control.description
    for button in (view.add_button, view.remove_button, view.csv_button, view.upload):
        assert button.description
