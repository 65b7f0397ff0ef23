"""The course timer's front end (activities/timer/timer.js) alone on a page, for clock tests.

The page imports the real ``timer.js`` and renders it the way anywidget does (``render({model,
el})``) on a small in-page model that starts from a real ``Timer`` widget's synced state and
records every ``save_changes`` (what would go to Python) in ``window.timerSaves``. Drive it with
Playwright's ``page.clock``; the JupyterLab and static-site tests show it in anywidget itself.
"""
from __future__ import annotations

import json
import shutil
from contextlib import contextmanager
from pathlib import Path

from activities.templating import package_text
from support.site import serve

TIMER_FOLDER = Path(__file__).resolve().parents[2] / "activities" / "timer"

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Timer test page</title>
<style>{css}</style></head>
<body><main><h1>Timer</h1><div id="host"></div></main>
<script type="module">
import timer from "./timer.js";
class HostModel {{
  constructor(state) {{ this.state = state; this.handlers = {{}}; }}
  get(key) {{ return this.state[key]; }}
  set(key, value) {{
    if (this.state[key] === value) return;
    this.state[key] = value;
    for (const handler of this.handlers["change:" + key] || []) handler();
  }}
  on(name, handler) {{ (this.handlers[name] = this.handlers[name] || []).push(handler); }}
  off(name, handler) {{ this.handlers[name] = (this.handlers[name] || []).filter(h => h !== handler); }}
  save_changes() {{ window.timerSaves.push(Object.assign({{}}, this.state)); }}
}}
window.timerSaves = [];
window.timerModel = new HostModel({state});
timer.render({{ model: window.timerModel, el: document.getElementById("host") }});
</script></body></html>
"""


def timer_state(**widget_kwargs) -> dict:
    """The synced traits of a real ``Timer(**widget_kwargs)``, as the browser receives them."""
    from activities.timer import Timer

    widget = Timer(**widget_kwargs)
    names = ("label", "duration_ms", "status", "left_ms", "ends_at", "finished", "sound", "projector")
    return {name: getattr(widget, name) for name in names}


@contextmanager
def timer_page_site(folder: Path, **widget_kwargs):
    """Serve a page holding one timer (``Timer(**widget_kwargs)``); yield its URL."""
    shutil.copy(TIMER_FOLDER / "timer.js", folder / "timer.js")
    page = _PAGE.format(css=package_text("activities.timer", "timer.css"),
                        state=json.dumps(timer_state(**widget_kwargs)))
    (folder / "index.html").write_text(page, encoding="utf-8")
    with serve(folder) as base:
        yield base + "index.html"
