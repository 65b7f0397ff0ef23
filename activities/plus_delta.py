""""Plus/Delta": at the end of each meeting everyone gives one plus (what went well) and one delta
(what to change next time); names are optional. Entries are kept per week, summarised with pandas,
charted across weeks and exported to / imported from CSV.

CSV format (also read by the trainers' cohort dashboard): a header row ``week,name,plus,delta``,
then one row per entry; UTF-8 with a byte-order mark so spreadsheet programs read it correctly.
Cells a spreadsheet would run as a formula (starting with = + - @ tab or carriage return) get a
leading ``'``, which import removes again, so a round trip gives back exactly what was typed.

Model: :class:`PlusDelta`. View: :class:`PlusDeltaView`.
"""
from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import asdict, dataclass, field

from .autosave import ActivityStore
from .charts import Series, grouped_bars
from .safe_text import csv_cell, csv_uncell, html_text

ACTIVITY = "plus-delta"
SCHEMA_VERSION = 1
CSV_COLUMNS = ["week", "name", "plus", "delta"]
REQUIRED_COLUMNS = {"week", "plus", "delta"}
WEEKS = (1, 52)
MAX_IMPORT_BYTES = 5_000_000


def _is_blank(text: str) -> bool:
    return not text.strip()


@dataclass(frozen=True)
class Entry:
    week: int
    name: str
    plus: str
    delta: str

    @classmethod
    def checked(cls, week, name, plus, delta) -> "Entry":
        if isinstance(week, bool) or not isinstance(week, int) or not WEEKS[0] <= week <= WEEKS[1]:
            raise ValueError(f"the week must be a whole number from {WEEKS[0]} to {WEEKS[1]}")
        for label, text in (("name", name), ("plus", plus), ("delta", delta)):
            if not isinstance(text, str):
                raise ValueError(f"the {label} must be text")
        if _is_blank(plus) and _is_blank(delta):
            raise ValueError("write a plus, a delta, or both")
        return cls(week, name, plus, delta)

    def shown_name(self) -> str:
        return self.name if not _is_blank(self.name) else "(no name)"


@dataclass
class ImportReport:
    added: int = 0
    duplicates: int = 0
    problems: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    def messages(self) -> list[tuple[str, str]]:
        """``(kind, text)`` lines for the learner; the texts hold file content, so escape them."""
        out = []
        if self.added or not self.problems:
            out.append(("success" if self.added else "info",
                        f"{self.added} entr{'y' if self.added == 1 else 'ies'} imported."))
        if self.duplicates:
            many = self.duplicates != 1
            out.append(("info", f"{self.duplicates} row{'s' if many else ''} {'were' if many else 'was'} "
                                f"already in your entries and {'were' if many else 'was'} not added again."))
        if self.ignored_columns:
            out.append(("info", "These columns are not part of a plus/delta file and were not imported: "
                        + ", ".join(self.ignored_columns)))
        out += [("warning", problem) for problem in self.problems]
        return out


def _preview(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "\u2026")


@dataclass
class PlusDelta:
    entries: list[Entry] = field(default_factory=list)
    current_week: int = 1

    @classmethod
    def new(cls) -> "PlusDelta":
        return cls()

    # --- entries ----------------------------------------------------------------------------
    def add(self, plus: str, delta: str, name: str = "", week: int | None = None) -> Entry:
        entry = Entry.checked(self.current_week if week is None else week, name, plus, delta)
        self.entries.append(entry)
        return entry

    def remove(self, entry: Entry) -> None:
        self.entries.remove(entry)

    def set_week(self, week: int) -> None:
        if isinstance(week, bool) or not isinstance(week, int) or not WEEKS[0] <= week <= WEEKS[1]:
            raise ValueError(f"the week must be a whole number from {WEEKS[0]} to {WEEKS[1]}")
        self.current_week = week

    def for_week(self, week: int) -> list[Entry]:
        return [e for e in self.entries if e.week == week]

    def weeks(self) -> list[int]:
        return sorted({e.week for e in self.entries})

    # --- summary and chart ------------------------------------------------------------------
    def summary(self):
        """One row per week: how many people gave an entry, how many pluses and deltas, named."""
        import pandas as pd

        columns = ["Week", "Entries", "Pluses", "Deltas", "With a name"]
        rows = []
        for week in self.weeks():
            found = self.for_week(week)
            rows.append([week, len(found), sum(not _is_blank(e.plus) for e in found),
                         sum(not _is_blank(e.delta) for e in found), sum(not _is_blank(e.name) for e in found)])
        return pd.DataFrame(rows, columns=columns)

    def chart_description(self) -> str:
        frame = self.summary()
        if frame.empty:
            return "No entries yet, so there is nothing to chart."
        parts = [f"week {r.Week}: {r.Pluses} plus{'es' if r.Pluses != 1 else ''} and "
                 f"{r.Deltas} delta{'s' if r.Deltas != 1 else ''}" for r in frame.itertuples()]
        return "Bar chart of the pluses and deltas given each week. " + "; ".join(parts) + "."

    def chart_svg(self) -> str | None:
        """Pluses and deltas per week as an accessible SVG bar chart (``None`` with no entries)."""
        frame = self.summary()
        if frame.empty:
            return None
        return grouped_bars(
            [f"Week {week}" for week in frame["Week"]],
            [Series("Pluses", tuple(int(n) for n in frame["Pluses"]), "#1d4f91"),
             Series("Deltas", tuple(int(n) for n in frame["Deltas"]), "#f0b64d", hatched=True)],
            title="Pluses and deltas per week", summary=self.chart_description(), value_label="Entries",
            css_class="lc-plus-delta-svg")

    def chart_html(self) -> str:
        svg = self.chart_svg()
        description = html_text(self.chart_description())
        if svg is None:
            return f"<p>{description}</p>"
        # The summary table above the chart holds the same figures for anyone who cannot see it.
        return f'<figure class="lc-plus-delta-chart">{svg}<figcaption>{description}</figcaption></figure>'

    def week_html(self, week: int) -> str:
        found = self.for_week(week)
        if not found:
            return f"<p>No entries for week {week} yet.</p>"
        rows = "".join(
            f'<tr><th scope="row">{html_text(e.shown_name())}</th>'
            f'<td dir="auto" style="white-space:pre-wrap">{html_text(e.plus)}</td>'
            f'<td dir="auto" style="white-space:pre-wrap">{html_text(e.delta)}</td></tr>' for e in found)
        return (f'<table class="lc-plus-delta-week"><caption>Week {week}: {len(found)} '
                f'entr{"y" if len(found) == 1 else "ies"}</caption><thead><tr><th scope="col">Name</th>'
                f'<th scope="col">Plus (went well)</th><th scope="col">Delta (change next time)</th>'
                f"</tr></thead><tbody>{rows}</tbody></table>")

    # --- CSV --------------------------------------------------------------------------------
    def to_csv(self) -> str:
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for e in sorted(self.entries, key=lambda e: e.week):  # stable: keeps order within a week
            writer.writerow([e.week, csv_cell(e.name), csv_cell(e.plus), csv_cell(e.delta)])
        return out.getvalue()

    def csv_bytes(self) -> bytes:
        return self.to_csv().encode("utf-8-sig")

    def import_csv(self, content: bytes | str) -> ImportReport:
        """Add the entries of a CSV file; bad rows are reported and skipped, never half-added."""
        report = ImportReport()
        if isinstance(content, bytes):
            if len(content) > MAX_IMPORT_BYTES:
                report.problems.append(f"The file is larger than {MAX_IMPORT_BYTES // 1_000_000} MB; nothing was imported.")
                return report
            try:
                content = content.decode("utf-8-sig")
            except UnicodeDecodeError:
                report.problems.append("The file is not UTF-8 text. Save it from your spreadsheet as "
                                       "\u201cCSV UTF-8\u201d and try again; nothing was imported.")
                return report
        elif content.startswith("\ufeff"):
            content = content[1:]
        try:
            rows = list(csv.reader(io.StringIO(content, newline="")))
        except csv.Error as error:
            report.problems.append(f"The file could not be read as CSV ({error}); nothing was imported.")
            return report
        if not rows:
            report.problems.append("The file is empty; nothing was imported.")
            return report
        header = [cell.strip().lower() for cell in rows[0]]
        missing = sorted(REQUIRED_COLUMNS - set(header))
        if missing:
            report.problems.append(
                "The first row must name the columns week, name (optional), plus and delta; "
                f"missing: {', '.join(missing)}. Nothing was imported.")
            return report
        duplicated = sorted({c for c in header if header.count(c) > 1 and c in CSV_COLUMNS})
        if duplicated:
            report.problems.append(f"These columns appear twice: {', '.join(duplicated)}. Nothing was imported.")
            return report
        report.ignored_columns = [_preview(c) for c in rows[0] if c.strip().lower() not in CSV_COLUMNS]
        index = {name: header.index(name) for name in CSV_COLUMNS if name in header}
        # Matched as a multiset: two people may give the very same plus and delta in one week,
        # and both must be kept; only rows already present (as many times) count as duplicates.
        known = Counter(self.entries)
        new_entries = []
        for number, row in enumerate(rows[1:], start=2):
            if not any(cell.strip() for cell in row):
                continue  # blank line
            if len(row) != len(header):
                report.problems.append(f"Row {number} has {len(row)} cells but the first row names "
                                       f"{len(header)} columns; it was skipped.")
                continue
            week_text = row[index["week"]].strip()
            try:
                week = int(csv_uncell(week_text))
            except ValueError:
                report.problems.append(f"Row {number}: the week {_preview(week_text)} is not a whole "
                                       "number; the row was skipped.")
                continue
            name = csv_uncell(row[index["name"]]) if "name" in index else ""
            try:
                entry = Entry.checked(week, name, csv_uncell(row[index["plus"]]), csv_uncell(row[index["delta"]]))
            except ValueError as error:
                report.problems.append(f"Row {number}: {error}; the row was skipped.")
                continue
            if known[entry] > 0:
                known[entry] -= 1
                report.duplicates += 1
                continue
            new_entries.append(entry)
        self.entries.extend(new_entries)
        report.added = len(new_entries)
        return report

    # --- saving -----------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {"current_week": self.current_week, "entries": [asdict(e) for e in self.entries]}

    @classmethod
    def from_dict(cls, data: dict) -> "PlusDelta":
        entries = data["entries"]
        if not isinstance(entries, list):
            raise ValueError("the saved entries are not a list")
        model = cls(entries=[Entry.checked(e["week"], e["name"], e["plus"], e["delta"]) for e in entries])
        model.set_week(data.get("current_week", 1))
        return model


def store(folder=None) -> ActivityStore[PlusDelta]:
    return ActivityStore(ACTIVITY, SCHEMA_VERSION, PlusDelta.from_dict, PlusDelta.new, folder)


def exports(data: dict) -> dict[str, bytes]:
    return {"plus-delta.csv": PlusDelta.from_dict(data).csv_bytes()}


# --- view -------------------------------------------------------------------------------------
def _entry_label(number: int, entry: Entry) -> str:
    return f"{number}. {' '.join(entry.shown_name().split())[:30]}: {' '.join((entry.plus or entry.delta).split())[:40]}"


class PlusDeltaView:
    """Week picker, an entry form, the week's entries, summary and chart, CSV out and in."""

    def __init__(self, folder=None):
        import ipywidgets as widgets

        from .ui import LABEL_STYLE, activity_frame, heading

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
        from .ui import message_html

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
        from .download import data_link

        content = self.model.csv_bytes()
        self.csv_link.value = data_link(content, "plus-delta.csv", "text/csv",
                                        f"Save plus-delta.csv ({len(self.model.entries)} entries)")
        return content

    def import_bytes(self, content: bytes) -> ImportReport:
        from .ui import messages_html

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
        self.week_entries.value = self.model.week_html(week)
        found = self.model.for_week(week)
        # -1 for "nothing chosen": ipywidgets shows a None value as an empty box.
        self.remove_choice.options = [("(choose an entry)", -1)] + [
            (_entry_label(i + 1, e), i) for i, e in enumerate(found)]
        self.remove_choice.value = -1
        frame = self.model.summary()
        self.summary.value = (frame.to_html(index=False, escape=True, border=0, classes="lc-summary-table")
                              if not frame.empty else "<p>No entries yet.</p>")
        self.chart.value = self.model.chart_html()


def activity(folder=None):
    """The widget for the notebook (and a helper so its controls work by keyboard in JupyterLab)."""
    from .ui import keyboard_friendly_outputs

    keyboard_friendly_outputs()
    return PlusDeltaView(folder).widget
