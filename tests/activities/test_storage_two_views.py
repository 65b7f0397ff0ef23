"""The same activity open twice (two tabs or two kernels: here two views, each with its own store,
on one saved-work folder), saving in turn: nothing either one made is lost. Plus/delta entries and
vote-board votes are merged; an activity without a merge is saved as shown and the other copy
kept as a side file; the activity's message area says what happened, in plain words."""
from __future__ import annotations

import json

from activities import plan_circle
from activities.plus_delta.model import Entry
from activities.plus_delta.view import PlusDeltaView
from activities.vote_board.model import ACTIVITY as VOTE_BOARD
from activities.vote_board.view import store as vote_store
from activities.plan_circle.view import PlanView

from support.hostile import HOSTILE_EXAMPLES

SCRIPT = HOSTILE_EXAMPLES[8]  # "<script>...<img src=x onerror=...>"


def saved_data(folder, activity):
    return json.loads((folder / f"{activity}.json").read_text(encoding="utf-8"))["data"]


def notice_of(view) -> str:
    return next(w for w in view.widget.children if "lc-load-message" in w._dom_classes).value


def add(view, plus, delta=""):
    view.plus.value, view.delta.value = plus, delta
    view.add_entry()


def test_plus_delta_in_two_tabs_keeps_every_entry(tmp_path):
    first, second = PlusDeltaView(tmp_path), PlusDeltaView(tmp_path)
    add(first, "the opening question worked")
    add(second, "we kept to time")          # saved over the first tab's file: merged instead
    add(first, "everyone spoke", "start with names")
    add(second, SCRIPT)
    pluses = [e["plus"] for e in saved_data(tmp_path, "plus-delta")["entries"]]
    assert sorted(pluses) == sorted(["the opening question worked", "we kept to time",
                                     "everyone spoke", SCRIPT])
    assert len(second.model.entries) == 4  # the tab that saved last shows everything
    notice = notice_of(second)
    assert "also open in another tab or notebook" in notice and "both kept" in notice
    assert SCRIPT not in notice  # the notice names no learner text
    assert list(tmp_path.glob("plus-delta.other-copy-*.json")) == []  # merged: no side file


def test_a_removal_in_one_tab_is_not_undone_by_the_other(tmp_path):
    first = PlusDeltaView(tmp_path)
    add(first, "keep me")
    add(first, "remove me")
    second = PlusDeltaView(tmp_path)
    second.remove_choice.value = 1  # this week's second entry
    second.remove_entry()
    add(first, "added later")          # first never saw the removal: merged, not put back
    pluses = [e["plus"] for e in saved_data(tmp_path, "plus-delta")["entries"]]
    assert pluses == ["keep me", "added later"]


def test_plus_delta_merge_is_a_multiset():
    from activities.plus_delta.model import PlusDelta
    same = Entry(1, "", "same words", "")
    base = PlusDelta(entries=[same])
    mine = PlusDelta(entries=[same, Entry(1, "", "mine", "")])
    theirs = PlusDelta(entries=[same, same])  # the other tab added the same words again
    mine.merge(theirs, base)
    assert mine.entries == [same, Entry(1, "", "mine", ""), same]


def test_vote_board_votes_from_two_tabs_add_up(tmp_path):
    store_a, store_b = vote_store(tmp_path), vote_store(tmp_path)
    board_a, _ = store_a.load()
    board_a.add_topic("Public Speaking")
    store_a.save(board_a)
    board_b, _ = store_b.load()  # opened after the topic was added
    board_a.add_vote(0)
    board_a.add_vote(0)
    store_a.save(board_a)
    board_b.add_vote(0)
    board_b.add_topic("Marketing in a Digital World", 3)
    store_b.save(board_b)
    assert saved_data(tmp_path, VOTE_BOARD)["topics"] == [
        {"name": "Public Speaking", "votes": 3}, {"name": "Marketing in a Digital World", "votes": 3}]
    board_a.remove_topic(0)
    store_a.save(board_a)  # A removed the topic B voted on, and keeps B's new topic
    topics = saved_data(tmp_path, VOTE_BOARD)["topics"]
    assert topics == [{"name": "Marketing in a Digital World", "votes": 3}]
    assert "both kept" in store_a.state.notice


def test_an_activity_without_merge_keeps_both_copies_and_says_so(tmp_path):
    first, second = PlanView(tmp_path), PlanView(tmp_path)
    first._on_change("topic", "Public speaking")
    theirs = saved_data(tmp_path, plan_circle.ACTIVITY)
    second._on_change("topic", "Spanish for beginners")
    [side] = tmp_path.glob(f"{plan_circle.ACTIVITY}.other-copy-*.json")
    assert json.loads(side.read_text(encoding="utf-8"))["data"] == theirs
    assert saved_data(tmp_path, plan_circle.ACTIVITY)["topic"] == "Spanish for beginners"
    notice = notice_of(second)
    assert "also open in another tab or notebook" in notice and side.name in notice
    assert "What this notebook shows is saved as your work." in notice
    # Saving again from the same tab is no conflict: no new side file, no new notice needed.
    second.store.state.tell(None)
    second._on_change("topic", "Spanish for travellers")
    assert len(list(tmp_path.glob(f"{plan_circle.ACTIVITY}.other-copy-*.json"))) == 1
    assert second.store.state.notice is None


def test_a_corrupt_file_from_the_other_tab_is_kept_aside(tmp_path):
    first = PlanView(tmp_path)
    (tmp_path / f"{plan_circle.ACTIVITY}.json").write_text("{not json", encoding="utf-8")
    first._on_change("topic", "Gardening")
    [side] = tmp_path.glob(f"{plan_circle.ACTIVITY}.other-copy-*.json")
    assert side.read_text(encoding="utf-8") == "{not json"
    assert saved_data(tmp_path, plan_circle.ACTIVITY)["topic"] == "Gardening"
    assert "unusable here" in first.store.state.notice
