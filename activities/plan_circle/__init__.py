""""Plan your learning circle": dates, times, size and topic in; guidance, a schedule, an agenda
for every meeting and calendar/spreadsheet files out.

Pure-Python parts (``model``, ``render``, ``export``) need no widgets; the view (``activity``,
``PlanView``) is imported only when asked for.
"""
from .export import exports
from .model import (ACTIVITY, LIMITS, PARTS, SCHEMA_VERSION, SHARES, WEEKDAYS, AgendaItem, CirclePlan,
                    Guidance, Meeting, agenda_for, meeting_kind, read_saved_plan, split_minutes, store)

__all__ = ["ACTIVITY", "LIMITS", "PARTS", "PlanView", "SCHEMA_VERSION", "SHARES", "WEEKDAYS", "AgendaItem",
           "CirclePlan", "Guidance", "Meeting", "activity", "agenda_for", "exports", "meeting_kind",
           "read_saved_plan", "split_minutes", "store"]


def __getattr__(name):
    if name in ("activity", "PlanView"):
        from . import view

        return getattr(view, name)
    raise AttributeError(name)
