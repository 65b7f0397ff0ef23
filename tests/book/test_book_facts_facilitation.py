"""Every fact of "10-Minute Facilitation" (../shared/notes/course-facts.md, "Facilitating") is on
the built activity page, and the activity's model uses the same figures: a page or a model that
loses one fails. Rows as in test_book_facts.py (page, what, a regular expression)."""
from __future__ import annotations

import re

import pytest

from activities.facilitation import model
from support.book import article_hrefs, article_text

PAGE = "notebooks/ten-minute-facilitation"
CREDITS = "book/about/credits"

FACTS = [
    (PAGE, "groups of 5-8", r"group of \*?\*?five to eight"),
    (PAGE, "a short video of about 5 minutes", r"short video of about five\s+minutes"),
    (PAGE, "a volunteer who feels unsure facilitates", r"someone who feels unsure about\s+facilitating"),
    (PAGE, "5 minutes of discussion", r"five minutes of discussion"),
    (PAGE, "debrief for 10 minutes", r"ten minutes.{0,10} on a debrief"),
    (PAGE, "rotate: everyone facilitates once", r"every person has facilitated once"),
    (PAGE, "success: everyone spoke", r"everyone spoke"),
    (PAGE, "success: everyone can summarise", r"everyone can sum up"),
    (PAGE, "success: nobody leaves upset", r"nobody left upset"),
    (PAGE, "success: stayed on topic", r"stayed on topic"),
    (PAGE, "success: everyone learned one thing", r"everyone learned one thing"),
    (PAGE, "from P2PU's Facilitate course", r"P2PU's Facilitate course"),
    (CREDITS, "credit for the exercise", r"10-minute facilitation.{0,200}P2PU's Facilitate course"),
]


@pytest.mark.parametrize("docname, fact, pattern", FACTS, ids=[f"{d.split('/')[-1]}: {f}" for d, f, _ in FACTS])
def test_facilitation_fact_is_on_its_page(built_book, docname, fact, pattern):
    text = article_text(built_book, docname)
    assert re.search(pattern, text, flags=re.S | re.I), f"{docname} has lost a fact: {fact} (pattern {pattern!r})"


def test_the_credits_link_the_source_repository(built_book):
    assert "https://github.com/p2pu/facilitate-course" in article_hrefs(built_book, CREDITS)


def test_the_model_uses_the_same_figures():
    assert (model.MIN_GROUP, model.MAX_GROUP) == (5, 8)
    assert (model.FACILITATION_MINUTES, model.DEBRIEF_MINUTES) == (5, 10)
    assert [label for _, label in model.CRITERIA] == [
        "Everyone spoke", "Everyone can sum up what was said", "Nobody left upset",
        "The talk stayed on topic", "Everyone learned one thing"]
