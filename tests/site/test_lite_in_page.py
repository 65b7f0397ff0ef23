"""The activities running in the book page ("Try it here": JupyterLite + Pyodide, no server).

In Debian's Chromium, with every request of the page, its frames and its workers logged and any
request for a host other than 127.0.0.1 failing the test: an activity page starts its activity
in the page, the widgets respond, a typed change (hostile text) is shown escaped with no dialog,
is saved, comes back in "Download my work" as a browser download, and is still there after a reload and after a "browser restart" (a new browser context
with the first one's storage, IndexedDB included). Every other activity's code starts in the
in-page Python too (one kernel for all of them: a Pyodide start costs ~20 s on two cores), where
"Download my work" packs every export and the sentence editor's PNG slide is a browser download.
"""
from __future__ import annotations

import json
import sys
import zipfile
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from support.book import page as built_page
from support.hostile import HOSTILE_EXAMPLES
from support.paths import ROOT
from support.site import describe_violations, leaves_localhost, run_axe

sys.path.insert(0, str(ROOT / "book" / "_ext"))
import lite_site  # noqa: E402

#: Every activity "Try it here" runs (the registry's, but those that need nbgrader).
ACTIVITIES = lite_site.in_page_activities()

pytestmark = [pytest.mark.browser, pytest.mark.book]

START_TIMEOUT_MS = 180_000
DETAILED = "plan-your-circle"
SCRIPT = next(text for text in HOSTILE_EXAMPLES if text.startswith("<script>"))


#: Run after every activity has started (and saved its first state): what "Download my work" packs.
EXPORTS_CELL = """import json
from activities.download import collect_work
bundle = collect_work()
print("LC-EXPORTS" + json.dumps({"files": sorted(bundle.files), "notes": bundle.notes}))"""


class Watch:
    """Every request the context makes (pages, frames, workers, service worker) and any dialog."""

    def __init__(self, context):
        self.requests: list[str] = []
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        context.on("request", self._request)
        context.route("**/*", self._route)

    def _request(self, request):
        self.requests.append(request.url)
        if leaves_localhost(request.url):
            self.outside.append(request.url)

    def _route(self, route):
        if leaves_localhost(route.request.url):
            self.outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    def page(self, context):
        page = context.new_page()
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        return page


def start_in_page(page, url: str):
    """Open ``url``, press "Try it here", wait for the activity; returns the activity's frame."""
    page.goto(url)
    button = page.get_by_role("button", name="Try it here")
    button.click()
    status = page.locator(".lc-try-it-status")
    assert "Starting Python in your browser" in status.inner_text()
    page.locator(".lc-try-it.lc-try-it-ready").wait_for(timeout=START_TIMEOUT_MS)
    assert "in this browser only" in status.inner_text()
    frame = page.frame_locator("iframe.lc-try-it-frame")
    frame.locator(".lc-activity").first.wait_for(timeout=30_000)
    return frame


def notebook_code(activity) -> str:
    """The code cells of the activity's notebook, as the learner runs them in JupyterLab."""
    notebook = json.loads((ROOT / activity.notebook).read_text(encoding="utf-8"))
    return "\n".join("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code")


def test_activity_pages_offer_try_it_with_the_notebooks_code(built_book):
    """Each activity page names the in-page REPL and the notebook's own code (registry order)."""
    for activity in ACTIVITIES:
        meta = built_page(built_book, activity.docname).select_one('meta[name="lc-try-it"]')
        assert meta is not None, f"{activity.docname}: no Try it here"
        url = urlsplit(meta["content"])
        assert url.path == "../lite/repl/index.html"
        assert parse_qs(url.query)["code"] == [notebook_code(activity)]
    reading = built_page(built_book, "book/learning-circles/what-is-a-learning-circle")
    assert reading.select_one('meta[name="lc-try-it"]') is None


def test_every_activity_page_shows_try_it_and_without_javascript_stays_as_it_was(browser, site):
    """With JavaScript: the box above the activity's picture, with its button and the
    browser-only note; without: no box, the picture and the Launch (Binder) button as before."""
    with_js = browser.new_context()
    without_js = browser.new_context(java_script_enabled=False)
    try:
        for activity in ACTIVITIES:
            url = site + f"{activity.docname}.html"
            page = with_js.new_page()
            page.goto(url)
            box = page.locator("section.lc-try-it")
            box.wait_for()
            assert "in this browser only" in box.inner_text()
            assert box.get_by_role("button", name="Try it here").is_enabled()
            assert page.evaluate("() => document.querySelector('section.lc-try-it').nextElementSibling"
                                 ".matches('div.cell')"), f"{activity.name}: the box is not above the activity"
            page.close()
            plain = without_js.new_page()
            plain.goto(url)
            assert plain.locator(".lc-try-it").count() == 0
            assert plain.locator("div.cell").first.is_visible()
            assert plain.locator("a[href*='mybinder.org']").count() >= 1, f"{activity.name}: no Binder launch"
            plain.close()
    finally:
        with_js.close()
        without_js.close()


def test_every_activity_starts_in_the_in_page_python(browser, site):
    """Every activity's notebook code, run in one in-page kernel, draws its activity offline,
    "Download my work" makes every activity's exports there (Pyodide's pandas, Pillow, ...), and
    the sentence editor's PNG slide arrives as a browser download."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watch = Watch(context)
    try:
        page = watch.page(context)
        query = urlencode([("kernel", "python"), ("showBanner", "0")] +
                          [("code", notebook_code(activity)) for activity in ACTIVITIES] +
                          [("code", EXPORTS_CELL)], doseq=True)
        page.goto(site + "lite/repl/index.html?" + query)
        drawn = page.locator(".jp-OutputArea-output .lc-activity")
        page.wait_for_function(f"() => document.querySelectorAll('.jp-OutputArea-output .lc-activity').length"
                               f" >= {len(ACTIVITIES)}", timeout=START_TIMEOUT_MS * 2)
        assert drawn.count() == len(ACTIVITIES)
        # every activity's exporter runs on what the activities saved, with Pyodide's packages
        report = page.locator(".jp-OutputArea-output").filter(has_text="LC-EXPORTS")
        report.wait_for(timeout=START_TIMEOUT_MS)
        bundle = json.loads(report.inner_text().split("LC-EXPORTS", 1)[1])
        assert bundle["notes"] == [], bundle["notes"]
        assert {f"saved/{activity.name}.json" for activity in ACTIVITIES} & set(bundle["files"])
        assert {name.rsplit(".", 1)[-1] for name in bundle["files"]} >= {"json", "csv", "ics", "html"}
        # the sentence editor (an anywidget slide) exports its PNG as a browser download
        page.locator(".lc-sentence[data-ready='true']").wait_for(timeout=60_000)
        page.get_by_role("button", name="Export slide as PNG").click()
        with page.expect_download(timeout=60_000) as download:
            page.locator("a.lc-download-link").filter(has_text=".png").click()
        assert open(download.value.path(), "rb").read(8) == b"\x89PNG\r\n\x1a\n"
        assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    finally:
        context.close()
    assert not watch.outside, f"requests left 127.0.0.1: {watch.outside[:10]}"


def test_site_serves_only_verified_or_listed_wheels(built_book):
    """The site's lockfile lists every wheel it serves, and the course itself is one of them."""
    pyodide = built_book / "lite" / "static" / "pyodide"
    lock = json.loads((pyodide / "pyodide-lock.json").read_text(encoding="utf-8"))
    listed = {entry["file_name"] for entry in lock["packages"].values()}
    served = {path.name for path in pyodide.glob("*") if path.suffix in (".whl", ".zip")} - {"python_stdlib.zip"}
    assert served == listed
    assert "activities" in lock["packages"]["learning-circles-course"]["imports"]
    assert {"numpy", "pandas", "pillow", "ipywidgets", "anywidget"} <= set(lock["packages"])
    # only what the activities need: no SciPy, Matplotlib or pyarrow
    assert not {"scipy", "matplotlib", "pyarrow", "scikit-learn"} & set(lock["packages"])


def test_activity_runs_in_the_page_and_keeps_typed_work(browser, site):
    """Start, type (hostile text), see it escaped, reload, and find it again; then a new context
    with the same browser storage (a browser restart) still has it."""
    url = site + f"notebooks/{DETAILED}.html"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watch = Watch(context)
    try:
        page = watch.page(context)
        frame = start_in_page(page, url)
        assert page.locator("div.cell").first.is_hidden(), "the static picture stays under the live activity"
        serious = [v for v in run_axe(page, Axe().axe_script)["violations"] if v["impact"] in ("serious", "critical")]
        assert not serious, describe_violations(serious)
        topic = frame.get_by_label("Topic or course")
        typed = "Zine club " + SCRIPT
        topic.fill(typed)
        topic.press("Tab")
        # the widgets respond: the plan's heading follows the topic, as text, not markup
        heading = frame.locator(".lc-activity h4").filter(has_text="Zine club")
        heading.first.wait_for(timeout=30_000)
        assert SCRIPT in heading.first.inner_text()
        assert frame.locator(".lc-activity img[src='x'], .lc-activity script").count() == 0
        page.wait_for_timeout(2_000)  # the save goes through the browser drive
        # "Download my work" is a browser download with the same zip as in JupyterLab
        frame.get_by_role("button", name="Download my work").click()
        with page.expect_download(timeout=60_000) as download:
            frame.locator("a.lc-download-link").filter(has_text="Save the zip file").click()
        with zipfile.ZipFile(download.value.path()) as zipped:
            assert json.loads(zipped.read(f"saved/{DETAILED}.json"))["data"]["topic"] == typed
            assert any(name.startswith("exports/") and name.endswith(".ics") for name in zipped.namelist())

        page.reload()
        frame = start_in_page(page, url)
        assert frame.get_by_label("Topic or course").input_value() == typed
        state = context.storage_state(indexed_db=True)
    finally:
        context.close()

    restarted = browser.new_context(viewport={"width": 1280, "height": 900}, storage_state=state)
    watch_again = Watch(restarted)
    try:
        frame = start_in_page(watch_again.page(restarted), url)
        assert frame.get_by_label("Topic or course").input_value() == typed
    finally:
        restarted.close()
    for seen in (watch, watch_again):
        assert not seen.outside, f"requests left 127.0.0.1: {seen.outside[:10]}"
        assert not seen.dialogs, f"learner text opened a dialog: {seen.dialogs}"
        assert any("/lite/static/pyodide/pyodide.asm.wasm" in url for url in seen.requests)

