"""The facts of "Facilitating" (shared/notes/course-facts.md: the hard situations to role-play,
15 minutes; the eight tasks) are on the built page of "When it gets hard" and in its cards:
losing one fails."""
from __future__ import annotations

import re

import pytest

from activities.hard_cards.cards import BY_KEY, ROLE_PLAY_MINUTES, TASK_LABELS
from support.book import article_text

PAGE = "notebooks/when-it-gets-hard"

FACTS = [
    ("role-play for 15 minutes", r"role-play it for about 15 minutes"),
    ("the eight tasks", r"eight the course teaches: listening, clarifying, giving feedback, keeping the group on "
                        r"task, probing assumptions, drawing out views, mediating conflict and summarising"),
    ("seven situations, one card each", r"seven cards, one per situation"),
    ("a cohort meeting gives each role-play 15 minutes", r"Give each role-play 15 minutes"),
]

#: The source's seven hard situations (LaLC), each one of our cards.
SITUATIONS = [
    ("ask-the-teacher", "a learner treats the facilitator as the teacher", r"[Yy]ou tell us"),
    ("two-clash", "two learners clash", r"disagree"),
    ("unprepared", "someone drops in unprepared", r"none of the reading"),
    ("half-the-group", "attendance halves", r"Twelve.{0,80}five turn up"),
    ("upset", "a learner is upset", r"hopeless"),
    ("mixed-levels", "mixed levels in one group", r"finished.{0,80}stuck"),
    ("talk-or-work", "some want to talk, some want to work alone", r"talk.{0,120}headphones"),
]


@pytest.mark.book
@pytest.mark.parametrize("fact, pattern", FACTS, ids=[fact for fact, _ in FACTS])
def test_fact_is_on_the_page(built_book, fact, pattern):
    assert re.search(pattern, article_text(built_book, PAGE)), f"{PAGE} has lost a fact: {fact} ({pattern!r})"


@pytest.mark.parametrize("key, situation, pattern", SITUATIONS, ids=[key for key, _, _ in SITUATIONS])
def test_the_sources_situations_are_the_cards(key, situation, pattern):
    assert re.search(pattern, BY_KEY[key].situation), f"card {key} no longer describes {situation}"


def test_the_timer_length_and_the_tasks_match_the_sources():
    assert ROLE_PLAY_MINUTES == 15
    assert list(TASK_LABELS.values()) == ["Listen", "Clarify", "Give feedback", "Keep the group on task",
                                          "Probe assumptions", "Draw out views", "Mediate conflict", "Summarise"]
