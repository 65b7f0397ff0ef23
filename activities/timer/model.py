"""The countdown's arithmetic, in pure Python: the reference that ``timer.js`` follows.

A running countdown is stored as the moment it ends (``ends_at``, milliseconds since the epoch,
as JavaScript's ``Date.now()``), never as a number of ticks: whatever the browser does to timers
in a background tab, or however long the kernel is busy, the time left is ``ends_at - now``.
A paused or not yet started countdown keeps the time left (``left_ms``) instead.

The display rounds *up* to whole seconds: "05:00" until a full second has gone, "00:01" in the
last second, "00:00" only when the time is up.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

MINUTE_MS = 60_000
#: The longest countdown (and the most "add a minute" can reach): two hours.
MAX_MS = 120 * MINUTE_MS

READY, RUNNING, PAUSED, FINISHED = "ready", "running", "paused", "finished"
STATUSES = (READY, RUNNING, PAUSED, FINISHED)


def check_minutes(minutes) -> int:
    """The countdown's length in milliseconds; a clear message for a length we cannot use."""
    if isinstance(minutes, bool) or not isinstance(minutes, (int, float)) or minutes != minutes:
        raise ValueError("the timer's length must be a number of minutes")
    duration = round(minutes * MINUTE_MS)
    if not 0 < duration <= MAX_MS:
        raise ValueError(f"the timer's length must be more than 0 and at most {MAX_MS // MINUTE_MS} minutes")
    return duration


def mm_ss(ms: float) -> str:
    """``ms`` left as minutes:seconds, rounded up to the next whole second ("75:00" past an hour)."""
    seconds = max(0, -(-int(ms) // 1000))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def spoken(ms: float) -> str:
    """The time left in words, for screen readers ("4 minutes 30 seconds")."""
    seconds = max(0, -(-int(ms) // 1000))
    minutes, seconds = divmod(seconds, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute" + ("" if minutes == 1 else "s"))
    if seconds or not minutes:
        parts.append(f"{seconds} second" + ("" if seconds == 1 else "s"))
    return " ".join(parts)


@dataclass(frozen=True)
class Countdown:
    """One countdown. Every change returns a new ``Countdown``; ``now`` is in epoch milliseconds."""

    duration_ms: int
    status: str = READY
    left_ms: int = 0  # while ready or paused
    ends_at: float = 0.0  # while running

    @classmethod
    def of_minutes(cls, minutes) -> "Countdown":
        duration = check_minutes(minutes)
        return cls(duration, READY, duration)

    def remaining(self, now: float) -> int:
        """Milliseconds left at ``now`` (never below 0)."""
        if self.status == RUNNING:
            return max(0, round(self.ends_at - now))
        if self.status == FINISHED:
            return 0
        return self.left_ms

    def is_up(self, now: float) -> bool:
        return self.status == FINISHED or (self.status == RUNNING and self.remaining(now) == 0)

    def settled(self, now: float) -> "Countdown":
        """The same countdown, marked finished once its time has run out."""
        return replace(self, status=FINISHED, left_ms=0) if self.is_up(now) else self

    def start(self, now: float) -> "Countdown":
        """Start, or resume after a pause, from the time left."""
        if self.status not in (READY, PAUSED):
            return self
        return replace(self, status=RUNNING, ends_at=now + self.left_ms)

    resume = start

    def pause(self, now: float) -> "Countdown":
        current = self.settled(now)
        if current.status != RUNNING:
            return current
        return replace(current, status=PAUSED, left_ms=current.remaining(now))

    def add_minute(self, now: float) -> "Countdown":
        """One more minute. A finished countdown runs again for that minute ("one more minute,
        everyone"); a ready or paused one keeps waiting, a minute longer. Never past two hours."""
        current = self.settled(now)
        if current.status == FINISHED:
            return replace(current, status=RUNNING, left_ms=0, ends_at=now + MINUTE_MS)
        if current.status == RUNNING:
            return replace(current, ends_at=min(current.ends_at + MINUTE_MS, now + MAX_MS))
        return replace(current, left_ms=min(current.left_ms + MINUTE_MS, MAX_MS))

    def reset(self) -> "Countdown":
        return Countdown(self.duration_ms, READY, self.duration_ms)
