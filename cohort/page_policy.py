"""Content security policies: what a page showing learners' text may make the browser load.

Escaping (:mod:`activities.safe_text`, :mod:`cohort.safe_html`) keeps learners' text from being
markup at all; a policy is the second lock, in case some path forgets. No page a trainer or a
learner reads may load anything from elsewhere because of what a learner typed (an image from a
stranger's server tells them who opened the page, and when).

* The cohort dashboard: :data:`OWN_PAGES` in a ``<meta>``; the printable pages (activities'
  summaries, the grading report): ``activities.templating.PRINTABLE_POLICY`` (``{{ page_policy }}``).
* nbgrader's feedback pages (static files learners open): :data:`FEEDBACK_PAGES`, added by
  :func:`add_policy_to_file` after ``nbgrader generate_feedback``.
* Formgrader (pages of the trainer's Jupyter server): :data:`FORMGRADER`, sent as a header by the
  server extension :mod:`cohort.formgrader_policy`.
"""
from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup

from activities.safe_text import html_text
from activities.templating import PRINTABLE_POLICY

#: Our own pages: their CSS is inline, their one script a file next to them, the chart an image
#: next to them. Nothing else, from nowhere else.
OWN_PAGES = ("default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
             "base-uri 'none'; form-action 'none'")
#: Feedback pages need no script (their MathJax and require.js come from CDNs that are blocked
#: anyway offline); images only those nbconvert embedded (data:): the printable pages' policy.
FEEDBACK_PAGES = PRINTABLE_POLICY
#: Formgrader's pages run nbgrader's own scripts from the same server and talk to its API.
FORMGRADER = ("default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
              "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
              "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'")


def meta_tag(policy: str = OWN_PAGES) -> Markup:
    return Markup(f'<meta http-equiv="Content-Security-Policy" content="{html_text(policy)}">')


_HEAD = re.compile(r"<head[^>]*>", re.IGNORECASE)


def with_policy(page: str, policy: str) -> str:
    """``page`` with the policy as the first element of its head (a policy only governs what
    comes after it)."""
    match = _HEAD.search(page)
    if match is None:
        return f"{meta_tag(policy)}\n{page}"
    return f"{page[:match.end()]}\n{meta_tag(policy)}{page[match.end():]}"


def add_policy_to_file(path: Path, policy: str = FEEDBACK_PAGES) -> None:
    path = Path(path)
    page = path.read_text(encoding="utf-8")
    if 'http-equiv="Content-Security-Policy"' not in page:
        path.write_text(with_policy(page, policy), encoding="utf-8")
