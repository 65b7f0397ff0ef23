"""The sentence editor in a real JupyterLab, driven by Playwright in Debian's Chromium."""
from __future__ import annotations

import io
import json
import time

import pytest
from PIL import Image

from activities.sentence_editor import fitting
from activities.sentence_editor.model import SLOGAN
from support.lab import open_notebook, run_all_cells, wait_for_kernel_idle, wait_for_widget
from support.slide import GEOMETRY, LONG, assert_inside

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/sentence-editor.ipynb"
INPUT = ".lc-sentence-input"
SLIDE = ".lc-slide"


@pytest.fixture
def editor(lab_page, lab_server):
    """The notebook opened and run, starting from the slogan (no work saved by an earlier test)."""
    (lab_server.data_dir / "sentence-editor.json").unlink(missing_ok=True)
    open_notebook(lab_page, lab_server, NOTEBOOK)
    run_all_cells(lab_page)
    wait_for_widget(lab_page, ".lc-sentence[data-ready='true']")
    return lab_page


def geometry(page):
    return page.evaluate(GEOMETRY, SLIDE)


def wait_saved(lab_server, text, timeout=20):
    path = lab_server.data_dir / "sentence-editor.json"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and json.loads(path.read_text(encoding="utf-8"))["data"]["text"] == text:
            return
        time.sleep(0.2)
    raise AssertionError(f"saved work never held the typed text: {path.read_text() if path.exists() else 'no file'}")


def test_typing_refits_the_preview_inside_the_slide_and_exports_a_png(editor, lab_server):
    page = editor
    start = geometry(page)
    assert " ".join(line["text"] for line in start["lines"]) == SLOGAN
    assert abs(start["size"] - fitting.fit(SLOGAN).size) <= 2
    assert_inside(start)

    box = page.locator(INPUT)
    label_for = page.locator(f"label[for='{box.get_attribute('id')}']")
    assert label_for.inner_text() == "Your sentence"
    box.fill("")
    box.press_sequentially(LONG[:120])  # real key presses for part of it
    box.press("End")
    box.type(LONG[120:], delay=0)
    page.wait_for_function(f"() => document.querySelector('{SLIDE}').dataset.fontSize < {start['size']}")
    after = geometry(page)
    shown = " ".join(line["text"] for line in after["lines"])
    assert shown == LONG, "the preview does not show the whole typed sentence"
    assert after["size"] < start["size"]
    assert abs(after["size"] - fitting.fit(LONG).size) <= max(2, 0.03 * after["size"])
    assert_inside(after)
    assert LONG[:200] in after["label"], "the slide's accessible name does not carry the text"
    wait_saved(lab_server, LONG)

    page.get_by_role("button", name="Export slide as PNG").click()
    link = page.locator(".lc-sentence-export-result a[download]")
    link.wait_for(timeout=30_000)
    name = link.get_attribute("download")
    png = lab_server.data_dir / "exports" / name
    assert png.exists(), f"no exported file {png}"
    image = Image.open(io.BytesIO(png.read_bytes()))
    assert image.format == "PNG" and image.size == (fitting.SLIDE_WIDTH, fitting.SLIDE_HEIGHT)
    assert name.startswith("slide-") and name.endswith(".png") and name.isascii()

    # A kernel restart (or reopening the notebook) brings the group's sentence back.
    page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.restart()")
    wait_for_kernel_idle(page)
    run_all_cells(page)
    page.wait_for_function(
        "([sel, text]) => { const boxes = document.querySelectorAll(sel);"
        " return boxes.length === 1 && boxes[0].value === text; }", arg=[INPUT, LONG])
    wait_for_widget(page, ".lc-sentence[data-ready='true']")
    assert " ".join(line["text"] for line in geometry(page)["lines"]) == LONG


SAMPLES = [
    "Anybody can learn",
    "Some people with time and a library card can learn some things nearby",
    "W" * 90,
    " ".join(["community"] * 60),
    "Learning together\nat the library\non Tuesdays",
    " ".join(["people who already feel like learners"] * 25),
]


def test_browser_fit_agrees_with_the_python_reference(editor):
    page = editor
    box = page.locator(INPUT)
    same_lines = 0
    for text in SAMPLES:
        box.fill(text)
        page.wait_for_function(
            "([sel, n]) => [...document.querySelector(sel).querySelectorAll('.lc-slide-line')]"
            ".map(l => l.textContent).join(' ').replace(/\\s+/g, '') === n",
            arg=[SLIDE, "".join(text.split())])
        geo = geometry(page)
        reference = fitting.fit(text)
        assert abs(geo["size"] - reference.size) <= max(2, 0.03 * reference.size), (text, geo["size"], reference.size)
        assert_inside(geo)
        if geo["size"] == reference.size:
            same_lines += [line["text"] for line in geo["lines"]] == [l for l in reference.lines if l]
    # Same font, same rules: the preview breaks the lines where the PNG export does.
    assert same_lines >= len(SAMPLES) - 1, f"only {same_lines} of {len(SAMPLES)} previews match the export's lines"


def test_hostile_text_is_shown_as_text_and_projector_mode_enlarges_the_slide(editor):
    page = editor
    hostile = "<img src=x onerror=\"window.__pwned=1\"> <script>window.__pwned=2</script> مرحبا 👋"
    page.locator(INPUT).fill(hostile)
    page.wait_for_function(f"() => document.querySelector('{SLIDE}').textContent.includes('مرحبا')")
    assert page.locator(f"{SLIDE} img, {SLIDE} script").count() == 0
    assert page.evaluate("() => window.__pwned") is None
    assert "<script>" in page.locator(SLIDE).inner_text()

    # 100,000 characters: everything stays on the slide, and the group is told it is too small.
    huge = "learning " * 11_111 + "end"
    page.locator(INPUT).fill(huge)
    page.wait_for_function(f"() => document.querySelector('{SLIDE}').dataset.legible === 'false'")
    geo = geometry(page)
    assert geo["size"] < fitting.MIN_LEGIBLE_SIZE and abs(geo["size"] - fitting.fit(huge).size) <= 2
    assert " ".join(line["text"] for line in geo["lines"]) == huge
    assert_inside(geo)
    assert "back of the room" in page.locator(".lc-slide-status").inner_text()

    small = geometry(page)["slide"]["width"]
    # Keyboard only: from the text box, Tab reaches the projector button and Space presses it.
    page.locator(INPUT).focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Projector mode"
    page.keyboard.press("Space")
    page.wait_for_function(f"() => document.querySelector('{SLIDE}').getBoundingClientRect().width > {small + 1}")
    assert page.get_by_role("button", name="Leave projector mode").get_attribute("aria-pressed") == "true"
    assert_inside(geometry(page))


def test_the_editor_passes_axe_accessibility_checks(editor):
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(editor, context=".lc-sentence-editor")
    checked = {rule["id"] for rule in result.response["passes"]}
    assert {"label", "button-name", "role-img-alt", "color-contrast"} <= checked, "axe did not check the editor"
    violations = [(v["id"], v["nodes"][0]["html"][:200]) for v in result.response["violations"]]
    assert not violations, violations


def test_barriers_and_versions_work_by_keyboard_alone(editor, lab_server):
    page = editor
    box = page.locator(INPUT)
    before = page.locator(".lc-sentence-history li").count()
    cells = page.evaluate("() => document.querySelectorAll('.jp-Notebook .jp-Cell').length")
    box.fill("first draft")
    wait_saved(lab_server, "first draft")
    save = page.get_by_role("button", name="Save this version")
    save.focus()
    page.keyboard.press("Enter")
    box.fill("second draft")
    wait_saved(lab_server, "second draft")
    save.focus()
    page.keyboard.press("Enter")
    versions = page.get_by_label("Saved versions")
    page.wait_for_function(f"() => document.querySelectorAll('.lc-sentence-history li').length === {before + 2}")

    racism = page.get_by_label("Racism", exact=True)
    racism.focus()
    page.keyboard.press("Space")
    page.locator(".lc-sentence-prompts", has_text="Racism").wait_for()

    versions.focus()
    page.keyboard.press("ArrowDown")  # newest is first; go to the older one
    chosen = versions.evaluate("s => s.options[s.selectedIndex].textContent.replace(/\\u00a0/g, ' ')")
    assert chosen.endswith("UTC: first draft"), chosen
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent").strip() == "Restore this version"
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.querySelector('{INPUT}').value === 'first draft'")
    assert page.evaluate("() => document.querySelectorAll('.jp-Notebook .jp-Cell').length") == cells, \
        "a key went to the notebook instead of the activity (a cell was added or removed)"
    data = json.loads((lab_server.data_dir / "sentence-editor.json").read_text(encoding="utf-8"))["data"]
    assert data["barriers"] == ["racism"] and data["text"] == "first draft"
