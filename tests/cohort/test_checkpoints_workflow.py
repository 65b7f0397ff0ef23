"""A whole cohort through nbgrader's own CLI, in a temporary course directory and exchange:
init -> generate -> release -> learners fetch, answer, submit -> collect -> autograde ->
manual grading (through the gradebook API, as formgrader does) -> feedback -> dashboard.

Seven learners hand in the Learning circles checkpoint: one complete, one partial, one blank,
and four that tamper with it (a deleted test cell, edited read-only cells, a renamed notebook, an
empty notebook). One more learner is on the roster and hands in nothing. One learner also hands in
Orientation and the two later modules' checkpoints (one learner each keeps nbgrader's steps cheap).
"""
from __future__ import annotations

import csv
import hashlib
import html
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from support.checkpoints import (LONG_REFLECTION, SECOND_REFLECTION, SHORT_REFLECTION, answer_notebook,
                                 cell_by_id, edit_notebook, fetch, in_parallel, learner_home, submit)
from cohort import course
from cohort.checkpoints import ASSIGNMENTS, MIN_REFLECTION_WORDS, notebook_name

pytestmark = pytest.mark.nbgrader

COURSE_ID = "circle-test"
LC = "learning-circles"
OR = "orientation"
LC_NB = notebook_name(LC) + ".ipynb"
OR_NB = notebook_name(OR) + ".ipynb"

ROSTER = [  # id, first_name, last_name, email
    ("ada", "Ada 🌱", "Lovelace", "ada@example.org"),
    ("bo", "Bo", "Ngoma", ""),
    ("cy", "Cy", "", ""),
    ("dee", "Dee", "", ""),
    ("eli", "Éli", "Ben-Ami", ""),
    ("fay", "Fay", "", ""),
    ("gus", "Gus", "", ""),
    ("hal", "Hal", "", ""),
]
TAMPER_TEXT = ("I deleted nothing important, I think. My first meeting would start with names, a "
               "warm welcome, a promise that this is not a class, and a question about goals.")

#: What each learner answers in the Learning circles checkpoint.
ANSWERS = {
    "ada": {"first-meeting": LONG_REFLECTION, "after-plus-delta": SECOND_REFLECTION,
            "group-size-answer": "b", "meeting-length-answer": "90 minutes", "meeting-parts-answer": "c, a, d, b"},
    "bo": {"first-meeting": SHORT_REFLECTION, "group-size-answer": "B", "meeting-length-answer": "60"},
    "cy": {},
    "dee": {"first-meeting": TAMPER_TEXT, "group-size-answer": "a", "meeting-length-answer": "90",
            "meeting-parts-answer": "cadb"},
    "eli": {"first-meeting": TAMPER_TEXT, "group-size-answer": "a", "meeting-length-answer": "90",
            "meeting-parts-answer": "cadb"},
    "fay": {"first-meeting": TAMPER_TEXT, "group-size-answer": "b", "meeting-length-answer": "90",
            "meeting-parts-answer": "cadb"},
    "gus": {},
}
EXPECTED_AUTO = {"ada": 3, "bo": 1, "cy": 0, "dee": 2, "eli": 2, "gus": 0}
#: Manual grades a trainer gives in formgrader: (learner, question) -> points.
MANUAL = {("ada", "first-meeting"): 3, ("ada", "after-plus-delta"): 2, ("bo", "first-meeting"): 1}
#: ada's answers to the checkpoints of "Choosing a course" and "Getting ready": one quick check
#: wrong in each, so its one-line explanation shows.
LATER = {
    "choosing-a-course": {"course-for-your-group": LONG_REFLECTION, "adapt-the-course": SECOND_REFLECTION,
                          "remix-kind-answer": "b", "paid-course-answer": "a", "course-steps-answer": "b, c, a"},
    "getting-ready": {"reaching-people": LONG_REFLECTION, "weeks-before": SECOND_REFLECTION,
                      "schedule-weeks-answer": "6 weeks", "reminder-days-answer": "3", "facilitator-hours-answer": "b)"},
    # the letters of "every one that applies" in any order, with spaces and commas
    "facilitating": {"practice-round": LONG_REFLECTION, "next-time": SECOND_REFLECTION,
                     "eight-tasks-answer": "D, c a", "clash-task-answer": "B", "teacher-task-answer": "c"},
}
LATER_WRONG = {"choosing-a-course": "a paid course only works when your organisation already holds a licence, so it "
                                     "costs the group nothing.",
               "getting-ready": "reminders go out two days before each meeting.",
               "facilitating": "inviting the others to answer draws out their views."}


def _tamper(student: str, path: Path) -> None:
    if student == "dee":  # deletes the test cell of the question they got wrong
        edit_notebook(path, lambda nb: nb.cells.remove(cell_by_id(nb, "group-size")))
    elif student == "eli":  # makes the test pass whatever the answer, and edits the intro
        def edit(nb):
            cell_by_id(nb, "group-size").source = "print('all good')"
            cell_by_id(nb, "intro").source += "\n\nI was here."
        edit_notebook(path, edit)
    elif student == "fay":  # renames the notebook
        path.rename(path.with_name("my checkpoint.ipynb"))
    elif student == "gus":  # hands in a notebook with no cells at all
        nbformat.write(nbformat.v4.new_notebook(), path)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Cohort:
    course_dir: Path
    exchange: Path
    root: Path
    autograde_runs: list
    submitted_digests: dict
    dashboard: dict


@pytest.fixture(scope="module")
def cohort(tmp_path_factory) -> Cohort:
    root = tmp_path_factory.mktemp("cohort")
    course_dir, exchange = root / "course", root / "exchange"
    roster = root / "roster.csv"
    with roster.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "first_name", "last_name", "email"])
        writer.writerows(ROSTER)

    # The trainer's command, as documented.
    cli = [sys.executable, "-m", "cohort"]
    done = subprocess.run(cli + ["init", str(course_dir), "--course-id", COURSE_ID, "--exchange", str(exchange),
                                 "--roster", str(roster)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    for step in (["generate", str(course_dir)], *(["release", str(course_dir), a] for a in (LC, OR, *LATER))):
        done = subprocess.run(cli + step, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"{step}: {done.stdout}{done.stderr}"

    homes = {student: learner_home(root, student) for student in ANSWERS}
    fetched = in_parallel([lambda s=s: fetch(homes[s], COURSE_ID, exchange, LC) for s in ANSWERS]
                          + [lambda a=a: fetch(homes["ada"], COURSE_ID, exchange, a) for a in (OR, *LATER)])
    for result in fetched:
        result.check()
    for student, answers in ANSWERS.items():
        path = homes[student] / LC / LC_NB
        if answers:
            answer_notebook(path, answers)
        _tamper(student, path)
    answer_notebook(homes["ada"] / OR / OR_NB, {"social-learning": LONG_REFLECTION, "network-kind-answer": "b",
                                                "continents-answer": "6"})
    for assignment, answers in LATER.items():
        answer_notebook(homes["ada"] / assignment / (notebook_name(assignment) + ".ipynb"), answers)
    submitted = in_parallel([lambda s=s: submit(homes[s], COURSE_ID, exchange, LC, s) for s in ANSWERS]
                            + [lambda a=a: submit(homes["ada"], COURSE_ID, exchange, a, "ada") for a in (OR, *LATER)])
    for result in submitted:
        result.check()

    course.collect(course_dir, LC).check()
    for assignment in (OR, *LATER):
        course.collect(course_dir, assignment).check()
    digests = {p.relative_to(course_dir): _digest(p) for p in (course_dir / "submitted").rglob("*.ipynb")}
    # Learning circles through the plain nbgrader step; Orientation through the trainer's command,
    # whose autograde runs learners' code in the sandbox (cohort.sandbox) by default.
    runs = [course.autograde(course_dir, LC),
            subprocess.run(cli + ["autograde", str(course_dir), OR], capture_output=True, text=True, timeout=900)]
    for assignment in LATER:  # one learner each: the plain nbgrader step is the cheap one
        course.autograde(course_dir, assignment).check()

    # Manual grading, exactly what formgrader stores when a grader enters points.
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course_dir / 'gradebook.db'}") as gb:
        for (student, question), points in MANUAL.items():
            grade = gb.find_grade(question, notebook_name(LC), LC, student)
            grade.manual_score = points
            grade.needs_manual_grade = False
        gb.db.commit()

    course.generate_feedback(course_dir, LC).check()
    out = root / "dashboard"
    done = subprocess.run(cli + ["dashboard", str(course_dir), "--out", str(out)], capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    dashboard = {name: out / name for name in ("index.html", "progress.csv", "reflections.csv", "problems.csv",
                                                "progress.svg")}
    return Cohort(course_dir, exchange, root, runs, digests, dashboard)


def _gradebook(cohort: Cohort):
    from nbgrader.api import Gradebook
    return Gradebook(f"sqlite:///{cohort.course_dir / 'gradebook.db'}")


def _csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _autograded_cell(cohort: Cohort, student: str, grade_id: str):
    notebook = nbformat.read(cohort.course_dir / "autograded" / student / LC / LC_NB, as_version=4)
    return cell_by_id(notebook, grade_id)


# --- the workflow ------------------------------------------------------------------------------

def test_automatic_scores_are_what_the_answers_earn(cohort):
    with _gradebook(cohort) as gb:
        for student, expected in EXPECTED_AUTO.items():
            submission = gb.find_submission(LC, student)
            assert submission.code_score == expected, student
            assert submission.max_code_score == 3
        assert gb.find_submission(OR, "ada").code_score == 2
        for assignment in LATER:
            submission = gb.find_submission(assignment, "ada")
            assert (submission.code_score, submission.max_code_score) == (2, 3), assignment
            assert submission.max_written_score == 6 and submission.needs_manual_grade
        # Every roster learner is in the gradebook, names intact (imported from the CSV by nbgrader).
        names = {s.id: (s.first_name, s.last_name) for s in gb.students}
        assert names["ada"] == ("Ada 🌱", "Lovelace") and names["eli"] == ("Éli", "Ben-Ami")
        assert "hal" in names


def test_reflections_reach_the_grader_unchanged(cohort):
    """nbgrader's gradebook holds a grade per reflection; the text itself lives in the autograded
    notebook formgrader shows next to it. Both must be exactly what the learner wrote."""
    with _gradebook(cohort) as gb:
        for student in ("ada", "bo", "cy", "dee", "eli"):
            for question in ("first-meeting", "after-plus-delta"):
                text = ANSWERS[student].get(question)
                grade = gb.find_grade(question, notebook_name(LC), LC, student)
                comment = gb.find_comment(question, notebook_name(LC), LC, student)
                cell = _autograded_cell(cohort, student, question)
                if text is None:  # untouched answer: nbgrader gives 0 and says so
                    assert comment.auto_comment == "No response."
                    assert grade.score == 0 and not grade.needs_manual_grade
                    assert cell.source == "YOUR ANSWER HERE"
                else:
                    assert cell.source == text, (student, question)
                    assert comment.auto_comment is None
                    assert grade.needs_manual_grade == ((student, question) not in MANUAL)
        assert gb.find_grade("first-meeting", notebook_name(LC), LC, "ada").score == 3
        assert "\x00" in _autograded_cell(cohort, "bo", "first-meeting").source


def test_feedback_pages_show_answers_and_scores_without_running_learner_html(cohort):
    page = (cohort.course_dir / "feedback" / "ada" / LC / f"{notebook_name(LC)}.html").read_text(encoding="utf-8")
    assert "مرحبا بكم في حلقة التعلم" in page and "🌱" in page
    # The learner's markup is shown as text, never run (cohort.safe_html, set in nbgrader_config.py).
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in page
    assert "<script>alert" not in page and 'onerror="' not in page
    assert "8.0" in page and "9.0" in page  # total score of the complete learner
    for student in ("bo", "cy", "dee", "eli", "gus"):
        assert (cohort.course_dir / "feedback" / student / LC / f"{notebook_name(LC)}.html").exists()
    # A wrong quick check (bo: "60" minutes) and a blank one (cy) are explained in one plain line.
    bo = (cohort.course_dir / "feedback" / "bo" / LC / f"{notebook_name(LC)}.html").read_text(encoding="utf-8")
    cy = (cohort.course_dir / "feedback" / "cy" / LC / f"{notebook_name(LC)}.html").read_text(encoding="utf-8")
    assert "This is not the answer the course gives." in bo and "Not yet. Type a number" in cy
    assert "most recent call last" not in bo + cy and "AssertionError" not in bo + cy

    # The later modules' hidden tests also say what the course's answer is. Their feedback pages
    # are made from these same graded outputs (feedback is made once above, to keep nbgrader's
    # steps few), so the graded notebook is where to look.
    for assignment, explanation in LATER_WRONG.items():
        graded = nbformat.read(cohort.course_dir / "autograded" / "ada" / assignment / f"{notebook_name(assignment)}.ipynb",
                               as_version=4)
        errors = [output for cell in graded.cells if cell.cell_type == "code" for output in cell.outputs
                  if output.output_type == "error"]
        assert [error.traceback for error in errors] == [[f"This is not the answer the course gives: {explanation}"]]


# --- tampering --------------------------------------------------------------------------------

def test_only_the_renamed_notebook_fails_and_everyone_else_is_graded(cohort):
    lc_run, or_run = cohort.autograde_runs
    assert lc_run.failed == [(LC, "fay")], lc_run.output[-3000:]
    assert or_run.returncode == 0, or_run.stdout + or_run.stderr
    assert "graded" in or_run.stdout and "ada" in or_run.stdout  # the sandbox's per-learner report
    for student in ("ada", "bo", "cy", "dee", "eli", "gus"):
        assert (cohort.course_dir / "autograded" / student / LC / LC_NB).exists(), student
    assert not (cohort.course_dir / "autograded" / "fay" / LC).exists()


def test_tampered_cells_are_graded_as_nbgrader_intends(cohort):
    # Edited read-only cells: nbgrader puts the original back and grades that, so the fake test fails.
    assert "print('all good')" not in _autograded_cell(cohort, "eli", "group-size").source
    assert "I was here." not in _autograded_cell(cohort, "eli", "intro").source
    with _gradebook(cohort) as gb:
        assert gb.find_grade("group-size", notebook_name(LC), LC, "eli").score == 0
        # Deleted test cell: no automatic score, left for the grader to decide.
        deleted = gb.find_grade("group-size", notebook_name(LC), LC, "dee")
        assert deleted.auto_score is None and deleted.needs_manual_grade
        # Empty notebook: nothing to grade automatically; everything waits for a person.
        assert gb.find_submission(LC, "gus").score == 0
        assert gb.find_submission(LC, "gus").needs_manual_grade


def test_no_learners_submission_was_changed_by_grading_others(cohort):
    after = {p.relative_to(cohort.course_dir): _digest(p)
             for p in (cohort.course_dir / "submitted").rglob("*.ipynb")}
    assert after == cohort.submitted_digests
    assert len(after) == 8 + len(LATER)  # seven Learning circles (one renamed); ada's Orientation and later ones


# --- the dashboard ----------------------------------------------------------------------------

def test_dashboard_progress_figures(cohort):
    rows = {(r["student"], r["assignment"]): r for r in _csv(cohort.dashboard["progress.csv"])}
    assert len(rows) == 8 * len(ASSIGNMENTS)  # every roster learner x every checkpoint in the gradebook
    expected = {  # learner: (status, score, automatic score)
        "ada": ("graded", "8.0", "3.0"), "bo": ("graded", "2.0", "1.0"), "cy": ("graded", "0.0", "0.0"),
        "dee": ("waiting for manual grading", "2.0", "2.0"), "eli": ("waiting for manual grading", "2.0", "2.0"),
        "fay": ("autograde failed", "0.0", "0.0"), "gus": ("waiting for manual grading", "0.0", "0.0"),
        "hal": ("not submitted", "", ""),
    }
    for student, (status, score, auto) in expected.items():
        row = rows[(student, LC)]
        assert (row["status"], row["score"], row["automatic_score"]) == (status, score, auto), student
        if student != "hal":
            assert row["max_score"] == "9.0"
    assert rows[("ada", LC)]["reflections_complete"] == "2" and rows[("bo", LC)]["reflections_complete"] == "0"
    assert rows[("ada", OR)]["status"] == "waiting for manual grading"
    assert rows[("ada", OR)]["automatic_score"] == "2.0"
    assert all(rows[(s, OR)]["status"] == "not submitted" for s in expected if s != "ada")
    assert all(rows[(s, "anybody-can-learn-anything")]["status"] == "not submitted" for s in expected)
    for assignment in LATER:
        assert (rows[("ada", assignment)]["status"], rows[("ada", assignment)]["automatic_score"]) == (
            "waiting for manual grading", "2.0"), assignment
        assert rows[("ada", assignment)]["reflections_complete"] == "2"
        assert all(rows[(s, assignment)]["status"] == "not submitted" for s in expected if s != "ada")
    assert rows[("ada", LC)]["name"] == "Ada 🌱 Lovelace"


def test_dashboard_flags_every_problem_and_only_those(cohort):
    found = {(r["student"], r["assignment"], r["problem"]) for r in _csv(cohort.dashboard["problems.csv"])}
    assert found == {
        ("bo", LC, "short reflection"),
        ("cy", LC, "empty submission"),
        ("dee", LC, "deleted test cell"),
        ("eli", LC, "edited read-only cell"),
        ("fay", LC, "unexpected notebook"), ("fay", LC, "missing notebook"), ("fay", LC, "autograde failed"),
        ("gus", LC, "empty notebook"),
    }
    details = {(r["student"], r["problem"]): r["detail"] for r in _csv(cohort.dashboard["problems.csv"])}
    assert details[("eli", "edited read-only cell")].startswith("intro, group-size") or \
        details[("eli", "edited read-only cell")].startswith("group-size, intro")
    assert "group-size" in details[("dee", "deleted test cell")]
    assert "my checkpoint.ipynb" in details[("fay", "unexpected notebook")]
    page = cohort.dashboard["index.html"].read_text(encoding="utf-8")
    assert "Problems to look at (8)" in page


def test_dashboard_reflections_are_exact_in_csv_and_escaped_in_html(cohort):
    rows = _csv(cohort.dashboard["reflections.csv"])
    by_key = {(r["student"], r["assignment"], r["question_id"]): r for r in rows}
    ada = by_key[("ada", LC, "after-plus-delta")]
    assert ada["answer"] == "'" + SECOND_REFLECTION  # formula guard for spreadsheets, text intact
    assert by_key[("ada", LC, "first-meeting")]["answer"] == LONG_REFLECTION
    assert by_key[("ada", LC, "first-meeting")]["words"] == str(len(LONG_REFLECTION.split()))
    assert by_key[("bo", LC, "first-meeting")]["answer"] == SHORT_REFLECTION  # NUL kept
    assert by_key[("bo", LC, "first-meeting")]["complete"] == "False"
    assert by_key[("cy", LC, "first-meeting")]["answer"] == ""
    assert len(SHORT_REFLECTION.split()) < MIN_REFLECTION_WORDS <= len(LONG_REFLECTION.split())

    from cohort.dashboard.views import page_name

    out = cohort.dashboard["index.html"].parent
    pages = {question: (out / "questions" / page_name(LC, question)).read_text(encoding="utf-8")
             for question in ("first-meeting", "after-plus-delta")}
    for page in pages.values():
        assert "<script>" not in page and "<img src=x" not in page
    # Question by question, each on its own page: the prompt, then everyone's answers to it.
    first = pages["first-meeting"]
    assert "learning-circles: first-meeting" in first and "first few minutes of your first meeting" in first
    assert html.escape(LONG_REFLECTION, quote=True) in first
    assert html.escape(SHORT_REFLECTION, quote=True).replace("\x00", "\u2400") in first
    assert html.escape(LONG_REFLECTION, quote=True) not in pages["after-plus-delta"]
    assert html.escape(LONG_REFLECTION, quote=True) in (out / "learners" / page_name("ada")).read_text(encoding="utf-8")


def test_dashboard_chart_has_alt_text_with_the_figures(cohort):
    import xml.etree.ElementTree as ET

    bars = ET.parse(cohort.dashboard["progress.svg"]).getroot().iter("{http://www.w3.org/2000/svg}rect")
    values = {(b.get("data-category"), b.get("data-series")): int(b.get("data-value")) for b in bars if b.get("data-value")}
    assert values[("learning-circles", "graded")] == 3 and values[("orientation", "not submitted")] == 7
    page = cohort.dashboard["index.html"].read_text(encoding="utf-8")
    alt = page.split('<img src="progress.svg" alt="', 1)[1].split('"', 1)[0]
    assert "learning-circles: 3 graded, 3 waiting for manual grading, 1 autograde failed, 1 not submitted" in alt
    assert "orientation: 1 waiting for manual grading, 7 not submitted" in alt
    for assignment in LATER:
        assert values[(assignment, "waiting for manual grading")] == 1 and values[(assignment, "not submitted")] == 7
        assert f"{assignment}: 1 waiting for manual grading, 7 not submitted" in alt
    # The chart and its alt text follow the course's order, not the gradebook's alphabetical one.
    assert sorted(ASSIGNMENTS, key=alt.index) == list(ASSIGNMENTS)
