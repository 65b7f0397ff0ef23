"""The sentence editor's slide as measured in a browser (the lab and the static page share it)."""
from __future__ import annotations

#: A sentence long enough that the slide must shrink its text to fit.
LONG = ("Anybody who can get to the library after work, who has heard that free courses exist, "
        "who feels welcome, and who has a group of neighbours to learn with, can learn a lot of "
        "things, in many places, for free or nearly free, although racism, money and narrow ideas "
        "about knowledge still get in the way for far too many people in our town.")

# Where each line's text really is on screen, and the slide's own box (in CSS pixels).
GEOMETRY = """(sel) => {
    const slide = document.querySelector(sel);
    const box = slide.getBoundingClientRect();
    const lines = [...slide.querySelectorAll('.lc-slide-line')].filter(l => l.textContent).map(l => {
        const range = document.createRange();
        range.selectNodeContents(l);
        const r = range.getBoundingClientRect();
        return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, text: l.textContent};
    });
    return {slide: {left: box.left, right: box.right, top: box.top, bottom: box.bottom,
                    width: box.width, height: box.height},
            lines, size: Number(slide.dataset.fontSize), label: slide.getAttribute('aria-label')};
}"""


def assert_inside(geo):
    slide = geo["slide"]
    assert abs(slide["width"] / slide["height"] - 16 / 9) < 0.01, "the preview is not 16:9"
    assert geo["lines"], "the preview shows no text"
    for line in geo["lines"]:
        assert line["left"] >= slide["left"] - 0.5 and line["right"] <= slide["right"] + 0.5, line
        assert line["top"] >= slide["top"] - 0.5 and line["bottom"] <= slide["bottom"] + 0.5, line
