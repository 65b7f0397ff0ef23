"""HTML fragments of "Is it a learning circle?" (every learner text escaped through html_text)."""
from __future__ import annotations

from ..safe_text import html_text
from ..templating import package_text
from .cases import ATTRIBUTE_LABELS, ATTRIBUTE_MEANINGS, ATTRIBUTES, BY_KEY, CASES, VERDICT_LABELS, Case
from .model import CaseSheet

PACKAGE = "activities.is_it_a_circle"


def style_html() -> str:
    """The activity's own styles (the projector layout, the definition beside the attributes)."""
    return f"<style>{package_text(PACKAGE, 'circle.css')}</style>"


def labels(attributes) -> str:
    return ", ".join(ATTRIBUTE_LABELS[a].lower() for a in attributes) or "none"


def case_html(case: Case, css_class: str = "lc-circle-case") -> str:
    number = CASES.index(case) + 1
    return (f'<div class="{css_class}"><p class="lc-circle-count">Case {number} of {len(CASES)}</p>'
            f'<h3 class="lc-circle-case-title">{html_text(case.title)}</h3>'
            f'<p class="lc-circle-story">{html_text(case.story)}</p></div>')


def discussion_html(sheet: CaseSheet, key: str) -> str:
    """Our discussion and how the learner's answer compares; empty until the case is answered."""
    comparison = sheet.comparison(key)
    if comparison is None:
        return ""
    case, answer = BY_KEY[key], sheet.answers[key]
    verdict = (f"You said <strong>{VERDICT_LABELS[answer.verdict]}</strong>; we say "
               f"<strong>{VERDICT_LABELS[case.ours]}</strong>.")
    lines = [f"<li>You and we both see at stake: {labels(comparison.agreed)}.</li>"]
    if comparison.missed:
        lines.append(f"<li>We also see at stake: {labels(comparison.missed)}.</li>")
    if comparison.extra:
        lines.append(f"<li>You ticked, we did not: {labels(comparison.extra)} (say why, if you see it).</li>")
    return (f'<div class="lc-circle-discussion" role="status"><h4>Our discussion</h4><p>{verdict}</p>'
            f"<p>{html_text(case.discussion)}</p><ul>{''.join(lines)}</ul></div>")


def tally_html(sheet: CaseSheet, key: str) -> str:
    tally = sheet.tally(key)
    cells = "".join(f'<li class="lc-circle-tally-{verdict}"><span>{VERDICT_LABELS[verdict]}</span> '
                    f"<strong>{count}</strong></li>" for verdict, count in tally.items())
    return f'<ul class="lc-circle-tally" aria-label="The group\u2019s answers">{cells}</ul>'


def projector_html(sheet: CaseSheet) -> str:
    """Group mode: the current case in large text, the group's counts, then (once counted) ours."""
    case = sheet.case()
    parts = [case_html(case, "lc-circle-case lc-circle-projector"), tally_html(sheet, case.key)]
    if sheet.group_revealed(case.key):
        parts.append(f'<div class="lc-circle-discussion lc-circle-projector-discussion" role="status">'
                     f"<h4>Our discussion</h4><p>We say <strong>{VERDICT_LABELS[case.ours]}</strong>. "
                     f"At stake: {labels(case.at_stake)}.</p><p>{html_text(case.discussion)}</p></div>")
    else:
        parts.append('<p class="lc-circle-hint">Count the group\u2019s answers to see our discussion.</p>')
    return "".join(parts)


def definition_html(definition: str) -> str:
    """The learner's (or group's) definition beside the five attributes."""
    attributes = "".join(f"<li><strong>{ATTRIBUTE_LABELS[a]}</strong>: {html_text(ATTRIBUTE_MEANINGS[a])}</li>"
                         for a in ATTRIBUTES)
    own = (f'<p class="lc-circle-own">{html_text(definition.strip())}</p>' if definition.strip()
           else "<p><em>No definition written yet.</em></p>")
    return (f'<div class="lc-circle-definitions"><section><h4>Your definition</h4>{own}</section>'
            f"<section><h4>The five attributes</h4><ul>{attributes}</ul></section></div>")
