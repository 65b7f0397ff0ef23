"""'Is it a learning circle?' model: the cases, answers, reveal only after answering, the comparison,
group tallies, the definition, saving and a corrupt save (kept as a backup, start clean)."""
from __future__ import annotations

import json

import pytest

from activities.is_it_a_circle import ATTRIBUTES, CASES, VERDICTS, CaseSheet
from activities.is_it_a_circle.cases import BY_KEY
from activities.is_it_a_circle.model import MAX_COUNT
from activities.is_it_a_circle.view import CasesView, store


def test_there_are_twelve_to_fourteen_cases_each_testing_real_attributes():
    assert 12 <= len(CASES) <= 14
    assert len({case.key for case in CASES}) == len(CASES)
    for case in CASES:
        assert case.at_stake and set(case.at_stake) <= set(ATTRIBUTES), case.key
        assert case.ours in VERDICTS and len(case.discussion.split()) > 20 and case.story.strip(), case.key
    # The examples are among them, and every attribute is tested by some case.
    for key in ("no-facilitator", "ten-dollars", "lecture", "beginner-turned-away", "one-off-workshop",
                "group-of-forty", "online-only", "book-club"):
        assert key in BY_KEY
    assert "$10" in BY_KEY["ten-dollars"].story and "60 minutes" in BY_KEY["lecture"].story
    assert {a for case in CASES for a in case.at_stake} == set(ATTRIBUTES)
    assert {case.ours for case in CASES} == set(VERDICTS)


def test_the_discussion_appears_only_after_an_answer():
    sheet = CaseSheet()
    for case in CASES:
        assert not sheet.revealed(case.key)
        assert sheet.discussion(case.key) is None and sheet.comparison(case.key) is None
    sheet.answer("ten-dollars", "no", ["structured", "free"])
    assert sheet.discussion("ten-dollars") == BY_KEY["ten-dollars"].discussion
    assert sheet.answers["ten-dollars"].ticked == ("free", "structured")  # in course order
    assert [c.key for c in CASES if sheet.revealed(c.key)] == ["ten-dollars"]
    assert sheet.answered_count() == 1


def test_the_comparison_of_ticks_with_the_attributes_at_stake():
    sheet = CaseSheet()
    comparison = sheet.answer("lecture", "yes", ["collaborative", "free"]) and sheet.comparison("lecture")
    assert comparison.agreed == ("collaborative",)
    assert comparison.missed == ("facilitated",)
    assert comparison.extra == ("free",)
    assert comparison.same_verdict is False
    sheet.answer("lecture", "no", ["facilitated", "collaborative"])
    comparison = sheet.comparison("lecture")
    assert comparison.missed == comparison.extra == () and comparison.same_verdict
    # Ticking nothing is an answer too (the learner saw nothing at stake).
    sheet.answer("book-club", "yes", [])
    assert sheet.comparison("book-club").missed == BY_KEY["book-club"].at_stake


@pytest.mark.parametrize("verdict, ticked", [("maybe", []), ("", []), ("yes", ["cheap"]), (None, [])])
def test_a_bad_answer_is_refused_and_changes_nothing(verdict, ticked):
    sheet = CaseSheet()
    with pytest.raises(ValueError):
        sheet.answer("lecture", verdict, ticked)
    assert sheet.answers == {}
    with pytest.raises(ValueError):
        sheet.answer("no-such-case", "yes", [])


def test_group_tallies_count_clicks_and_typed_numbers():
    sheet = CaseSheet()
    assert sheet.tally("online-only") == {"yes": 0, "no": 0, "depends": 0}
    assert not sheet.group_revealed("online-only")
    for verdict in ("yes", "yes", "depends", "no", "yes"):
        sheet.count_vote("online-only", verdict)
    assert sheet.tally("online-only") == {"yes": 3, "no": 1, "depends": 1}
    assert sheet.group_revealed("online-only")
    sheet.count_vote("online-only", "no", step=-1)
    sheet.count_vote("online-only", "no", step=-1)  # never below zero
    assert sheet.tally("online-only")["no"] == 0
    sheet.set_tally("online-only", depends=12)
    assert sheet.tally("online-only") == {"yes": 3, "no": 0, "depends": 12}
    # Other cases keep their own tallies; a bad count changes nothing.
    assert sheet.tally("lecture") == {"yes": 0, "no": 0, "depends": 0}
    for bad in (-1, MAX_COUNT + 1, 2.5, True, "7"):
        with pytest.raises(ValueError):
            sheet.set_tally("online-only", yes=bad)
    assert sheet.tally("online-only") == {"yes": 3, "no": 0, "depends": 12}


def test_moving_between_cases_stays_within_them():
    sheet = CaseSheet()
    sheet.move(-1)
    assert sheet.current == 0
    sheet.move(3)
    assert sheet.case() is CASES[3]
    sheet.move(100)
    assert sheet.current == len(CASES) - 1


def test_everything_survives_saving_and_loading(tmp_path):
    sheet = CaseSheet()
    sheet.answer("one-off-workshop", "depends", ["recurring"])
    sheet.count_vote("group-of-forty", "depends")
    sheet.set_notes("lecture", "Ask the expert to run one meeting only")
    sheet.update(definition="A free, weekly group that learns together", group_mode=True, current=5)
    saved = store(tmp_path)
    saved.save(sheet)
    again, message = store(tmp_path).load()
    assert message is None and again.to_dict() == sheet.to_dict()
    assert json.loads((tmp_path / "is-it-a-learning-circle.json").read_text())["data"] == sheet.to_dict()


@pytest.mark.parametrize("data", [
    {"answers": {"lecture": {"verdict": "perhaps", "ticked": []}}},
    {"answers": {"made-up": {"verdict": "yes", "ticked": []}}},
    {"answers": {"lecture": {"verdict": "yes", "ticked": "free"}}},
    {"tallies": {"lecture": {"yes": -3, "no": 0, "depends": 0}}},
    {"tallies": {"lecture": {"yes": 1}}},
    {"notes": {"lecture": 7}},
    {"definition": ["not", "text"]},
    {"current": len(CASES)},
    {"group_mode": "yes"},
    {"answers": []},
])
def test_saved_data_the_model_cannot_use_is_refused(data):
    with pytest.raises((ValueError, TypeError, KeyError)):
        CaseSheet.from_dict(data)


def test_a_corrupt_save_is_kept_as_a_backup_and_the_learner_starts_clean(tmp_path):
    path = tmp_path / "is-it-a-learning-circle.json"
    path.write_text('{"schema_version": 1, "data": {"answers": {"lecture": ', encoding="utf-8")
    view = CasesView(tmp_path)
    assert view.model.answers == {}
    notice = view.widget.children[1].value
    assert "Saved work:" in notice
    backups = [p for p in tmp_path.iterdir() if p.name != path.name]
    assert backups and '"lecture": ' in backups[0].read_text(encoding="utf-8")
    # Valid JSON that is not a valid sheet: the same.
    path.write_text(json.dumps({"schema_version": 1, "data": {"current": -4}}), encoding="utf-8")
    again = CasesView(tmp_path)
    assert again.model.current == 0 and "Saved work:" in again.widget.children[1].value


def test_the_view_reveals_only_after_check_and_keeps_answers_per_case(tmp_path):
    view = CasesView(tmp_path)
    assert view.discussion.value == ""
    view.check.click()  # nothing chosen yet: a message, no discussion
    assert "Choose yes, no or it depends" in view.feedback.value and view.discussion.value == ""
    view.verdict.value = "depends"
    view.ticks["facilitated"].value = True
    assert view.discussion.value == ""  # choosing is not answering
    view.check.click()
    assert "Our discussion" in view.discussion.value and "we say <strong>It depends</strong>" in view.discussion.value
    view.choose.value = 1
    assert view.verdict.value is None and view.discussion.value == ""
    assert not any(box.value for box in view.ticks.values())
    view.choose.value = 0
    assert view.verdict.value == "depends" and view.ticks["facilitated"].value
    # Group mode: the projector shows the case and the counts; our discussion once counted.
    view.group_mode.value = True
    assert view.alone.layout.display == "none" and view.group.layout.display is None
    assert "Count the group" in view.projector.value
    view.plus["no"].click()
    view.counts["yes"].value = 4
    assert view.model.tally(CASES[0].key) == {"yes": 4, "no": 1, "depends": 0}
    assert "Our discussion" in view.projector.value
    reloaded = CasesView(tmp_path)
    assert reloaded.model.to_dict() == view.model.to_dict() and reloaded.group.layout.display is None
