"""HTML of "10-minute facilitation": the rotation, the round on screen, the summary table. Every
learner text is escaped (``html_text``, or the templates, which escape through it)."""
from __future__ import annotations

from ..safe_text import html_text, link_html
from ..templating import package_text, render
from .materials import BY_KEY, OWN
from .model import CRITERIA, DEBRIEF_MINUTES, FACILITATION_MINUTES, Practice

PACKAGE = "activities.facilitation"


def style_html() -> str:
    return f"<style>{package_text(PACKAGE, 'facilitation.css')}</style>"


def rotation_html(practice: Practice) -> str:
    if not practice.rotation:
        return "<p>No group yet: type the names above.</p>"
    items = []
    for index, name in enumerate(practice.rotation):
        done = " (written down)" if name in practice.rounds else ""
        current = ' class="lc-current" aria-current="step"' if index == practice.current else ""
        items.append(f"<li{current}>Round {index + 1}: {html_text(name)}{done}</li>")
    return f'<ol class="lc-facilitation-rotation" aria-label="Who facilitates when">{"".join(items)}</ol>'


def now_html(practice: Practice) -> str:
    """The round and its facilitator, large enough for the room."""
    name = practice.facilitator()
    if name is None:
        return '<p class="lc-facilitation-now">Type the group\u2019s names to start the rounds.</p>'
    return (f'<p class="lc-facilitation-now" role="status">Round {practice.current + 1} of '
            f'{len(practice.rotation)}: <strong>{html_text(name)}</strong> facilitates.</p>')


def material_html(practice: Practice) -> str:
    rnd = practice.round()
    if rnd.material in BY_KEY:
        material = BY_KEY[rnd.material]
        return (f'<div class="lc-facilitation-material"><p>{html_text(material.description)}</p>'
                f"<p>Open it: {link_html(material.url, material.title)}</p></div>")
    if rnd.material == OWN:
        if not rnd.own_link:
            return '<div class="lc-facilitation-material"><p>Type the title and the link of your own choice.</p></div>'
        title = rnd.own_title.strip() or rnd.own_link
        return f'<div class="lc-facilitation-material"><p>Open it: {link_html(rnd.own_link, title)}</p></div>'
    return ('<div class="lc-facilitation-material"><p>Pick something short to watch or read first '
            f"(about {FACILITATION_MINUTES} minutes).</p></div>")


def criteria_labels() -> list[str]:
    return [label for _, label in CRITERIA]


def summary_table_html(practice: Practice, caption: str = "Our rounds") -> str:
    frame = practice.summary()
    return render(PACKAGE, "rounds-table.html", caption=caption, columns=[c for c in frame.columns if c != "Link"],
                  rows=frame.to_dict("records"), criteria=criteria_labels())


def summary_page(practice: Practice) -> str:
    """The printable summary (a whole page)."""
    return render(PACKAGE, "summary.html", table=summary_table_html(practice), criteria=criteria_labels(),
                  recorded=practice.rounds_recorded(), total=len(practice.rotation),
                  facilitation=FACILITATION_MINUTES, debrief=DEBRIEF_MINUTES)
