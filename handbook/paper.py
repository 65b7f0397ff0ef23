"""Each activity on paper: what to print, what to bring and how it runs.

The text lives with the activity, in ``paper.yml`` of its package (so adding an activity still
touches only its own package, its notebook, ``_toc.yml`` and the registry): keys ``print``,
``bring`` and ``steps``, each a list of lines.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from activities.registry import Activity, activity_named
from activities.templating import render

PAPER_FILE = "paper.yml"


@dataclass(frozen=True)
class PaperActivity:
    name: str
    to_print: tuple[str, ...]
    to_bring: tuple[str, ...]
    steps: tuple[str, ...]


def activity_package(activity: Activity) -> str:
    """The package of an activity: the one its exporter (``<package>.export``) belongs to."""
    return activity.exports.__module__.rpartition(".")[0]


@lru_cache(maxsize=None)
def paper_for(name: str) -> PaperActivity | None:
    """The paper version of the registered activity ``name``, or None if it has none yet."""
    activity = activity_named(name)
    if activity is None:
        return None
    source = resources.files(activity_package(activity)).joinpath(PAPER_FILE)
    if not source.is_file():
        return None
    entry = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    lines = [tuple(entry.get(key) or ()) for key in ("print", "bring", "steps")]
    if not all(isinstance(line, str) for group in lines for line in group):
        # YAML reads "a line: with a colon" as a mapping, not as text.
        raise ValueError(f"{activity_package(activity)}/{PAPER_FILE}: every line must be text "
                         "(quote a line that has ': ' in it)")
    return PaperActivity(name, *lines)


def paper_box_html(paper: PaperActivity) -> str:
    return render("handbook", "on-paper.html", paper=paper)
