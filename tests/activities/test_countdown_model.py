"""'Get ready' model: the checklist for starts 8 weeks, 6 weeks, 10 days away and in the past,
reminders, ticks saved, the plan read across kernel restarts, bad saved data, the .ics parsed
back with icalendar."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from icalendar import Calendar

from activities.countdown import Countdown, Schedule, checklist, read_plan
from activities.countdown.export import CARDS_NAME, ICS_NAME, PAGE_NAME, checklist_ics, checklist_page, exports, files
from activities.countdown.steps import STEPS
from activities.countdown.view import CountdownView
from activities.registry import ACTIVITIES, activity_named
from support.hostile import hostile_text
from support.paths import ROOT

TODAY = date(2027, 1, 4)  # a Monday
PREP = [step.id for step in STEPS if step.days_before_first is not None]


def dues(first: date, weeks: int = 6) -> dict[str, tuple[date, str]]:
    return {item.id: (item.due, item.late) for item in checklist(Schedule(first, weeks, time(18)), TODAY).items}


def test_eight_weeks_away_every_step_on_its_usual_date():
    first = TODAY + timedelta(weeks=8)
    result = checklist(Schedule(first, 6, time(18)), TODAY)
    assert result.notes == ()
    due = {item.id: item for item in result.items}
    assert due["partners"].due == first - timedelta(weeks=6) and due["flyer"].due == first - timedelta(weeks=4)
    assert due["confirm-learners"].due == first - timedelta(weeks=2) and due["circle"].due == first
    assert all(item.late == "" and item.due > TODAY for item in result.items)
    last = first + timedelta(weeks=5)
    assert due["survey"].due == last + timedelta(days=1) and due["report"].due == last + timedelta(days=7)
    assert [item.due for item in result.items] == sorted(item.due for item in result.items)


def test_six_weeks_away_the_first_steps_are_due_today_and_not_late():
    first = TODAY + timedelta(weeks=6)
    found = dues(first)
    assert found["partners"] == (TODAY, "") and found["space"] == (TODAY, "")
    assert checklist(Schedule(first, 6, time(18)), TODAY).notes == ()


def test_ten_days_away_missed_steps_fold_into_the_days_left_and_nothing_is_in_the_past():
    first = TODAY + timedelta(days=10)
    result = checklist(Schedule(first, 6, time(18)), TODAY)
    (kind, text), = result.notes
    assert kind == "warning" and "10 days away" in text and "fewer than the six weeks" in text
    found = {item.id: item for item in result.items}
    assert all(TODAY <= item.due for item in result.items)
    assert all(found[i].due <= first for i in PREP)
    for step in ("partners", "course", "space", "time", "supplies"):
        assert (found[step].due, found[step].late) == (TODAY, "overdue")
    assert found["flyer"].late == "moved" and TODAY < found["flyer"].due < found["confirm-learners"].due + timedelta(days=1)
    assert found["welcome"].late == "" and found["welcome"].due == first - timedelta(days=4)
    assert found["confirm-venue"].due <= found["welcome"].due  # folding keeps the order of the steps
    order = [item.id for item in result.items]
    assert order.index("partners") < order.index("flyer") < order.index("confirm-learners") < order.index("circle")


def test_a_start_in_the_past_says_so_and_lists_nothing():
    result = checklist(Schedule(TODAY - timedelta(days=1), 6, time(18)), TODAY)
    assert result.items == ()
    (kind, text), = result.notes
    assert kind == "error" and "in the past" in text and "Sunday 3 January 2027" in text


def test_reminders_go_out_two_days_before_each_meeting_with_a_text_message_note():
    first = TODAY + timedelta(weeks=8)
    items = [item for item in checklist(Schedule(first, 4, time(18, 30)), TODAY).items if item.id.startswith("reminder-")]
    assert [item.id for item in items] == ["reminder-1", "reminder-2", "reminder-3", "reminder-4"]
    for number, item in enumerate(items):
        meeting = first + timedelta(weeks=number)
        assert item.due == meeting - timedelta(days=2)
        assert item.reminder_for == datetime.combine(meeting, time(18, 30))
        assert "text message" in item.text
    # The first meeting tomorrow: its reminder is overdue today, the next one on time.
    soon = dues(TODAY + timedelta(days=1), 2)
    assert soon["reminder-1"] == (TODAY, "overdue") and soon["reminder-2"] == (TODAY + timedelta(days=6), "")


def test_ticks_are_saved_and_survive_a_change_of_date(tmp_path):
    view = CountdownView(tmp_path, today=TODAY)
    view.source.value = "typed"
    view.first.value = TODAY + timedelta(weeks=8)
    box = next(b for b in view.items.children if "Book the room" in b.description)
    box.value = True
    view.first.value = TODAY + timedelta(days=10)
    again = CountdownView(tmp_path, today=TODAY)
    assert again.model.done == ["space"] and again.model.typed_first == (TODAY + timedelta(days=10)).isoformat()
    ticked = [b for b in again.items.children if b.value]
    assert len(ticked) == 1 and "Overdue, do it now: Book the room" in ticked[0].description
    ticked[0].value = False
    assert CountdownView(tmp_path, today=TODAY).model.done == []


@settings(max_examples=60, deadline=None)
@given(text=hostile_text)
def test_hostile_text_in_the_typed_fields_is_refused_and_changes_nothing(text):
    countdown = Countdown(source="typed", typed_first="2027-03-01")
    for name in ("typed_first", "typed_time", "source"):
        if name == "typed_first" and (text == "" or (len(text) == 10 and text[4:5] == "-")):
            continue
        try:
            countdown.update(**{name: text})
        except ValueError:
            pass
        else:
            assert name == "typed_time" and time.fromisoformat(text)
            countdown.update(typed_time="18:00")
    assert countdown.typed_first == "2027-03-01" and countdown.source == "typed" and countdown.typed_time == "18:00"


@pytest.mark.parametrize("data", [
    {"source": "calendar"}, {"typed_first": "3 March"}, {"typed_weeks": 0}, {"typed_weeks": True},
    {"typed_time": "25:00"}, {"done": "partners"}, {"uid_seed": "a b"},
])
def test_saved_data_the_model_cannot_use_is_refused(data):
    with pytest.raises((ValueError, TypeError)):
        Countdown.from_dict(data)


def test_corrupt_saved_work_is_kept_as_backup_and_the_checklist_starts_clean(tmp_path):
    (tmp_path / "get-ready.json").write_text('{"schema": 1, "data": {"typed_weeks": "six"}}', encoding="utf-8")
    view = CountdownView(tmp_path, today=TODAY)
    assert view.model.typed_weeks == 6 and list(tmp_path.glob("get-ready.unreadable-*.json"))
    assert "clean slate" in view.widget.children[1].value


def test_ics_parses_back_as_to_dos_with_due_dates_status_and_reminder_alarms():
    countdown = Countdown(source="typed", typed_first=(TODAY + timedelta(days=10)).isoformat(), typed_weeks=3,
                          done=["course"])
    items = checklist(countdown.schedule(), TODAY)
    calendar = Calendar.from_ical(checklist_ics(countdown, items))
    todos = calendar.walk("VTODO")
    assert len(todos) == len(items.items) == len(PREP) + 4 + 3
    by_uid = {str(todo["UID"]): todo for todo in todos}
    assert len(by_uid) == len(todos)
    course = by_uid[f"{countdown.uid_seed}-course@learning-circles-course"]
    assert course["STATUS"] == "COMPLETED" and course.decoded("DTSTART") == TODAY
    assert course.decoded("DUE") == TODAY + timedelta(days=1) and int(course["PRIORITY"]) == 1
    partners = by_uid[f"{countdown.uid_seed}-partners@learning-circles-course"]
    assert partners["STATUS"] == "NEEDS-ACTION"
    reminder = by_uid[f"{countdown.uid_seed}-reminder-2@learning-circles-course"]
    meeting = TODAY + timedelta(days=10 + 7)
    assert reminder.decoded("DTSTART") == meeting - timedelta(days=2)
    (alarm,) = reminder.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY" and alarm.decoded("TRIGGER") == timedelta(hours=9)
    assert meeting.strftime("%d %B %Y") in str(reminder["DESCRIPTION"])


def test_printable_page_lists_every_step_with_its_date_and_marks_ticks():
    countdown = Countdown(source="typed", typed_first=(TODAY + timedelta(days=10)).isoformat(), done=["space"])
    page = checklist_page(countdown, checklist(countdown.schedule(), TODAY))
    assert "<title>Get ready: my learning circle checklist</title>" in page and "@page" in page
    assert "Mon 4 Jan 2027" in page and page.count("Overdue, do it now:") == 5 and page.count("\u2611") == 1
    assert "10 days away" in page and "<script" not in page


def test_download_my_work_exports_and_registry():
    data = Countdown(source="typed", typed_first=(date.today() + timedelta(weeks=7)).isoformat()).to_dict()
    assert set(exports(data)) == {ICS_NAME, PAGE_NAME, CARDS_NAME}
    assert exports(Countdown().to_dict()) == {}
    past = Countdown(source="typed", typed_first="2020-01-01")
    assert files(past) == {}
    names = [a.name for a in ACTIVITIES]
    assert names.index("get-ready") == names.index("ask-your-community") + 1
    assert activity_named("get-ready").title == "Activity: Get ready"
    notebook = json.loads((ROOT / "notebooks" / "get-ready.ipynb").read_text(encoding="utf-8"))
    assert "".join(notebook["cells"][0]["source"]).startswith("# Activity: Get ready\n")


PLANNER_SAVES = textwrap.dedent("""
    import sys
    from datetime import date, time
    from activities import plan_circle
    from activities.autosave import ActivityStore
    plan = plan_circle.CirclePlan(start_date=date(2027, 3, 1), weekday=2, start_time=time(17, 45), weeks=5)
    store = ActivityStore(plan_circle.ACTIVITY, plan_circle.SCHEMA_VERSION, plan_circle.CirclePlan.from_dict,
                          plan_circle.CirclePlan.new, sys.argv[1])
    assert store.save(plan)
""")

COUNTDOWN_READS = textwrap.dedent("""
    import json, sys
    from datetime import date
    from activities.countdown.view import CountdownView
    view = CountdownView(sys.argv[1], today=date(2027, 1, 4))
    print(json.dumps({"note": view.plan_note.value, "items": [b.description for b in view.items.children]}))
""")


def test_countdown_reads_the_plan_saved_by_the_planner_across_kernel_restarts(tmp_path):
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", PLANNER_SAVES, str(tmp_path)], check=True, env=env, timeout=120)
    plan_file = (tmp_path / "plan-your-circle.json").read_bytes()
    out = subprocess.run([sys.executable, "-c", COUNTDOWN_READS, str(tmp_path)], check=True, env=env,
                         capture_output=True, text=True, timeout=120).stdout
    shown = json.loads(out)
    # Monday 1 March 2027, meetings on Wednesdays: the first is 3 March at 17:45, five of them.
    assert "first meeting Wed 3 Mar 2027 at 17:45, 5 weekly meetings" in shown["note"]
    assert shown["items"][0] == "Wed 20 Jan 2027: Talk to partners who can help (a library, a community group, social services)"
    assert "Mon 1 Mar 2027: Remind everyone of meeting 1" in " ".join(shown["items"])
    assert (tmp_path / "plan-your-circle.json").read_bytes() == plan_file  # read only
    schedule, problem = read_plan(tmp_path)
    assert problem is None and schedule == Schedule(date(2027, 3, 3), 5, time(17, 45))


def test_an_unreadable_or_missing_plan_is_explained_and_left_alone(tmp_path):
    assert "No plan is saved yet" in read_plan(tmp_path)[1]
    (tmp_path / "plan-your-circle.json").write_text("{not json", encoding="utf-8")
    assert read_plan(tmp_path)[0] is None and "could not be read" in read_plan(tmp_path)[1]
    assert (tmp_path / "plan-your-circle.json").read_text(encoding="utf-8") == "{not json"
    view = CountdownView(tmp_path, today=TODAY)
    assert "could not be read" in view.plan_note.value and view.items.children == ()
