"""The meeting plan (cohort/meeting_plan.py), pure: pages packed into 90-minute meetings in the
book's order, each page exactly once and never split, the agenda's times add up, checkpoints at
the meeting that ends their part, and a changed time estimate changes the plan."""
from __future__ import annotations

import shutil

import pytest
import yaml

from cohort.checkpoints import ASSIGNMENTS
from cohort.meeting_plan import (CHECK_IN_MINUTES, CONTENT_MINUTES, MEETING_MINUTES, REFLECT_MINUTES, Page,
                                 agenda, book_plan, course_pages, plan, sheets_html, time_estimate)
from support.paths import ROOT


def page(name: str, minutes: int, part: str = "Part one", activity: bool = False) -> Page:
    return Page(f"book/{name}", name.title(), part, minutes, activity)


def toc_course_entries() -> list[str]:
    """What the test reads from _toc.yml itself: every file before the About part."""
    entries = []
    for part in yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))["parts"]:
        if part["caption"] == "About":
            break
        entries += [chapter["file"] for chapter in part["chapters"]]
    return entries


@pytest.mark.parametrize("text, minutes", [
    ("**Time:** about 15 minutes.", 15),
    ("**Time:** about 45 minutes: 10 minutes to read, 35 minutes for the group exercise.", 45),
    ("**Time:** about 15 minutes, plus 20 minutes if you go on", 15),
    ("**Time:** about 30 minutes (alone), 25 to 30 minutes in a group.", 30),
    ("No estimate here; it takes 20 minutes.", None),
])
def test_the_time_estimate_is_the_first_about_n_minutes(text, minutes):
    assert time_estimate(text) == minutes


def test_pages_fill_meetings_in_order_and_are_never_split():
    pages = [page("a", 30), page("b", 30), page("c", 20), page("d", 70, activity=True), page("e", 5),
             page("f", 100)]
    meetings = plan(pages)
    assert [[p.docname[5:] for p in m.pages] for m in meetings] == [["a", "b"], ["c"], ["d"], ["e"], ["f"]]
    # c (20) does not fit after a+b (60); d (70) fills a meeting; f, longer than a meeting, has its own.
    assert [m.number for m in meetings] == [1, 2, 3, 4, 5]
    assert meetings[2].do_minutes == 70 and meetings[2].read_minutes == 0
    assert meetings[4].spare_minutes == MEETING_MINUTES - (CHECK_IN_MINUTES + 100 + REFLECT_MINUTES)


def test_the_agenda_adds_up_to_the_meeting():
    meeting = plan([page("a", 25), page("b", 20, activity=True), page("c", 15)])[0]
    slots = agenda(meeting)
    assert [s.kind for s in slots] == ["check-in", "read", "do", "read", "reflect"]
    assert [s.start for s in slots] == [0, 10, 35, 55, 70]
    assert [s.clock for s in slots] == ["0:00", "0:10", "0:35", "0:55", "1:10"]
    assert sum(s.minutes for s in slots) == meeting.total_minutes == 80
    assert slots[-1].start + slots[-1].minutes == meeting.total_minutes


def test_checkpoints_are_released_at_the_meeting_that_ends_their_part():
    pages = [page("intro", 40, "Orientation"), page("one", 40, "Learning circles"),
             page("anybody", 40, "Learning circles"), page("two", 40, "Choosing a course")]
    meetings = plan(pages, ("orientation", "learning-circles", "anybody", "choosing-a-course"))
    assert [m.checkpoints for m in meetings] == [("orientation",), (), ("learning-circles", "anybody"),
                                                 ("choosing-a-course",)]
    with pytest.raises(ValueError, match="'nowhere' names neither a part nor a page"):
        plan(pages, ("nowhere",))


def test_the_book_plan_has_every_course_page_once_in_toc_order_within_90_minutes():
    meetings = book_plan(ROOT)
    placed = [p.docname for m in meetings for p in m.pages]
    assert placed == toc_course_entries()
    for meeting in meetings:
        assert meeting.total_minutes == CHECK_IN_MINUTES + meeting.content_minutes + REFLECT_MINUTES
        # Only a page longer than a meeting's content time may make a meeting run long.
        assert meeting.content_minutes <= CONTENT_MINUTES or len(meeting.pages) == 1
    # Every checkpoint once, in course order, and each at the last meeting of its part.
    released = [name for m in meetings for name in m.checkpoints]
    assert released == list(ASSIGNMENTS)
    by_part = {}
    for meeting in meetings:
        for p in meeting.pages:
            by_part[p.part] = meeting.number
    getting_ready = next(m for m in meetings if "getting-ready" in m.checkpoints)
    assert getting_ready.number == by_part["Getting ready"]


def test_the_pages_carry_their_own_times_and_group_mode():
    pages = {p.docname: p for p in course_pages(ROOT)}
    assert pages["book/choosing-a-course/finding-a-course"].minutes == 45
    assert pages["notebooks/is-it-a-learning-circle"].activity and pages["notebooks/is-it-a-learning-circle"].group_mode
    assert pages["notebooks/is-it-a-learning-circle"].title == "Activity: Is it a learning circle?"
    assert not pages["book/choosing-a-course/finding-a-course"].activity
    assert not pages["notebooks/plan-your-circle"].group_mode


def _copy_of_the_book(tmp_path):
    for name in ("_toc.yml",):
        shutil.copy(ROOT / name, tmp_path / name)
    for entry in toc_course_entries():
        for suffix in (".md", ".ipynb"):
            if (ROOT / f"{entry}{suffix}").exists():
                (tmp_path / entry).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(ROOT / f"{entry}{suffix}", tmp_path / f"{entry}{suffix}")
    return tmp_path


def test_a_changed_time_estimate_changes_the_plan(tmp_path):
    book = _copy_of_the_book(tmp_path)
    before = book_plan(book)
    first = before[0].pages[0]
    source = book / f"{first.docname}.md"
    text = source.read_text(encoding="utf-8")
    assert f"about {first.minutes} minutes" in text
    source.write_text(text.replace(f"about {first.minutes} minutes", "about 65 minutes", 1), encoding="utf-8")
    after = book_plan(book)
    assert after[0].pages[0].minutes == 65 and after[0].pages != before[0].pages
    assert [p.docname for m in after for p in m.pages] == [p.docname for m in before for p in m.pages]
    # A page without an estimate cannot be placed: a clear message, not a wrong plan.
    source.write_text(text.replace("**Time:**", "**Length:**"), encoding="utf-8")
    with pytest.raises(ValueError, match=f"{first.docname} has no \"Time: about N minutes\""):
        book_plan(book)


def test_the_one_sheets_say_which_meeting_of_how_many():
    meetings = book_plan(ROOT)
    single = sheets_html([meetings[1]], "Meeting 2", len(meetings))
    assert f"Meeting 2 of {len(meetings)}" in single and single.count('class="sheet"') == 1
    every = sheets_html(meetings, "All")
    assert every.count('class="sheet"') == len(meetings)
