"""The facts of "What counts as a learning circle" (shared/notes/course-facts.md) are on the built
page of "Is it a learning circle?", and the cases hold the source's examples: losing one fails."""
from __future__ import annotations

import re

import pytest

from activities.is_it_a_circle.cases import BY_KEY
from support.book import article_text

PAGE = "notebooks/is-it-a-learning-circle"

FACTS = [
    ("the five attributes", r"Free:.{0,200}Recurring:.{0,300}Facilitated:.{0,300}Collaborative:.{0,300}Structured:"),
    ("tables note traits for 10-15 minutes on large paper", r"large sheet.{0,40}10 to 15 minutes noting the traits"),
    ("then 5 minutes to write a definition", r"then 5 minutes writing a definition"),
    ("share and discuss the hard cases", r"sharing the definitions and talking through the cases"),
    ("groups of 3 and of 60 have worked", r"as small as 3 and as large as 60"),
    ("write your own definition", r"[Ww]rite your own definition"),
]

#: The source's examples of borderline cases (LaLC), each one of our cases.
EXAMPLES = [
    ("no-facilitator", "no facilitator", r"nobody has agreed to host"),
    ("ten-dollars", "charges $10", r"\$10"),
    ("lecture", "a 60-minute lecture", r"60 minutes"),
    ("beginner-turned-away", "a facilitator turns a beginner away", r"newcomer.{0,80}too advanced"),
]


@pytest.mark.book
@pytest.mark.parametrize("fact, pattern", FACTS, ids=[fact for fact, _ in FACTS])
def test_fact_is_on_the_page(built_book, fact, pattern):
    assert re.search(pattern, article_text(built_book, PAGE)), f"{PAGE} has lost a fact: {fact} ({pattern!r})"


@pytest.mark.parametrize("key, example, pattern", EXAMPLES, ids=[key for key, _, _ in EXAMPLES])
def test_the_sources_examples_are_among_the_cases(key, example, pattern):
    assert re.search(pattern, BY_KEY[key].story), f"case {key} no longer describes {example}"
