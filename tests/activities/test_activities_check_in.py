"""Check-in for a first meeting: goals, expectations, agreements, printable summary, view."""
from __future__ import annotations

import base64
import re
from datetime import date
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from activities import check_in as ci
from activities.check_in import render as ci_render
from activities.storage import SavedState
from support.hostile import HOSTILE_EXAMPLES, assert_escaped_in, hostile_text


def _filled(circle="", goals=(), agreements=(), other="") -> ci.CheckIn:
    model = ci.CheckIn(circle=circle, other_expectations=other)
    for name, goal in goals:
        if goal.strip():
            model.add_goal(goal, name)
    for agreement in agreements:
        if agreement.strip() and agreement not in model.agreements:
            model.add_agreement(agreement)
    return model


@settings(max_examples=50, deadline=None)
@given(circle=hostile_text, goals=st.lists(st.tuples(hostile_text, hostile_text), max_size=4),
       agreements=st.lists(hostile_text, max_size=4), other=hostile_text)
def test_every_piece_of_learner_text_is_escaped_in_the_summary(circle, goals, agreements, other):
    model = _filled(circle, goals, agreements, other)
    for page in (ci_render.printable_html(model), ci_render.summary_body_html(model, level=4)):
        assert_escaped_in(page, model.title())
        for goal in model.goals:
            assert_escaped_in(page, goal.goal)
            assert_escaped_in(page, goal.shown_name())
        for agreement in model.agreements:
            assert_escaped_in(page, agreement)
        if other.strip():
            assert_escaped_in(page, other)
    assert ci.CheckIn.from_dict(model.to_dict()) == model


def test_printable_page_is_a_whole_document_with_print_styles():
    model = _filled("Web design", [("Ann", "Build my library's site")], ["We start on time."])
    model.set_homework("optional")
    model.set_done("not_a_class", True)
    model.meeting_date = date(2026, 3, 4)
    page = ci_render.printable_html(model)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page and '<meta charset="utf-8">' in page
    assert "@media print" in page and "break-inside: avoid" in page and ".no-print { display: none; }" in page
    assert "<title>First meeting: Web design</title>" in page
    assert "Wednesday 04 March 2026" in page
    assert ci.HOMEWORK["optional"] in page
    assert "\u2611 We said that this is not a class" in page and "\u2610 Everyone has introduced" in page

    class Checker(HTMLParser):  # well-formed enough: every opened section element is closed
        def __init__(self):
            super().__init__()
            self.stack = []

        def handle_starttag(self, tag, attrs):
            if tag not in ("meta", "br"):
                self.stack.append(tag)

        def handle_endtag(self, tag):
            assert self.stack.pop() == tag

    checker = Checker()
    checker.feed(page)
    assert checker.stack == []


def test_rules_for_goals_and_agreements():
    model = ci.CheckIn()
    with pytest.raises(ValueError):
        model.add_goal("   ")
    model.add_agreement(ci.SUGGESTED_AGREEMENTS[0])
    with pytest.raises(ValueError):
        model.add_agreement(ci.SUGGESTED_AGREEMENTS[0])
    with pytest.raises(ValueError):
        model.set_homework("sometimes")
    assert "not a class" in ci.SUGGESTED_AGREEMENTS[0]


@pytest.mark.parametrize("text", HOSTILE_EXAMPLES)
def test_saved_work_keeps_every_character(tmp_path, text):
    model = _filled(text, [(text, text or "g")], [text], text)
    ci.store(tmp_path).save(model)
    restored, message = ci.store(tmp_path).load()
    assert message is None and restored == model


def test_view_fills_in_saves_and_restores(tmp_path):
    view = ci.CheckInView(folder=tmp_path)
    view.circle.value = "Café <i>club</i>"
    view.goal_name.value, view.goal_text.value = "Bo", "Learn to code 🐍"
    view.add_goal_button.click()
    assert view.goal_text.value == "" and view.model.goals == [ci.Goal("Bo", "Learn to code 🐍")]
    view.add_goal_button.click()
    assert "write the goal first" in view.message.value
    view.homework.value = "none"
    view.suggestion.value = ci.SUGGESTED_AGREEMENTS[2]
    view.add_suggestion_button.click()
    view.own_agreement.value = "Phones on silent"
    view.add_agreement_button.click()
    view.steps["introductions"].value = True
    assert "Café &lt;i&gt;club&lt;/i&gt;" in view.preview.value
    assert "<h4>" in view.preview.value and "<h1>" not in view.preview.value

    reopened = ci.CheckInView(folder=tmp_path)
    m = reopened.model
    assert (m.circle, m.homework, m.agreements, m.done) == (
        "Café <i>club</i>", "none", [ci.SUGGESTED_AGREEMENTS[2], "Phones on silent"], ["introductions"])
    assert reopened.steps["introductions"].value and reopened.homework.value == "none"
    assert reopened.remove_agreement_choice.label == "(choose an agreement)"
    reopened.remove_agreement_choice.value = 0
    reopened.remove_agreement_button.click()
    assert ci.CheckInView(folder=tmp_path).model.agreements == ["Phones on silent"]

    reopened.print_button.click()
    name, encoded = re.search(r'download="([^"]+)" href="data:text/html;base64,([^"]+)"',
                              reopened.print_link.value).groups()
    assert name == "cafe-i-club-i-check-in.html"
    assert "Learn to code 🐍" in base64.b64decode(encoded).decode("utf-8")


def test_corrupt_saved_check_in(tmp_path):
    SavedState(ci.ACTIVITY, ci.SCHEMA_VERSION, folder=tmp_path).save({"circle": 5})
    view = ci.CheckInView(folder=tmp_path)
    assert "could not be used" in view.widget.children[1].value and view.model == ci.CheckIn()


def test_controls_are_labelled(tmp_path):
    view = ci.CheckInView(folder=tmp_path)
    controls = [view.circle, view.meeting_date, view.goal_name, view.goal_text, view.homework,
                view.other_expectations, view.suggestion, view.own_agreement, view.remove_goal_choice,
                view.remove_agreement_choice, *view.steps.values(), view.add_goal_button, view.print_button]
    assert all(c.description for c in controls)
