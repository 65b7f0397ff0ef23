"""The widgets of "Which network is which?": they only wire ipywidgets to the model."""
from __future__ import annotations

import ipywidgets as widgets

from ..ui import LABEL_STYLE, activity_frame, keyboard_friendly_outputs, message_html
from .model import CHOICES, diagram_title, store
from .render import drawing_html

_PLACEHOLDER = "(choose)"
_NO_ANSWER = ""


class WhichNetworkView:
    """Two drawings, a labelled dropdown under each, feedback as soon as an answer is picked."""

    def __init__(self, folder=None):
        self.store = store(folder)
        self.model, load_message = self.store.load()
        # "" rather than None for "no answer": ipywidgets treats a None value as "no option selected".
        options = [(_PLACEHOLDER, _NO_ANSWER)] + [(label, kind) for kind, label in CHOICES.items()]
        self.pictures = [widgets.HTML() for _ in (0, 1)]
        self.pickers = [widgets.Dropdown(options=options, description=f"{diagram_title(p)} shows",
                                         style=LABEL_STYLE, layout=widgets.Layout(width="auto"))
                        for p in (0, 1)]
        self.feedbacks = [widgets.HTML() for _ in (0, 1)]
        for position, picker in enumerate(self.pickers):
            picker.add_class(f"lc-which-network-picker-{position + 1}")
            self.feedbacks[position].add_class(f"lc-which-network-feedback-{position + 1}")
            picker.observe(lambda change, p=position: self._on_pick(p, change["new"]), names="value")
        self.summary = widgets.HTML()
        self.summary.add_class("lc-which-network-summary")
        self.retry_button = widgets.Button(description="Try again", icon="refresh",
                                           tooltip="Clear your answers and shuffle the diagrams")
        self.retry_button.add_class("lc-which-network-retry")
        self.retry_button.on_click(lambda _b: self.try_again())
        columns = [widgets.VBox([self.pictures[p], self.pickers[p], self.feedbacks[p]],
                                layout=widgets.Layout(width="50%", min_width="18em", padding="0 0.5em"))
                   for p in (0, 1)]
        intro = widgets.HTML(
            "<p>One of these drawings is a client/server network and the other is a peer-to-peer "
            "network. Which is which? Pick an answer under each drawing.</p>")
        self._updating = False
        self.widget = activity_frame(
            "Which network is which?", load_message,
            [intro, widgets.HBox(columns, layout=widgets.Layout(flex_flow="row wrap")),
             self.summary, self.retry_button], "lc-which-network", saved=self.store.state)
        self._refresh()

    def _on_pick(self, position: int, kind: str | None) -> None:
        if self._updating:
            return
        self.model.answer(position, kind or None)
        self.store.save(self.model)
        self._refresh()

    def try_again(self) -> None:
        self.model.try_again()
        self.store.save(self.model)
        self._refresh()

    def _refresh(self) -> None:
        self._updating = True
        try:
            for position in (0, 1):
                self.pickers[position].value = self.model.answers[position] or _NO_ANSWER
                self.pictures[position].value = drawing_html(self.model, position)
                fb = self.model.feedback(position)
                kind = {None: "info", True: "success", False: "warning"}[fb.correct]
                self.feedbacks[position].value = message_html(fb.text, kind)
            done = self.model.all_correct
            self.summary.value = message_html(self.model.summary(), "success" if done else "info")
        finally:
            self._updating = False


def activity(folder=None):
    """The widget for the notebook (and a helper so its controls work by keyboard in JupyterLab)."""
    keyboard_friendly_outputs()
    return WhichNetworkView(folder).widget


#: This activity's view, opened with a saved-work folder (``View(folder)``); the suite's saved-work
#: checks find every registered activity's view by this name.
View = WhichNetworkView
