"""'Ask your community' model: the tally with ties, the winner in words, the hand-over to
"Choose a course" (across kernel restarts), hostile topic names, the CSV and the chart."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings

from activities.registry import ACTIVITIES, activity_named
from activities.safe_text import html_text
from activities.vote_board import DETROIT_EXAMPLE, VoteBoard
from activities.vote_board.export import CSV_NAME, exports, tally_csv
from activities.vote_board.model import MAX_TOPICS, MAX_VOTES
from activities.vote_board.render import chart_svg, tally_html
from activities.vote_board.view import VoteBoardView
from support.hostile import HOSTILE_EXAMPLES, hostile_text
from support.paths import ROOT


def board(*pairs) -> VoteBoard:
    made = VoteBoard()
    for name, votes in pairs:
        made.add_topic(name, votes)
    return made


def test_detroit_round_has_a_clear_winner_and_a_tie_below_it():
    detroit = board(*DETROIT_EXAMPLE)
    assert [(t.name, t.votes) for t in detroit.tally()] == [
        ("Marketing in a Digital World", 20), ("Public Speaking", 16), ("Social Entrepreneurship 101", 16)]
    result = detroit.result()
    assert result.kind == "winner" and result.leaders == ("Marketing in a Digital World",) and result.votes == 20
    assert result.sentence == "\u201cMarketing in a Digital World\u201d is the clear winner with 20 votes."
    assert detroit.total() == 52
    assert detroit.hand_over() == {"topic": "Marketing in a Digital World", "votes": 20}


def test_a_tie_is_named_and_the_group_picks_one_of_the_tied_topics():
    tied = board(("Public Speaking", 16), ("Knitting", 3), ("Social Entrepreneurship 101", 16))
    result = tied.result()
    assert result.kind == "tie" and result.leaders == ("Public Speaking", "Social Entrepreneurship 101")
    assert "A tie" in result.sentence and "16 votes each" in result.sentence and "pick one" in result.sentence
    assert [t.name for t in tied.tally()] == ["Public Speaking", "Social Entrepreneurship 101", "Knitting"]
    with pytest.raises(ValueError, match="tie"):
        tied.hand_over()
    with pytest.raises(ValueError, match="most votes"):
        tied.hand_over("Knitting")
    assert tied.handed_over is None
    assert tied.hand_over("Social Entrepreneurship 101") == {"topic": "Social Entrepreneurship 101", "votes": 16}


def test_empty_board_and_no_votes_hand_nothing_over():
    assert VoteBoard().result().kind == "empty"
    zero = board(("A", 0), ("B", 0))
    assert zero.result().kind == "no-votes" and zero.result().sentence == "No votes yet."
    with pytest.raises(ValueError, match="no top topic"):
        zero.hand_over()
    one = board(("Only", 1))
    assert one.result().sentence.endswith("with 1 vote.")


def test_votes_one_by_one_and_bad_counts_change_nothing():
    live = board(("Cooking", 0), ("Coding", 0))
    for _ in range(3):
        live.add_vote(1)
    live.add_vote(0)
    assert [t.votes for t in live.topics] == [1, 3] and live.result().leaders == ("Coding",)
    for bad in (-1, MAX_VOTES + 1, 2.5, "7", True, None):
        with pytest.raises(ValueError):
            live.set_votes(0, bad)
    assert [t.votes for t in live.topics] == [1, 3]


def test_topic_names_blank_or_repeated_are_refused_with_a_reason():
    made = board(("Public Speaking", 1))
    for bad, reason in (("", "type the topic"), ("  \n", "type the topic"),
                        ("  public   SPEAKING ", "already on the board")):
        with pytest.raises(ValueError, match=reason):
            made.add_topic(bad)
    for number in range(MAX_TOPICS - 1):
        made.add_topic(f"Topic {number}")
    with pytest.raises(ValueError, match="at most"):
        made.add_topic("One too many")
    assert len(made.topics) == MAX_TOPICS


@pytest.mark.parametrize("data", [
    {"topics": [{"name": "", "votes": 1}]},
    {"topics": [{"name": "A", "votes": -3}]},
    {"topics": [{"name": "A", "votes": 1}, {"name": "a", "votes": 2}]},
    {"topics": [{"name": 5, "votes": 1}]},
    {"topics": [], "handed_over": {"topic": "A"}},
    {"topics": [], "handed_over": "A"},
])
def test_saved_data_the_model_cannot_use_is_refused(data):
    with pytest.raises((ValueError, TypeError, KeyError)):
        VoteBoard.from_dict(data)


def test_corrupt_saved_work_is_kept_as_backup_and_the_board_starts_clean(tmp_path):
    (tmp_path / "ask-your-community.json").write_text('{"schema": 1, "data": {"topics": [{"name": ""}]}}',
                                                      encoding="utf-8")
    view = VoteBoardView(tmp_path)
    assert view.model.topics == [] and list(tmp_path.glob("ask-your-community.unreadable-*.json"))
    assert "clean slate" in view.widget.children[1].value


@settings(max_examples=60, deadline=None)
@given(name=hostile_text)
def test_hostile_topic_names_are_kept_and_escaped_everywhere(name):
    made = VoteBoard()
    if not name.strip():
        with pytest.raises(ValueError):
            made.add_topic(name)
        return
    made.add_topic(name, 3)
    made.add_topic("x" + name, 1)
    kept = name.strip()
    again = VoteBoard.from_dict(json.loads(json.dumps(made.to_dict())))
    assert again.topics[0].name == kept and again.hand_over() == {"topic": kept, "votes": 3}
    assert html_text(kept) in tally_html(made)
    assert "<script" not in tally_html(made).lower()
    ET.fromstring(chart_svg(made))  # the chart always parses, whatever the names
    rows = list(csv.reader(io.StringIO(tally_csv(made).decode("utf-8-sig"), newline="")))
    assert rows[0] == ["Place", "Topic", "Votes", "Most votes"] and rows[1][2] == "3" and rows[1][3] == "yes"
    assert not rows[1][1][:1] in ("=", "+", "-", "@")  # the formula guard


def test_chart_has_a_bar_per_topic_with_its_votes_and_says_the_result():
    svg = chart_svg(board(*DETROIT_EXAMPLE))
    root = ET.fromstring(svg)
    bars = [el for el in root.iter("{http://www.w3.org/2000/svg}rect") if el.get("data-value")]
    assert [(b.get("data-category"), b.get("data-value")) for b in bars] == [
        ("Marketing in a Digital World", "20"), ("Public Speaking", "16"), ("Social Entrepreneurship 101", "16")]
    assert "clear winner" in root.get("aria-label") and root.get("role") == "img"


def test_csv_export_lists_the_tally_and_is_in_download_my_work():
    files = exports(board(*DETROIT_EXAMPLE).to_dict())
    rows = list(csv.reader(io.StringIO(files[CSV_NAME].decode("utf-8-sig"), newline="")))
    assert rows[1:] == [["1", "Marketing in a Digital World", "20", "yes"], ["2", "Public Speaking", "16", ""],
                        ["3", "Social Entrepreneurship 101", "16", ""]]
    assert exports(VoteBoard().to_dict()) == {}
    names = [a.name for a in ACTIVITIES]
    # Course order: after the part "Choosing a course", first in "Getting ready".
    assert names.index("choose-a-course") + 1 == names.index("ask-your-community") < names.index("make-a-flyer")
    assert activity_named("ask-your-community").title == "Activity: Ask your community"
    notebook = json.loads((ROOT / "notebooks" / "ask-your-community.ipynb").read_text(encoding="utf-8"))
    assert "".join(notebook["cells"][0]["source"]).startswith("# Activity: Ask your community\n")


def test_view_settles_a_tie_and_hands_over(tmp_path):
    view = VoteBoardView(tmp_path)
    for name, votes in (("Public Speaking", 16), ("Social Entrepreneurship 101", 16)):
        view.new_topic.value = name
        view.add_topic()
        view.vote_boxes[-1].value = votes
    assert "A tie" in view.result.value and view.tie_pick.layout.display is None
    view.tie_pick.value = "Social Entrepreneurship 101"
    view.hand_over()
    assert "Handed over" in view.handed.value
    view.new_topic.value = "public speaking"
    view.add_topic()
    assert "already on the board" in view.message.value and len(view.model.topics) == 2
    view.add_vote(0)
    assert "clear winner" in view.result.value and view.tie_pick.layout.display == "none"


CHOOSER_READS = textwrap.dedent("""
    import json, sys
    from activities.autosave import ActivityStore
    from activities.vote_board.model import ACTIVITY, SCHEMA_VERSION, VoteBoard
    from activities.choose_course.handover import community_topic
    # A fresh store object in a new process, and the chooser's own reader.
    board, message = ActivityStore(ACTIVITY, SCHEMA_VERSION, VoteBoard.from_dict, VoteBoard, sys.argv[1]).load()
    envelope = json.load(open(sys.argv[1] + "/ask-your-community.json", encoding="utf-8"))
    chooser = community_topic(sys.argv[1])
    print(json.dumps({"handed_over": envelope["data"]["handed_over"], "message": message,
                      "topics": len(board.topics), "chooser": [chooser.topic, chooser.votes]}))
""")

BOARD_WRITES = textwrap.dedent("""
    import sys
    from activities.vote_board.view import VoteBoardView
    view = VoteBoardView(sys.argv[1])
    for name, votes in [("Marketing in a Digital World", 20), ("Public Speaking \U0001F3A4 <b>", 16)]:
        view.new_topic.value = name
        view.add_topic()
        view.vote_boxes[-1].value = votes
    view.hand_over()
""")


def test_handed_over_topic_reaches_the_chooser_across_kernel_restarts(tmp_path):
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", BOARD_WRITES, str(tmp_path)], check=True, env=env, timeout=120)
    out = subprocess.run([sys.executable, "-c", CHOOSER_READS, str(tmp_path)], check=True, env=env,
                         capture_output=True, text=True, timeout=120).stdout
    read = json.loads(out)
    assert read == {"handed_over": {"topic": "Marketing in a Digital World", "votes": 20}, "message": None,
                    "topics": 2, "chooser": ["Marketing in a Digital World", 20]}
