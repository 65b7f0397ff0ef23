"""The widgets of "Plus/Delta": they only wire ipywidgets to the model."""
from __future__ import annotations

import ipywidgets as widgets

from ..download import data_link
from ..safe_text import shorten
from ..ui import LABEL_STYLE, activity_frame, heading, keyboard_friendly_outputs, message_html, messages_html
from .export import FILE_NAME, entries_csv
from .model import WEEKS, Entry, ImportReport, store
from .render import chart_html, summary_html, week_html

def _entry_label(number: int, entry: Entry) -> str:
    return f"{number}. {shorten(entry.shown_name(), 30)}: {shorten(entry.plus or entry.delta, 40)}"


class PlusDeltaView:
    """Week picker, an entry form, the week's entries, summary and chart, CSV out and in."""

    def __init__(self, folder=None):
        self.store = store(folder)
        self.model, load_message = self.store.load()
        text_layout = widgets.Layout(width="36em", max_width="100%")
        self.week = widgets.BoundedIntText(value=self.model.current_week, min=WEEKS[0], max=WEEKS[1],
                                           description="Week", style=LABEL_STYLE)
        self.name = widgets.Text(description="Name (optional)", style=LABEL_STYLE, layout=text_layout)
        self.plus = widgets.Textarea(description="Plus: what went well", style=LABEL_STYLE,
                                     layout=text_layout, rows=2)
        self.delta = widgets.Textarea(description="Delta: what to change", style=LABEL_STYLE,
                                      layout=text_layout, rows=2)
        self.add_button = widgets.Button(description="Add entry", icon="plus", button_style="primary",
                                         tooltip="Add this plus and delta to the week")
        self.form_message = widgets.HTML()
        self.week_entries = widgets.HTML()
        self.week_entries.add_class("lc-plus-delta-entries")
        self.remove_choice = widgets.Dropdown(description="Entry to remove", style=LABEL_STYLE,
                                              layout=widgets.Layout(width="36em", max_width="100%"))
        self.remove_button = widgets.Button(description="Remove entry", icon="trash", layout=widgets.Layout(width="auto"),
                                            tooltip="Remove the chosen entry from this week")
        self.summary = widgets.HTML()
        self.summary.add_class("lc-plus-delta-summary")
        self.chart = widgets.HTML()
        self.csv_button = widgets.Button(description="Make CSV file", icon="table",
                                         tooltip="Create a spreadsheet (CSV) of every entry")
        self.csv_link = widgets.HTML()
        self.upload = widgets.FileUpload(accept=".csv,text/csv", multiple=False, description="Import CSV",
                                         tooltip="Add entries from a plus/delta CSV file")
        self.import_report = widgets.HTML()
        self.import_report.add_class("lc-plus-delta-import-report")
        for control, css in ((self.week, "week"), (self.name, "name"), (self.plus, "plus"),
                             (self.delta, "delta"), (self.add_button, "add")):
            control.add_class(f"lc-plus-delta-{css}")
        # The form is committed by "Add entry": send its text when the learner leaves a box, not
        # per keystroke. Per-keystroke updates are throttled by the widget front end and a quick
        # Tab + Enter could reach the kernel before the last letters did.
        for box in (self.name, self.plus, self.delta):
            box.continuous_update = False
        self.week.observe(self._on_week, names="value")
        self.add_button.on_click(lambda _b: self.add_entry())
        self.remove_button.on_click(lambda _b: self.remove_entry())
        self.csv_button.on_click(lambda _b: self.make_csv())
        self.upload.observe(self._on_upload, names="value")
        body = [
            widgets.HTML("<p>At the end of the meeting, each person adds one plus and one delta. "
                         "Names are optional. Everything is saved as soon as it is added.</p>"),
            self.week, self.name, self.plus, self.delta, self.add_button, self.form_message,
            heading("This week's entries", 3), self.week_entries,
            widgets.HBox([self.remove_choice, self.remove_button]),
            heading("Across the weeks", 3), self.summary, self.chart,
            heading("Spreadsheet file", 3),
            widgets.HBox([self.csv_button, self.csv_link]),
            widgets.HBox([self.upload, self.import_report]),
        ]
        self.widget = activity_frame("Plus/Delta", load_message, body, "lc-plus-delta",
                                     saved=self.store.state)
        self._refresh()

    def _save(self) -> None:
        self.store.save(self.model)
        self.csv_link.value = ""  # a file made earlier no longer matches

    def _on_week(self, change) -> None:
        try:
            self.model.set_week(change["new"])
        except ValueError:
            return
        self._save()
        self._refresh()

    def add_entry(self) -> None:
        try:
            self.model.add(self.plus.value, self.delta.value, self.name.value)
        except ValueError as error:
            self.form_message.value = message_html(f"Not added: {error}.", "warning")
            return
        self._save()
        self.name.value = self.plus.value = self.delta.value = ""
        self.form_message.value = message_html(f"Added to week {self.model.current_week}.", "success")
        self._refresh()

    def remove_entry(self) -> None:
        position = self.remove_choice.value
        if position < 0:
            return
        self.model.remove(self.model.for_week(self.model.current_week)[position])
        self._save()
        self._refresh()

    def make_csv(self) -> bytes:
        content = entries_csv(self.model)
        self.csv_link.value = data_link(content, FILE_NAME, "text/csv",
                                        f"Save {FILE_NAME} ({len(self.model.entries)} entries)")
        return content

    def import_bytes(self, content: bytes) -> ImportReport:
        report = self.model.import_csv(content)
        if report.added:
            self._save()
        self.import_report.value = messages_html(report.messages())
        self._refresh()
        return report

    def _on_upload(self, change) -> None:
        files = change["new"]
        if not files:
            return
        self.import_bytes(bytes(files[0]["content"]))
        self.upload.value = ()  # the same file can be imported again after a fix

    def _refresh(self) -> None:
        week = self.model.current_week
        self.week_entries.value = week_html(self.model, week)
        found = self.model.for_week(week)
        # -1 for "nothing chosen": ipywidgets shows a None value as an empty box.
        self.remove_choice.options = [("(choose an entry)", -1)] + [
            (_entry_label(i + 1, e), i) for i, e in enumerate(found)]
        self.remove_choice.value = -1
        self.summary.value = summary_html(self.model)
        self.chart.value = chart_html(self.model)


def activity(folder=None):
    """The widget for the notebook (and a helper so its controls work by keyboard in JupyterLab)."""
    keyboard_friendly_outputs()
    return PlusDeltaView(folder).widget


#: This activity's view, opened with a saved-work folder (``View(folder)``); the suite's saved-work
#: checks find every registered activity's view by this name.
View = PlusDeltaView
