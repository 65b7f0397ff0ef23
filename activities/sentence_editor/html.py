"""HTML pieces the widget view shows. Learner text is always escaped here, never trusted."""
from __future__ import annotations

from html import escape

from . import fitting
from .barriers import BARRIERS
from .model import GalleryExample, SentenceModel


def message_html(message: str | None, kind: str = "warning") -> str:
    if not message:
        return ""
    return f'<div class="lc-message lc-{escape(kind)}" role="status">{escape(message)}</div>'


def prompts_html(model: SentenceModel) -> str:
    prompts = model.prompts()
    if not prompts:
        return "<p><em>Tick a barrier above to get a question that helps you revise the sentence.</em></p>"
    items = "".join(f"<li><strong>{escape(name)}:</strong> {escape(q)}</li>" for name, q in prompts)
    return f"<ul class=\"lc-prompts\">{items}</ul>"


def history_html(model: SentenceModel) -> str:
    if not model.history:
        return "<p><em>No saved versions yet.</em></p>"
    items = "".join(
        f'<li><time datetime="{escape(v.saved_at)}">{escape(v.saved_at.replace("T", " "))}</time>: '
        f"{escape(v.text) or '<em>(empty)</em>'}</li>"
        for v in model.history
    )
    return f'<ol class="lc-history">{items}</ol>'


def gallery_html(examples: list[GalleryExample]) -> str:
    names = {b.id: b.name for b in BARRIERS}
    items = "".join(
        f"<li><strong>{escape(e.title)}</strong> "
        f"<small>({escape(', '.join(names.get(b, b) for b in e.barriers))})</small><br>"
        f"{escape(e.text)}</li>"
        for e in examples
    )
    return f'<ul class="lc-gallery">{items}</ul>'


def slide_html(text: str, layout: fitting.Layout | None = None) -> str:
    """A static picture of the slide in HTML (what the preview shows when no JavaScript runs)."""
    layout = layout or fitting.fit(text)
    scale = 0.4
    lines = "".join(
        f'<div style="white-space:pre;height:{layout.line_height * scale:.2f}px;'
        f'line-height:{layout.line_height * scale:.2f}px" dir="auto">{escape(line)}</div>'
        for line in layout.lines
    )
    flat = " ".join(fitting.normalise(text).split())
    return (
        f'<div role="img" aria-label="Slide: {escape(flat, quote=True)}" style="width:{fitting.SLIDE_WIDTH * scale:.0f}px;'
        f"height:{fitting.SLIDE_HEIGHT * scale:.0f}px;background:#1d3557;color:#fff;display:flex;"
        f"flex-direction:column;justify-content:center;text-align:center;overflow:hidden;"
        f'font-family:\'DejaVu Sans\',sans-serif;font-size:{layout.size * scale:.2f}px">{lines}</div>'
        + message_html(layout.message)
    )
