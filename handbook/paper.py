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
    return {name: PaperActivity(name, tuple(entry["print"]), tuple(entry["bring"]), tuple(entry["steps"]))
            for name, entry in data.items()}


def paper_for(name: str) -> PaperActivity | None:
    return paper_activities().get(name)


def paper_box_html(paper: PaperActivity) -> str:
    return render("handbook", "on-paper.html", paper=paper)
