"""'Make a flyer' model: defaults, dates read from the saved plan (across restarts), link checks."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import date, time

import pytest

from activities import plan_circle
from activities.autosave import ActivityStore
from activities.flyer import FREE_LINE, Flyer, plan_date_lines, read_plan_dates
from activities.flyer.model import ACTIVITY, SCHEMA_VERSION
from activities.flyer.render import flyer_html
from activities.flyer.view import FlyerView
from activities.registry import ACTIVITIES, activity_named
from support.paths import ROOT

#: A plan that starts on Tuesday 12 January 2027 at 18:00 for 6 weeks of 90 minutes.
PLAN = plan_circle.CirclePlan(start_date=date(2027, 1, 12), weekday=1, start_time=time(18, 0), weeks=6,
                              topic="Web design")
PLAN_LINES = ["6 Tuesdays, 18:00\u201319:30", "from 12 January 2027 to 16 February 2027",
              "(12 Jan, 19 Jan, 26 Jan, 2 Feb, 9 Feb, 16 Feb)"]


def test_defaults_say_free_and_read_dates_from_the_plan():
    flyer = Flyer()
    assert flyer.free_line is True and flyer.dates_source == "plan"
    assert flyer.heading() == "Join our learning circle"
    assert flyer.dates_lines() == [] and flyer.signup_link() is None
    kinds = dict((text.split(":")[0][:20], kind) for kind, text in flyer.messages())
    assert "warning" in kinds.values()
    texts = " ".join(text for _kind, text in flyer.messages())
    assert "no dates yet" in texts and "where you meet" in texts and "way to sign up" in texts
    assert FREE_LINE == "Free, no experience needed"


def test_heading_falls_back_to_the_topic():
    assert Flyer(topic="Knitting").heading() == "Learning circle: Knitting"
    assert Flyer(title="  Knit with us ", topic="Knitting").heading() == "Knit with us"


def test_plan_dates_are_day_time_and_every_date():
    assert plan_date_lines(PLAN) == PLAN_LINES
    one = plan_circle.CirclePlan(start_date=date(2027, 3, 3), weekday=2, start_time=time(10, 30), weeks=1,
                                 minutes=60)
    assert plan_date_lines(one) == ["Wednesday 3 March 2027, 10:30\u201311:30"]


def test_dates_come_from_the_plan_or_are_typed():
    flyer = Flyer(plan_dates=PLAN_LINES, typed_dates="Mondays\n\n  \nat noon")
    assert flyer.dates_lines() == PLAN_LINES
    flyer.update(dates_source="typed")
    assert flyer.dates_lines() == ["Mondays", "at noon"]
    # No plan yet: the typed dates are used rather than none.
    assert Flyer(typed_dates="Fridays").dates_lines() == ["Fridays"]


def test_read_plan_dates_reads_the_planners_saved_work(tmp_path):
    assert read_plan_dates(tmp_path)[0] is None and "No plan is saved yet" in read_plan_dates(tmp_path)[1]
    plan_circle.store(tmp_path).save(PLAN)
    assert read_plan_dates(tmp_path) == (PLAN_LINES, None)


@pytest.mark.parametrize("content", ["{not json", json.dumps({"data": {"start_date": "soon"}}), "[]"])
def test_an_unreadable_plan_is_reported_and_left_alone(tmp_path, content):
    path = tmp_path / "plan-your-circle.json"
    path.write_text(content, encoding="utf-8")
    lines, problem = read_plan_dates(tmp_path)
    assert lines is None and "could not be read" in problem and "type the dates" in problem
    assert path.read_text(encoding="utf-8") == content  # the planner's file is not touched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan-your-circle.json"]


def _run(code: str, folder) -> str:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                            timeout=120, cwd=ROOT,
                            env={**os.environ, "LEARNING_CIRCLES_DATA_DIR": str(folder),
                                 "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_dates_from_the_plan_survive_kernel_restarts(tmp_path):
    """Plan in one process, open the flyer in a second, print it from a third (as after restarts)."""
    _run("""
        from datetime import date, time
        from activities import plan_circle
        plan = plan_circle.CirclePlan(start_date=date(2027, 1, 12), weekday=1, start_time=time(18, 0), weeks=6)
        plan_circle.store().save(plan)
    """, tmp_path)
    _run("""
        from activities.flyer.view import FlyerView
        view = FlyerView()
        view.inputs["title"].value = "Learn web design together"
    """, tmp_path)
    saved = json.loads((tmp_path / "make-a-flyer.json").read_text(encoding="utf-8"))["data"]
    assert saved["plan_dates"] == PLAN_LINES and saved["title"] == "Learn web design together"
    printed = _run("""
        from activities.flyer.view import store
        from activities.flyer.render import flyer_html
        flyer, message = store().load()
        assert message is None
        print(flyer_html(flyer, "a4"))
    """, tmp_path)
    for line in PLAN_LINES:
        assert line in printed


def test_a_changed_plan_is_read_again_and_a_broken_one_keeps_the_dates_read_before(tmp_path):
    plan_circle.store(tmp_path).save(PLAN)
    view = FlyerView(tmp_path)
    assert view.model.plan_dates == PLAN_LINES and "12 January 2027" in view.plan_dates.value
    later = plan_circle.CirclePlan.from_dict({**PLAN.to_dict(), "weeks": 2})
    plan_circle.store(tmp_path).save(later)
    view.read_plan()
    assert view.model.plan_dates == plan_date_lines(later)
    assert "2 Tuesdays" in view.plan_dates.value
    (tmp_path / "plan-your-circle.json").write_text("{broken", encoding="utf-8")
    view.read_plan()
    assert view.model.plan_dates == plan_date_lines(later) and "could not be read" in view.plan_dates.value
    assert "2 Tuesdays" in view.plan_dates.value and "2 Tuesdays" in flyer_html(view.model)


@pytest.mark.parametrize("signup, link", [
    ("https://example.org/sign-up?circle=web&week=1", "https://example.org/sign-up?circle=web&week=1"),
    ("  http://library.example/join ", "http://library.example/join"),
])
def test_web_links_get_a_qr_code(signup, link):
    flyer = Flyer(signup=signup)
    assert flyer.signup_link() == link and flyer.signup_problem() is None
    assert not any("QR" in text for _kind, text in flyer.messages())


@pytest.mark.parametrize("signup", ["javascript:alert(1)", "ftp://example.org/file", "https://", "data:text/html,x",
                                    "www.example.org/join", "https://exa mple.org"])
def test_other_links_get_a_clear_message_and_no_qr_code(signup):
    flyer = Flyer(signup=signup)
    assert flyer.signup_link() is None
    problem = flyer.signup_problem()
    assert problem and problem.startswith("No QR code for the sign-up link:")
    assert ("warning", problem) in flyer.messages()


@pytest.mark.parametrize("signup", ["circles@library.example", "+254 700 000 000", "Ask at the front desk"])
def test_contacts_are_printed_as_text_without_a_qr_code(signup):
    flyer = Flyer(signup=signup)
    assert flyer.signup_link() is None and flyer.signup_problem() is None
    assert any(kind == "info" and "only for web links" in text for kind, text in flyer.messages())


def test_round_trip_and_bad_changes_change_nothing():
    flyer = Flyer(title="T", topic="Knitting", free_line=False, plan_dates=PLAN_LINES, signup="x@y.z")
    assert Flyer.from_dict(json.loads(json.dumps(flyer.to_dict()))) == flyer
    for bad in ({"free_line": "yes"}, {"dates_source": "calendar"}, {"title": None}, {"plan_dates": "12 Jan"},
                {"colour": "red"}):
        with pytest.raises(ValueError):
            flyer.update(**bad)
        assert Flyer.from_dict(flyer.to_dict()) == flyer and flyer.title == "T"


def test_a_damaged_save_is_kept_aside_and_the_flyer_starts_clean(tmp_path):
    (tmp_path / "make-a-flyer.json").write_text(json.dumps(
        {"activity": ACTIVITY, "schema_version": SCHEMA_VERSION, "data": {"free_line": "maybe"}}), encoding="utf-8")
    flyer, message = ActivityStore(ACTIVITY, SCHEMA_VERSION, Flyer.from_dict, Flyer, tmp_path).load()
    assert flyer == Flyer() and "could not be used" in message
    assert list(tmp_path.glob("make-a-flyer.unreadable-*.json"))


def test_registered_after_get_ready_with_its_notebook_title():
    names = [activity.name for activity in ACTIVITIES]
    assert names.index("make-a-flyer") == names.index("get-ready") + 1  # the end of "Getting ready"
    assert activity_named("make-a-flyer").title == "Activity: Make a flyer"
    notebook = json.loads((ROOT / "notebooks" / "make-a-flyer.ipynb").read_text(encoding="utf-8"))
    assert "".join(notebook["cells"][0]["source"]).splitlines()[0] == "# Activity: Make a flyer"
