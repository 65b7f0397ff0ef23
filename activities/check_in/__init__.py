""""Check-in for a first meeting": the group's goals, what they expect of each other (homework
or not) and the agreements they make, turned into a printable summary for the group.

Pure-Python parts (``model``, ``render``, ``export``) need no widgets; the view (``activity``,
``CheckInView``) is imported only when asked for.
"""
from .export import exports
from .model import (ACTIVITY, FIRST_MEETING_STEPS, HOMEWORK, SCHEMA_VERSION, SUGGESTED_AGREEMENTS, CheckIn,
                    Goal, store)

__all__ = ["ACTIVITY", "CheckIn", "CheckInView", "FIRST_MEETING_STEPS", "Goal", "HOMEWORK", "SCHEMA_VERSION",
           "SUGGESTED_AGREEMENTS", "activity", "exports", "store"]


def __getattr__(name):
    if name in ("activity", "CheckInView"):
        from . import view

        return getattr(view, name)
    raise AttributeError(name)
