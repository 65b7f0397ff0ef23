"""Connects an activity's model to its saved work (activities/storage.py).

A model class only needs ``to_dict()`` and a ``from_dict(data)`` classmethod that raises
``ValueError``/``TypeError``/``KeyError`` for data it cannot use. Saved data that is valid JSON but
not a valid model (edited by hand, from an old version) is treated like any unreadable file:
kept as a backup, the learner is told, and the activity starts clean.

The same activity open twice (two tabs, two kernels) never loses either one's work silently:
before saving, the store checks whether the file changed since this view read or wrote it. If
it did, a model with a ``merge(theirs, base)`` method takes in the other copy's changes (``base``
is what both started from, or None); any other model is saved as it is and the other copy is
kept as a side file. Either way the activity's message area says what happened.
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
        self._base: dict | None = None  # the data as this view last read or saved it

    def load(self) -> tuple[Model, str | None]:
        """The saved model (or a new one) and a message for the learner, if any."""
        result = self.state.load()
        if result.data is None:
            return self._start_clean(), result.message
        try:
            model = self._from_dict(result.data)
            self._base = result.data
            return model, None
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
        """Save ``model``; False when the disk refused (the work is kept, ``state.problem`` says why).
        Changes another tab or kernel saved meanwhile are merged into ``model`` or kept aside."""
        theirs = self.state.changed_elsewhere()
        if theirs is not None:
            self.state.tell(self._take_in(model, theirs))
        data = model.to_dict()
        saved = self.state.save_or_keep(data)
        if saved:
            self._base = data
        return saved

    def _take_in(self, model, theirs) -> str:
        """Merge the other copy into ``model`` where it can; else keep it aside. What to tell."""
        opened_twice = "This activity is also open in another tab or notebook, and was saved there."
        merge = getattr(model, "merge", None)
        if theirs.data is not None and merge is not None:
            try:
                base = self._from_dict(self._base) if self._base is not None else None
                merge(self._from_dict(theirs.data), base)
            except Exception:  # a copy the model cannot use or merge: kept whole instead
                pass
            else:
                return f"{opened_twice} Its changes and yours are both kept here."
        return f"{opened_twice} {theirs.message or self.state.keep_other_copy()} " \
               "What this notebook shows is saved as your work."
