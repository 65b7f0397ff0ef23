""""When it gets hard": which hard-situation card the group is on, what it tried, what it has seen.

Pure Python (no widgets, no HTML). Cards are drawn from a shuffled deck with no repeats until
every card has come up; the deck is saved, so a restart carries on where the group was. The
suggested moves of a card are shown only once the group has recorded what it tried, or has
chosen to reveal them without recording.
"""
from __future__ import annotations

import random
import secrets
from dataclasses import dataclass, field

from ..autosave import ActivityStore
from ..validated import update_validated
from .cards import BY_KEY, CARDS, Card

ACTIVITY = "when-it-gets-hard"
SCHEMA_VERSION = 1


def _new_seed() -> int:
    return secrets.randbelow(2**31)


@dataclass
class HardCards:
    #: Where this group's shuffles come from (random once, then saved).
    seed: int = field(default_factory=_new_seed)
    #: How many times the deck has been shuffled (each round is a new order).
    rounds: int = 0
    #: The cards not drawn yet in this round, in the order they will come up.
    remaining: list[str] = field(default_factory=list)
    #: The card on the table, or None before the first draw.
    current: str | None = None
    #: What the group tried, per card, in the order the cards were practised.
    records: dict[str, str] = field(default_factory=dict)
    #: What is typed but not recorded yet, per card (kept so a closed notebook loses nothing).
    drafts: dict[str, str] = field(default_factory=dict)
    #: Cards whose moves the group chose to see without recording first.
    revealed: list[str] = field(default_factory=list)
    group_mode: bool = False

    def __post_init__(self):
        self.validate()

    def validate(self) -> None:
        if not isinstance(self.seed, int) or isinstance(self.seed, bool):
            raise ValueError("the shuffle seed must be a whole number")
        if not isinstance(self.rounds, int) or isinstance(self.rounds, bool) or self.rounds < 0:
            raise ValueError("the number of shuffles must be a whole number")
        if not isinstance(self.remaining, list) or len(set(self.remaining)) != len(self.remaining):
            raise ValueError("the deck holds each card at most once")
        for keys in (self.remaining, self.revealed, list(self.records), list(self.drafts)):
            if not set(keys) <= set(BY_KEY):
                raise ValueError("a card this activity does not have")
        if self.current is not None and self.current not in BY_KEY:
            raise ValueError("the current card is not one of the cards")
        if not all(isinstance(text, str) and text.strip() for text in self.records.values()):
            raise ValueError("what the group tried must be text")
        if not all(isinstance(text, str) for text in self.drafts.values()):
            raise ValueError("a draft must be text")
        if not isinstance(self.group_mode, bool):
            raise ValueError("group mode is on or off")

    def update(self, **changes) -> None:
        """Change some fields; nothing changes if the result would be invalid."""
        update_validated(self, changes)

    # --- the deck ------------------------------------------------------------------------------
    def _shuffle(self) -> list[str]:
        order = [card.key for card in CARDS]
        random.Random(f"{self.seed}:{self.rounds}").shuffle(order)
        # A new round never starts with the card just practised (that would feel like a repeat).
        if len(order) > 1 and order[0] == self.current:
            order.append(order.pop(0))
        self.rounds += 1
        return order

    def draw(self) -> Card:
        """The next card of the deck; a fresh shuffle once every card has come up."""
        if not self.remaining:
            self.remaining = self._shuffle()
        self.current = self.remaining.pop(0)
        return BY_KEY[self.current]

    def choose(self, key: str) -> Card:
        """Put a card on the table by choice (it then does not come up again this round)."""
        if key not in BY_KEY:
            raise ValueError("there is no such card")
        self.current = key
        if key in self.remaining:
            self.remaining.remove(key)
        return BY_KEY[key]

    def card(self) -> Card | None:
        return BY_KEY[self.current] if self.current else None

    def left_in_round(self) -> int:
        """How many cards are still to come before the deck is shuffled again."""
        return len(self.remaining) if self.remaining or self.rounds else len(CARDS)

    # --- recording and revealing ---------------------------------------------------------------
    def record(self, key: str, tried: str) -> None:
        """Keep what the group tried with card ``key`` (this also reveals the card's moves)."""
        if key not in BY_KEY:
            raise ValueError("there is no such card")
        if not isinstance(tried, str) or not tried.strip():
            raise ValueError("write a few words about what the group tried first")
        records = {k: v for k, v in self.records.items() if k != key}
        self.records = {**records, key: tried}  # moved to the end: the latest practice is last
        self.drafts.pop(key, None)

    def set_draft(self, key: str, text: str) -> None:
        """Keep what is typed for card ``key`` before it is recorded."""
        if key not in BY_KEY:
            raise ValueError("there is no such card")
        self.update(drafts={**self.drafts, key: text})

    def typed(self, key: str) -> str:
        """What the box shows for card ``key``: a draft being written, else what was recorded."""
        return self.drafts.get(key, self.records.get(key, ""))

    def reveal(self, key: str) -> None:
        """Show a card's suggested moves without recording first."""
        if key not in BY_KEY:
            raise ValueError("there is no such card")
        if key not in self.revealed:
            self.revealed.append(key)

    def is_revealed(self, key: str) -> bool:
        return key in self.records or key in self.revealed

    def moves(self, key: str):
        """The card's suggested moves, or None while they are hidden."""
        return BY_KEY[key].moves if self.is_revealed(key) else None

    def practised(self) -> list[Card]:
        """The cards the group recorded something for, in the order it practised them."""
        return [BY_KEY[key] for key in self.records]

    # --- saving --------------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {"seed": self.seed, "rounds": self.rounds, "remaining": list(self.remaining),
                "current": self.current, "records": dict(self.records), "drafts": dict(self.drafts),
                "revealed": list(self.revealed), "group_mode": self.group_mode}

    @classmethod
    def from_dict(cls, data: dict) -> "HardCards":
        records, drafts = data.get("records", {}), data.get("drafts", {})
        if not isinstance(records, dict) or not isinstance(drafts, dict):
            raise ValueError("the records and drafts must be tables")
        return cls(seed=data["seed"], rounds=data.get("rounds", 0), remaining=list(data.get("remaining", [])),
                   current=data.get("current"), records=dict(records), drafts=dict(drafts),
                   revealed=list(data.get("revealed", [])), group_mode=data.get("group_mode", False))


def store(folder=None) -> ActivityStore[HardCards]:
    return ActivityStore(ACTIVITY, SCHEMA_VERSION, HardCards.from_dict, HardCards, folder)
