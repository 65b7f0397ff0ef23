"""Activity "Choose a course": compare 1-6 candidate courses and send the chosen one to the plan.

The model, render, export and hand-over parts need no widgets; ``activity`` (the ipywidgets
view) is imported only when asked for.
"""
from .model import (ACTIVITY, KINDS, MAX_CANDIDATES, RATINGS, SCHEMA_VERSION, Candidate,
                    CourseChoice, PlanWindow, Reason, reasons_for)

__all__ = ["ACTIVITY", "KINDS", "MAX_CANDIDATES", "RATINGS", "SCHEMA_VERSION", "Candidate",
           "CourseChoice", "PlanWindow", "Reason", "activity", "reasons_for"]


def __getattr__(name):
    if name == "activity":
        from .view import activity

        return activity
    raise AttributeError(name)
