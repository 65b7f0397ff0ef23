""""Get ready": a dated checklist from six weeks before the first meeting to after the last.

Pure Python (no widgets, no HTML). The dates come from the planner's saved work ("Plan your
learning circle", read without changing it) or are typed here. When the first meeting is fewer
than six weeks away, the steps whose dates have passed are folded into the days that remain:
nothing is ever dated in the past; what should already have been done is due today, marked
"overdue, do it now".
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ..plan_circle import read_saved_plan
from ..validated import update_validated
from .steps import LEAD_DAYS, REMINDER_DAYS, STEPS

ACTIVITY = "get-ready"
SCHEMA_VERSION = 1
SOURCES = ("plan", "typed")
MAX_WEEKS = 52


@dataclass(frozen=True)
class Schedule:
    """When the circle meets: the first meeting, how many weekly meetings, at what time."""

    first: date
    weeks: int
    starts_at: time

    def meeting_days(self) -> list[date]:
        return [self.first + timedelta(weeks=index) for index in range(self.weeks)]


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    due: date
    stage: str
    #: "" on time; "overdue" when its date had passed (due today: do it now); "moved" when folded
    #: into the days that remain, earlier than its usual place.
    late: str = ""
    reminder_for: datetime | None = None


@dataclass(frozen=True)
class Checklist:
    items: tuple[Item, ...]
    #: (kind, text) notes for the learner, kinds as in activities.ui.
    notes: tuple[tuple[str, str], ...]


def _fold(natural: date, window_start: date, first: date, today: date, cap: date) -> tuple[date, str]:
    """A step's date when the start is close: a missed date moves into the days that remain,
    in proportion, never after ``cap`` (the first step still on time), so the order is kept."""
    if natural >= today:
        return natural, ""
    remaining = (first - today).days
    offset = (natural - window_start).days  # 0 for the six-week steps
    folded = min(today + timedelta(days=round(offset * remaining / LEAD_DAYS)), cap)
    return folded, ("overdue" if folded == today else "moved")


def checklist(schedule: Schedule, today: date) -> Checklist:
    first, meetings = schedule.first, schedule.meeting_days()
    last = meetings[-1]
    if first < today:
        return Checklist((), (("error", f"The first meeting ({first:%A} {first.day} {first:%B %Y}) is in the past. "
                                         "Type the date of your next circle, or change it in your plan."),))
    days_left = (first - today).days
    notes = []
    if days_left < LEAD_DAYS:
        notes.append(("warning", f"The first meeting is {days_left} day{'s' if days_left != 1 else ''} away, fewer "
                                 "than the six weeks these steps usually take. Steps whose dates have passed are "
                                 "folded into the days that remain: the ones marked \u201coverdue, do it now\u201d "
                                 "come first."))
    window_start = first - timedelta(days=LEAD_DAYS)
    on_time = [first - timedelta(days=step.days_before_first) for step in STEPS
               if step.days_before_first is not None]
    cap = min((day for day in on_time if day >= today), default=first)
    items = []
    for step in STEPS:
        if step.days_after_last is not None:
            items.append(Item(step.id, step.text, last + timedelta(days=step.days_after_last), step.stage))
            continue
        due, late = _fold(first - timedelta(days=step.days_before_first), window_start, first, today, cap)
        items.append(Item(step.id, step.text, due, step.stage, late))
    for number, day in enumerate(meetings, start=1):
        due, late = _fold(day - timedelta(days=REMINDER_DAYS), window_start, first, today, today)
        items.append(Item(f"reminder-{number}",
                          f"Remind everyone of meeting {number} (e-mail, or a text message for people "
                          "without e-mail)", due, "Reminders", late, datetime.combine(day, schedule.starts_at)))
    items.sort(key=lambda item: item.due)  # stable: same-day steps keep the order of STEPS
    return Checklist(tuple(items), tuple(notes))


@dataclass
class Countdown:
    source: str = "plan"
    #: Typed here: the first meeting (ISO date text, "" for none yet), weeks and time (HH:MM).
    typed_first: str = ""
    typed_weeks: int = 6
    typed_time: str = "18:00"
    #: The plan's schedule as last read (kept, so the checklist works without the plan).
    plan_first: str = ""
    plan_weeks: int = 6
    plan_time: str = "18:00"
    done: list[str] = field(default_factory=list)
    # Calendar programs recognise a re-imported to-do by its UID: keep them stable.
    uid_seed: str = field(default_factory=lambda: secrets.token_hex(8))

    def __post_init__(self):
        self.validate()

    def validate(self) -> None:
        if self.source not in SOURCES:
            raise ValueError("the dates come from the plan or are typed")
        for prefix in ("typed", "plan"):
            first, weeks, starts = (getattr(self, f"{prefix}_{n}") for n in ("first", "weeks", "time"))
            if not isinstance(first, str) or (first and not _is_date(first)):
                raise ValueError("the first meeting must be a date")
            if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= MAX_WEEKS:
                raise ValueError(f"the number of meetings must be between 1 and {MAX_WEEKS}")
            if not isinstance(starts, str) or not _is_time(starts):
                raise ValueError("the time must look like 18:00")
        if not isinstance(self.uid_seed, str) or not self.uid_seed.isalnum():
            raise ValueError("the calendar id must be letters and digits")
        if not isinstance(self.done, list) or not all(isinstance(item, str) for item in self.done):
            raise ValueError("the ticked items must be a list of names")

    def update(self, **changes) -> None:
        update_validated(self, changes)

    def schedule(self) -> Schedule | None:
        prefix = "plan" if self.source == "plan" else "typed"
        first = getattr(self, f"{prefix}_first")
        if not first:
            return None
        return Schedule(date.fromisoformat(first), getattr(self, f"{prefix}_weeks"),
                        time.fromisoformat(getattr(self, f"{prefix}_time")))

    def tick(self, item_id: str, done: bool = True) -> None:
        if done and item_id not in self.done:
            self.done.append(item_id)
        elif not done and item_id in self.done:
            self.done.remove(item_id)

    def to_dict(self) -> dict:
        return {name: (list(value) if name == "done" else value) for name, value in vars(self).items()}

    @classmethod
    def from_dict(cls, data: dict) -> "Countdown":
        known = cls.__dataclass_fields__
        return cls(**{name: value for name, value in data.items() if name in known})


def _parses(parse, text: str, length: int) -> bool:
    """``text`` is exactly an ISO date (length 10) or an HH:MM time (length 5)."""
    try:
        parse(text)
    except ValueError:
        return False
    return len(text) == length


def _is_date(text: str) -> bool:
    return _parses(date.fromisoformat, text, 10)


def _is_time(text: str) -> bool:
    return _parses(time.fromisoformat, text, 5)


def read_plan(folder: Path | None = None) -> tuple[Schedule | None, str | None]:
    """The schedule of the plan saved in ``folder``, or ``(None, why not)``; never changes the plan."""
    plan, problem = read_saved_plan(folder)
    if problem == "missing":
        return None, ("No plan is saved yet. Make one in \u201cPlan your learning circle\u201d, or type "
                      "the first meeting here.")
    if plan is None:
        return None, ("Your plan could not be read (open \u201cPlan your learning circle\u201d to fix it), "
                      "so type the first meeting here for now.")
    return Schedule(plan.first_meeting(), plan.weeks, plan.start_time), None
