"""Activity "Ask your community": a vote board of topics, its tally and chart, and the top topic
handed to "Choose a course".

Pure-Python parts (``model``, ``render``, ``export``) need no widgets; the view (``activity``) is
imported only when asked for.
"""
from .model import ACTIVITY, DETROIT_EXAMPLE, Result, Topic, VoteBoard

__all__ = ["ACTIVITY", "DETROIT_EXAMPLE", "Result", "Topic", "VoteBoard", "activity"]


def __getattr__(name):
    if name == "activity":
        from .view import activity

        return activity
    raise AttributeError(name)
