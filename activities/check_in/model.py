""""Check-in for a first meeting": the group's goals, what they expect of each other (homework
or not) and the agreements they make, turned into a printable summary for the group.

Model: :class:`CheckIn` (pure Python, no HTML). The summary page: ``render`` (a Jinja2 template);
files: ``export``; widgets: ``view``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..autosave import ActivityStore
from ..safe_text import safe_filename

ACTIVITY = "first-meeting-check-in"
SCHEMA_VERSION = 1

HOMEWORK = {
    "undecided": "Not decided yet",
    "none": "No homework: everything happens in our meetings",
    "optional": "Optional: people can do more between meetings if they like",
    "expected": "Yes: we each do some work between meetings",
}

#: Agreements a group might start from, in our own words; the group edits or adds its own.
SUGGESTED_AGREEMENTS = [
    "This is not a class: we are here to support each other.",
    "Everyone here is both a learner and a teacher.",
    "It is fine to say \u201cI don't know\u201d: we find out together.",
    "We listen to each other and make room for everyone to speak.",
    "We start and finish on time.",
    "What someone shares about themselves stays in the circle.",
]

#: What a good first check-in covers, for the checklist on the summary.
FIRST_MEETING_STEPS = [
    ("introductions", "Everyone has introduced themselves"),
    ("goals", "Everyone has said what they hope to get out of the circle"),
    ("expectations", "We agreed how involved we will be (for example, homework or not)"),
    ("not_a_class", "We said that this is not a class: everyone is here to support each other"),
]

@dataclass(frozen=True)
class Goal:
    name: str
    goal: str

    def shown_name(self) -> str:
        return self.name if self.name.strip() else "(no name)"


@dataclass
class CheckIn:
    circle: str = ""
    meeting_date: date | None = None
    goals: list[Goal] = field(default_factory=list)
    homework: str = "undecided"
    other_expectations: str = ""
    agreements: list[str] = field(default_factory=list)
    done: list[str] = field(default_factory=list)  # keys of FIRST_MEETING_STEPS ticked

    @classmethod
    def new(cls) -> "CheckIn":
        return cls()

    def add_goal(self, goal: str, name: str = "") -> Goal:
        if not isinstance(goal, str) or not isinstance(name, str):
            raise ValueError("a goal and a name must be text")
        if not goal.strip():
            raise ValueError("write the goal first")
        entry = Goal(name, goal)
        self.goals.append(entry)
        return entry

    def remove_goal(self, index: int) -> None:
        del self.goals[index]

    def add_agreement(self, text: str) -> None:
        if not isinstance(text, str):
            raise ValueError("an agreement must be text")
        if not text.strip():
            raise ValueError("write the agreement first")
        if text in self.agreements:
            raise ValueError("the group already has this agreement")
        self.agreements.append(text)

    def remove_agreement(self, index: int) -> None:
        del self.agreements[index]

    def set_homework(self, choice: str) -> None:
        if choice not in HOMEWORK:
            raise ValueError(f"unknown homework choice {choice!r}")
        self.homework = choice

    def set_done(self, step: str, ticked: bool) -> None:
        if step not in dict(FIRST_MEETING_STEPS):
            raise ValueError(f"unknown step {step!r}")
        if ticked and step not in self.done:
            self.done.append(step)
        elif not ticked and step in self.done:
            self.done.remove(step)

    def title(self) -> str:
        return f"First meeting: {self.circle}" if self.circle.strip() else "Our first meeting"

    def filename(self) -> str:
        return safe_filename(self.circle, "first-meeting", "-check-in.html")

    # --- saving -----------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {"circle": self.circle, "meeting_date": self.meeting_date.isoformat() if self.meeting_date else None,
                "goals": [{"name": g.name, "goal": g.goal} for g in self.goals], "homework": self.homework,
                "other_expectations": self.other_expectations, "agreements": list(self.agreements),
                "done": list(self.done)}

    @classmethod
    def from_dict(cls, data: dict) -> "CheckIn":
        model = cls()
        for name in ("circle", "other_expectations"):
            if not isinstance(data[name], str):
                raise ValueError(f"the saved {name} is not text")
        model.circle, model.other_expectations = data["circle"], data["other_expectations"]
        model.meeting_date = date.fromisoformat(data["meeting_date"]) if data["meeting_date"] else None
        for goal in data["goals"]:
            model.add_goal(goal["goal"], goal["name"])
        model.set_homework(data["homework"])
        for agreement in data["agreements"]:
            model.add_agreement(agreement)
        for step in data["done"]:
            model.set_done(step, True)
        return model


def store(folder=None) -> ActivityStore[CheckIn]:
    return ActivityStore(ACTIVITY, SCHEMA_VERSION, CheckIn.from_dict, CheckIn.new, folder)
