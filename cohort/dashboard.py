"""The cohort dashboard: who handed in which checkpoint, the scores, every reflection per
question for the group's discussion, problems with submissions, and the cohort's plus/deltas.

Scores, statuses and the list of questions come from nbgrader's gradebook (its ``Gradebook``
API). nbgrader keeps the *text* of learners' answers only in their notebooks, not in the
gradebook, so reflections are read from the autograded notebooks (the copies formgrader shows),
and problem checks compare the submitted notebooks' cells with the released ones by nbgrader's
own cell checksums.

Completeness of reflections: markdown answers are never executed, so no nbgrader test can count
their words. nbgrader itself notices an untouched answer (0 points, "No response."); on top of
that the dashboard marks reflections shorter than ``MIN_REFLECTION_WORDS`` words as short.

Everything learners typed is untrusted: the HTML escapes it all, the CSV files guard cells a
spreadsheet would run as formulas.
"""
from __future__ import annotations

import html
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from activities.charts import Series, stacked_bars
from activities.safe_text import csv_cell

from .checkpoints import ASSIGNMENTS, MIN_REFLECTION_WORDS

#: The order a trainer reads statuses in (also the chart's stacking order).
STATUSES = ("graded", "waiting for manual grading", "collected, not autograded yet",
            "autograde failed", "not submitted")
_NO_RESPONSE = "No response."
_QUESTION_SUFFIX = "-question"

PROGRESS_COLUMNS = ["student", "name", "assignment", "status", "score", "max_score", "automatic_score",
                    "max_automatic_score", "reflection_score", "max_reflection_score",
                    "reflections_complete", "reflections", "submitted_at", "problems"]
REFLECTION_COLUMNS = ["assignment", "question_id", "question", "student", "answer", "words", "complete",
                      "score", "max_score", "needs_manual_grade"]
PROBLEM_COLUMNS = ["student", "assignment", "problem", "detail"]
PLUS_DELTA_COLUMNS = ["file", "week", "name", "plus", "delta"]


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


# --- reading the course ----------------------------------------------------------------------

def load_cohort(course_dir: Path, plus_delta_dir: Path | None = None) -> CohortReport:
    """Read a cohort course directory (and optionally a folder of plus/delta CSV exports)."""
    from nbgrader.api import Gradebook, MissingEntry

    from .course import nbgrader_tools_on_path

    course_dir = Path(course_dir)
    course_id = _course_id(course_dir)
    db_url = f"sqlite:///{course_dir / 'gradebook.db'}"
    progress, reflections, problems, questions = [], [], [], []
    with nbgrader_tools_on_path(), Gradebook(db_url) as gb:
        students = {s.id: _full_name(s) for s in gb.students}
        # Collected but never autograded learners are not in the gradebook yet: list them too.
        for folder in sorted((course_dir / "submitted").glob("*/")):
            students.setdefault(folder.name, "")
        # In course order (the gradebook lists them alphabetically).
        for assignment in sorted(gb.assignments, key=lambda a: _course_position(a.name)):
            notebooks = list(assignment.notebooks)
            answer_cells = [(nb.name, cell) for nb in notebooks for cell in nb.grade_cells
                            if cell.cell_type == "markdown" and _is_solution(nb, cell.name)]
            prompts = {}
            for nb_name, cell in answer_cells:
                prompt = _prompt_text(gb, nb_name, assignment.name, cell.name)
                prompts[cell.name] = prompt
                questions.append((assignment.name, cell.name, prompt))
            for student in sorted(students):
                try:
                    submission = gb.find_submission(assignment.name, student)
                except MissingEntry:
                    submission = None
                checks = _check_submission(course_dir, assignment.name, student, notebooks, gb)
                problems += checks.problems
                row = _progress_row(course_dir, assignment.name, student, students[student], submission, checks)
                answers = []
                if submission is not None:
                    for nb_name, cell in answer_cells:
                        grade = gb.find_grade(cell.name, nb_name, assignment.name, student)
                        comment = gb.find_comment(cell.name, nb_name, assignment.name, student)
                        text = checks.answers.get((nb_name, cell.name))
                        answered = comment.auto_comment != _NO_RESPONSE and text is not None
                        words = len(text.split()) if answered else 0
                        answers.append({
                            "assignment": assignment.name, "question_id": cell.name,
                            "question": prompts[cell.name], "student": student,
                            "answer": text if answered else "", "words": words,
                            "complete": words >= MIN_REFLECTION_WORDS,
                            "score": grade.score, "max_score": grade.max_score,
                            "needs_manual_grade": bool(grade.needs_manual_grade),
                        })
                        if answered and words < MIN_REFLECTION_WORDS:
                            problems.append(_problem(student, assignment.name, "short reflection",
                                                     f"{cell.name}: {words} words (at least {MIN_REFLECTION_WORDS} asked for)"))
                    reflections += answers
                    if answer_cells and checks.answers and not any(a["answer"] for a in answers):
                        problems.append(_problem(student, assignment.name, "empty submission",
                                                 "no reflection was written"))
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
    report = CohortReport(course_id, progress_frame, pd.DataFrame(reflections, columns=REFLECTION_COLUMNS),
                          problems_frame, questions=questions)
    if plus_delta is not None:
        report.plus_delta = plus_delta
    return report


@dataclass
class _Checks:
    problems: list[dict] = field(default_factory=list)
    answers: dict[tuple[str, str], str] = field(default_factory=dict)
    readable: bool = True
    collected: bool = False
    autograded: bool = False


def _check_submission(course_dir: Path, assignment: str, student: str, notebooks, gb) -> _Checks:
    """Compare a learner's submitted notebooks with the released ones; read their answers."""
    import nbformat
    from nbgrader import utils

    checks = _Checks()
    submitted = course_dir / "submitted" / student / assignment
    autograded = course_dir / "autograded" / student / assignment
    if not submitted.is_dir():
        return checks
    checks.collected = True
    checks.autograded = autograded.is_dir()
    expected = {f"{nb.name}.ipynb" for nb in notebooks}
    for extra in sorted(p.name for p in submitted.glob("*.ipynb") if p.name not in expected):
        checks.problems.append(_problem(student, assignment, "unexpected notebook",
                                        f"{extra} is not part of the checkpoint, so nbgrader ignores it "
                                        "(renamed? rename it back in submitted/ and autograde again)"))
    for nb in notebooks:
        path = submitted / f"{nb.name}.ipynb"
        if not path.exists():
            checks.problems.append(_problem(student, assignment, "missing notebook",
                                            f"{nb.name}.ipynb was not handed in (nbgrader scores it 0)"))
            continue
        try:
            notebook = nbformat.read(path, as_version=4)
        except Exception as error:  # any unreadable file is a finding, never a crash
            checks.readable = False
            checks.problems.append(_problem(student, assignment, "unreadable notebook",
                                            f"{nb.name}.ipynb: {type(error).__name__}: {str(error)[:200]}"))
            continue
        if not notebook.cells:
            checks.problems.append(_problem(student, assignment, "empty notebook",
                                            f"{nb.name}.ipynb has no cells"))
        released = _released_checksums(course_dir, assignment, nb.name)
        present = {}
        for cell in notebook.cells:
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if grade_id:
                present[grade_id] = cell
        source_cells = {cell.name: cell for cell in nb.source_cells}
        grade_ids = {cell.name for cell in nb.grade_cells}
        solution_ids = {cell.name for cell in nb.solution_cells}
        if notebook.cells:
            missing_tests = [name for name in source_cells if name in grade_ids and name not in solution_ids
                             and name not in present]
            missing_answers = [name for name in source_cells if name in solution_ids and name not in present]
            missing_locked = [name for name, cell in source_cells.items() if cell.locked
                              and name not in grade_ids and name not in present]
            for label, names in (("deleted test cell", missing_tests), ("deleted answer cell", missing_answers),
                                 ("deleted read-only cell", missing_locked)):
                if names:
                    checks.problems.append(_problem(student, assignment, label, ", ".join(names)))
        edited = []
        for name, cell in present.items():
            source_cell = source_cells.get(name)
            if source_cell is None or not source_cell.locked:
                continue
            try:
                changed = utils.compute_checksum(cell) != released.get(name, source_cell.checksum)
            except Exception:  # broken nbgrader metadata counts as an edit of the locked cell
                changed = True
            if changed:
                edited.append(name)
        if edited:
            checks.problems.append(_problem(student, assignment, "edited read-only cell",
                                            ", ".join(edited) + " (nbgrader graded the original instead)"))
        graded_copy = autograded / f"{nb.name}.ipynb"
        answer_source = notebook
        if graded_copy.exists():
            try:
                answer_source = nbformat.read(graded_copy, as_version=4)
            except Exception:
                pass
        for cell in answer_source.cells:
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if grade_id in solution_ids:
                checks.answers[(nb.name, grade_id)] = cell.source
    if checks.collected and not checks.autograded and gb_has_submission(gb, assignment, student):
        checks.problems.append(_problem(student, assignment, "autograde failed",
                                        "nbgrader could not grade this submission; see the autograde log"))
    # What the sandboxed grading run blocked or stopped (limits, attempts to reach others' work).
    from .sandbox import dashboard_problems

    try:
        for kind, detail in dashboard_problems(course_dir, assignment, student):
            checks.problems.append(_problem(student, assignment, kind, detail))
    except Exception as error:  # a broken grading report is itself a finding, never a crash
        checks.problems.append(_problem(student, assignment, "grading report unreadable", repr(error)[:200]))
    return checks


def gb_has_submission(gb, assignment: str, student: str) -> bool:
    from nbgrader.api import MissingEntry

    try:
        gb.find_submission(assignment, student)
    except MissingEntry:
        return False
    return True


def _released_checksums(course_dir: Path, assignment: str, notebook: str) -> dict[str, str]:
    """Checksums nbgrader stored in the released notebook (the gradebook's copies of test cells
    still include the hidden tests, so they differ from what learners received)."""
    import nbformat

    path = course_dir / "release" / assignment / f"{notebook}.ipynb"
    try:
        released = nbformat.read(path, as_version=4)
    except Exception:
        return {}
    out = {}
    for cell in released.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if "grade_id" in meta and "checksum" in meta:
            out[meta["grade_id"]] = meta["checksum"]
    return out


def _progress_row(course_dir, assignment, student, name, submission, checks: _Checks) -> dict:
    row = dict.fromkeys(PROGRESS_COLUMNS)
    row.update(student=student, name=name, assignment=assignment, problems="")
    if submission is None:
        row["status"] = "collected, not autograded yet" if checks.collected else "not submitted"
        return row
    if checks.collected and not checks.autograded:
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
    from nbgrader.api import MissingEntry

    try:
        return gb.find_source_cell(cell_name + _QUESTION_SUFFIX, notebook, assignment).source
    except MissingEntry:
        return cell_name


def _course_position(assignment: str) -> tuple[int, str]:
    return (ASSIGNMENTS.index(assignment) if assignment in ASSIGNMENTS else len(ASSIGNMENTS), assignment)


def _full_name(student) -> str:
    return " ".join(part for part in (student.first_name, student.last_name) if part)


def _course_id(course_dir: Path) -> str:
    from .course import CohortError, course_settings

    try:
        return course_settings(course_dir).course_id
    except CohortError:
        return course_dir.name


def _problem(student: str, assignment: str, problem: str, detail: str) -> dict:
    return {"student": student, "assignment": assignment, "problem": problem, "detail": detail}


# --- plus/delta exports ----------------------------------------------------------------------

def read_plus_delta_folder(folder: Path) -> tuple[pd.DataFrame, list[dict]]:
    """Every ``*.csv`` in ``folder`` exported by the course's Plus/Delta activity (columns
    ``week, name, plus, delta``), read with the activity's own lenient importer. Files or rows it
    cannot use are reported, never fatal."""
    from activities.plus_delta import PlusDelta

    rows, problems = [], []
    folder = Path(folder)
    files = sorted(folder.glob("*.csv")) if folder.is_dir() else []
    if not folder.is_dir():
        problems.append(_problem("", "plus/delta", "plus/delta folder missing", str(folder)))
    for path in files:
        try:
            content = path.read_bytes()
        except OSError as error:
            problems.append(_problem(path.stem, "plus/delta", "unreadable plus/delta file", f"{path.name}: {error}"))
            continue
        model = PlusDelta.new()
        report = model.import_csv(content)
        for message in report.problems:
            problems.append(_problem(path.stem, "plus/delta", "plus/delta file", f"{path.name}: {message}"))
        for entry in model.entries:
            rows.append({"file": path.name, "week": entry.week, "name": entry.name,
                         "plus": entry.plus, "delta": entry.delta})
    frame = pd.DataFrame(rows, columns=PLUS_DELTA_COLUMNS)
    if not frame.empty:
        frame = frame.sort_values(["week", "file"], kind="stable").reset_index(drop=True)
    return frame, problems


# --- output ----------------------------------------------------------------------------------

def write_dashboard(report: CohortReport, out_dir: Path) -> dict[str, Path]:
    """Write progress.csv, reflections.csv, problems.csv, plus-delta.csv, progress.svg and
    index.html (which shows all of them) into ``out_dir``; returns the paths by name."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {
        "progress.csv": _write_csv(report.progress, out_dir / "progress.csv"),
        "reflections.csv": _write_csv(report.reflections, out_dir / "reflections.csv"),
        "problems.csv": _write_csv(report.problems, out_dir / "problems.csv"),
        "plus-delta.csv": _write_csv(report.plus_delta, out_dir / "plus-delta.csv"),
    }
    alt = chart_alt_text(report)
    paths["progress.svg"] = write_chart(report, out_dir / "progress.svg")
    paths["index.html"] = out_dir / "index.html"
    paths["index.html"].write_text(render_html(report, "progress.svg", alt), encoding="utf-8")
    return paths


def _write_csv(frame: pd.DataFrame, path: Path) -> Path:
    guarded = frame.copy()
    for column in guarded.columns:
        if guarded[column].dtype == object or pd.api.types.is_string_dtype(guarded[column]):
            guarded[column] = guarded[column].map(lambda v: csv_cell(v) if isinstance(v, str) else v)
    # UTF-8 with a byte-order mark so spreadsheet programs read accents and emoji correctly.
    path.write_bytes(guarded.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig"))
    return path


def chart_alt_text(report: CohortReport) -> str:
    counts = report.status_counts()
    if counts.empty:
        return "Chart of checkpoint progress: no checkpoints in the gradebook yet."
    parts = []
    for assignment, row in counts.iterrows():
        listed = ", ".join(f"{int(row[s])} {s}" for s in STATUSES if row[s])
        parts.append(f"{assignment}: {listed or 'no learners'}")
    return "Bar chart of learners per checkpoint and status. " + "; ".join(parts) + "."


#: Colours of the statuses in the chart (each bar also has an outline; the table has the numbers).
STATUS_COLOURS = {"graded": "#1b7837", "waiting for manual grading": "#5aae61",
                  "collected, not autograded yet": "#9970ab", "autograde failed": "#b2182b",
                  "not submitted": "#bababa"}


def chart_svg(report: CohortReport) -> str:
    """Learners per checkpoint, stacked by status, as an accessible SVG (activities/charts.py)."""
    counts = report.status_counts()
    return stacked_bars(
        [str(name) for name in counts.index],
        [Series(status, tuple(int(n) for n in counts[status]), STATUS_COLOURS[status],
                hatched=status == "autograde failed")  # the one to act on: not colour alone
         for status in STATUSES],
        title="Checkpoint progress", summary=chart_alt_text(report), value_label="learners")


def write_chart(report: CohortReport, path: Path) -> Path:
    path.write_text(chart_svg(report), encoding="utf-8", newline="\n")
    return path


def _text(value) -> str:
    """Escape anything for HTML; NUL (which browsers drop) is shown as a visible symbol."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True).replace("\x00", "\u2400")


#: Columns holding what people wrote: may be long, in any script (each cell finds its own direction).
_FREE_TEXT = {"name", "answer", "detail", "problems", "plus", "delta", "question"}


def _cell(column: str, value) -> str:
    if column in _FREE_TEXT:
        return f'<td class="text" dir="auto">{_text(_number(value))}</td>'
    return f"<td>{_text(_number(value))}</td>"


def _table(frame: pd.DataFrame, caption: str, columns: list[str] | None = None) -> str:
    columns = columns or list(frame.columns)
    head = "".join(f'<th scope="col">{_text(c.replace("_", " "))}</th>' for c in columns)
    body = []
    for _, row in frame.iterrows():
        body.append("<tr>" + "".join(_cell(c, row[c]) for c in columns) + "</tr>")
    if not body:
        body.append(f'<tr><td colspan="{len(columns)}">(none)</td></tr>')
    return (f"<table><caption>{_text(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


def _number(value):
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, float) and not pd.isna(value) and value.is_integer():
        return int(value)
    return value


def _out_of(score, maximum) -> str:
    """"2 of 8"; empty when there is no figure yet (not handed in, not graded)."""
    try:
        score, maximum = float(score), float(maximum)
    except (TypeError, ValueError):
        return ""
    if pd.isna(score) or pd.isna(maximum):
        return ""
    return f"{_number(score)} of {_number(maximum)}"


def progress_view(progress: pd.DataFrame) -> pd.DataFrame:
    """The progress table as a trainer reads it on the page: scores as "x of y", one column per
    question a trainer asks (progress.csv keeps every figure in its own column)."""
    rows = []
    for _, row in progress.iterrows():
        rows.append({
            "learner": row["student"], "name": row["name"], "checkpoint": row["assignment"],
            "status": row["status"], "score": _out_of(row["score"], row["max_score"]),
            "quick checks": _out_of(row["automatic_score"], row["max_automatic_score"]),
            "reflections graded": _out_of(row["reflection_score"], row["max_reflection_score"]),
            f"reflections of {MIN_REFLECTION_WORDS}+ words": _out_of(row["reflections_complete"], row["reflections"]),
            "handed in": row["submitted_at"] or "", "problems": row["problems"] or "",
        })
    return pd.DataFrame(rows, columns=PROGRESS_VIEW_COLUMNS)


def _answers_view(answers: pd.DataFrame) -> pd.DataFrame:
    """One question's answers as shown on the page: an answer not graded yet says so (the
    gradebook holds 0 points for it until the trainer grades it in formgrader)."""
    view = answers[["student", "answer", "words", "complete"]].copy()
    view["score"] = ["to grade" if needs else _out_of(score, maximum) for needs, score, maximum in
                     zip(answers["needs_manual_grade"], answers["score"], answers["max_score"])]
    return view


PROGRESS_VIEW_COLUMNS = ["learner", "name", "checkpoint", "status", "score", "quick checks", "reflections graded",
                         f"reflections of {MIN_REFLECTION_WORDS}+ words", "handed in", "problems"]


def _prompt_html(prompt: str) -> str:
    """A question's prompt (the checkpoint's own markdown) rendered, with anything that could run
    escaped by the same cleaner the formgrader uses."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    from .safe_html import clean_markdown_html

    return clean_markdown_html(markdown2html_mistune(str(prompt).replace("\x00", "\u2400")), images=False)


_STYLE = """
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1a1a1a; max-width: 75rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; width: 100%; }
caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
th, td { border: 1px solid #999; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
td { white-space: pre-wrap; overflow-wrap: break-word; }
td.text { overflow-wrap: anywhere; min-width: 8rem; }
.problems { border: 3px solid #b2182b; padding: 0.5rem 1rem; background: #fff5f5; }
.ok { border: 2px solid #1b7837; padding: 0.5rem 1rem; }
.prompt { background: #f4f4f4; padding: 0.1rem 0.8rem; }
"""


def render_html(report: CohortReport, chart_src: str, chart_alt: str) -> str:
    """One self-contained, escaped page (no scripts, nothing loaded from the network)."""
    parts = [f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
             f"<title>Cohort dashboard: {_text(report.course_id)}</title><style>{_STYLE}</style></head><body><main>",
             f"<h1>Cohort dashboard: {_text(report.course_id)}</h1>"]
    real_problems = report.problems
    if len(real_problems):
        parts.append(f'<section class="problems" aria-labelledby="problems"><h2 id="problems">'
                     f"Problems to look at ({len(real_problems)})</h2>")
        parts.append(_table(real_problems, "Submissions that need the trainer's attention"))
        parts.append("</section>")
    else:
        parts.append('<section class="ok"><h2 id="problems">Problems to look at</h2><p>None found.</p></section>')
    parts.append('<h2 id="progress">Progress</h2>')
    parts.append(f'<img src="{_text(chart_src)}" alt="{_text(chart_alt)}">')
    parts.append(_table(progress_view(report.progress), "Per learner and checkpoint: status and scores "
                                                         "(every figure is also in progress.csv)"))
    parts.append('<h2 id="reflections">Reflections, question by question</h2>')
    parts.append(f"<p>A reflection counts as complete from {MIN_REFLECTION_WORDS} words.</p>")
    for assignment, question_id, prompt in report.questions:
        answers = report.reflections[(report.reflections["assignment"] == assignment)
                                     & (report.reflections["question_id"] == question_id)]
        parts.append(f"<h3>{_text(assignment)}: {_text(question_id)}</h3>")
        parts.append(f'<div class="prompt">{_prompt_html(prompt)}</div>')
        parts.append(_table(_answers_view(answers), f"Answers to {question_id}"))
    parts.append('<h2 id="plus-delta">Plus/delta across the cohort</h2>')
    parts.append(_table(report.plus_delta, "Plus/delta entries from learners' exports"))
    parts.append("</main></body></html>\n")
    return "\n".join(parts)


def dashboard_text(report: CohortReport) -> str:
    """A short plain-text summary for the terminal."""
    out = io.StringIO()
    counts = report.status_counts()
    out.write(f"Cohort {report.course_id}\n")
    if counts.empty:
        out.write("no checkpoints in the gradebook\n")
    for assignment, row in counts.iterrows():  # one short line per checkpoint fits any terminal
        listed = ", ".join(f"{int(row[s])} {s}" for s in STATUSES if row[s])
        out.write(f"  {assignment}: {listed or 'no learners'}\n")
    out.write(f"{len(report.problems)} problem(s) to look at (open the dashboard in a web browser)\n")
    return out.getvalue()
