"""The one HTML layer for whole pages: Jinja2 templates with autoescape always on.

A package keeps its page templates in its ``templates/`` folder (and the CSS/JS they inline in
package files next to them); ``render("activities", "check-in.html", plan=...)`` fills one in.
Every value put into a template is escaped unless a template marks it ``|safe`` (only for HTML
this code made itself, such as an SVG chart).
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import jinja2
from markupsafe import Markup

from .safe_text import html_text

#: What a whole page made here may load: nothing from anywhere (its CSS is inline, its pictures
#: inline SVG or data: URLs). Learners' text is escaped anyway; this is the second lock, so no
#: text a learner typed can make a browser fetch anything (issue 14). Templates put it first in
#: their ``<head>`` as ``{{ page_policy }}``.
PRINTABLE_POLICY = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
                    "base-uri 'none'; form-action 'none'")


def _escaped(value) -> Markup:
    return value if isinstance(value, Markup) else Markup(html_text(value))


@lru_cache(maxsize=None)
def environment(package: str) -> jinja2.Environment:
    """The template environment of ``package`` (its ``templates/`` folder)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        autoescape=True,  # every template, whatever its file name
        undefined=jinja2.StrictUndefined,  # a missing value is a bug, not an empty string
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        # Every value goes through the course's one escaper (HTML this code made, marked
        # ``|safe``, passes unchanged), so templates escape exactly as the widgets do.
        finalize=_escaped)
    env.globals["asset"] = lambda name: package_text(package, name)
    env.globals["page_policy"] = Markup(
        f'<meta http-equiv="Content-Security-Policy" content="{html_text(PRINTABLE_POLICY)}">')
    return env


def render(package: str, template: str, **context) -> str:
    """``template`` of ``package`` filled with ``context`` (escaped)."""
    return environment(package).get_template(template).render(**context)


@lru_cache(maxsize=None)
def package_text(package: str, name: str) -> str:
    """A text file shipped in ``package`` (CSS, JS), e.g. ``package_text("activities", "ui.css")``."""
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")
