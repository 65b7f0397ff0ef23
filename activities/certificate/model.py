""""Your certificate": the name to print, the 90-day plan, and what the last check of the
learner's checkpoint notebooks found.

Pure Python (no widgets, no HTML, no nbgrader): the check itself is in ``eligibility`` (it runs
nbgrader's validator); this model only keeps its result, so the certificate can be printed again
from saved work without running anything.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date

from ..autosave import ActivityStore
from ..validated import update_validated

ACTIVITY = "certificate"
SCHEMA_VERSION = 1
#: Long enough for any real full name, short enough to fit one line of the printed certificate.
MAX_NAME = 80
MAX_PLAN_TEXT = 200


@dataclass(frozen=True)
class CheckpointResult:
    """One checkpoint as the learner's notebook stood when it was checked."""

    assignment: str
    #: The module's name, e.g. "Getting ready" (the notebook's first heading).
    title: str
    #: What still needs doing, in plain words; empty when the checkpoint is done.
    missing: tuple[str, ...] = ()

    @property
    def done(self) -> bool:
        return not self.missing

    def to_dict(self) -> dict:
        return {"assignment": self.assignment, "title": self.title, "missing": list(self.missing)}

    @classmethod
    def from_dict(cls, data: dict) -> "CheckpointResult":
        assignment, title, missing = data["assignment"], data["title"], data["missing"]
        if not (isinstance(assignment, str) and isinstance(title, str) and isinstance(missing, list)
                and all(isinstance(item, str) for item in missing)):
            raise ValueError("a checkpoint result must be text")
        return cls(assignment, title, tuple(missing))


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot go on a certificate, or None. Blank is allowed while typing."""
    if not isinstance(name, str):
        return "the name must be text"
    if len(name) > MAX_NAME:
        return (f"a name of at most {MAX_NAME} characters fits on the certificate "
                f"(this one has {len(name):,})")
    if any(unicodedata.category(ch) == "Cc" for ch in name):
        return "a name is one line, with no tabs, line breaks or control characters"
    return None


def _plan_text_problem(label: str, text: str) -> str | None:
    if not isinstance(text, str):
        return f"the {label} must be text"
    if len(text) > MAX_PLAN_TEXT:
        return f"the {label} can be at most {MAX_PLAN_TEXT} characters (this one has {len(text):,})"
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        return f"the {label} is one line, with no tabs, line breaks or control characters"
    return None


@dataclass
class Certificate:
    #: The name to print, as the learner typed it (trimmed when shown).
    name: str = ""
    #: The 90-day plan: the first circle's date (ISO, "" for not yet), who co-facilitates, where
    #: the plus/delta from it will be shared.
    first_circle: str = ""
    co_facilitator: str = ""
    share_where: str = ""
    #: The last check of the checkpoint notebooks: its date (ISO, "" for never) and results.
    checked_on: str = ""
    results: list[CheckpointResult] = field(default_factory=list)

    def __post_init__(self):
        self.validate()

    def validate(self) -> None:
        problem = name_problem(self.name)
        for label, text in (("co-facilitator", self.co_facilitator), ("place to share", self.share_where)):
            problem = problem or _plan_text_problem(label, text)
        if problem:
            raise ValueError(problem)
        for text in (self.first_circle, self.checked_on):
            if not isinstance(text, str) or (text and not _is_date(text)):
                raise ValueError("a date must look like 2027-03-01")
        if not isinstance(self.results, list) or not all(isinstance(r, CheckpointResult) for r in self.results):
            raise ValueError("the checkpoint results are not readable")

    def update(self, **changes) -> None:
        update_validated(self, changes)

    def record_check(self, results: list[CheckpointResult], today: date) -> None:
        self.update(results=list(results), checked_on=today.isoformat())

    @property
    def shown_name(self) -> str:
        return " ".join(self.name.split())

    def checkpoints_done(self) -> bool:
        return bool(self.results) and all(result.done for result in self.results)

    def missing(self) -> list[str]:
        """Everything that stands between the learner and the certificate, in plain words."""
        out = []
        if not self.shown_name:
            out.append("Type the name to print on the certificate.")
        if not self.results:
            out.append("Check your checkpoints (the button above): the certificate needs every one done.")
        out += [f"{result.title}: {item}" for result in self.results for item in result.missing]
        return out

    @property
    def eligible(self) -> bool:
        return not self.missing()

    def modules_completed(self) -> list[str]:
        return [result.title for result in self.results if result.done]

    def to_dict(self) -> dict:
        data = {name: value for name, value in vars(self).items() if name != "results"}
        data["results"] = [result.to_dict() for result in self.results]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Certificate":
        known = {name: value for name, value in data.items() if name in cls.__dataclass_fields__}
        results = known.pop("results", [])
        if not isinstance(results, list):
            raise ValueError("the checkpoint results are not a list")
        return cls(**known, results=[CheckpointResult.from_dict(item) for item in results])


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def store(folder=None) -> ActivityStore[Certificate]:
    return ActivityStore(ACTIVITY, SCHEMA_VERSION, Certificate.from_dict, Certificate, folder)
