"""The widgets of "Plan your learning circle": they only wire ipywidgets to the model."""
from __future__ import annotations

import zoneinfo

import ipywidgets as widgets

from ..download import data_link
from ..ui import LABEL_STYLE, activity_frame, heading, keyboard_friendly_outputs, message_html, messages_html
from .export import plan_files
from .model import LIMITS, WEEKDAYS, store
from .render import agenda_html, heading_html, schedule_html

class PlanView:
    """Labelled inputs on top; guidance, schedule, agendas and file downloads below."""

    def __init__(self, folder=None):
        self.store = store(folder)
        self.plan, load_message = self.store.load()
        wide = widgets.Layout(width="32em", max_width="100%")
        p = self.plan
        self.inputs = {
            "start_date": widgets.DatePicker(value=p.start_date, description="Earliest start date"),
            "weekday": widgets.Dropdown(options=[(d, i) for i, d in enumerate(WEEKDAYS)], value=p.weekday,
                                        description="Meeting day"),
            "start_time": widgets.TimePicker(value=p.start_time, description="Start time"),
            "weeks": widgets.BoundedIntText(value=p.weeks, min=LIMITS["weeks"][0], max=LIMITS["weeks"][1],
                                            description="Number of weeks"),
            "minutes": widgets.BoundedIntText(value=p.minutes, min=LIMITS["minutes"][0],
                                              max=LIMITS["minutes"][1], step=5,
                                              description="Minutes per meeting"),
            "participants": widgets.BoundedIntText(value=p.participants, min=LIMITS["participants"][0],
                                                   max=LIMITS["participants"][1],
                                                   description="Expected participants"),
            "topic": widgets.Text(value=p.topic, description="Topic or course",
                                  placeholder="e.g. Introduction to web design", layout=wide),
            "course_link": widgets.Text(value=p.course_link, description="Course link (http or https)",
                                        placeholder="https://", layout=wide),
            "time_zone": widgets.Combobox(value=p.time_zone, description="Time zone (optional)",
                                          options=sorted(zoneinfo.available_timezones()),
                                          placeholder="e.g. Africa/Nairobi", ensure_option=False, layout=wide),
        }
        for name, control in self.inputs.items():
            control.style = LABEL_STYLE
            control.add_class(f"lc-plan-{name.replace('_', '-')}")
            control.observe(lambda change, n=name: self._on_change(n, change["new"]), names="value")
        self.input_problem = widgets.HTML()
        self.guidance = widgets.HTML()
        self.guidance.add_class("lc-plan-guidance")
        self.schedule_title = widgets.HTML()
        self.schedule = widgets.HTML()
        self.schedule.add_class("lc-plan-schedule")
        self.agenda = widgets.HTML()
        self.agenda.add_class("lc-plan-agenda")
        self.files_button = widgets.Button(description="Make calendar and spreadsheet files", icon="calendar",
                                           layout=widgets.Layout(width="auto"),
                                           tooltip="Create an .ics file for your calendar and a CSV of the schedule")
        self.files_button.on_click(lambda _b: self.make_files())
        self.files = widgets.HTML()
        body = [widgets.HTML("<p>Fill in your plan. Everything is saved as you type, and the "
                             "schedule and agendas below follow your changes.</p>"),
                widgets.VBox(list(self.inputs.values())), self.input_problem,
                heading("What the guidance says", 3), self.guidance,
                heading("Schedule", 3), self.schedule_title, self.schedule,
                heading("Agenda for each meeting", 3), self.agenda,
                heading("Take your plan with you", 3), widgets.HBox([self.files_button, self.files])]
        self.widget = activity_frame("Plan your learning circle", load_message, body, "lc-plan-your-circle",
                                     saved=self.store.state)
        self._refresh()

    def _on_change(self, name: str, value) -> None:
        if value is None:
            self.input_problem.value = message_html(
                "Please fill in the date and start time; your plan still uses the last ones you gave.", "warning")
            return
        try:
            self.plan.update(**{name: value})
        except ValueError as error:
            self.input_problem.value = message_html(f"That value was not used: {error}.", "warning")
            return
        self.input_problem.value = ""
        self.store.save(self.plan)
        self.files.value = ""  # files made earlier no longer match the plan
        self._refresh()

    def _refresh(self) -> None:
        self.guidance.value = messages_html([(g.kind, g.text) for g in self.plan.guidance()])
        self.schedule_title.value = heading_html(self.plan)
        self.schedule.value = schedule_html(self.plan)
        self.agenda.value = agenda_html(self.plan)

    def make_files(self) -> dict[str, bytes]:
        files = plan_files(self.plan)
        links = []
        for name, content in files.items():
            mime = "text/calendar" if name.endswith(".ics") else "text/csv"
            label = "Calendar file (.ics)" if name.endswith(".ics") else "Schedule (.csv)"
            links.append(data_link(content, name, mime, f"{label}: {name}"))
        self.files.value = "<ul>" + "".join(f"<li>{link}</li>" for link in links) + "</ul>"
        return files


def activity(folder=None):
    """The widget for the notebook (and a helper so its controls work by keyboard in JupyterLab)."""
    keyboard_friendly_outputs()
    return PlanView(folder).widget


#: This activity's view, opened with a saved-work folder (``View(folder)``); the suite's saved-work
#: checks find every registered activity's view by this name.
View = PlanView
