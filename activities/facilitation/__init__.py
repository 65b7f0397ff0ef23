"""Activity "10-minute facilitation": a group of 5 to 8 practise facilitating, one round each,
with the course's browser timer for the 5-minute discussion and the 10-minute debrief.

Pure-Python parts (``model``, ``render``, ``export``) need no widgets; the view (``activity``) is
imported only when asked for.
"""
from .materials import SUGGESTIONS, Material
from .model import ACTIVITY, CRITERIA, MAX_GROUP, MIN_GROUP, Practice, Round, check_names, store

__all__ = ["ACTIVITY", "CRITERIA", "MAX_GROUP", "MIN_GROUP", "SUGGESTIONS", "Material", "Practice", "Round",
           "activity", "check_names", "store"]


def __getattr__(name):
    if name == "activity":
        from .view import activity

        return activity
    raise AttributeError(name)
