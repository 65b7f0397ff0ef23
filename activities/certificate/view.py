"""The widget view of "Your certificate": the name, the check of the checkpoints, the 90-day
plan and the printable certificate. It only wires widgets to the model, the check and render."""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import ipywidgets as widgets

from ..download import data_link
from ..ui import LABEL_STYLE, activity_frame, change_and_save, heading, keyboard_friendly_outputs, message_html
from .export import CERTIFICATE_NAME, PLAN_NAME, files
from .model import MAX_NAME, MAX_PLAN_TEXT, store
from .render import PLAN_DAYS, missing_html, status_html

#: Where a test or a hub can point the check at another copy of the checkpoints.
CHECKPOINTS_ENV = "LEARNING_CIRCLES_CHECKPOINTS_DIR"


def learner_checkpoints() -> Path:
    """The learner's copy of the checkpoints: beside the notebooks folder the notebook runs in
    (a checkout of the course, as on Binder), else the course's own folder."""
    if os.environ.get(CHECKPOINTS_ENV):
        return Path(os.environ[CHECKPOINTS_ENV])
    beside = Path.cwd().parent / "checkpoints" / "student"
    if beside.is_dir():
        return beside
    from cohort.checkpoints import STUDENT_ROOT

    return STUDENT_ROOT


def _text(description: str, value: str, css: str, limit: int) -> widgets.Text:
    box = widgets.Text(value=value, description=description, style=LABEL_STYLE,
                       layout=widgets.Layout(width="36em", max_width="100%"), continuous_update=False)
    box.add_class(f"lc-certificate-{css}")
    box.placeholder = f"at most {limit} characters"
    return box


class CertificateView:
    def __init__(self, folder=None, checkpoints: Path | None = None, today: date | None = None):
        self.store = store(folder)
        self.checkpoints = checkpoints
        self.today = today
        self.model, load_message = self.store.load()
        self.name = _text("Name on the certificate", self.model.name, "name", MAX_NAME)
        self.name.observe(lambda change: self._change(name=change["new"]), names="value")
        self.message = widgets.HTML()
        self.message.add_class("lc-certificate-message")
        self.check_button = widgets.Button(description="Check my checkpoints", icon="check",
                                           layout=widgets.Layout(width="auto"))
        self.check_button.add_class("lc-certificate-check")
        self.check_button.on_click(lambda _b: self.check())
        self.status = widgets.HTML()
        self.status.add_class("lc-certificate-status-box")
        first = self.model.first_circle
        self.first_circle = widgets.DatePicker(value=date.fromisoformat(first) if first else None,
                                               description="My first circle (run or co-facilitate) on",
                                               style=LABEL_STYLE)
        self.first_circle.add_class("lc-certificate-first")
        self.first_circle.observe(
            lambda change: self._change(first_circle=change["new"].isoformat() if change["new"] else ""), names="value")
        self.co_facilitator = _text("Together with", self.model.co_facilitator, "co", MAX_PLAN_TEXT)
        self.co_facilitator.observe(lambda change: self._change(co_facilitator=change["new"]), names="value")
        self.share_where = _text("Where I will share its plus/delta", self.model.share_where, "share", MAX_PLAN_TEXT)
        self.share_where.observe(lambda change: self._change(share_where=change["new"]), names="value")
        self.outcome = widgets.HTML()
        self.outcome.add_class("lc-certificate-outcome")
        self.make_button = widgets.Button(description="Make my certificate", icon="certificate",
                                          layout=widgets.Layout(width="auto"))
        self.make_button.add_class("lc-certificate-make")
        self.make_button.on_click(lambda _b: self.make_files())
        self.files = widgets.HTML()
        self.files.add_class("lc-certificate-files")
        body = [widgets.HTML("<p>Check your checkpoints, write down your next steps, then print your "
                             "certificate. Everything is saved as you go.</p>"),
                heading("Your name", 3), self.name, self.message,
                heading("Your checkpoints", 3), widgets.HBox([self.check_button]), self.status,
                heading(f"Your next {PLAN_DAYS} days", 3), self.first_circle, self.co_facilitator, self.share_where,
                heading("Your certificate", 3), self.outcome, widgets.HBox([self.make_button]), self.files]
        self.widget = activity_frame("Your certificate", load_message, body, "lc-certificate", saved=self.store.state)
        self._refresh()

    def _change(self, **changes) -> None:
        if change_and_save(self.model, self.store, self.message, **changes):
            self.message.value = ""
            self.files.value = ""
            self._refresh()

    def check(self) -> None:
        """Validate every checkpoint notebook (a few seconds each, in fresh kernels)."""
        from .eligibility import check_all  # nbgrader is imported only when the learner asks

        self.check_button.disabled = True
        self.status.value = message_html("Checking your checkpoints: this takes a few seconds each\u2026", "info")
        try:
            results = check_all(self.checkpoints or learner_checkpoints())
            self.model.record_check(results, self.today or date.today())
            self.store.save(self.model)
        finally:
            self.check_button.disabled = False
        self.files.value = ""
        self._refresh()

    def _refresh(self) -> None:
        self.status.value = status_html(self.model.results, self.model.checked_on)
        if self.model.eligible:
            self.outcome.value = message_html("Every checkpoint is done: your certificate is ready to print.", "success")
        else:
            self.outcome.value = missing_html(self.model.missing())
        self.make_button.description = "Make my certificate" if self.model.eligible else f"Make my {PLAN_DAYS}-day plan"

    def make_files(self) -> dict[str, bytes]:
        made = files(self.model)
        links = [data_link(made[PLAN_NAME], PLAN_NAME, "text/csv", f"My {PLAN_DAYS}-day plan (spreadsheet, .csv)")]
        if CERTIFICATE_NAME in made:
            links.insert(0, data_link(made[CERTIFICATE_NAME], CERTIFICATE_NAME, "text/html",
                                      "My certificate (open it, then print it or save it as PDF)"))
        self.files.value = "<ul>" + "".join(f"<li>{link}</li>" for link in links) + "</ul>"
        return made


def activity(folder=None):
    """The widget for the notebook (and a helper so its controls work by keyboard in JupyterLab)."""
    keyboard_friendly_outputs()
    return CertificateView(folder).widget


#: This activity's view, opened with a saved-work folder (``View(folder)``); the suite's saved-work
#: checks find every registered activity's view by this name.
View = CertificateView
