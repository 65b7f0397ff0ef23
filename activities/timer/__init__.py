"""The course's shared countdown timer (used by "10-minute facilitation" and "When it gets hard").

``Timer(minutes=15, label="Role-play")`` is the widget (see ``widget.py``; its trait ``finished``
turns True when the time is up). The arithmetic is ``model.Countdown``, pure Python, which the
browser's ``timer.js`` follows. Importing the package needs no widgets.
"""
from .model import FINISHED, MINUTE_MS, PAUSED, READY, RUNNING, Countdown, mm_ss, spoken

__all__ = ["FINISHED", "MINUTE_MS", "PAUSED", "READY", "RUNNING", "Countdown", "Timer", "mm_ss", "spoken"]


def __getattr__(name):
    if name == "Timer":
        from .widget import Timer

        return Timer
    raise AttributeError(name)
