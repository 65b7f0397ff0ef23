"""The widgets of "Check-in for a first meeting": they only wire ipywidgets to the model."""
from __future__ import annotations

import ipywidgets as widgets

from ..download import data_link
from ..safe_text import shorten
from ..ui import LABEL_STYLE, activity_frame, heading, keyboard_friendly_outputs, message_html
from .model import FIRST_MEETING_STEPS, HOMEWORK, SUGGESTED_AGREEMENTS, store
from .render import preview_html, printable_html

#: "Nothing chosen" in a drop-down: ipywidgets shows a None value as an empty box, so use -1.
_NOTHING = -1


class CheckInView:
    def __init__(self, folder=None):
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
            (f"{i + 1}. {shorten(g.shown_name(), 20)}: {shorten(g.goal)}", i) for i, g in enumerate(m.goals)]
        self.remove_agreement_choice.options = [("(choose an agreement)", _NOTHING)] + [
            (f"{i + 1}. {shorten(a)}", i) for i, a in enumerate(m.agreements)]
        self.remove_goal_choice.value = self.remove_agreement_choice.value = _NOTHING
        self.preview.value = preview_html(m)

    def make_printable(self) -> str:
        page = printable_html(self.model)
        self.print_link.value = data_link(page.encode("utf-8"), self.model.filename(), "text/html",
                                          f"Save {self.model.filename()} (open it, then print)")
        return page


def activity(folder=None):
    """The widget for the notebook (and a helper so its controls work by keyboard in JupyterLab)."""
    keyboard_friendly_outputs()
    return CheckInView(folder).widget


#: This activity's view, opened with a saved-work folder (``View(folder)``); the suite's saved-work
#: checks find every registered activity's view by this name.
View = CheckInView
