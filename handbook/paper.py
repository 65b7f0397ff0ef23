"""Each activity on paper: what to print, what to bring and how it runs (``on-paper.yml``)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from activities.templating import render


@dataclass(frozen=True)
class PaperActivity:
    name: str
    to_print: tuple[str, ...]
    to_bring: tuple[str, ...]
    steps: tuple[str, ...]


@lru_cache(maxsize=None)
def paper_activities() -> dict[str, PaperActivity]:
    data = yaml.safe_load(resources.files("handbook").joinpath("on-paper.yml").read_text(encoding="utf-8"))
    activities = {}
    for name, entry in data.items():
        lines = [tuple(entry.get(key) or ()) for key in ("print", "bring", "steps")]
        if not all(isinstance(line, str) for group in lines for line in group):
            # YAML reads "a line: with a colon" as a mapping, not as text.
            raise ValueError(f"handbook/on-paper.yml, {name}: every line must be text (quote a line with ': ')")
        activities[name] = PaperActivity(name, *lines)
    return activities


def paper_for(name: str) -> PaperActivity | None:
    return paper_activities().get(name)


def paper_box_html(paper: PaperActivity) -> str:
    return render("handbook", "on-paper.html", paper=paper)
