"""Hostile text in every field of "Choose a course": escaped when shown, guarded in the CSV,
kept exactly through saved work."""
from __future__ import annotations

import csv
import html
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activities.choose_course import Candidate, CourseChoice
from activities.choose_course.export import HEADER, csv_file
from activities.choose_course.handover import CommunityTopic
from activities.choose_course.render import all_reasons_html, community_html, course_summary_html, ranking_html
from activities.safe_text import csv_uncell, shorten
from support.hostile import HOSTILE_EXAMPLES, hostile_text

TEXT_FIELDS = ("title", "link", "licence", "needs", "language")
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def no_markup(rendered: str) -> None:
    lowered = rendered.lower()
    assert "<script" not in lowered and "<img" not in lowered and "javascript:" not in lowered


@SETTINGS
@given(st.fixed_dictionaries({name: hostile_text for name in TEXT_FIELDS}))
def test_every_text_field_is_escaped_guarded_and_round_trips(fields):
    choice = CourseChoice(candidates=[Candidate(**fields), Candidate(title="Plain")])
    again = CourseChoice.from_dict(choice.to_dict())
    assert again.to_dict() == choice.to_dict()

    shown = all_reasons_html(choice, None) + ranking_html(choice, None) + course_summary_html(choice, 0)
    no_markup(shown)
    assert html.escape(shorten(choice.candidates[0].label(), 80), quote=True) in shown

    rows = list(csv.reader(io.StringIO(csv_file(choice).decode("utf-8-sig"), newline="")))
    assert rows[0] == HEADER
    by_title = {csv_uncell(row[2]): row for row in rows[1:]}
    row = by_title[fields["title"]]
    for name in TEXT_FIELDS:
        cell = row[HEADER.index(name.capitalize())]
        assert csv_uncell(cell) == fields[name]
        assert not cell[:1] in ("=", "+", "-", "@", "\t", "\r")


@SETTINGS
@given(hostile_text)
def test_the_community_topic_is_escaped(topic):
    shown = community_html(CommunityTopic(topic, 3))
    no_markup(shown)
    assert html.escape(topic, quote=True) in shown


def test_the_examples_include_script_and_formulas():
    # the strategies above are only as good as their examples
    assert any("<script>" in text for text in HOSTILE_EXAMPLES)
    assert any(text.startswith("=") for text in HOSTILE_EXAMPLES)
