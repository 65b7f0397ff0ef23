"""The widget view of "Ask your community": a row per topic, the tally and chart, the hand-over."""
from __future__ import annotations

import ipywidgets as widgets

from ..autosave import ActivityStore
from ..safe_text import shorten
from ..ui import LABEL_STYLE, activity_frame, heading, keyboard_friendly_outputs, message_html
from .model import ACTIVITY, MAX_VOTES, SCHEMA_VERSION, VoteBoard
from .render import chart_svg, tally_html

CHOOSER = "\u201cChoose a course\u201d"


def store(folder=None) -> ActivityStore[VoteBoard]:
    return ActivityStore(ACTIVITY, SCHEMA_VERSION, VoteBoard.from_dict, VoteBoard, folder)


class VoteBoardView:
    def __init__(self, folder=None):
        self.store = store(folder)
        self.model, load_message = self.store.load()
        self.new_topic = widgets.Text(description="New topic", placeholder="e.g. Public speaking",
                                      style=LABEL_STYLE, layout=widgets.Layout(width="30em", max_width="100%"))
        self.new_topic.add_class("lc-vote-new-topic")
        self.add_button = widgets.Button(description="Add topic", icon="plus", layout=widgets.Layout(width="auto"))
        self.add_button.add_class("lc-vote-add")
        self.add_button.on_click(lambda _b: self.add_topic())
        self.message = widgets.HTML()
        self.message.add_class("lc-vote-message")
        self.rows = widgets.VBox()
        self.result = widgets.HTML()
        self.result.add_class("lc-vote-result")
        self.tally = widgets.HTML()
        self.tally.add_class("lc-vote-tally-box")
        self.tie_pick = widgets.Dropdown(description="The group picked", style=LABEL_STYLE)
        self.tie_pick.add_class("lc-vote-tie-pick")
        self.hand_button = widgets.Button(description="Hand the top topic to Choose a course", icon="share",
                                          layout=widgets.Layout(width="auto"))
        self.hand_button.add_class("lc-vote-hand-over")
        self.hand_button.on_click(lambda _b: self.hand_over())
        self.handed = widgets.HTML()
        self.handed.add_class("lc-vote-handed")
        body = [widgets.HTML("<p>Put each topic on the board, then type the stickers counted for it, or "
                             "press <em>+1</em> for each vote as people give them. Everything is saved as "
                             "you go.</p>"),
                widgets.HBox([self.new_topic, self.add_button]), self.message,
                heading("Topics and votes", 3), self.rows,
                heading("The result", 3), self.result, self.tally,
                heading(f"Hand the top topic to {CHOOSER}", 3), self.tie_pick,
                widgets.HBox([self.hand_button]), self.handed]
        self.widget = activity_frame("Ask your community", load_message, body, "lc-ask-your-community",
                                     saved=self.store.state)
        self._rebuild_rows()

    # --- the learner's actions ------------------------------------------------------------------
    def add_topic(self) -> None:
        try:
            self.model.add_topic(self.new_topic.value)
        except ValueError as error:
            self.message.value = message_html(f"Not added: {error}.", "warning")
            return
        self.new_topic.value = ""
        self.message.value = ""
        self._saved_and_rebuilt()

    def remove_topic(self, index: int) -> None:
        self.model.remove_topic(index)
        self._saved_and_rebuilt()

    def set_votes(self, index: int, votes: int) -> None:
        self.model.set_votes(index, votes)  # the box's bounds keep the value in range
        self.store.save(self.model)
        self._refresh()

    def add_vote(self, index: int) -> None:
        if self.model.topics[index].votes >= MAX_VOTES:
            return
        self.model.add_vote(index)
        self.vote_boxes[index].value = self.model.topics[index].votes  # saves through set_votes

    def hand_over(self) -> None:
        pick = self.tie_pick.value if self.model.result().kind == "tie" else None
        try:
            handed = self.model.hand_over(pick)
        except ValueError as error:
            self.handed.value = message_html(f"Not handed over: {error}.", "warning")
            return
        self.store.save(self.model)
        self.handed.value = message_html(
            f"Handed over: \u201c{handed['topic']}\u201d ({handed['votes']} votes). Open {CHOOSER} "
            "to look for a course on it.", "success")

    # --- drawing --------------------------------------------------------------------------------
    def _saved_and_rebuilt(self) -> None:
        self.store.save(self.model)
        self._rebuild_rows()

    def _rebuild_rows(self) -> None:
        rows, self.vote_boxes = [], []
        for index, topic in enumerate(self.model.topics):
            label = shorten(topic.name, 60)
            votes = widgets.BoundedIntText(value=topic.votes, min=0, max=MAX_VOTES,
                                           description=f"Votes for {label}", style=LABEL_STYLE,
                                           layout=widgets.Layout(width="auto", max_width="100%"))
            votes.add_class("lc-vote-count")
            votes.observe(lambda change, i=index: self.set_votes(i, change["new"]), names="value")
            plus = widgets.Button(description="+1", tooltip=f"One more vote for {label}",
                                  layout=widgets.Layout(width="auto"))
            plus.add_class("lc-vote-plus")
            plus.on_click(lambda _b, i=index: self.add_vote(i))
            remove = widgets.Button(description="Remove", icon="trash", tooltip=f"Take {label} off the board",
                                    layout=widgets.Layout(width="auto"))
            remove.on_click(lambda _b, i=index: self.remove_topic(i))
            self.vote_boxes.append(votes)
            rows.append(widgets.HBox([votes, plus, remove]))
        self.rows.children = rows or [widgets.HTML("<p>No topics yet: add the first one above.</p>")]
        self._refresh()

    def _refresh(self) -> None:
        result = self.model.result()
        kind = {"winner": "success", "tie": "info"}.get(result.kind, "info")
        self.result.value = message_html(result.sentence, kind)
        self.tally.value = (tally_html(self.model) + chart_svg(self.model)) if self.model.topics else ""
        tie = result.kind == "tie"
        self.tie_pick.options = [(shorten(name, 60), name) for name in result.leaders] if tie else []
        self.tie_pick.layout.display = None if tie else "none"
        self.hand_button.disabled = result.kind not in ("winner", "tie")
        handed = self.model.handed_over
        if handed and not self.handed.value:
            self.handed.value = message_html(
                f"Last handed to {CHOOSER}: \u201c{handed['topic']}\u201d ({handed['votes']} votes).", "info")


def activity(folder=None):
    """The widget for the notebook (and a helper so its controls work by keyboard in JupyterLab)."""
    keyboard_friendly_outputs()
    return VoteBoardView(folder).widget


#: This activity's view, opened with a saved-work folder (``View(folder)``); the suite's saved-work
#: checks find every registered activity's view by this name.
View = VoteBoardView
