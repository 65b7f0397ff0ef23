"""HTML fragments of "Choose a course", built from the model; every learner text is escaped."""
from __future__ import annotations

from activities.safe_text import html_text, link_html, shorten
from activities.ui import message_html

from .handover import CommunityTopic
from .model import KINDS, CourseChoice, PlanWindow, Reason

_REASON_STYLE = {"dealbreaker": ("error", "Dealbreaker:"), "caution": ("warning", "Caution:"),
                 "info": ("info", "Note:")}


def reasons_html(course_label: str, reasons: list[Reason]) -> str:
    """The reasons about one course, as announced message boxes (or a plain all-clear)."""
    head = f"<h4>{html_text(shorten(course_label, 80))}</h4>"
    if not reasons:
        return head + message_html("No dealbreaker and no cautions: this course can work for a "
                                   "learning circle.", "success")
    return head + "".join(message_html(r.text, _REASON_STYLE[r.kind][0], _REASON_STYLE[r.kind][1])
                          for r in reasons)


def all_reasons_html(choice: CourseChoice, plan: PlanWindow | None) -> str:
    return "".join(reasons_html(course.label(), reasons)
                   for course, reasons in zip(choice.candidates, choice.reasons(plan)))


def ranking_html(choice: CourseChoice, plan: PlanWindow | None) -> str:
    """The ranking table (scrolls sideways on a narrow screen) and a sentence about ties."""
    frame = choice.ranking(plan)
    shown = frame[["Rank", "Course", "Score", "Dealbreaker", "Cautions", "Tie"]].copy()
    shown["Dealbreaker"] = ["yes" if text else "no" for text in frame["Dealbreaker"]]
    shown["Course"] = [shorten(name, 80) for name in frame["Course"]]  # the CSV has them in full
    shown["Tie"] = [shorten(tie, 120) for tie in frame["Tie"]]
    table = shown.to_html(index=False, escape=True, border=0, classes="lc-choose-ranking")
    tied = sorted({rank for rank, tie in zip(frame["Rank"], frame["Tie"]) if tie})
    notes = [f"Courses share rank {rank}: equal total rating, and equally many cautions and "
             "dealbreakers. Talk about them as a group to decide." for rank in tied]
    return ("<p>Score: the four ratings added up (4 to 20). Courses with a dealbreaker come last.</p>"
            '<div class="lc-table-scroll" role="region" aria-label="Ranking of the courses" tabindex="0">'
            f"{table}</div>" + "".join(message_html(note, "info") for note in notes))


def community_html(topic: CommunityTopic | None) -> str:
    if topic is None:
        return ("<p>No topic from \u201cAsk your community\u201d yet: when your community votes "
                "there, its top topic is shown here.</p>")
    votes = f" ({topic.votes} vote{'s' if topic.votes != 1 else ''})" if topic.votes is not None else ""
    return (f'<p class="lc-choose-community">Your community\u2019s top topic: '
            f"<strong>{html_text(topic.topic)}</strong>{html_text(votes)}. Look for courses about it.</p>")


def plan_html(plan: PlanWindow | None) -> str:
    if plan is None:
        return ("<p>No plan yet in \u201cPlan your learning circle\u201d, so fixed course dates are "
                "not checked against your weeks.</p>")
    return (f"<p>Your plan: {plan.weeks} weeks, meetings from {plan.first_meeting:%d %B %Y} to "
            f"{plan.last_meeting:%d %B %Y}.</p>")


def course_summary_html(choice: CourseChoice, index: int) -> str:
    """One line about a course: its kind and, for a usable link, the link."""
    course = choice.candidates[index]
    url = course.checked_link()
    link = f" \u2014 {link_html(url, shorten(url, 60))}" if url else ""
    return f"<p>{html_text(KINDS[course.kind])}{link}</p>"
