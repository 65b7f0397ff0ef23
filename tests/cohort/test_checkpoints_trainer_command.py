"""What a trainer sees from ``python -m cohort``: rosters as spreadsheets save them, plain
messages (never a traceback) for a wrong roster, a missing course folder, an unknown checkpoint or
a step run too early, and steps that are harmless to run twice."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cohort import course
from cohort.__main__ import main
from cohort.checkpoints import ASSIGNMENTS
from cohort.course import CohortError, read_roster

#: Names as learners write them: accents, right-to-left, emoji, markup.
NAMES = [("amina", "Amina", "Diallo", "amina@example.org"), ("sara", "سارة", "אבי 🌱", ""),
         ("xss", "<script>alert(1)</script>", "<img src=x onerror=alert(2)>", ""), ("joe", "Joé", "", "")]


def _csv(rows, delimiter=",", newline="\n") -> str:
    def cell(value):
        return f'"{value}"' if any(c in value for c in ',;"\t') else value
    return newline.join(delimiter.join(cell(v) for v in row) for row in rows) + newline


def _learners():
    return [dict(zip(course.ROSTER_COLUMNS, row)) for row in NAMES]


@pytest.mark.parametrize("encoding, delimiter, header, newline", [
    ("utf-8", ",", ["id", "first_name", "last_name", "email"], "\n"),
    ("utf-8-sig", ",", ["id", "first_name", "last_name", "email"], "\r\n"),  # Excel's "CSV UTF-8"
    ("utf-8", ";", ["ID", "First Name", "Last Name", "E-mail"], "\r\n"),     # a European spreadsheet
    ("utf-16", "\t", ["Username", "first name", "Surname", "Email"], "\r\n"),  # "Unicode text"
])
def test_roster_as_spreadsheets_save_it_is_read_exactly(tmp_path, encoding, delimiter, header, newline):
    path = tmp_path / "roster.csv"
    rows = [header + ["notes"]] + [list(row) + ["met at the library"] for row in NAMES]
    text = _csv(rows[:3], delimiter, newline) + delimiter * 4 + newline + _csv(rows[3:], delimiter, newline)
    path.write_bytes(text.encode(encoding))
    roster = read_roster(path)
    assert roster.learners == _learners()
    assert roster.unused_columns == ["notes"]


@pytest.mark.parametrize("text, message", [
    ("", "is empty"),
    ("name,email\nAda,a@x\n", "Its first row is: name, email"),
    ("id,first_name\namina,A\njoe,J\namina,B\n", "row 4: amina is already on row 2"),
    ("id,first_name\namina,A\n,Nobody\n", "row 3 has no id"),
    ("id,first_name\nAmina Diallo,A\n", "row 2: the id 'Amina Diallo' cannot be used"),
    ("id,first_name\namina,Diallo, Amina\n", "row 2 has more cells than the first row has columns"),
    ("id,id\namina,amina\n", "more than one column called id"),
    ("id\n", "lists no learners"),
])
def test_roster_problems_are_listed_and_no_course_is_made(tmp_path, capsys, text, message):
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8")
    code = main(["init", str(tmp_path / "course"), "--course-id", "c1", "--exchange", str(tmp_path / "x"),
                 "--roster", str(path)])
    err = capsys.readouterr().err
    assert code == 1 and message in err, err
    assert "Traceback" not in err
    assert not (tmp_path / "course").exists()


def test_roster_problems_are_listed_together(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("id\namina\n\nbad id\namina\n", encoding="utf-8")
    with pytest.raises(CohortError) as raised:
        read_roster(path)
    assert "row 4: the id 'bad id'" in str(raised.value) and "row 5: amina is already on row 2" in str(raised.value)


def test_roster_that_is_missing_or_not_text_gets_a_plain_message(tmp_path):
    with pytest.raises(CohortError, match="There is no roster file at"):
        read_roster(tmp_path / "nope.csv")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("id,first_name\njoe,Jo\xe9\n".encode("latin-1"))
    with pytest.raises(CohortError, match="not saved as UTF-8"):
        read_roster(latin)


@pytest.mark.nbgrader
def test_init_imports_a_spreadsheet_roster_into_the_gradebook_unchanged(tmp_path, capsys):
    """Excel's "CSV UTF-8" starts with a byte-order mark, which nbgrader's importer reads as part
    of the first column's name; the course imports a clean copy instead."""
    roster = tmp_path / "roster.csv"
    roster.write_bytes(_csv([["id", "first_name", "last_name", "email"], *NAMES], newline="\r\n").encode("utf-8-sig"))
    assert main(["init", str(tmp_path / "course"), "--course-id", "c1", "--exchange", str(tmp_path / "x"),
                 "--roster", str(roster)]) == 0
    assert "Added 4 learners from" in capsys.readouterr().out
    with sqlite3.connect(tmp_path / "course" / "gradebook.db") as db:
        stored = sorted(db.execute("select id, first_name, coalesce(last_name, ''), coalesce(email, '') from student"))
    assert stored == sorted(NAMES)

    # A learner who joins later is added with the roster step; nobody already there is lost.
    late = tmp_path / "late.csv"
    # Amina's row there has empty cells: what the course knows about her stays.
    late.write_text("id,first_name,last_name,email\nlate,Late 🌙,,\namina,,,\n", encoding="utf-8")
    assert main(["roster", str(tmp_path / "course"), str(late)]) == 0
    with sqlite3.connect(tmp_path / "course" / "gradebook.db") as db:
        stored = sorted(db.execute("select id, first_name, coalesce(last_name, ''), coalesce(email, '') from student"))
    assert stored == sorted(NAMES + [("late", "Late 🌙", "", "")])


@pytest.fixture
def fresh_course(tmp_path) -> Path:
    """A course with no roster (init does not call nbgrader then: fast)."""
    course.init_course(tmp_path / "course", "c1", tmp_path / "exchange")
    return tmp_path / "course"


@pytest.mark.parametrize("argv, message", [
    (["generate", "{missing}"], "There is no folder"),
    (["dashboard", "{tmp}"], "is not a cohort's course folder (it has no nbgrader_config.py)"),
    (["collect", "{missing}", "orientation"], "There is no folder"),
    (["release", "{course}", "orientatio"], "There is no checkpoint called 'orientatio' in this course. "
                                            f"Its checkpoints are: {', '.join(ASSIGNMENTS)}."),
    (["generate", "{course}", "week-1"], "There is no checkpoint called 'week-1'"),
    (["release", "{course}", "orientation"], "Run `python -m cohort generate {course}` first"),
    (["collect", "{course}", "orientation"], "has not been handed out yet"),
    (["autograde", "{course}", "orientation"], "no submission of orientation has been collected"),
    (["autograde", "{course}", "orientation", "--no-isolation"], "Run `python -m cohort collect"),
    (["autograde", "{course}", "orientation", "--student", "zed"], "zed's orientation has been collected"),
    (["feedback", "{course}", "orientation"], "no submission of orientation has been graded"),
    (["roster", "{course}", "{missing}"], "There is no roster file"),
    (["init", "{course}", "--course-id", "c1", "--exchange", "{tmp}"], "already holds a course"),
])
def test_a_step_that_cannot_work_says_why_and_changes_nothing(fresh_course, capsys, argv, message):
    tmp = fresh_course.parent
    values = {"course": str(fresh_course), "missing": str(tmp / "missing"), "tmp": str(tmp)}
    before = sorted(p.relative_to(tmp) for p in tmp.rglob("*"))
    code = main([arg.format(**values) for arg in argv])
    err = capsys.readouterr().err
    assert code == 1, err
    assert message.format(**values) in err
    assert "Traceback" not in err and err.startswith("error: ")
    assert sorted(p.relative_to(tmp) for p in tmp.rglob("*")) == before


def test_an_unexpected_failure_is_one_plain_line_with_the_details_in_a_file(fresh_course, capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("deep inside")
    monkeypatch.setattr(course, "generate", broken)
    assert main(["generate", str(fresh_course)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "something unexpected went wrong (ZeroDivisionError)" in err
    details = Path(err.rsplit(" are in ", 1)[1].strip())
    assert "ZeroDivisionError: deep inside" in details.read_text(encoding="utf-8")
    details.unlink()


@pytest.mark.nbgrader
def test_release_twice_is_harmless_and_an_empty_collect_says_so(fresh_course, capsys):
    exchange = fresh_course.parent / "exchange"
    assert main(["generate", str(fresh_course), "orientation"]) == 0
    assert main(["release", str(fresh_course), "orientation"]) == 0
    out = capsys.readouterr().out
    assert "Learners can now press Fetch for orientation" in out
    released = exchange / "c1" / "outbound" / "orientation" / "checkpoint-orientation.ipynb"
    stamp = released.stat().st_mtime_ns

    assert main(["release", str(fresh_course), "orientation"]) == 0
    assert "orientation was already handed out; nothing was changed" in capsys.readouterr().out
    assert released.stat().st_mtime_ns == stamp

    assert main(["collect", str(fresh_course), "orientation"]) == 0
    assert "No learner has submitted orientation yet" in capsys.readouterr().out


def test_dashboard_of_a_course_with_no_learners_yet_works_without_an_activated_environment(
        fresh_course, capsys, monkeypatch):
    """nbgrader creates the gradebook with the ``alembic`` tool, found by name on PATH; a trainer who
    runs the environment's python without activating it has no such PATH."""
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    assert main(["dashboard", str(fresh_course)]) == 0, capsys.readouterr().err
    assert "no checkpoints in the gradebook" in capsys.readouterr().out
    assert (fresh_course / "dashboard" / "index.html").is_file()


def test_a_link_to_a_notebook_that_does_not_exist_is_warned_about(tmp_path, monkeypatch, capsys):
    from cohort import links

    monkeypatch.chdir(tmp_path)
    base = ["--hub", "https://hub.example.org", "--repo", "https://github.com/org/learning-circles", "--branch", "main"]
    assert links.main(base + ["notebooks/plus-delta.ipynb"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and "plus-delta.ipynb" in out
    assert links.main(base + ["notebooks/plus-detla.ipynb"]) == 0
    out, err = capsys.readouterr()
    assert "warning: there is no notebooks/plus-detla.ipynb" in err and "plus-detla.ipynb" in out


def test_ids_with_capital_letters_are_imported_with_a_note(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("id,first_name\nAmina,Amina\njoe,Joe\n", encoding="utf-8")
    roster = read_roster(path)
    assert [learner["id"] for learner in roster.learners] == ["Amina", "joe"]
    assert len(roster.notes) == 1 and "Amina" in roster.notes[0] and "lower-case" in roster.notes[0]


def test_the_command_alone_lists_the_steps(capsys):
    assert main([]) == 2
    out, err = capsys.readouterr()
    assert err == "" and "Run a cohort's checkpoints with nbgrader." in out
    for step in ("init", "roster", "generate", "release", "collect", "autograde", "feedback", "dashboard"):
        assert f"    {step} " in out
