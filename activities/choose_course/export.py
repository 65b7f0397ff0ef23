"""The CSV of "Choose a course": every candidate, its ratings, its reasons and its rank."""
from __future__ import annotations

from activities.safe_text import csv_bytes

from .model import KINDS, RATINGS, CourseChoice, PlanWindow

HEADER = ["Rank", "Tie", "Title", "Link", "Kind", "Licence", "Free for participants",
          "Organisation has a licence", "Schedule", "Starts", "Ends", "Hours a week", "Needs",
          "Language", *[name.capitalize() for name in RATINGS], "Score", "Reasons"]


def csv_file(choice: CourseChoice, plan: PlanWindow | None = None) -> bytes:
    frame = choice.ranking(plan)
    rows = []
    for rank, tie, number, reasons in zip(frame["Rank"], frame["Tie"], frame["Number"], frame["Reasons"]):
        course = choice.candidates[number - 1]
        rows.append([int(rank), tie, course.title, course.link, KINDS[course.kind], course.licence,
                     "yes" if course.free_for_participants else "no",
                     "yes" if course.organisation_licence else "no", course.schedule,
                     course.starts.isoformat() if course.starts else "",
                     course.ends.isoformat() if course.ends else "", course.hours_a_week,
                     course.needs, course.language, *[course.ratings[name] for name in RATINGS],
                     course.score(), reasons])
    return csv_bytes(HEADER, rows)


def exports(data: dict) -> dict[str, bytes]:
    """The files "Download my work" adds, rebuilt from the saved data (the plan is not read here)."""
    return {"choose-a-course.csv": csv_file(CourseChoice.from_dict(data))}
