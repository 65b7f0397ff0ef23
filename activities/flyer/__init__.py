"""Activity "Make a flyer": a printable one-page flyer and a social-media picture of a circle.

Pure-Python parts (``model``, ``layout``, ``render``, ``export``) need no widgets; the view
(``activity``) is imported only when asked for.
"""
from .model import ACTIVITY, FREE_LINE, Flyer, plan_date_lines, read_plan_dates

__all__ = ["ACTIVITY", "FREE_LINE", "Flyer", "activity", "plan_date_lines", "read_plan_dates"]


def __getattr__(name):
    if name == "activity":
        from .view import activity

        return activity
    raise AttributeError(name)
