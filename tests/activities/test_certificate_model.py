""""Your certificate": eligibility from real checkpoint notebooks checked by nbgrader's own
validator (fresh, filled, half filled, tampered with, corrupt, missing), and the model's rules for
the name and the plan (hostile text gets a clear message or is kept as typed)."""
from __future__ import annotations

import shutil
from datetime import date

import nbformat
import pytest

from activities.certificate import MAX_NAME, Certificate, CheckpointResult, name_problem
from activities.certificate.eligibility import check_all, check_checkpoint, checkpoint_title, notebook_path
from cohort.checkpoints import ASSIGNMENTS
from support.checkpoints import cell_by_id, edit_notebook
from support.hostile import HOSTILE_EXAMPLES
from support.certificates import learner_copy

pytestmark = pytest.mark.nbgrader
TODAY = date(2027, 3, 1)


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    """A learner's copy with every checkpoint answered (checked once for the module)."""
    root = learner_copy(tmp_path_factory.mktemp("filled"))
    return root, check_all(root)


def test_every_checkpoint_answered_is_done_and_the_certificate_is_ready(filled):
    root, results = filled
    assert [r.assignment for r in results] == list(ASSIGNMENTS)
    assert all(r.done for r in results), [r.missing for r in results if not r.done]
    certificate = Certificate(name="Ada Lovelace")
    certificate.record_check(results, TODAY)
    assert certificate.eligible and certificate.missing() == []
    assert certificate.modules_completed() == [checkpoint_title(a, root) for a in ASSIGNMENTS]
    assert "Getting ready" in certificate.modules_completed()


def test_fresh_copies_are_not_yet_and_name_every_question(tmp_path):
    root = learner_copy(tmp_path, filled=())
    results = check_all(root, assignments=("getting-ready",))
    (result,) = results
    assert not result.done and result.title == "Getting ready"
    assert len(result.missing) == 5  # two reflections, three quick checks
    text = "\n".join(result.missing)
    assert text.count("has no answer yet") == 2 and text.count("does not pass yet") == 3
    assert "How many days before each meeting do the reminders go out?" in text
    certificate = Certificate(name="Ada")
    certificate.record_check(results, TODAY)
    assert not certificate.eligible
    assert certificate.missing()[0].startswith("Getting ready: the reflection")


def test_one_unanswered_reflection_and_one_empty_check_are_all_that_is_missing(filled, tmp_path):
    root = tmp_path / "student"
    shutil.copytree(filled[0], root)
    path = notebook_path("learning-circles", root)

    def undo(nb):
        cell_by_id(nb, "first-meeting").source = "YOUR ANSWER HERE"
        cell_by_id(nb, "meeting-length-answer").source = 'answer = ""'
    edit_notebook(path, undo)
    result = check_checkpoint("learning-circles", root)
    assert len(result.missing) == 2, result.missing
    assert "How will people know that this is not a class?" in result.missing[0]
    assert "How many minutes does a learning circle usually meet each week?" in result.missing[1]
    assert check_checkpoint("orientation", root).done


def test_a_changed_locked_cell_a_corrupt_file_and_a_missing_notebook_are_explained(filled, tmp_path):
    root = tmp_path / "student"
    shutil.copytree(filled[0], root)
    edit_notebook(notebook_path("orientation", root),
                  lambda nb: setattr(cell_by_id(nb, "network-kind"), "source", "print('all good')"))
    notebook_path("choosing-a-course", root).write_text("{ not a notebook", encoding="utf-8")
    notebook_path("getting-ready", root).unlink()
    results = {r.assignment: r for r in check_all(root)}
    assert "a locked box" in results["orientation"].missing[0]
    assert "could not be read or run" in results["choosing-a-course"].missing[0]
    assert "is not there" in results["getting-ready"].missing[0]
    assert results["getting-ready"].title == "Getting ready"  # named even without its notebook
    assert results["learning-circles"].done


def test_an_empty_notebook_is_not_done(tmp_path):
    root = learner_copy(tmp_path, filled=())
    nbformat.write(nbformat.v4.new_notebook(), notebook_path("orientation", root))
    result = check_checkpoint("orientation", root)
    assert not result.done and "were deleted" in result.missing[0]


# --- the model: name, plan, saved data ----------------------------------------------------------

@pytest.mark.parametrize("text", HOSTILE_EXAMPLES)
def test_a_hostile_name_is_kept_as_typed_or_refused_with_a_reason(text):
    problem = name_problem(text)
    if problem is None:
        assert Certificate(name=text).name == text
    else:
        with pytest.raises(ValueError, match="name"):
            Certificate(name=text)
        certificate = Certificate(name="Before")
        with pytest.raises(ValueError):
            certificate.update(name=text)
        assert certificate.name == "Before"  # nothing lost


def test_name_rules():
    assert name_problem("x" * MAX_NAME) is None
    assert "at most 80 characters" in name_problem("x" * 100_000) and "100,000" in name_problem("x" * 100_000)
    assert "one line" in name_problem("Ada\nLovelace")
    for fine in ("Ada Lovelace 🌱", "مرحبا بكم", "<script>alert(1)</script>", "\u202eevil\u202c"):
        assert name_problem(fine) is None
    assert Certificate(name="  Ada   Lovelace ").shown_name == "Ada Lovelace"
    assert "Type the name" in Certificate(name="   ").missing()[0]


def test_plan_rules():
    with pytest.raises(ValueError, match="date"):
        Certificate(first_circle="next week")
    with pytest.raises(ValueError, match="co-facilitator"):
        Certificate(co_facilitator="x" * 201)
    with pytest.raises(ValueError, match="place to share"):
        Certificate(share_where="a\tb")
    assert Certificate(first_circle="2027-04-01", co_facilitator="Sam", share_where="the monthly call")


def test_round_trip_and_refused_data():
    certificate = Certificate(name="Ada", first_circle="2027-04-01", co_facilitator="Sam 🌱")
    certificate.record_check([CheckpointResult("orientation", "Orientation"),
                              CheckpointResult("getting-ready", "Getting ready", ("a reflection",))], TODAY)
    again = Certificate.from_dict(certificate.to_dict())
    assert again == certificate and again.checked_on == "2027-03-01" and not again.eligible
    for bad in ({"results": "all done"}, {"results": [{"assignment": 1, "title": "x", "missing": []}]},
                {"results": [{"title": "x"}]}, {"checked_on": "yesterday"}, {"name": None}):
        with pytest.raises((ValueError, KeyError, TypeError)):
            Certificate.from_dict(bad)


def test_no_results_means_no_certificate():
    assert not Certificate(name="Ada").eligible
    assert not Certificate(name="Ada").checkpoints_done()
