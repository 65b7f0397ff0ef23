""""10-minute facilitation" through its view (the real ipywidgets, no browser): names, rounds, the
two shared timers, the checklist, the projector layout and the summary files, with hostile text."""
from __future__ import annotations

import base64
import csv
import io
import re

import pytest

from activities.facilitation.export import CSV_NAME, HTML_NAME, exports
from activities.facilitation.view import FacilitationView
from activities.timer import Timer
from support.hostile import HOSTILE_EXAMPLES, assert_escaped_in

NAMES = "Amina\nBen\nCarla\nDev\nEsther"
HOSTILE = "<script>alert(1)</script> \U0001F9F6 \u0645\u0631\u062d\u0628\u0627 =SUM(A1)"


@pytest.fixture
def view(tmp_path):
    view = FacilitationView(tmp_path)
    view.names.value = NAMES
    view.set_names()
    return view


def test_the_group_gets_a_rotation_shown_and_saved(view, tmp_path):
    assert sorted(view.model.rotation) == sorted(NAMES.split("\n"))
    assert "5 people" in view.group_message.value
    assert all(name in view.rotation.value for name in view.model.rotation)
    assert f"<strong>{view.model.rotation[0]}</strong> facilitates" in view.now.value
    assert [label for label, _ in view.round_choice.options] == [f"Round {i + 1}: {n}" for i, n in enumerate(view.model.rotation)]
    again = FacilitationView(tmp_path)
    assert again.model.rotation == view.model.rotation and again.names.value.split("\n") == view.model.rotation


def test_a_group_of_four_is_refused_with_a_message_and_the_typed_names_stay(tmp_path):
    view = FacilitationView(tmp_path)
    view.names.value = "A\nB\nC\nD"
    view.set_names()
    assert "group of 5 to 8 people; you typed 4 names" in view.group_message.value
    assert view.names.value == "A\nB\nC\nD" and view.model.rotation == []
    assert view.next_button.disabled and view.reshuffle_button.disabled
    view.notes.value = "too early"
    assert "type the group&#x27;s names first" in view.round_message.value and view.notes.value == "too early"


def test_each_round_has_the_two_shared_timers_reset_when_the_round_changes(view):
    timers = view.timers.children
    assert all(isinstance(timer, Timer) for timer in timers)
    assert [(t.label, t.duration_ms) for t in timers] == [("Facilitation: 5 minutes", 300_000),
                                                          ("Debrief: 10 minutes", 600_000)]
    view.facilitation_timer.set_state({"status": "finished", "left_ms": 0, "finished": True})
    assert "start the 10-minute debrief" in view.timer_news.value
    view.next_button.click()
    assert view.model.current == 1 and f"<strong>{view.model.rotation[1]}</strong>" in view.now.value
    assert view.facilitation_timer.status == "ready" and not view.facilitation_timer.finished


def test_hostile_text_in_every_field_stays_text_on_screen_and_in_the_files(tmp_path):
    view = FacilitationView(tmp_path)
    view.names.value = "\n".join([HOSTILE, "Ben", "Carla", "Dev", "\u202eevil\u202c"])
    view.set_names()
    view.go_to(view.model.rotation.index(HOSTILE))
    view.material.value = "own"
    view.own_title.value = HOSTILE
    view.own_link.value = "https://example.org/?q=<b>&x=\"1\""
    view.notes.value = HOSTILE
    view.checks["spoke"].value = True
    for html in (view.rotation.value, view.now.value, view.material_info.value, view.summary.value):
        assert_escaped_in(html, HOSTILE)
    assert 'href="https://example.org/?q=&lt;b&gt;&amp;x=&quot;1&quot;"' in view.material_info.value
    files = exports(view.model.to_dict())
    assert_escaped_in(files[HTML_NAME].decode("utf-8"), HOSTILE)
    rows = list(csv.reader(io.StringIO(files[CSV_NAME].decode("utf-8-sig"))))
    mine = next(row for row in rows if row[1] == HOSTILE)  # does not start with "=": stays as typed
    assert mine[2] == HOSTILE and mine[4] == "yes" and mine[-1] == HOSTILE
    view.make_files()
    assert 'download="ten-minute-facilitation.csv"' in view.files.value


@pytest.mark.parametrize("link", ["javascript:alert(1)", "data:text/html,<script>x</script>", "file:///etc/passwd"])
def test_a_link_that_is_not_http_is_refused_and_never_shown(view, link):
    view.material.value = "own"
    view.own_link.value = link
    assert "http:// or https://" in view.round_message.value
    assert view.own_link.value == link  # kept in its box, not lost
    assert link not in view.material_info.value and view.model.round().own_link == ""


def test_hostile_notes_from_the_list(view):
    for text in HOSTILE_EXAMPLES:
        view.notes.value = text
        if len(text) > 20_000:
            assert "at most 20,000 characters" in view.round_message.value
            assert view.notes.value == text
        else:
            assert view.model.round().notes == text


def test_the_csv_guards_formulas(tmp_path):
    view = FacilitationView(tmp_path)
    view.names.value = "=HYPERLINK(\"http://evil\")\n+1\n-1\n@SUM(A1)\nOk"
    view.set_names()
    rows = list(csv.reader(io.StringIO(exports(view.model.to_dict())[CSV_NAME].decode("utf-8-sig"))))
    assert all(not row[1].startswith(("=", "+", "-", "@")) for row in rows[1:])


def test_projector_layout_marks_the_activity_and_the_timers(view):
    view.projector.value = True
    assert "lc-projector" in view.widget._dom_classes
    assert view.facilitation_timer.projector and view.debrief_timer.projector
    view.projector.value = False
    assert "lc-projector" not in view.widget._dom_classes and not view.debrief_timer.projector


def test_the_summary_files_hold_every_round(view):
    view.material.value = "citizen-science"
    for box in view.checks.values():
        box.value = True
    view.notes.value = "Everyone joined in"
    view.make_files()
    links = dict(re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', view.files.value))
    page = base64.b64decode(links[HTML_NAME]).decode("utf-8")
    assert "1 of 5 rounds written down" in page and "Citizen science (Wikipedia)" in page and "5 of 5" in page
    table = base64.b64decode(links[CSV_NAME]).decode("utf-8-sig")
    assert table.splitlines()[1].startswith(f"1,{view.model.rotation[0]},Citizen science (Wikipedia),https://")


def test_download_my_work_holds_the_rounds_through_the_registry(view, tmp_path):
    from activities.download import collect_work

    view.notes.value = HOSTILE
    files = collect_work(tmp_path).files
    names = {name.rsplit("/", 1)[-1] for name in files}
    assert {"ten-minute-facilitation.json", CSV_NAME, HTML_NAME} <= names, sorted(files)
    page = next(content for name, content in files.items() if name.endswith(HTML_NAME)).decode("utf-8")
    assert_escaped_in(page, HOSTILE)
