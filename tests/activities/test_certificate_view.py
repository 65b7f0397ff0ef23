""""Your certificate"'s widgets without a browser: a refused name keeps the old one and says why,
the check reads the learner's copy of the checkpoints through nbgrader's validator, and the files
appear only as far as the learner is eligible. Everything survives reopening the notebook."""
from __future__ import annotations

from datetime import date

import pytest

from activities.certificate.view import CHECKPOINTS_ENV, CertificateView, learner_checkpoints
from cohort.checkpoints import ASSIGNMENTS, STUDENT_ROOT
from support.certificates import learner_copy

pytestmark = pytest.mark.nbgrader
TODAY = date(2027, 3, 1)


def test_a_refused_name_says_why_and_keeps_the_old_one(tmp_path):
    view = CertificateView(tmp_path, checkpoints=tmp_path / "none", today=TODAY)
    view.name.value = "Ada <b>Lovelace</b>"
    view.name.value = "x" * 100_000
    assert "at most 80 characters" in view.message.value and "100,000" in view.message.value
    assert view.model.name == "Ada <b>Lovelace</b>"
    assert CertificateView(tmp_path).model.name == "Ada <b>Lovelace</b>"  # saved
    assert "No certificate yet" in view.outcome.value and "<b>" not in view.outcome.value


def test_check_then_certificate_and_back_after_reopening(tmp_path):
    root = learner_copy(tmp_path / "copy", filled=[a for a in ASSIGNMENTS if a != "orientation"])
    view = CertificateView(tmp_path / "saved", checkpoints=root, today=TODAY)
    view.name.value = "Ada"
    view.check()
    assert "Orientation: Not yet" in view.status.value and view.status.value.count(": Done") == len(ASSIGNMENTS) - 1
    assert list(view.make_files()) == ["my-90-day-plan.csv"] and "certificate.html" not in view.files.value
    assert view.make_button.description == "Make my 90-day plan"
    root = learner_copy(tmp_path / "copy2")
    view.checkpoints = root
    view.check()
    assert "ready to print" in view.outcome.value and view.make_button.description == "Make my certificate"
    assert set(view.make_files()) == {"certificate.html", "my-90-day-plan.csv"}
    assert 'download="certificate.html"' in view.files.value
    again = CertificateView(tmp_path / "saved")
    assert again.model.eligible and "ready to print" in again.outcome.value and "1 March 2027" in again.status.value


def test_the_learners_copy_is_found_beside_the_notebooks_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(CHECKPOINTS_ENV, raising=False)
    (tmp_path / "checkpoints" / "student").mkdir(parents=True)
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    assert learner_checkpoints() == tmp_path / "checkpoints" / "student"
    monkeypatch.chdir(tmp_path)
    assert learner_checkpoints() == STUDENT_ROOT
    monkeypatch.setenv(CHECKPOINTS_ENV, str(tmp_path / "elsewhere"))
    assert learner_checkpoints() == tmp_path / "elsewhere"
