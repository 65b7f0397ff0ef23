"""The drawings of "Which network is which?" (SVG from ``activities.diagrams``)."""
from __future__ import annotations

from .. import diagrams
from .model import WhichNetwork, diagram_title


def neutral_svg(model: WhichNetwork, position: int) -> str:
    """The drawing at ``position``; neither its picture nor its text names its kind."""
    kind = model.order[position]
    title = diagram_title(position)
    network = diagrams.build(kind)
    return diagrams.to_svg(network, title=title, show_roles=False,
                           description=f"{title}: {diagrams.describe(network, reveal=False)}",
                           id_prefix=f"lc-which-network-{position + 1}")


def revealed_svg(model: WhichNetwork, position: int) -> str:
    kind = model.order[position]
    return diagrams.to_svg(diagrams.build(kind), title=f"{diagram_title(position)}: "
                           f"{diagrams.KIND_NAMES[kind]}", show_roles=True,
                           id_prefix=f"lc-which-network-revealed-{position + 1}")


def drawing_html(model: WhichNetwork, position: int) -> str:
    """The drawing as the learner sees it: revealed once that diagram is labelled correctly."""
    svg = revealed_svg(model, position) if model.is_correct(position) else neutral_svg(model, position)
    return f'<div class="lc-network-drawing">{svg}</div>'
