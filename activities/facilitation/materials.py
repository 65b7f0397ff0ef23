"""Our suggestions of something short to watch or read before each practice round.

Each is an open-licensed public page (Wikipedia articles are CC BY-SA): the group reads the
opening section together, which takes about five minutes, as the short video does in P2PU's
version of the exercise. The descriptions are ours and plain text.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Material:
    key: str
    title: str
    url: str
    description: str


SUGGESTIONS: tuple[Material, ...] = (
    Material("public-library", "Public library (Wikipedia)", "https://en.wikipedia.org/wiki/Public_library",
             "What a public library is, who pays for it and who may use it. A good first round: "
             "everybody in the room has a library story to tell."),
    Material("community-garden", "Community gardening (Wikipedia)", "https://en.wikipedia.org/wiki/Community_gardening",
             "Neighbours who share a piece of land and the work on it. Easy to relate to learning "
             "circles: a shared space, shared rules, no boss."),
    Material("citizen-science", "Citizen science (Wikipedia)", "https://en.wikipedia.org/wiki/Citizen_science",
             "Research done with the help of volunteers who are not professional scientists. It "
             "invites questions about who gets to count as an expert."),
    Material("peer-learning", "Peer learning (Wikipedia)", "https://en.wikipedia.org/wiki/Peer_learning",
             "People learning with and from each other rather than from a teacher: the idea "
             "behind P2PU, so the round doubles as course content."),
)

BY_KEY = {material.key: material for material in SUGGESTIONS}
#: The choice "our own link" in a round (the group types a title and an http(s) link).
OWN = "own"
