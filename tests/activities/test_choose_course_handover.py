"""The hand-overs of "Choose a course", through saved work only, across kernel restarts:
vote board -> chooser (the community's top topic), planner -> chooser (its weeks), and
chooser -> planner (the chosen course, marked as coming from here)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import pytest

from activities import plan_circle
from activities.choose_course import Candidate, CourseChoice
from activities.choose_course.handover import community_topic, plan_window, send_to_plan
from activities.choose_course.model import store
from activities.download import collect_work
from activities.storage import SavedState
from support.paths import ROOT


def in_new_kernel(code: str, folder) -> str:
    """Run ``code`` in a fresh Python process (as after a kernel restart); returns its output."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            cwd=ROOT, env={**os.environ, "LEARNING_CIRCLES_DATA_DIR": str(folder),
                                           "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_chosen_course_reaches_the_planner_across_restarts(tmp_path):
    in_new_kernel(
        "from activities.choose_course.model import store, Candidate\n"
        "s = store(); choice, _ = s.load()\n"
        "choice.update(0, title='Intro to <b>web</b> design', link='https://example.org/web')\n"
        "choice.choose(0); s.save(choice)\n", tmp_path)
    out = in_new_kernel(
        "from activities.choose_course.model import store\n"
        "from activities.choose_course.handover import send_to_plan\n"
        "choice, _ = store().load()\n"
        "print(send_to_plan(choice.candidates[choice.chosen]))\n", tmp_path)
    assert "now the course of your plan" in out
    plan, message = plan_circle.store(tmp_path).load()
    assert message is None
    assert (plan.topic, plan.course_link, plan.source) == (
        "Intro to <b>web</b> design", "https://example.org/web", "Choose a course")
    shown = plan.heading_html()
    assert "Course from Choose a course: Intro to &lt;b&gt;web&lt;/b&gt; design" in shown
    # the planner view shows it too, in a new kernel
    out = in_new_kernel("from activities.plan_circle import PlanView\n"
                        "print(PlanView().schedule_title.value)\n", tmp_path)
    assert "Course from Choose a course" in out


def test_sending_keeps_the_rest_of_the_plan_and_typing_over_clears_the_source(tmp_path):
    plans = plan_circle.store(tmp_path)
    plan, _ = plans.load()
    plan.update(weeks=7, participants=12, topic="typed by hand")
    plans.save(plan)
    send_to_plan(Candidate(title="Knitting", link="ftp://not-a-web-link"), tmp_path)
    plan, _ = plan_circle.store(tmp_path).load()
    assert (plan.weeks, plan.participants, plan.topic, plan.course_link) == (7, 12, "Knitting", "")
    plan.update(topic="Knitting for beginners")
    assert plan.source == "" and "Course from" not in plan.heading_html()


def test_an_unreadable_plan_is_left_alone(tmp_path):
    broken = tmp_path / "plan-your-circle.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="could not be read"):
        send_to_plan(Candidate(title="Knitting"), tmp_path)
    assert broken.read_text(encoding="utf-8") == "{not json"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan-your-circle.json"]


def test_a_course_without_title_is_not_sent(tmp_path):
    with pytest.raises(ValueError, match="title"):
        send_to_plan(Candidate(title="  "), tmp_path)
    assert not (tmp_path / "plan-your-circle.json").exists()


def test_the_plans_weeks_are_read_for_fixed_dates(tmp_path):
    assert plan_window(tmp_path) is None
    plans = plan_circle.store(tmp_path)
    plan, _ = plans.load()
    plan.update(start_date=date(2027, 3, 1), weekday=2, weeks=4)  # 1 March 2027 is a Monday
    plans.save(plan)
    window = plan_window(tmp_path)
    assert (window.first_meeting, window.last_meeting, window.weeks) == (date(2027, 3, 3), date(2027, 3, 24), 4)
    course = Candidate(title="Fixed", kind="oer", schedule="fixed", starts=date(2027, 3, 10), ends=date(2027, 5, 1))
    reasons = CourseChoice(candidates=[course]).reasons(window)[0]
    assert [r.kind for r in reasons] == ["caution"] and "do not fit the plan" in reasons[0].text


def test_the_community_topic_from_the_vote_board_across_restarts(tmp_path):
    assert community_topic(tmp_path) is None
    in_new_kernel("from activities.storage import SavedState\n"
                  "SavedState('ask-your-community', 1).save({'topics': [], 'handed_over': "
                  "{'topic': 'Public speaking <script>', 'votes': 16}})\n", tmp_path)
    out = in_new_kernel("from activities.choose_course.view import ChooseCourseView\n"
                        "print(ChooseCourseView().community.value)\n", tmp_path)
    assert "Your community\u2019s top topic: <strong>Public speaking &lt;script&gt;</strong> (16 votes)" in out
    assert (tmp_path / "ask-your-community.json").exists()


@pytest.mark.parametrize("content", ["{broken", json.dumps({"data": {"handed_over": {"topic": 5}}}),
                                     json.dumps({"data": {"handed_over": "x"}}), json.dumps([1])])
def test_a_vote_board_file_we_cannot_use_is_ignored_and_not_touched(tmp_path, content):
    path = tmp_path / "ask-your-community.json"
    path.write_text(content, encoding="utf-8")
    assert community_topic(tmp_path) is None
    assert path.read_text(encoding="utf-8") == content


def test_the_choice_itself_survives_a_restart_and_a_corrupt_file_is_kept(tmp_path):
    in_new_kernel("from activities.choose_course.model import store\n"
                  "s = store(); c, _ = s.load(); c.add(); c.update(1, title='Second', hours_a_week=5)\n"
                  "c.set_hours_limit(4); s.save(c)\n", tmp_path)
    choice, message = store(tmp_path).load()
    assert message is None and choice.candidates[1].title == "Second" and choice.hours_limit == 4
    SavedState("choose-a-course", 1, tmp_path).path.write_text('{"data": {"candidates": []}, '
                                                               '"schema_version": 1}', encoding="utf-8")
    choice, message = store(tmp_path).load()
    assert choice.to_dict() == CourseChoice().to_dict() and "A copy was kept" in message


def test_download_my_work_has_the_choice_as_csv(tmp_path):
    choices = store(tmp_path)
    choice, _ = choices.load()
    choice.update(0, title="=Knitting", kind="oer")
    choices.save(choice)
    bundle = collect_work(tmp_path)
    assert "saved/choose-a-course.json" in bundle.files and bundle.notes == []
    text = bundle.files["exports/choose-a-course.csv"].decode("utf-8-sig")
    assert "'=Knitting" in text and "Open educational resource (OER)" in text
