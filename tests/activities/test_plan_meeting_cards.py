"""Meeting cards of "Plan your learning circle": Debian's Chromium prints them to PDF (A4 and US
Letter) and every meeting is exactly one page, with its date, times, the four parts and room for
notes; hostile topics stay escaped and on their page."""
from __future__ import annotations

from datetime import date, time

import pytest

from activities.plan_circle import CirclePlan
from activities.plan_circle.export import exports, meeting_cards_name, meeting_cards_page
from activities.plan_circle.model import PARTS, WEEKDAYS
from activities.registry import activity_named
from support.hostile import HOSTILE_EXAMPLES, assert_escaped_in
from support.printing import PAPERS, flat, page_text, pages_and_size, print_pdf

pytestmark = pytest.mark.browser


def _plan(weeks: int, topic: str = "Websites for beginners") -> CirclePlan:
    return CirclePlan(start_date=date(2027, 3, 1), weekday=2, start_time=time(18, 30), weeks=weeks,
                      topic=topic, course_link="https://example.org/course", uid_seed="seed")


@pytest.mark.parametrize("paper", list(PAPERS))
@pytest.mark.parametrize("weeks", [4, 6, 8])
def test_one_page_per_meeting_with_its_date_parts_and_notes(browser, tmp_path, weeks, paper):
    plan = _plan(weeks)
    info, _text, pdf = print_pdf(browser, meeting_cards_page(plan).encode(), tmp_path, f"cards-{weeks}", paper)
    pages, _size = pages_and_size(info)
    assert pages == weeks
    for meeting in plan.meetings():
        sheet = page_text(pdf, meeting.number)
        day = f"{WEEKDAYS[meeting.starts.weekday()]} {meeting.starts.day} {meeting.starts:%B %Y}"
        assert f"Meeting {meeting.number} of {weeks}" in sheet
        assert f"{day}, {meeting.starts:%H:%M}–{meeting.ends:%H:%M} (90 minutes)" in sheet
        for item in meeting.agenda:
            assert item.part in sheet and f"{item.starts:%H:%M}–{item.ends:%H:%M}" in sheet
            assert flat(item.what)[:40] in sheet
        assert "Learning circle: Websites for beginners" in sheet and "Course: https://example.org/course" in sheet
        assert "This week's part of the course:" in sheet and "Notes" in sheet
    # First and last meetings get their own check-in and plus/delta (minutes as the plan says).
    assert "Welcome everyone" in page_text(pdf, 1) and "for the circle as a whole" in page_text(pdf, weeks)


@pytest.mark.parametrize("topic", HOSTILE_EXAMPLES)
def test_hostile_topics_are_escaped_and_every_meeting_stays_on_its_page(browser, tmp_path, topic):
    plan = _plan(4, topic)
    page_html = meeting_cards_page(plan)
    if plan.topic.strip() and len(" ".join(plan.title().split())) <= 160:
        assert_escaped_in(page_html, " ".join(plan.title().split()))
    assert "<script" not in page_html.lower() and "<img src=x" not in page_html.lower()
    info, _text, pdf = print_pdf(browser, page_html.encode(), tmp_path, "hostile", "a4")
    assert pages_and_size(info)[0] == 4
    for number in range(1, 5):
        assert f"Meeting {number} of 4" in page_text(pdf, number)
        assert all(part in page_text(pdf, number) for part in PARTS)


def test_download_my_work_has_the_meeting_cards():
    plan = _plan(6)
    files = activity_named("plan-your-circle").exports(plan.to_dict())
    assert set(files) == set(exports(plan.to_dict()))
    cards = files[meeting_cards_name(plan)].decode("utf-8")
    assert cards.count('<section class="card"') == 6 and cards == meeting_cards_page(plan)
    assert meeting_cards_name(plan) == "websites-for-beginners-meeting-cards.html"
