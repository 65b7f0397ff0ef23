""""Plan your learning circle": dates, times, size and topic in; guidance, a schedule, an agenda
for every meeting and calendar/spreadsheet files out.

Model: :class:`CirclePlan` (pure Python, pandas for the schedule table; no HTML). HTML: ``render``;
calendar and spreadsheet files: ``export``; widgets: ``view``. The guidance comes from P2PU's experience and is given as
warnings with reasons; the learner can still plan a circle outside it.
"""
from __future__ import annotations

import json
import secrets
import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ..autosave import ActivityStore
from ..safe_text import checked_link, safe_filename
from ..storage import data_dir
from ..validated import update_validated

ACTIVITY = "plan-your-circle"
SCHEMA_VERSION = 1

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# Hard limits only stop nonsense (a 0-week circle); the guidance below is advice, not a rule.
LIMITS = {"weeks": (1, 52), "minutes": (20, 480), "participants": (1, 200)}
DEFAULT_MINUTES = 90
RECOMMENDED_WEEKS = (4, 8)
USUAL_WEEKS = (6, 8)
RECOMMENDED_PEOPLE = (4, 15)

#: The four parts of every meeting and their share of a meeting, in minutes per 90 minutes.
#: Coursework always gets the biggest share (more than half), whatever the meeting length.
PARTS = ("Check-in", "Coursework", "Group activity", "Plus/delta")
SHARES = {
    "first": (20, 50, 10, 10),    # a longer check-in: goals, expectations, "this is not a class"
    "regular": (10, 55, 15, 10),
    "last": (10, 50, 15, 15),     # a longer plus/delta that looks back on the whole circle
}
WHAT_HAPPENS = {
    ("first", "Check-in"): (
        "Welcome everyone. Each person introduces themselves and says what they hope to get out "
        "of the circle. Agree on expectations together (homework between meetings, or not?) and "
        "say clearly that this is not a class: everyone is here to support each other."),
    ("regular", "Check-in"): (
        "A quick round: how is everyone arriving, and what did they try or notice since last time?"),
    ("last", "Check-in"): (
        "A round on how far everyone has come since the first meeting and their goals then."),
    ("any", "Coursework"): (
        "The heart of the meeting: work through this week's part of the course, alone, in small "
        "groups, or together around one computer or projector."),
    ("any", "Group activity"): (
        "Something the group does together that links the course to real life and to each other."),
    ("regular", "Plus/delta"): (
        "Everyone shares one thing that went well today (plus) and one thing to change for next "
        "week (delta)."),
    ("last", "Plus/delta"): (
        "One plus and one delta each, for today and for the circle as a whole. What next?"),
}


@dataclass
class Guidance:
    kind: str  # "warning" or "info"
    text: str


@dataclass
class AgendaItem:
    part: str
    minutes: int
    starts: datetime
    what: str

    @property
    def ends(self) -> datetime:
        return self.starts + timedelta(minutes=self.minutes)


@dataclass
class Meeting:
    number: int
    starts: datetime
    minutes: int
    agenda: list[AgendaItem]

    @property
    def ends(self) -> datetime:
        return self.starts + timedelta(minutes=self.minutes)


def split_minutes(total: int, shares: tuple[int, ...]) -> list[int]:
    """Split ``total`` minutes in proportion to ``shares``; the parts always add up to ``total``.

    Largest-remainder rounding: every part gets the whole minutes of its exact share, and the
    minutes left over go to the parts with the biggest fractions (ties: the earlier part).
    """
    weight = sum(shares)
    exact = [total * share / weight for share in shares]
    parts = [int(x) for x in exact]
    order = sorted(range(len(shares)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def meeting_kind(number: int, weeks: int) -> str:
    if number == 1:
        return "first"
    return "last" if number == weeks else "regular"


def _what(kind: str, part: str) -> str:
    return WHAT_HAPPENS.get((kind, part)) or WHAT_HAPPENS.get(("regular", part)) or WHAT_HAPPENS[("any", part)]


def agenda_for(number: int, weeks: int, starts: datetime, minutes: int) -> list[AgendaItem]:
    kind = meeting_kind(number, weeks)
    items, clock = [], starts
    for part, length in zip(PARTS, split_minutes(minutes, SHARES[kind])):
        items.append(AgendaItem(part, length, clock, _what(kind, part)))
        clock += timedelta(minutes=length)
    return items


def _int_in_range(name: str, value) -> int:
    low, high = LIMITS[name]
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number")
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low} and {high}")
    return value


@dataclass
class CirclePlan:
    start_date: date
    weekday: int
    start_time: time = time(18, 0)
    weeks: int = 6
    minutes: int = DEFAULT_MINUTES
    participants: int = 8
    topic: str = ""
    course_link: str = ""
    time_zone: str = ""
    # Calendar programs recognise a re-imported event by its UID: keep them stable per plan.
    uid_seed: str = field(default_factory=lambda: secrets.token_hex(8))
    #: Where the topic and link came from when another activity filled them in ("" = typed here).
    source: str = ""

    def __post_init__(self):
        self.validate()

    @classmethod
    def new(cls, today: date | None = None) -> "CirclePlan":
        start = (today or date.today()) + timedelta(days=7)
        return cls(start_date=start, weekday=start.weekday())

    def validate(self) -> None:
        if not isinstance(self.start_date, date) or isinstance(self.start_date, datetime):
            raise ValueError("the start date must be a date")
        if not isinstance(self.start_time, time):
            raise ValueError("the start time must be a time of day")
        if isinstance(self.weekday, bool) or self.weekday not in range(7):
            raise ValueError("the meeting day must be one of the seven weekdays")
        for name in LIMITS:
            _int_in_range(name, getattr(self, name))
        for name in ("topic", "course_link", "time_zone", "uid_seed", "source"):
            if not isinstance(getattr(self, name), str):
                raise ValueError(f"{name} must be text")

    def update(self, **changes) -> None:
        """Change some fields; nothing changes if the result would be invalid."""
        update_validated(self, changes)
        if {"topic", "course_link"} & changes.keys() and "source" not in changes:
            self.source = ""  # typed over by hand: no longer the course that was handed over

    # --- guidance ---------------------------------------------------------------------------
    def guidance(self) -> list[Guidance]:
        notes = []
        low, high = RECOMMENDED_WEEKS
        if self.weeks < low:
            notes.append(Guidance("warning", (
                f"{self.weeks} week{'s' if self.weeks != 1 else ''} is short. Circles of fewer than "
                f"{low} weeks usually do not have enough time to grow a group culture.")))
        elif self.weeks > high:
            notes.append(Guidance("warning", (
                f"{self.weeks} weeks is long. Circles of more than {high} weeks can put people off: "
                "the time commitment becomes too much.")))
        low, high = RECOMMENDED_PEOPLE
        if not low <= self.participants <= high:
            size = "few" if self.participants < low else "many"
            notes.append(Guidance("warning", (
                f"{self.participants} participant{'s' if self.participants != 1 else ''} is quite "
                f"{size}. With fewer than {low} or more than {high} people it is hard to build a "
                "strong peer learning group, and more of the load falls on the facilitator.")))
        if self.minutes != DEFAULT_MINUTES:
            notes.append(Guidance("info", (
                f"Most learning circles meet for {DEFAULT_MINUTES} minutes a week. "
                f"{self.minutes} minutes can work too: the agenda below is scaled to fit.")))
        first = self.first_meeting()
        if first != self.start_date:
            notes.append(Guidance("info", (
                f"{self.start_date:%d %B %Y} is a {WEEKDAYS[self.start_date.weekday()]}, so the "
                f"first {WEEKDAYS[self.weekday]} meeting is on {first:%d %B %Y}.")))
        _url, problem = checked_link(self.course_link)
        if problem:
            notes.append(Guidance("warning", f"The course link is not used: {problem}."))
        if self.time_zone and self.zone() is None:
            notes.append(Guidance("warning", (
                "The time zone was not recognised (use a name like Europe/Berlin or "
                "Africa/Nairobi); the calendar file uses local times instead.")))
        if not notes:
            notes.append(Guidance("info", (
                "This plan fits the usual shape of a learning circle: "
                f"{USUAL_WEEKS[0]}\u2013{USUAL_WEEKS[1]} weeks is typical, and "
                f"{RECOMMENDED_PEOPLE[0]}\u2013{RECOMMENDED_PEOPLE[1]} people works best.")))
        return notes

    # --- schedule ---------------------------------------------------------------------------
    def zone(self) -> zoneinfo.ZoneInfo | None:
        name = self.time_zone.strip()
        if not name or name not in zoneinfo.available_timezones():
            return None
        return zoneinfo.ZoneInfo(name)

    def first_meeting(self) -> date:
        return self.start_date + timedelta(days=(self.weekday - self.start_date.weekday()) % 7)

    def meetings(self) -> list[Meeting]:
        first = self.first_meeting()
        result = []
        for index in range(self.weeks):
            starts = datetime.combine(first + timedelta(weeks=index), self.start_time)
            number = index + 1
            result.append(Meeting(number, starts, self.minutes,
                                  agenda_for(number, self.weeks, starts, self.minutes)))
        return result

    def schedule(self):
        """The meetings as a pandas DataFrame (one row per meeting, minutes per part)."""
        import pandas as pd

        rows = []
        for meeting in self.meetings():
            row = {"Meeting": meeting.number, "Date": meeting.starts.date().isoformat(),
                   "Day": WEEKDAYS[meeting.starts.weekday()],
                   "Start": f"{meeting.starts:%H:%M}", "End": f"{meeting.ends:%H:%M}",
                   "Minutes": meeting.minutes}
            row.update({item.part: item.minutes for item in meeting.agenda})
            rows.append(row)
        return pd.DataFrame(rows)

    def title(self) -> str:
        return f"Learning circle: {self.topic.strip()}" if self.topic.strip() else "Learning circle"

    def file_stem(self) -> str:
        return safe_filename(self.topic, "learning-circle", "")

    # --- saving -----------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {"start_date": self.start_date.isoformat(), "weekday": self.weekday,
                "start_time": self.start_time.strftime("%H:%M"), "weeks": self.weeks,
                "minutes": self.minutes, "participants": self.participants, "topic": self.topic,
                "course_link": self.course_link, "time_zone": self.time_zone, "uid_seed": self.uid_seed,
                "source": self.source}

    @classmethod
    def from_dict(cls, data: dict) -> "CirclePlan":
        return cls(start_date=date.fromisoformat(data["start_date"]), weekday=data["weekday"],
                   start_time=time.fromisoformat(data["start_time"]), weeks=data["weeks"],
                   minutes=data["minutes"], participants=data["participants"], topic=data["topic"],
                   course_link=data["course_link"], time_zone=data.get("time_zone", ""),
                   uid_seed=data["uid_seed"], source=data.get("source", ""))


def store(folder=None) -> ActivityStore[CirclePlan]:
    return ActivityStore(ACTIVITY, SCHEMA_VERSION, CirclePlan.from_dict, CirclePlan.new, folder)


def read_saved_plan(folder: Path | None = None) -> tuple[CirclePlan | None, str | None]:
    """The plan saved in ``folder``, for other activities that use its dates or course.

    Read only: ``(plan, None)``, or ``(None, "missing")`` / ``(None, "unreadable")``; a plan that
    cannot be used is left exactly as it is for the planner to deal with.
    """
    location = Path(folder) if folder is not None else data_dir(create=False)
    path = location / f"{ACTIVITY}.json"
    if not path.exists():
        return None, "missing"
    try:
        return CirclePlan.from_dict(json.loads(path.read_text(encoding="utf-8"))["data"]), None
    except Exception:  # any file the planner itself would refuse: never a traceback elsewhere
        return None, "unreadable"
