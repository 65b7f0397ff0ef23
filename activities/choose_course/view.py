"""The widgets of "Choose a course": a thin view that only wires controls to ``CourseChoice``.

One form edits the course picked in "Course to edit" (fewer controls to tab through than six
forms); reasons, the ranking and the hand-over to the planner follow every change.
"""
from __future__ import annotations

import ipywidgets as widgets

from activities.download import data_link
from activities.safe_text import shorten
from activities.ui import LABEL_STYLE, activity_frame, heading, keyboard_friendly_outputs, message_html

from . import render
from .export import csv_file
from .handover import community_topic, plan_window, send_to_plan
from .model import KINDS, MAX_CANDIDATES, MAX_HOURS, RATING_RANGE, RATINGS, store

_WIDE = {"width": "32em", "max_width": "100%"}
# A drop-down's value None means "nothing selected" in ipywidgets, so "none yet" needs a value.
_NONE_YET = -1


class ChooseCourseView:
    def __init__(self, folder=None):
        self.folder = folder
        self.store = store(folder)
        self.model, load_message = self.store.load()
        self._loading = False
        self.editing = widgets.Dropdown(description="Course to edit", style=LABEL_STYLE)
        self.editing.observe(lambda _c: self._show_course(), names="value")
        self.add_button = widgets.Button(description="Add a course", icon="plus",
                                         layout=widgets.Layout(width="auto"))
        self.add_button.on_click(lambda _b: self._add())
        self.remove_button = widgets.Button(description="Remove this course", icon="trash",
                                            layout=widgets.Layout(width="auto"))
        self.remove_button.on_click(lambda _b: self._remove())
        low, high = RATING_RANGE
        self.fields = {
            "title": widgets.Text(description="Course title", layout=widgets.Layout(**_WIDE)),
            "link": widgets.Text(description="Link (http or https)", placeholder="https://",
                                 layout=widgets.Layout(**_WIDE)),
            "kind": widgets.Dropdown(description="Kind of course", options=[(v, k) for k, v in KINDS.items()]),
            "licence": widgets.Text(description="Licence", placeholder="e.g. CC BY 4.0, or none stated",
                                    layout=widgets.Layout(**_WIDE)),
            "free_for_participants": widgets.Checkbox(description="Free for participants"),
            "organisation_licence": widgets.Checkbox(
                description="Our library or organisation already pays for a licence"),
            "schedule": widgets.Dropdown(description="When", options=[("Self-paced", "self-paced"),
                                                                       ("Fixed dates", "fixed")]),
            "starts": widgets.DatePicker(description="Course starts (fixed dates)"),
            "ends": widgets.DatePicker(description="Course ends (fixed dates)"),
            "hours_a_week": widgets.BoundedFloatText(description="Hours a week it asks", min=0,
                                                     max=MAX_HOURS, step=0.5),
            "needs": widgets.Text(description="Needs beyond a browser and a word processor",
                                  placeholder="e.g. a webcam, paid software; blank if nothing",
                                  layout=widgets.Layout(**_WIDE)),
            "language": widgets.Text(description="Language", layout=widgets.Layout(**_WIDE)),
        }
        self.ratings = {name: widgets.Dropdown(description=f"{name.capitalize()} ({low}\u2013{high})",
                                               options=list(range(low, high + 1))) for name in RATINGS}
        for name, control in {**self.fields, **{f"rating-{n}": c for n, c in self.ratings.items()}}.items():
            control.style = LABEL_STYLE
            control.add_class(f"lc-choose-{name.replace('_', '-')}")
            control.observe(lambda change, n=name: self._on_change(n, change["new"]), names="value")
        self.hours_limit = widgets.BoundedFloatText(
            value=self.model.hours_limit, min=0.5, max=MAX_HOURS, step=0.5, style=LABEL_STYLE,
            description="Hours a week the group can give")
        self.hours_limit.add_class("lc-choose-hours-limit")
        self.hours_limit.observe(lambda change: self._set_limit(change["new"]), names="value")
        self.problem = widgets.HTML()
        self.problem.add_class("lc-choose-problem")
        self.community, self.plan, self.summary = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.community.add_class("lc-choose-community-topic")
        self.reasons, self.ranking = widgets.HTML(), widgets.HTML()
        self.reasons.add_class("lc-choose-reasons")
        self.ranking.add_class("lc-choose-ranking-box")
        self.chosen = widgets.Dropdown(description="The course we choose", style=LABEL_STYLE)
        self.chosen.add_class("lc-choose-chosen")
        self.chosen.observe(lambda change: self._choose(change["new"]), names="value")
        self.send_button = widgets.Button(description="Use this course in my plan", icon="share",
                                          layout=widgets.Layout(width="auto"),
                                          tooltip="Put its title and link into \u201cPlan your learning circle\u201d")
        self.send_button.add_class("lc-choose-send")
        self.send_button.on_click(lambda _b: self.send())
        self.sent = widgets.HTML()
        self.sent.add_class("lc-choose-sent")
        self.csv_button = widgets.Button(description="Make a spreadsheet (.csv)", icon="table",
                                         layout=widgets.Layout(width="auto"))
        self.csv_button.on_click(lambda _b: self.make_csv())
        self.csv_link = widgets.HTML()
        body = [self.community, self.plan,
                widgets.HTML("<p>List up to six courses and rate each one. Everything is saved as "
                             "you type; the reasons and the ranking below follow your changes.</p>"),
                widgets.HBox([self.editing, self.add_button, self.remove_button]), self.summary,
                widgets.VBox(list(self.fields.values())), heading("Your ratings", 3),
                widgets.VBox(list(self.ratings.values())), self.problem, self.hours_limit,
                heading("Reasons", 3), self.reasons, heading("Ranking", 3), self.ranking,
                heading("Your choice", 3), self.chosen, self.send_button, self.sent,
                widgets.HBox([self.csv_button, self.csv_link])]
        self.widget = activity_frame("Choose a course", load_message, body, "lc-choose-a-course",
                                     saved=self.store.state)
        self._refresh_lists(0)

    # --- events ------------------------------------------------------------------------------
    @property
    def index(self) -> int:
        return self.editing.value or 0

    def _on_change(self, name: str, value) -> None:
        if self._loading:
            return
        try:
            if name.startswith("rating-"):
                self.model.rate(self.index, name.removeprefix("rating-"), value)
            else:
                self.model.update(self.index, **{name: value})
        except ValueError as error:
            self.problem.value = message_html(f"That value was not used: {error}. Everything "
                                              "else is kept.", "warning")
            return
        self.problem.value = ""
        self._saved_and_refreshed()

    def _set_limit(self, value) -> None:
        try:
            self.model.set_hours_limit(value)
        except ValueError as error:
            self.problem.value = message_html(f"That limit was not used: {error}.", "warning")
            return
        self._saved_and_refreshed()

    def _add(self) -> None:
        try:
            self.model.add()
        except ValueError as error:
            self.problem.value = message_html(str(error).capitalize() + ".", "warning")
            return
        self._saved_and_refreshed(len(self.model.candidates) - 1)

    def _remove(self) -> None:
        try:
            self.model.remove(self.index)
        except ValueError as error:
            self.problem.value = message_html(str(error).capitalize() + ".", "warning")
            return
        self._saved_and_refreshed(min(self.index, len(self.model.candidates) - 1))

    def _choose(self, value) -> None:
        if not self._loading:
            self.model.choose(None if value == _NONE_YET else value)
            self.store.save(self.model)
            self.sent.value = ""

    def send(self) -> None:
        index = self.chosen.value
        if index in (None, _NONE_YET):
            self.sent.value = message_html("Choose a course first.", "warning")
            return
        try:
            text = send_to_plan(self.model.candidates[index], self.folder)
        except ValueError as error:
            self.sent.value = message_html(f"Not sent to your plan: {error}.", "warning")
            return
        self.sent.value = message_html(text, "success")
        if any(r.kind == "dealbreaker" for r in self.model.reasons(plan_window(self.folder))[index]):
            self.sent.value += message_html(
                "This course has a dealbreaker (see its reasons above): sort that out before the "
                "circle starts, or choose another course.", "warning")

    def make_csv(self) -> bytes:
        content = csv_file(self.model, plan_window(self.folder))
        self.csv_link.value = data_link(content, "choose-a-course.csv", "text/csv",
                                        "Spreadsheet (.csv): choose-a-course.csv")
        return content

    # --- showing the model ---------------------------------------------------------------------
    def _saved_and_refreshed(self, editing: int | None = None) -> None:
        self.store.save(self.model)
        self.csv_link.value = ""  # a file made earlier no longer matches
        self._refresh_lists(self.index if editing is None else editing)

    def _refresh_lists(self, editing: int) -> None:
        labels = [(f"{n}. {shorten(c.label(), 40)}", n - 1) for n, c in enumerate(self.model.candidates, 1)]
        plan = plan_window(self.folder)
        self._loading = True
        try:
            self.editing.options = labels
            self.editing.value = editing
            self.chosen.options = [("(none yet)", _NONE_YET), *labels]
            self.chosen.value = _NONE_YET if self.model.chosen is None else self.model.chosen
        finally:
            self._loading = False
        self.add_button.disabled = len(self.model.candidates) >= MAX_CANDIDATES
        self.remove_button.disabled = len(self.model.candidates) <= 1
        self.community.value = render.community_html(community_topic(self.folder))
        self.plan.value = render.plan_html(plan)
        self.reasons.value = render.all_reasons_html(self.model, plan)
        self.ranking.value = render.ranking_html(self.model, plan)
        self._show_course()

    def _show_course(self) -> None:
        if self._loading:
            return
        course = self.model.candidates[self.index]
        self._loading = True
        try:
            for name, control in self.fields.items():
                control.value = getattr(course, name)
            for name, control in self.ratings.items():
                control.value = course.ratings[name]
        finally:
            self._loading = False
        self.summary.value = render.course_summary_html(self.model, self.index)


def activity(folder=None):
    """The widget for the notebook (and the helper that lets its controls keep their keys)."""
    keyboard_friendly_outputs()
    return ChooseCourseView(folder).widget


#: This activity's view, opened with a saved-work folder (``View(folder)``); the suite's saved-work
#: checks find every registered activity's view by this name.
View = ChooseCourseView
