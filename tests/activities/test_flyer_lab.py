"""'Make a flyer' in a real JupyterLab (Debian's Chromium via Playwright): a learner fills it in by
keyboard, hostile text stays text, the flyer files appear, everything is saved; axe finds nothing.
(At 390 px the activity is checked on the static book page: tests/site/test_site_learner.py.)"""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from support.lab import cell_errors, open_notebook, run_all_cells, wait_for_saved_work, wait_for_widget

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/make-a-flyer.ipynb"
HOSTILE = "<img src=x onerror=alert(1)> Knit together \U0001F9F6 \u0645\u0631\u062d\u0628\u0627"


def saved(lab_server, until) -> dict:
    return wait_for_saved_work(lab_server, "make-a-flyer", until)


def test_fill_in_the_flyer_by_keyboard_and_make_the_files(lab_page, lab_server):
    page = lab_page
    # The JupyterLab is shared by the session: a plan another test saved (the chooser sends its
    # course to the planner) would be read here. This test starts with no plan.
    (lab_server.data_dir / "plan-your-circle.json").unlink(missing_ok=True)
    open_notebook(page, lab_server, NOTEBOOK)
    run_all_cells(page)
    title = wait_for_widget(page, ".lc-flyer-title input")
    page.locator(".jp-OutputArea[data-lc-keyboard-friendly='true']").first.wait_for(state="attached")
    assert cell_errors(page) == []
    # Every box has a real label.
    for name, text in (("title", "Title"), ("topic", "Topic"), ("place", "Place"),
                       ("signup", "Sign-up contact or link")):
        box = page.locator(f".jp-OutputArea .lc-flyer-{name} input").first
        assert page.locator(f"label[for='{box.get_attribute('id')}']").inner_text().strip() == text
    for name, text in (("what", "What people will do"), ("typed-dates", "Dates and times"),
                       ("accessibility", "Accessibility notes")):
        box = page.locator(f".jp-OutputArea .lc-flyer-{name} textarea").first
        assert page.locator(f"label[for='{box.get_attribute('id')}']").inner_text().strip() == text
    assert page.locator(".jp-OutputArea .lc-flyer-free-line input[type=checkbox]").first.is_checked()
    # No plan yet: the activity says so.
    assert "No plan is saved yet" in page.locator(".jp-OutputArea .lc-flyer-plan-dates").first.inner_text()

    title.focus()
    page.keyboard.type(HOSTILE)
    saved(lab_server, until=lambda d: d["title"] == HOSTILE)
    # The dates are typed here: choose "Typed here" with the arrow keys.
    page.locator(".jp-OutputArea .lc-flyer-dates-source input[type=radio]").first.focus()
    page.keyboard.press("ArrowDown")
    saved(lab_server, until=lambda d: d["dates_source"] == "typed")
    dates = page.locator(".jp-OutputArea .lc-flyer-typed-dates textarea").first
    page.wait_for_function("el => !el.disabled", arg=dates.element_handle())
    dates.focus()
    page.keyboard.type("Tuesdays 18:00-19:30")
    signup = page.locator(".jp-OutputArea .lc-flyer-signup input").first
    signup.focus()
    page.keyboard.type("javascript:alert(1)")
    advice = page.locator(".jp-OutputArea .lc-flyer-advice").first
    page.wait_for_function("el => el.textContent.includes('No QR code for the sign-up link')",
                           arg=advice.element_handle())
    data = saved(lab_server, until=lambda d: d["signup"] == "javascript:alert(1)")
    assert data["typed_dates"] == "Tuesdays 18:00-19:30"

    make = page.locator(".jp-OutputArea button.lc-flyer-make").first
    make.focus()
    page.keyboard.press("Enter")
    files = page.locator(".jp-OutputArea .lc-flyer-files").first
    page.wait_for_function("el => el.querySelectorAll('a[download]').length === 3", arg=files.element_handle())
    names = files.locator("a[download]").evaluate_all("links => links.map(a => a.getAttribute('download'))")
    assert names == ["img-src-x-onerror-alert-1-knit-together-flyer-a4.html",
                     "img-src-x-onerror-alert-1-knit-together-flyer-letter.html",
                     "img-src-x-onerror-alert-1-knit-together-flyer.png"]
    preview = files.locator("img").first
    assert preview.get_attribute("alt").startswith("Flyer picture: <img src=x")  # text, not markup
    assert page.locator(".jp-OutputArea img[src='x']").count() == 0
    assert cell_errors(page) == [] and not [e for e in page.errors if "alert" in e]


def test_the_flyer_passes_axe(lab_page, lab_server):
    page = lab_page
    open_notebook(page, lab_server, NOTEBOOK)
    run_all_cells(page)
    wait_for_widget(page, ".lc-activity .lc-download-my-work")
    assert cell_errors(page) == []
    result = Axe().run(page, context=".jp-OutputArea .lc-activity")
    checked = {rule["id"] for rule in result.response["passes"]}
    assert "button-name" in checked and "label" in checked, "axe did not check the controls"
    violations = [(v["id"], v["impact"], v["nodes"][0]["html"][:200]) for v in result.response["violations"]]
    assert not violations, violations

