"""Files of "Plan your learning circle": a calendar (.ics), the schedule (.csv) and printable
meeting cards (.html, one page per meeting)."""
from __future__ import annotations

import unicodedata
from datetime import datetime, timezone

from icalendar import Calendar, Event

from ..cards import Card, cards_page
from ..safe_text import checked_link, csv_bytes, shorten
from .model import WEEKDAYS, CirclePlan, Meeting

#: How much of the topic and link a card's heading shows (the plan keeps all of it).
CARD_TEXT_LIMIT = 160


def ics_text(text: str) -> str:
    """Calendar text cannot hold control characters (RFC 5545) other than line breaks and tabs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs"))


def agenda_text(plan: CirclePlan, meeting: Meeting, url: str | None = None) -> str:
    """One meeting's agenda as plain text (the calendar event's description)."""
    lines = [f"Meeting {meeting.number} of {plan.weeks}"]
    if plan.topic.strip():
        lines.append(f"Topic: {plan.topic}")
    if url:
        lines.append(f"Course: {url}")
    lines.append("")
    for item in meeting.agenda:
        lines.append(f"{item.starts:%H:%M}-{item.ends:%H:%M} {item.part} ({item.minutes} min): {item.what}")
    return "\n".join(lines)


def to_ics(plan: CirclePlan, now: datetime | None = None) -> bytes:
    zone = plan.zone()
    stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    url, _problem = checked_link(plan.course_link)
    calendar = Calendar()
    calendar.add("prodid", "-//Learning Circles course//Plan your learning circle//EN")
    calendar.add("version", "2.0")
    # An X- property is not escaped like TEXT, and a calendar name is one line anyway.
    calendar.add("x-wr-calname", " ".join(ics_text(plan.title()).split()) or "Learning circle")
    for meeting in plan.meetings():
        event = Event()
        starts, ends = meeting.starts, meeting.ends
        if zone is not None:  # otherwise "floating" times: the local time as typed
            starts, ends = starts.replace(tzinfo=zone), ends.replace(tzinfo=zone)
        event.add("uid", f"{plan.uid_seed}-{meeting.number}@learning-circles-course")
        event.add("dtstamp", stamp)
        event.add("dtstart", starts)
        event.add("dtend", ends)
        event.add("summary", ics_text(f"{plan.title()} (meeting {meeting.number} of {plan.weeks})"))
        event.add("description", ics_text(agenda_text(plan, meeting, url)))
        if url:
            event.add("url", url)
        calendar.add_component(event)
    if zone is not None:
        calendar.add_missing_timezones()
    return calendar.to_ical()


def schedule_csv(plan: CirclePlan) -> bytes:
    """The schedule with topic and link, through the one CSV writer (formula-like cells guarded)."""
    url, _problem = checked_link(plan.course_link)
    frame = plan.schedule()
    frame["Topic"] = plan.topic
    frame["Course link"] = url or ""
    return csv_bytes(list(frame.columns), ([str(value) for value in row] for row in frame.itertuples(index=False)))


def plan_files(plan: CirclePlan) -> dict[str, bytes]:
    stem = plan.file_stem()
    return {f"{stem}-meetings.ics": to_ics(plan), f"{stem}-schedule.csv": schedule_csv(plan)}


def meeting_cards_page(plan: CirclePlan) -> str:
    """One printable page per meeting: when, the four parts with their minutes and what happens,
    a line for the week's part of the course and room for notes."""
    url, _problem = checked_link(plan.course_link)
    circle = shorten(plan.title(), CARD_TEXT_LIMIT)
    course = (f"Course: {shorten(url, CARD_TEXT_LIMIT)}",) if url else ()
    cards = [Card(kicker=circle, heading=f"Meeting {meeting.number} of {plan.weeks}",
                  when=(f"{WEEKDAYS[meeting.starts.weekday()]} {meeting.starts.day} {meeting.starts:%B %Y}, "
                        f"{meeting.starts:%H:%M}\u2013{meeting.ends:%H:%M} ({meeting.minutes} minutes)"),
                  lines=course, caption=f"The four parts of meeting {meeting.number}",
                  columns=("Time", "Part", "Minutes", "What happens"), row_header=1,
                  rows=tuple((f"{item.starts:%H:%M}\u2013{item.ends:%H:%M}", item.part, str(item.minutes), item.what)
                             for item in meeting.agenda),
                  write_in="This week's part of the course:")
             for meeting in plan.meetings()]
    return cards_page(f"{circle}: meeting cards", cards)


def meeting_cards_name(plan: CirclePlan) -> str:
    return f"{plan.file_stem()}-meeting-cards.html"


def exports(data: dict) -> dict[str, bytes]:
    """"Download my work": the calendar, the schedule and the meeting cards."""
    plan = CirclePlan.from_dict(data)
    return {**plan_files(plan), meeting_cards_name(plan): meeting_cards_page(plan).encode("utf-8")}
