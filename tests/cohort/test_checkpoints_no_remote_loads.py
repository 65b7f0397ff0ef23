"""Issue 14: nowhere a trainer or a learner looks may learners' text make the browser load
anything. A reflection holding an image, a stylesheet link, CSS ``url()`` and an SVG with an
external reference, all pointing at a stranger's server run by this test, is opened in Chromium
in the real Formgrader (nbgrader's page on a Jupyter server started here) and in the feedback page
``nbgrader generate_feedback`` wrote: the stranger's server gets no request, and the text is
still there to read. (The dashboard's pages: test_checkpoints_dashboard_page.py.)"""
from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest

from cohort import course
from cohort.checkpoints import notebook_name
from support.net import free_port
from support.paths import ROOT
from support.synthetic_cohort import build_cohort

from support.stranger import Recorder, remote_loads

pytestmark = [pytest.mark.browser, pytest.mark.nbgrader]
ASSIGNMENT = "orientation"
LEARNER = "learner-01"  # hands in (and is autograded): learner n hands in n % 2 checkpoints here


@pytest.fixture(scope="module")
def graded(tmp_path_factory, stranger):
    root = tmp_path_factory.mktemp("no-remote")
    cohort = build_cohort(root / "course", 3, (ASSIGNMENT,), reflections={1: remote_loads(stranger)})
    course.generate_feedback(cohort.course_dir, ASSIGNMENT).check()
    return cohort


@pytest.fixture(scope="module")
def formgrader(graded):
    port, token = free_port(), secrets.token_hex(16)
    # The trainer's server settings as deployed (they enable the formgrader and its policy).
    config_dir = graded.course_dir.parent / "jupyter-config"
    config_dir.mkdir()
    shutil.copy(ROOT / "deploy" / "jupyter" / "trainer" / "jupyter_server_config.json", config_dir)
    command = [sys.executable, "-m", "jupyter_server", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={graded.course_dir}",
               "--ServerApp.port_retries=0"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = graded.course_dir.parent / "server.log"
    with log.open("w") as out:
        proc = subprocess.Popen(command, cwd=graded.course_dir, stdout=out, stderr=subprocess.STDOUT,
                                env=dict(os.environ, JUPYTER_CONFIG_DIR=str(config_dir)))
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text()[-3000:]
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                time.sleep(0.3)
        yield url, token
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _open(browser, url: str):
    context = browser.new_context()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    return context, page, dialogs


def test_formgrader_shows_the_reflection_and_loads_nothing_from_it(graded, formgrader, browser):
    from nbgrader.api import Gradebook

    url, token = formgrader
    with Gradebook(f"sqlite:///{graded.course_dir / 'gradebook.db'}") as gb:
        submission = gb.find_submission_notebook(notebook_name(ASSIGNMENT), ASSIGNMENT, LEARNER).id
    Recorder.requests.clear()
    context, page, dialogs = _open(browser, f"{url}/formgrader/submissions/{submission}/?token={token}")
    text = page.inner_text("body")
    assert "My plan <img src=http://127.0.0.1:" in text and "ends here." in text  # readable, as typed
    assert page.locator("img[src*='127.0.0.1']").count() == 0
    assert Recorder.requests == [] and dialogs == []
    # The formgrader itself still works: the grading form of the reflection is there.
    assert page.locator("input.score").count() >= 1
    context.close()


def test_the_feedback_page_shows_the_reflection_and_loads_nothing_from_it(graded, browser):
    pages = list((graded.course_dir / "feedback" / LEARNER / ASSIGNMENT).glob("*.html"))
    assert pages
    assert 'http-equiv="Content-Security-Policy"' in pages[0].read_text(encoding="utf-8")
    Recorder.requests.clear()
    context, page, dialogs = _open(browser, pages[0].as_uri())
    text = page.inner_text("body")
    assert "My plan <img src=http://127.0.0.1:" in text and "ends here." in text
    assert Recorder.requests == [] and dialogs == []
    context.close()
