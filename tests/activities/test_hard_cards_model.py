"""'When it gets hard' model: the seven cards and the tasks they name, the draw order (no repeats
until every card came up, the same after a restart), choosing, the reveal rule, records and
drafts, saving, and saved data the model cannot use (kept as a backup, start clean)."""
from __future__ import annotations

import json

import pytest

from activities.hard_cards import CARDS, TASKS, HardCards, store
from activities.hard_cards.cards import BY_KEY
from activities.hard_cards.view import HardCardsView

#: The seven situations of the sources (course-facts.md, "Facilitating"), one card each.
SITUATION_WORDS = {"ask-the-teacher": "tell us", "two-clash": "disagree", "unprepared": "none of the reading",
                   "half-the-group": "five turn up", "upset": "upset", "mixed-levels": "stuck",
                   "talk-or-work": "headphones"}


def test_seven_cards_each_with_prompts_and_moves_that_name_the_tasks():
    assert [card.key for card in CARDS] == list(SITUATION_WORDS)
    assert len(TASKS) == 8
    for card in CARDS:
        assert SITUATION_WORDS[card.key] in (card.title + card.situation).lower(), card.key
        assert len(card.prompts) >= 2 and all(p.endswith("?") for p in card.prompts), card.key
        assert len(card.moves) >= 2 and all(move.tasks for move in card.moves), card.key
        assert set(card.tasks) <= set(TASKS)
    # Between them the cards practise every one of the eight tasks.
    assert {task for card in CARDS for task in card.tasks} == set(TASKS)
    assert "mediate" in BY_KEY["two-clash"].tasks and "draw-out" in BY_KEY["ask-the-teacher"].tasks


def test_drawing_gives_every_card_once_before_any_repeats():
    cards = HardCards(seed=7)
    assert cards.card() is None and cards.left_in_round() == len(CARDS)
    first_round = [cards.draw().key for _ in CARDS]
    assert sorted(first_round) == sorted(BY_KEY) and cards.left_in_round() == 0
    second_round = [cards.draw().key for _ in CARDS]
    assert sorted(second_round) == sorted(BY_KEY)
    assert second_round[0] != first_round[-1]  # a new round never repeats the card just played
    # Different groups (seeds) get different orders; the same seed the same order.
    orders = {tuple(HardCards(seed=s).draw().key for _ in range(1)) for s in range(20)}
    assert len(orders) > 1
    again = HardCards(seed=7)
    assert [again.draw().key for _ in CARDS] == first_round


def test_the_draw_order_is_the_same_after_a_restart(tmp_path):
    cards, _message = store(tmp_path).load()
    drawn = [cards.draw().key for _ in range(3)]
    store(tmp_path).save(cards)
    reopened, message = store(tmp_path).load()
    assert message is None and reopened.current == drawn[-1]
    rest = [reopened.draw().key for _ in range(len(CARDS) - 3)]
    assert sorted(drawn + rest) == sorted(BY_KEY)
    # A fresh group (no saved file) gets its own saved seed at once.
    assert json.loads((tmp_path / "when-it-gets-hard.json").read_text())["data"]["seed"] == cards.seed


def test_a_chosen_card_does_not_come_up_again_in_the_round():
    cards = HardCards(seed=3)
    cards.draw()
    cards.choose("upset")
    assert cards.card() is BY_KEY["upset"]
    rest = [cards.draw().key for _ in range(cards.left_in_round())]
    assert "upset" not in rest and len(rest) == len(CARDS) - 2
    with pytest.raises(ValueError):
        cards.choose("no-such-card")


def test_moves_are_hidden_until_recorded_or_revealed():
    cards = HardCards(seed=1)
    for card in CARDS:
        assert cards.moves(card.key) is None
    with pytest.raises(ValueError, match="write a few words"):
        cards.record("two-clash", "   \n ")
    assert cards.moves("two-clash") is None and cards.records == {}
    cards.set_draft("two-clash", "Gave each a turn")
    assert cards.moves("two-clash") is None  # typing is not recording
    cards.record("two-clash", "Gave each a turn")
    assert cards.moves("two-clash") == BY_KEY["two-clash"].moves and cards.drafts == {}
    cards.reveal("upset")
    assert cards.moves("upset") == BY_KEY["upset"].moves and "upset" not in cards.records
    assert [card.key for card in cards.practised()] == ["two-clash"]


def test_records_keep_the_order_practised_and_drafts_show_first():
    cards = HardCards(seed=1)
    cards.record("upset", "Talked quietly")
    cards.record("two-clash", "Turns")
    cards.record("upset", "Talked quietly, then praised effort")  # practised again: now last
    assert [card.key for card in cards.practised()] == ["two-clash", "upset"]
    cards.set_draft("upset", "A new try")
    assert cards.typed("upset") == "A new try" and cards.typed("two-clash") == "Turns"
    assert cards.typed("mixed-levels") == ""


def test_everything_survives_saving_and_loading(tmp_path):
    cards = HardCards(seed=11)
    cards.draw()
    cards.record(cards.current, "We handed it back to the group \U0001F9F6")
    cards.set_draft("mixed-levels", "half written")
    cards.reveal("talk-or-work")
    cards.update(group_mode=True)
    store(tmp_path).save(cards)
    again, message = store(tmp_path).load()
    assert message is None and again.to_dict() == cards.to_dict()


@pytest.mark.parametrize("data", [
    {"seed": "x"},
    {"seed": 1, "remaining": ["upset", "upset"]},
    {"seed": 1, "remaining": ["made-up"]},
    {"seed": 1, "current": "made-up"},
    {"seed": 1, "records": {"upset": 7}},
    {"seed": 1, "records": {"upset": "  "}},
    {"seed": 1, "records": ["upset"]},
    {"seed": 1, "drafts": {"made-up": "x"}},
    {"seed": 1, "revealed": ["made-up"]},
    {"seed": 1, "rounds": -1},
    {"seed": 1, "group_mode": "yes"},
    {},
])
def test_saved_data_the_model_cannot_use_is_refused(data):
    with pytest.raises((ValueError, TypeError, KeyError)):
        HardCards.from_dict(data)


def test_a_corrupt_save_is_kept_as_a_backup_and_the_group_starts_clean(tmp_path):
    path = tmp_path / "when-it-gets-hard.json"
    path.write_text('{"schema_version": 1, "data": {"records": {"upset": ', encoding="utf-8")
    view = HardCardsView(tmp_path)
    assert view.model.records == {} and "Saved work:" in view.widget.children[1].value
    backups = [p for p in tmp_path.iterdir() if p.name != path.name]
    assert backups and '"upset": ' in backups[0].read_text(encoding="utf-8")


def test_the_view_draws_records_and_reveals(tmp_path):
    view = HardCardsView(tmp_path)
    assert view.practice.layout.display == "none" and "Draw a card" in view.card.value
    # The role-play timer is the course's shared timer, set to the sources' 15 minutes.
    assert view.timer.minutes == 15 and view.timer.status == "ready" and not view.timer.projector
    view.record()
    assert "Draw or choose a card first" in view.feedback.value
    view.draw()
    key = view.model.current
    assert BY_KEY[key].title in view.card.value and "Suggested moves" not in view.moves.value
    view.tried.value = ""
    view.record()  # nothing written: a message, the moves stay hidden
    assert "write a few words" in view.feedback.value and "Suggested moves" not in view.moves.value
    view.tried.value = "We asked the others"
    assert HardCardsView(tmp_path).tried.value == "We asked the others"  # the draft is saved as typed
    view.record()
    assert "Suggested moves" in view.moves.value and "We asked the others" in view.moves.value
    view.timer.status, view.timer.left_ms = "paused", 60_000  # as if the room had used it
    other = next(k for k in BY_KEY if k != key)  # not the card just played (the draw is random)
    view.choose.value = other
    assert view.timer.status == "ready" and view.timer.left_ms == 15 * 60_000  # a new card starts over
    assert view.model.current == other and view.tried.value == "" and view.choose.value is None
    view.reveal()
    assert "Suggested moves" in view.moves.value and "What you tried" not in view.moves.value
    view.group_mode.value = True
    assert "lc-hard-projector" in view.card.value and "lc-hard-group-mode" in view.widget._dom_classes
    assert view.timer.projector
    reloaded = HardCardsView(tmp_path)
    assert reloaded.model.to_dict() == view.model.to_dict() and reloaded.group_mode.value is True
