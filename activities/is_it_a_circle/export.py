"""The files of "Is it a learning circle?": a CSV of the answers and a printable HTML summary."""
from __future__ import annotations

from ..safe_text import csv_bytes
from ..templating import render
from .cases import ATTRIBUTE_LABELS, ATTRIBUTE_MEANINGS, ATTRIBUTES, CASES, VERDICT_LABELS, VERDICTS
from .model import CaseSheet
from .render import PACKAGE, labels

CSV_NAME = "is-it-a-learning-circle.csv"
HTML_NAME = "is-it-a-learning-circle.html"
HEADER = ["Case", "Title", "Your answer", "Attributes you ticked", "Our answer", "Attributes at stake",
          "Your notes", "Group: yes", "Group: no", "Group: it depends"]


def rows(sheet: CaseSheet) -> list[dict]:
    """One row per case, in course order (also what the summary page shows)."""
    table = []
    for number, case in enumerate(CASES, start=1):
        answer = sheet.answers.get(case.key)
        tally = sheet.tally(case.key)
        table.append({
            "number": number, "case": case,
            "verdict": VERDICT_LABELS[answer.verdict] if answer else "",
            "ticked": labels(answer.ticked) if answer else "",
            "ours": VERDICT_LABELS[case.ours], "at_stake": labels(case.at_stake),
            "notes": sheet.notes.get(case.key, ""), "tally": tally,
            "counted": sum(tally.values()) > 0,
        })
    return table


def answers_csv(sheet: CaseSheet) -> bytes:
    lines = [[row["number"], row["case"].title, row["verdict"], row["ticked"], row["ours"], row["at_stake"],
              row["notes"], *(row["tally"][verdict] for verdict in VERDICTS)] for row in rows(sheet)]
    # The definition last, in the "Your notes" column, so the file stays one table.
    lines.append(["", "Our definition", "", "", "", "", sheet.definition, "", "", ""])
    return csv_bytes(HEADER, lines)


def summary_html(sheet: CaseSheet) -> str:
    return render(PACKAGE, "summary.html", rows=rows(sheet), definition=sheet.definition.strip(),
                  attributes=[(ATTRIBUTE_LABELS[a], ATTRIBUTE_MEANINGS[a]) for a in ATTRIBUTES],
                  answered=sheet.answered_count(), total=len(CASES))


def case_files(sheet: CaseSheet) -> dict[str, bytes]:
    return {CSV_NAME: answers_csv(sheet), HTML_NAME: summary_html(sheet).encode("utf-8")}


def exports(data: dict) -> dict[str, bytes]:
    """The files "Download my work" adds for this activity, rebuilt from its saved data."""
    return case_files(CaseSheet.from_dict(data))
