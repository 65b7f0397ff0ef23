"""Our drawing of the course-choosing cycle on "Finding and judging a course": find, evaluate,
adapt, and back to find. The stages are plain data first (:data:`STAGES`), so a test can check the
picture against them; the SVG is deterministic (``activities.diagrams.book_images`` writes it to
``book/images/`` and a test compares the committed file) and accessible (``role="img"``,
``<title>``, ``<desc>``)."""
from __future__ import annotations

from .safe_text import html_text as escape

#: (stage, what it means), in the order the cycle runs.
STAGES = (
    ("Find", "look for a few free candidates"),
    ("Evaluate", "check licence, login, how long it stays up, scope"),
    ("Adapt", "skip, reorder, add local material"),
)

_WIDTH, _HEIGHT = 420, 290
_BOX_W, _BOX_H = 150, 62
# Box centres: Find at the top, Evaluate bottom right, Adapt bottom left (the cycle turns clockwise).
_CENTRES = ((210, 78), (335, 232), (85, 232))
_INK = "#1b1b1b"
_BOX = "#1d4f91"
_ARROW = "#4a4a4a"


def cycle_alt_text() -> str:
    steps = "; ".join(f"{name}: {meaning}" for name, meaning in STAGES)
    return (f"A cycle of three steps joined by arrows, each leading to the next and the last back to "
            f"the first. {steps}. Then find again if needed.")


def _edge_point(centre: tuple[float, float], towards: tuple[float, float]) -> tuple[float, float]:
    """Where the line from one box centre to another leaves the box (so arrows do not hide text)."""
    (x, y), (tx, ty) = centre, towards
    dx, dy = tx - x, ty - y
    scale = min((_BOX_W / 2 + 6) / abs(dx) if dx else float("inf"),
                (_BOX_H / 2 + 6) / abs(dy) if dy else float("inf"))
    return round(x + dx * scale, 1), round(y + dy * scale, 1)


def find_evaluate_adapt_svg() -> str:
    title = "No perfect course: find, evaluate, adapt"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {_HEIGHT}" width="{_WIDTH}" '
        f'height="{_HEIGHT}" role="img" aria-labelledby="course-cycle-title course-cycle-desc">',
        f'  <title id="course-cycle-title">{escape(title)}</title>',
        f'  <desc id="course-cycle-desc">{escape(cycle_alt_text())}</desc>',
        '  <defs><marker id="course-cycle-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="{_ARROW}"/></marker></defs>',
        f'  <rect width="{_WIDTH}" height="{_HEIGHT}" fill="#ffffff"/>',
        f'  <text x="{_WIDTH / 2}" y="24" text-anchor="middle" font-family="sans-serif" font-size="16" '
        f'font-weight="bold" fill="{_INK}">{escape(title)}</text>',
    ]
    count = len(STAGES)
    for index in range(count):
        start, end = _CENTRES[index], _CENTRES[(index + 1) % count]
        (x1, y1), (x2, y2) = _edge_point(start, end), _edge_point(end, start)
        out.append(f'  <line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{_ARROW}" stroke-width="2.5" '
                   f'marker-end="url(#course-cycle-arrow)" data-from="{STAGES[index][0]}" '
                   f'data-to="{STAGES[(index + 1) % count][0]}"/>')
    for (name, meaning), (x, y) in zip(STAGES, _CENTRES):
        out.append(f'  <g data-stage="{escape(name)}">')
        out.append(f'    <rect x="{x - _BOX_W / 2}" y="{y - _BOX_H / 2}" width="{_BOX_W}" height="{_BOX_H}" '
                   f'rx="10" fill="{_BOX}"/>')
        out.append(f'    <text x="{x}" y="{y - 6}" text-anchor="middle" font-family="sans-serif" font-size="17" '
                   f'font-weight="bold" fill="#ffffff">{escape(name)}</text>')
        words = meaning.split()
        half = (len(words) + 1) // 2
        for line, text in enumerate((" ".join(words[:half]), " ".join(words[half:]))):
            out.append(f'    <text x="{x}" y="{y + 12 + 13 * line}" text-anchor="middle" font-family="sans-serif" '
                       f'font-size="10.5" fill="#ffffff">{escape(text)}</text>')
        out.append('  </g>')
    out.append('</svg>')
    return "\n".join(out) + "\n"
