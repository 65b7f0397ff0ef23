"""Which network is which?: the model's answers and feedback, saving, and the widget view."""
from __future__ import annotations

import random

import pytest

from activities import which_network as wn
from activities.which_network import render as wn_render
from activities.storage import SavedState


def test_new_learners_get_both_orders():
    orders = {tuple(wn.WhichNetwork.new().order) for _ in range(60)}
    assert orders == {tuple(wn.KINDS), tuple(reversed(wn.KINDS))}


@pytest.mark.parametrize("seed", range(4))
def test_right_answers_reveal_and_explain(seed):
    model = wn.WhichNetwork.new(random.Random(seed))
    for position in (0, 1):
        model.answer(position, model.order[position])
        feedback = model.feedback(position)
        assert feedback.correct is True
        assert wn.EXPLANATIONS[model.order[position]] in feedback.text
    assert model.all_correct and model.solved_once
    assert "lecture" in wn.EXPLANATIONS[wn.CLIENT_SERVER] and "shared" in wn.EXPLANATIONS[wn.PEER_TO_PEER]
    assert "everyone in the group teaches" in model.summary()


def test_wrong_answer_gives_a_hint_not_the_answer():
    model = wn.WhichNetwork(order=[wn.CLIENT_SERVER, wn.PEER_TO_PEER])
    model.answer(0, wn.PEER_TO_PEER)
    feedback = model.feedback(0)
    assert feedback.correct is False and "Not quite" in feedback.text
    assert wn.HINTS[wn.PEER_TO_PEER] in feedback.text
    assert wn.EXPLANATIONS[wn.CLIENT_SERVER] not in feedback.text
    model.answer(1, wn.PEER_TO_PEER)
    assert "exactly once" in model.feedback(0).text
    assert not model.all_correct


def test_neutral_drawings_do_not_name_their_kind():
    model = wn.WhichNetwork(order=[wn.CLIENT_SERVER, wn.PEER_TO_PEER])
    for position in (0, 1):
        svg = wn_render.neutral_svg(model, position).lower()
        for word in ("server", "client", "peer"):
            assert word not in svg, f"diagram {position + 1} gives away the answer: {word}"
        assert f"diagram {position + 1}" in svg and "<desc" in svg and 'role="img"' in svg
    assert "client/server" in wn_render.revealed_svg(model, 0).lower()


def test_try_again_clears_answers_and_counts():
    model = wn.WhichNetwork.new(random.Random(1))
    model.answer(0, model.order[0])
    model.try_again(random.Random(2))
    assert model.answers == [None, None] and model.retries == 1
    assert model.feedback(0).correct is None


def test_saved_round_trip_keeps_the_order():
    model = wn.WhichNetwork.new()
    model.answer(1, wn.CLIENT_SERVER)
    assert wn.WhichNetwork.from_dict(model.to_dict()) == model


@pytest.mark.parametrize("data", [
    {}, {"order": ["a", "b"], "answers": [None, None]},
    {"order": list(wn.KINDS), "answers": ["<script>", None]},
    {"order": list(wn.KINDS), "answers": [None]},
    {"order": list(wn.KINDS), "answers": [None, None], "retries": -1},
    {"order": "client-server", "answers": [None, None]},
])
def test_invalid_saved_data_is_refused(data):
    with pytest.raises((ValueError, KeyError, TypeError)):
        wn.WhichNetwork.from_dict(data)


def test_view_saves_each_answer_and_restores_on_reopen(tmp_path):
    view = wn.WhichNetworkView(folder=tmp_path)
    order = list(view.model.order)
    wrong = [k for k in wn.KINDS if k != order[0]][0]
    view.pickers[0].value = wrong
    assert "Not quite" in view.feedbacks[0].value
    view.pickers[0].value = order[0]
    assert "Yes:" in view.feedbacks[0].value
    assert "data-kind=\"hidden\"" in view.pictures[1].value  # not answered yet: still neutral
    assert "data-kind=\"" + order[0] + "\"" in view.pictures[0].value

    reopened = wn.WhichNetworkView(folder=tmp_path)
    assert reopened.model.order == order, "the order must stay the same on reopen"
    assert reopened.pickers[0].value == order[0]
    assert "Yes:" in reopened.feedbacks[0].value

    reopened.pickers[1].value = order[1]
    assert "You found both" in reopened.summary.value
    reopened.retry_button.click()
    assert [p.index for p in reopened.pickers] == [0, 0]
    assert wn.WhichNetworkView(folder=tmp_path).model.retries == 1


def test_view_every_control_is_labelled(tmp_path):
    view = wn.WhichNetworkView(folder=tmp_path)
    assert [p.description for p in view.pickers] == ["Diagram 1 shows", "Diagram 2 shows"]
    assert view.retry_button.description == "Try again"


def test_corrupt_saved_work_shows_a_message_and_starts_clean(tmp_path):
    state = SavedState(wn.ACTIVITY, wn.SCHEMA_VERSION, folder=tmp_path)
    state.save({"order": ["nonsense"], "answers": []})
    view = wn.WhichNetworkView(folder=tmp_path)
    notice = view.widget.children[1].value
    assert "could not be used" in notice and "clean slate" in notice
    assert view.model.answers == [None, None]
    assert len(list(tmp_path.glob("which-network.unreadable-*.json"))) == 1

    state.path.write_bytes(b"\x00\xff garbage")
    view = wn.WhichNetworkView(folder=tmp_path)
    assert "could not be read" in view.widget.children[1].value
    assert len(list(tmp_path.glob("which-network.unreadable-*.json"))) == 2


def test_first_open_saves_the_shuffled_order(tmp_path):
    first = wn.WhichNetworkView(folder=tmp_path).model.order
    assert all(wn.WhichNetworkView(folder=tmp_path).model.order == first for _ in range(8))
