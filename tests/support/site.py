"""Helpers for the site tests: serve a built book on 127.0.0.1 and watch what a page does."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

from support.net import start_file_server

LOCAL_HOSTS = {"127.0.0.1"}
# URL schemes that never leave the browser (anywidget imports its module from a blob: URL).
IN_BROWSER_SCHEMES = {"data", "blob", "about"}


@contextmanager
def serve(directory: Path):
    """Serve ``directory`` over HTTP on 127.0.0.1 (a free port) in a thread; yield the base URL."""
    server = start_file_server(directory)
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def leaves_localhost(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in IN_BROWSER_SCHEMES:
        return False
    return parts.hostname not in LOCAL_HOSTS


def site_pages(html_root: Path) -> list[str]:
    """Every HTML page of the built site, as paths relative to its root."""
    return sorted(
        path.relative_to(html_root).as_posix()
        for path in html_root.rglob("*.html")
        if "_static" not in path.parts and "_sources" not in path.parts
        # the in-page Python (JupyterLite's own app): tests/site/test_lite_in_page.py checks it
        and path.relative_to(html_root).parts[0] != "lite"
    )


@dataclass
class PageWatch:
    """Everything a page asked for or complained about while it was open."""
    requests: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def watch(context, page) -> PageWatch:
    """Record every request of ``page``; requests that would leave localhost are recorded and
    aborted (this machine has no network: we test that they never happen, not what they return)."""
    seen = PageWatch()

    def route(route_request):
        url = route_request.request.url
        if leaves_localhost(url):
            seen.outside.append(url)
            route_request.abort()
        else:
            route_request.continue_()

    context.route("**/*", route)
    page.on("request", lambda request: seen.requests.append(request.url))
    page.on("console", lambda message: _console(seen, message))
    page.on("pageerror", lambda error: seen.console_errors.append(f"uncaught: {error}"))
    page.on("requestfailed", lambda request: seen.failed.append(f"{request.url} ({request.failure})"))
    page.on("response", lambda response: seen.failed.append(f"{response.url} (HTTP {response.status})")
            if response.status >= 400 else None)
    return seen


def open_watched(context, url: str):
    """A new page of ``context`` at ``url`` (network idle), with its :class:`PageWatch`."""
    page = context.new_page()
    seen = watch(context, page)
    page.goto(url, wait_until="networkidle")
    return page, seen


def _console(seen: PageWatch, message) -> None:
    if message.type != "error":
        return
    where = (message.location or {}).get("url", "")
    # Browsers ask the server root for /favicon.ico on their own; the book declares no icon and
    # the answer (404) is not something a page did.
    if urlsplit(where).path == "/favicon.ico":
        return
    seen.console_errors.append(f"{message.text} (at {where})")


def run_axe(page, axe_script: str) -> dict:
    """Run axe-core (the copy shipped in axe-playwright-python, no download) on the page.

    Activity pages load require.js; axe's UMD wrapper would then register itself as an anonymous
    AMD module (and break require.js) instead of defining ``window.axe``, so hide ``define`` while
    it loads.
    """
    page.evaluate(
        """(source) => {
            if (window.axe) return;
            const savedDefine = window.define;
            window.define = undefined;
            try { (0, eval)(source); } finally { window.define = savedDefine; }
        }""",
        axe_script,
    )
    return page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '')[:300]}")
    return "\n".join(lines)



@contextmanager
def static_activity_page(browser, built_book: Path, notebook: str, css_class: str, width: int):
    """``(page, activity, seen)``: the built book's page of ``notebook`` (a stem) at ``width`` px,
    once its activity (``.lc-activity.<css_class>``) is drawn, with what the page does watched."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        with serve(built_book) as base:
            page, seen = open_watched(context, base + f"notebooks/{notebook}.html")
            activity = page.locator(f".lc-activity.{css_class}")
            activity.wait_for(state="visible", timeout=30_000)
            yield page, activity, seen
    finally:
        context.close()

def assert_activity_page_fits_and_passes_axe(page, activity, width: int, seen: PageWatch) -> None:
    """The end of every static activity-page test: nothing wider than the screen (no sideways
    scrolling, no control cut off), no console error or request off the machine, and axe finds
    nothing serious. Axe runs last: it re-fetches the stylesheets itself (a 404 no reader sees)."""
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    outside = activity.locator("input, textarea, button, select").evaluate_all(
        f"els => els.filter(el => el.checkVisibility() && el.getBoundingClientRect().right > {width} + 1)"
        ".map(el => el.outerHTML.slice(0, 80))")
    assert not outside, outside
    assert not seen.console_errors and not seen.outside, (seen.console_errors, seen.outside)
    result = run_axe(page, Axe().axe_script)
    serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, describe_violations(serious)

# What a reader of a narrow screen would trip over, measured in the page: the page scrolls
# sideways, something sticks out of an activity's box (unless it sits in a box that scrolls),
# or a label is cut off with "...". Returns one line per problem.
NARROW_PROBLEMS_JS = """() => {
  const problems = [];
  const name = (el) => `${el.tagName.toLowerCase()}.${String(el.className).split(' ').filter(
      c => c.startsWith('lc-') || c.startsWith('widget-')).join('.')} "${(el.textContent || '').trim().slice(0, 40)}"`;
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) {
    const wide = Array.from(document.querySelectorAll('article *')).filter(
        el => el.checkVisibility() && el.getBoundingClientRect().right > root.clientWidth + 1);
    problems.push(`the page scrolls sideways (${root.scrollWidth}px > ${root.clientWidth}px): `
                  + wide.slice(0, 3).map(name).join(', '));
  }
  const scrolls = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  for (const activity of document.querySelectorAll('.lc-activity')) {
    const edge = activity.getBoundingClientRect().right;
    for (const el of activity.querySelectorAll('*')) {
      if (!el.checkVisibility() || el.getBoundingClientRect().right <= edge + 1) continue;
      let box = el.parentElement, inScrollBox = false;
      for (; box && box !== activity; box = box.parentElement) {
        if (scrolls(box) && box.getBoundingClientRect().right <= edge + 1) { inScrollBox = true; break; }
      }
      if (!inScrollBox) problems.push(`sticks out of the activity: ${name(el)}`);
    }
    for (const el of activity.querySelectorAll('*')) {
      if (el.checkVisibility() && getComputedStyle(el).textOverflow === 'ellipsis'
          && el.scrollWidth > el.clientWidth + 1) problems.push(`cut off with "...": ${name(el)}`);
    }
    // Labels and controls drawn on top of each other (a wrapped row that did not grow).
    const parts = Array.from(activity.querySelectorAll(
        '.widget-label, input, select, textarea, button, .widget-checkbox label')).filter(
        el => el.checkVisibility());
    const boxes = parts.map(el => [el, el.getBoundingClientRect()]).filter(([, r]) => r.width && r.height);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, ra] = boxes[i], [b, rb] = boxes[j];
        if (a.contains(b) || b.contains(a)) continue;
        const overlapX = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const overlapY = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (overlapX > 2 && overlapY > 2) problems.push(`drawn over each other: ${name(a)} and ${name(b)}`);
      }
    }
  }
  return problems;
}"""
