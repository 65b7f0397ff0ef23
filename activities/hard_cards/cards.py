"""The hard situations of "When it gets hard", written for this course.

Seven situations a facilitator meets sooner or later. Each card has the situation, a few "what
could you try?" prompts for the group's role-play, and our suggested moves; every move names the
facilitation tasks it uses (the eight tasks the course teaches), so the group learns the tasks by
seeing them at work. The moves stay hidden until the group has recorded what it tried.
"""
from __future__ import annotations

from dataclasses import dataclass

#: The eight facilitation tasks, in the order the course teaches them.
TASKS = ("listen", "clarify", "feedback", "on-task", "probe", "draw-out", "mediate", "summarise")
TASK_LABELS = {
    "listen": "Listen",
    "clarify": "Clarify",
    "feedback": "Give feedback",
    "on-task": "Keep the group on task",
    "probe": "Probe assumptions",
    "draw-out": "Draw out views",
    "mediate": "Mediate conflict",
    "summarise": "Summarise",
}
#: How long a role-play of one card takes (minutes): the length of the timer.
ROLE_PLAY_MINUTES = 15


@dataclass(frozen=True)
class Move:
    text: str
    #: The facilitation tasks this move uses (keys of TASKS).
    tasks: tuple[str, ...]


@dataclass(frozen=True)
class Card:
    key: str
    title: str
    situation: str
    prompts: tuple[str, ...]
    moves: tuple[Move, ...]

    @property
    def tasks(self) -> tuple[str, ...]:
        """Every task the suggested moves use, in the course's order."""
        used = {task for move in self.moves for task in move.tasks}
        return tuple(task for task in TASKS if task in used)


CARDS: tuple[Card, ...] = (
    Card("ask-the-teacher", "Everyone asks you for the answer",
         "In the second meeting, Ruth keeps turning to you: \u201cYou tell us, is this right?\u201d "
         "Others start to wait for your verdict too, and the talk goes through you instead of "
         "round the table.",
         ("How do you answer Ruth without becoming the teacher?",
          "Who else in the room could she ask?",
          "What could the group do next time it is stuck?"),
         (Move("Hand the question back to the table: \u201cWhat do the rest of you think?\u201d and wait "
               "through the silence.", ("draw-out",)),
          Move("Ask what makes Ruth unsure, so the real question comes out.", ("clarify", "probe")),
          Move("Say again, kindly, that you are learning alongside them, and show where the course "
               "or a search could answer it.", ("feedback",)))),
    Card("two-clash", "Two learners clash",
         "Amir and Dolores disagree about the right way to do the week\u2019s exercise. Voices rise, "
         "Dolores says \u201cthat\u2019s just wrong\u201d, and the others go quiet and look at their "
         "screens.",
         ("What do you say in the first ten seconds?",
          "How do you let both be heard without taking a side?",
          "How do you bring the quiet ones back?"),
         (Move("Slow things down and give each person a turn while the other only listens.",
               ("mediate", "listen")),
          Move("Say back what each of them wants in neutral words, so both feel understood.",
               ("summarise", "clarify")),
          Move("Point out what they agree on, then ask the group how it could test both ways.",
               ("mediate", "on-task")))),
    Card("unprepared", "Someone drops in unprepared",
         "Kwame arrives at the fourth meeting having done none of the reading. He is keen to join "
         "in, but the discussion keeps stopping so that someone can explain the basics to him.",
         ("How do you welcome Kwame and keep the meeting going?",
          "Who could help him catch up, and when?",
          "What could you change so this matters less next time?"),
         (Move("Welcome him warmly and ask a learner to give a two-minute recap for everyone.",
               ("summarise", "draw-out")),
          Move("Bring the discussion back to the question the group was on.", ("on-task",)),
          Move("After the meeting, ask him what got in the way and agree a small step for next week.",
               ("listen", "feedback")))),
    Card("half-the-group", "Attendance halves",
         "Twelve people came to the first meeting; this week five turn up. The ones who came "
         "wonder aloud whether the circle is failing.",
         ("What do you say to the five who came?",
          "How would you find out why the others stayed away?",
          "What could the group decide to change?"),
         (Move("Thank the people in the room and run the meeting fully for them.", ("feedback", "on-task")),
          Move("Ask what would make the circle worth coming back to, and hear every answer.",
               ("listen", "draw-out")),
          Move("Question the idea that a smaller group is a worse one: what can five do that twelve "
               "could not?", ("probe",)))),
    Card("upset", "A learner is upset",
         "Halfway through an exercise Mei goes quiet, then says she is hopeless at this and always "
         "has been. She closes her laptop and her eyes fill with tears.",
         ("What do you do right now, and what do you leave for later?",
          "How do you keep the rest of the group going?",
          "What could you say about effort rather than talent?"),
         (Move("Give the group a task so you can talk with Mei quietly, and mostly listen.",
               ("listen", "on-task")),
          Move("Gently question \u201calways hopeless\u201d: ask what she did manage this week.", ("probe",)),
          Move("Praise the effort and the steps she has taken, not how quickly she got there.",
               ("feedback",)))),
    Card("mixed-levels", "Mixed levels in one group",
         "Two learners finished the week\u2019s material in an hour; three others are stuck on the "
         "first page. The fast pair look bored and the others look lost.",
         ("How could the group use the difference instead of suffering from it?",
          "What would you ask the fast pair to do?",
          "How do you check that nobody is left behind?"),
         (Move("Pair people up so the ones who finished explain a step to the ones who are stuck.",
               ("draw-out", "on-task")),
          Move("Ask each person to say where they are and what they need today.", ("clarify", "listen")),
          Move("Close with a round where everyone names one thing they learned.", ("summarise",)))),
    Card("talk-or-work", "Some want to talk, some want to work alone",
         "Half the group loves the discussion and would talk all evening; the other half would "
         "rather put on headphones and get through the course. Both halves are getting annoyed.",
         ("How could one meeting make room for both?",
          "How do you find out what each person came for?",
          "Who decides, and how?"),
         (Move("Ask the group what each half wants from the meeting and say both back.",
               ("draw-out", "summarise")),
          Move("Agree together on a plan: quiet work time first, then a shorter, focused discussion.",
               ("mediate", "on-task")),
          Move("Check at the end whether the new plan worked for both halves.", ("feedback", "listen")))),
)
BY_KEY: dict[str, Card] = {card.key: card for card in CARDS}
