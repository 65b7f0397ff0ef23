""""Check-in for a first meeting": the group's goals, what they expect of each other (homework
or not) and the agreements they make, turned into a printable summary for the group.

Model: :class:`CheckIn` (pure Python). View: :class:`CheckInView` (ipywidgets).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .autosave import ActivityStore
from .safe_text import html_text, safe_filename

ACTIVITY = "first-meeting-check-in"
SCHEMA_VERSION = 1

HOMEWORK = {
    "undecided": "Not decided yet",
    "none": "No homework: everything happens in our meetings",
    "optional": "Optional: people can do more between meetings if they like",
    "expected": "Yes: we each do some work between meetings",
}

#: Agreements a group might start from, in our own words; the group edits or adds its own.
SUGGESTED_AGREEMENTS = [
    "This is not a class: we are here to support each other.",
    "Everyone here is both a learner and a teacher.",
    "It is fine to say \u201cI don't know\u201d: we find out together.",
    "We listen to each other and make room for everyone to speak.",
    "We start and finish on time.",
    "What someone shares about themselves stays in the circle.",
]

#: What a good first check-in covers, for the checklist on the summary.
FIRST_MEETING_STEPS = [
    ("introductions", "Everyone has introduced themselves"),
    ("goals", "Everyone has said what they hope to get out of the circle"),
    ("expectations", "We agreed how involved we will be (for example, homework or not)"),
    ("not_a_class", "We said that this is not a class: everyone is here to support each other"),
]

PRINT_CSS = """
body { font-family: Georgia, 'Times New Roman', serif; font-size: 13pt; line-height: 1.45;
       color: #000; background: #fff; max-width: 42em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 20pt; margin-bottom: 0.2em; } h2 { font-size: 15pt; margin-top: 1.4em;
     border-bottom: 1px solid #555; }
ul { padding-left: 1.3em; } li { margin: 0.25em 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.meta { color: #333; } .empty { color: #555; font-style: italic; }
@media print {
  @page { margin: 18mm; }
  body { margin: 0; max-width: none; }
  h2, li { break-inside: avoid; page-break-inside: avoid; }
  .no-print { display: none; }
}
"""


@dataclass(frozen=True)
class Goal:
    name: str
    goal: str

    def shown_name(self) -> str:
        return self.name if self.name.strip() else "(no name)"


@dataclass
class CheckIn:
    circle: str = ""
    meeting_date: date | None = None
    goals: list[Goal] = field(default_factory=list)
    homework: str = "undecided"
    other_expectations: str = ""
    agreements: list[str] = field(default_factory=list)
    done: list[str] = field(default_factory=list)  # keys of FIRST_MEETING_STEPS ticked

    @classmethod
    def new(cls) -> "CheckIn":
        return cls()

    def add_goal(self, goal: str, name: str = "") -> Goal:
        if not isinstance(goal, str) or not isinstance(name, str):
            raise ValueError("a goal and a name must be text")
        if not goal.strip():
            raise ValueError("write the goal first")
        entry = Goal(name, goal)
        self.goals.append(entry)
        return entry

    def remove_goal(self, index: int) -> None:
        del self.goals[index]

    def add_agreement(self, text: str) -> None:
        if not isinstance(text, str):
            raise ValueError("an agreement must be text")
        if not text.strip():
            raise ValueError("write the agreement first")
        if text in self.agreements:
            raise ValueError("the group already has this agreement")
        self.agreements.append(text)

    def remove_agreement(self, index: int) -> None:
        del self.agreements[index]

    def set_homework(self, choice: str) -> None:
        if choice not in HOMEWORK:
            raise ValueError(f"unknown homework choice {choice!r}")
        self.homework = choice

    def set_done(self, step: str, ticked: bool) -> None:
        if step not in dict(FIRST_MEETING_STEPS):
            raise ValueError(f"unknown step {step!r}")
        if ticked and step not in self.done:
            self.done.append(step)
        elif not ticked and step in self.done:
            self.done.remove(step)

    # --- the printable summary (every piece of learner text escaped) -------------------------
    def title(self) -> str:
        return f"First meeting: {self.circle}" if self.circle.strip() else "Our first meeting"

    def summary_body_html(self, level: int = 1) -> str:
        """The summary; ``level`` is the heading level of its title (sections one below)."""
        h, sub = f"h{level}", f"h{level + 1}"

        def items(values: list[str], empty: str) -> str:
            if not values:
                return f'<p class="empty">{html_text(empty)}</p>'
            return "<ul>" + "".join(f"<li dir=\"auto\">{value}</li>" for value in values) + "</ul>"

        when = f'<p class="meta">{self.meeting_date:%A %d %B %Y}</p>' if self.meeting_date else ""
        goals = items([f"<strong>{html_text(g.shown_name())}</strong>: {html_text(g.goal)}" for g in self.goals],
                      "No goals written down yet.")
        expectations = [f"Homework: {html_text(HOMEWORK[self.homework])}"]
        if self.other_expectations.strip():
            expectations.append(html_text(self.other_expectations))
        agreements = items([html_text(a) for a in self.agreements], "No agreements written down yet.")
        ticked, unticked = "\u2611", "\u2610"  # ballot boxes print well on paper
        steps = "".join(f"<li>{ticked if key in self.done else unticked} {html_text(text)}</li>"
                        for key, text in FIRST_MEETING_STEPS)
        return (f"<{h}>{html_text(self.title())}</{h}>{when}"
                f"<{sub}>Our goals</{sub}>{goals}"
                f"<{sub}>What we expect of each other</{sub}>{items(expectations, '')}"
                f"<{sub}>Our group agreements</{sub}>{agreements}"
                f'<{sub}>Our first check-in</{sub}><ul class="checklist">{steps}</ul>'
                "<p class=\"meta\">A learning circle is not a class: we are here to learn together "
                "and to support each other.</p>")

    def printable_html(self) -> str:
        """A complete page to open in a browser and print (or save as PDF) for the group."""
        return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                f"<title>{html_text(self.title())}</title><style>{PRINT_CSS}</style></head>"
                f'<body><p class="no-print"><em>Use your browser\'s Print command to print this page or '
                f"save it as PDF.</em></p>{self.summary_body_html()}</body></html>\n")

    def filename(self) -> str:
        return safe_filename(self.circle, "first-meeting", "-check-in.html")

    # --- saving -----------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {"circle": self.circle, "meeting_date": self.meeting_date.isoformat() if self.meeting_date else None,
                "goals": [{"name": g.name, "goal": g.goal} for g in self.goals], "homework": self.homework,
                "other_expectations": self.other_expectations, "agreements": list(self.agreements),
                "done": list(self.done)}

    @classmethod
    def from_dict(cls, data: dict) -> "CheckIn":
        model = cls()
        for name in ("circle", "other_expectations"):
            if not isinstance(data[name], str):
                raise ValueError(f"the saved {name} is not text")
        model.circle, model.other_expectations = data["circle"], data["other_expectations"]
        model.meeting_date = date.fromisoformat(data["meeting_date"]) if data["meeting_date"] else None
        for goal in data["goals"]:
            model.add_goal(goal["goal"], goal["name"])
        model.set_homework(data["homework"])
        for agreement in data["agreements"]:
            model.add_agreement(agreement)
        for step in data["done"]:
            model.set_done(step, True)
        return model


def store(folder=None) -> ActivityStore[CheckIn]:
    return ActivityStore(ACTIVITY, SCHEMA_VERSION, CheckIn.from_dict, CheckIn.new, folder)


def exports(data: dict) -> dict[str, bytes]:
    model = CheckIn.from_dict(data)
    return {model.filename(): model.printable_html().encode("utf-8")}


# --- view -------------------------------------------------------------------------------------
#: "Nothing chosen" in a drop-down: ipywidgets shows a None value as an empty box, so use -1.
_NOTHING = -1


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


class CheckInView:
    def __init__(self, folder=None):
        import ipywidgets as widgets

        from .ui import LABEL_STYLE, activity_frame, heading

        self.store = store(folder)
        self.model, load_message = self.store.load()
        m = self.model
        wide = widgets.Layout(width="36em", max_width="100%")
        self.circle = widgets.Text(value=m.circle, description="Circle name or topic", style=LABEL_STYLE, layout=wide)
        self.meeting_date = widgets.DatePicker(value=m.meeting_date, description="Date of the first meeting",
                                               style=LABEL_STYLE)
        self.goal_name = widgets.Text(description="Name (optional)", style=LABEL_STYLE, layout=wide)
        self.goal_text = widgets.Textarea(description="Goal: what I hope to get out of this circle",
                                          style=LABEL_STYLE, layout=wide, rows=2)
        self.add_goal_button = widgets.Button(description="Add goal", icon="plus", layout=widgets.Layout(width="auto"))
        self.remove_goal_choice = widgets.Dropdown(description="Goal to remove", style=LABEL_STYLE, layout=wide)
        self.remove_goal_button = widgets.Button(description="Remove goal", icon="trash", layout=widgets.Layout(width="auto"))
        self.homework = widgets.Dropdown(options=[(label, key) for key, label in HOMEWORK.items()],
                                         value=m.homework, description="Homework between meetings",
                                         style=LABEL_STYLE, layout=wide)
        self.other_expectations = widgets.Textarea(value=m.other_expectations, rows=2, layout=wide,
                                                   description="Other expectations", style=LABEL_STYLE,
                                                   placeholder="e.g. we let the group know if we cannot come")
        self.suggestion = widgets.Dropdown(options=SUGGESTED_AGREEMENTS, description="Suggested agreement",
                                           style=LABEL_STYLE, layout=wide)
        self.add_suggestion_button = widgets.Button(description="Add this suggestion", icon="plus", layout=widgets.Layout(width="auto"))
        self.own_agreement = widgets.Text(description="Our own agreement", style=LABEL_STYLE, layout=wide)
        self.add_agreement_button = widgets.Button(description="Add our agreement", icon="plus", layout=widgets.Layout(width="auto"))
        self.remove_agreement_choice = widgets.Dropdown(description="Agreement to remove", style=LABEL_STYLE,
                                                        layout=wide)
        self.remove_agreement_button = widgets.Button(description="Remove agreement", icon="trash", layout=widgets.Layout(width="auto"))
        self.steps = {key: widgets.Checkbox(value=key in m.done, description=text, indent=False,
                                            layout=widgets.Layout(width="auto"))
                      for key, text in FIRST_MEETING_STEPS}
        self.message = widgets.HTML()
        self.preview = widgets.HTML()
        self.preview.add_class("lc-check-in-summary")
        self.print_button = widgets.Button(description="Make printable summary", icon="print",
                                           tooltip="Create a page to print or save as PDF for the group",
                                           layout=widgets.Layout(width="auto"))
        self.print_link = widgets.HTML()

        # Text committed by an "Add" button is sent when the learner leaves the box, not per
        # keystroke (throttled updates could reach the kernel after the button press).
        for box in (self.goal_name, self.goal_text, self.own_agreement):
            box.continuous_update = False
        self.circle.observe(lambda c: self._change(lambda: setattr(m, "circle", c["new"])), names="value")
        self.meeting_date.observe(lambda c: self._change(lambda: setattr(m, "meeting_date", c["new"])), names="value")
        self.homework.observe(lambda c: self._change(lambda: m.set_homework(c["new"])), names="value")
        self.other_expectations.observe(
            lambda c: self._change(lambda: setattr(m, "other_expectations", c["new"])), names="value")
        for key, box in self.steps.items():
            box.observe(lambda c, k=key: self._change(lambda: m.set_done(k, c["new"])), names="value")
        self.add_goal_button.on_click(lambda _b: self._change(self._add_goal))
        self.remove_goal_button.on_click(lambda _b: self._change(
            lambda: m.remove_goal(self.remove_goal_choice.value) if self.remove_goal_choice.value >= 0 else None))
        self.add_suggestion_button.on_click(lambda _b: self._change(lambda: m.add_agreement(self.suggestion.value)))
        self.add_agreement_button.on_click(lambda _b: self._change(self._add_own_agreement))
        self.remove_agreement_button.on_click(lambda _b: self._change(
            lambda: m.remove_agreement(self.remove_agreement_choice.value)
            if self.remove_agreement_choice.value >= 0 else None))
        self.print_button.on_click(lambda _b: self.make_printable())

        body = [
            widgets.HTML("<p>Fill this in together at your first meeting. It is saved as you go, "
                         "and becomes a one-page summary you can print for the group.</p>"),
            self.circle, self.meeting_date,
            heading("Goals", 3), self.goal_name, self.goal_text, self.add_goal_button,
            widgets.HBox([self.remove_goal_choice, self.remove_goal_button]),
            heading("Expectations", 3), self.homework, self.other_expectations,
            heading("Group agreements", 3), widgets.HBox([self.suggestion, self.add_suggestion_button]),
            widgets.HBox([self.own_agreement, self.add_agreement_button]),
            widgets.HBox([self.remove_agreement_choice, self.remove_agreement_button]),
            heading("Our first check-in", 3), *self.steps.values(),
            self.message,
            heading("Summary for the group", 3), self.preview,
            widgets.HBox([self.print_button, self.print_link]),
        ]
        self.widget = activity_frame("Check-in for a first meeting", load_message, body, "lc-check-in",
                                     saved=self.store.state)
        self._refresh()

    def _add_goal(self) -> None:
        self.model.add_goal(self.goal_text.value, self.goal_name.value)
        self.goal_text.value = self.goal_name.value = ""

    def _add_own_agreement(self) -> None:
        self.model.add_agreement(self.own_agreement.value)
        self.own_agreement.value = ""

    def _change(self, action) -> None:
        from .ui import message_html

        try:
            action()
        except ValueError as error:
            self.message.value = message_html(f"Not changed: {error}.", "warning")
            return
        self.message.value = ""
        self.store.save(self.model)
        self.print_link.value = ""  # a summary made earlier no longer matches
        self._refresh()

    def _refresh(self) -> None:
        m = self.model
        self.remove_goal_choice.options = [("(choose a goal)", _NOTHING)] + [
            (f"{i + 1}. {_short(g.shown_name(), 20)}: {_short(g.goal)}", i) for i, g in enumerate(m.goals)]
        self.remove_agreement_choice.options = [("(choose an agreement)", _NOTHING)] + [
            (f"{i + 1}. {_short(a)}", i) for i, a in enumerate(m.agreements)]
        self.remove_goal_choice.value = self.remove_agreement_choice.value = _NOTHING
        self.preview.value = (f'<div style="border:1px solid #888;padding:0.5em 1em;max-width:42em">'
                              f"{m.summary_body_html(level=4)}</div>")

    def make_printable(self) -> str:
        from .download import data_link

        page = self.model.printable_html()
        self.print_link.value = data_link(page.encode("utf-8"), self.model.filename(), "text/html",
                                          f"Save {self.model.filename()} (open it, then print)")
        return page


def activity(folder=None):
    """The widget for the notebook (and a helper so its controls work by keyboard in JupyterLab)."""
    from .ui import keyboard_friendly_outputs

    keyboard_friendly_outputs()
    return CheckInView(folder).widget
