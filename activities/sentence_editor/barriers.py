"""The barriers a group can tick while rewriting the sentence, each with a question to ask.

The six barriers are the ones the course names; the questions are ours.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Barrier:
    id: str
    kind: str  # "individual" or "structural"
    name: str
    question: str


BARRIERS: tuple[Barrier, ...] = (
    Barrier("digital-literacy", "individual", "Digital literacy",
            "Who in your community would need help to get online, sign up or find their way "
            "around a course website? Does the sentence leave them out?"),
    Barrier("awareness", "individual", "Awareness of opportunities",
            "How would someone even hear that free courses exist? Who never gets told? Could the "
            "sentence say who finds out and who does not?"),
    Barrier("academic-confidence", "individual", "Academic confidence",
            "Who has been told, at school or since, that they are 'not a learner'? What would "
            "the sentence need to say for them to believe it is about them too?"),
    Barrier("racism", "structural", "Racism",
            "Whose names, languages and histories do the courses and the people running them "
            "reflect? Is 'anybody' really everybody, or mostly people who already look like "
            "the teachers?"),
    Barrier("financial-injustice", "structural", "Financial injustice",
            "'Free' for whom? Think of devices, data plans, bus fares, childcare and hours "
            "taken off paid work. What does learning actually cost here?"),
    Barrier("monolithic-knowledge", "structural", "Monolithic ideas of what counts as knowledge",
            "Which kinds of knowing get certificates and which get ignored: skills from work, "
            "family, faith or culture? Does 'anything' mean only what universities teach?"),
)

BARRIER_IDS = frozenset(b.id for b in BARRIERS)


def by_kind(kind: str) -> list[Barrier]:
    return [b for b in BARRIERS if b.kind == kind]
