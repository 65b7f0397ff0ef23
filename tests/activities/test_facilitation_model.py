""""10-minute facilitation": the group (5 to 8 names), the rotation (everyone once, stable across
restarts, reshuffled only on purpose), the rounds and their checklist, the summary."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from activities.facilitation import export
from activities.facilitation.model import (CRITERIA, MAX_NAME, MAX_NOTES, Practice, Round, check_names,
                                           parse_names, store)
from support.hostile import HOSTILE_EXAMPLES, hostile_text

GROUP = ["Amina", "Ben", "Carla", "Dev", "Esther", "Farid"]


def group(seed=7) -> Practice:
    practice = Practice(seed=seed)
    practice.set_names(GROUP)
    return practice


@pytest.mark.parametrize("names, message", [
    (GROUP[:4], "group of 5 to 8 people; you typed 4 names"),
    (GROUP + ["Gus", "Hana", "Ivo"], "you typed 9 names"),
    ([], "you typed 0 names"),
    (GROUP[:4] + ["  amina "], "\u201camina\u201d is on the list twice"),
    (GROUP[:4] + ["   "], "a name cannot be empty"),
    (GROUP[:4] + ["x" * (MAX_NAME + 1)], f"at most {MAX_NAME} characters"),
])
def test_names_outside_the_rules_get_a_clear_message_and_change_nothing(names, message):
    practice = group()
    before = practice.to_dict()
    with pytest.raises(ValueError, match=message):
        practice.set_names(names)
    assert practice.to_dict() == before


def test_names_are_read_one_per_line_and_tidied():
    assert parse_names("Amina\n\n  Ben  \r\nCarla\n") == ["Amina", "  Ben  ", "Carla"]
    assert check_names(["  Amina   Y ", "B", "C", "D", "E\x00"]) == ["Amina Y", "B", "C", "D", "E"]


@given(st.lists(hostile_text, min_size=5, max_size=8), st.integers(0, 2**32 - 1))
@settings(max_examples=60, deadline=None)
def test_hostile_names_are_kept_as_text_or_refused_with_a_message(names, seed):
    practice = Practice(seed=seed)
    try:
        practice.set_names(names)
    except ValueError as error:
        assert str(error)
        return
    assert sorted(practice.rotation) == sorted(check_names(names))
    assert Practice.from_dict(json.loads(json.dumps(practice.to_dict()))) == practice


@pytest.mark.parametrize("size", [5, 6, 7, 8])
def test_the_rotation_has_everyone_once(size):
    practice = Practice(seed=size)
    practice.set_names(GROUP[:5] + ["Gus", "Hana", "Ivo"][: size - 5])
    assert sorted(practice.rotation) == sorted(GROUP[:5] + ["Gus", "Hana", "Ivo"][: size - 5])
    assert len(set(practice.rotation)) == size


def test_the_rotation_is_random_but_stable_across_restarts(tmp_path):
    orders = {tuple(group(seed).rotation) for seed in range(20)}
    assert len(orders) > 10, "the order does not depend on the seed"
    first = store(tmp_path)
    practice, _ = first.load()
    practice.set_names(GROUP)
    first.save(practice)
    for _ in range(3):  # a kernel restart, or reopening the notebook: the same order
        again, message = store(tmp_path).load()
        assert message is None and again.rotation == practice.rotation and again.seed == practice.seed
    # typing the same names again (in another order) keeps the order
    again.set_names(list(reversed(GROUP)))
    assert again.rotation == practice.rotation


def test_reshuffle_changes_only_the_turns_still_to_come():
    practice = group()
    practice.go_to(2)
    practice.update_round(notes="Ben kept us on topic")
    done = practice.rotation[2]
    orders = set()
    for seed in range(10):
        practice.reshuffle(seed=seed)
        assert practice.rotation[2] == done and sorted(practice.rotation) == sorted(GROUP)
        orders.add(tuple(practice.rotation))
    assert len(orders) > 3
    with pytest.raises(ValueError, match="names first"):
        Practice().reshuffle()


def test_a_new_group_keeps_written_rounds_and_refuses_to_drop_them():
    practice = group()
    practice.update_round(material="public-library", checked=["spoke"])
    first = practice.rotation[0]
    with pytest.raises(ValueError, match="already has a round written down"):
        practice.set_names([name for name in GROUP if name != first] + ["Gus"])
    others = [name for name in GROUP if name != practice.rotation[5]]
    practice.set_names(others + ["Gus"])
    assert practice.rotation[0] == first and "Gus" in practice.rotation
    assert practice.round(0).checked == ("spoke",)


def test_a_round_keeps_its_material_checklist_and_notes():
    practice = group()
    practice.update_round(checked=["learned", "spoke", "spoke"][:2])
    practice.update_round(material="own", own_title="Our video", own_link="https://example.org/v")
    rnd = practice.round()
    assert rnd.checked == ("spoke", "learned") and rnd.met() == 2  # in the checklist's order
    assert (rnd.material, rnd.own_link) == ("own", "https://example.org/v")
    for bad in ("javascript:alert(1)", "data:text/html,<b>", "ftp://example.org", "https://"):
        with pytest.raises(ValueError):
            practice.update_round(own_link=bad)
    assert practice.round().own_link == "https://example.org/v"  # the refused link changed nothing
    with pytest.raises(ValueError, match="at most 20,000"):
        practice.update_round(notes="x" * (MAX_NOTES + 1))
    with pytest.raises(ValueError, match="unknown"):
        practice.update_round(checked=["sang"])
    practice.update_round(material="", own_title="", own_link="", checked=[])
    assert practice.rounds == {}  # an empty round is not kept
    with pytest.raises(ValueError, match="names first"):
        Practice().update_round(notes="x")


def test_the_summary_has_one_row_per_round_with_the_checklist():
    practice = group()
    practice.update_round(material="peer-learning", checked=[key for key, _ in CRITERIA], notes="Great")
    practice.go_to(1)
    practice.update_round(checked=["on-topic"], notes="=1+1")
    frame = practice.summary()
    assert list(frame["Round"]) == [1, 2, 3, 4, 5, 6]
    assert list(frame["Facilitator"]) == practice.rotation
    assert frame.loc[0, "Video or reading"] == "Peer learning (Wikipedia)"
    assert list(frame["Went well"])[:3] == ["5 of 5", "1 of 5", ""]
    assert frame.loc[1, "The talk stayed on topic"] == "yes" and frame.loc[1, "Everyone spoke"] == ""
    assert practice.rounds_recorded() == 2


@pytest.mark.parametrize("data", [
    {"rotation": GROUP, "seed": 1, "current": 0, "rounds": {"Zed": Round().to_dict()}},
    {"rotation": GROUP[:3], "seed": 1, "current": 0, "rounds": {}},
    {"rotation": GROUP, "seed": "1", "current": 0, "rounds": {}},
    {"rotation": GROUP, "seed": 1, "current": 9, "rounds": {}},
    {"rotation": GROUP, "seed": 1, "current": 0,
     "rounds": {"Ben": {**Round().to_dict(), "own_link": "javascript:alert(1)"}}},
    {"rotation": GROUP},
])
def test_saved_data_we_cannot_use_is_refused(data):
    with pytest.raises((ValueError, KeyError, TypeError)):
        Practice.from_dict(data)


def test_a_corrupt_saved_file_is_kept_as_a_backup_and_the_activity_starts_clean(tmp_path):
    (tmp_path / "ten-minute-facilitation.json").write_text("{not json", encoding="utf-8")
    practice, message = store(tmp_path).load()
    assert practice.rotation == [] and "could not be read" in message and "clean slate" in message
    backups = list(tmp_path.glob("ten-minute-facilitation.unreadable-*.json"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == "{not json"
    assert backups[0].name in message


@pytest.mark.parametrize("text", HOSTILE_EXAMPLES)
def test_hostile_text_in_every_round_field_is_saved_and_exported(text):
    practice = group()
    try:
        practice.update_round(material="own", own_title=text, notes=text, own_link="https://example.org/?q=<x>")
    except ValueError as error:
        assert "at most" in str(error)  # only the 100k text, which is too long
        return
    files = export.exports(json.loads(json.dumps(practice.to_dict())))
    assert set(files) == {export.CSV_NAME, export.HTML_NAME, export.CARDS_NAME}
