"""The find -> evaluate -> adapt drawing: each stage drawn once, arrows run the cycle in order,
accessible, and the page that shows it gives alt text naming every stage."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from activities import cycle_diagram, diagrams
from support.paths import ROOT

SVG = "{http://www.w3.org/2000/svg}"
PAGE = ROOT / "book" / "choosing-a-course" / "finding-a-course.md"


def test_the_cycle_is_drawn_in_order_and_closes():
    root = ET.fromstring(cycle_diagram.find_evaluate_adapt_svg())
    names = [name for name, _ in cycle_diagram.STAGES]
    assert names == ["Find", "Evaluate", "Adapt"]
    drawn = [g.get("data-stage") for g in root.iter(f"{SVG}g") if g.get("data-stage")]
    assert drawn == names
    arrows = [(line.get("data-from"), line.get("data-to")) for line in root.iter(f"{SVG}line")]
    assert arrows == [("Find", "Evaluate"), ("Evaluate", "Adapt"), ("Adapt", "Find")]
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    for name, meaning in cycle_diagram.STAGES:
        assert name in texts and meaning.split()[0] in texts


def test_the_cycle_is_an_accessible_image_inside_its_canvas():
    root = ET.fromstring(cycle_diagram.find_evaluate_adapt_svg())
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    for name, _ in cycle_diagram.STAGES:
        assert name in desc.text
    width, height = float(root.get("width")), float(root.get("height"))
    for rect in root.iter(f"{SVG}rect"):
        x, y = float(rect.get("x", 0)), float(rect.get("y", 0))
        assert 0 <= x and x + float(rect.get("width")) <= width
        assert 0 <= y and y + float(rect.get("height")) <= height


def test_the_book_ships_the_generated_file_with_alt_text():
    assert diagrams.book_images()["find-evaluate-adapt.svg"] == cycle_diagram.find_evaluate_adapt_svg()
    text = PAGE.read_text(encoding="utf-8")
    match = re.search(r"```\{image\} \.\./images/find-evaluate-adapt\.svg\n:alt: \"([^\"]+)\"", text)
    assert match, "the finding-a-course page no longer shows the cycle with alt text"
    for name, _ in cycle_diagram.STAGES:
        assert name in match.group(1)
