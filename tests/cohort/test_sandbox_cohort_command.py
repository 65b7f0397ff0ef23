"""The trainer's own command (``python -m cohort autograde``) grades through the sandbox, and the
cohort dashboard (``python -m cohort dashboard``) shows which submission was blocked and why."""
from __future__ import annotations

import csv
import os
import subprocess
import sys

import pytest

from cohort.terminal import EXIT_NEEDS_A_LOOK
from support.sandbox import (ASSIGNMENT, HONEST, HONEST_SCORES, hostile_code, integrity_ok,
                             make_course, scores, submit, tree_hashes)

pytestmark = pytest.mark.nbgrader


def _cohort(*args, timeout=900):
    env = {**os.environ, "PATH": f"{os.path.dirname(sys.executable)}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run([sys.executable, "-m", "cohort", *args], capture_output=True, text=True,
                          timeout=timeout, env=env)


def test_trainer_command_sandboxes_and_dashboard_flags(tmp_path):
    course = make_course(tmp_path)
    markers = {"tmp": tmp_path / "unused", "home": tmp_path / "unused-home"}
    attacks = hostile_code(course, 9, markers)
    for student, answers in HONEST.items():
        submit(course, student, answers)
    # Learner-chosen text ends up in the dashboard: make the attack's error message hostile too.
    submit(course, "mallory", {"weeks": attacks["gradebook_overwrite"], "smallest": "smallest = 4"})
    submit(course, "mel", {"weeks": "raise PermissionError('<script>alert(1)</script>')",
                           "smallest": "smallest = 4"})
    before = tree_hashes(course, exclude={"mallory", "mel"}, trees=("source", "release", "submitted"))

    graded = _cohort("autograde", str(course), ASSIGNMENT, "--jobs", "2")
    # Graded, two learners flagged: "done, but some learners need a look" (cohort.terminal).
    assert graded.returncode == EXIT_NEEDS_A_LOOK, graded.stdout + graded.stderr
    assert integrity_ok(course)
    got = scores(course)
    assert {s: got[s] for s in HONEST} == HONEST_SCORES
    assert got["mallory"] == 1.0  # contained, flagged, and still graded on the honest answer
    assert tree_hashes(course, exclude={"mallory", "mel"},
                       trees=("source", "release", "submitted")) == before

    out = tmp_path / "dashboard"
    shown = _cohort("dashboard", str(course), "--out", str(out))
    assert shown.returncode == 0, shown.stdout + shown.stderr
    with open(out / "problems.csv", encoding="utf-8-sig") as f:  # BOM for spreadsheets
        rows = list(csv.DictReader(f))
    flagged = {r["student"] for r in rows if r["problem"].startswith("blocked")}
    assert flagged == {"mallory", "mel"}, rows
    mallory = [r for r in rows if r["student"] == "mallory"][0]
    assert "gradebook.db" in mallory["detail"] and "weeks" in mallory["detail"]
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "mallory" in html and "<script>alert(1)" not in html
