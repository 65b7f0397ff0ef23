""""Plus/Delta": at the end of each meeting everyone gives one plus (what went well) and one delta
(what to change next time); names are optional. Entries are kept per week, summarised with pandas,
charted across weeks and exported to / imported from CSV.

CSV format (also read by the trainers' cohort dashboard): a header row ``week,name,plus,delta``,
then one row per entry; UTF-8 with a byte-order mark so spreadsheet programs read it correctly.
Cells a spreadsheet would run as a formula (starting with = + - @ tab or carriage return) get a
leading ``'``, which import removes again, so a round trip gives back exactly what was typed.

Model: :class:`PlusDelta` (pure Python, no HTML; it reads CSV back in). HTML and chart: ``render``;
the CSV file: ``export``; widgets: ``view``.
"""
from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import asdict, dataclass, field

from ..autosave import ActivityStore
from ..safe_text import csv_uncell, shorten

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


def _quoted(text: str, limit: int = 40) -> str:
    """File content in a message: on one line, cut short, in quotes."""
    return repr(shorten(text, limit))


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

    # --- CSV import (the file format: see export.py) ---------------------------------------------
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
        report.ignored_columns = [_quoted(c) for c in rows[0] if c.strip().lower() not in CSV_COLUMNS]
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
                report.problems.append(f"Row {number}: the week {_quoted(week_text)} is not a whole "
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
    def merge(self, theirs: "PlusDelta", base: "PlusDelta | None") -> None:
        """Take in what another open copy (another tab or kernel) added or removed since both
        started from ``base``; this copy's own changes stay. Entries count as a multiset."""
        before = Counter(base.entries if base else [])
        now = Counter(theirs.entries)
        removed, added = before - now, now - before
        merged = []
        for entry in self.entries:
            if removed[entry]:
                removed[entry] -= 1
            else:
                merged.append(entry)
        for entry in theirs.entries:
            if added[entry]:
                added[entry] -= 1
                merged.append(entry)
        self.entries = merged

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
