"""The widget view of "Get ready": where the dates come from, the dated checklist, the files."""
from __future__ import annotations

from datetime import date

import ipywidgets as widgets

from ..autosave import ActivityStore
from ..download import data_link
from ..ui import LABEL_STYLE, activity_frame, change_and_save, heading, keyboard_friendly_outputs, message_html, messages_html
from .export import ICS_NAME, PAGE_NAME, files, long_date
from .model import ACTIVITY, MAX_WEEKS, SCHEMA_VERSION, Countdown, checklist, read_plan


def store(folder=None) -> ActivityStore[Countdown]:
    return ActivityStore(ACTIVITY, SCHEMA_VERSION, Countdown.from_dict, Countdown, folder)


def item_label(item) -> str:
    late = "Overdue, do it now: " if item.late == "overdue" else ""
    return f"{long_date(item.due)}: {late}{item.text}"


class CountdownView:
    def __init__(self, folder=None, today: date | None = None):
        self.store = store(folder)
        self.today = today or date.today()
        self._plan_problem: str | None = None  # why the plan could not be read, if so
        self.model, load_message = self.store.load()
        self.source = widgets.RadioButtons(
            options=[("From my plan (\u201cPlan your learning circle\u201d)", "plan"), ("Typed here", "typed")],
            value=self.model.source, description="Where the dates come from", style=LABEL_STYLE)
        self.source.add_class("lc-countdown-source")
        self.source.observe(lambda change: self._change(source=change["new"]), names="value")
        self.read_plan_button = widgets.Button(description="Read my plan again", icon="refresh",
                                               layout=widgets.Layout(width="auto"))
        self.read_plan_button.on_click(lambda _b: self.read_plan())
        self.plan_note = widgets.HTML()
        self.plan_note.add_class("lc-countdown-plan")
        typed = self.model.typed_first
        self.first = widgets.DatePicker(value=date.fromisoformat(typed) if typed else None,
                                        description="First meeting", style=LABEL_STYLE)
        self.first.add_class("lc-countdown-first")
        self.first.observe(lambda change: self._change(typed_first=change["new"].isoformat() if change["new"] else ""),
                           names="value")
        self.weeks = widgets.BoundedIntText(value=self.model.typed_weeks, min=1, max=MAX_WEEKS,
                                            description="Weekly meetings", style=LABEL_STYLE)
        self.weeks.observe(lambda change: self._change(typed_weeks=change["new"]), names="value")
        self.time = widgets.Text(value=self.model.typed_time, description="Time (HH:MM)", style=LABEL_STYLE)
        self.time.observe(lambda change: self._change(typed_time=change["new"].strip()), names="value")
        self.message = widgets.HTML()
        self.message.add_class("lc-countdown-message")
        self.items = widgets.VBox()
        self.items.add_class("lc-countdown-items")
        self.make_button = widgets.Button(description="Make my calendar file and printable checklist",
                                          icon="calendar", layout=widgets.Layout(width="auto"))
        self.make_button.add_class("lc-countdown-make")
        self.make_button.on_click(lambda _b: self.make_files())
        self.files = widgets.HTML()
        self.files.add_class("lc-countdown-files")
        body = [widgets.HTML("<p>Your checklist runs from six weeks before the first meeting to after the "
                             "last one. Tick what you have done: it is saved as you go.</p>"),
                heading("When the circle starts", 3), self.source, widgets.HBox([self.read_plan_button]),
                self.plan_note, self.first, self.weeks, self.time,
                heading("Your checklist", 3), self.message, self.items,
                heading("Take it with you", 3), widgets.HBox([self.make_button]), self.files]
        self.widget = activity_frame("Get ready", load_message, body, "lc-get-ready", saved=self.store.state)
        if self.model.source == "plan":
            self.read_plan()
        else:
            self._refresh()

    def read_plan(self) -> None:
        schedule, problem = read_plan(self.store.state.location)
        self._plan_problem = problem
        if schedule is not None:
            self._change(plan_first=schedule.first.isoformat(), plan_weeks=schedule.weeks,
                         plan_time=schedule.starts_at.strftime("%H:%M"))
        else:
            self._refresh()

    def _change(self, **changes) -> None:
        if change_and_save(self.model, self.store, self.message, **changes):
            self.files.value = ""
            self._refresh()

    def tick(self, item_id: str, done: bool) -> None:
        self.model.tick(item_id, done)
        self.store.save(self.model)
        self.files.value = ""

    def _refresh(self) -> None:
        from_plan = self.model.source == "plan"
        self.read_plan_button.disabled = not from_plan
        for box in (self.first, self.weeks, self.time):
            box.disabled = from_plan
        problem = self._plan_problem if from_plan else None
        schedule = self.model.schedule()
        if from_plan and schedule is not None:
            self.plan_note.value = (message_html(problem, "warning") if problem else "") + (
                f"<p>From your plan: first meeting {long_date(schedule.first)} at "
                f"{schedule.starts_at:%H:%M}, {schedule.weeks} weekly meetings.</p>")
        else:
            self.plan_note.value = message_html(problem, "warning") if problem else ""
        if schedule is None:
            self.message.value = message_html("No first meeting yet: make a plan, or choose \u201cTyped here\u201d "
                                              "and pick the date.", "info")
            self.items.children = []
            self.make_button.disabled = True
            return
        result = checklist(schedule, self.today)
        self.message.value = messages_html(list(result.notes))
        self.make_button.disabled = not result.items
        boxes = []
        for item in result.items:
            box = widgets.Checkbox(value=item.id in self.model.done, description=item_label(item), indent=False,
                                   layout=widgets.Layout(width="auto", max_width="100%"))
            box.add_class("lc-countdown-item")
            if item.late == "overdue":
                box.add_class("lc-countdown-overdue")
            box.observe(lambda change, i=item.id: self.tick(i, change["new"]), names="value")
            boxes.append(box)
        self.items.children = boxes

    def make_files(self) -> dict[str, bytes]:
        made = files(self.model, self.today)
        if made:
            self.files.value = ("<ul><li>" + data_link(made[ICS_NAME], ICS_NAME, "text/calendar",
                                                        "Calendar file of to-dos (.ics)") + "</li><li>"
                                + data_link(made[PAGE_NAME], PAGE_NAME, "text/html",
                                            "Printable checklist (open it, then print)") + "</li></ul>")
        return made


def activity(folder=None):
    """The widget for the notebook (and a helper so its controls work by keyboard in JupyterLab)."""
    keyboard_friendly_outputs()
    return CountdownView(folder).widget


#: This activity's view, opened with a saved-work folder (``View(folder)``); the suite's saved-work
#: checks find every registered activity's view by this name.
View = CountdownView
