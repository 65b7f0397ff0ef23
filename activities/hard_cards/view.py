"""The widget view of "When it gets hard": draw or choose a card, role-play, record, see the moves."""
from __future__ import annotations

import ipywidgets as widgets

from ..timer import Timer
from ..ui import LABEL_STYLE, action_button, activity_frame, keyboard_friendly_outputs, message_html
from .cards import CARDS, ROLE_PLAY_MINUTES
from .model import store
from .render import card_html, moves_html, progress_html, style_html

INTRO = ("<p>Each card is a hard situation a facilitator meets sooner or later. Draw one (or choose "
         "one), role-play it: one person facilitates, the others play the group. Then write down "
         "what you tried and press <em>Record what we tried</em> to see our suggested moves and "
         "the facilitation tasks they use. Everything is saved as you go.</p>")


def _button(description: str, css_class: str, tooltip: str, on_click) -> widgets.Button:
    return action_button(description, tooltip, on_click, css_class, "lc-hard-button")


class HardCardsView:
    def __init__(self, folder=None):
        self.store = store(folder)
        self.model, load_message = self.store.load()
        self._showing = False  # True while the controls are being set from the model
        self.group_mode = widgets.Checkbox(value=self.model.group_mode, indent=False,
                                           description="Group mode: the card in large text, for a projector")
        self.group_mode.add_class("lc-hard-group-toggle")
        self.group_mode.observe(lambda change: self._group(change["new"]), names="value")
        draw = _button("Draw a card", "lc-hard-draw", "Draw the next card at random (no repeats until "
                       "every card has come up)", self.draw)
        self.choose = widgets.Dropdown(options=[("Choose a card\u2026", None)]
                                       + [(f"{n}. {card.title}", card.key) for n, card in enumerate(CARDS, 1)],
                                       value=None, description="Or choose a situation", style=LABEL_STYLE)
        self.choose.add_class("lc-hard-choose")
        self.choose.observe(lambda change: self._choose(change["new"]), names="value")
        self.card = widgets.HTML()
        self.card.add_class("lc-hard-card-box")
        # The course's shared timer: it counts in the browser, so the role-play keeps time even
        # when the kernel is busy; a new card starts it over.
        self.timer = Timer(minutes=ROLE_PLAY_MINUTES, label=f"Role-play: {ROLE_PLAY_MINUTES} minutes")
        self.timer.add_class("lc-hard-timer")
        self.tried = widgets.Textarea(description="What we tried", style=LABEL_STYLE,
                                      layout=widgets.Layout(width="36em", max_width="100%", height="6em"),
                                      placeholder="What did the facilitator say or do? How did the group react?")
        self.tried.add_class("lc-hard-tried-text")
        self.tried.observe(lambda change: self._typed(change["new"]), names="value")
        record = _button("Record what we tried", "lc-hard-record",
                         "Keep what the group tried and see our suggested moves", self.record)
        reveal = _button("Show the suggested moves", "lc-hard-reveal",
                         "See our suggested moves without recording first", self.reveal)
        self.feedback = widgets.HTML()
        self.feedback.add_class("lc-hard-feedback")
        self.moves = widgets.HTML()
        self.moves.add_class("lc-hard-moves-box")
        self.progress = widgets.HTML()
        self.practice = widgets.VBox([self.timer, self.tried, widgets.HBox([record, reveal]), self.feedback,
                                      self.moves])
        body = [widgets.HTML(INTRO + style_html()), self.group_mode, widgets.HBox([draw, self.choose]),
                self.progress, self.card, self.practice]
        self.widget = activity_frame("When it gets hard", load_message, body, "lc-when-it-gets-hard",
                                     saved=self.store.state)
        self._show()

    # --- changes -------------------------------------------------------------------------------
    def _save(self) -> None:
        self.store.save(self.model)

    def _group(self, on: bool) -> None:
        if not self._showing:
            self.model.update(group_mode=bool(on))
            self._save()
            self._show()

    def draw(self) -> None:
        self.model.draw()
        self.feedback.value = ""
        self.timer.reset()
        self._save()
        self._show()

    def _choose(self, key) -> None:
        if self._showing or key is None:
            return
        self.model.choose(key)
        self.feedback.value = ""
        self.timer.reset()
        self._save()
        self._show()

    def _typed(self, text: str) -> None:
        card = self.model.card()
        if not self._showing and card is not None:
            self.model.set_draft(card.key, text)
            self._save()

    def _card_on_table(self):
        """The current card, or None (and a message) before any card is drawn or chosen."""
        card = self.model.card()
        if card is None:
            self.feedback.value = message_html("Draw or choose a card first.", "warning")
        return card

    def record(self) -> None:
        card = self._card_on_table()
        if card is None:
            return
        try:
            self.model.record(card.key, self.tried.value)
        except ValueError as error:  # nothing typed: the box keeps whatever it holds
            self.feedback.value = message_html(f"Not recorded: {error}.", "warning")
            return
        self.feedback.value = message_html("Recorded. Our suggested moves are below.", "success")
        self._save()
        self._show()

    def reveal(self) -> None:
        card = self._card_on_table()
        if card is None:
            return
        self.model.reveal(card.key)
        self._save()
        self._show()

    # --- showing the model ---------------------------------------------------------------------
    def _show(self) -> None:
        model, card = self.model, self.model.card()
        self._showing = True
        try:
            self.choose.value = None
            self.group_mode.value = model.group_mode
            self.tried.value = model.typed(card.key) if card else ""
        finally:
            self._showing = False
        self.card.value = card_html(card, projector=model.group_mode)
        self.timer.projector = model.group_mode
        self.moves.value = moves_html(model)
        self.progress.value = progress_html(model)
        self.practice.layout.display = None if card else "none"
        if model.group_mode:
            self.widget.add_class("lc-hard-group-mode")
        else:
            self.widget.remove_class("lc-hard-group-mode")


def activity(folder=None):
    """The widget for the notebook (and a helper so its controls work by keyboard in JupyterLab)."""
    keyboard_friendly_outputs()
    return HardCardsView(folder).widget


#: This activity's view, opened with a saved-work folder (``View(folder)``); the suite's saved-work
#: checks find every registered activity's view by this name.
View = HardCardsView
