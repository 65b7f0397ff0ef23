""""Plus/Delta": at the end of each meeting everyone gives one plus (what went well) and one delta
(what to change next time); names are optional.

Pure-Python parts (``model``, ``render``, ``export``) need no widgets; the view (``activity``,
``PlusDeltaView``) is imported only when asked for.
"""
from .export import entries_csv, exports
from .model import (ACTIVITY, CSV_COLUMNS, MAX_IMPORT_BYTES, REQUIRED_COLUMNS, SCHEMA_VERSION, WEEKS, Entry,
                    ImportReport, PlusDelta, store)

__all__ = ["ACTIVITY", "CSV_COLUMNS", "Entry", "ImportReport", "MAX_IMPORT_BYTES", "PlusDelta", "PlusDeltaView",
           "REQUIRED_COLUMNS", "SCHEMA_VERSION", "WEEKS", "activity", "entries_csv", "exports", "store"]


def __getattr__(name):
    if name in ("activity", "PlusDeltaView"):
        from . import view

        return getattr(view, name)
    raise AttributeError(name)
