"""The sentence editor's state, without any widgets: text, ticked barriers, revision history.

``SentenceWork`` adds saved work: every change is written through ``activities.storage`` and
read back on the next start; a file that cannot be used is kept aside and the learner is told.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import resources
from typing import Callable

from ..autosave import ActivityStore
from ..safe_text import shorten
from ..storage import SavedState

from .barriers import BARRIER_IDS, BARRIERS
from .fitting import normalise

SLOGAN = "Anybody can learn anything, anywhere, for free"
ACTIVITY = "sentence-editor"
SCHEMA_VERSION = 1


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def clean_text(text: str) -> str:
    """Keep every real character; only lone surrogates (which no file can store) are replaced."""
    if not isinstance(text, str):
        raise TypeError(f"the sentence must be text, not {type(text).__name__}")
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


@dataclass(frozen=True)
class Version:
    text: str
    saved_at: str  # ISO 8601, UTC

    def label(self, number: int) -> str:
        """A one-line name for a version, e.g. for a list to restore from (plain text, not HTML)."""
        when = self.saved_at.replace("T", " ")[:16]
        return f"{number}. {when} UTC: {shorten(normalise(self.text), 60) or '(empty)'}"


@dataclass
class SentenceModel:
    text: str = SLOGAN
    barriers: set[str] = field(default_factory=set)
    history: list[Version] = field(default_factory=list)

    def set_text(self, text: str) -> None:
        self.text = clean_text(text)

    def tick(self, barrier_id: str, ticked: bool = True) -> None:
        if barrier_id not in BARRIER_IDS:
            raise KeyError(barrier_id)
        (self.barriers.add if ticked else self.barriers.discard)(barrier_id)

    def prompts(self) -> list[tuple[str, str]]:
        """(barrier name, question) for every ticked barrier, in the course's order."""
        return [(b.name, b.question) for b in BARRIERS if b.id in self.barriers]

    def save_version(self, saved_at: str | None = None) -> Version:
        version = Version(self.text, saved_at or _now())
        self.history.append(version)
        return version

    def restore(self, index: int) -> str:
        """Make version ``index`` the current text. History keeps every version, so nothing is lost."""
        if not 0 <= index < len(self.history):
            raise IndexError(f"there is no version {index + 1}")
        self.text = self.history[index].text
        return self.text

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "barriers": sorted(self.barriers),
            "history": [{"text": v.text, "saved_at": v.saved_at} for v in self.history],
        }

    @classmethod
    def from_dict(cls, data: dict) -> "SentenceModel":
        """Rebuild from ``to_dict`` output; ValueError when it is not that shape."""
        try:
            text = data["text"]
            barriers = data["barriers"]
            history = [Version(item["text"], item["saved_at"]) for item in data["history"]]
        except (KeyError, TypeError) as error:
            raise ValueError(f"missing or wrong part: {error}") from None
        if not isinstance(text, str) or not isinstance(barriers, list):
            raise ValueError("the text or the barrier list has the wrong type")
        if any(not isinstance(v.text, str) or not isinstance(v.saved_at, str) for v in history):
            raise ValueError("a saved version has the wrong type")
        unknown = set(barriers) - BARRIER_IDS if all(isinstance(b, str) for b in barriers) else {"?"}
        if unknown:
            raise ValueError(f"unknown barriers {sorted(unknown)}")
        return cls(clean_text(text), set(barriers), history)


class SentenceWork:
    """A model that saves itself after every change and restores itself on start."""

    def __init__(self, state: SavedState | None = None, folder=None):
        # The same saved-work path as every activity (activities/autosave.py).
        self.store = ActivityStore(ACTIVITY, SCHEMA_VERSION, SentenceModel.from_dict, SentenceModel,
                                   folder=folder, state=state)
        self.state = self.store.state
        self.model, self.message = self.store.load()
        self.listeners: list[Callable[[], None]] = []

    def save(self) -> None:
        """Save at once; if the disk refuses, the work stays here and ``state.problem`` says so."""
        self.store.save(self.model)

    # Every change goes through one of these, so nothing is ever left unsaved.
    def set_text(self, text: str) -> None:
        if clean_text(text) != self.model.text:
            self.model.set_text(text)
            self.save()

    def tick(self, barrier_id: str, ticked: bool) -> None:
        self.model.tick(barrier_id, ticked)
        self.save()

    def save_version(self) -> Version:
        version = self.model.save_version()
        self.save()
        return version

    def restore(self, index: int) -> str:
        text = self.model.restore(index)
        self.save()
        return text


@dataclass(frozen=True)
class GalleryExample:
    title: str
    text: str
    barriers: tuple[str, ...]


def gallery() -> list[GalleryExample]:
    """Example rewrites written by the course authors (kept as data in gallery.json)."""
    raw = json.loads(resources.files(__package__).joinpath("gallery.json").read_text(encoding="utf-8"))
    return [GalleryExample(e["title"], e["text"], tuple(e["barriers"])) for e in raw["examples"]]
