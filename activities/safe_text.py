"""Helpers for showing and exporting text a learner typed. All of it is treated as untrusted.

- :func:`html_text` escapes text for HTML (every place that renders learner text goes through it).
- :func:`csv_cell` / :func:`csv_uncell` guard spreadsheet cells against formula injection and
  undo that guard on import, so a round trip through CSV gives back exactly what was typed.
- :func:`slug` / :func:`safe_filename` turn a learner's title into an ASCII name (anchors, files).
- :func:`shorten` cuts text for a one-line label, on a word boundary, with an ellipsis.
- :func:`csv_bytes` is the one CSV writer: every cell through :func:`csv_cell`, UTF-8 with BOM.

Whole HTML pages are rendered from Jinja2 templates with autoescape (:mod:`activities.templating`).
"""
from __future__ import annotations

import csv
import html
import io
import re
import unicodedata
from urllib.parse import urlsplit

# A spreadsheet treats a cell starting with one of these as a formula (OWASP's list).
_FORMULA_START = "=+-@\t\r"
_NEEDS_GUARD = re.compile(r"^'*[=+\-@\t\r]")
_HAS_GUARD = re.compile(r"^'+[=+\-@\t\r]")


def html_text(text: str) -> str:
    """``text`` escaped for use inside HTML elements and attribute values."""
    return html.escape(str(text), quote=True)


def csv_cell(text: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would run as a formula.

    Text that already starts with quotes followed by a formula character gets one more quote, so
    :func:`csv_uncell` can always undo exactly what was added.
    """
    return "'" + text if _NEEDS_GUARD.match(text) else text


def csv_uncell(text: str) -> str:
    """Undo :func:`csv_cell` (also removes the guard a spreadsheet user typed by hand)."""
    return text[1:] if _HAS_GUARD.match(text) else text


def slug(text: str, default: str = "item", max_length: int = 60) -> str:
    """Lower-case ASCII letters, digits and dashes, e.g. ``"Café Talks!"`` -> ``"cafe-talks"``."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    stem = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()[:max_length].strip("-")
    return stem or default


def safe_filename(title: str, default: str, suffix: str, max_length: int = 60) -> str:
    """A file name made of ASCII letters, digits and dashes, e.g. ``my-circle.ics``."""
    return f"{slug(title, default, max_length)}{suffix}"


def shorten(text: str, limit: int = 50, placeholder: str = "\u2026") -> str:
    """``text`` on one line, at most ``limit`` characters, cut at a space where one is near."""
    flat = " ".join(str(text).split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - len(placeholder)]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip() + placeholder


def csv_bytes(header: list[str], rows) -> bytes:
    """The one CSV writer: a header and rows of cells, every text cell formula-guarded.

    UTF-8 with a byte order mark (so spreadsheet programs read accents and emoji right) and
    CRLF line ends (RFC 4180).
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_cell(str(cell)) for cell in header])
    for row in rows:
        writer.writerow([csv_cell(cell) if isinstance(cell, str) else ("" if cell is None else cell)
                         for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def checked_link(text: str) -> tuple[str | None, str | None]:
    """``(url, None)`` for an http(s) link, ``(None, reason)`` for anything else; blank is fine."""
    url = str(text).strip()
    if not url:
        return None, None
    if any(ch.isspace() or unicodedata.category(ch) == "Cc" for ch in url):
        return None, "a link cannot contain spaces or control characters"
    try:
        parts = urlsplit(url)
    except ValueError:
        return None, "this does not look like a web address"
    if parts.scheme.lower() not in ("http", "https"):
        return None, "only web links starting with http:// or https:// can be used"
    if not parts.hostname:
        return None, "the link has no web site name after http(s)://"
    return url, None


def link_html(url: str, label: str | None = None) -> str:
    """A safe link to a checked http(s) URL that opens in a new tab."""
    return (f'<a href="{html_text(url)}" target="_blank" rel="noopener noreferrer">'
            f"{html_text(label if label is not None else url)}</a>")
