"""Our own drawings of the two network kinds the course compares (client/server, peer-to-peer).

The shapes are built as plain data first (a :class:`Network` of nodes and links), so tests and the
"Which network is which?" activity can reason about them without parsing pictures; :func:`to_svg`
then draws a network as an accessible SVG string (``role="img"``, ``<title>``, ``<desc>``,
``aria-labelledby``). Output is deterministic: the same call always gives the same bytes, which is
what lets a test compare the committed files in ``book/images/`` with the generator.

Neutral names ("Network A", "Network B") are for pages that must not give the answer away: the
neutral drawings carry no role words, and their description says what the picture shows (who is
joined to whom) without naming the kind of network.

Regenerate the book's files with ``python -m activities.diagrams`` (default folder book/images).
"""
from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from activities.cycle_diagram import find_evaluate_adapt_svg

CLIENT_SERVER = "client-server"
PEER_TO_PEER = "peer-to-peer"
KINDS = (CLIENT_SERVER, PEER_TO_PEER)

#: The neutral name each kind gets where a page asks the learner to guess.
NEUTRAL_NAMES = {PEER_TO_PEER: "Network A", CLIENT_SERVER: "Network B"}

#: Human names of the kinds, used once the answer is revealed.
KIND_NAMES = {CLIENT_SERVER: "Client/server network", PEER_TO_PEER: "Peer-to-peer network"}

DEFAULT_SIZE = 6  # outer computers in each drawing

_SIZE = 320  # drawing width in SVG units
_HEIGHT = 310
_CENTRE = _SIZE / 2
_RING_RADIUS = 108
_NODE_RADIUS = 17
_SERVER_HALF = 26
_TITLE_ROOM = 14  # the ring sits a little low to leave room for the title

# Colours chosen for contrast on white (all above 4.5:1 against #ffffff).
_INK = "#1b1b1b"
_LINK = "#4a4a4a"
_COMPUTER = "#1d4f91"
_SERVER = "#8a3b00"


@dataclass(frozen=True)
class Node:
    """One computer in a drawing. ``role`` is "server", "client" or "peer"."""

    id: str
    role: str
    x: float
    y: float


@dataclass
class Network:
    """Computers and the links between them (each link is a pair of node ids)."""

    kind: str
    nodes: list[Node]
    links: list[tuple[str, str]] = field(default_factory=list)

    def neighbours(self, node_id: str) -> set[str]:
        found = set()
        for a, b in self.links:
            if a == node_id:
                found.add(b)
            elif b == node_id:
                found.add(a)
        return found

    def hubs(self) -> list[str]:
        """Nodes joined directly to every other node (the centre of a client/server network)."""
        everyone = {n.id for n in self.nodes}
        return [n.id for n in self.nodes if self.neighbours(n.id) == everyone - {n.id}]


def _ring_positions(count: int) -> list[tuple[float, float]]:
    # Start at the top and go clockwise; round so the SVG text is stable across platforms.
    positions = []
    for index in range(count):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        positions.append((round(_CENTRE + _RING_RADIUS * math.cos(angle), 1),
                          round(_CENTRE + _TITLE_ROOM + _RING_RADIUS * math.sin(angle), 1)))
    return positions


def _check_size(count: int) -> None:
    if not isinstance(count, int) or isinstance(count, bool) or not 3 <= count <= 12:
        raise ValueError(f"a drawing needs between 3 and 12 outer computers, not {count!r}")


def client_server(clients: int = DEFAULT_SIZE) -> Network:
    """One server in the middle; every client is linked to the server and to nothing else."""
    _check_size(clients)
    server = Node("server", "server", _CENTRE, _CENTRE + _TITLE_ROOM)
    outer = [Node(f"client-{i + 1}", "client", x, y) for i, (x, y) in enumerate(_ring_positions(clients))]
    return Network(CLIENT_SERVER, [server, *outer], [("server", c.id) for c in outer])


def peer_to_peer(peers: int = DEFAULT_SIZE) -> Network:
    """Peers linked to one another in a mesh, with no centre that everything passes through.

    Each peer is linked to its neighbours round the ring and, from six peers up, also to the peers
    two places away: many paths between any two peers, yet no peer is joined to all the others.
    """
    _check_size(peers)
    nodes = [Node(f"peer-{i + 1}", "peer", x, y) for i, (x, y) in enumerate(_ring_positions(peers))]
    steps = (1, 2) if peers >= 6 else (1,)
    links: list[tuple[str, str]] = []
    for step in steps:
        for i in range(peers):
            pair = tuple(sorted((i, (i + step) % peers)))
            link = (nodes[pair[0]].id, nodes[pair[1]].id)
            if link not in links:
                links.append(link)
    return Network(PEER_TO_PEER, nodes, links)


def build(kind: str, size: int = DEFAULT_SIZE) -> Network:
    """The network of the given kind ("client-server" or "peer-to-peer")."""
    if kind == CLIENT_SERVER:
        return client_server(size)
    if kind == PEER_TO_PEER:
        return peer_to_peer(size)
    raise ValueError(f"unknown network kind {kind!r}; expected one of {KINDS}")


def describe(network: Network, *, reveal: bool) -> str:
    """A text description of what the drawing shows, for alt text and the SVG ``<desc>``.

    With ``reveal=False`` it describes only the shape (who is linked to whom), so a learner who
    cannot see the picture can still play the guessing game on equal terms.
    """
    if network.kind == CLIENT_SERVER:
        clients = len(network.nodes) - 1
        shape = (f"{clients} computers placed in a ring around one larger computer in the middle. "
                 f"Every line runs from an outer computer to the middle one; "
                 f"the outer computers are not joined to each other.")
        if reveal:
            return (f"Client/server network: {clients} clients placed in a ring around one server "
                    f"in the middle. Every client is linked only to the server; the clients are "
                    f"not joined to each other.")
        return shape
    degrees = sorted({len(network.neighbours(n.id)) for n in network.nodes})
    per_node = " or ".join(str(d) for d in degrees)
    count = len(network.nodes)
    if reveal:
        return (f"Peer-to-peer network: {count} peers, each linked directly to {per_node} of the "
                f"others. There is no centre; every peer shares with its neighbours.")
    return (f"{count} computers of the same size placed in a ring, each joined by lines directly "
            f"to {per_node} of the others. There is no computer in the middle.")


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "network"


def to_svg(network: Network, *, title: str, description: str | None = None,
           show_roles: bool = True, id_prefix: str | None = None) -> str:
    """Draw ``network`` as a standalone, accessible SVG document string.

    ``title`` is shown above the drawing and is the SVG's accessible name; ``description`` (by
    default :func:`describe` of the network, revealing only if ``show_roles``) becomes ``<desc>``.
    ``show_roles=False`` leaves out the words "server", "client" and "peer" from the picture.
    ``id_prefix`` keeps element ids unique when several drawings are inlined in one page.
    """
    if description is None:
        description = describe(network, reveal=show_roles)
    prefix = _slug(id_prefix or title)
    title_id, desc_id = f"{prefix}-title", f"{prefix}-desc"
    by_id = {n.id: n for n in network.nodes}
    # Neutral drawings must not name the kind even in their markup, so ids become "computer-N".
    shown_id = ({n.id: n.id for n in network.nodes} if show_roles
                else {n.id: f"computer-{i + 1}" for i, n in enumerate(network.nodes)})
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_SIZE} {_HEIGHT}" '
        f'width="{_SIZE}" height="{_HEIGHT}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" data-kind="{network.kind if show_roles else "hidden"}">',
        f'  <title id="{title_id}">{escape(title)}</title>',
        f'  <desc id="{desc_id}">{escape(description)}</desc>',
        f'  <rect width="{_SIZE}" height="{_HEIGHT}" fill="#ffffff"/>',
        f'  <text x="{_CENTRE}" y="24" text-anchor="middle" font-family="sans-serif" '
        f'font-size="18" font-weight="bold" fill="{_INK}">{escape(title)}</text>',
        '  <g stroke-width="2.5" stroke-linecap="round">',
    ]
    for a, b in network.links:
        start, end = by_id[a], by_id[b]
        out.append(f'    <line x1="{start.x}" y1="{start.y}" x2="{end.x}" y2="{end.y}" stroke="{_LINK}" '
                   f'data-from="{shown_id[a]}" data-to="{shown_id[b]}"/>')
    out.append('  </g>')
    for node in network.nodes:
        data = f'data-node="{shown_id[node.id]}"' + (f' data-role="{node.role}"' if show_roles else "")
        if node.role == "server":
            half = _SERVER_HALF
            out.append(f'  <rect x="{node.x - half}" y="{node.y - half}" width="{2 * half}" '
                       f'height="{2 * half}" rx="6" fill="{_SERVER}" stroke="{_INK}" stroke-width="2" {data}/>')
        else:
            out.append(f'  <circle cx="{node.x}" cy="{node.y}" r="{_NODE_RADIUS}" fill="{_COMPUTER}" '
                       f'stroke="{_INK}" stroke-width="2" {data}/>')
        if show_roles:
            label = "Server" if node.role == "server" else node.role.capitalize()
            # Labels sit inside the shape in white, so they never collide with the links.
            out.append(f'  <text x="{node.x}" y="{node.y + 4}" text-anchor="middle" font-family="sans-serif" '
                       f'font-size="{12 if node.role == "server" else 9}" fill="#ffffff" '
                       f'aria-hidden="true">{label}</text>')
    out.append('</svg>')
    return "\n".join(out) + "\n"


def revealed_svg(kind: str, size: int = DEFAULT_SIZE) -> str:
    """The drawing of ``kind`` with its real name and role labels."""
    return to_svg(build(kind, size), title=KIND_NAMES[kind], show_roles=True, id_prefix=f"{kind}-revealed")


def neutral_svg(kind: str, size: int = DEFAULT_SIZE) -> str:
    """The drawing of ``kind`` under its neutral name, with nothing that names the kind."""
    name = NEUTRAL_NAMES[kind]
    return to_svg(build(kind, size), title=name, show_roles=False, id_prefix=name)


def neutral_alt_text(kind: str, size: int = DEFAULT_SIZE) -> str:
    """Alt text for the neutral drawing: its neutral name and its shape, never its kind."""
    return f"{NEUTRAL_NAMES[kind]}: {describe(build(kind, size), reveal=False)}"


def revealed_alt_text(kind: str, size: int = DEFAULT_SIZE) -> str:
    return describe(build(kind, size), reveal=True)


def learning_circle_svg(people: int = 8) -> str:
    """A simple drawing of a learning circle: people seated in a ring, each at a computer, all
    facing the middle (our stand-in for the original course's photograph)."""
    _check_size(people)
    title = "A learning circle"
    description = (f"Drawing: {people} people sit in a circle around a round table, each with a "
                   f"laptop in front of them, all facing the middle so everyone can see everyone.")
    cx, cy, radius = _CENTRE, _CENTRE + _TITLE_ROOM, 112
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_SIZE} {_HEIGHT}" '
        f'width="{_SIZE}" height="{_HEIGHT}" role="img" '
        f'aria-labelledby="learning-circle-title learning-circle-desc">',
        f'  <title id="learning-circle-title">{title}</title>',
        f'  <desc id="learning-circle-desc">{escape(description)}</desc>',
        f'  <rect width="{_SIZE}" height="{_HEIGHT}" fill="#ffffff"/>',
        f'  <text x="{_CENTRE}" y="24" text-anchor="middle" font-family="sans-serif" '
        f'font-size="18" font-weight="bold" fill="{_INK}">{title}</text>',
        f'  <circle cx="{cx}" cy="{cy}" r="90" fill="#efe6d8" stroke="{_LINK}" stroke-width="2"/>',
    ]
    for index in range(people):
        angle = 2 * math.pi * index / people - math.pi / 2
        x = round(cx + radius * math.cos(angle), 1)
        y = round(cy + radius * math.sin(angle), 1)
        # Local drawing faces "up" (-y); turn it so each person faces the centre.
        turn = round(math.degrees(angle) - 90, 1)
        out.append(f'  <g transform="translate({x} {y}) rotate({turn})" data-person="{index + 1}">')
        out.append(f'    <ellipse cx="0" cy="9" rx="17" ry="9" fill="{_COMPUTER}"/>')
        out.append(f'    <circle cx="0" cy="-2" r="9" fill="#c98b5a" stroke="{_INK}" stroke-width="1.5"/>')
        out.append(f'    <rect x="-12" y="-31" width="24" height="15" rx="2" fill="#d9d9d9" stroke="{_INK}" stroke-width="1.5"/>')
        out.append('  </g>')
    out.append('</svg>')
    return "\n".join(out) + "\n"


#: File name -> SVG text of every drawing the book uses. Neutral files are named by letter only.
def book_images() -> dict[str, str]:
    images = {}
    for kind in KINDS:
        letter = NEUTRAL_NAMES[kind].split()[-1].lower()
        images[f"network-{letter}.svg"] = neutral_svg(kind)
        images[f"{kind}.svg"] = revealed_svg(kind)
    images["learning-circle.svg"] = learning_circle_svg()
    images["find-evaluate-adapt.svg"] = find_evaluate_adapt_svg()
    return dict(sorted(images.items()))


def write_book_images(folder: str | Path) -> list[Path]:
    """Write every drawing of :func:`book_images` into ``folder``; returns the paths written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, svg in book_images().items():
        path = folder / name
        path.write_text(svg, encoding="utf-8", newline="\n")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else Path(__file__).resolve().parent.parent / "book" / "images"
    for path in write_book_images(folder):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
