"""Activity "Get ready": a dated checklist from six weeks before the first meeting to after the
last one, with reminders, a calendar file of to-dos and a printable page.

Pure-Python parts (``steps``, ``model``, ``export``) need no widgets; the view (``activity``) is
imported only when asked for.
"""
from .model import ACTIVITY, Checklist, Countdown, Item, Schedule, checklist, read_plan

__all__ = ["ACTIVITY", "Checklist", "Countdown", "Item", "Schedule", "activity", "checklist", "read_plan"]


def __getattr__(name):
    if name == "activity":
        from .view import activity

        return activity
    raise AttributeError(name)
