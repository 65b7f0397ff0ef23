""""Which network is which?": the learner labels two network drawings and learns what the
difference (one centre versus sharing between peers) means for learning.

Model: :class:`WhichNetwork` (pure Python, no HTML). Drawings: ``render``; files: ``export``;
widgets: ``view``.
Each learner gets the two drawings in their own random order, saved with their work, so the
order stays the same when they reopen the notebook; "Try again" clears the answers and shuffles.
"""
from __future__ import annotations

import random
import secrets
from dataclasses import dataclass, field

from .. import diagrams
from ..autosave import ActivityStore

ACTIVITY = "which-network"
SCHEMA_VERSION = 1

CLIENT_SERVER = diagrams.CLIENT_SERVER
PEER_TO_PEER = diagrams.PEER_TO_PEER
KINDS = (CLIENT_SERVER, PEER_TO_PEER)

#: What the learner picks from, in a fixed order (not the order of the drawings).
CHOICES = {CLIENT_SERVER: "a client/server network", PEER_TO_PEER: "a peer-to-peer network"}

#: Our own words: what each kind is, and what it means when people learn that way.
EXPLANATIONS = {
    CLIENT_SERVER: (
        "In a client/server network every computer (a client) asks one central computer (the "
        "server) for what it needs, and the clients never connect to each other. Take the "
        "computers away and you have a lecture: everything passes through the one person at the "
        "front, and the people in the room have no direct way to learn from each other."),
    PEER_TO_PEER: (
        "In a peer-to-peer network the computers (peers) are joined to each other and share "
        "directly, with no central computer in charge. Take the computers away and you have a "
        "learning circle: knowledge is spread across everyone in the group, and it can be shared "
        "freely between people and between communities. That is the \u201cpeer to peer\u201d in P2PU."),
}

#: A nudge for a wrong answer that points at what to look for, without giving the answer.
HINTS = {
    CLIENT_SERVER: ("Look again: is there one computer in the middle that every line runs to, "
                    "with the outer computers never joined to each other?"),
    PEER_TO_PEER: ("Look again: are the computers joined to each other directly, with no single "
                   "computer that everything has to pass through?"),
}


def diagram_title(position: int) -> str:
    return f"Diagram {position + 1}"


@dataclass
class Feedback:
    """Feedback for one drawing: ``correct`` is None while it has no answer yet."""

    correct: bool | None
    text: str


@dataclass
class WhichNetwork:
    order: list[str]
    answers: list[str | None] = field(default_factory=lambda: [None, None])
    retries: int = 0
    solved_once: bool = False

    @classmethod
    def new(cls, rng: random.Random | None = None) -> "WhichNetwork":
        model = cls(order=list(KINDS))
        model.shuffle(rng)
        return model

    def shuffle(self, rng: random.Random | None = None) -> None:
        # A fresh secret seed per learner, unless a test passes its own generator.
        (rng or random.Random(secrets.randbits(64))).shuffle(self.order)

    # --- the learner's moves -------------------------------------------------------------
    def answer(self, position: int, kind: str | None) -> None:
        if position not in (0, 1):
            raise ValueError(f"there are two diagrams (0 and 1), not {position!r}")
        if kind is not None and kind not in KINDS:
            raise ValueError(f"unknown network kind {kind!r}")
        self.answers[position] = kind
        if self.all_correct:
            self.solved_once = True

    def try_again(self, rng: random.Random | None = None) -> None:
        self.answers = [None, None]
        self.retries += 1
        self.shuffle(rng)

    # --- what the learner sees ------------------------------------------------------------
    def is_correct(self, position: int) -> bool | None:
        given = self.answers[position]
        return None if given is None else given == self.order[position]

    @property
    def all_correct(self) -> bool:
        return all(self.is_correct(p) for p in (0, 1))

    def feedback(self, position: int) -> Feedback:
        given, actual = self.answers[position], self.order[position]
        title = diagram_title(position)
        if given is None:
            return Feedback(None, f"Choose what you think {title} shows.")
        if given == actual:
            return Feedback(True, f"Yes: {title} is {CHOICES[actual]}. {EXPLANATIONS[actual]}")
        text = f"Not quite: {title} is not {CHOICES[given]}. {HINTS[given]}"
        other = 1 - position
        if self.answers[other] == given:
            text += " (Each kind of network appears exactly once.)"
        return Feedback(False, text)

    def summary(self) -> str:
        if self.all_correct:
            return ("You found both. The difference is where knowledge lives: in one place that "
                    "everyone must go through, or spread among people who share it with each other. "
                    "Learning circles are built on the second idea: everyone in the group teaches "
                    "and learns.")
        answered = sum(a is not None for a in self.answers)
        return f"{answered} of 2 diagrams labelled."

    # --- saving ---------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {"order": list(self.order), "answers": list(self.answers), "retries": self.retries,
                "solved_once": self.solved_once}

    @classmethod
    def from_dict(cls, data: dict) -> "WhichNetwork":
        order, answers = data["order"], data["answers"]
        if not isinstance(order, list) or sorted(order) != sorted(KINDS):
            raise ValueError("the saved order of the diagrams is not valid")
        if not isinstance(answers, list) or len(answers) != 2 or any(
                a is not None and a not in KINDS for a in answers):
            raise ValueError("the saved answers are not valid")
        retries = data.get("retries", 0)
        if not isinstance(retries, int) or isinstance(retries, bool) or retries < 0:
            raise ValueError("the saved number of retries is not valid")
        return cls(order=list(order), answers=list(answers), retries=retries,
                   solved_once=bool(data.get("solved_once", False)))


def store(folder=None) -> ActivityStore[WhichNetwork]:
    return ActivityStore(ACTIVITY, SCHEMA_VERSION, WhichNetwork.from_dict, WhichNetwork.new, folder)
