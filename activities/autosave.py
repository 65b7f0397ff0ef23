"""Connects an activity's model to its saved work (activities/storage.py).

A model class only needs ``to_dict()`` and a ``from_dict(data)`` classmethod that raises
``ValueError``/``TypeError``/``KeyError`` for data it cannot use. Saved data that is valid JSON but
not a valid model (edited by hand, from an old version) is treated like any unreadable file:
kept as a backup, the learner is told, and the activity starts clean.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Generic, TypeVar

from .storage import SavedState

Model = TypeVar("Model")


class ActivityStore(Generic[Model]):
    def __init__(self, activity: str, schema_version: int, from_dict: Callable[[dict], Model],
                 new: Callable[[], Model], folder: Path | None = None):
        self.state = SavedState(activity, schema_version, folder=folder)
        self._from_dict = from_dict
        self._new = new

    def load(self) -> tuple[Model, str | None]:
        """The saved model (or a new one) and a message for the learner, if any."""
        result = self.state.load()
        if result.data is None:
            return self._start_clean(), result.message
        try:
            return self._from_dict(result.data), None
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            # The storage layer already knows how to keep a copy aside; reuse it.
            backup = self.state._move_aside(self.state.path)
            reason = str(error) or type(error).__name__
            reason = reason if len(reason) <= 120 else reason[:117] + "..."
            return self._start_clean(), (
                f"Your saved work could not be used ({reason}). A copy was kept as {backup.name} "
                f"in {backup.parent}. Starting with a clean slate.")

    def _start_clean(self) -> Model:
        # Saved at once: a new model may hold random choices (a shuffled order, calendar ids)
        # that must stay the same when the learner comes back.
        model = self._new()
        self.save(model)
        return model

    def save(self, model) -> Path:
        return self.state.save(model.to_dict())
