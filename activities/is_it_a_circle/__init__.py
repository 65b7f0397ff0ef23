"""Activity "Is it a learning circle?": borderline cases, answered alone or tallied in a group.

Pure-Python parts (``cases``, ``model``, ``render``, ``export``) need no widgets; the view
(``activity``) is imported only when asked for.
"""
from .cases import ATTRIBUTES, CASES, VERDICTS, Case
from .model import ACTIVITY, Answer, CaseSheet, Comparison

__all__ = ["ACTIVITY", "ATTRIBUTES", "Answer", "CASES", "Case", "CaseSheet", "Comparison", "VERDICTS",
           "activity"]


def __getattr__(name):
    if name == "activity":
        from .view import activity

        return activity
    raise AttributeError(name)
