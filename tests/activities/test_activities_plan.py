"""Plan your learning circle: guidance, schedule, agendas that add up, .ics and CSV exports, view."""
from __future__ import annotations

import base64
import csv
import io
import re
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from activities import plan_circle as pc
from activities.plan_circle import export as pc_export, render as pc_render
from activities.safe_text import csv_uncell
from activities.storage import SavedState
from support.hostile import assert_escaped_in, hostile_text


def plan(**changes) -> pc.CirclePlan:
    p = pc.CirclePlan(start_date=date(2026, 3, 2), weekday=2, start_time=time(18, 30))  # a Monday; meet Wednesdays
    p.update(**changes)
    return p


@given(st.integers(*pc.LIMITS["minutes"]), st.sampled_from(sorted(pc.SHARES)))
def test_agenda_minutes_add_up_and_coursework_is_the_majority(minutes, kind):
    parts = pc.split_minutes(minutes, pc.SHARES[kind])
    assert sum(parts) == minutes
    assert parts[1] > minutes / 2, "coursework must be most of the meeting"
    assert all(p >= 1 for p in parts)


def test_ninety_minutes_is_the_default_and_splits_evenly():
    p = plan()
    assert p.minutes == 90 and [i.minutes for i in p.meetings()[1].agenda] == [10, 55, 15, 10]
    assert [i.part for i in p.meetings()[0].agenda] == ["Check-in", "Coursework", "Group activity", "Plus/delta"]


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 52), st.integers(*pc.LIMITS["minutes"]), st.integers(0, 6))
def test_meetings_follow_each_other_weekly_and_agendas_fill_them(weeks, minutes, weekday):
    p = plan(weeks=weeks, minutes=minutes, weekday=weekday)
    meetings = p.meetings()
    assert len(meetings) == weeks
    assert meetings[0].starts.date() >= p.start_date
    assert meetings[0].starts.date() - p.start_date < timedelta(days=7)
    for previous, meeting in zip(meetings, meetings[1:]):
        assert meeting.starts - previous.starts == timedelta(weeks=1)
    for meeting in meetings:
        assert meeting.starts.weekday() == weekday and meeting.starts.time() == time(18, 30)
        assert sum(i.minutes for i in meeting.agenda) == minutes
        assert meeting.agenda[0].starts == meeting.starts and meeting.agenda[-1].ends == meeting.ends
    frame = p.schedule()
    assert list(frame["Meeting"]) == list(range(1, weeks + 1))
    assert (frame[list(pc.PARTS)].sum(axis=1) == minutes).all()


def test_first_meeting_sets_expectations_and_says_it_is_not_a_class():
    first = plan().meetings()[0].agenda[0].what
    assert "homework" in first and "not a class" in first and "hope to get" in first


@pytest.mark.parametrize("changes, expected", [
    ({"weeks": 3}, "group culture"),
    ({"weeks": 1}, "group culture"),
    ({"weeks": 9}, "time commitment"),
    ({"participants": 3}, "facilitator"),
    ({"participants": 16}, "facilitator"),
    ({"minutes": 60}, "90 minutes"),
    ({"course_link": "javascript:alert(1)"}, "http"),
    ({"time_zone": "Mars/Olympus"}, "time zone"),
])
def test_guidance_warns_with_its_reason_but_still_plans(changes, expected):
    p = plan(**changes)
    assert any(expected in g.text for g in p.guidance())
    assert len(p.meetings()) == p.weeks  # a warning, not a refusal


@pytest.mark.parametrize("changes", [{"weeks": 4}, {"weeks": 8, "participants": 15}, {"participants": 4}])
def test_no_warnings_inside_the_guidance(changes):
    assert all(g.kind == "info" for g in plan(**changes).guidance())


@pytest.mark.parametrize("changes", [{"weeks": 0}, {"weeks": 53}, {"minutes": 5}, {"participants": 0},
                                     {"weekday": 7}, {"weeks": "6"}, {"start_date": None}, {"weeks": True}])
def test_impossible_values_are_refused_and_nothing_changes(changes):
    p = plan()
    before = p.to_dict()
    with pytest.raises(ValueError):
        p.update(**changes)
    assert p.to_dict() == before


def _events(ics: bytes):
    calendar = Calendar.from_ical(ics)
    return [c for c in calendar.walk() if c.name == "VEVENT"]


@settings(max_examples=40, deadline=None)
@given(topic=hostile_text, weeks=st.integers(1, 12), minutes=st.integers(20, 300))
def test_ics_parses_back_with_one_event_per_meeting(topic, weeks, minutes):
    p = plan(topic=topic, weeks=weeks, minutes=minutes, course_link="https://example.org/c?a=1,b;c")
    events = _events(pc_export.to_ics(p))
    assert len(events) == weeks
    assert len({str(e["uid"]) for e in events}) == weeks
    for event, meeting in zip(events, p.meetings()):
        assert event.decoded("dtstart") == meeting.starts and event.decoded("dtend") == meeting.ends
        assert str(event["summary"]) == pc_export.ics_text(f"{p.title()} (meeting {meeting.number} of {weeks})")
        assert str(event["description"]) == pc_export.ics_text(pc_export.agenda_text(p, meeting, "https://example.org/c?a=1,b;c"))
        assert str(event["url"]) == "https://example.org/c?a=1,b;c"


def test_ics_with_a_time_zone_has_the_zone_and_right_instants():
    p = plan(time_zone="Africa/Nairobi", weeks=2)
    ics = pc_export.to_ics(p)
    assert b"BEGIN:VTIMEZONE" in ics and b"TZID:Africa/Nairobi" in ics
    start = _events(ics)[0].decoded("dtstart")
    assert start.utcoffset() == timedelta(hours=3) and start.replace(tzinfo=None) == p.meetings()[0].starts


def test_ics_is_stable_for_reimport():
    p = plan()
    first, second = _events(pc_export.to_ics(p)), _events(pc_export.to_ics(p))
    assert [str(e["uid"]) for e in first] == [str(e["uid"]) for e in second]
    restored = pc.CirclePlan.from_dict(p.to_dict())
    assert [str(e["uid"]) for e in _events(pc_export.to_ics(restored))] == [str(e["uid"]) for e in first]


@settings(max_examples=40, deadline=None)
@given(hostile_text)
def test_csv_round_trip_keeps_the_topic_and_stops_formulas(topic):
    p = plan(topic=topic, weeks=3)
    rows = list(csv.reader(io.StringIO(pc_export.schedule_csv(p).decode("utf-8-sig"), newline="")))
    header, body = rows[0], rows[1:]
    assert header[:6] == ["Meeting", "Date", "Day", "Start", "End", "Minutes"] and len(body) == 3
    topic_column = header.index("Topic")
    for row in body:
        assert csv_uncell(row[topic_column]) == topic
        assert all(not cell or cell[0] not in "=+-@\t\r" for cell in row)
    assert [int(r[header.index("Coursework")]) for r in body] == [i.agenda[1].minutes for i in p.meetings()]


@settings(max_examples=40, deadline=None)
@given(topic=hostile_text, link=hostile_text)
def test_learner_text_is_escaped_wherever_it_is_shown(topic, link):
    p = plan(topic=topic, course_link=link)
    page = pc_render.heading_html(p) + pc_render.agenda_html(p)
    assert_escaped_in(page, p.title())
    if link.strip():
        assert_escaped_in(page, link)
    assert "javascript:" not in re.sub(r"<code>.*?</code>", "", page, flags=re.S).lower().replace("&", "")


def test_only_web_links_become_links():
    assert '<a href="https://example.org/x?a=1&amp;b=2"' in pc_render.heading_html(plan(course_link="https://example.org/x?a=1&b=2"))
    bad = pc_render.heading_html(plan(course_link="javascript:alert(1)"))
    assert "<a " not in bad and "javascript:alert(1)" in bad


def test_view_saves_changes_and_restores_them(tmp_path):
    view = pc.PlanView(folder=tmp_path)
    view.inputs["topic"].value = "Python <3 for librarians"
    view.inputs["weeks"].value = 3
    view.inputs["minutes"].value = 75
    view.inputs["weekday"].value = 4
    view.inputs["start_time"].value = time(9, 15)
    assert "group culture" in view.guidance.value
    assert "Python &lt;3 for librarians" in view.schedule_title.value
    assert view.schedule.value.count("<tr") == 4  # header + 3 meetings
    reopened = pc.PlanView(folder=tmp_path)
    assert (reopened.plan.topic, reopened.plan.weeks, reopened.plan.minutes, reopened.plan.weekday,
            reopened.plan.start_time) == ("Python <3 for librarians", 3, 75, 4, time(9, 15))
    assert reopened.inputs["weeks"].value == 3


def test_view_keeps_the_plan_when_a_date_is_cleared(tmp_path):
    view = pc.PlanView(folder=tmp_path)
    before = view.plan.start_date
    view.inputs["start_date"].value = None
    assert view.plan.start_date == before and "fill in the date" in view.input_problem.value


def test_view_files_are_valid_downloads(tmp_path):
    view = pc.PlanView(folder=tmp_path)
    view.inputs["topic"].value = "Café / Ünïcode: <b>"
    view.files_button.click()
    links = dict(re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', view.files.value))
    assert set(links) == {"cafe-unicode-b-meetings.ics", "cafe-unicode-b-schedule.csv"}
    assert len(_events(base64.b64decode(links["cafe-unicode-b-meetings.ics"]))) == view.plan.weeks
    view.inputs["weeks"].value = 7
    assert view.files.value == "", "files that no longer match the plan must disappear"


def test_corrupt_plan_shows_a_message_and_starts_clean(tmp_path):
    SavedState(pc.ACTIVITY, pc.SCHEMA_VERSION, folder=tmp_path).save({"weeks": "many"})
    view = pc.PlanView(folder=tmp_path)
    assert "could not be used" in view.widget.children[1].value
    assert view.plan.weeks == 6 and list(tmp_path.glob("plan-your-circle.unreadable-*.json"))


def test_every_input_is_labelled(tmp_path):
    view = pc.PlanView(folder=tmp_path)
    assert all(control.description for control in view.inputs.values())
