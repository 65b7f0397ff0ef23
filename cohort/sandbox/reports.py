"""Grading reports: each learner's latest outcome kept in the course (``grading-reports/``) for
the cohort dashboard, and a run's report as CSV (formula-guarded) and HTML (a Jinja2 template)."""
from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

from activities.safe_text import csv_bytes
from activities.templating import render

from .results import LearnerResult, Problem, notebook_problems


REPORTS_DIR = "grading-reports"


def _report_path(course_dir: Path, assignment: str, student: str) -> Path:
    return Path(course_dir) / REPORTS_DIR / assignment / f"{student}.json"


def save_results(course_dir: Path, results: list[LearnerResult]) -> None:
    """Keep each learner's latest grading outcome in the course directory (trainer-only), so the
    cohort dashboard can show what failed long after the run."""
    for r in results:
        path = _report_path(course_dir, r.assignment, r.student)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"status": r.status, "flagged": r.flagged, "isolated": r.isolated,
                "problems": [dataclasses.asdict(p) for p in r.problems]}
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, path)


def dashboard_problems(course_dir: str | os.PathLike, assignment: str,
                       student: str) -> list[tuple[str, str]]:
    """``(problem, detail)`` pairs for the cohort dashboard: the saved outcome of the last
    sandboxed run, or else what the autograded notebooks show."""
    path = _report_path(Path(course_dir), assignment, student)
    problems: list[Problem] = []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        problems = [Problem(**p) for p in data.get("problems", [])]
    except (OSError, ValueError, TypeError):
        autograded = Path(course_dir) / "autograded" / student / assignment
        for notebook in sorted(autograded.glob("*.ipynb")):
            try:
                problems += notebook_problems(notebook)
            except Exception:  # an unreadable notebook is reported by the dashboard itself
                pass
    return [(p.kind, p.where() + p.detail) for p in problems]


def report_frame(results: list[LearnerResult]):
    """One row per submission for the cohort dashboard (pandas; learner text stays as data)."""
    # pandas takes ~0.6 s to import: only a report needs it, never the kernel launcher, which
    # comes in through this same package for every learner's kernel.
    import pandas as pd

    rows = [{
        "student": r.student, "assignment": r.assignment, "status": r.status,
        "flagged": r.flagged, "isolated": r.isolated,
        "what failed": "; ".join(f"{p.where()}{p.kind} ({p.detail})" for p in r.problems),
    } for r in results]
    return pd.DataFrame(rows, columns=["student", "assignment", "status", "flagged", "isolated",
                                       "what failed"])


def write_report(results: list[LearnerResult], out_dir: str | os.PathLike) -> tuple[Path, Path]:
    """CSV (formula-guarded, activities.safe_text.csv_bytes) and HTML (escaped, a Jinja2
    template) reports of a grading run."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    frame = report_frame(results)
    csv_path, html_path = out / "grading-report.csv", out / "grading-report.html"
    rows = [list(row) for row in frame.itertuples(index=False)]
    csv_path.write_bytes(csv_bytes(list(frame.columns), rows))
    html_path.write_text(render("cohort", "grading-report.html", columns=list(frame.columns), rows=rows),
                         encoding="utf-8")
    return csv_path, html_path
