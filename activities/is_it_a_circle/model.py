""""Is it a learning circle?": the learner's answers to the cases, a group's tallies, a definition.

Pure Python (no widgets, no HTML). A case's discussion is revealed only once the case has an
answer (a verdict, and the attributes ticked as at stake, possibly none). In group mode the
circle sees one case at a time and counts its yes / no / it depends answers.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..validated import update_validated
from .cases import ATTRIBUTES, BY_KEY, CASES, VERDICTS, Case

ACTIVITY = "is-it-a-learning-circle"
SCHEMA_VERSION = 1
#: A tally above this is a typing slip (no room holds that many), refused with a message.
MAX_COUNT = 10_000


@dataclass(frozen=True)
class Answer:
    verdict: str
    ticked: tuple[str, ...]

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError("the answer must be yes, no or it depends")
        if not isinstance(self.ticked, tuple) or any(a not in ATTRIBUTES for a in self.ticked):
            raise ValueError("only the five attributes can be ticked")
        if len(set(self.ticked)) != len(self.ticked):
            raise ValueError("an attribute is ticked twice")

    def to_dict(self) -> dict:
        return {"verdict": self.verdict, "ticked": list(self.ticked)}

    @classmethod
    def from_dict(cls, data: dict) -> "Answer":
        ticked = data.get("ticked", [])
        if not isinstance(ticked, list):
            raise ValueError("the ticked attributes must be a list")
        return cls(data["verdict"], tuple(ticked))


@dataclass(frozen=True)
class Comparison:
    """How the attributes a learner ticked compare with the ones the case tests."""

    agreed: tuple[str, ...]
    missed: tuple[str, ...]  # at stake, not ticked
    extra: tuple[str, ...]   # ticked, not at stake
    same_verdict: bool


def _empty_tally() -> dict[str, int]:
    return {verdict: 0 for verdict in VERDICTS}


@dataclass
class CaseSheet:
    answers: dict[str, Answer] = field(default_factory=dict)
    tallies: dict[str, dict[str, int]] = field(default_factory=dict)
    #: The learner's own notes per case (kept whether or not the case is answered).
    notes: dict[str, str] = field(default_factory=dict)
    definition: str = ""
    group_mode: bool = False
    current: int = 0

    def __post_init__(self):
        self.validate()

    def validate(self) -> None:
        if set(self.answers) - set(BY_KEY):
            raise ValueError("an answer is for a case this activity does not have")
        if not all(isinstance(a, Answer) for a in self.answers.values()):
            raise ValueError("answers must be answers")
        if set(self.tallies) - set(BY_KEY):
            raise ValueError("a tally is for a case this activity does not have")
        for tally in self.tallies.values():
            if not isinstance(tally, dict) or set(tally) != set(VERDICTS):
                raise ValueError("a tally counts yes, no and it depends")
            for count in tally.values():
                if not isinstance(count, int) or isinstance(count, bool) or not 0 <= count <= MAX_COUNT:
                    raise ValueError(f"a count is a whole number from 0 to {MAX_COUNT}")
        if set(self.notes) - set(BY_KEY) or not all(isinstance(n, str) for n in self.notes.values()):
            raise ValueError("notes are text, one per case")
        if not isinstance(self.definition, str):
            raise ValueError("the definition must be text")
        if not isinstance(self.group_mode, bool):
            raise ValueError("group mode is on or off")
        if not isinstance(self.current, int) or isinstance(self.current, bool) or not 0 <= self.current < len(CASES):
            raise ValueError("the current case is not one of the cases")

    def update(self, **changes) -> None:
        """Change some fields; nothing changes if the result would be invalid."""
        update_validated(self, changes)

    # --- answering -----------------------------------------------------------------------------
    def answer(self, key: str, verdict: str, ticked) -> Answer:
        """Record the learner's answer to case ``key`` (which reveals its discussion)."""
        if key not in BY_KEY:
            raise ValueError("there is no such case")
        if set(ticked) - set(ATTRIBUTES):
            raise ValueError("only the five attributes can be ticked")
        answer = Answer(verdict, tuple(a for a in ATTRIBUTES if a in set(ticked)))
        self.answers[key] = answer
        return answer

    def set_notes(self, key: str, notes: str) -> None:
        if key not in BY_KEY:
            raise ValueError("there is no such case")
        self.update(notes={**self.notes, key: notes})

    def revealed(self, key: str) -> bool:
        return key in self.answers

    def discussion(self, key: str) -> str | None:
        """Our discussion of the case, or None while the case has no answer."""
        return BY_KEY[key].discussion if self.revealed(key) else None

    def comparison(self, key: str) -> Comparison | None:
        if not self.revealed(key):
            return None
        case, answer = BY_KEY[key], self.answers[key]
        return Comparison(agreed=tuple(a for a in answer.ticked if a in case.at_stake),
                          missed=tuple(a for a in case.at_stake if a not in answer.ticked),
                          extra=tuple(a for a in answer.ticked if a not in case.at_stake),
                          same_verdict=answer.verdict == case.ours)

    def answered_count(self) -> int:
        return len(self.answers)

    # --- group mode ----------------------------------------------------------------------------
    def case(self) -> Case:
        return CASES[self.current]

    def move(self, step: int) -> None:
        """Go ``step`` cases on (negative: back), staying within the cases."""
        self.current = max(0, min(len(CASES) - 1, self.current + step))

    def group_revealed(self, key: str) -> bool:
        """In group mode the discussion appears once the group's answers are counted."""
        return sum(self.tally(key).values()) > 0

    def tally(self, key: str) -> dict[str, int]:
        return dict(self.tallies.get(key, _empty_tally()))

    def count_vote(self, key: str, verdict: str, step: int = 1) -> None:
        """One more (or, with ``step=-1``, one fewer) of the group said ``verdict``."""
        tally = self.tally(key)
        if verdict not in VERDICTS:
            raise ValueError("the answer must be yes, no or it depends")
        self.set_tally(key, **{verdict: max(0, tally[verdict] + step)})

    def set_tally(self, key: str, **counts: int) -> None:
        """Set the group's counts for a case (typed after a show of hands)."""
        if key not in BY_KEY:
            raise ValueError("there is no such case")
        tally = {**self.tally(key), **counts}
        self.update(tallies={**self.tallies, key: tally})

    # --- saving --------------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {"answers": {key: answer.to_dict() for key, answer in self.answers.items()},
                "tallies": {key: dict(tally) for key, tally in self.tallies.items()},
                "notes": dict(self.notes),
                "definition": self.definition, "group_mode": self.group_mode, "current": self.current}

    @classmethod
    def from_dict(cls, data: dict) -> "CaseSheet":
        answers = data.get("answers", {})
        tallies = data.get("tallies", {})
        notes = data.get("notes", {})
        if not all(isinstance(table, dict) for table in (answers, tallies, notes)):
            raise ValueError("answers, tallies and notes must be tables")
        return cls(answers={key: Answer.from_dict(value) for key, value in answers.items()},
                   tallies={key: dict(value) for key, value in tallies.items()}, notes=dict(notes),
                   definition=data.get("definition", ""), group_mode=data.get("group_mode", False),
                   current=data.get("current", 0))
