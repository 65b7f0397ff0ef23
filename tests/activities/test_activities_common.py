"""Shared pieces of the activities: escaping, CSV cell guards, links, file names, "Download my work"."""
from __future__ import annotations

import base64
import io
import re
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from activities import which_network as wn
from activities.download import DownloadMyWork, collect_work
from activities.safe_text import checked_link, csv_cell, csv_uncell, html_text, link_html, safe_filename
from activities.storage import SavedState
from support.hostile import hostile_text


@given(hostile_text)
def test_csv_guard_round_trips_and_never_starts_a_formula(text):
    guarded = csv_cell(text)
    assert csv_uncell(guarded) == text
    assert not guarded or guarded[0] not in "=+-@\t\r"


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1", "'=1", "''+1"])
def test_csv_guard_prefixes_formula_cells(text):
    assert csv_cell(text) == "'" + text


@given(hostile_text)
def test_html_text_leaves_no_markup(text):
    escaped = html_text(text)
    assert "<" not in escaped and ">" not in escaped and '"' not in escaped and "'" not in escaped


@given(hostile_text)
def test_safe_filename(text):
    name = safe_filename(text, "plan", ".ics")
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]{0,59}\.ics|plan\.ics", name), name


@pytest.mark.parametrize("url", ["https://learningcircles.p2pu.org/en/course/1/", "http://example.org/a?b=<c>&d"])
def test_good_links(url):
    assert checked_link(url) == (url, None)
    assert 'href="' + html_text(url) + '"' in link_html(url)
    assert 'rel="noopener noreferrer"' in link_html(url)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>",
                                 "ftp://x.org", "https://", "http://exa mple.org", "www.example.org",
                                 "https://x.org/\x00", "vbscript:x"])
def test_bad_links_are_refused_with_a_reason(url):
    checked, reason = checked_link(url)
    assert checked is None and reason


@given(hostile_text)
def test_any_text_is_either_a_web_link_or_refused(text):
    checked, reason = checked_link(text)
    if checked is not None:
        assert checked.lower().startswith(("http://", "https://"))
    else:
        assert reason or not text.strip()


def test_download_zip_has_saved_work_exports_and_kept_aside_copies(tmp_path):
    wn.store(tmp_path).save(wn.WhichNetwork.new())
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "slide.png").write_bytes(b"\x89PNG fake")
    SavedState("broken", 1, folder=tmp_path).path.write_text("{oops")
    SavedState("broken", 1, folder=tmp_path).load()  # moves it aside
    archive = zipfile.ZipFile(io.BytesIO(collect_work(tmp_path).to_zip()))
    names = set(archive.namelist())
    assert "saved/which-network.json" in names
    assert "exports/which-network.txt" in names
    assert "exports/slide.png" in names and archive.read("exports/slide.png") == b"\x89PNG fake"
    kept = [n for n in names if n.startswith("saved/kept-aside/broken.unreadable-")]
    assert len(kept) == 1 and archive.read(kept[0]) == b"{oops"
    assert "README.txt" in names
    assert archive.read("saved/which-network.json") == (tmp_path / "which-network.json").read_bytes()


def test_download_survives_an_export_that_fails(tmp_path):
    (tmp_path / "which-network.json").write_text('{"schema_version": 1, "data": {"order": 1}}')
    bundle = collect_work(tmp_path)
    assert "saved/which-network.json" in bundle.files
    assert any("which-network" in note for note in bundle.notes)


def test_download_view_offers_a_data_link_with_a_safe_name(tmp_path):
    wn.store(tmp_path).save(wn.WhichNetwork.new())
    view = DownloadMyWork(folder=tmp_path)
    assert view.link.value == ""
    view.button.click()
    match = re.search(r'download="(learning-circles-my-work-[0-9-]+\.zip)" href="data:application/zip;base64,([^"]+)"',
                      view.link.value)
    assert match, view.link.value
    archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(match.group(2))))
    assert "saved/which-network.json" in archive.namelist()


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(["a.json", "b b.json", "../x.json", "é.json", "x.unreadable-1.json"]), unique=True))
def test_zip_member_names_stay_inside_the_archive(names):
    import tempfile
    from pathlib import Path
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            target = Path(folder) / Path(name).name
            target.write_text("{}")
        for member in collect_work(Path(folder)).files:
            assert not member.startswith("/") and ".." not in member.split("/")


def test_download_holds_every_activity_and_its_exports(tmp_path):
    from icalendar import Calendar

    from activities import check_in, plan_circle, plus_delta

    wn.store(tmp_path).load()
    plan, _ = plan_circle.store(tmp_path).load()
    plan.update(topic="Knitting <3", weeks=5)
    plan_circle.store(tmp_path).save(plan)
    feedback, _ = plus_delta.store(tmp_path).load()
    feedback.add("=good", "more tea", "Ann")
    plus_delta.store(tmp_path).save(feedback)
    meeting, _ = check_in.store(tmp_path).load()
    meeting.add_goal("<script>learn</script>")
    check_in.store(tmp_path).save(meeting)

    archive = zipfile.ZipFile(io.BytesIO(collect_work(tmp_path).to_zip()))
    names = set(archive.namelist())
    assert {"saved/which-network.json", "saved/plan-your-circle.json", "saved/plus-delta.json",
            "saved/first-meeting-check-in.json", "exports/which-network.txt",
            "exports/knitting-3-meetings.ics", "exports/knitting-3-schedule.csv", "exports/plus-delta.csv",
            "exports/first-meeting-check-in.html"} <= names
    events = [c for c in Calendar.from_ical(archive.read("exports/knitting-3-meetings.ics")).walk()
              if c.name == "VEVENT"]
    assert len(events) == 5
    assert "'=good" in archive.read("exports/plus-delta.csv").decode("utf-8-sig")
    assert "&lt;script&gt;learn" in archive.read("exports/first-meeting-check-in.html").decode()
