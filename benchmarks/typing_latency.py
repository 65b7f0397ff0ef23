"""Benchmark 1: keystroke to slide preview in a real JupyterLab, vs a jslink'ed Text->HTML pair.

A real ``jupyter lab`` (started as tests/support/lab.py starts it) serves one notebook with two
cells: the baseline, an ipywidgets ``Text`` whose value is ``jslink``ed to an ``HTML`` widget
(front end only: no kernel round trip), and the sentence editor. Playwright drives Debian's
Chromium and types a growing sentence, one key at a time, alternating between the two so both
see the same machine load. In the page, a capture-phase ``keydown`` listener stamps
``performance.now()``; a MutationObserver stamps the moment the DOM shows the new text (for the
editor: the slide's ``data-chars`` equals the new length, set in the same update as the new
lines and ``data-font-size``), and the next ``requestAnimationFrame`` stamps the frame that
paints it. Reported: p50 and p95 of keystroke -> DOM updated, and p95 keystroke -> frame, for
240 keys into an empty box (the goal) and for 60 keys at the end of a 10,000-character text
(where the editor re-fits once per burst of keys instead of inside the key's own event).
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import nbformat

from .core import ROOT, Row, percentile

NAME = "typing"
KEYSTROKES, QUICK_KEYSTROKES = 240, 30
# A long text the group pasted: the editor re-fits texts over 5,000 characters once per burst.
LONG_TEXT, LONG_KEYSTROKES = 10_000, 60
TEXT = ("Anybody in our town can learn anything at the library on Tuesday evenings, for free, "
        "with a ride-share for those without a car, childcare in the next room, and peers who "
        "believe your questions count, whatever school said about you years ago. ")

sys.path.insert(0, str(ROOT / "tests"))
from support import lab as lab_support  # noqa: E402  (the tests' helpers start a real JupyterLab)
from support.paths import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

BASELINE_CELL = """\
import ipywidgets as widgets
baseline_input = widgets.Text(description="Baseline text", continuous_update=True)
baseline_output = widgets.HTML()
baseline_input.add_class("lc-bench-baseline-input")
baseline_output.add_class("lc-bench-baseline-output")
widgets.jslink((baseline_input, "value"), (baseline_output, "value"))
widgets.VBox([baseline_input, baseline_output])"""
EDITOR_CELL = "from activities.sentence_editor import SentenceEditor\nSentenceEditor()"

# In-page probe: arm(kind, expected) resolves with {dom, frame} milliseconds after the next keydown.
PROBE = """
() => {
  if (window.lcBench) return;
  const targets = {
    baseline: () => document.querySelector('.lc-bench-baseline-output'),
    editor: () => document.querySelector('.lc-slide'),
  };
  const shown = {
    baseline: (el, n) => el.textContent.length === n,
    editor: (el, n) => el.dataset.chars === String(n) && !!el.dataset.fontSize,
  };
  let pending = null;
  window.addEventListener('keydown', () => {
    if (pending && pending.start === null) pending.start = performance.now();
  }, true);
  window.lcBench = {
    arm(kind, expected) {
      const el = targets[kind]();
      const probe = { start: null };
      pending = probe;
      probe.done = new Promise((resolve, reject) => {
        const timer = setTimeout(() => { observer.disconnect(); reject(new Error(kind + ': no update')); }, 20000);
        const observer = new MutationObserver(() => {
          if (probe.start === null || !shown[kind](el, expected)) return;
          const dom = performance.now() - probe.start;
          observer.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => resolve({ dom, frame: performance.now() - probe.start }));
        });
        observer.observe(el, { subtree: true, childList: true, characterData: true, attributes: true });
      });
      window.lcBenchProbe = probe;
    },
  };
}
"""
FOCUS = {"baseline": ".lc-bench-baseline-input input", "editor": "textarea.lc-sentence-input"}


def key_for(char: str) -> str:
    return "Space" if char == " " else char


def write_notebook(root: Path) -> str:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(BASELINE_CELL),
                                         nbformat.v4.new_code_cell(EDITOR_CELL)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(nb, root / "bench-typing.ipynb")
    return "bench-typing.ipynb"


def measure(page, keystrokes: int, prefix: str = "") -> dict[str, list[dict]]:
    """Type ``keystrokes`` keys at the end of ``prefix`` in both widgets, alternating; timings."""
    page.evaluate(PROBE)
    for selector in FOCUS.values():  # both start from the same text (fill sends one input event)
        page.fill(selector, prefix)
    page.wait_for_function(
        """n => document.querySelector('.lc-slide').dataset.chars === String(n)
               && document.querySelector('.lc-bench-baseline-output').textContent.length === n""",
        arg=len(prefix))
    text = (TEXT * (keystrokes // len(TEXT) + 1))[:keystrokes]
    samples: dict[str, list[dict]] = {"baseline": [], "editor": []}
    for n, char in enumerate(text, start=len(prefix) + 1):
        for kind, selector in FOCUS.items():
            page.focus(selector)
            page.keyboard.press("Control+End")  # type at the end, as a group extending its sentence
            page.evaluate("([kind, n]) => window.lcBench.arm(kind, n)", [kind, n])
            page.keyboard.press(key_for(char))
            samples[kind].append(page.evaluate("() => window.lcBenchProbe.done"))
    return samples


def rows_for(samples: dict[str, list[dict]], scenario: str, goal: float | None) -> list[Row]:
    dom = {k: [s["dom"] for s in v] for k, v in samples.items()}
    frame = {k: [s["frame"] for s in v] for k, v in samples.items()}
    label = f"jslink Text->HTML, {len(dom['editor'])} keys"
    to_s = 1e-3  # the probe measures milliseconds
    return [
        Row(f"typing {scenario}: keystroke -> preview, p50", f"{label} p50", percentile(dom["baseline"], 50) * to_s,
            "sentence editor p50", percentile(dom["editor"], 50) * to_s, "s",
            note="DOM shows the new text (editor: lines, data-chars, data-font-size)"),
        Row(f"typing {scenario}: keystroke -> preview, p95", f"{label} p95", percentile(dom["baseline"], 95) * to_s,
            "sentence editor p95", percentile(dom["editor"], 95) * to_s, "s", goal=goal,
            note=f"max: baseline {max(dom['baseline']):.1f} ms, editor {max(dom['editor']):.1f} ms"),
        Row(f"typing {scenario}: keystroke -> next frame, p95", f"{label} p95",
            percentile(frame["baseline"], 95) * to_s, "sentence editor p95", percentile(frame["editor"], 95) * to_s,
            "s", note="includes waiting for the next animation frame (~16.7 ms at 60 Hz)"),
    ]


def run(quick: bool = False) -> list[Row]:
    from playwright.sync_api import sync_playwright

    keystrokes = QUICK_KEYSTROKES if quick else KEYSTROKES
    with tempfile.TemporaryDirectory(prefix="lc-bench-typing-") as tmp:
        root = lab_support.copy_notebooks(Path(tmp))
        path = write_notebook(root)
        with lab_support.running_lab(root) as lab, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
                page.set_default_timeout(60_000)
                lab_support.open_notebook(page, lab, path)
                lab_support.run_all_cells(page)
                lab_support.wait_for_widget(page, ".lc-bench-baseline-input input")
                page.locator(".lc-sentence[data-ready='true']").wait_for(timeout=60_000)
                growing = measure(page, keystrokes)
                long_text = (TEXT * (LONG_TEXT // len(TEXT) + 1))[:LONG_TEXT]
                extending = measure(page, LONG_KEYSTROKES if not quick else QUICK_KEYSTROKES // 3, long_text)
            finally:
                browser.close()
    return (rows_for(growing, f"{keystrokes} keys from empty", goal=1.5)
            + rows_for(extending, f"at the end of {LONG_TEXT:,} chars", goal=None))
