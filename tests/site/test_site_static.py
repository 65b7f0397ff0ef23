"""The built book works as a static site: served from 127.0.0.1 and opened in Chromium, every page
loads with no console error and no request leaving localhost (except the video a reader asks
for), activity pages render their widgets from saved state with the self-hosted widget scripts,
and axe-core finds no serious or critical accessibility violation, in light and in dark mode."""
from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from support.paths import ROOT
from support.site import describe_violations, open_watched, run_axe, site_pages
from support.toc import notebook_pages, toc_entries

pytestmark = [pytest.mark.book, pytest.mark.browser]

WIDGET_TIMEOUT_MS = 30_000


TOC_PAGES = [f"{entry}.html" for entry in toc_entries()]
ACTIVITY_PAGES = [f"{entry}.html" for entry in notebook_pages()]
GENERATED_PAGES = ["index.html", "genindex.html", "search.html"]  # Sphinx/Jupyter Book's own
ALL_PAGES = TOC_PAGES + GENERATED_PAGES
# The printable one-sheets of "Running this course" (book/_ext/running_course.py: <page>-sheets/),
# stand-alone pages without the book's theme: checked below, and printed in test_book_meeting_plan.py.
SHEETS_FOLDER = "book/about/running-this-course-sheets/"


@pytest.fixture
def context(browser):
    context = browser.new_context()
    yield context
    context.close()


def test_every_built_page_is_checked(built_book):
    """A page added to the site without a test here would go unchecked."""
    pages = site_pages(built_book)
    assert sorted(p for p in pages if not p.startswith(SHEETS_FOLDER)) == sorted(ALL_PAGES)
    assert f"{SHEETS_FOLDER}all.html" in pages


def test_meeting_sheets_load_offline_cleanly_and_accessibly(site, context, built_book):
    sheets = [p for p in site_pages(built_book) if p.startswith(SHEETS_FOLDER)]
    assert len(sheets) >= 3, sheets  # all.html and one page per meeting
    axe_script = Axe().axe_script
    for sheet in sheets:
        page, seen = open_watched(context, site + sheet)
        assert page.title(), f"{sheet} has no title"
        assert not (seen.outside or seen.console_errors or seen.failed), (sheet, seen)
        serious = [v for v in run_axe(page, axe_script)["violations"] if v["impact"] in ("serious", "critical")]
        assert not serious, f"axe-core on {sheet}:\n{describe_violations(serious)}"
        page.close()


def test_widget_scripts_are_pinned_to_the_python_side():
    """The npm copies must match what the notebooks were executed with."""
    package = json.loads((ROOT / "package.json").read_text())["dependencies"]
    assert package["anywidget"] == version("anywidget"), "package.json anywidget != requirements.txt"
    assert int(version("ipywidgets").split(".")[0]) == 8
    assert package["@jupyter-widgets/html-manager"].startswith("1.0."), "html-manager 1.0.x renders ipywidgets 8"
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    scripts = config["sphinx"]["config"]["nb_ipywidgets_js"]
    assert all("://" not in src for src in scripts), f"widget scripts must be local: {list(scripts)}"


@pytest.mark.parametrize("page_path", ALL_PAGES)
def test_page_loads_offline_cleanly_and_accessibly(site, context, built_book, page_path):
    page, seen = open_watched(context, site + page_path)
    assert page.title(), f"{page_path} has no title"

    if page_path in ACTIVITY_PAGES:
        _assert_widgets_rendered(page, page_path)

    assert not seen.outside, f"{page_path} made requests that leave localhost: {seen.outside}"
    assert not seen.console_errors, f"{page_path} console errors: {seen.console_errors}"
    assert not seen.failed, f"{page_path} failed requests: {seen.failed}"

    # After the checks above: axe re-fetches stylesheets itself (and resolves pydata-sphinx-theme's
    # relative @import against the wrong folder, a 404 no reader ever sees).
    axe_script = Axe().axe_script
    result = run_axe(page, axe_script)
    serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, f"axe-core on {page_path}:\n{describe_violations(serious)}"

    # The book follows the reader's system colour mode ("auto"): check the dark theme as well.
    # (the theme animates the colour change; judge the end state, not a frame of the animation)
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("document.documentElement.dataset.theme === 'dark'", timeout=5_000)
    result = run_axe(page, axe_script)
    serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, f"axe-core on {page_path} in dark mode:\n{describe_violations(serious)}"


def _assert_widgets_rendered(page, page_path):
    state = page.locator('script[type="application/vnd.jupyter.widget-state+json"]')
    assert state.count() == 1, f"{page_path}: no saved widget state in the page (was it executed?)"
    views = page.locator('script[type="application/vnd.jupyter.widget-view+json"]')
    assert views.count() >= 1, f"{page_path}: no widget outputs"
    # The HTML manager replaces each view placeholder's area with the rendered widget.
    try:
        page.wait_for_function(
            """() => Array.from(document.querySelectorAll(
                    'script[type="application/vnd.jupyter.widget-view+json"]'))
                 .every(s => s.parentElement.querySelector('.widget-subarea .jupyter-widgets'))""",
            timeout=WIDGET_TIMEOUT_MS)
    except Exception as error:  # Playwright's TimeoutError: say what did not happen
        raise AssertionError(f"{page_path}: widgets were not rendered from saved state "
                             f"within {WIDGET_TIMEOUT_MS / 1000:.0f} s") from error
    assert page.locator(".jupyter-widgets-error-widget").count() == 0, f"{page_path}: widget errors"
    assert "Error displaying widget" not in page.inner_text("main")
    assert page.locator("[class*='widget-']").count() > 3

    # Third-party widget front ends (anywidget) came through require.js from _static, not a CDN.
    saved = json.loads(state.first.text_content())["state"]
    modules = {model["model_module"] for model in saved.values()} - {
        "@jupyter-widgets/base", "@jupyter-widgets/controls", "@jupyter-widgets/output"}
    for module in modules:
        assert page.evaluate("(name) => window.requirejs.defined(name)", module), \
            f"{page_path}: widget module {module} was not loaded"
        scripts = [s for s in page.evaluate(
            "() => Array.from(document.scripts, s => s.src)") if f"widgets-offline/{module}/" in s]
        assert scripts, f"{page_path}: {module} was not loaded from _static/widgets-offline"


def test_activity_pages_include_the_sentence_editor_slide(site, context):
    """The anywidget slide renders its saved sentence in a static page (no kernel)."""
    page, seen = open_watched(context, site + "notebooks/sentence-editor.html")
    _assert_widgets_rendered(page, "notebooks/sentence-editor.html")
    textareas = page.locator(".widget-subarea textarea")
    assert textareas.count() >= 1
    assert any(textareas.nth(i).input_value().strip() for i in range(textareas.count())), \
        "the saved sentence is not in the rendered slide's text box"
    assert not seen.outside


def test_video_loads_only_when_the_reader_asks(site, context):
    page, seen = open_watched(context, site + "book/orientation/welcome.html")
    button = page.get_by_role("button", name="welcome video")
    button.wait_for(state="visible")
    assert not seen.outside, f"the page contacted another host before any click: {seen.outside}"
    assert page.locator("iframe").count() == 0

    with page.expect_request(lambda request: "youtube-nocookie.com/embed/" in request.url):
        button.click()
    frame = page.locator("iframe.video-consent__frame")
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")
    assert frame.get_attribute("title")
    # The only host contacted is the privacy-enhanced player the page promised; we stop here.
    assert {u.split("/")[2] for u in seen.outside} == {"www.youtube-nocookie.com"}, seen.outside


def test_vendored_files_are_the_npm_copies(built_book):
    """What the pages load is byte-for-byte what package-lock.json pinned."""
    vendor = built_book / "_static" / "widgets-offline"
    node_modules = ROOT / "node_modules"
    pairs = {
        "require.js": "requirejs/require.js",
        "html-manager/embed-amd.js": "@jupyter-widgets/html-manager/dist/embed-amd.js",
        "anywidget/index.js": "anywidget/dist/index.js",
    }
    for copied, original in pairs.items():
        assert (vendor / copied).read_bytes() == (node_modules / original).read_bytes(), copied
    assert list((vendor / "html-manager").glob("*.woff2")), "icon fonts missing"
