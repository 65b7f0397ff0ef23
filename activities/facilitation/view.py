"""The widget view of "10-minute facilitation": the group, the round on screen with its two timers
(the course's browser timer), the checklist and notes, and the summary the group keeps."""
from __future__ import annotations

import ipywidgets as widgets

from ..download import data_link
from ..timer import Timer
from ..ui import LABEL_STYLE, activity_frame, heading, keyboard_friendly_outputs, message_html
from .export import CARDS_NAME, CSV_NAME, HTML_NAME, practice_files
from .materials import OWN, SUGGESTIONS
from .model import CRITERIA, DEBRIEF_MINUTES, FACILITATION_MINUTES, MAX_GROUP, MIN_GROUP, parse_names, store
from .render import material_html, now_html, rotation_html, style_html, summary_table_html

WIDE = widgets.Layout(width="32em", max_width="100%")
AUTO = widgets.Layout(width="auto")
MATERIAL_CHOICES = [("Not chosen yet", ""), *((m.title, m.key) for m in SUGGESTIONS), ("Our own link", OWN)]


def _classed(widget, css_class: str):
    widget.add_class(css_class)
    return widget


class FacilitationView:
    def __init__(self, folder=None):
        self.store = store(folder)
        self.model, load_message = self.store.load()
        self._drawing = False

        self.names = _classed(widgets.Textarea(
            value="\n".join(self.model.rotation), description="Names, one per line", style=LABEL_STYLE,
            placeholder="Amina\nBen\nCarla\nDev\nEsther", rows=8, layout=WIDE), "lc-facilitation-names")
        self.use_names = _classed(widgets.Button(description="Use these names", icon="users", layout=AUTO),
                                  "lc-facilitation-use-names")
        self.use_names.on_click(lambda _b: self.set_names())
        self.reshuffle_button = _classed(widgets.Button(
            description="Reshuffle the turns still to come", icon="random", layout=AUTO,
            tooltip="A new random order for everyone who has not facilitated yet"), "lc-facilitation-reshuffle")
        self.reshuffle_button.on_click(lambda _b: self.reshuffle())
        self.group_message = _classed(widgets.HTML(), "lc-facilitation-group-message")
        self.rotation = _classed(widgets.HTML(), "lc-facilitation-rotation-box")

        self.projector = _classed(widgets.Checkbox(
            description="Projector layout for the room (large facilitator name and timers)",
            indent=False, style=LABEL_STYLE, layout=AUTO), "lc-facilitation-projector")
        self.projector.observe(lambda change: self.show_projector(change["new"]), "value")
        self.round_choice = _classed(widgets.Dropdown(description="Round on screen", style=LABEL_STYLE),
                                     "lc-facilitation-round")
        self.round_choice.observe(lambda change: self.go_to(change["new"]), "value")
        self.next_button = _classed(widgets.Button(description="Next round", icon="arrow-right", layout=AUTO),
                                    "lc-facilitation-next")
        self.next_button.on_click(lambda _b: self.go_to(self.model.current + 1))
        self.now = _classed(widgets.HTML(), "lc-facilitation-now-box")

        self.material = _classed(widgets.Dropdown(description="Video or reading", options=MATERIAL_CHOICES,
                                                  style=LABEL_STYLE), "lc-facilitation-material-choice")
        self.own_title = _classed(widgets.Text(description="Its title", style=LABEL_STYLE, layout=WIDE,
                                               continuous_update=False), "lc-facilitation-own-title")
        self.own_link = _classed(widgets.Text(description="Its link (http:// or https://)", style=LABEL_STYLE,
                                              placeholder="https://", layout=WIDE, continuous_update=False),
                                 "lc-facilitation-own-link")
        self.own_box = widgets.VBox([self.own_title, self.own_link])
        self.material_info = _classed(widgets.HTML(), "lc-facilitation-material-box")
        self.round_message = _classed(widgets.HTML(), "lc-facilitation-round-message")
        self.material.observe(lambda change: self.change_round(material=change["new"]), "value")
        self.own_title.observe(lambda change: self.change_round(own_title=change["new"]), "value")
        self.own_link.observe(lambda change: self.change_round(own_link=change["new"].strip()), "value")

        self.facilitation_timer = Timer(minutes=FACILITATION_MINUTES, label="Facilitation: 5 minutes")
        self.debrief_timer = Timer(minutes=DEBRIEF_MINUTES, label="Debrief: 10 minutes")
        self.timers = _classed(widgets.HBox([self.facilitation_timer, self.debrief_timer]), "lc-facilitation-timers")
        self.timer_news = _classed(widgets.HTML(), "lc-facilitation-timer-news")
        self.facilitation_timer.observe(lambda change: self.timer_ended("facilitation", change["new"]), "finished")
        self.debrief_timer.observe(lambda change: self.timer_ended("debrief", change["new"]), "finished")

        self.checks = {}
        for key, label in CRITERIA:
            box = _classed(widgets.Checkbox(description=label, indent=False, style=LABEL_STYLE, layout=AUTO),
                           "lc-facilitation-check")
            box.observe(lambda _change: self.change_round(checked=self._ticked()), "value")
            self.checks[key] = box
        self.notes = _classed(widgets.Textarea(description="Notes on this round", style=LABEL_STYLE, rows=4,
                                               layout=WIDE, continuous_update=False), "lc-facilitation-notes")
        self.notes.observe(lambda change: self.change_round(notes=change["new"]), "value")

        self.summary = _classed(widgets.HTML(), "lc-facilitation-summary-box")
        self.files_button = _classed(widgets.Button(description="Make the summary files", icon="download",
                                                    layout=AUTO), "lc-facilitation-files")
        self.files_button.on_click(lambda _b: self.make_files())
        self.files = _classed(widgets.HTML(), "lc-facilitation-files-box")

        body = [
            widgets.HTML(style_html() + f"<p>Type the names of the {MIN_GROUP} to {MAX_GROUP} people in the "
                         "group. The activity draws a random order in which everyone facilitates once; it "
                         "stays the same when you come back. Everything is saved as you go.</p>"),
            heading("The group", 3), self.names, widgets.HBox([self.use_names, self.reshuffle_button]),
            self.group_message, self.rotation,
            heading("The round", 3), self.projector, widgets.HBox([self.round_choice, self.next_button]), self.now,
            self.material, self.own_box, self.material_info, self.round_message,
            heading("Timers", 4), self.timers, self.timer_news,
            heading("Did it go well?", 4), *self.checks.values(), self.notes,
            heading("Our rounds", 3), self.summary, widgets.HBox([self.files_button]), self.files,
        ]
        self.widget = activity_frame("10-minute facilitation", load_message, body, "lc-ten-minute-facilitation",
                                     saved=self.store.state)
        self.widget.add_class("lc-facilitation")
        self._draw()

    # --- the group's actions ----------------------------------------------------------------------
    def set_names(self) -> None:
        try:
            self.model.set_names(parse_names(self.names.value))
        except ValueError as error:
            self.group_message.value = message_html(f"Names not used: {error}.", "warning")
            return
        self.group_message.value = message_html(
            f"{len(self.model.rotation)} people: the order below is saved.", "success")
        self._saved_and_drawn()

    def reshuffle(self) -> None:
        try:
            self.model.reshuffle()
        except ValueError as error:
            self.group_message.value = message_html(f"Not reshuffled: {error}.", "warning")
            return
        self.group_message.value = message_html("A new order for the turns still to come.", "success")
        self._saved_and_drawn()

    def go_to(self, index) -> None:
        if self._drawing or index is None or not 0 <= index < len(self.model.rotation):
            return
        if index != self.model.current:
            self.model.go_to(index)
            self.round_message.value = self.timer_news.value = ""
            for timer in (self.facilitation_timer, self.debrief_timer):
                timer.reset()
            self._saved_and_drawn()

    def change_round(self, **changes) -> None:
        if self._drawing:
            return
        try:
            self.model.update_round(**changes)
        except ValueError as error:
            # Nothing typed is lost: it stays in its box until it can be saved.
            self.round_message.value = message_html(f"Not saved yet: {error}.", "warning")
            return
        self.round_message.value = ""
        self._saved_and_drawn()

    def timer_ended(self, which: str, finished: bool) -> None:
        """The browser says a timer ran out (Python hears of the end, not of every second)."""
        if not finished:
            return
        self.timer_news.value = message_html(
            "The five minutes are up: thank the facilitator, then start the 10-minute debrief."
            if which == "facilitation" else
            "The debrief is over: tick what went well, write a note, then go to the next round.", "info")

    def show_projector(self, on: bool) -> None:
        (self.widget.add_class if on else self.widget.remove_class)("lc-projector")
        for timer in (self.facilitation_timer, self.debrief_timer):
            timer.projector = on

    def make_files(self) -> None:
        files = practice_files(self.model)
        if not files:
            self.files.value = message_html("Type the group's names first.", "info")
            return
        self.files.value = (f"<p>{data_link(files[CSV_NAME], CSV_NAME, 'text/csv', 'Download the table (CSV)')}"
                            f" \u00b7 {data_link(files[HTML_NAME], HTML_NAME, 'text/html', 'Download the printable summary')}"
                            f" \u00b7 {data_link(files[CARDS_NAME], CARDS_NAME, 'text/html', 'Download the round cards')}"
                            "</p><p>Open the summary or the cards (one page per round) in your browser and print "
                            "them, or save them as PDF.</p>")

    def _ticked(self) -> list[str]:
        return [key for key, box in self.checks.items() if box.value]

    # --- drawing ----------------------------------------------------------------------------------
    def _saved_and_drawn(self) -> None:
        self.store.save(self.model)
        self._draw()

    def _draw(self) -> None:
        self._drawing = True  # setting the boxes below must not count as the group changing them
        try:
            model, rnd = self.model, self.model.round()
            has_group = bool(model.rotation)
            self.rotation.value = rotation_html(model)
            self.round_choice.options = [(f"Round {i + 1}: {name}", i) for i, name in enumerate(model.rotation)]
            self.round_choice.value = model.current if has_group else None
            self.next_button.disabled = not has_group or model.current + 1 >= len(model.rotation)
            self.reshuffle_button.disabled = not has_group
            self.now.value = now_html(model)
            if self.material.value != rnd.material:
                self.material.value = rnd.material
            self.own_box.layout.display = None if rnd.material == OWN else "none"
            self.own_title.value, self.own_link.value = rnd.own_title, rnd.own_link
            self.material_info.value = material_html(model)
            for key, box in self.checks.items():
                box.value = key in rnd.checked
            self.notes.value = rnd.notes
            self.summary.value = summary_table_html(model) if has_group else ""
            self.files.value = ""
        finally:
            self._drawing = False


def activity(folder=None):
    """The widget for the notebook (and a helper so its controls work by keyboard in JupyterLab)."""
    keyboard_friendly_outputs()
    return FacilitationView(folder).widget


#: This activity's view, opened with a saved-work folder (``View(folder)``); the suite's saved-work
#: checks find every registered activity's view by this name.
View = FacilitationView
