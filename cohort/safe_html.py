"""Keep learners' markdown from running in the trainer's browser.

nbgrader's formgrader and feedback templates render markdown cells with
``markdown2html | strip_files_prefix`` and no sanitising, so a reflection holding
``<script>`` or ``<img onerror=...>`` would run in the grader's (or learner's) browser. The cohort
configuration (``nbgrader_config.py``) replaces the ``strip_files_prefix`` filter of nbconvert's
``HTMLExporter`` with :func:`strip_files_prefix_and_clean`, which does the same and then keeps
only markdown's own tags and safe attributes. Anything else is escaped, not dropped, so the grader
still sees exactly what the learner typed.

Nothing in learners' text may make the browser load anything (an image from a stranger's server
tells them who opened the submission, and when): images are escaped like any other tag, so
``<img src=...>`` or markdown's ``![...](...)`` shows as visible text with its address; ``<link>``,
``<style>``, ``<svg>`` and ``style`` attributes (CSS ``url()``) never get through. The pages also
carry a content security policy (:mod:`cohort.page_policy`), the second lock.
"""
from __future__ import annotations

import bleach
from nbconvert.filters import strip_files_prefix

#: What markdown produces (and tables, details), nothing that can run code or load anything
#: (no ``img``: a link is followed only when the reader chooses to).
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "kbd", "li", "ol", "p", "pre", "s",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
ALLOWED_ATTRIBUTES = {
    "*": ["class", "id", "title", "dir", "lang"],
    "a": ["href", "title", "name"],
    "td": ["align", "colspan", "rowspan"], "th": ["align", "colspan", "rowspan", "scope"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})


def clean_markdown_html(html_text: str) -> str:
    """Rendered markdown with everything that could run or load from anywhere escaped."""
    return bleach.clean(str(html_text), tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                        protocols=ALLOWED_PROTOCOLS, strip=False)


def strip_files_prefix_and_clean(html_text: str) -> str:
    """nbconvert's ``strip_files_prefix`` followed by :func:`clean_markdown_html`."""
    return clean_markdown_html(strip_files_prefix(html_text))
