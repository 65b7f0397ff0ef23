"""Every fact of the seed is on the built page it belongs to: a page that loses one fails.

Each row: (page, what the fact is, a regular expression the page's text must match). Text is taken
from the page's article in the built HTML, with dashes and quotes normalised (see book_support).
"""
from __future__ import annotations

import re

import pytest

from support.book import article_hrefs, article_text

WELCOME = "book/orientation/welcome"
P2PU_NAME = "book/orientation/what-p2pu-means"
FURTHER = "book/orientation/further-reading"
WHAT_IS = "book/learning-circles/what-is-a-learning-circle"
LOOKS = "book/learning-circles/what-it-looks-like"
ANYBODY = "book/learning-circles/anybody-can-learn-anything"
WRAP = "book/learning-circles/wrapping-up"
CREDITS = "book/about/credits"
INDEX = "book/index"

FACTS = [
    # Orientation: who P2PU are
    (WELCOME, "P2PU stands for Peer 2 Peer University", r"Peer 2 Peer University"),
    (WELCOME, "grassroots organisation", r"grassroots organi[sz]ation"),
    (WELCOME, "mission: alternatives to formal education", r"alternatives to formal education"),
    (WELCOME, "mission: practical and liberating", r"practical.{0,80}liberating"),
    (WELCOME, "main project: learning circles", r"main project is learning circles"),
    (WELCOME, "learning circles meet in person with free online courses", r"in person.{0,120}free online courses"),
    (WELCOME, "small team", r"small team|team .{0,30} is small"),
    (WELCOME, "six continents", r"six continents"),
    (WELCOME, "Antarctica still missing", r"Antarctica"),
    (WELCOME, "open source and grassroots: anyone can adapt and contribute", r"[Oo]pen source.{0,400}adapt"),
    (WELCOME, "contribute by giving feedback on the course", r"what you thought of it"),
    (WELCOME, "learning is social", r"learning is a social activity"),
    (WELCOME, "belief: expertise from life experience", r"knowledge and skill from our own life"),
    (WELCOME, "belief: learn by sharing and connecting", r"learn by sharing"),
    (WELCOME, "belief: feedback to improve", r"Feedback helps us improve"),
    (WELCOME, "belief: everyone teaches and learns at once", r"Everyone teaches and everyone learns"),
    (WELCOME, "teaches/learns, acts/observes, speaks/listens", r"acts and watches, talks and listens"),
    (WELCOME, "benefits: perspectives, social skills, achieve more together",
     r"points of view.{0,120}social skills.{0,120}further than any of them"),
    # What P2PU means
    (P2PU_NAME, "client/server network", r"client/server network"),
    (P2PU_NAME, "peer-to-peer network", r"peer-to-peer network"),
    (P2PU_NAME, "clients request from a central server", r"asks one central computer \(the server\)"),
    (P2PU_NAME, "peers share directly with no centre", r"share what they have directly.{0,80}No central computer"),
    (P2PU_NAME, "client/server learning is like a lecture", r"lecture"),
    (P2PU_NAME, "client/server: no direct communication between learners", r"Learners do not talk to each other"),
    (P2PU_NAME, "peer-to-peer: knowledge distributed, unlimited sharing within and between communities",
     r"knowledge is spread across everybody.{0,200}between groups"),
    # Further reading
    (FURTHER, "history, facilitators, website", r"history of learning circles.{0,200}facilitators.{0,200}P2PU website"),
    # What is a learning circle
    (WHAT_IS, "group meeting on a common topic", r"group of people who meet up to work on a topic"),
    (WHAT_IS, "every circle has a facilitator who keeps it on track", r"facilitator.{0,80}keep the group on track"),
    (WHAT_IS, "facilitator is not a content expert", r"not expected to be an expert"),
    (WHAT_IS, "host rather than lecturer", r"host.{0,80}rather than a professor"),
    (WHAT_IS, "90 minutes", r"90 minutes a week"),
    (WHAT_IS, "6-8 weeks", r"6-8 weeks"),
    (WHAT_IS, "flexible by course and goals", r"not a rule.{0,120}course.{0,80}achieve"),
    (WHAT_IS, "shorter than 4 weeks: no group culture", r"Shorter than 4 weeks.{0,120}group culture"),
    (WHAT_IS, "longer than 8 weeks: time commitment alienates", r"Longer than 8 weeks.{0,120}time commitment"),
    (WHAT_IS, "4-15 participants", r"4 to 15 participants"),
    (WHAT_IS, "fewer than 4 / more than 15 is hard", r"fewer than 4 people.{0,300}more than 15 people"),
    (WHAT_IS, "... and burdens the facilitator", r"falls on the facilitator"),
    (WHAT_IS, "the four components", r"Check-in.{0,200}Coursework.{0,200}Group activity.{0,200}Plus/delta"),
    # What it looks like
    (LOOKS, "the Kenyan librarians in a circle", r"librarians in Kenya.{0,60}circle"),
    (LOOKS, "part 1: check-in", r"1\. Check-in"),
    (LOOKS, "part 2: coursework", r"2\. Coursework"),
    (LOOKS, "part 3: group activity", r"3\. Group activity"),
    (LOOKS, "part 4: plus/delta", r"4\. Plus/delta"),
    (LOOKS, "first meeting: goals", r"first meeting.{0,300}sets goals"),
    (LOOKS, "expectations: homework or not", r"homework between meetings, or not"),
    (LOOKS, "not a class, support each other", r"not a class.{0,120}support each other"),
    (LOOKS, "coursework is the majority of the meeting", r"Most of every meeting goes to working through the course"),
    (LOOKS, "coursework alone, small groups, one computer or projector",
     r"individually.{0,120}small groups.{0,120}single computer or a projector"),
    (LOOKS, "activity bridges course and real life", r"online course teaches with real life"),
    (LOOKS, "activities can emerge from the course", r"comes straight out of the course"),
    (LOOKS, "plus: what went well", r"plus: one thing that went well"),
    (LOOKS, "delta: what to change next week", r"delta.{0,60}one thing to change next week"),
    # Anybody can learn anything
    (ANYBODY, "2015", r"began in 2015"),
    (ANYBODY, "the edtech slogan", r"anybody could learn anything, anywhere, for free"),
    (ANYBODY, "the slide sentence", r"Anybody can learn anything, anywhere, for free\."),
    (ANYBODY, "edtech companies", r"edtech"),
    (ANYBODY, "democratize the world", r"democratize the world"),
    (ANYBODY, "naive", r"naive"),
    (ANYBODY, "individual barrier: digital literacy", r"Digital literacy"),
    (ANYBODY, "individual barrier: awareness of opportunities", r"Awareness of opportunities"),
    (ANYBODY, "individual barrier: academic confidence", r"Academic confidence"),
    (ANYBODY, "structural barrier: racism", r"Racism"),
    (ANYBODY, "structural barrier: financial injustice", r"Financial injustice"),
    (ANYBODY, "structural barrier: monolithic ideas of knowledge", r'Monolithic ideas of what counts as ?" ?knowledge ?"'),
    (ANYBODY, "barriers stop people controlling their learning", r"full control of their own learning"),
    (ANYBODY, "revise the sentiment to be realistic", r"rewrite the slogan until it is realistic"),
    (ANYBODY, "play: read aloud", r"Read the slide out loud"),
    (ANYBODY, "play: one person edits in real time", r"One person edits, live"),
    (ANYBODY, "play: shrink the font to fit one slide", r"make the font smaller so the whole sentence still fits on a single slide"),
    (ANYBODY, "play: maybe more than once", r"several times"),
    (ANYBODY, "play: share in the thread by screenshot or link with view permission",
     r"screenshot.{0,120}link.{0,120}anyone who has the link is allowed to view"),
    (ANYBODY, "copy or download the original slide", r"make a copy or download it as PowerPoint"),
    # Wrapping up
    (WRAP, "format is simple", r"format is simple"),
    (WRAP, "no expert facilitator needed", r"depends on the facilitator being an expert"),
    (WRAP, "lead a circle on a topic you know little about", r"topic that interests you but that you know little about"),
    (WRAP, "up next: Plus/Delta", r"Up next: Plus/Delta"),
    # Landing page: the course's own framing
    (INDEX, "any peer-facilitated in-person learning", r"reading groups, discussion evenings, community conversations"),
    (INDEX, "a model for designing other formats", r"design a format of your own"),
    # Credits
    (CREDITS, "author", r"Peer 2 Peer University"),
    (CREDITS, "title", r"Facilitate"),
    (CREDITS, "licence", r"CC BY-SA 4\.0"),
    (CREDITS, "changes were made", r"Changes were made"),
    (CREDITS, "share-alike", r"same licence"),
    (CREDITS, "code licence", r"MIT License"),
]

LINKS = [
    (FURTHER, "facilitate page orientation", "https://www.p2pu.org/en/facilitate/#orientation"),
    (ANYBODY, "community thread", "https://community.p2pu.org/t/can-anybody-learn-anything/2766/last"),
    (CREDITS, "licence deed", "https://creativecommons.org/licenses/by-sa/4.0/"),
    (CREDITS, "original course", "https://p2pu.github.io/facilitate-course/"),
    (CREDITS, "original source repository", "https://github.com/p2pu/learning-about-learning-circles"),
]

# Internal links that carry the course's flow from page to page.
FLOW = [
    (P2PU_NAME, "../../notebooks/which-network.html"),
    (WHAT_IS, "../../notebooks/plan-your-circle.html"),
    (LOOKS, "../../notebooks/first-meeting-check-in.html"),
    (ANYBODY, "../../notebooks/sentence-editor.html"),
    (WRAP, "../../notebooks/plus-delta.html"),
]


@pytest.mark.parametrize("docname, fact, pattern", FACTS, ids=[f"{d.split('/')[-1]}: {f}" for d, f, _ in FACTS])
def test_fact_is_on_its_page(built_book, docname, fact, pattern):
    text = article_text(built_book, docname)
    assert re.search(pattern, text), f"{docname} has lost a seed fact: {fact} (pattern {pattern!r})"


@pytest.mark.parametrize("docname, what, url", LINKS, ids=[f"{d.split('/')[-1]}: {w}" for d, w, _ in LINKS])
def test_seed_link_is_on_its_page(built_book, docname, what, url):
    assert url in article_hrefs(built_book, docname), f"{docname} no longer links to the {what} ({url})"


@pytest.mark.parametrize("docname, target", FLOW)
def test_page_leads_on_to_its_activity(built_book, docname, target):
    hrefs = [h.split("#")[0] for h in article_hrefs(built_book, docname)]
    assert target in hrefs, f"{docname} no longer links to {target}"


def test_a_removed_fact_is_noticed(built_book, tmp_path):
    """The check is real: strip the 90 minutes from a copy of the page and the pattern misses."""
    text = article_text(built_book, WHAT_IS)
    pattern = dict(((d, f), p) for d, f, p in FACTS)[(WHAT_IS, "90 minutes")]
    assert re.search(pattern, text)
    assert not re.search(pattern, text.replace("90 minutes", "two hours"))
