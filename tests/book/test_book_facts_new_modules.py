"""Every fact of the new modules (../shared/notes/course-facts.md: "Choosing a course", "Reaching
people", "Getting ready") is on the built page it belongs to: a page that loses one fails.

Rows as in test_book_facts.py: (page, what the fact is, a regular expression the article text
must match, with dashes and quotes normalised by support.book).
"""
from __future__ import annotations

import re

import pytest

from support.book import article_hrefs, article_text

WHERE = "book/choosing-a-course/where-courses-come-from"
FINDING = "book/choosing-a-course/finding-a-course"
REACHING = "book/getting-ready/reaching-people"
BEFORE = "book/getting-ready/before-the-first-meeting"
CREDITS = "book/about/credits"
INDEX = "book/index"
WRAP = "book/learning-circles/wrapping-up"

FACTS = [
    # Where courses come from
    (WHERE, "any course, if free for participants", r"free for the people who come"),
    (WHERE, "OER", r"Open educational resources \(OER\)"),
    (WHERE, "the 5 Rs", r"5 Rs.{0,80}keep.{0,40}reuse.{0,40}revise.{0,40}remix.{0,80}redistribute"),
    (WHERE, "free but closed: can disappear or go behind a paywall", r"can disappear.{0,80}paywall"),
    (WHERE, "most circles use free but closed", r"Most learning circles use this kind"),
    (WHERE, "proprietary: fine with an organisation's licence", r"Proprietary.{0,200}already pays\s+for a licence"),
    (WHERE, "free tools and collections as a course", r"Scratch.{0,80}Tinkercad.{0,80}GIMP.{0,80}Project\s+Gutenberg"),
    (WHERE, "1728 Boston Gazette shorthand by post", r"1728.{0,60}Boston Gazette.{0,60}shorthand lessons by post"),
    (WHERE, "Chautauqua", r"Chautauqua"),
    (WHERE, "Open University", r"Open University"),
    (WHERE, "Illich's learning webs", r"Ivan Illich.{0,40}learning webs"),
    (WHERE, "MOOCs from about 2008", r"MOOCs.{0,80}from about 2008"),
    (WHERE, "2019 Class Central: 110 million learners, 13,000 courses",
     r"2019.{0,40}Class\s+Central.{0,60}110 million learners.{0,20}13,000 courses"),
    # Finding a course
    (FINDING, "P2PU's list, 200+", r"P2PU's own list of courses.{0,20}over 200"),
    (FINDING, "Open Culture", r"Open Culture"),
    (FINDING, "Class Central", r"Class Central"),
    (FINDING, "criterion: free", r"free.{0,20} for every participant"),
    (FINDING, "criterion: stays online, CC licence helps", r"likely to stay online.{0,200}Creative Commons licence"),
    (FINDING, "criterion: self-paced or fixed dates", r"Self-paced.{0,10} or .{0,10}fixed dates"),
    (FINDING, "criterion: hours a week", r"hours a week"),
    (FINDING, "criterion: more than a browser and a word processor", r"more than a browser and a word processor"),
    (FINDING, "relevance, quality, coherence, feedback", r"relevant.{0,80}quality.{0,80}coherent.{0,120}feedback"),
    (FINDING, "no perfect course", r"No perfect course"),
    (FINDING, "find, evaluate, adapt", r"Find.{0,60}Evaluate.{0,80}Adapt"),
    (FINDING, "adapt: skip, reorder, add local material", r"skip.{0,60}reorder.{0,40}add\s+local material"),
    (FINDING, "LaLC exercise: groups of 2-3 for 20 minutes", r"groups of 2-3.{0,10} for .{0,10}20 minutes"),
    (FINDING, "evaluate: licence, login, how long it stays up, scope",
     r"licence.{0,40}login.{0,60}stay\s+up.{0,40}scope"),
    (FINDING, "15-minute report back", r"15 minutes.{0,40}report back"),
    # Reaching people
    (REACHING, "tie to the barriers", r"digital literacy.{0,80}awareness of opportunities.{0,40}academic confidence"),
    (REACHING, "structural barriers", r"racism.{0,40}financial injustice.{0,40}monolithic ideas"),
    (REACHING, "Detroit Public Library's Q Method", r"Detroit Public Library.{0,60}Q Method"),
    (REACHING, "paper board, sticker votes", r"paper board.{0,80}vote with stickers"),
    (REACHING, "Marketing in a Digital World: 20", r"Marketing in a Digital World 20\b"),
    (REACHING, "Public Speaking: 16", r"Public Speaking 16\b"),
    (REACHING, "Social Entrepreneurship 101: 16", r"Social Entrepreneurship 101 16\b"),
    (REACHING, "a branch ran two of them", r"branch then ran two of these"),
    (REACHING, "focus groups", r"Focus groups"),
    (REACHING, "teaser sessions in Kenya", r"teaser.{0,200}Kenya"),
    (REACHING, "partners", r"employment and social\s+services.{0,40}housing authorities.{0,40}national non-profits"),
    # Before the first meeting
    (BEFORE, "2-3 hours a week, LaLC about 3", r"about 2-3 hours a week.{0,80}about 3"),
    (BEFORE, "schedule at least 6 weeks ahead", r"at least 6 weeks before it starts"),
    (BEFORE, "6 weeks: partners, course, space, time, supplies",
     r"6 weeks before.{0,40}partners.{0,20}course.{0,20}space.{0,20}time.{0,20}supplies"),
    (BEFORE, "4 weeks: web presence, flyer, local groups, publicity",
     r"4 weeks before.{0,40}web presence or sign-up page.{0,20}flyer.{0,40}local groups.{0,60}publicity"),
    (BEFORE, "2 weeks: confirm learners, venue, supplies", r"2 weeks before.{0,20}Confirm.{0,20}learners.{0,20}venue.{0,20}supplies"),
    (BEFORE, "before the first meeting: welcome email, study, icebreakers",
     r"Before the first meeting.{0,20}welcome email.{0,40}study the first part of the course.{0,40}icebreakers"),
    (BEFORE, "supplies", r"laptops.{0,20}headphones.{0,20}name tags.{0,20}snacks"),
    (BEFORE, "sit in a circle", r"sit in a circle"),
    (BEFORE, "reminders 2 days before each meeting", r"2 days before each meeting"),
    (BEFORE, "text messages for people without email", r"without\s+email.{0,40}text message"),
    (BEFORE, "after: survey and short report", r"survey.{0,80}short report"),
    (BEFORE, "certificate or celebration", r"certificate.{0,20}small celebration.{0,80}graduation with\s+music and cake"),
    (BEFORE, "groups may keep meeting", r"may keep meeting"),
    (BEFORE, "Hopes & Fears", r"Hopes & Fears.{0,200}one hope.{0,20}one fear.{0,40}sticky notes.{0,100}cluster.{0,40}themes"),
    # Credits, welcome page and the end of Learning circles
    (CREDITS, "LaLC", r"Learning about learning circles"),
    (CREDITS, "The Carpentries' Instructor Training", r"The Carpentries' Instructor Training"),
    (CREDITS, "CC BY 4.0", r"CC BY 4\.0"),
    (INDEX, "outline: Choosing a course", r"Choosing a course"),
    (INDEX, "outline: Getting ready", r"Getting ready"),
    (INDEX, "Trainer view explained", r"Trainer view"),
    (WRAP, "the course goes on", r"the course goes on"),
]

LINKS = [
    (CREDITS, "Facilitate repository", "https://github.com/p2pu/facilitate-course"),
    (CREDITS, "Instructor Training repository", "https://github.com/carpentries/instructor-training"),
    (CREDITS, "CC BY 4.0 deed", "https://creativecommons.org/licenses/by/4.0/"),
    (REACHING, "the barriers page", "../learning-circles/anybody-can-learn-anything.html"),
]


@pytest.mark.parametrize("docname, fact, pattern", FACTS, ids=[f"{d.split('/')[-1]}: {f}" for d, f, _ in FACTS])
def test_new_module_fact_is_on_its_page(built_book, docname, fact, pattern):
    text = article_text(built_book, docname)
    assert re.search(pattern, text, flags=re.S), f"{docname} has lost a fact: {fact} (pattern {pattern!r})"


@pytest.mark.parametrize("docname, what, url", LINKS, ids=[f"{d.split('/')[-1]}: {w}" for d, w, _ in LINKS])
def test_new_module_link_is_on_its_page(built_book, docname, what, url):
    hrefs = [h.split("#")[0] for h in article_hrefs(built_book, docname)]
    assert url in hrefs, f"{docname} no longer links to the {what} ({url})"


def test_a_changed_figure_is_noticed(built_book):
    text = article_text(built_book, REACHING)
    pattern = dict(((d, f), p) for d, f, p in FACTS)[(REACHING, "Marketing in a Digital World: 20")]
    assert re.search(pattern, text)
    assert not re.search(pattern, text.replace("World 20", "World 19"))
