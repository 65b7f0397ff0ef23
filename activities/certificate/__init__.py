"""Activity "Your certificate": the learner's checkpoints checked with nbgrader's validator, the
90-day plan, and a printable certificate of completion once every checkpoint is done.

Pure-Python parts (``model``, ``render``, ``export``) need no widgets and no nbgrader; the check
(``eligibility``) runs nbgrader's validator; the view (``activity``) is imported only when asked for.
"""
from .model import ACTIVITY, MAX_NAME, SCHEMA_VERSION, Certificate, CheckpointResult, name_problem, store

__all__ = ["ACTIVITY", "MAX_NAME", "SCHEMA_VERSION", "Certificate", "CheckpointResult", "activity",
           "name_problem", "store"]


def __getattr__(name):
    if name == "activity":
        from .view import activity

        return activity
    raise AttributeError(name)
