"""The dashboard's views as data, apart from any HTML: the overview (one row per learner, one cell
per checkpoint in course order), one view per learner and one per question, each with the name of
its page and of its CSV file. :mod:`.pages` draws them; the CSV files hold the same rows.

A learner "needs a look" when a check found a problem in their work (missing or renamed notebooks,
edited cells, short reflections, blocked grading...): the trainer should open their page.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import pandas as pd

from activities.safe_text import slug

from ..checkpoints import ASSIGNMENTS, MIN_REFLECTION_WORDS
from .report import CohortReport

#: Each status as a cell shows it: a symbol and a short word (never colour alone).
STATUS_MARKS = {"graded": ("✓", "graded"), "waiting for manual grading": ("✎", "to grade"),
                "collected, not autograded yet": ("…", "collected"), "autograde failed": ("⚠", "failed"),
                "not submitted": ("–", "not submitted")}
#: Statuses that count as handed in for the learner's progress.
HANDED_IN = frozenset(STATUS_MARKS) - {"not submitted"}


@dataclass
class Cell:
    """One learner's checkpoint in the overview."""

    checkpoint: str
    status: str
    score: str  # "7 of 9", empty when there is no figure yet

    @property
    def mark(self) -> str:
        return STATUS_MARKS.get(self.status, ("?", self.status))[0]

    @property
    def word(self) -> str:
        return STATUS_MARKS.get(self.status, ("?", self.status))[1]

    @property
    def quiet(self) -> bool:
        return self.status == "not submitted"


@dataclass
class LearnerView:
    student: str
    name: str
    page: str  # file name under learners/
    cells: list[Cell]
    problems: pd.DataFrame  # this learner's problem rows
    reflections: pd.DataFrame  # this learner's answers, in course order
    plus_delta: pd.DataFrame

    @property
    def handed_in(self) -> int:
        return sum(cell.status in HANDED_IN for cell in self.cells)

    @property
    def progress(self) -> str:
        return f"{self.handed_in} of {len(self.cells)} handed in"

    @property
    def needs_look(self) -> bool:
        return not self.problems.empty

    @property
    def problem_kinds(self) -> list[str]:
        return list(dict.fromkeys(self.problems["problem"]))


@dataclass
class QuestionView:
    checkpoint: str
    question_id: str
    prompt: str
    page: str  # file name under questions/
    answers: pd.DataFrame


@dataclass
class DashboardViews:
    checkpoints: list[str]
    learners: list[LearnerView] = field(default_factory=list)
    questions: list[QuestionView] = field(default_factory=list)

    @property
    def needing_a_look(self) -> list[LearnerView]:
        return [learner for learner in self.learners if learner.needs_look]


def page_name(*parts: str) -> str:
    """A safe, unique file name for a learner id or a question (ids are learners' text: any
    characters, any length). The readable slug is for people; the hash keeps two ids apart that
    slug the same (``Ada`` and ``ada!``)."""
    key = "\x1f".join(parts)
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{slug(key, 'learner', 40)}-{digest}.html"


def out_of(score, maximum) -> str:
    """"2 of 8"; empty when there is no figure yet (not handed in, not graded)."""
    try:
        score, maximum = float(score), float(maximum)
    except (TypeError, ValueError):
        return ""
    if pd.isna(score) or pd.isna(maximum):
        return ""
    return f"{_whole(score)} of {_whole(maximum)}"


def _whole(value: float):
    return int(value) if value.is_integer() else value


def rows_where(frame: pd.DataFrame, **equal) -> pd.DataFrame:
    """The rows whose columns equal the given values, compared in Python (pandas' string columns
    do not match text holding NUL, which learners' ids and names may)."""
    keep = [all(row[column] == value for column, value in equal.items()) for _, row in frame.iterrows()]
    return frame[keep] if len(frame) else frame


def course_checkpoints(report: CohortReport) -> list[str]:
    """The report's checkpoints in course order (:data:`~cohort.checkpoints.ASSIGNMENTS`), any
    others after them."""
    present = list(dict.fromkeys(report.progress["assignment"])) if not report.progress.empty else []
    return [a for a in ASSIGNMENTS if a in present] + [a for a in present if a not in ASSIGNMENTS]


def build_views(report: CohortReport) -> DashboardViews:
    checkpoints = course_checkpoints(report)
    views = DashboardViews(checkpoints)
    progress = report.progress
    for student in dict.fromkeys(progress["student"]):
        rows = rows_where(progress, student=student).set_index("assignment")
        cells = [Cell(a, str(rows.at[a, "status"]) if a in rows.index else "not submitted",
                      out_of(rows.at[a, "score"], rows.at[a, "max_score"]) if a in rows.index else "")
                 for a in checkpoints]
        name = rows["name"].iloc[0]
        name = "" if pd.isna(name) else str(name)
        answers = rows_where(report.reflections, student=student)
        answers = answers.iloc[sorted(range(len(answers)), key=lambda i: _order(checkpoints, answers.iloc[i]))]
        plus_delta = report.plus_delta
        if len(plus_delta):
            plus_delta = plus_delta[_belongs_to(plus_delta, student, name)]
        views.learners.append(LearnerView(student, name, page_name(student), cells,
                                          rows_where(report.problems, student=student),
                                          answers, plus_delta))
    for checkpoint, question_id, prompt in report.questions:
        answers = rows_where(report.reflections, assignment=checkpoint, question_id=question_id)
        views.questions.append(QuestionView(checkpoint, question_id, prompt, page_name(checkpoint, question_id),
                                            answers))
    return views


def _order(checkpoints: list[str], row) -> int:
    return checkpoints.index(row["assignment"]) if row["assignment"] in checkpoints else len(checkpoints)


def _belongs_to(plus_delta: pd.DataFrame, student: str, name: str) -> list[bool]:
    """Plus/delta entries a learner exported: their file is named after their id, or the entry
    carries their name."""
    return [str(row["file"]).rsplit(".", 1)[0] == student or str(row["name"]) in {student, name or student}
            for _, row in plus_delta.iterrows()]


# --- the same views as CSV rows -----------------------------------------------------------------

def overview_frame(views: DashboardViews) -> pd.DataFrame:
    rows = []
    for learner in views.learners:
        row = {"learner": learner.student, "name": learner.name}
        row.update({cell.checkpoint: " ".join(filter(None, (cell.status, cell.score))) for cell in learner.cells})
        row.update({"handed in": learner.handed_in, "checkpoints": len(learner.cells),
                    "needs a look": "yes" if learner.needs_look else "no",
                    "problems": "; ".join(learner.problem_kinds)})
        rows.append(row)
    return pd.DataFrame(rows, columns=["learner", "name", *views.checkpoints, "handed in", "checkpoints",
                                       "needs a look", "problems"])


def learner_frame(learner: LearnerView) -> pd.DataFrame:
    """One learner's checkpoints, then each reflection (status, score, words, the grader's comment)."""
    rows = [{"checkpoint": cell.checkpoint, "question": "", "status": cell.status, "score": cell.score,
             "answer": "", "words": "", "comment": "",
             "problems": "; ".join(rows_where(learner.problems, assignment=cell.checkpoint)["problem"])}
            for cell in learner.cells]
    rows += [{"checkpoint": a["assignment"], "question": a["question_id"], "status": "", "score": answer_score(a),
              "answer": a["answer"], "words": a["words"], "comment": a["comment"], "problems": ""}
             for _, a in learner.reflections.iterrows()]
    return pd.DataFrame(rows, columns=["checkpoint", "question", "status", "score", "answer", "words", "comment",
                                       "problems"])


def question_frame(question: QuestionView) -> pd.DataFrame:
    return pd.DataFrame([{"learner": a["student"], "answer": a["answer"], "words": a["words"],
                          f"{MIN_REFLECTION_WORDS}+ words": "yes" if a["complete"] else "no",
                          "score": answer_score(a), "comment": a["comment"]}
                         for _, a in question.answers.iterrows()],
                        columns=["learner", "answer", "words", f"{MIN_REFLECTION_WORDS}+ words", "score", "comment"])


def answer_score(answer) -> str:
    """An answer not graded yet says so (the gradebook holds 0 points until the trainer grades it)."""
    return "to grade" if answer["needs_manual_grade"] == 1 else out_of(answer["score"], answer["max_score"])
