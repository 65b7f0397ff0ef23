"""The SVG bar charts (activities/charts.py) of Plus/Delta and the cohort dashboard: the right
bars for known figures, valid XML whatever the labels, escaped text, accessible and theme-aware."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from activities.charts import Series, grouped_bars, nice_ticks, stacked_bars, svg_text
from support.hostile import HOSTILE_EXAMPLES, hostile_text

SVG = "{http://www.w3.org/2000/svg}"


def bars(svg: str) -> list[ET.Element]:
    return [rect for rect in ET.fromstring(svg).iter(f"{SVG}rect") if rect.get("data-value") is not None]


def number(element: ET.Element, name: str) -> float:
    return float(element.get(name))


def test_grouped_bars_draw_each_value_to_scale():
    svg = grouped_bars(["Week 1", "Week 2", "Week 5"],
                       [Series("Pluses", (4, 0, 2), "#1d4f91"), Series("Deltas", (1, 3, 2), "#f0b64d", hatched=True)],
                       title="Pluses and deltas per week", summary="Four, none and two pluses.", value_label="Entries")
    found = bars(svg)
    assert [(b.get("data-category"), b.get("data-series"), int(b.get("data-value"))) for b in found] == [
        ("Week 1", "Pluses", 4), ("Week 1", "Deltas", 1), ("Week 2", "Pluses", 0), ("Week 2", "Deltas", 3),
        ("Week 5", "Pluses", 2), ("Week 5", "Deltas", 2)]
    unit = number(found[0], "height") / 4
    assert unit > 10
    for bar in found:
        assert number(bar, "height") == pytest.approx(int(bar.get("data-value")) * unit, abs=0.11)
    bottoms = {round(number(b, "y") + number(b, "height"), 1) for b in found}
    assert len(bottoms) == 1, "every bar stands on the same axis"
    lefts = [number(b, "x") for b in found]
    assert lefts == sorted(lefts), "bars run left to right in week order"
    assert found[1].get("fill").startswith("url(#") and found[0].get("fill") == "#1d4f91"
    texts = [t.text for t in ET.fromstring(svg).iter(f"{SVG}text")]
    assert {"Week 1", "Week 2", "Week 5", "Pluses", "Deltas", "Entries"} <= set(texts)


def test_stacked_bars_put_segments_end_to_end_with_the_total():
    svg = stacked_bars(["orientation", "learning-circles"],
                       [Series("graded", (1, 3), "#1b7837"), Series("failed", (0, 1), "#b2182b", hatched=True),
                        Series("not submitted", (7, 1), "#bababa")],
                       title="Checkpoint progress", summary="s", value_label="learners")
    found = bars(svg)
    assert [(b.get("data-category"), b.get("data-series"), int(b.get("data-value"))) for b in found] == [
        ("orientation", "graded", 1), ("orientation", "not submitted", 7),
        ("learning-circles", "graded", 3), ("learning-circles", "failed", 1), ("learning-circles", "not submitted", 1)]
    unit = number(found[0], "width")
    for bar in found:
        assert number(bar, "width") == pytest.approx(int(bar.get("data-value")) * unit, abs=0.11)
    first_row, second_row = found[:2], found[2:]
    for row in (first_row, second_row):
        for left, right in zip(row, row[1:]):
            assert number(right, "x") == pytest.approx(number(left, "x") + number(left, "width"), abs=0.11)
            assert left.get("y") == right.get("y")
    assert number(second_row[0], "y") > number(first_row[0], "y")
    totals = [t.text for t in ET.fromstring(svg).iter(f"{SVG}text") if t.get("aria-hidden")]
    assert totals == ["8", "5"], "each bar ends with its total"


def test_charts_are_accessible_and_follow_the_page_theme():
    summary = "Bar chart of the pluses and deltas given each week. week 1: 2 pluses and 1 delta."
    for svg in (grouped_bars(["Week 1"], [Series("Pluses", (2,), "#1d4f91")], title="T", summary=summary,
                             value_label="Entries"),
                stacked_bars(["a"], [Series("graded", (2,), "#1b7837")], title="T", summary=summary,
                             value_label="learners")):
        root = ET.fromstring(svg)
        assert root.get("role") == "img" and root.get("aria-label") == summary
        assert root.find(f"{SVG}title").text == "T" and root.find(f"{SVG}desc").text == summary
        assert all(t.get("fill") == "currentColor" for t in root.iter(f"{SVG}text"))
        assert all(b.get("stroke") == "currentColor" for b in bars(svg)), "outlined on light and dark pages"
        assert "max-width:100%" in root.get("style")


def test_two_charts_in_one_page_never_share_a_pattern_id():
    def chart(values):
        return grouped_bars(["Week 1"], [Series("Deltas", values, "#f0b64d", hatched=True)], title="T",
                            summary="s", value_label="Entries")

    ids = [ET.fromstring(chart(v)).find(f"{SVG}defs/{SVG}pattern").get("id") for v in ((1,), (2,))]
    assert ids[0] != ids[1]
    assert chart((1,)) == chart((1,)), "same figures, same bytes"


@settings(max_examples=80, deadline=None)
@given(label=hostile_text, name=hostile_text, summary=hostile_text)
def test_any_label_gives_valid_escaped_svg(label, name, summary):
    for draw in (grouped_bars, stacked_bars):
        svg = draw([label, "Week 2"], [Series(name, (1, 2), "#1d4f91")], title=label, summary=summary,
                   value_label=name)
        root = ET.fromstring(svg)  # valid XML whatever the learner typed
        tags = {element.tag.removeprefix(SVG) for element in root.iter()}
        assert tags <= {"svg", "title", "desc", "defs", "pattern", "rect", "line", "text"}, tags
        def as_attribute(text):  # what an XML reader gives back for an escaped attribute value
            return ET.fromstring(f'<x a="{svg_text(text)}"/>').get("a")

        assert root.get("aria-label") == as_attribute(summary)
        assert bars(svg)[0].get("data-category") == as_attribute(label)
        assert root.find(f"{SVG}title").text in (ET.fromstring(f"<x>{svg_text(label)}</x>").text, None)
        assert "<script" not in svg.lower() and "\x00" not in svg
        svg.encode("utf-8")  # no lone surrogates: the file can always be written


@pytest.mark.parametrize("text", HOSTILE_EXAMPLES)
def test_svg_text_keeps_every_printable_character(text):
    kept = ET.fromstring(f"<x>{svg_text(text)}</x>").text or ""
    # NUL becomes a visible symbol; line ends are normalised by any XML reader, as usual.
    assert kept == text.replace("\x00", "\u2400").replace("\r\n", "\n").replace("\r", "\n")


def test_a_long_label_is_cut_on_the_chart_but_whole_in_the_tooltip():
    label = "a very long checkpoint name " * 10
    svg = stacked_bars([label], [Series("graded", (1,), "#1b7837")], title="T", summary="s", value_label="n")
    texts = [t.text for t in ET.fromstring(svg).iter(f"{SVG}text")]
    assert any(t.endswith("\u2026") and len(t) <= 60 for t in texts)
    assert bars(svg)[0].find(f"{SVG}title").text.startswith(label)


@given(st.integers(0, 10**7))
def test_axis_ticks_cover_the_largest_value_in_at_most_five_round_steps(maximum):
    ticks = nice_ticks(maximum)
    step = ticks[1] - ticks[0]
    assert ticks[0] == 0 and ticks[-1] >= maximum and len(ticks) <= 6
    assert ticks == list(range(0, ticks[-1] + 1, step))
    assert str(step).strip("0") in ("1", "2", "5")
    assert ticks[-2] < maximum or maximum == 0, "no empty step at the top"


def test_bad_figures_are_refused():
    with pytest.raises(ValueError, match="2 values for 1 categories"):
        grouped_bars(["a"], [Series("s", (1, 2), "#000")], title="t", summary="s", value_label="v")
    with pytest.raises(ValueError, match="whole numbers"):
        stacked_bars(["a"], [Series("s", (-1,), "#000")], title="t", summary="s", value_label="v")
    with pytest.raises(ValueError, match="at least one series"):
        stacked_bars(["a"], [], title="t", summary="s", value_label="v")


def test_the_cohort_dashboard_chart_counts_learners_per_status():
    from cohort.dashboard import PROGRESS_COLUMNS, CohortReport, chart_svg

    statuses = ["graded", "graded", "autograde failed", "not submitted", "not submitted", "not submitted"]
    assignments = ["orientation"] * 3 + ["learning-circles <script>"] * 3
    progress = pd.DataFrame([dict.fromkeys(PROGRESS_COLUMNS, "") | {"student": f"s{i}", "assignment": a, "status": s}
                             for i, (a, s) in enumerate(zip(assignments, statuses))])
    report = CohortReport("c1", progress, pd.DataFrame(), pd.DataFrame(), pd.DataFrame(), [])
    svg = chart_svg(report)
    values = {(b.get("data-category"), b.get("data-series")): int(b.get("data-value")) for b in bars(svg)}
    assert values == {("orientation", "graded"): 2, ("orientation", "autograde failed"): 1,
                      ("learning-circles <script>", "not submitted"): 3}
    assert "&lt;script&gt;" in svg and "<script" not in svg
    assert ET.fromstring(svg).get("aria-label").startswith("Bar chart of learners per checkpoint and status.")


def test_characters_xml_cannot_hold_are_shown_as_replacements():
    # Lone surrogates (a pasted half emoji) and U+FFFE/U+FFFF would make the file unwritable or
    # unparsable; control characters become their visible "control picture".
    assert svg_text("a\ud83db\ufffe\uffff\x07<&>") == "a\ufffdb\ufffd\ufffd\u2407&lt;&amp;&gt;"
    svg = grouped_bars(["\ud83d week"], [Series("\x1b", (1,), "#000")], title="\x00", summary="\ud800",
                       value_label="v")
    root = ET.fromstring(svg.encode("utf-8"))
    assert bars(svg)[0].get("data-category") == "\ufffd week" and root.get("aria-label") == "\ufffd"
