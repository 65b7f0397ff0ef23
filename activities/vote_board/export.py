"""Files of the vote board for "Download my work": the tally as CSV."""
from __future__ import annotations

from ..safe_text import csv_bytes
from .model import VoteBoard

CSV_NAME = "ask-your-community.csv"


def tally_csv(board: VoteBoard) -> bytes:
    leaders = set(board.result().leaders)
    rows = [(place, topic.name, topic.votes, "yes" if topic.name in leaders else "")
            for place, topic in enumerate(board.tally(), start=1)]
    return csv_bytes(["Place", "Topic", "Votes", "Most votes"], rows)


def exports(data: dict) -> dict[str, bytes]:
    board = VoteBoard.from_dict(data)
    return {CSV_NAME: tally_csv(board)} if board.topics else {}
