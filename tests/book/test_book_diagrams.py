"""Our network drawings: right shape, accessible, deterministic, and the committed files match."""
from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest

from activities import diagrams
from support.paths import ROOT

SVG = "{http://www.w3.org/2000/svg}"


def _graph(svg_text: str) -> tuple[set[str], dict[str, set[str]], ET.Element]:
    """Nodes and adjacency read back from the drawn SVG (not from the model)."""
    root = ET.fromstring(svg_text)
    nodes = {el.get("data-node") for el in root.iter() if el.get("data-node")}
    adjacency = {n: set() for n in nodes}
    for line in root.iter(f"{SVG}line"):
        a, b = line.get("data-from"), line.get("data-to")
        assert a in nodes and b in nodes, f"a line joins unknown nodes {a!r}, {b!r}"
        adjacency[a].add(b)
        adjacency[b].add(a)
    return nodes, adjacency, root


def _hubs(nodes, adjacency):
    return [n for n in nodes if adjacency[n] == nodes - {n}]


@pytest.mark.parametrize("size", [3, 4, 6, 9, 12])
@pytest.mark.parametrize("neutral", [False, True])
def test_client_server_has_one_centre_joined_to_everyone_and_nothing_else(size, neutral):
    svg = diagrams.neutral_svg(diagrams.CLIENT_SERVER, size) if neutral else diagrams.revealed_svg(diagrams.CLIENT_SERVER, size)
    nodes, adjacency, _ = _graph(svg)
    assert len(nodes) == size + 1
    hubs = _hubs(nodes, adjacency)
    assert len(hubs) == 1, f"expected exactly one centre, found {hubs}"
    for node in nodes - set(hubs):
        assert adjacency[node] == set(hubs), f"{node} should be linked only to the centre, not {adjacency[node]}"


@pytest.mark.parametrize("size", [3, 4, 5, 6, 9, 12])
@pytest.mark.parametrize("neutral", [False, True])
def test_peer_to_peer_is_connected_with_no_centre(size, neutral):
    svg = diagrams.neutral_svg(diagrams.PEER_TO_PEER, size) if neutral else diagrams.revealed_svg(diagrams.PEER_TO_PEER, size)
    nodes, adjacency, _ = _graph(svg)
    assert len(nodes) == size
    if size > 3:  # a triangle is necessarily complete; from four peers up nobody may be the centre
        assert _hubs(nodes, adjacency) == [], "a peer is linked to every other peer: that is a centre"
    # Every peer talks to at least two others, and the whole mesh hangs together.
    assert all(len(adjacency[n]) >= 2 for n in nodes)
    seen, todo = set(), [next(iter(nodes))]
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(adjacency[node] - seen)
    assert seen == nodes, "the peer-to-peer drawing falls apart into pieces"
    # Sharing goes round without a middle: more links than a star of the same size would have.
    assert sum(len(v) for v in adjacency.values()) // 2 >= size


def test_model_and_drawing_agree():
    for kind in diagrams.KINDS:
        network = diagrams.build(kind)
        nodes, adjacency, _ = _graph(diagrams.to_svg(network, title="x"))
        assert nodes == {n.id for n in network.nodes}
        assert {n: network.neighbours(n) for n in nodes} == adjacency
    assert diagrams.client_server().hubs() == ["server"]
    assert diagrams.peer_to_peer().hubs() == []


@pytest.mark.parametrize("kind", diagrams.KINDS)
def test_drawings_are_accessible_images(kind):
    for svg, expected_title in ((diagrams.revealed_svg(kind), diagrams.KIND_NAMES[kind]),
                                (diagrams.neutral_svg(kind), diagrams.NEUTRAL_NAMES[kind])):
        root = ET.fromstring(svg)
        assert root.get("role") == "img"
        title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        assert title is not None and title.text == expected_title
        assert desc is not None and len(desc.text) > 40
        assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]


@pytest.mark.parametrize("kind", diagrams.KINDS)
def test_neutral_drawing_gives_nothing_away(kind):
    svg = diagrams.neutral_svg(kind).lower()
    alt = diagrams.neutral_alt_text(kind).lower()
    for word in ("server", "client", "peer", "centralised", "centralized", "p2p"):
        assert word not in svg, f"the neutral drawing of {kind} says {word!r}"
        assert word not in alt, f"the neutral alt text of {kind} says {word!r}"
    assert alt.startswith(diagrams.NEUTRAL_NAMES[kind].lower())
    # ...while the revealed drawing does name its kind.
    assert diagrams.KIND_NAMES[kind].lower() in diagrams.revealed_svg(kind).lower()
    assert diagrams.KIND_NAMES[kind].split()[0].lower() in diagrams.revealed_alt_text(kind).lower()


def test_neutral_names_are_distinct_and_cover_both_kinds():
    assert set(diagrams.NEUTRAL_NAMES) == set(diagrams.KINDS)
    assert sorted(diagrams.NEUTRAL_NAMES.values()) == ["Network A", "Network B"]


def test_titles_and_descriptions_are_escaped():
    svg = diagrams.to_svg(diagrams.peer_to_peer(), title='<script>alert("x")</script> & co',
                          description="a < b & c", id_prefix="x")
    root = ET.fromstring(svg)  # would raise if the text broke the markup
    assert root.find(f"{SVG}title").text == '<script>alert("x")</script> & co'
    assert "<script>" not in svg


def test_output_is_deterministic():
    assert diagrams.book_images() == diagrams.book_images()
    assert diagrams.revealed_svg(diagrams.PEER_TO_PEER, 7) == diagrams.revealed_svg(diagrams.PEER_TO_PEER, 7)


@pytest.mark.parametrize("bad", [0, 2, 13, -1, 2.5, True, "6"])
def test_bad_sizes_and_kinds_are_refused(bad):
    with pytest.raises(ValueError):
        diagrams.client_server(bad)
    with pytest.raises(ValueError):
        diagrams.peer_to_peer(bad)


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown network kind"):
        diagrams.build("ring")


def test_write_book_images_writes_every_file(tmp_path):
    written = diagrams.write_book_images(tmp_path / "images")
    assert sorted(p.name for p in written) == sorted(diagrams.book_images())
    for path in written:
        assert path.read_text(encoding="utf-8") == diagrams.book_images()[path.name]


def test_committed_book_images_equal_the_generator_output():
    folder = ROOT / "book" / "images"
    for name, svg in diagrams.book_images().items():
        path = folder / name
        assert path.exists(), f"{path} is missing: run `python -m activities.diagrams`"
        assert path.read_text(encoding="utf-8") == svg, (
            f"{path} differs from the generator: run `python -m activities.diagrams`")


def test_learning_circle_drawing_seats_everyone_facing_the_middle():
    root = ET.fromstring(diagrams.learning_circle_svg(8))
    assert root.get("role") == "img" and root.find(f"{SVG}title").text == "A learning circle"
    assert "8 people" in root.find(f"{SVG}desc").text
    people = [g for g in root.iter(f"{SVG}g") if g.get("data-person")]
    assert len(people) == 8
    # Each person is turned so the local "up" (towards the laptop) points at the centre.
    centre = (diagrams._CENTRE, diagrams._CENTRE + diagrams._TITLE_ROOM)
    for g in people:
        x, y, turn = map(float, re.findall(r"-?\d+(?:\.\d+)?", g.get("transform")))
        facing = math.radians(turn)
        dx, dy = math.sin(facing), -math.cos(facing)
        to_centre = (centre[0] - x, centre[1] - y)
        assert dx * to_centre[0] + dy * to_centre[1] > 0.99 * math.hypot(*to_centre)
