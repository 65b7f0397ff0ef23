""""10-minute facilitation": a group of 5 to 8, a rotation in which everyone facilitates once, and
a record of every round (what the group watched or read, the success checklist, notes).

Pure Python (no widgets, no HTML). The rotation is shuffled with a saved seed and saved itself,
so it stays the same after a restart; ``reshuffle`` changes it on purpose, and only for the
people who have not had their turn yet.
"""
from __future__ import annotations

import random
import secrets
from dataclasses import dataclass, field, replace

from ..autosave import ActivityStore
from ..safe_text import checked_link
from .materials import BY_KEY, OWN

ACTIVITY = "ten-minute-facilitation"
SCHEMA_VERSION = 1
MIN_GROUP, MAX_GROUP = 5, 8
MAX_NAME = 60
MAX_NOTES = 20_000
MAX_TITLE = 200
FACILITATION_MINUTES, DEBRIEF_MINUTES = 5, 10

#: What went well looks like (the five criteria), in the order the group checks them.
CRITERIA: tuple[tuple[str, str], ...] = (
    ("spoke", "Everyone spoke"),
    ("summarise", "Everyone can sum up what was said"),
    ("no-upset", "Nobody left upset"),
    ("on-topic", "The talk stayed on topic"),
    ("learned", "Everyone learned one thing"),
)
CRITERION_KEYS = tuple(key for key, _ in CRITERIA)


def clean_name(name) -> str:
    if not isinstance(name, str):
        raise ValueError("a name must be text")
    name = " ".join(name.replace("\x00", "").split())
    if not name:
        raise ValueError("a name cannot be empty")
    if len(name) > MAX_NAME:
        raise ValueError(f"a name can have at most {MAX_NAME} characters (\u201c{name[:20]}\u2026\u201d is longer)")
    return name


def parse_names(text: str) -> list[str]:
    """The names typed one per line (blank lines skipped)."""
    return [line for line in str(text).splitlines() if line.strip()]


def check_names(names) -> list[str]:
    cleaned = [clean_name(name) for name in names]
    if not MIN_GROUP <= len(cleaned) <= MAX_GROUP:
        raise ValueError(f"the exercise needs a group of {MIN_GROUP} to {MAX_GROUP} people; "
                         f"you typed {len(cleaned)} name{'' if len(cleaned) == 1 else 's'}")
    seen: dict[str, str] = {}
    for name in cleaned:
        key = name.casefold()
        if key in seen:
            raise ValueError(f"\u201c{name}\u201d is on the list twice: add a surname or an initial to tell them apart")
        seen[key] = name
    return cleaned


def _text(value, limit: int, what: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"the {what} must be text")
    if len(value) > limit:
        raise ValueError(f"the {what} can have at most {limit:,} characters; this has {len(value):,}")
    return value


@dataclass(frozen=True)
class Round:
    """What one round used and how it went (the facilitator is its place in the rotation)."""

    material: str = ""  # a suggestion's key, OWN, or "" (not chosen yet)
    own_title: str = ""
    own_link: str = ""
    checked: tuple[str, ...] = ()
    notes: str = ""

    def __post_init__(self):
        if self.material not in ("", OWN, *BY_KEY):
            raise ValueError("unknown video or reading")
        _text(self.own_title, MAX_TITLE, "title")
        _text(self.notes, MAX_NOTES, "notes")
        url, problem = checked_link(self.own_link)
        if problem:
            raise ValueError(problem)
        if any(key not in CRITERION_KEYS for key in self.checked) or len(set(self.checked)) != len(self.checked):
            raise ValueError("unknown item on the checklist")

    @property
    def is_empty(self) -> bool:
        return self == Round()

    def met(self) -> int:
        return len(self.checked)

    def to_dict(self) -> dict:
        return {"material": self.material, "own_title": self.own_title, "own_link": self.own_link,
                "checked": list(self.checked), "notes": self.notes}

    @classmethod
    def from_dict(cls, data: dict) -> "Round":
        return cls(data["material"], data["own_title"], data["own_link"], tuple(data["checked"]), data["notes"])


@dataclass
class Practice:
    """The group's practice session. Every change is all or nothing (``ValueError`` otherwise)."""

    rotation: list[str] = field(default_factory=list)  # the names, in the order they facilitate
    seed: int = field(default_factory=lambda: secrets.randbits(32))
    rounds: dict[str, Round] = field(default_factory=dict)  # by facilitator
    current: int = 0  # the round on screen (an index into the rotation)

    def __post_init__(self):
        if self.rotation:
            check_names(self.rotation)
        if set(self.rounds) - set(self.rotation):
            raise ValueError("a round belongs to someone who is not in the group")
        if not isinstance(self.seed, int) or isinstance(self.seed, bool):
            raise ValueError("the shuffle's seed must be a whole number")
        if not (0 <= self.current < max(1, len(self.rotation))):
            raise ValueError("there is no such round")

    # --- the group and its rotation ---------------------------------------------------------------
    def set_names(self, names) -> None:
        """A new group: people with a round written down go first, in their order; the others
        follow, shuffled with the seed."""
        names = check_names(names)
        keys = {name.casefold() for name in names}
        gone = [name for name in self.rotation if name.casefold() not in keys and name in self.rounds
                and not self.rounds[name].is_empty]
        if gone:
            raise ValueError(f"\u201c{gone[0]}\u201d already has a round written down: keep the name, "
                             "or clear that round first")
        if [n.casefold() for n in sorted(names)] == [n.casefold() for n in sorted(self.rotation)]:
            return
        self.rounds = {name: rnd for name, rnd in self.rounds.items() if name in names and not rnd.is_empty}
        kept = [name for name in self.rotation if name in self.rounds]
        self.rotation = self._arranged(kept, [name for name in names if name not in kept])
        self.current = 0

    def _arranged(self, kept: list[str], others: list[str]) -> list[str]:
        # The kept names first, in their order; the others shuffled with the seed (same seed, same
        # names: same order, so the rotation can always be made again).
        others = list(others)
        random.Random(self.seed).shuffle(others)
        return kept + others

    def reshuffle(self, seed: int | None = None) -> None:
        """A new order for everyone who has not facilitated yet (a new seed, saved); people with a
        round written down keep their place."""
        if not self.rotation:
            raise ValueError("type the group's names first")
        self.seed = secrets.randbits(32) if seed is None else seed
        free = [index for index, name in enumerate(self.rotation) if name not in self.rounds]
        others = [self.rotation[index] for index in free]
        random.Random(self.seed).shuffle(others)
        for index, name in zip(free, others):
            self.rotation[index] = name

    def facilitator(self, index: int | None = None) -> str | None:
        index = self.current if index is None else index
        return self.rotation[index] if 0 <= index < len(self.rotation) else None

    # --- the rounds -------------------------------------------------------------------------------
    def go_to(self, index: int) -> None:
        if not 0 <= index < len(self.rotation):
            raise ValueError("there is no such round")
        self.current = index

    def round(self, index: int | None = None) -> Round:
        name = self.facilitator(index)
        return self.rounds.get(name, Round()) if name else Round()

    def update_round(self, **changes) -> Round:
        """Change the current round (material, own_title, own_link, checked, notes)."""
        name = self.facilitator()
        if name is None:
            raise ValueError("type the group's names first")
        if "checked" in changes:
            ticked = set(changes["checked"])
            if ticked - set(CRITERION_KEYS):
                raise ValueError("unknown item on the checklist")
            changes["checked"] = tuple(key for key in CRITERION_KEYS if key in ticked)  # checklist order
        updated = replace(self.round(), **changes)
        if updated.is_empty:
            self.rounds.pop(name, None)
        else:
            self.rounds[name] = updated
        return updated

    def clear_round(self, index: int) -> None:
        name = self.facilitator(index)
        if name:
            self.rounds.pop(name, None)

    def summary_rows(self) -> list[dict]:
        """One row per round in the rotation, as the summary shows it (plain text)."""
        rows = []
        for index, name in enumerate(self.rotation):
            rnd = self.round(index)
            title, link = material_of(rnd)
            row = {"Round": index + 1, "Facilitator": name, "Video or reading": title, "Link": link}
            row.update({label: ("yes" if key in rnd.checked else "") for key, label in CRITERIA})
            row["Went well"] = f"{rnd.met()} of {len(CRITERIA)}" if not rnd.is_empty else ""
            row["Notes"] = rnd.notes.strip()
            rows.append(row)
        return rows

    def summary(self):
        """The rounds as a pandas DataFrame (one row per round)."""
        import pandas as pd  # only when a summary is asked for (pandas takes a while to import)

        columns = ["Round", "Facilitator", "Video or reading", "Link", *(label for _, label in CRITERIA),
                   "Went well", "Notes"]
        return pd.DataFrame(self.summary_rows(), columns=columns)

    def rounds_recorded(self) -> int:
        return sum(1 for name in self.rotation if not self.rounds.get(name, Round()).is_empty)

    # --- saving -----------------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {"rotation": list(self.rotation), "seed": self.seed, "current": self.current,
                "rounds": {name: rnd.to_dict() for name, rnd in self.rounds.items()}}

    @classmethod
    def from_dict(cls, data: dict) -> "Practice":
        rounds = {name: Round.from_dict(rnd) for name, rnd in data["rounds"].items()}
        return cls(list(data["rotation"]), data["seed"], rounds, data["current"])


def material_of(rnd: Round) -> tuple[str, str]:
    """The round's video or reading as (title, link), plain text."""
    if rnd.material == OWN:
        return rnd.own_title.strip() or "Our own choice", rnd.own_link
    if rnd.material in BY_KEY:
        return BY_KEY[rnd.material].title, BY_KEY[rnd.material].url
    return "", ""


def store(folder=None) -> ActivityStore[Practice]:
    return ActivityStore(ACTIVITY, SCHEMA_VERSION, Practice.from_dict, Practice, folder)
