"""The pure model of "Choose a course": candidate courses, their ratings, and reasons.

Every judgement comes with a reason a learner can read: a *dealbreaker* (the course is not free
for participants and the organisation does not already pay for it), *cautions* (it may
disappear, its fixed dates miss the plan, its weekly load is too heavy, it needs special
software or hardware) and a *ranking* that says when courses tie. No widgets and no HTML here.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from activities.autosave import ActivityStore
from activities.safe_text import checked_link
from activities.validated import update_validated

ACTIVITY = "choose-a-course"
SCHEMA_VERSION = 1
MAX_CANDIDATES = 6

#: The kinds of free learning material (book page "Where courses come from").
KINDS = {
    "oer": "Open educational resource (OER)",
    "free-closed": "Free but closed course",
    "proprietary": "Proprietary (paid) course",
    "tool": "Free tool or collection used as a course",
}
RATINGS = ("relevance", "quality", "coherence", "feedback")
RATING_RANGE = (1, 5)
SCHEDULES = ("self-paced", "fixed")
DEFAULT_HOURS_LIMIT = 3.0
MAX_HOURS = 60.0
# A Creative Commons licence is the good sign that a course may be kept and copied.
_CREATIVE_COMMONS = re.compile(r"\b(cc|creative\s+commons)\b|\bcc[- ]?(by|0|zero)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Reason:
    """One reason about a course: ``kind`` is "dealbreaker", "caution" or "info"."""

    kind: str
    text: str


@dataclass(frozen=True)
class PlanWindow:
    """The weeks of the learning circle, read from "Plan your learning circle"."""

    first_meeting: date
    weeks: int

    @property
    def last_meeting(self) -> date:
        return self.first_meeting + timedelta(weeks=self.weeks - 1)


def _text(name: str, value) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text")
    return value


def _optional_date(name: str, value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    raise ValueError(f"{name} must be a date")


@dataclass
class Candidate:
    """One course the group might take."""

    title: str = ""
    link: str = ""
    kind: str = "free-closed"
    licence: str = ""
    free_for_participants: bool = True
    organisation_licence: bool = False  # the library or organisation already pays for it
    schedule: str = "self-paced"
    starts: date | None = None
    ends: date | None = None
    hours_a_week: float = 2.0
    needs: str = ""  # anything beyond a web browser and a word processor
    language: str = ""
    ratings: dict = field(default_factory=lambda: {name: 3 for name in RATINGS})

    def __post_init__(self):
        self.validate()

    def validate(self) -> None:
        for name in ("title", "link", "licence", "needs", "language"):
            _text(name, getattr(self, name))
        if self.kind not in KINDS:
            raise ValueError("the kind must be one of: " + ", ".join(KINDS.values()))
        if self.schedule not in SCHEDULES:
            raise ValueError("the course is either self-paced or has fixed dates")
        for name in ("free_for_participants", "organisation_licence"):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"{name} must be yes or no")
        _optional_date("the start date", self.starts)
        _optional_date("the end date", self.ends)
        if self.starts and self.ends and self.ends < self.starts:
            raise ValueError("the course cannot end before it starts")
        hours = self.hours_a_week
        if isinstance(hours, bool) or not isinstance(hours, (int, float)) or not math.isfinite(hours) \
                or not 0 <= hours <= MAX_HOURS:
            raise ValueError(f"hours a week must be a number from 0 to {MAX_HOURS:g}")
        if not isinstance(self.ratings, dict) or set(self.ratings) != set(RATINGS):
            raise ValueError("every course needs a rating for " + ", ".join(RATINGS))
        low, high = RATING_RANGE
        for name, value in self.ratings.items():
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise ValueError(f"the {name} rating must be a whole number from {low} to {high}")

    def label(self) -> str:
        return self.title.strip() or "(a course with no title yet)"

    def score(self) -> int:
        return sum(self.ratings.values())

    def checked_link(self) -> str | None:
        return checked_link(self.link)[0]

    def to_dict(self) -> dict:
        return {"title": self.title, "link": self.link, "kind": self.kind, "licence": self.licence,
                "free_for_participants": self.free_for_participants,
                "organisation_licence": self.organisation_licence, "schedule": self.schedule,
                "starts": self.starts.isoformat() if self.starts else None,
                "ends": self.ends.isoformat() if self.ends else None,
                "hours_a_week": self.hours_a_week, "needs": self.needs, "language": self.language,
                "ratings": dict(self.ratings)}

    @classmethod
    def from_dict(cls, data: dict) -> "Candidate":
        def day(value):
            return date.fromisoformat(value) if isinstance(value, str) else value
        return cls(title=data["title"], link=data["link"], kind=data["kind"], licence=data["licence"],
                   free_for_participants=data["free_for_participants"],
                   organisation_licence=data["organisation_licence"], schedule=data["schedule"],
                   starts=day(data["starts"]), ends=day(data["ends"]),
                   hours_a_week=data["hours_a_week"], needs=data["needs"],
                   language=data["language"], ratings=dict(data["ratings"]))


def reasons_for(course: Candidate, hours_limit: float, plan: PlanWindow | None) -> list[Reason]:
    """Why a course may or may not suit the group, most serious first."""
    reasons = []
    paid = course.kind == "proprietary" or not course.free_for_participants
    if paid and not course.organisation_licence:
        reasons.append(Reason("dealbreaker", (
            "Not free for participants: a learning circle only uses courses that cost its members "
            "nothing, unless your library or organisation already pays for a licence.")))
    _url, problem = checked_link(course.link)
    if problem:
        reasons.append(Reason("caution", f"The link is not used: {problem}."))
    if course.kind == "free-closed" and not _CREATIVE_COMMONS.search(course.licence):
        reasons.append(Reason("caution", (
            "May disappear: a free but closed course without a Creative Commons licence can be "
            "taken down or moved behind a paywall. Keep copies of what the group needs.")))
    reasons.extend(_date_reasons(course, plan))
    if course.hours_a_week > hours_limit:
        reasons.append(Reason("caution", (
            f"Heavy weekly load: it asks about {course.hours_a_week:g} hours a week, more than the "
            f"{hours_limit:g} your group can carry.")))
    if course.needs.strip():
        reasons.append(Reason("caution", (
            "Needs more than a web browser and a word processor (special software or hardware): "
            "check that every participant can get it.")))
    return reasons


def _date_reasons(course: Candidate, plan: PlanWindow | None) -> list[Reason]:
    if course.schedule != "fixed":
        return []
    if course.starts is None or course.ends is None:
        return [Reason("caution", "Fixed dates: add when the course starts and ends to check them.")]
    if plan is None:
        return [Reason("info", ("Fixed dates could not be checked: there is no plan in \u201cPlan "
                                "your learning circle\u201d yet."))]
    if course.starts > plan.first_meeting or course.ends < plan.last_meeting:
        return [Reason("caution", (
            f"Fixed dates do not fit the plan: the course runs {course.starts:%d %b %Y} to "
            f"{course.ends:%d %b %Y}, the circle meets {plan.first_meeting:%d %b %Y} to "
            f"{plan.last_meeting:%d %b %Y} ({plan.weeks} weeks)."))]
    return []


@dataclass
class CourseChoice:
    """All candidates, the group's weekly-hours limit and which course was chosen."""

    candidates: list[Candidate] = field(default_factory=lambda: [Candidate()])
    hours_limit: float = DEFAULT_HOURS_LIMIT
    chosen: int | None = None

    def __post_init__(self):
        self.validate()

    def validate(self) -> None:
        if not isinstance(self.candidates, list) or not 1 <= len(self.candidates) <= MAX_CANDIDATES:
            raise ValueError(f"list between 1 and {MAX_CANDIDATES} courses")
        for course in self.candidates:
            if not isinstance(course, Candidate):
                raise ValueError("every course must be a course")
            course.validate()
        limit = self.hours_limit
        if isinstance(limit, bool) or not isinstance(limit, (int, float)) or not math.isfinite(limit) \
                or not 0.5 <= limit <= MAX_HOURS:
            raise ValueError(f"the weekly hours limit must be from 0.5 to {MAX_HOURS:g}")
        if self.chosen is not None and (isinstance(self.chosen, bool) or not isinstance(self.chosen, int)
                                        or self.chosen not in range(len(self.candidates))):
            raise ValueError("the chosen course is not in the list")

    # --- changes: each one keeps the old state when the new one would be invalid --------------
    def add(self) -> Candidate:
        if len(self.candidates) >= MAX_CANDIDATES:
            raise ValueError(f"at most {MAX_CANDIDATES} courses: remove one first")
        self.candidates.append(Candidate())
        return self.candidates[-1]

    def remove(self, index: int) -> None:
        if len(self.candidates) <= 1:
            raise ValueError("keep at least one course (you can clear its fields instead)")
        del self.candidates[index]
        if self.chosen is not None:
            self.chosen = None if self.chosen == index else self.chosen - (self.chosen > index)

    def update(self, index: int, **changes) -> None:
        if "ratings" in changes:
            changes["ratings"] = dict(changes["ratings"])  # never share the caller's dict
        update_validated(self.candidates[index], changes)

    def rate(self, index: int, criterion: str, value: int) -> None:
        if criterion not in RATINGS:
            raise ValueError(f"unknown criterion {criterion}")
        self.update(index, ratings={**self.candidates[index].ratings, criterion: value})

    def set_hours_limit(self, value: float) -> None:
        update_validated(self, {"hours_limit": value})

    def choose(self, index: int | None) -> None:
        if index is not None and index not in range(len(self.candidates)):
            raise ValueError("the chosen course is not in the list")
        self.chosen = index

    # --- judgement -----------------------------------------------------------------------------
    def reasons(self, plan: PlanWindow | None = None) -> list[list[Reason]]:
        return [reasons_for(course, self.hours_limit, plan) for course in self.candidates]

    def ranking(self, plan: PlanWindow | None = None):
        """A pandas DataFrame, best first: courses with a dealbreaker last, then by total rating,
        then by fewer cautions. Courses equal on all three share a rank, and the table says so."""
        import pandas as pd

        rows = []
        for number, (course, reasons) in enumerate(zip(self.candidates, self.reasons(plan)), start=1):
            dealbreakers = [r.text for r in reasons if r.kind == "dealbreaker"]
            cautions = [r.text for r in reasons if r.kind == "caution"]
            rows.append({"Course": course.label(), "Number": number, "Score": course.score(),
                         **{name.capitalize(): course.ratings[name] for name in RATINGS},
                         "Dealbreaker": " ".join(dealbreakers), "Cautions": len(cautions),
                         "Reasons": " ".join(r.text for r in reasons),
                         "_key": (bool(dealbreakers), -course.score(), len(cautions))})
        frame = pd.DataFrame(rows).sort_values(["_key", "Number"], kind="stable").reset_index(drop=True)
        ranks, ties = [], []
        for position, key in enumerate(frame["_key"]):
            first = next(i for i, other in enumerate(frame["_key"]) if other == key)
            ranks.append(first + 1)
            others = [frame["Course"][i] for i, other in enumerate(frame["_key"]) if other == key and i != position]
            ties.append(("Tied with " + ", ".join(others)) if others else "")
        frame.insert(0, "Rank", ranks)
        frame["Tie"] = ties
        return frame.drop(columns=["_key"])

    def best(self, plan: PlanWindow | None = None) -> int | None:
        """The index of the top course without a dealbreaker (None if every course has one)."""
        frame = self.ranking(plan)
        usable = frame[frame["Dealbreaker"] == ""]
        return int(usable["Number"].iloc[0]) - 1 if len(usable) else None

    # --- saving --------------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {"candidates": [c.to_dict() for c in self.candidates], "hours_limit": self.hours_limit,
                "chosen": self.chosen}

    @classmethod
    def from_dict(cls, data: dict) -> "CourseChoice":
        return cls(candidates=[Candidate.from_dict(c) for c in data["candidates"]],
                   hours_limit=data["hours_limit"], chosen=data["chosen"])

    @classmethod
    def new(cls) -> "CourseChoice":
        return cls()


def store(folder=None):
    """The saved work of this activity (``<saved-work folder>/choose-a-course.json``)."""
    return ActivityStore(ACTIVITY, SCHEMA_VERSION, CourseChoice.from_dict, CourseChoice.new, folder)
