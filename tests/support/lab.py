"""A real JupyterLab for browser tests, and helpers to drive notebooks in it with Playwright.

Use in a test module::

    from support.lab import open_notebook, run_all_cells

    def test_x(lab_page, lab_server):
        open_notebook(lab_page, lab_server, "notebooks/sentence-editor.ipynb")
        run_all_cells(lab_page)

``lab_server`` and ``lab_page`` are fixtures in tests/conftest.py, so every module shares them.
The lab is started once per test session: ``jupyter lab`` on 127.0.0.1, a free port, a random token, in a temporary root folder holding a copy of ``notebooks/``, with saved work
(LEARNING_CIRCLES_DATA_DIR) in a temporary folder and the news/update toasts switched off.
The app object is exposed to the page (``window.jupyterapp``) so commands run reliably.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from support.net import free_port
from support.paths import ROOT

STARTUP_TIMEOUT_S = 90
KERNEL_TIMEOUT_MS = 90_000


@dataclass
class Lab:
    url: str
    token: str
    root: Path  # the server's root folder (notebooks/ is inside)
    data_dir: Path  # where the activities save learners' work
    log: Path

    def lab_url(self, path: str) -> str:
        """``path`` opened in a workspace of its own: notebooks other tests opened stay closed."""
        return f"{self.url}/lab/workspaces/lc-{uuid.uuid4().hex[:12]}/tree/{path}?token={self.token}"


def _write_settings(settings_dir: Path) -> None:
    """User settings that keep toasts and popups from covering the notebook."""
    notification = settings_dir / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notification.parent.mkdir(parents=True, exist_ok=True)
    notification.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))


def copy_notebooks(base: Path) -> Path:
    """A lab root folder in ``base`` holding a copy of the course's notebooks/."""
    root = base / "root"
    shutil.copytree(ROOT / "notebooks", root / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "my-slides"))
    return root


@contextmanager
def running_lab(root: Path):
    """``jupyter lab`` serving ``root``; saved work, settings and workspaces go beside it.

    The ``lab_server`` fixture (conftest.py) and benchmarks/typing_latency.py use this.
    """
    data, settings, workspaces = (root.parent / name for name in ("saved-work", "settings", "workspaces"))
    for folder in (data, workspaces):
        folder.mkdir(exist_ok=True)
    _write_settings(settings)
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, LEARNING_CIRCLES_DATA_DIR=str(data), JUPYTERLAB_SETTINGS_DIR=str(settings),
               JUPYTERLAB_WORKSPACES_DIR=str(workspaces))
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
               "--LabApp.expose_app_in_browser=True", "--ServerApp.port_retries=0",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = root.parent / "jupyter-lab.log"
    with log.open("w") as log_file:
        proc = subprocess.Popen(command, env=env, cwd=root, stdout=log_file, stderr=subprocess.STDOUT)
    lab = Lab(f"http://127.0.0.1:{port}", token, root, data, log)
    try:
        _wait_until_up(lab, proc)
        yield lab
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _wait_until_up(lab: Lab, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"jupyter lab exited ({proc.returncode}):\n{lab.log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(f"{lab.url}/api/status?token={lab.token}", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"jupyter lab did not answer within {STARTUP_TIMEOUT_S}s:\n{lab.log.read_text()[-4000:]}")


def open_notebook(page, lab: Lab, path: str) -> None:
    """Open ``path`` (relative to the lab root) and wait until its kernel is idle."""
    page.goto(lab.lab_url(path))
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell", timeout=60_000)
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").first.wait_for(timeout=60_000)
    wait_for_kernel_idle(page)


def wait_for_kernel_idle(page, timeout_ms: int = KERNEL_TIMEOUT_MS) -> None:
    page.wait_for_function(
        """() => {
            const widget = window.jupyterapp.shell.currentWidget;
            const kernel = widget && widget.sessionContext && widget.sessionContext.session
                && widget.sessionContext.session.kernel;
            return kernel && kernel.status === 'idle';
        }""",
        timeout=timeout_ms,
    )


def run_all_cells(page, timeout_ms: int = KERNEL_TIMEOUT_MS) -> None:
    """Run every cell of the current notebook and wait until the last one has finished."""
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(
        """() => {
            const nb = window.jupyterapp.shell.currentWidget.content;
            const cells = nb.widgets.filter(c => c.model.type === 'code');
            return cells.every(c => c.model.executionCount !== null && !c.hasClass('jp-mod-running')
                                    && !(c.promptNode && c.promptNode.textContent.includes('*')));
        }""",
        timeout=timeout_ms,
    )
    wait_for_kernel_idle(page, timeout_ms)


def wait_for_widget(page, selector: str, timeout_ms: int = 60_000):
    """Wait until a widget's front end has rendered ``selector`` inside an output; return its locator."""
    locator = page.locator(f".jp-OutputArea {selector}").first
    locator.wait_for(state="visible", timeout=timeout_ms)
    return locator


def press(page, target, key: str = "Enter") -> None:
    """Focus ``target`` (a CSS selector, its first match, or a Locator) and press ``key``: the
    keyboard-only path every activity must offer."""
    (page.locator(target).first if isinstance(target, str) else target).focus()
    page.keyboard.press(key)


def cell_errors(page) -> list[str]:
    """Tracebacks shown in the notebook's outputs (there should be none)."""
    return page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], "
                        ".jp-RenderedText[data-mime-type='application/vnd.jupyter.error']").all_inner_texts()


def wait_for_saved_work(lab: Lab, activity: str, until=lambda data: True, timeout: float = 20) -> dict:
    """The saved data of ``activity`` in the lab's saved-work folder once ``until(data)`` holds."""
    path = lab.data_dir / f"{activity}.json"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))["data"]
            if until(data):
                return data
        time.sleep(0.2)
    raise AssertionError(f"saved work never reached the expected state: {path.read_text() if path.exists() else 'no file'}")
