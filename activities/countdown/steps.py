"""What to do in the weeks before a learning circle and after it (the course facts, in our words).

Each step has a stable id (so a tick survives a change of date) and is dated relative to the
first or the last meeting.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    id: str
    text: str
    #: Days before the first meeting (positive) when it is due; None for steps after the last one.
    days_before_first: int | None = None
    #: Days after the last meeting, for the wrap-up steps.
    days_after_last: int | None = None
    stage: str = ""


SIX, FOUR, TWO, EVE, AFTER = ("Six weeks before", "Four weeks before", "Two weeks before",
                              "Before the first meeting", "After the last meeting")

STEPS: tuple[Step, ...] = (
    Step("partners", "Talk to partners who can help (a library, a community group, social services)", 42, stage=SIX),
    Step("course", "Choose the course the group will follow", 42, stage=SIX),
    Step("space", "Book the room for every meeting", 42, stage=SIX),
    Step("time", "Settle the day and time of the meetings", 42, stage=SIX),
    Step("supplies", "List the supplies: laptops, headphones, name tags, snacks", 42, stage=SIX),
    Step("signup-page", "Put up a web page or sign-up page for the circle", 28, stage=FOUR),
    Step("flyer", "Make a flyer and put it up", 28, stage=FOUR),
    Step("local-groups", "Tell local groups and ask them to pass the word on", 28, stage=FOUR),
    Step("publicity", "Spread the word: newsletters, notice boards, social media", 28, stage=FOUR),
    Step("confirm-learners", "Confirm who is coming", 14, stage=TWO),
    Step("confirm-venue", "Confirm the room with the venue", 14, stage=TWO),
    Step("confirm-supplies", "Check the supplies are ready", 14, stage=TWO),
    Step("welcome", "Send everyone a welcome e-mail (a text message for anyone without e-mail)", 4, stage=EVE),
    Step("study", "Study the first part of the course yourself", 3, stage=EVE),
    Step("icebreakers", "Pick one or two icebreakers", 3, stage=EVE),
    Step("circle", "Set the chairs in a circle before people arrive", 0, stage=EVE),
    Step("survey", "Send the group a short survey", days_after_last=1, stage=AFTER),
    Step("celebrate", "Celebrate: certificates, or music and cake", days_after_last=0, stage=AFTER),
    Step("report", "Write a short report on how it went", days_after_last=7, stage=AFTER),
    Step("keep-going", "Ask whether the group wants to keep meeting", days_after_last=7, stage=AFTER),
)

#: Reminders go out this many days before each meeting.
REMINDER_DAYS = 2
#: The full lead time the steps assume.
LEAD_DAYS = 42
