"""Shared test helpers for the activities: hostile text that every activity must survive."""
from __future__ import annotations

import html

from bs4 import BeautifulSoup
from hypothesis import strategies as st

#: Text a learner might type (or paste) that has broken software before.
HOSTILE_EXAMPLES = [
    "",
    "   \t \n ",
    "x" * 100_000,
    "Learning together 🎉👩🏽‍🏫🏳️‍🌈",
    "مرحبا بكم في حلقة التعلم",  # right-to-left
    "\u202eevil\u202c reversed",
    "e\u0301 a\u0308\u0301\u0327 Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",  # combining marks
    "nul\x00byte\x00",
    "<script>alert('x')</script><img src=x onerror=alert(1)>",
    '"quoted", \'single\' & ampersand; semi;colon\\back',
    "=HYPERLINK(\"http://evil\")",
    "+1", "-1", "@SUM(A1)", "'=already", "\ttab", "\rcr", "line\r\nbreak\nand\rmore",
]

hostile_text = st.one_of(
    st.sampled_from(HOSTILE_EXAMPLES),
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.builds(lambda a, b: a + b, st.sampled_from(HOSTILE_EXAMPLES), st.text(max_size=20)),
)


def assert_escaped_in(rendered: str, text: str) -> None:
    """``text`` appears in ``rendered`` only in escaped form: no raw markup gets through."""
    assert html.escape(text, quote=True) in rendered
    lowered = rendered.lower()
    assert "<script" not in lowered and "<img src=x" not in lowered


def assert_harmless_page(page: str, allowed_tags: set[str]) -> None:
    """A printable page holds only ``allowed_tags`` and nothing that loads or runs: no event
    handler, no ``href`` or ``src``."""
    soup = BeautifulSoup(page, "html.parser")
    assert {tag.name for tag in soup.find_all(True)} <= allowed_tags
    for tag in soup.find_all(True):
        assert not any(name.lower().startswith("on") for name in tag.attrs), tag
        assert "href" not in tag.attrs and "src" not in tag.attrs, tag
