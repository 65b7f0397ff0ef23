"""A self-paced learner's walk through the course, as tests.

A learner (a librarian, not a programmer) reads the pages in order, on a laptop or a phone, and
opens the activities either on the course website (no kernel: a picture of the activity) or in
JupyterLab. These tests check what such a learner would trip over: a page that does not lead to
the next one, a notebook that does not say how to run it, an activity that looks usable but is
dead on the website without saying so, controls cut off or sticking out on a 390 px phone screen,
headings that skip levels inside the activities, and MyST boxes shown as raw text in JupyterLab.
"""
from __future__ import annotations

import re
import time
from pathlib import Path

import nbformat
import pytest
from axe_playwright_python.sync_playwright import Axe

from support.book import article
from support.paths import ROOT
from support.lab import open_notebook, wait_for_widget
from support.site import NARROW_PROBLEMS_JS, describe_violations, leaves_localhost, run_axe
from support.toc import course_pages, notebook_pages, toc_entries

PHONE = {"width": 390, "height": 844}
WIDGET_TIMEOUT_MS = 30_000


TOC = toc_entries()
NOTEBOOKS = notebook_pages()
# The course a learner walks, in order: from the home page to the end of the last part before
# the About part (reference material).
COURSE = course_pages()


# --- the course reads as one course -----------------------------------------------------------

@pytest.mark.parametrize("here, after", list(zip(COURSE, COURSE[1:])), ids=lambda entry: entry)
def test_each_page_leads_to_the_next(built_book, here, after):
    """Besides the theme's Next button, the text itself tells the learner where to go next."""
    hrefs = [a.get("href", "").split("#")[0] for a in article(built_book, here).find_all("a")]
    target = (built_book / f"{after}.html").resolve()
    here_dir = (built_book / here).parent
    assert any(h and (here_dir / h).resolve() == target for h in hrefs), \
        f"{here} never mentions the next page, {after}"


# --- notebooks say how to use them ------------------------------------------------------------

@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_says_how_to_run_it_before_its_code(notebook):
    cells = nbformat.read(ROOT / f"{notebook}.ipynb", as_version=4).cells
    first_code = next(i for i, cell in enumerate(cells) if cell.cell_type == "code")
    before = " ".join(cell.source for cell in cells[:first_code])
    assert "Run → Run All Cells" in before, f"{notebook}: no 'Run → Run All Cells' before the code"
    assert re.search(r"Launch\b", before) and "Binder" in before and "JupyterHub" in before, \
        f"{notebook}: does not say how to open it from the course website"
    assert "never need to write" in before, f"{notebook}: does not reassure that no coding is needed"


# --- the static site: phone width, and activities without a kernel ----------------------------

def _offline_context(browser, viewport):
    context = browser.new_context(viewport=viewport)
    context.route("**/*", lambda route: route.abort() if leaves_localhost(route.request.url)
                  else route.continue_())
    return context


@pytest.fixture(scope="module")
def phone(browser):
    context = _offline_context(browser, PHONE)
    yield context
    context.close()


@pytest.fixture(scope="module")
def desktop(browser):
    context = _offline_context(browser, {"width": 1280, "height": 900})
    yield context
    context.close()


def _open(context, url, activity: bool):
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    if activity:
        page.locator(".lc-activity").first.wait_for(state="visible", timeout=WIDGET_TIMEOUT_MS)
    return page


@pytest.mark.parametrize("entry", TOC)
def test_page_fits_a_phone_screen(site, phone, entry):
    page = _open(phone, f"{site}{entry}.html", activity=entry in NOTEBOOKS)
    try:
        problems = page.evaluate(NARROW_PROBLEMS_JS)
        assert not problems, f"{entry} at {PHONE['width']} px:\n" + "\n".join(problems[:15])
    finally:
        page.close()


@pytest.mark.parametrize("entry", NOTEBOOKS)
def test_static_activity_page_guides_the_learner(site, desktop, entry):
    page = _open(desktop, f"{site}{entry}.html", activity=True)
    try:
        # Without a kernel the activity's controls do nothing: it says so, where the learner looks.
        note = page.locator(".lc-activity .lc-not-connected").first
        assert note.is_visible(), f"{entry}: no visible note that the activity is not running"
        text = note.inner_text()
        assert "Launch" in text and "Run All Cells" in text, text
        # The page's own "How to use this activity" box comes before the activity.
        how_to = page.locator("div.admonition.how-to")
        assert how_to.count() == 1, f"{entry}: no 'How to use this activity' box"
        assert how_to.evaluate("(box) => box.compareDocumentPosition(document.querySelector("
                               "'.lc-activity')) & Node.DOCUMENT_POSITION_FOLLOWING"), \
            f"{entry}: the how-to box comes after the activity"

        # Keyboard users see where they are: every control gets a clear outline when focused.
        page.keyboard.press("Tab")  # keyboard mode: the browser now shows focus as it does for Tab
        weak = page.evaluate(FOCUS_OUTLINES_JS)
        assert not weak, f"{entry}: controls without a visible keyboard focus: {weak[:8]}"

        # axe's moderate findings too (heading levels in the activities' own HTML), except the
        # theme's sidebar title that sits outside a landmark ("region").
        result = run_axe(page, Axe().axe_script)
        found = [v for v in result["violations"] if v["impact"] != "minor" and v["id"] != "region"]
        assert not found, f"axe-core on {entry}:\n{describe_violations(found)}"

        # The Launch button the notes point to is there and offers what they name.
        launch = page.get_by_role("button", name=re.compile("^Launch"))
        launch.click()
        menu = page.locator(".dropdown-launch-buttons")
        for choice in ("Binder", "JupyterHub"):
            try:
                menu.get_by_role("link", name=choice).wait_for(state="visible", timeout=5_000)
            except Exception as error:  # Playwright's TimeoutError: say what the learner misses
                raise AssertionError(f"{entry}: the Launch menu does not offer {choice}") from error
    finally:
        page.close()


# Focus each control of the activities by keyboard (Tab order is the page's) and read the
# outline it gets; returns the controls whose focus is not clearly visible (under 2 px).
FOCUS_OUTLINES_JS = """async () => {
  const weak = [];
  const controls = Array.from(document.querySelectorAll(
      '.lc-activity :is(input, select, textarea, button, [tabindex="0"])')).filter(
      el => el.checkVisibility() && !el.disabled);
  for (const el of controls) {
    el.focus();
    const style = getComputedStyle(el);
    const width = parseFloat(style.outlineWidth) || 0;
    if (document.activeElement !== el || style.outlineStyle === 'none' || width < 2)
      weak.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.value || '').trim().slice(0, 30)}"`);
  }
  return weak;
}"""


# --- JupyterLab, used as a learner would -------------------------------------------------------

def test_learner_runs_an_activity_from_the_run_menu_and_sees_the_boxes(lab_page, lab_server):
    """The overview box renders as a box (not raw ':::{admonition}' text), and Run → Run All
    Cells from the menu bar, exactly as the notebook says, brings up the activity."""
    open_notebook(lab_page, lab_server, "notebooks/which-network.ipynb")
    notebook = lab_page.locator(".jp-NotebookPanel .jp-Notebook").first
    notebook.locator(".admonition-title, .myst-admonition-title, aside").first.wait_for(timeout=30_000)
    # jupyterlab-myst renders each Markdown cell on its own, the last ones a moment later.
    deadline = time.monotonic() + 30
    while ":::" in (shown := notebook.inner_text()) and time.monotonic() < deadline:
        lab_page.wait_for_timeout(250)
    assert ":::" not in shown and "{admonition}" not in shown, "MyST boxes shown as raw text in JupyterLab"
    for title in ("Overview", "How to use this activity", "Key points"):
        assert title in shown, f"{title!r} not shown in JupyterLab"

    lab_page.get_by_role("menuitem", name="Run", exact=True).click()
    lab_page.get_by_role("menuitem", name=re.compile(r"^Run All Cells")).click()
    wait_for_widget(lab_page, ".lc-activity select")
    assert not lab_page.locator(".lc-activity .lc-not-connected").first.is_visible(), \
        "the 'not running' note shows while the activity is running"
