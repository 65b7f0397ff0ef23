"""Activity "When it gets hard": hard situations as cards to role-play, with suggested moves.

Pure-Python parts (``cards``, ``model``, ``render``, ``export``) need no widgets; the view
(``activity``) is imported only when asked for.
"""
from .cards import CARDS, ROLE_PLAY_MINUTES, TASK_LABELS, TASKS, Card, Move
from .model import ACTIVITY, HardCards, store

__all__ = ["ACTIVITY", "CARDS", "Card", "HardCards", "Move", "ROLE_PLAY_MINUTES", "TASKS", "TASK_LABELS",
           "activity", "store"]


def __getattr__(name):
    if name == "activity":
        from .view import activity

        return activity
    raise AttributeError(name)
