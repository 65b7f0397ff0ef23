"""``python -m cohort certificates``: a real nbgrader course (init, generate, learners' filled-in
notebooks handed in, nbgrader autograde, reflections graded through the gradebook API as the
Formgrader does). Only the learner with every checkpoint graded gets a certificate; the others
are listed with what is missing, in the terminal and in a formula-guarded CSV."""
from __future__ import annotations

import csv
import io
import shutil
from datetime import date, timedelta

import pytest
from nbgrader.api import Gradebook

from activities.certificate.eligibility import checkpoint_title
from cohort import course
from cohort.__main__ import main
from cohort.checkpoints import ASSIGNMENTS, notebook_name
from cohort.certificates import NOT_YET_NAME, certificate_file_name
from support.certificates import answers_for
from support.checkpoints import answer_notebook
from support.hostile import assert_escaped_in

pytestmark = pytest.mark.nbgrader

ROSTER = [("ada", "Ada <b>Lovelace</b> \U0001F331", "مرحبا"), ("bo", "=Bo", ""), ("cy", "", "")]
#: Who hands in which checkpoints (cy hands in nothing); bo's last one is never autograded.
HANDS_IN = {"ada": ASSIGNMENTS, "bo": ASSIGNMENTS}
NOT_AUTOGRADED = {("bo", ASSIGNMENTS[-1])}
#: Reflections graded in the "Formgrader": all of ada's, none of bo's first checkpoint.
UNGRADED_REFLECTIONS = {("bo", ASSIGNMENTS[0])}


def grade_reflections(course_dir, student, assignment):
    with Gradebook(f"sqlite:///{course_dir / 'gradebook.db'}") as gb:
        notebook = gb.find_notebook(notebook_name(assignment), assignment)
        for cell in notebook.grade_cells:
            if cell.cell_type == "markdown":
                grade = gb.find_grade(cell.name, notebook.name, assignment, student)
                grade.manual_score = grade.max_score
                grade.needs_manual_grade = False
        gb.db.commit()


@pytest.fixture(scope="module")
def graded_course(tmp_path_factory):
    root = tmp_path_factory.mktemp("certificates")
    course_dir = root / "course"
    roster = root / "roster.csv"
    roster.write_text("id,first_name,last_name\n" + "".join(f"{i},{f},{l}\n" for i, f, l in ROSTER), encoding="utf-8")
    assert main(["init", str(course_dir), "--course-id", "cert-test", "--exchange", str(root / "exchange"),
                 "--roster", str(roster)]) == 0
    course.generate(course_dir).check()
    for student, assignments in HANDS_IN.items():
        for assignment in assignments:
            folder = course_dir / "submitted" / student / assignment
            shutil.copytree(course_dir / "release" / assignment, folder)
            path = folder / f"{notebook_name(assignment)}.ipynb"
            answer_notebook(path, answers_for(path))
    for assignment in ASSIGNMENTS:
        graded = [student for student in HANDS_IN if (student, assignment) not in NOT_AUTOGRADED]
        # One nbgrader run per checkpoint (all its learners) keeps the fixture cheap.
        course.autograde(course_dir, assignment, student=None if len(graded) == len(HANDS_IN) else graded[0]).check()
        for student in graded:
            if (student, assignment) not in UNGRADED_REFLECTIONS:
                grade_reflections(course_dir, student, assignment)
    return course_dir


def test_only_the_learner_with_every_checkpoint_graded_gets_a_certificate(graded_course, tmp_path, capsys):
    out = tmp_path / "certificates"
    assert main(["certificates", str(graded_course), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == ["ada-certificate.html", NOT_YET_NAME]
    page = (out / "ada-certificate.html").read_text(encoding="utf-8")
    assert_escaped_in(page, "Ada <b>Lovelace</b> \U0001F331 مرحبا")
    today = date.today()
    assert f"{today.day} {today:%B %Y}" in page and "graded by the cohort" in page
    for title in ("Orientation", "Learning circles", "Getting ready"):
        assert f"<li>{title}</li>" in page
    until = today + timedelta(days=90)
    assert f"{until.day} {until:%B %Y}" in page and page.count('class="blank"') == 3
    # The others, with what is missing, in words a trainer can act on.
    assert "Certificates for 1 learner" in printed and "Not yet, 2 learners" in printed
    assert "- =Bo: Orientation: its reflections are waiting to be graded in the Formgrader; " in printed
    assert f"{checkpoint_title(ASSIGNMENTS[-1])}: handed in, not autograded yet (python -m cohort autograde" in printed
    assert "- cy: Orientation: not handed in yet" in printed
    rows = list(csv.reader(io.StringIO((out / NOT_YET_NAME).read_bytes().decode("utf-8-sig"))))
    assert rows[0] == ["student", "name", "still missing"]
    assert [row[:2] for row in rows[1:]] == [["bo", "'=Bo"], ["cy", ""]]  # formula guarded
    assert rows[2][2].count("not handed in yet") == len(ASSIGNMENTS)


def test_the_step_refuses_a_folder_that_is_no_course(tmp_path, capsys):
    assert main(["certificates", str(tmp_path), "--out", str(tmp_path / "out")]) == 1
    assert "error:" in capsys.readouterr().err and not (tmp_path / "out").exists()


def test_file_names_are_ascii_and_never_overwrite_each_other():
    taken = {"jose-certificate.html"}
    assert certificate_file_name("José", taken) == "jose-2-certificate.html"
    assert certificate_file_name("../../etc", set()) == "etc-certificate.html"
