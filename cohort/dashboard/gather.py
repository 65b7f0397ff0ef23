"""Gathering the cohort dashboard's data: nbgrader's gradebook (scores, statuses, questions),
the learners' notebooks (the text of their answers, which the gradebook does not keep), the
sandboxed grading reports, and a folder of plus/delta exports. The checks in :mod:`.checks` turn
what is gathered into problem rows.
"""
from __future__ import annotations

from pathlib import Path

import nbformat
import pandas as pd
from nbgrader.api import Gradebook, MissingEntry

from activities.plus_delta import PlusDelta

from ..checkpoints import ASSIGNMENTS, MIN_REFLECTION_WORDS
from ..nbgrader_run import CohortError, nbgrader_tools_on_path
from ..settings import course_settings
from .checks import REFLECTION_CHECKS, SUBMISSION_CHECKS, Submission
from .report import (PLUS_DELTA_COLUMNS, PROBLEM_COLUMNS, PROGRESS_COLUMNS, REFLECTION_COLUMNS, CohortReport,
                     problem)

_NO_RESPONSE = "No response."
_QUESTION_SUFFIX = "-question"


def load_cohort(course_dir: Path, plus_delta_dir: Path | None = None) -> CohortReport:
    """Read a cohort course directory (and optionally a folder of plus/delta CSV exports)."""
    course_dir = Path(course_dir)
    progress, reflections, problems, questions = [], [], [], []
    with nbgrader_tools_on_path(), Gradebook(f"sqlite:///{course_dir / 'gradebook.db'}") as gb:
        students = {s.id: _full_name(s) for s in gb.students}
        # Collected but never autograded learners are not in the gradebook yet: list them too.
        for folder in sorted((course_dir / "submitted").glob("*/")):
            students.setdefault(folder.name, "")
        # In course order (the gradebook lists them alphabetically).
        for assignment in sorted(gb.assignments, key=lambda a: _course_position(a.name)):
            notebooks = list(assignment.notebooks)
            answer_cells = [(nb.name, cell) for nb in notebooks for cell in nb.grade_cells
                            if cell.cell_type == "markdown" and _is_solution(nb, cell.name)]
            prompts = {cell.name: _prompt_text(gb, nb_name, assignment.name, cell.name)
                       for nb_name, cell in answer_cells}
            questions += [(assignment.name, cell.name, prompts[cell.name]) for _, cell in answer_cells]
            for student in sorted(students):
                submission = _find_submission(gb, assignment.name, student)
                sub = read_submission(course_dir, assignment.name, student, notebooks, submission is not None)
                if sub.collected:
                    problems += [row for check in SUBMISSION_CHECKS for row in check(sub)]
                answers = []
                if submission is not None:
                    answers = [_answer_row(gb, sub, nb_name, cell.name, prompts[cell.name])
                               for nb_name, cell in answer_cells]
                    problems += [row for check in REFLECTION_CHECKS for row in check(sub, answers)]
                    reflections += answers
                row = _progress_row(assignment.name, student, students[student], submission, sub)
                row["reflections_complete"] = sum(a["complete"] for a in answers)
                row["reflections"] = len(answer_cells)
                progress.append(row)
    problems_frame = pd.DataFrame(problems, columns=PROBLEM_COLUMNS)
    progress_frame = pd.DataFrame(progress, columns=PROGRESS_COLUMNS)
    if not progress_frame.empty:
        grouped = problems_frame.groupby(["student", "assignment"])["problem"].agg(lambda p: "; ".join(dict.fromkeys(p)))
        progress_frame["problems"] = [grouped.get((s, a), "") for s, a in
                                      zip(progress_frame["student"], progress_frame["assignment"])]
    plus_delta, plus_delta_problems = read_plus_delta_folder(plus_delta_dir) if plus_delta_dir else (None, [])
    if plus_delta_problems:
        problems_frame = pd.concat([problems_frame, pd.DataFrame(plus_delta_problems, columns=PROBLEM_COLUMNS)],
                                   ignore_index=True)
    report = CohortReport(_course_id(course_dir), progress_frame,
                          pd.DataFrame(reflections, columns=REFLECTION_COLUMNS), problems_frame, questions=questions)
    if plus_delta is not None:
        report.plus_delta = plus_delta
    return report


def _find_submission(gb, assignment: str, student: str):
    try:
        return gb.find_submission(assignment, student)
    except MissingEntry:
        return None


def read_submission(course_dir: Path, assignment: str, student: str, notebooks: list,
                    in_gradebook: bool) -> Submission:
    """What the checks need about one learner's submission: the notebooks handed in (read where
    possible), the released checksums and the answers' text."""
    submitted = course_dir / "submitted" / student / assignment
    autograded = course_dir / "autograded" / student / assignment
    sub = Submission(course_dir, assignment, student, notebooks, files=[], in_gradebook=in_gradebook)
    if not submitted.is_dir():
        return sub
    sub.collected = True
    sub.autograded = autograded.is_dir()
    sub.files = sorted(p.name for p in submitted.glob("*.ipynb"))
    for nb in notebooks:
        path = submitted / f"{nb.name}.ipynb"
        if not path.exists():
            continue
        try:
            notebook = nbformat.read(path, as_version=4)
        except Exception as error:  # any unreadable file is a finding, never a crash
            sub.unreadable[nb.name] = f"{type(error).__name__}: {str(error)[:200]}"
            continue
        sub.read[nb.name] = notebook
        sub.released[nb.name] = _released_checksums(course_dir, assignment, nb.name)
        solution_ids = {cell.name for cell in nb.solution_cells}
        answer_source = _read_or(autograded / f"{nb.name}.ipynb", notebook)
        for cell in answer_source.cells:
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if grade_id in solution_ids:
                sub.answers[(nb.name, grade_id)] = cell.source
    return sub


def _read_or(path: Path, fallback):
    """The notebook at ``path`` (the graded copy formgrader shows), else ``fallback``."""
    try:
        return nbformat.read(path, as_version=4) if path.exists() else fallback
    except Exception:
        return fallback


def _released_checksums(course_dir: Path, assignment: str, notebook: str) -> dict[str, str]:
    """Checksums nbgrader stored in the released notebook (the gradebook's copies of test cells
    still include the hidden tests, so they differ from what learners received)."""
    try:
        released = nbformat.read(course_dir / "release" / assignment / f"{notebook}.ipynb", as_version=4)
    except Exception:
        return {}
    out = {}
    for cell in released.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if "grade_id" in meta and "checksum" in meta:
            out[meta["grade_id"]] = meta["checksum"]
    return out


def _answer_row(gb, sub: Submission, notebook: str, cell: str, prompt: str) -> dict:
    """One reflection: the learner's text and its grade. nbgrader notices an untouched answer
    ("No response."); markdown is never executed, so the word count is ours."""
    grade = gb.find_grade(cell, notebook, sub.assignment, sub.student)
    comment = gb.find_comment(cell, notebook, sub.assignment, sub.student)
    text = sub.answers.get((notebook, cell))
    answered = comment.auto_comment != _NO_RESPONSE and text is not None
    words = len(text.split()) if answered else 0
    return {"assignment": sub.assignment, "question_id": cell, "question": prompt, "student": sub.student,
            "answer": text if answered else "", "words": words, "complete": words >= MIN_REFLECTION_WORDS,
            "score": grade.score, "max_score": grade.max_score,
            "needs_manual_grade": bool(grade.needs_manual_grade), "comment": comment.manual_comment or "",
            "answered": answered}  # for the checks only (not a column of reflections.csv)


def _progress_row(assignment: str, student: str, name: str, submission, sub: Submission) -> dict:
    row = dict.fromkeys(PROGRESS_COLUMNS)
    row.update(student=student, name=name, assignment=assignment, problems="")
    if submission is None:
        row["status"] = "collected, not autograded yet" if sub.collected else "not submitted"
        return row
    if sub.collected and not sub.autograded:
        row["status"] = "autograde failed"
    elif submission.needs_manual_grade:
        row["status"] = "waiting for manual grading"
    else:
        row["status"] = "graded"
    row.update(score=submission.score, max_score=submission.max_score,
               automatic_score=submission.code_score, max_automatic_score=submission.max_code_score,
               reflection_score=submission.written_score, max_reflection_score=submission.max_written_score,
               submitted_at=submission.timestamp.isoformat(sep=" ", timespec="seconds") if submission.timestamp else "")
    return row


def _is_solution(notebook, cell_name: str) -> bool:
    return any(cell.name == cell_name for cell in notebook.solution_cells)


def _prompt_text(gb, notebook: str, assignment: str, cell_name: str) -> str:
    """The read-only prompt cell above an answer (named ``<answer id>-question`` in our checkpoints)."""
    try:
        return gb.find_source_cell(cell_name + _QUESTION_SUFFIX, notebook, assignment).source
    except MissingEntry:
        return cell_name


def _course_position(assignment: str) -> tuple[int, str]:
    return (ASSIGNMENTS.index(assignment) if assignment in ASSIGNMENTS else len(ASSIGNMENTS), assignment)


def _full_name(student) -> str:
    return " ".join(part for part in (student.first_name, student.last_name) if part)


def _course_id(course_dir: Path) -> str:
    try:
        return course_settings(course_dir).course_id
    except CohortError:
        return course_dir.name


def read_plus_delta_folder(folder: Path) -> tuple[pd.DataFrame, list[dict]]:
    """Every ``*.csv`` in ``folder`` exported by the course's Plus/Delta activity (columns
    ``week, name, plus, delta``), read with the activity's own lenient importer. Files or rows it
    cannot use are reported, never fatal."""
    rows, problems = [], []
    folder = Path(folder)
    files = sorted(folder.glob("*.csv")) if folder.is_dir() else []
    if not folder.is_dir():
        problems.append(problem("", "plus/delta", "plus/delta folder missing", str(folder)))
    for path in files:
        try:
            content = path.read_bytes()
        except OSError as error:
            problems.append(problem(path.stem, "plus/delta", "unreadable plus/delta file", f"{path.name}: {error}"))
            continue
        model = PlusDelta.new()
        report = model.import_csv(content)
        for message in report.problems:
            problems.append(problem(path.stem, "plus/delta", "plus/delta file", f"{path.name}: {message}"))
        for entry in model.entries:
            rows.append({"file": path.name, "week": entry.week, "name": entry.name,
                         "plus": entry.plus, "delta": entry.delta})
    frame = pd.DataFrame(rows, columns=PLUS_DELTA_COLUMNS)
    if not frame.empty:
        frame = frame.sort_values(["week", "file"], kind="stable").reset_index(drop=True)
    return frame, problems
