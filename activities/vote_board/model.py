""""Ask your community": topics, their votes, the tally, the winner, and the hand-over.

Pure Python (no widgets, no HTML). Votes come from stickers counted on a paper board and typed
per topic, or from a group typing them one by one. The top topic is handed to "Choose a course"
through this activity's own saved work: ``data["handed_over"] = {"topic": str, "votes": int}``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

ACTIVITY = "ask-your-community"
SCHEMA_VERSION = 1
#: More stickers than any paper board holds: a typo, not a vote count.
MAX_VOTES = 100_000
MAX_TOPICS = 30


def _key(name: str) -> str:
    """A topic's name as the board compares it (spacing and case do not count)."""
    return " ".join(name.split()).casefold()


def _same(a: str, b: str) -> bool:
    return _key(a) == _key(b)


def _check_votes(votes) -> int:
    if isinstance(votes, bool) or not isinstance(votes, int):
        raise ValueError("votes must be a whole number")
    if not 0 <= votes <= MAX_VOTES:
        raise ValueError(f"votes must be between 0 and {MAX_VOTES:,}")
    return votes


@dataclass
class Topic:
    name: str
    votes: int = 0


@dataclass(frozen=True)
class Result:
    """The outcome in plain words: ``kind`` is "empty", "no-votes", "winner" or "tie"."""

    kind: str
    leaders: tuple[str, ...]
    votes: int
    sentence: str


@dataclass
class VoteBoard:
    topics: list[Topic] = field(default_factory=list)
    #: What was last handed to "Choose a course" (None until the group hands a topic over).
    handed_over: dict | None = None

    def __post_init__(self):
        self.validate()

    def validate(self) -> None:
        if not isinstance(self.topics, list) or len(self.topics) > MAX_TOPICS:
            raise ValueError(f"a board holds at most {MAX_TOPICS} topics")
        for index, topic in enumerate(self.topics):
            if not isinstance(topic, Topic) or not isinstance(topic.name, str) or not topic.name.strip():
                raise ValueError("every topic needs a name")
            _check_votes(topic.votes)
            if any(_same(topic.name, other.name) for other in self.topics[:index]):
                raise ValueError(f"the topic \u201c{topic.name.strip()}\u201d is on the board twice")
        if self.handed_over is not None:
            ok = (isinstance(self.handed_over, dict) and isinstance(self.handed_over.get("topic"), str)
                  and not isinstance(self.handed_over.get("votes"), bool)
                  and isinstance(self.handed_over.get("votes"), int))
            if not ok:
                raise ValueError("the handed-over topic must have a name and a number of votes")

    # --- changing the board (each change all or nothing) ----------------------------------------
    def add_topic(self, name: str, votes: int = 0) -> Topic:
        if not isinstance(name, str) or not name.strip():
            raise ValueError("type the topic first")
        if len(self.topics) >= MAX_TOPICS:
            raise ValueError(f"a board holds at most {MAX_TOPICS} topics")
        if any(_same(name, topic.name) for topic in self.topics):
            raise ValueError(f"\u201c{name.strip()}\u201d is already on the board")
        topic = Topic(name.strip(), _check_votes(votes))
        self.topics.append(topic)
        return topic

    def remove_topic(self, index: int) -> None:
        del self.topics[index]

    def set_votes(self, index: int, votes: int) -> None:
        """The stickers counted for one topic."""
        self.topics[index].votes = _check_votes(votes)

    def add_vote(self, index: int) -> None:
        """One more vote, as a group types them one by one."""
        self.set_votes(index, self.topics[index].votes + 1)

    # --- the outcome ----------------------------------------------------------------------------
    def tally(self) -> list[Topic]:
        """Most votes first; equal votes keep the board's order."""
        return sorted(self.topics, key=lambda topic: -topic.votes)

    def total(self) -> int:
        return sum(topic.votes for topic in self.topics)

    def result(self) -> Result:
        if not self.topics:
            return Result("empty", (), 0, "No topics on the board yet.")
        top = max(topic.votes for topic in self.topics)
        if top == 0:
            return Result("no-votes", (), 0, "No votes yet.")
        leaders = tuple(topic.name for topic in self.topics if topic.votes == top)
        votes = "vote" if top == 1 else "votes"
        if len(leaders) == 1:
            return Result("winner", leaders, top,
                          f"\u201c{leaders[0]}\u201d is the clear winner with {top} {votes}.")
        names = ", ".join(f"\u201c{name}\u201d" for name in leaders[:-1]) + f" and \u201c{leaders[-1]}\u201d"
        return Result("tie", leaders, top,
                      f"A tie: {names} have {top} {votes} each. Talk it over and pick one of them.")

    def hand_over(self, topic: str | None = None) -> dict:
        """Record the topic to pass to "Choose a course": the winner, or the group's pick of a tie."""
        result = self.result()
        if result.kind in ("empty", "no-votes"):
            raise ValueError("there is no top topic yet: count the votes first")
        if topic is None:
            if result.kind == "tie":
                raise ValueError("it is a tie: pick one of the tied topics")
            topic = result.leaders[0]
        if topic not in result.leaders:
            raise ValueError("only a topic with the most votes can be handed over")
        self.handed_over = {"topic": topic, "votes": result.votes}
        return dict(self.handed_over)

    # --- saving ---------------------------------------------------------------------------------
    def merge(self, theirs: "VoteBoard", base: "VoteBoard | None") -> None:
        """Take in what another open copy (another tab or kernel) changed since both started
        from ``base``: its new topics, its removed ones and the votes it added or took away;
        this copy's own changes stay. All or nothing (ValueError: nothing changes)."""
        def votes(board):
            return {_key(t.name): t.votes for t in board.topics} if board else {}

        was, now = votes(base), votes(theirs)
        topics = []
        for topic in self.topics:
            key = _key(topic.name)
            if key in was and key not in now:
                continue  # removed over there
            topics.append(Topic(topic.name, max(0, topic.votes + now.get(key, 0) - was.get(key, 0))))
        known = {_key(t.name) for t in self.topics} | set(was)
        topics += [Topic(t.name, t.votes) for t in theirs.topics if _key(t.name) not in known]
        handed_over = self.handed_over
        if base is not None and self.handed_over == base.handed_over:
            handed_over = theirs.handed_over
        merged = VoteBoard(topics=topics[:MAX_TOPICS], handed_over=handed_over)  # validates
        self.topics, self.handed_over = merged.topics, merged.handed_over

    def to_dict(self) -> dict:
        return {"topics": [{"name": t.name, "votes": t.votes} for t in self.topics],
                "handed_over": dict(self.handed_over) if self.handed_over else None}

    @classmethod
    def from_dict(cls, data: dict) -> "VoteBoard":
        topics = [Topic(item["name"], item["votes"]) for item in data.get("topics", [])]
        return cls(topics=topics, handed_over=data.get("handed_over"))


#: The Detroit Public Library round from the course facts, for the notebook's example.
DETROIT_EXAMPLE = (("Marketing in a Digital World", 20), ("Public Speaking", 16),
                   ("Social Entrepreneurship 101", 16))
