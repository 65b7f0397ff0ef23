""""Make a flyer": what a flyer for a learning circle says, checked, saved and read from the plan.

Pure Python (no widgets, no HTML). The dates come from the planner's saved work
("Plan your learning circle", read without changing it) or are typed by the learner. Nothing
typed is ever cut or refused here: the flyer and the picture fit what they can show and say so.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

from ..plan_circle import WEEKDAYS, CirclePlan, read_saved_plan
from ..safe_text import checked_link
from ..validated import update_validated

ACTIVITY = "make-a-flyer"
SCHEMA_VERSION = 1

#: The line P2PU's flyers lead with: it answers the two questions that keep people away.
FREE_LINE = "Free, no experience needed"
DATE_SOURCES = ("plan", "typed")

#: The learner's text fields, in the order the flyer shows them, with their labels.
TEXT_FIELDS = {
    "title": "Title",
    "topic": "Topic",
    "what": "What people will do",
    "typed_dates": "Dates and times",
    "place": "Place",
    "signup": "Sign-up contact or link",
    "accessibility": "Accessibility notes",
}


@dataclass
class Flyer:
    title: str = ""
    topic: str = ""
    what: str = ""
    free_line: bool = True
    dates_source: str = "plan"
    typed_dates: str = ""
    #: The plan's meeting dates as last read (kept, so the exports work without the plan).
    plan_dates: list[str] = field(default_factory=list)
    place: str = ""
    signup: str = ""
    accessibility: str = ""

    def __post_init__(self):
        self.validate()

    def validate(self) -> None:
        for name in TEXT_FIELDS:
            if not isinstance(getattr(self, name), str):
                raise ValueError(f"{TEXT_FIELDS[name].lower()} must be text")
        if not isinstance(self.free_line, bool):
            raise ValueError("the free line must be on or off")
        if self.dates_source not in DATE_SOURCES:
            raise ValueError("the dates come from the plan or are typed")
        if not isinstance(self.plan_dates, list) or not all(isinstance(d, str) for d in self.plan_dates):
            raise ValueError("the plan's dates must be a list of text lines")

    def update(self, **changes) -> None:
        """Change some fields; nothing changes if the result would be invalid."""
        update_validated(self, changes)

    # --- what the flyer shows ------------------------------------------------------------------
    def heading(self) -> str:
        return self.title.strip() or (f"Learning circle: {self.topic.strip()}" if self.topic.strip()
                                      else "Join our learning circle")

    def dates_lines(self) -> list[str]:
        if self.dates_source == "plan" and self.plan_dates:
            return list(self.plan_dates)
        return [line for line in self.typed_dates.splitlines() if line.strip()]

    def signup_link(self) -> str | None:
        """The sign-up link when it is a web link (only those get a QR code)."""
        url, _problem = checked_link(self.signup)
        return url

    def signup_problem(self) -> str | None:
        """Why the sign-up text gets no QR code, when it looks like a link that cannot be used."""
        text = self.signup.strip()
        if not text or self.signup_link():
            return None
        looks_like_link = "://" in text or text.lower().startswith(("www.", "javascript:", "data:", "file:"))
        if not looks_like_link:
            return None
        _url, problem = checked_link(text)
        return (f"No QR code for the sign-up link: {problem}. The sign-up text is still printed "
                "on the flyer as you typed it.")

    def messages(self) -> list[tuple[str, str]]:
        """``(kind, text)`` advice about the flyer as it is now, kinds as in activities.ui."""
        notes = []
        if not self.title.strip():
            notes.append(("info", f"No title yet: the flyer says \u201c{self.heading()}\u201d until you give one."))
        if not self.dates_lines():
            where = ("The flyer has no dates yet: make a plan in \u201cPlan your learning circle\u201d, "
                     "or choose \u201cTyped here\u201d and type them." if self.dates_source == "plan"
                     else "Type when the circle meets: people decide by the day and time.")
            notes.append(("warning", where))
        if not self.place.strip():
            notes.append(("warning", "Say where you meet: the place is what people look for after the date."))
        if not self.signup.strip():
            notes.append(("warning", "Add a way to sign up (a link, an e-mail address or a phone number)."))
        problem = self.signup_problem()
        if problem:
            notes.append(("warning", problem))
        elif self.signup.strip() and not self.signup_link():
            notes.append(("info", "The sign-up contact is printed as text. A QR code is made only for "
                          "web links starting with http:// or https://."))
        return notes

    # --- saving --------------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {f.name: (list(getattr(self, f.name)) if f.name == "plan_dates" else getattr(self, f.name))
                for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict) -> "Flyer":
        known = {f.name for f in fields(cls)}
        return cls(**{name: value for name, value in data.items() if name in known})


def plan_date_lines(plan: CirclePlan) -> list[str]:
    """The plan's meetings as the flyer prints them: the day and time, then the dates."""
    meetings = plan.meetings()
    first, last = meetings[0], meetings[-1]
    day = WEEKDAYS[first.starts.weekday()]
    hours = f"{first.starts:%H:%M}\u2013{first.ends:%H:%M}"
    if len(meetings) == 1:
        return [f"{day} {first.starts.day} {first.starts:%B %Y}, {hours}"]
    dates = ", ".join(f"{m.starts.day} {m.starts:%b}" for m in meetings)
    return [f"{len(meetings)} {day}s, {hours}",
            f"from {first.starts.day} {first.starts:%B %Y} to {last.starts.day} {last.starts:%B %Y}",
            f"({dates})"]


def read_plan_dates(folder: Path | None = None) -> tuple[list[str] | None, str | None]:
    """The dates of the plan saved in ``folder``, or ``(None, why not)``.

    Read only: a plan that cannot be used is left exactly as it is for the planner to deal with.
    """
    plan, problem = read_saved_plan(folder)
    if problem == "missing":
        return None, ("No plan is saved yet. Make one in \u201cPlan your learning circle\u201d, "
                      "or type the dates here.")
    if plan is None:
        return None, ("Your plan could not be read (open \u201cPlan your learning circle\u201d to "
                      "fix it), so type the dates here for now.")
    return plan_date_lines(plan), None
