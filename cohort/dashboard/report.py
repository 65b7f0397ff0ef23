"""What the cohort dashboard shows, as data: the report's tables (pandas frames, learner text kept
as data) and their columns. Gathering fills it (:mod:`.gather`), rendering writes it out
(:mod:`.render`)."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

#: The order a trainer reads statuses in (also the chart's stacking order).
STATUSES = ("graded", "waiting for manual grading", "collected, not autograded yet",
            "autograde failed", "not submitted")

PROGRESS_COLUMNS = ["student", "name", "assignment", "status", "score", "max_score", "automatic_score",
                    "max_automatic_score", "reflection_score", "max_reflection_score",
                    "reflections_complete", "reflections", "submitted_at", "problems"]
REFLECTION_COLUMNS = ["assignment", "question_id", "question", "student", "answer", "words", "complete",
                      "score", "max_score", "needs_manual_grade", "comment"]
PROBLEM_COLUMNS = ["student", "assignment", "problem", "detail"]
PLUS_DELTA_COLUMNS = ["file", "week", "name", "plus", "delta"]


def problem(student: str, assignment: str, kind: str, detail: str) -> dict:
    """One row of the problems table: something the trainer should look at."""
    return {"student": student, "assignment": assignment, "problem": kind, "detail": detail}


@dataclass
class CohortReport:
    course_id: str
    progress: pd.DataFrame
    reflections: pd.DataFrame
    problems: pd.DataFrame
    plus_delta: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PLUS_DELTA_COLUMNS))
    #: Questions in notebook order: ``(assignment, question_id, prompt text)``.
    questions: list[tuple[str, str, str]] = field(default_factory=list)

    def status_counts(self) -> pd.DataFrame:
        """Learners per checkpoint and status (rows: assignments, columns: STATUSES)."""
        if self.progress.empty:
            return pd.DataFrame(columns=list(STATUSES))
        counts = pd.crosstab(self.progress["assignment"], self.progress["status"])
        counts = counts.reindex(columns=list(STATUSES), fill_value=0)
        order = list(dict.fromkeys(self.progress["assignment"]))
        return counts.reindex(order)
