"""What "Choose a course" passes to and takes from its neighbours, through their saved work.

- From "Ask your community" (saved-work key ``ask-your-community``): the vote board saves its
  winning topic as ``data["handed_over"] = {"topic": ..., "votes": ...}``; we only read it.
- From "Plan your learning circle": its start date and weeks, to check a course's fixed dates.
- To "Plan your learning circle": the chosen course's title and link, through the planner's own
  model and store (so its validation applies), marked as coming from this activity.

Other activities' files are only read here, never moved or rewritten when they cannot be used:
that is for their own activity to do (and to tell the learner about), when it is opened.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from activities import plan_circle
from activities.storage import data_dir

from .model import Candidate, PlanWindow

VOTE_BOARD = "ask-your-community"
SOURCE = "Choose a course"


@dataclass(frozen=True)
class CommunityTopic:
    topic: str
    votes: int | None


def _saved_data(activity: str, folder: Path | None) -> dict | None:
    """Another activity's saved data, or None when there is none or it cannot be read."""
    path = Path(folder if folder is not None else data_dir(create=False)) / f"{activity}.json"
    try:
        envelope = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    data = envelope.get("data") if isinstance(envelope, dict) else None
    return data if isinstance(data, dict) else None


def community_topic(folder: Path | None = None) -> CommunityTopic | None:
    """The top topic the vote board handed over, if it did."""
    data = _saved_data(VOTE_BOARD, folder)
    handed = data.get("handed_over") if data else None
    if not isinstance(handed, dict) or not isinstance(handed.get("topic"), str) or not handed["topic"].strip():
        return None
    votes = handed.get("votes")
    return CommunityTopic(handed["topic"], votes if isinstance(votes, int) and not isinstance(votes, bool) else None)


def plan_window(folder: Path | None = None) -> PlanWindow | None:
    """The weeks the circle meets, from the planner's saved work (None if there is no usable plan)."""
    plan, _problem = plan_circle.read_saved_plan(folder)
    return PlanWindow(plan.first_meeting(), plan.weeks) if plan else None


def send_to_plan(course: Candidate, folder: Path | None = None) -> str:
    """Write ``course`` into the planner's topic and link; returns what to tell the learner.

    Raises ``ValueError`` with a reason when nothing was written.
    """
    if not course.title.strip():
        raise ValueError("give the course a title first")
    store = plan_circle.store(folder)
    path = store.state.location / f"{plan_circle.ACTIVITY}.json"
    plan, _problem = plan_circle.read_saved_plan(folder)
    if plan is None and path.exists():
        raise ValueError("the saved plan could not be read: open \u201cPlan your learning circle\u201d "
                         "first (it keeps a copy of the old file and starts a clean plan)")
    plan = plan or plan_circle.CirclePlan.new()
    plan.update(topic=course.title.strip(), course_link=course.checked_link() or "", source=SOURCE)
    if not store.save(plan):
        raise ValueError(store.state.problem or "the plan could not be saved")
    return (f"\u201c{course.title.strip()}\u201d is now the course of your plan. Open \u201cPlan "
            "your learning circle\u201d (run it again if it is open) to see it.")
