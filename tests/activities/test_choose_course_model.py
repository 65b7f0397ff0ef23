"""The model of "Choose a course": dealbreakers, every caution, the ranking with ties, bad input."""
from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from activities.choose_course import Candidate, CourseChoice, PlanWindow, reasons_for
from activities.choose_course.export import csv_file, exports
from activities.choose_course.model import DEFAULT_HOURS_LIMIT, MAX_CANDIDATES

PLAN = PlanWindow(first_meeting=date(2027, 3, 1), weeks=6)  # meetings 1 March to 5 April 2027


def kinds(course: Candidate, limit=DEFAULT_HOURS_LIMIT, plan=PLAN) -> list[str]:
    return [r.kind for r in reasons_for(course, limit, plan)]


def texts(course: Candidate, limit=DEFAULT_HOURS_LIMIT, plan=PLAN) -> str:
    return " ".join(r.text for r in reasons_for(course, limit, plan))


def clean(**fields) -> Candidate:
    """A course with nothing to worry about, changed by ``fields``."""
    return Candidate(**{"title": "Web basics", "link": "https://example.org/web", "kind": "oer",
                        "licence": "CC BY 4.0", **fields})


def test_a_free_open_self_paced_light_course_has_no_reasons_against_it():
    assert reasons_for(clean(), DEFAULT_HOURS_LIMIT, PLAN) == []


@pytest.mark.parametrize("fields", [{"kind": "proprietary"}, {"free_for_participants": False},
                                    {"kind": "free-closed", "free_for_participants": False}])
def test_not_free_for_participants_is_a_dealbreaker(fields):
    assert kinds(clean(**fields)).count("dealbreaker") == 1
    assert "Not free for participants" in texts(clean(**fields))


@pytest.mark.parametrize("fields", [{"kind": "proprietary"}, {"free_for_participants": False}])
def test_no_dealbreaker_when_the_organisation_already_pays(fields):
    assert "dealbreaker" not in kinds(clean(organisation_licence=True, **fields))


@pytest.mark.parametrize("licence", ["", "All rights reserved", "free to watch", "CCTV footage"])
def test_free_but_closed_without_creative_commons_may_disappear(licence):
    assert kinds(clean(kind="free-closed", licence=licence)) == ["caution"]
    assert "May disappear" in texts(clean(kind="free-closed", licence=licence))
    assert "Keep copies" in texts(clean(kind="free-closed", licence=licence))


@pytest.mark.parametrize("licence", ["CC BY-SA 4.0", "Creative Commons Attribution", "cc0", "CC-BY"])
def test_a_creative_commons_licence_removes_the_caution(licence):
    assert kinds(clean(kind="free-closed", licence=licence)) == []


def test_oer_and_tools_are_not_flagged_as_disappearing():
    assert kinds(clean(kind="oer", licence="")) == []
    assert kinds(clean(kind="tool", licence="")) == []


@pytest.mark.parametrize("starts, ends, fits", [
    (date(2027, 2, 1), date(2027, 4, 30), True),
    (date(2027, 3, 1), date(2027, 4, 5), True),     # exactly the weeks of the circle
    (date(2027, 3, 2), date(2027, 4, 30), False),   # starts a day after the first meeting
    (date(2027, 2, 1), date(2027, 4, 4), False),    # ends the day before the last meeting
    (date(2026, 1, 1), date(2026, 2, 1), False),
])
def test_fixed_dates_are_checked_against_the_plans_weeks(starts, ends, fits):
    course = clean(schedule="fixed", starts=starts, ends=ends)
    assert kinds(course) == ([] if fits else ["caution"])
    if not fits:
        assert "do not fit the plan" in texts(course) and "6 weeks" in texts(course)


def test_fixed_dates_without_dates_or_without_a_plan_say_so():
    assert "add when the course starts and ends" in texts(clean(schedule="fixed"))
    course = clean(schedule="fixed", starts=date(2027, 1, 1), ends=date(2027, 1, 2))
    assert kinds(course, plan=None) == ["info"] and "no plan" in texts(course, plan=None)
    assert kinds(clean(starts=date(2020, 1, 1), ends=date(2020, 1, 2))) == []  # self-paced: dates ignored


def test_a_weekly_load_above_the_groups_limit_is_a_caution():
    assert kinds(clean(hours_a_week=3)) == []
    assert kinds(clean(hours_a_week=3.5)) == ["caution"]
    assert "3.5 hours a week, more than the 3" in texts(clean(hours_a_week=3.5))
    assert kinds(clean(hours_a_week=3.5), limit=4) == []


def test_special_software_or_hardware_is_a_caution():
    assert kinds(clean(needs="   ")) == []
    assert kinds(clean(needs="a 3D printer")) == ["caution"]
    assert "special software or hardware" in texts(clean(needs="a 3D printer"))


def test_a_link_that_is_not_http_is_a_caution_and_never_used():
    course = clean(link="javascript:alert(1)")
    assert kinds(course) == ["caution"] and course.checked_link() is None


def rated(title, relevance, quality=3, coherence=3, feedback=3, **fields) -> Candidate:
    return clean(title=title, ratings={"relevance": relevance, "quality": quality,
                                       "coherence": coherence, "feedback": feedback}, **fields)


def test_ranking_orders_by_score_puts_dealbreakers_last_and_says_ties():
    choice = CourseChoice(candidates=[
        rated("Paid but great", 5, 5, 5, 5, kind="proprietary"),
        rated("Tie A", 4), rated("Best", 5, 4), rated("Tie B", 4), rated("Weak", 1)])
    frame = choice.ranking(PLAN)
    assert list(frame["Course"]) == ["Best", "Tie A", "Tie B", "Weak", "Paid but great"]
    assert list(frame["Rank"]) == [1, 2, 2, 4, 5]
    assert list(frame["Tie"]) == ["", "Tied with Tie B", "Tied with Tie A", "", ""]
    assert list(frame["Score"]) == [15, 13, 13, 10, 20]
    assert frame["Dealbreaker"].iloc[-1].startswith("Not free")
    assert choice.best(PLAN) == 2


def test_equal_scores_are_split_by_cautions():
    choice = CourseChoice(candidates=[rated("Needs a webcam", 4, needs="webcam"), rated("Plain", 4)])
    frame = choice.ranking(PLAN)
    assert list(frame["Course"]) == ["Plain", "Needs a webcam"] and list(frame["Rank"]) == [1, 2]
    assert list(frame["Tie"]) == ["", ""] and list(frame["Cautions"]) == [0, 1]


def test_the_plan_changes_the_ranking():
    fixed = rated("Fixed", 5, schedule="fixed", starts=date(2027, 3, 8), ends=date(2027, 6, 1))
    choice = CourseChoice(candidates=[fixed, rated("Self-paced", 5)])
    assert list(choice.ranking(None)["Rank"]) == [1, 1]
    assert list(choice.ranking(PLAN)["Course"]) == ["Self-paced", "Fixed"]


def test_best_is_none_when_every_course_has_a_dealbreaker():
    assert CourseChoice(candidates=[clean(kind="proprietary")]).best() is None


def test_between_one_and_six_courses():
    choice = CourseChoice()
    for _ in range(MAX_CANDIDATES - 1):
        choice.add()
    with pytest.raises(ValueError, match="at most 6"):
        choice.add()
    for _ in range(MAX_CANDIDATES - 1):
        choice.remove(0)
    with pytest.raises(ValueError, match="at least one"):
        choice.remove(0)
    with pytest.raises(ValueError):
        CourseChoice(candidates=[])


def test_removing_a_course_keeps_the_choice_on_the_same_course():
    choice = CourseChoice(candidates=[clean(title="A"), clean(title="B"), clean(title="C")], chosen=2)
    choice.remove(0)
    assert choice.candidates[choice.chosen].title == "C"
    choice.remove(1)
    assert choice.chosen is None


@pytest.mark.parametrize("changes, message", [
    ({"ratings": {"relevance": 6, "quality": 3, "coherence": 3, "feedback": 3}}, "1 to 5"),
    ({"hours_a_week": -1}, "hours a week"), ({"hours_a_week": float("nan")}, "hours a week"),
    ({"kind": "pirated"}, "kind"), ({"schedule": "sometimes"}, "self-paced"),
    ({"starts": date(2027, 5, 1), "ends": date(2027, 4, 1)}, "end before it starts"),
    ({"title": None}, "text"), ({"free_for_participants": "yes"}, "yes or no"),
])
def test_bad_input_gets_a_clear_message_and_loses_nothing(changes, message):
    choice = CourseChoice(candidates=[clean(title="Kept", needs="typed text")])
    before = choice.to_dict()
    with pytest.raises(ValueError, match=message):
        choice.update(0, **changes)
    assert choice.to_dict() == before
    with pytest.raises(ValueError, match="limit"):
        choice.set_hours_limit(0)
    assert choice.to_dict() == before


def test_round_trip_and_csv():
    choice = CourseChoice(candidates=[rated("=SUM(A1)", 5, schedule="fixed", starts=date(2027, 1, 1),
                                            ends=date(2027, 12, 31)), rated("Second", 2)],
                          hours_limit=2.5, chosen=1)
    again = CourseChoice.from_dict(choice.to_dict())
    assert again.to_dict() == choice.to_dict() and again.candidates[0].starts == date(2027, 1, 1)
    rows = list(csv.DictReader(io.StringIO(csv_file(choice, PLAN).decode("utf-8-sig"))))
    assert [(r["Rank"], r["Title"], r["Score"]) for r in rows] == [("1", "'=SUM(A1)", "14"), ("2", "Second", "11")]
    assert rows[0]["Starts"] == "2027-01-01" and rows[0]["Kind"] == "Open educational resource (OER)"
    assert exports(choice.to_dict()).keys() == {"choose-a-course.csv"}
