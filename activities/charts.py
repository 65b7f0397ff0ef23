"""Small bar charts drawn as SVG by our own code: the one place the course draws charts.

Used by the Plus/Delta activity (pluses and deltas per week) and the trainers' cohort dashboard
(learners per checkpoint and status). A plotting library would add tens of megabytes to every
learner's environment for two bar charts.

Every chart is accessible and safe to inline in a page:

* ``role="img"`` with an ``aria-label`` that is the text summary (the figures in words), and
  ``<title>``/``<desc>`` for tools that read those; each bar has its own ``<title>`` (tooltip).
* Every text is escaped for XML, and characters XML cannot hold at all (NUL and the other control
  characters, lone surrogates) are shown as visible replacement symbols, so the result always
  parses.
* Text and axes are drawn in ``currentColor``, so an inlined chart follows the page's light or
  dark theme; bars have a ``currentColor`` outline, so they stand out on either background.
* Each bar carries ``data-series``, ``data-category`` and ``data-value``, which the tests (and
  anyone inspecting the page) can read without parsing the geometry.

The output is deterministic: the same call gives the same bytes.
"""
from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass

from .safe_text import html_text, shorten

FONT = 'font-family="sans-serif"'
#: Longest label shown in full; longer ones are cut (the full text stays in the bar's tooltip).
LABEL_LIMIT = 60
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def svg_text(text) -> str:
    """``text`` escaped for XML text and attribute values; characters XML forbids made visible."""
    def visible(match: re.Match) -> str:
        char = match.group()
        return chr(0x2400 + ord(char)) if ord(char) < 0x20 else "\ufffd"  # NUL -> U+2400 "␀"

    return html_text(_NOT_XML.sub(visible, str(text)))


@dataclass(frozen=True)
class Series:
    """One kind of bar: its name (legend), one value per category, its colour and pattern."""

    name: str
    values: tuple[int, ...]
    colour: str
    hatched: bool = False  # diagonal stripes, so the series differ by more than colour


def nice_ticks(maximum: float) -> list[int]:
    """Whole-number axis ticks from 0 to at least ``maximum``, steps of 1, 2, 5, 10, 20, ...,
    at most 5 steps."""
    maximum = max(1, math.ceil(maximum))
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if math.ceil(maximum / step) <= 5:
                return list(range(0, math.ceil(maximum / step) * step + 1, step))
        magnitude *= 10


def _check(categories: list[str], series: list[Series]) -> None:
    if not series:
        raise ValueError("a chart needs at least one series")
    for one in series:
        if len(one.values) != len(categories):
            raise ValueError(f"series {one.name!r} has {len(one.values)} values for {len(categories)} categories")
        if any(not isinstance(v, int) or isinstance(v, bool) or v < 0 for v in one.values):
            raise ValueError(f"series {one.name!r}: values must be whole numbers from 0 up")


def _chart_id(*parts) -> str:
    """An id unique to this chart's content, so several charts inlined in one page never share
    a pattern (a browser resolves ``url(#id)`` to the first element with that id)."""
    return "lc-chart-" + hashlib.sha1(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _open(width: float, height: float, title: str, summary: str, css_class: str,
          series: list[Series], chart_id: str) -> list[str]:
    patterns = "".join(
        f'<pattern id="{chart_id}-hatch-{index}" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{one.colour}"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#1b1b1b" stroke-width="2"/></pattern>'
        for index, one in enumerate(series) if one.hatched)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="lc-chart {svg_text(css_class)}" '
        f'viewBox="0 0 {width:g} {height:g}" width="{width:g}" height="{height:g}" '
        f'style="max-width:100%;height:auto" role="img" aria-label="{svg_text(summary)}">',
        f"<title>{svg_text(title)}</title>",
        f"<desc>{svg_text(summary)}</desc>",
        f"<defs>{patterns}</defs>",
        f'<text x="{width / 2:g}" y="20" text-anchor="middle" {FONT} font-size="16" font-weight="bold" '
        f'fill="currentColor">{svg_text(title)}</text>',
    ]


def _fills(series: list[Series], chart_id: str) -> dict[str, str]:
    return {one.name: f"url(#{chart_id}-hatch-{index})" if one.hatched else one.colour
            for index, one in enumerate(series)}


def _bar(x: float, y: float, width: float, height: float, one: Series, category: str, value: int,
         fill: str) -> str:
    return (f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" fill="{fill}" '
            f'stroke="currentColor" stroke-width="1" data-series="{svg_text(one.name)}" '
            f'data-category="{svg_text(category)}" data-value="{value}">'
            f"<title>{svg_text(category)}, {svg_text(one.name)}: {value}</title></rect>")


def _legend(series: list[Series], fills: dict[str, str], x: float, y: float) -> list[str]:
    out = []
    for index, one in enumerate(series):
        top = y + index * 20
        out.append(f'<rect x="{x:g}" y="{top:g}" width="14" height="14" fill="{fills[one.name]}" '
                   f'stroke="currentColor" stroke-width="1"/>')
        out.append(f'<text x="{x + 20:g}" y="{top + 12:g}" {FONT} font-size="12" '
                   f'fill="currentColor">{svg_text(one.name)}</text>')
    return out


def grouped_bars(categories: list[str], series: list[Series], *, title: str, summary: str,
                 value_label: str, css_class: str = "") -> str:
    """Vertical bars, one group per category (e.g. a week), one bar per series, value on top."""
    _check(categories, series)
    ticks = nice_ticks(max((v for one in series for v in one.values), default=0))
    bar_width, gap = 22, 18
    group_width = bar_width * len(series) + gap
    left, plot_top, plot_height = 56, 40 + 20 * len(series) + 10, 160
    width = max(360, left + group_width * len(categories) + 16)
    height = plot_top + plot_height + 40
    bottom = plot_top + plot_height
    scale = plot_height / ticks[-1]
    chart_id = _chart_id(categories, series, title, summary)
    fills = _fills(series, chart_id)
    out = _open(width, height, title, summary, css_class, series, chart_id)
    out += _legend(series, fills, left, 32)
    for tick in ticks:
        y = bottom - tick * scale
        out.append(f'<line x1="{left:g}" y1="{y:.1f}" x2="{width - 8:g}" y2="{y:.1f}" stroke="currentColor" '
                   f'stroke-opacity="{0.6 if tick == 0 else 0.2}"/>')
        out.append(f'<text x="{left - 6:g}" y="{y + 4:.1f}" text-anchor="end" {FONT} font-size="12" '
                   f'fill="currentColor">{tick}</text>')
    out.append(f'<text transform="translate(14 {plot_top + plot_height / 2:g}) rotate(-90)" '
               f'text-anchor="middle" {FONT} font-size="12" fill="currentColor">{svg_text(value_label)}</text>')
    for index, category in enumerate(categories):
        start = left + gap / 2 + index * group_width
        for number, one in enumerate(series):
            value = one.values[index]
            x, bar_height = start + number * bar_width, value * scale
            out.append(_bar(x, bottom - bar_height, bar_width, bar_height, one, category, value, fills[one.name]))
            out.append(f'<text x="{x + bar_width / 2:.1f}" y="{bottom - bar_height - 4:.1f}" text-anchor="middle" '
                       f'{FONT} font-size="11" fill="currentColor" aria-hidden="true">{value}</text>')
        out.append(f'<text x="{start + bar_width * len(series) / 2:.1f}" y="{bottom + 18:g}" text-anchor="middle" '
                   f'{FONT} font-size="12" fill="currentColor">{svg_text(shorten(category, LABEL_LIMIT))}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def stacked_bars(categories: list[str], series: list[Series], *, title: str, summary: str,
                 value_label: str, css_class: str = "") -> str:
    """Horizontal bars, one per category (label above it), the series stacked left to right,
    the total at the end of each bar. Labels sit above the bars, so long names never collide."""
    _check(categories, series)
    totals = [sum(one.values[i] for one in series) for i in range(len(categories))]
    ticks = nice_ticks(max(totals, default=0))
    left, width, right_room = 16, 640, 48
    plot_width = width - left - right_room
    scale = plot_width / ticks[-1]
    row, top = 46, 40
    axis_y = top + row * max(len(categories), 1)
    height = axis_y + 36 + 20 * len(series) + 8
    chart_id = _chart_id(categories, series, title, summary)
    fills = _fills(series, chart_id)
    out = _open(width, height, title, summary, css_class, series, chart_id)
    for tick in ticks:
        x = left + tick * scale
        out.append(f'<line x1="{x:.1f}" y1="{top:g}" x2="{x:.1f}" y2="{axis_y:g}" stroke="currentColor" '
                   f'stroke-opacity="{0.6 if tick == 0 else 0.2}"/>')
        out.append(f'<text x="{x:.1f}" y="{axis_y + 14:g}" text-anchor="middle" {FONT} font-size="11" '
                   f'fill="currentColor">{tick}</text>')
    out.append(f'<text x="{left + plot_width / 2:g}" y="{axis_y + 30:g}" text-anchor="middle" {FONT} '
               f'font-size="12" fill="currentColor">{svg_text(value_label)}</text>')
    for index, category in enumerate(categories):
        label_y, bar_y = top + index * row + 14, top + index * row + 20
        out.append(f'<text x="{left:g}" y="{label_y:g}" {FONT} font-size="12" fill="currentColor">'
                   f"{svg_text(shorten(category, LABEL_LIMIT))}</text>")
        x = left
        for one in series:
            value = one.values[index]
            if value:  # an empty segment would only add an invisible rectangle
                out.append(_bar(x, bar_y, value * scale, 20, one, category, value, fills[one.name]))
            x += value * scale
        out.append(f'<text x="{x + 6:.1f}" y="{bar_y + 15:g}" {FONT} font-size="12" fill="currentColor" '
                   f'aria-hidden="true">{totals[index]}</text>')
    out += _legend(series, fills, left, axis_y + 40)
    out.append("</svg>")
    return "\n".join(out) + "\n"
