"""HTML fragments of "When it gets hard" (every learner text escaped through html_text)."""
from __future__ import annotations

from ..safe_text import html_text
from ..templating import package_text
from .cards import CARDS, TASK_LABELS, Card, Move
from .model import HardCards

PACKAGE = "activities.hard_cards"


def style_html() -> str:
    """The activity's own styles (the cards, the projector layout)."""
    return f"<style>{package_text(PACKAGE, 'cards.css')}</style>"


def task_names(tasks) -> str:
    return ", ".join(TASK_LABELS[task].lower() for task in tasks)


def card_html(card: Card | None, projector: bool = False) -> str:
    """The situation and its "what could you try?" prompts (large text on a projector)."""
    if card is None:
        return ('<p class="lc-hard-hint">Draw a card (or choose one) to start. Each card is a hard '
                "situation for the group to role-play.</p>")
    number = CARDS.index(card) + 1
    css = "lc-hard-card lc-hard-projector" if projector else "lc-hard-card"
    prompts = "".join(f"<li>{html_text(prompt)}</li>" for prompt in card.prompts)
    return (f'<div class="{css}"><p class="lc-hard-count">Situation {number} of {len(CARDS)}</p>'
            f'<h3 class="lc-hard-title">{html_text(card.title)}</h3>'
            f'<p class="lc-hard-situation">{html_text(card.situation)}</p>'
            f'<h4>What could you try?</h4><ul class="lc-hard-prompts">{prompts}</ul></div>')


def move_html(move: Move) -> str:
    tags = "".join(f'<span class="lc-hard-task">{html_text(TASK_LABELS[task])}</span>' for task in move.tasks)
    return f'<li><span class="lc-hard-move">{html_text(move.text)}</span> {tags}</li>'


def moves_html(model: HardCards) -> str:
    """What the group tried, then our suggested moves; a hint while they are still hidden."""
    card = model.card()
    if card is None:
        return ""
    tried = model.records.get(card.key)
    parts = []
    if tried is not None:
        parts.append(f'<div class="lc-hard-tried"><h4>What you tried</h4>'
                     f'<p class="lc-hard-own">{html_text(tried)}</p></div>')
    if model.moves(card.key) is None:
        parts.append('<p class="lc-hard-hint">Role-play the situation, then record what the group '
                     "tried to see our suggested moves (or reveal them now).</p>")
        return "".join(parts)
    moves = "".join(move_html(move) for move in card.moves)
    parts.append(f'<div class="lc-hard-moves" role="status"><h4>Suggested moves</h4><ul>{moves}</ul>'
                 f"<p>The facilitation tasks at work here: <strong>{task_names(card.tasks)}</strong>.</p></div>")
    return "".join(parts)


def progress_html(model: HardCards) -> str:
    practised = len(model.records)
    left = model.left_in_round()
    return (f'<p class="lc-hard-progress">Practised: {practised} of {len(CARDS)} situations. '
            f"Cards left before the deck is shuffled again: {left}.</p>")
