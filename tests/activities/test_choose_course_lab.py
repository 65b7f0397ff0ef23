"""'Choose a course' in a real JupyterLab (Playwright, Chromium), used by keyboard: the
community's topic shows, a course is filled in with hostile text, the reasons follow, the course
goes to the planner.
(390 px wide: tests/site/test_site_learner.py checks the built page.)"""
from __future__ import annotations

import json

import pytest

from support.lab import cell_errors, open_notebook, run_all_cells, wait_for_saved_work, wait_for_widget

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/choose-a-course.ipynb"


def text_of(page, selector: str) -> str:
    return page.locator(f".jp-OutputArea {selector}").first.inner_text()


def wait_for_text(page, selector: str, text: str, present: bool = True) -> None:
    element = page.locator(f".jp-OutputArea {selector}").first.element_handle()
    page.wait_for_function("([el, t, present]) => el.textContent.includes(t) === present",
                           arg=[element, text, present])


@pytest.fixture
def shared_saved_work(lab_server):
    """The lab's saved-work folder is shared by the session: put back what this test changes."""
    names = ("choose-a-course.json", "plan-your-circle.json", "ask-your-community.json")
    before = {name: (lab_server.data_dir / name).read_bytes() if (lab_server.data_dir / name).exists() else None
              for name in names}
    yield lab_server.data_dir
    for name, content in before.items():
        path = lab_server.data_dir / name
        if content is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(content)


def test_choose_a_course_by_keyboard_and_send_it_to_the_plan(lab_page, lab_server, shared_saved_work):
    folder = shared_saved_work
    (folder / "choose-a-course.json").unlink(missing_ok=True)
    (folder / "ask-your-community.json").write_text(json.dumps({
        "activity": "ask-your-community", "schema_version": 1,
        "data": {"handed_over": {"topic": "Public speaking <img src=x onerror=alert(1)>", "votes": 16}}}),
        encoding="utf-8")
    page = lab_page
    open_notebook(page, lab_server, NOTEBOOK)
    run_all_cells(page)
    title = wait_for_widget(page, ".lc-choose-title input")
    page.locator(".jp-OutputArea[data-lc-keyboard-friendly='true']").first.wait_for(state="attached")
    assert cell_errors(page) == []

    community = text_of(page, ".lc-choose-community-topic")
    assert "Your community\u2019s top topic: Public speaking <img src=x onerror=alert(1)> (16 votes)" in community
    assert page.locator(".jp-OutputArea .lc-choose-community-topic img").count() == 0
    label = page.locator(f"label[for='{title.get_attribute('id')}']")
    assert label.inner_text().strip() == "Course title"

    hostile = "Intro to <b>web</b> =SUM(A1) \u0645\u0631\u062d\u0628\u0627 \U0001f389"
    title.focus()
    page.keyboard.type(hostile)
    page.keyboard.press("Tab")  # to the link box
    page.keyboard.type("https://example.org/web")
    data = wait_for_saved_work(lab_server, "choose-a-course",
                 until=lambda d: d["candidates"][0]["link"] == "https://example.org/web")
    assert data["candidates"][0]["title"] == hostile
    wait_for_text(page, ".lc-choose-reasons", "May disappear")  # the default kind: free but closed
    reasons = page.locator(".jp-OutputArea .lc-choose-reasons").first
    assert hostile in reasons.inner_text() and reasons.locator("b").count() == 0

    # Kind: "Proprietary" with the arrow keys -> a dealbreaker; "our organisation pays" clears it.
    kind = page.locator(".jp-OutputArea .lc-choose-kind select").first
    kind.focus()
    page.keyboard.press("ArrowDown")
    page.wait_for_function("el => el.selectedIndex === 2", arg=kind.element_handle())
    wait_for_text(page, ".lc-choose-reasons", "Dealbreaker:")
    pays = page.locator(".jp-OutputArea .lc-choose-organisation-licence input").first
    pays.focus()
    page.keyboard.press("Space")
    wait_for_text(page, ".lc-choose-reasons", "Dealbreaker:", present=False)
    wait_for_saved_work(lab_server, "choose-a-course",
          until=lambda d: d["candidates"][0]["kind"] == "proprietary" and d["candidates"][0]["organisation_licence"])
    assert "1" in text_of(page, ".lc-choose-ranking-box")

    # Choose it and send it to the planner, by keyboard.
    chosen = page.locator(".jp-OutputArea .lc-choose-chosen select").first
    chosen.focus()
    page.keyboard.press("ArrowDown")
    wait_for_saved_work(lab_server, "choose-a-course", until=lambda d: d["chosen"] == 0)
    send = page.locator(".jp-OutputArea button.lc-choose-send").first
    send.focus()
    page.keyboard.press("Enter")
    wait_for_text(page, ".lc-choose-sent", "now the course of your plan")
    plan = wait_for_saved_work(lab_server, "plan-your-circle", until=lambda d: d.get("source") == "Choose a course")
    assert (plan["topic"], plan["course_link"]) == (hostile, "https://example.org/web")
    assert cell_errors(page) == []

