"""The view of "Choose a course" without a browser: every control reaches the model and the saved
work, bad values are refused with a message and lose nothing, the buttons follow the limits."""
from __future__ import annotations

import json
from datetime import date

from activities import plan_circle
from activities.choose_course.model import MAX_CANDIDATES
from activities.choose_course.view import ChooseCourseView


def saved(folder) -> dict:
    return json.loads((folder / "choose-a-course.json").read_text(encoding="utf-8"))["data"]


def test_controls_reach_the_model_and_the_saved_work(tmp_path):
    view = ChooseCourseView(tmp_path)
    view.fields["title"].value = "Photography"
    view.fields["needs"].value = "a camera"
    view.ratings["feedback"].value = 5
    view.hours_limit.value = 1.5
    data = saved(tmp_path)
    course = data["candidates"][0]
    assert (course["title"], course["needs"], course["ratings"]["feedback"], data["hours_limit"]) == (
        "Photography", "a camera", 5, 1.5)
    assert "special software or hardware" in view.reasons.value
    assert "more than the 1.5" in view.reasons.value  # 2 hours a week by default
    assert "Photography" in view.ranking.value


def test_a_bad_value_is_refused_with_a_message_and_nothing_is_lost(tmp_path):
    view = ChooseCourseView(tmp_path)
    view.fields["title"].value = "Kept"
    view.fields["starts"].value = date(2027, 5, 1)
    view.fields["ends"].value = date(2027, 4, 1)
    assert "cannot end before it starts" in view.problem.value
    assert view.fields["ends"].value == date(2027, 4, 1)  # what was typed stays in the box
    assert saved(tmp_path)["candidates"][0]["ends"] is None and saved(tmp_path)["candidates"][0]["title"] == "Kept"
    view.fields["ends"].value = date(2027, 6, 1)
    assert view.problem.value == "" and saved(tmp_path)["candidates"][0]["ends"] == "2027-06-01"


def test_adding_editing_and_removing_courses(tmp_path):
    view = ChooseCourseView(tmp_path)
    assert view.remove_button.disabled
    for _ in range(MAX_CANDIDATES - 1):
        view.add_button.click()
    assert view.add_button.disabled and len(saved(tmp_path)["candidates"]) == MAX_CANDIDATES
    assert view.editing.value == MAX_CANDIDATES - 1  # the new course is the one being edited
    view.fields["title"].value = "Last one"
    view.editing.value = 0
    assert view.fields["title"].value == ""  # the form shows the first course again
    view.editing.value = MAX_CANDIDATES - 1
    assert view.fields["title"].value == "Last one"
    view.remove_button.click()
    assert [c["title"] for c in saved(tmp_path)["candidates"]] == [""] * (MAX_CANDIDATES - 1)
    assert not view.add_button.disabled


def test_choose_and_send_to_the_plan(tmp_path):
    view = ChooseCourseView(tmp_path)
    view.send_button.click()
    assert "Choose a course first" in view.sent.value
    view.chosen.value = 0
    view.send_button.click()
    assert "give the course a title first" in view.sent.value
    view.fields["title"].value = "Gardening"
    view.chosen.value = 0
    view.send_button.click()
    assert "now the course of your plan" in view.sent.value and "dealbreaker" not in view.sent.value
    assert saved(tmp_path)["chosen"] == 0
    plan, _ = plan_circle.store(tmp_path).load()
    assert (plan.topic, plan.source) == ("Gardening", "Choose a course")
    again = ChooseCourseView(tmp_path)  # as after a restart
    assert again.chosen.value == 0 and again.fields["title"].value == "Gardening"


def test_csv_link_is_made_and_cleared_when_the_work_changes(tmp_path):
    view = ChooseCourseView(tmp_path)
    view.fields["title"].value = "=cmd"
    content = view.make_csv()
    assert "'=cmd" in content.decode("utf-8-sig") and "choose-a-course.csv" in view.csv_link.value
    view.fields["title"].value = "Plain"
    assert view.csv_link.value == ""


def test_an_old_plan_without_a_source_still_loads():
    plan = plan_circle.CirclePlan.new()
    data = plan.to_dict()
    del data["source"]
    assert plan_circle.CirclePlan.from_dict(data).source == ""


def test_huge_emoji_and_right_to_left_text_are_kept_and_labels_stay_short(tmp_path):
    view = ChooseCourseView(tmp_path)
    huge = "\u0645\u0631\u062d\u0628\u0627 \U0001f389 " + "x" * 100_000
    view.fields["title"].value = huge
    assert saved(tmp_path)["candidates"][0]["title"] == huge
    assert len(view.editing.options[0][0]) <= 45  # "1. " and a shortened title
    # the reasons and the ranking name the course by a short label
    assert len(view.reasons.value) < 5_000 and len(view.ranking.value) < 5_000
    assert ChooseCourseView(tmp_path).fields["title"].value == huge


def test_sending_a_course_with_a_dealbreaker_says_so(tmp_path):
    view = ChooseCourseView(tmp_path)
    view.fields["title"].value = "Paid course"
    view.fields["kind"].value = "proprietary"
    view.chosen.value = 0
    view.send_button.click()
    assert "now the course of your plan" in view.sent.value and "has a dealbreaker" in view.sent.value
