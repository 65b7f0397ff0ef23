""""Plan your learning circle": dates, times, size and topic in; guidance, a schedule, an agenda
for every meeting and calendar/spreadsheet files out.

Model: :class:`CirclePlan` (pure Python, pandas for the schedule table, icalendar for the .ics).
View: :class:`PlanView` (ipywidgets). The guidance comes from P2PU's experience and is given as
warnings with reasons; the learner can still plan a circle outside it.
"""
from __future__ import annotations

import csv
import io
import secrets
import unicodedata
import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from .autosave import ActivityStore
from .safe_text import checked_link, csv_cell, html_text, link_html, safe_filename

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


def _ics_text(text: str) -> str:
    """Calendar text cannot hold control characters (RFC 5545) other than line breaks and tabs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs"))


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
        previous = {name: getattr(self, name) for name in changes}
        for name, value in changes.items():
            if name not in self.__dataclass_fields__:
                raise ValueError(f"unknown field {name}")
            setattr(self, name, value)
        try:
            self.validate()
        except ValueError:
            for name, value in previous.items():
                setattr(self, name, value)
            raise
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

    # --- exports ----------------------------------------------------------------------------
    def to_ics(self, now: datetime | None = None) -> bytes:
        from icalendar import Calendar, Event

        zone = self.zone()
        stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
        url, _problem = checked_link(self.course_link)
        calendar = Calendar()
        calendar.add("prodid", "-//Learning Circles course//Plan your learning circle//EN")
        calendar.add("version", "2.0")
        # An X- property is not escaped like TEXT, and a calendar name is one line anyway.
        calendar.add("x-wr-calname", " ".join(_ics_text(self.title()).split()) or "Learning circle")
        for meeting in self.meetings():
            event = Event()
            starts, ends = meeting.starts, meeting.ends
            if zone is not None:  # otherwise "floating" times: the local time as typed
                starts, ends = starts.replace(tzinfo=zone), ends.replace(tzinfo=zone)
            event.add("uid", f"{self.uid_seed}-{meeting.number}@learning-circles-course")
            event.add("dtstamp", stamp)
            event.add("dtstart", starts)
            event.add("dtend", ends)
            event.add("summary", _ics_text(f"{self.title()} (meeting {meeting.number} of {self.weeks})"))
            event.add("description", _ics_text(self.agenda_text(meeting, url)))
            if url:
                event.add("url", url)
            calendar.add_component(event)
        if zone is not None:
            calendar.add_missing_timezones()
        return calendar.to_ical()

    def agenda_text(self, meeting: Meeting, url: str | None = None) -> str:
        lines = [f"Meeting {meeting.number} of {self.weeks}"]
        if self.topic.strip():
            lines.append(f"Topic: {self.topic}")
        if url:
            lines.append(f"Course: {url}")
        lines.append("")
        for item in meeting.agenda:
            lines.append(f"{item.starts:%H:%M}-{item.ends:%H:%M} {item.part} ({item.minutes} min): {item.what}")
        return "\n".join(lines)

    def to_csv(self) -> str:
        """The schedule with topic and link, as CSV text (formula-like cells guarded)."""
        url, _problem = checked_link(self.course_link)
        frame = self.schedule()
        frame["Topic"] = self.topic
        frame["Course link"] = url or ""
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(list(frame.columns))
        for row in frame.itertuples(index=False):
            writer.writerow([csv_cell(str(value)) for value in row])
        return out.getvalue()

    def file_stem(self) -> str:
        return safe_filename(self.topic, "learning-circle", "")

    def exports(self) -> dict[str, bytes]:
        stem = self.file_stem()
        return {f"{stem}-meetings.ics": self.to_ics(),
                f"{stem}-schedule.csv": self.to_csv().encode("utf-8-sig")}

    # --- HTML for the view (all learner text escaped) ----------------------------------------
    def heading_html(self) -> str:
        url, _problem = checked_link(self.course_link)
        text = f"<h4>{html_text(self.title())}</h4>"
        if url:
            text += f"<p>Course: {link_html(url)}</p>"
        elif self.course_link.strip():
            text += f"<p>Course link (not a web link, so not clickable): <code>{html_text(self.course_link)}</code></p>"
        if self.source:
            text += f'<p class="lc-plan-source">Course from {html_text(self.source)}: {html_text(self.topic)}</p>'
        return text

    def agenda_html(self) -> str:
        blocks = []
        for meeting in self.meetings():
            rows = "".join(
                f"<tr><td>{item.starts:%H:%M}\u2013{item.ends:%H:%M}</td><th scope=\"row\">{html_text(item.part)}</th>"
                f"<td>{item.minutes} min</td><td>{html_text(item.what)}</td></tr>" for item in meeting.agenda)
            blocks.append(
                f"<details{' open' if meeting.number == 1 else ''}><summary>Meeting {meeting.number}: "
                f"{WEEKDAYS[meeting.starts.weekday()]} {meeting.starts:%d %B %Y}, "
                f"{meeting.starts:%H:%M}\u2013{meeting.ends:%H:%M}</summary>"
                f"<table class=\"lc-agenda\"><caption>Agenda for meeting {meeting.number} "
                f"({meeting.minutes} minutes)</caption><thead><tr><th scope=\"col\">Time</th>"
                f"<th scope=\"col\">Part</th><th scope=\"col\">Length</th><th scope=\"col\">What happens</th>"
                f"</tr></thead><tbody>{rows}</tbody></table></details>")
        return "".join(blocks)

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


def exports(data: dict) -> dict[str, bytes]:
    return CirclePlan.from_dict(data).exports()


# --- view -------------------------------------------------------------------------------------
class PlanView:
    """Labelled inputs on top; guidance, schedule, agendas and file downloads below."""

    def __init__(self, folder=None):
        import ipywidgets as widgets

        from .ui import LABEL_STYLE, activity_frame, heading, messages_html

        self._messages_html = messages_html
        self.store = store(folder)
        self.plan, load_message = self.store.load()
        wide = widgets.Layout(width="32em", max_width="100%")
        p = self.plan
        self.inputs = {
            "start_date": widgets.DatePicker(value=p.start_date, description="Earliest start date"),
            "weekday": widgets.Dropdown(options=[(d, i) for i, d in enumerate(WEEKDAYS)], value=p.weekday,
                                        description="Meeting day"),
            "start_time": widgets.TimePicker(value=p.start_time, description="Start time"),
            "weeks": widgets.BoundedIntText(value=p.weeks, min=LIMITS["weeks"][0], max=LIMITS["weeks"][1],
                                            description="Number of weeks"),
            "minutes": widgets.BoundedIntText(value=p.minutes, min=LIMITS["minutes"][0],
                                              max=LIMITS["minutes"][1], step=5,
                                              description="Minutes per meeting"),
            "participants": widgets.BoundedIntText(value=p.participants, min=LIMITS["participants"][0],
                                                   max=LIMITS["participants"][1],
                                                   description="Expected participants"),
            "topic": widgets.Text(value=p.topic, description="Topic or course",
                                  placeholder="e.g. Introduction to web design", layout=wide),
            "course_link": widgets.Text(value=p.course_link, description="Course link (http or https)",
                                        placeholder="https://", layout=wide),
            "time_zone": widgets.Combobox(value=p.time_zone, description="Time zone (optional)",
                                          options=sorted(zoneinfo.available_timezones()),
                                          placeholder="e.g. Africa/Nairobi", ensure_option=False, layout=wide),
        }
        for name, control in self.inputs.items():
            control.style = LABEL_STYLE
            control.add_class(f"lc-plan-{name.replace('_', '-')}")
            control.observe(lambda change, n=name: self._on_change(n, change["new"]), names="value")
        self.input_problem = widgets.HTML()
        self.guidance = widgets.HTML()
        self.guidance.add_class("lc-plan-guidance")
        self.schedule_title = widgets.HTML()
        self.schedule = widgets.HTML()
        self.schedule.add_class("lc-plan-schedule")
        self.agenda = widgets.HTML()
        self.agenda.add_class("lc-plan-agenda")
        self.files_button = widgets.Button(description="Make calendar and spreadsheet files", icon="calendar",
                                           layout=widgets.Layout(width="auto"),
                                           tooltip="Create an .ics file for your calendar and a CSV of the schedule")
        self.files_button.on_click(lambda _b: self.make_files())
        self.files = widgets.HTML()
        body = [widgets.HTML("<p>Fill in your plan. Everything is saved as you type, and the "
                             "schedule and agendas below follow your changes.</p>"),
                widgets.VBox(list(self.inputs.values())), self.input_problem,
                heading("What the guidance says", 3), self.guidance,
                heading("Schedule", 3), self.schedule_title, self.schedule,
                heading("Agenda for each meeting", 3), self.agenda,
                heading("Take your plan with you", 3), widgets.HBox([self.files_button, self.files])]
        self.widget = activity_frame("Plan your learning circle", load_message, body, "lc-plan-your-circle",
                                     saved=self.store.state)
        self._refresh()

    def _on_change(self, name: str, value) -> None:
        from .ui import message_html

        if value is None:
            self.input_problem.value = message_html(
                "Please fill in the date and start time; your plan still uses the last ones you gave.", "warning")
            return
        try:
            self.plan.update(**{name: value})
        except ValueError as error:
            self.input_problem.value = message_html(f"That value was not used: {error}.", "warning")
            return
        self.input_problem.value = ""
        self.store.save(self.plan)
        self.files.value = ""  # files made earlier no longer match the plan
        self._refresh()

    def _refresh(self) -> None:
        self.guidance.value = self._messages_html([(g.kind, g.text) for g in self.plan.guidance()])
        self.schedule_title.value = self.plan.heading_html()
        table = self.plan.schedule().to_html(index=False, escape=True, border=0, classes="lc-schedule-table")
        # On a narrow screen the table scrolls sideways in its own box (focusable, so keys scroll it).
        self.schedule.value = ("<p>Times are start and end; the last four columns are minutes.</p>"
                               '<div class="lc-table-scroll" role="region" aria-label="Schedule" tabindex="0">'
                               f"{table}</div>")
        self.agenda.value = self.plan.agenda_html()

    def make_files(self) -> dict[str, bytes]:
        from .download import data_link

        files = self.plan.exports()
        links = []
        for name, content in files.items():
            mime = "text/calendar" if name.endswith(".ics") else "text/csv"
            label = "Calendar file (.ics)" if name.endswith(".ics") else "Schedule (.csv)"
            links.append(data_link(content, name, mime, f"{label}: {name}"))
        self.files.value = "<ul>" + "".join(f"<li>{link}</li>" for link in links) + "</ul>"
        return files


def activity(folder=None):
    """The widget for the notebook (and a helper so its controls work by keyboard in JupyterLab)."""
    from .ui import keyboard_friendly_outputs

    keyboard_friendly_outputs()
    return PlanView(folder).widget
