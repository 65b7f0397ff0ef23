"""The trainer's command and the dashboard's output, without running nbgrader (fast)."""
from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from traitlets.config import PyFileConfigLoader

from activities.safe_text import csv_uncell
from support.hostile import HOSTILE_EXAMPLES, hostile_text
from cohort.__main__ import main
from cohort.checkpoints import ASSIGNMENTS, REPO_ROOT
from cohort.course import CohortError, init_course
from cohort.dashboard import (PLUS_DELTA_COLUMNS, PROBLEM_COLUMNS, PROGRESS_COLUMNS, REFLECTION_COLUMNS,
                              CohortReport, read_plus_delta_folder, render_pages, write_dashboard)
from cohort.safe_html import clean_markdown_html


def test_init_writes_a_course_nbgrader_reads(tmp_path):
    course, exchange = tmp_path / "course", tmp_path / "shared" / "exchange"
    assert init_course(course, "circle-1", exchange) == []
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    assert config.CourseDirectory.course_id == "circle-1"
    assert config.Exchange.root == str(exchange.resolve())
    assert config.ClearSolutions.code_stub == {"python": 'answer = ""'}
    assert sorted(p.name for p in (course / "source").iterdir()) == sorted(ASSIGNMENTS)
    assert exchange.is_dir() and exchange.stat().st_mode & 0o777 == 0o777
    learner = PyFileConfigLoader("learner_nbgrader_config.py", path=str(course)).load_config()
    assert learner.Exchange.root == str(exchange.resolve()) and learner.CourseDirectory.course_id == "circle-1"
    with pytest.raises(CohortError, match="already holds a course"):
        init_course(course, "circle-1", exchange)


@pytest.mark.parametrize("roster, message", [
    ("name,email\nAda,a@x\n", "one of them called id"),
    ("id,first_name\nada+bo,Ada\n", "cannot be used"),
    ("id\n*\n", "cannot be used"),
])
def test_init_refuses_a_roster_nbgrader_would_choke_on(tmp_path, roster, message):
    path = tmp_path / "roster.csv"
    path.write_text(roster, encoding="utf-8")
    with pytest.raises(CohortError, match=message):
        init_course(tmp_path / "course", "c1", tmp_path / "exchange", path)
    assert not (tmp_path / "course").exists()


def test_init_refuses_a_course_inside_the_repository_or_a_bad_id(tmp_path, capsys):
    with pytest.raises(CohortError, match="outside the repository"):
        init_course(REPO_ROOT / "my-cohort", "c1", tmp_path / "exchange")
    assert not (REPO_ROOT / "my-cohort").exists()
    assert main(["init", str(tmp_path / "c"), "--course-id", "a/b", "--exchange", str(tmp_path / "x")]) == 1
    assert "course id" in capsys.readouterr().err


def _report(text: str) -> CohortReport:
    progress = pd.DataFrame([dict.fromkeys(PROGRESS_COLUMNS, "") | {"student": text, "name": text,
                             "assignment": "orientation", "status": "graded", "score": 1.0}])
    reflections = pd.DataFrame([dict.fromkeys(REFLECTION_COLUMNS, "") | {
        "assignment": "orientation", "question_id": "q1", "student": "ada", "answer": text, "words": 1}])
    problems = pd.DataFrame([{"student": "ada", "assignment": "orientation", "problem": "short reflection",
                              "detail": text}], columns=PROBLEM_COLUMNS)
    plus_delta = pd.DataFrame([{"file": "a.csv", "week": 1, "name": text, "plus": text, "delta": text}],
                              columns=PLUS_DELTA_COLUMNS)
    return CohortReport("c1", progress, reflections, problems, plus_delta, [("orientation", "q1", text)])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile_text)
def test_dashboard_html_escapes_everything_a_learner_typed(text):
    pages = render_pages(_report(text), "chart")
    page = "".join(pages.values())
    shown = html.escape(text, quote=True).replace("\x00", "\u2400")
    assert page.count(shown) >= 5 if shown else True
    # The overview's own script (a file next to it) is the only script tag anywhere.
    assert "<script" not in page.lower().replace("&lt;script", "").replace('<script src="dashboard.js">', "")
    assert "\x00" not in page
    assert all(page_name.count("/") <= 1 and ".." not in page_name for page_name in pages)


@pytest.mark.parametrize("text", HOSTILE_EXAMPLES)
def test_dashboard_csv_gives_back_exactly_what_was_typed(tmp_path, text):
    paths = write_dashboard(_report(text), tmp_path)
    with paths["reflections.csv"].open(encoding="utf-8-sig", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert csv_uncell(row["answer"]) == text
    assert not row["answer"].startswith(("=", "+", "-", "@"))


def test_plus_delta_folder_is_read_leniently(tmp_path):
    from activities.plus_delta import PlusDelta, entries_csv

    model = PlusDelta.new()
    model.add("We talked 🎉", "=1+1 <b>more</b> breaks", name="مريم", week=2)
    model.add("Good pace", "", week=1)
    (tmp_path / "maryam.csv").write_bytes(entries_csv(model))
    (tmp_path / "broken.csv").write_bytes(b"\xff\xfe not utf-8")
    (tmp_path / "wrong-columns.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a csv", encoding="utf-8")
    frame, problems = read_plus_delta_folder(tmp_path)
    assert frame.to_dict("records") == [
        {"file": "maryam.csv", "week": 1, "name": "", "plus": "Good pace", "delta": ""},
        {"file": "maryam.csv", "week": 2, "name": "مريم", "plus": "We talked 🎉", "delta": "=1+1 <b>more</b> breaks"},
    ]
    assert sorted(p["detail"].split(":")[0] for p in problems) == ["broken.csv", "wrong-columns.csv"]
    page = "".join(render_pages(CohortReport("c1", pd.DataFrame(columns=PROGRESS_COLUMNS),
                                             pd.DataFrame(columns=REFLECTION_COLUMNS),
                                             pd.DataFrame(problems, columns=PROBLEM_COLUMNS), frame, []), "a").values())
    assert "wrong-columns.csv" in page  # on the attention list
    report = CohortReport("c1", pd.DataFrame([dict.fromkeys(PROGRESS_COLUMNS) | {
        "student": "maryam", "name": "مريم", "assignment": "orientation", "status": "not submitted"}]),
        pd.DataFrame(columns=REFLECTION_COLUMNS), pd.DataFrame(columns=PROBLEM_COLUMNS), frame, [])
    learner_page = next(p for name, p in render_pages(report, "a").items() if name.startswith("learners/"))
    assert "=1+1 &lt;b&gt;more&lt;/b&gt; breaks" in learner_page and "Good pace" in learner_page


def test_markdown_from_learners_is_rendered_safely_for_graders():
    rendered = clean_markdown_html('<p>Hi <strong>there</strong></p><script>alert(1)</script>'
                                   '<img src="x" onerror="alert(1)"><a href="javascript:alert(1)">x</a>')
    assert "<strong>there</strong>" in rendered and "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "javascript:" not in rendered
    # An image is never loaded: it shows as the text the learner typed, address included.
    assert "<img" not in rendered and '&lt;img src="x" onerror="alert(1)"&gt;' in rendered


def test_course_config_makes_nbgraders_html_exporter_escape_learner_markup(tmp_path):
    """Formgrader renders submissions with ``HTMLExporter(config=<the course config>)``; with the
    course's nbgrader_config.py, markup in a learner's markdown answer is shown, never run."""
    import nbformat
    from nbconvert import HTMLExporter

    from cohort.safe_html import strip_files_prefix_and_clean

    init_course(tmp_path / "course", "c1", tmp_path / "exchange")
    config = PyFileConfigLoader("nbgrader_config.py", path=str(tmp_path / "course")).load_config()
    exporter = HTMLExporter(config=config)
    assert exporter.environment.filters["strip_files_prefix"] is strip_files_prefix_and_clean
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
        "My **answer** <script>alert('x')</script><img src=x onerror=alert(1)>")])
    body, _ = exporter.from_notebook_node(notebook)
    assert "<strong>answer</strong>" in body and "&lt;script&gt;alert('x')&lt;/script&gt;" in body
    assert "<script>alert" not in body and "<img src=x" not in body  # shown as text, never loaded


@pytest.mark.parametrize("ids", [("Ada", "ada!", "ADA"), ("../../etc/passwd", "..", "con"),
                                 ("", " ", "\x00"), ("x" * 500, "x" * 501, "مريم")])
def test_dashboard_page_names_are_safe_and_never_collide(ids):
    from cohort.dashboard.views import page_name

    names = [page_name(i) for i in ids]
    assert len(set(names)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9-]{1,60}\.html", name) for name in names), names


@pytest.mark.parametrize("text", HOSTILE_EXAMPLES)
def test_every_view_has_a_guarded_csv_that_gives_back_what_was_typed(tmp_path, text):
    paths = write_dashboard(_report(text), tmp_path)
    views = {"overview.csv": "name", **{name: "answer" for name in paths if name.startswith("questions/")
                                        and name.endswith(".csv")}}
    learner_csvs = [name for name in paths if name.startswith("learners/") and name.endswith(".csv")]
    assert len(learner_csvs) == 1 and len(views) == 2
    for name, column in views.items():
        with paths[name].open(encoding="utf-8-sig", newline="") as handle:
            row = next(csv.DictReader(handle))
        assert csv_uncell(row[column]) == text, name
        assert not row[column].startswith(("=", "+", "-", "@")), name
