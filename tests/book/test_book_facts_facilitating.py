"""Every fact of the Facilitating part (../shared/notes/course-facts.md, "Facilitating") is on the
built page it belongs to: a page that loses one fails.

Rows as in test_book_facts.py: (page, what the fact is, a regular expression the article text
must match, with dashes and quotes normalised by support.book).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from support.book import article, article_hrefs, article_text
from support.paths import ROOT

GUIDE = "book/facilitating/guide-dont-teach"
HARD = "book/facilitating/when-it-gets-hard"
STORIES = "book/facilitating/stories-from-real-circles"
CREDITS = "book/about/credits"
INDEX = "book/index"

#: The eight tasks as the table on the guide page names them (bold, in its first column).
TASKS = ("Listen", "Clarify", "Give feedback", "Keep the group on task", "Probe assumptions",
         "Draw out views", "Mediate conflict", "Summarise")
FORMATS = ("Goal setting", "Icebreakers", "Feedback within a meeting", "Presenting work", "Problem solving",
           "A field trip", "A local speaker")
#: The seven hard situations: the heading each has on the page, and how the moves name the tasks.
SITUATIONS = ("Someone treats you as the teacher", "Two learners clash", "Someone drops in unprepared",
              "Half the group stops coming", "A learner is upset", "Beginners and experts in one group",
              "Talkers and quiet workers")

FACTS = [
    # Guide, don't teach
    (GUIDE, "guide, don't teach", r"guide, don't teach"),
    (GUIDE, "the facilitator need not know the subject", r"do not need to know the subject"),
    (GUIDE, "building a group: a name", r"A name\..{0,200}choose one"),
    (GUIDE, "building a group: rituals", r"Rituals\."),
    (GUIDE, "building a group: saying we", r'Saying "we"\.'),
    (GUIDE, "praise effort and process, not talent", r"Praising effort and process, not talent"),
    (GUIDE, "building a group: delegating tasks", r"Delegating tasks\."),
    (GUIDE, "10-minute facilitation: groups of 5 to 8", r"10-minute facilitation.{0,120}group of 5 to 8"),
    (GUIDE, "a short video of about 5 minutes", r"short video of about 5 minutes"),
    (GUIDE, "a volunteer who feels unsure facilitates 5 minutes",
     r"volunteer.{0,60}does not feel ready yet.{0,30}leads 5 minutes of discussion"),
    (GUIDE, "success: everyone spoke", r"everyone spoke"),
    (GUIDE, "success: everyone can summarise", r"everyone can sum up"),
    (GUIDE, "success: nobody leaves upset", r"nobody leaves upset"),
    (GUIDE, "success: on topic", r"stayed on topic"),
    (GUIDE, "success: everyone learned one thing", r"each person learned at least one thing"),
    (GUIDE, "rotate the facilitator", r"someone else takes a turn, until each person has facilitated once"),
    (GUIDE, "10-minute debrief", r"10 minutes on a debrief"),
    # When it gets hard
    *[(HARD, f"situation: {name}", rf"\d\. {re.escape(name)}") for name in SITUATIONS],
    (HARD, "15-minute role-play", r"role-play takes 15 minutes"),
    (HARD, "role-play: set up, play, debrief", r"Set up \(2 minutes\).{0,400}Play \(6 minutes\).{0,400}Debrief \(7 minutes\)"),
    # Stories from real circles
    (STORIES, "Charlotte Mecklenburg Library", r"Charlotte Mecklenburg Library"),
    (STORIES, "Charlotte: Wednesdays 6-7:30 pm", r"Wednesdays, 6-7:30 pm"),
    (STORIES, "Charlotte: 6 weeks", r"Length 6 weeks"),
    (STORIES, "Charlotte: 10 people", r"People at the first meeting 10\b"),
    (STORIES, "Kenya National Library Service", r"Kenya National Library Service"),
    (STORIES, "KNLS: over 1,000 learners a year", r"Learners in circles each year over 1,000"),
    (STORIES, "KNLS: 53 people in the first week", r"first meeting of one web design circle in Nakuru 53\b"),
    (STORIES, "KNLS: groups of about 16", r"split into about 16 each"),
    (STORIES, "KNLS: a facilitator who reached 750+", r"People one KNLS facilitator has reached 750\+"),
    (STORIES, "lessons from Charlotte", r"What a facilitator can learn from Charlotte"),
    (STORIES, "lessons from Kenya", r"What a facilitator can learn from Kenya"),
    (STORIES, "questions for discussion", r"Questions for discussion.{0,200}Janet chose the day and time"),
    # Credits
    (CREDITS, "the Facilitating part's sources", r"part Facilitating draws on the Facilitation modules"),
    (INDEX, "outline: Facilitating", r"Facilitating Guide, don't teach, When it gets hard, Stories from real circles"),
    (INDEX, "what you will do: guide a group", r"guide a group instead of teaching it"),
]

LINKS = [
    (GUIDE, "the next page", "when-it-gets-hard.html"),
    (HARD, "the guide page", "guide-dont-teach.html"),
    (HARD, "the next page", "stories-from-real-circles.html"),
    (STORIES, "the learners' version of the checkpoint",
     "https://github.com/learning-circles-course/learning-circles/blob/main/checkpoints/student/facilitating/"
     "checkpoint-facilitating.ipynb"),
    ("notebooks/make-a-flyer", "the first page of Facilitating", "../book/facilitating/guide-dont-teach.html"),
]


@pytest.mark.parametrize("docname, fact, pattern", FACTS, ids=[f"{d.split('/')[-1]}: {f}" for d, f, _ in FACTS])
def test_facilitating_fact_is_on_its_page(built_book, docname, fact, pattern):
    text = article_text(built_book, docname)
    assert re.search(pattern, text, flags=re.S), f"{docname} has lost a fact: {fact} (pattern {pattern!r})"


@pytest.mark.parametrize("docname, what, url", LINKS, ids=[f"{d.split('/')[-1]}: {w}" for d, w, _ in LINKS])
def test_facilitating_link_is_on_its_page(built_book, docname, what, url):
    hrefs = [h.split("#")[0] for h in article_hrefs(built_book, docname)]
    assert url in hrefs, f"{docname} no longer links to {what} ({url})"


def test_the_checkpoint_link_points_at_a_committed_learners_version():
    path = "checkpoints/student/facilitating/checkpoint-facilitating.ipynb"
    assert (ROOT / path).is_file()
    assert path in (ROOT / f"{STORIES}.md").read_text(encoding="utf-8")


def _table_rows(built_book, docname: str, first_heading: str) -> list[list[str]]:
    """The body rows (cell texts) of the table whose first column is headed ``first_heading``."""
    for table in article(built_book, docname).find_all("table"):
        head = [" ".join(th.get_text(" ").split()) for th in table.find_all("th")]
        if head and head[0] == first_heading:
            return [[" ".join(td.get_text(" ").split()) for td in tr.find_all("td")]
                    for tr in table.find("tbody").find_all("tr")]
    return []


def test_the_eight_tasks_each_say_what_they_sound_like(built_book):
    rows = _table_rows(built_book, GUIDE, "Task")
    assert [row[0] for row in rows] == list(TASKS)
    for task, meaning, sounds_like in rows:
        assert len(meaning.split()) >= 8, f"{task}: what it means is missing"
        assert '"' in sounds_like.replace("\u201c", '"'), f"{task}: no words a facilitator would say"


def test_the_seven_group_formats_are_in_their_table(built_book):
    rows = _table_rows(built_book, GUIDE, "Format")
    assert [row[0] for row in rows] == list(FORMATS)
    assert all(len(row) == 3 and all(len(cell.split()) >= 3 for cell in row[1:]) for row in rows)


@pytest.mark.parametrize("situation", SITUATIONS)
def test_each_hard_situation_has_moves_that_name_a_task(built_book, situation):
    """At least two moves (list items) per situation, each naming one of the eight tasks."""
    def own_heading(section):
        return section.find(re.compile(r"^h[1-6]$"), recursive=False)

    section = next((s for s in article(built_book, HARD).select("section")
                    if own_heading(s) is not None and own_heading(s).name == "h3"
                    and situation in own_heading(s).get_text()), None)
    assert section is not None, f"{HARD}: no section for {situation!r}"
    moves = [li.get_text(" ") for li in section.find_all("li")]
    assert len(moves) >= 2, f"{situation}: {len(moves)} moves"
    tasks = [task.lower() for task in TASKS]
    for move in moves:
        assert any(task in " ".join(move.lower().split()) for task in tasks), f"{situation}: a move names no task: {move}"


def test_the_eight_tasks_diagram_names_every_task():
    svg = ET.parse(ROOT / "book" / "images" / "eight-tasks.svg").getroot()
    ns = "{http://www.w3.org/2000/svg}"
    labels = [g.get("data-task") for g in svg.iter(f"{ns}g") if g.get("data-task")]
    assert len(labels) == 8
    short = {"Keep the group on task": "Keep on task"}
    assert labels == [short.get(task, task) for task in TASKS]
    description = svg.find(f"{ns}desc").text.lower()
    assert all(label.lower() in description for label in labels)
    page = (ROOT / f"{GUIDE}.md").read_text(encoding="utf-8")
    alt = re.search(r"eight-tasks\.svg\n:alt: \"([^\"]+)\"", page).group(1).lower()
    assert all(label.lower() in alt for label in labels), alt


def test_a_lost_figure_is_noticed(built_book):
    text = article_text(built_book, STORIES)
    pattern = dict(((d, f), p) for d, f, p in FACTS)[(STORIES, "KNLS: 53 people in the first week")]
    assert re.search(pattern, text)
    assert not re.search(pattern, text.replace("Nakuru 53", "Nakuru 35"))


def _quick_check(assignment_cells: dict, grade_id: str) -> tuple[dict[str, str], str]:
    """A quick check's options (letter -> text) and the course's answer, from the trainers' notebook."""
    options = dict(re.findall(r"^- ([a-e])\) (.+)$", assignment_cells[f"{grade_id}-question"], flags=re.M))
    answer = re.search(r'^answer = "([^"]+)"$', assignment_cells[f"{grade_id}-answer"], flags=re.M).group(1)
    # the hidden test grades against the same answer
    assert f"if given != '{answer}':" in assignment_cells[grade_id]
    return options, answer


def test_the_checkpoint_agrees_with_the_pages():
    """The Facilitating checkpoint's answers are the ones its pages teach: the eight tasks of the
    table, and the task the page's moves name for the situation a question describes."""
    import nbformat

    notebook = nbformat.read(ROOT / "checkpoints" / "source" / "facilitating" / "checkpoint-facilitating.ipynb",
                             as_version=4)
    cells = {cell.id: cell.source for cell in notebook.cells}
    tasks = {task.lower() for task in TASKS}
    options, answer = _quick_check(cells, "eight-tasks")
    assert answer == "".join(sorted(letter for letter, text in options.items() if text.lower() in tasks))
    assert 0 < len(answer) < len(options)  # some options are not tasks
    page = (ROOT / f"{HARD}.md").read_text(encoding="utf-8")
    sections = dict(re.findall(r"^### \d\. (.+?)\n(.*?)(?=^### |^## )", page, flags=re.M | re.S))
    # Each question describes one move of its situation: of the options, only the answer is a task
    # that move names.
    for grade_id, situation, move_words in (("clash-task", "Two learners clash", "give each person a turn"),
                                            ("teacher-task", "Someone treats you as the teacher", "Who else got stuck")):
        options, answer = _quick_check(cells, grade_id)
        assert all(text.lower() in tasks for text in options.values()), options  # every option is a task
        move = next(line for line in re.split(r"\n- ", sections[situation]) if move_words in " ".join(line.split()))
        named = set(re.findall(r"\*([a-z ]+)\*", " ".join(move.split())))
        assert {text for text in options.values() if text in named} == {options[answer]}, (grade_id, move)
