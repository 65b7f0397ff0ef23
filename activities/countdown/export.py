"""Files of "Get ready": the checklist as calendar to-dos (.ics), as a printable page, and as
stage cards (one printable page per stretch of weeks, to pin up while it lasts)."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from icalendar import Alarm, Calendar, Todo

from ..cards import Card, cards_page
from ..templating import render
from .model import Checklist, Countdown, checklist

ICS_NAME = "get-ready-checklist.ics"
PAGE_NAME = "get-ready-checklist.html"
CARDS_NAME = "get-ready-cards.html"
TITLE = "Get ready: my learning circle checklist"


def checklist_ics(countdown: Countdown, items: Checklist, now: datetime | None = None) -> bytes:
    """One VTODO per step, due on its date; a reminder also gets an alarm on the morning it is due."""
    stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    calendar = Calendar()
    calendar.add("prodid", "-//Learning Circles course//Get ready//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Get ready")
    for item in items.items:
        todo = Todo()
        todo.add("uid", f"{countdown.uid_seed}-{item.id}@learning-circles-course")
        todo.add("dtstamp", stamp)
        todo.add("summary", item.text)
        todo.add("dtstart", item.due)
        todo.add("due", item.due + timedelta(days=1))  # a DATE due is exclusive: the end of the day
        todo.add("categories", [item.stage])
        if item.late == "overdue":
            todo.add("priority", 1)
        done = item.id in countdown.done
        todo.add("status", "COMPLETED" if done else "NEEDS-ACTION")
        if item.reminder_for is not None:
            todo.add("description", f"The meeting is on {item.reminder_for:%A %d %B %Y at %H:%M}.")
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", item.text)
            alarm.add("trigger", timedelta(hours=9))  # 09:00 on the day it is due (from DTSTART)
            todo.add_component(alarm)
        calendar.add_component(todo)
    return calendar.to_ical()


def checklist_page(countdown: Countdown, items: Checklist) -> str:
    """A whole printable page (one A4 or US Letter sheet), from the Jinja2 template."""
    schedule = countdown.schedule()
    return render("activities.countdown", "checklist.html", title=TITLE, schedule=schedule,
                  items=items.items, notes=items.notes,
                  reminders=[item for item in items.items if item.reminder_for is not None], done=set(countdown.done), long_date=long_date)


def stage_cards_page(countdown: Countdown, items: Checklist) -> str:
    """One page per stage (six weeks before ... after the last meeting, and the reminders), each
    with its dated steps in order, tick boxes and room for notes."""
    stages: dict[str, list] = {}
    for item in items.items:  # already in date order: a stage comes where its first step is due
        stages.setdefault(item.stage, []).append(item)
    schedule = countdown.schedule()
    kicker = f"{TITLE}: first meeting {long_date(schedule.first)} at {schedule.starts_at:%H:%M}"
    done = set(countdown.done)
    cards = []
    for stage, steps in stages.items():
        first, last = long_date(steps[0].due), long_date(steps[-1].due)
        cards.append(Card(kicker=kicker, heading=stage, when=first if first == last else f"{first} to {last}",
                          columns=("Done", "When", "What to do"),
                          rows=tuple(("\u2611" if step.id in done else "\u2610", long_date(step.due),
                                      ("Overdue, do it now: " if step.late == "overdue" else "") + step.text)
                                     for step in steps)))
    return cards_page(f"{TITLE}: stage cards", cards)


def long_date(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def files(countdown: Countdown, today: date | None = None) -> dict[str, bytes]:
    schedule = countdown.schedule()
    if schedule is None:
        return {}
    items = checklist(schedule, today or date.today())
    if not items.items:
        return {}
    return {ICS_NAME: checklist_ics(countdown, items), PAGE_NAME: checklist_page(countdown, items).encode("utf-8"),
            CARDS_NAME: stage_cards_page(countdown, items).encode("utf-8")}


def exports(data: dict) -> dict[str, bytes]:
    return files(Countdown.from_dict(data))
