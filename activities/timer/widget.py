"""The timer's widget: an anywidget whose countdown runs in the browser (``timer.js``).

    from activities.timer import Timer
    timer = Timer(minutes=15, label="Role-play")   # a widget: display it, or put it in a VBox
    timer.observe(lambda change: ..., "finished")  # True once the time has run out

Python hears about what people do (start, pause, resume, add a minute, reset, the end) through
the synced traits, never about each second.
"""
from __future__ import annotations

import anywidget
import traitlets

from ..templating import package_text
from .model import READY, STATUSES, Countdown, check_minutes


class Timer(anywidget.AnyWidget):
    """A countdown of ``minutes`` with the name ``label``; ``projector=True`` for the room."""

    _esm = package_text("activities.timer", "timer.js")
    _css = package_text("activities.timer", "timer.css")

    label = traitlets.Unicode("Timer").tag(sync=True)
    duration_ms = traitlets.Int(5 * 60_000).tag(sync=True)
    #: "ready", "running", "paused" or "finished" (set by the browser when someone acts).
    status = traitlets.Unicode(READY).tag(sync=True)
    #: Milliseconds left while ready or paused.
    left_ms = traitlets.Int(5 * 60_000).tag(sync=True)
    #: While running: the end, in the browser's ``Date.now()`` milliseconds.
    ends_at = traitlets.Float(0.0).tag(sync=True)
    #: True once the time has run out (the browser sets it at the end; reset clears it).
    finished = traitlets.Bool(False).tag(sync=True)
    #: A beep at the end (off unless someone ticks the box).
    sound = traitlets.Bool(False).tag(sync=True)
    #: Projector layout: every text at least 32 px, digits for the back of the room.
    projector = traitlets.Bool(False).tag(sync=True)

    def __init__(self, minutes: float = 5, label: str = "Timer", **kwargs):
        duration = check_minutes(minutes)
        super().__init__(label=str(label), duration_ms=duration, left_ms=duration, **kwargs)

    @traitlets.validate("status")
    def _known_status(self, proposal):
        if proposal["value"] not in STATUSES:
            raise traitlets.TraitError(f"unknown timer status {proposal['value']!r}")
        return proposal["value"]

    @property
    def countdown(self) -> Countdown:
        """The state as the pure-Python model (``.remaining(now_ms)`` with the browser's clock)."""
        return Countdown(self.duration_ms, self.status, self.left_ms, self.ends_at)

    @property
    def minutes(self) -> float:
        return self.duration_ms / 60_000

    def reset(self, minutes: float | None = None) -> None:
        """Back to the start (optionally with a new length); every view redraws at once."""
        duration = check_minutes(minutes) if minutes is not None else self.duration_ms
        with self.hold_sync():
            self.duration_ms = duration
            self.status, self.left_ms, self.ends_at, self.finished = READY, duration, 0.0, False
