"""The borderline cases of "Is it a learning circle?", written for this course.

Each case names the attributes it tests (our answer to "what is at stake?") and our discussion,
shown only after the learner has answered. "depends" is an honest answer for several of them:
the discussion says on what.
"""
from __future__ import annotations

from dataclasses import dataclass

#: The five attributes of a learning circle, in the order the course teaches them.
ATTRIBUTES = ("free", "recurring", "facilitated", "collaborative", "structured")
ATTRIBUTE_LABELS = {
    "free": "Free",
    "recurring": "Recurring",
    "facilitated": "Facilitated",
    "collaborative": "Collaborative",
    "structured": "Structured",
}
ATTRIBUTE_MEANINGS = {
    "free": "Nobody pays to take part.",
    "recurring": "The same group meets again and again, usually weekly, for several weeks.",
    "facilitated": "Someone hosts and guides the group (a peer, not a teacher).",
    "collaborative": "People learn with and from each other, not only from a speaker.",
    "structured": "The group follows a course or a plan, meeting by meeting.",
}
VERDICTS = ("yes", "no", "depends")
VERDICT_LABELS = {"yes": "Yes", "no": "No", "depends": "It depends"}


@dataclass(frozen=True)
class Case:
    key: str
    title: str
    story: str
    #: Our answer: "yes", "no" or "depends".
    ours: str
    #: The attributes this case tests.
    at_stake: tuple[str, ...]
    discussion: str


CASES: tuple[Case, ...] = (
    Case("no-facilitator", "Nobody in charge",
         "Six neighbours work through a free online course on budgeting. They meet at the library "
         "every Thursday for six weeks, but nobody has agreed to host: whoever arrives first opens "
         "the laptop.",
         "depends", ("facilitated",),
         "It is free, recurring, collaborative and follows a course, so four attributes are there. "
         "What is missing is a person who looks after the group: who welcomes a newcomer, keeps "
         "time, or notices the quiet one? Many such groups drift apart by week three. If members "
         "take turns hosting on purpose, it is a learning circle with a rotating facilitator."),
    Case("ten-dollars", "A ten-dollar fee",
         "A community centre runs a weekly circle on starting a small business and asks each "
         "person for $10 to cover coffee and printing.",
         "no", ("free",),
         "Even a small fee keeps out exactly the people a learning circle is for, and it changes "
         "what people expect: paying customers expect a teacher. Learning circles are free. Ask "
         "whether a sponsor, the library or a donation jar (never required) could cover the costs."),
    Case("lecture", "Mostly a lecture",
         "Each week the group listens to a local expert talk for 60 minutes, then has ten minutes "
         "for questions before the room closes.",
         "no", ("collaborative", "facilitated"),
         "People meet regularly and for free, but most of the time they are an audience. In a "
         "learning circle the learners do most of the talking and the work; an expert can be a "
         "welcome guest for one meeting, not the format of every meeting."),
    Case("beginner-turned-away", "A beginner is turned away",
         "At the first meeting of a coding circle, the facilitator tells a newcomer who has never "
         "used a spreadsheet that the group is probably too advanced for her.",
         "no", ("facilitated", "collaborative"),
         "A facilitator's job is to make room for everyone, and anybody can learn anything with "
         "the right support. Turning a beginner away breaks the promise on the flyer (no experience "
         "needed). A better move: pair her with someone, and adjust the pace for the group."),
    Case("one-off-workshop", "A one-off workshop",
         "A library hosts a free, friendly, hands-on afternoon on using a smartphone safely. People "
         "work in pairs with a guide. It does not meet again.",
         "no", ("recurring",),
         "It has much of the spirit, but one meeting cannot build a group that learns together over "
         "time, and the learners never come back with what they tried at home. It could be a good "
         "way to recruit for a circle that starts the week after."),
    Case("group-of-forty", "A group of forty",
         "Forty people sign up for a circle on climate science. They meet every week in a large "
         "hall with one facilitator.",
         "depends", ("facilitated", "collaborative"),
         "Size alone does not decide it, but with forty people most of them cannot speak in a "
         "meeting. If the facilitator splits the room into small tables, each with its own "
         "discussion (and perhaps a helper), it can work as several circles in one room. Groups of "
         "3 and of 60 have run this very activity."),
    Case("online-only", "Online only",
         "A group of eight from three towns meets on a video call every Monday evening for seven "
         "weeks, following a free course, with one of them hosting.",
         "depends", ("collaborative", "facilitated"),
         "Every attribute can be there online: it is free, recurring, hosted and structured. The "
         "question is whether people really talk with each other or just watch a screen. Many "
         "circles meet online; the facilitator works harder to draw out the quiet ones."),
    Case("book-club", "A book club",
         "Friends meet monthly at someone's home to discuss a novel they have all read. There is no "
         "course and no host; the talk goes where it goes.",
         "no", ("structured", "facilitated"),
         "A book club is free, recurring and collaborative, and that is worth a lot. But it is not "
         "learning a topic together through a course, and nobody guides it. A book club that works "
         "through a free course on writing, with a host, would be much closer."),
    Case("paid-facilitator", "The host is paid",
         "A library pays a staff member to facilitate a free weekly circle as part of her job.",
         "yes", ("free", "facilitated"),
         "Free means free for the learners. Who pays the facilitator does not matter, as long as "
         "she hosts rather than teaches. Many circles are run by library staff in work time."),
    Case("teacher-facilitator", "An expert as facilitator",
         "A retired maths teacher facilitates a weekly circle on statistics. When someone is stuck, "
         "she explains the answer at the whiteboard.",
         "depends", ("facilitated", "collaborative"),
         "Knowing the topic is fine; teaching it instead of letting the group work it out is the "
         "risk. If she asks the group first, sends people back to the course material and keeps "
         "her own answers for last, it stays a learning circle."),
    Case("no-course", "No course, just a topic",
         "A weekly group meets for free to talk about gardening, with a host. Each week someone "
         "brings whatever they have been reading.",
         "depends", ("structured",),
         "It is free, recurring, facilitated and collaborative. Without a shared course or plan, "
         "though, the group has nothing to learn step by step, and new members cannot catch up. "
         "Choosing a free online course (or a plan for the weeks) would make it one."),
    Case("everyone-alone", "Together but alone",
         "Ten people meet weekly in a library lab. Each works silently through a different online "
         "course with headphones on; a facilitator walks around and helps.",
         "no", ("collaborative", "structured"),
         "It is free, recurring and hosted, but nobody learns with anyone else. A learning circle "
         "shares one course so people can discuss it. A few minutes of talking together each week "
         "would already change it, though a shared course is what makes it a circle."),
    Case("six-week-circle", "Wednesdays for six weeks",
         "Ten people meet at a library on Wednesdays from 6 to 7:30 pm for six weeks, working "
         "through a free online course together. A volunteer hosts, and each meeting ends with a "
         "plus/delta.",
         "yes", ("free", "recurring", "facilitated", "collaborative", "structured"),
         "All five attributes are there: free, weekly for six weeks, hosted, learning together, "
         "following a course. It is the shape of a real circle in Charlotte, so use it as the "
         "yardstick for the other cases."),
)

BY_KEY = {case.key: case for case in CASES}
