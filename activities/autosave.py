"""Connects an activity's model to its saved work (activities/storage.py).

A model class only needs ``to_dict()`` and a ``from_dict(data)`` classmethod that raises
``ValueError``/``TypeError``/``KeyError`` for data it cannot use. Saved data that is valid JSON but
not a valid model (edited by hand, from an old version) is treated like any unreadable file:
kept as a backup, the learner is told, and the activity starts clean.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Generic, TypeVar

from .storage import SavedState, short_reason

Model = TypeVar("Model")


class ActivityStore(Generic[Model]):
    def __init__(self, activity: str, schema_version: int, from_dict: Callable[[dict], Model],
                 new: Callable[[], Model], folder: Path | None = None, state: SavedState | None = None):
        # ``state``: an already opened saved-work file of this activity (tests pass their own).
        self.state = state or SavedState(activity, schema_version, folder=folder)
        self._from_dict = from_dict
        self._new = new

    def load(self) -> tuple[Model, str | None]:
        """The saved model (or a new one) and a message for the learner, if any."""
        result = self.state.load()
        if result.data is None:
            return self._start_clean(), result.message
        try:
            return self._from_dict(result.data), None
        except Exception as error:  # any data the model cannot use: never a traceback for the learner
            message = self.state.set_aside(f"Your saved work could not be used ({short_reason(error)})")
            return self._start_clean(), message

    def _start_clean(self) -> Model:
        # Saved at once: a new model may hold random choices (a shuffled order, calendar ids)
        # that must stay the same when the learner comes back.
        model = self._new()
        self.save(model)
        return model

    def save(self, model) -> bool:
        """Save ``model``; False when the disk refused (the work is kept, ``state.problem`` says why)."""
        return self.state.save_or_keep(model.to_dict())
