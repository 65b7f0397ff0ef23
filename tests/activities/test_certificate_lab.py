""""Your certificate" in a real JupyterLab (Debian's Chromium via Playwright), by keyboard: a
hostile name stays text, the check runs nbgrader's validator on the learner's copy of the
checkpoints (beside the notebooks folder, as in a checkout of the course), "not yet" names what is
missing, and once it is done the certificate's download link appears. (axe: test_activities_lab.py
checks every registered activity; 390 px: tests/site/test_certificate_static.py.)"""
from __future__ import annotations

import shutil
from datetime import date, timedelta

import pytest

from activities.certificate.eligibility import notebook_path
from cohort.checkpoints import ASSIGNMENTS
from support.certificates import answers_for, learner_copy
from support.checkpoints import answer_notebook
from support.lab import cell_errors, open_notebook, press, run_all_cells, wait_for_saved_work, wait_for_widget

pytestmark = [pytest.mark.browser, pytest.mark.nbgrader]

HOSTILE = "<img src=x onerror=alert(1)> Ada \U0001F331 \u0645\u0631\u062d\u0628\u0627"
CHECK_TIMEOUT_MS = 120_000


def type_into(page, selector: str, text: str) -> None:
    box = page.locator(f".jp-OutputArea {selector} input").first
    box.focus()
    page.keyboard.type(text, delay=10)
    page.keyboard.press("Tab")  # the boxes send their text when the learner leaves them


@pytest.fixture
def checkpoints(lab_server):
    """The learner's copy of the checkpoints, every one answered but "Getting ready"."""
    root = lab_server.root / "checkpoints"
    shutil.rmtree(root, ignore_errors=True)
    copy = learner_copy(lab_server.root / "scratch-copy", filled=[a for a in ASSIGNMENTS if a != "getting-ready"])
    shutil.move(str(copy.parent), str(root))
    shutil.rmtree(lab_server.root / "scratch-copy")
    yield root / "student"
    shutil.rmtree(root, ignore_errors=True)


def test_certificate_by_keyboard_from_not_yet_to_printable(lab_page, lab_server, checkpoints):
    page = lab_page
    open_notebook(page, lab_server, "notebooks/certificate.ipynb")
    run_all_cells(page)
    name = wait_for_widget(page, ".lc-certificate-name input")
    page.locator(".jp-OutputArea[data-lc-keyboard-friendly='true']").first.wait_for(state="attached")
    assert page.locator(f"label[for='{name.get_attribute('id')}']").inner_text().strip() == "Name on the certificate"

    type_into(page, ".lc-certificate-name", HOSTILE)
    wait_for_saved_work(lab_server, "certificate", lambda d: d["name"] == HOSTILE)
    type_into(page, ".lc-certificate-co", "Sam")
    first = page.locator(".jp-OutputArea .lc-certificate-first input").first
    start = date.today() + timedelta(days=45)
    first.fill(start.isoformat())
    first.press("Tab")
    wait_for_saved_work(lab_server, "certificate", lambda d: d["first_circle"] == start.isoformat() and d["co_facilitator"] == "Sam")

    # First check: "Getting ready" is not answered yet.
    press(page, ".jp-OutputArea button.lc-certificate-check")
    status = page.locator(".jp-OutputArea .lc-certificate-status-box").first
    page.wait_for_function("el => el.textContent.includes('Getting ready: Not yet')", arg=status.element_handle(),
                           timeout=CHECK_TIMEOUT_MS)
    assert status.inner_text().count(": Done") == len(ASSIGNMENTS) - 1
    assert "How many days before each meeting do the reminders go out?" in status.inner_text()
    outcome = page.locator(".jp-OutputArea .lc-certificate-outcome").first
    assert "No certificate yet" in outcome.inner_text()

    # The learner answers it (as in the checkpoint notebook), then checks again.
    path = notebook_path("getting-ready", checkpoints)
    answer_notebook(path, answers_for(path))
    press(page, ".jp-OutputArea button.lc-certificate-check")
    page.wait_for_function("el => el.textContent.includes('ready to print')", arg=outcome.element_handle(),
                           timeout=CHECK_TIMEOUT_MS)
    data = wait_for_saved_work(lab_server, "certificate", lambda d: all(not r["missing"] for r in d["results"]))
    assert "Getting ready" in [r["title"] for r in data["results"]]
    press(page, ".jp-OutputArea button.lc-certificate-make")
    files = page.locator(".jp-OutputArea .lc-certificate-files").first
    page.wait_for_function("el => el.querySelectorAll('a[download]').length === 2", arg=files.element_handle())
    assert files.locator("a[download]").evaluate_all("links => links.map(a => a.getAttribute('download'))") == [
        "certificate.html", "my-90-day-plan.csv"]
    assert page.locator(".jp-OutputArea img[src='x']").count() == 0
    assert cell_errors(page) == [] and not [e for e in page.errors if "alert" in e]
