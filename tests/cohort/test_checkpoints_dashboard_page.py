"""The cohort dashboard at cohort size, as a trainer sees it in Chromium: 30 learners over every
checkpoint (made for real with nbgrader's gradebook API, see support/synthetic_cohort.py), the
overview first, a page per learner and per question, sorting and filtering (keyboard too, and the
full table without JavaScript), a laptop screen, axe-core, and learners' text that is shown
exactly, never run, and never makes the browser load anything."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from cohort.__main__ import main
from cohort.checkpoints import ASSIGNMENTS
from cohort.dashboard import load_cohort
from cohort.dashboard.views import page_name
from support.site import describe_violations, run_axe
from support.stranger import Recorder, remote_loads
from support.synthetic_cohort import LEARNERS, build_cohort

pytestmark = pytest.mark.browser

#: Every checkpoint of the course, and (while the course has fewer) more up to six: the size
#: issue 17 asks for.
CHECKPOINTS = ASSIGNMENTS + tuple(f"later-{n}" for n in range(6 - len(ASSIGNMENTS)))
HOSTILE_NAME = "<script>alert(1)</script><img src=x onerror=alert(2)>"
HOSTILE_ID = "<i>ö \"id\" 🌱 & ' x"  # any characters a folder name can hold
RTL = "سارة אבי"
LONG = "word " * 400 + "x" * 3000


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory, stranger):
    root = tmp_path_factory.mktemp("cohort30")
    cohort = build_cohort(root / "course", LEARNERS, CHECKPOINTS, names={0: HOSTILE_NAME, 2: RTL},
                          ids={4: HOSTILE_ID}, reflections={1: remote_loads(stranger), 3: LONG})
    out = root / "dashboard"
    assert main(["dashboard", str(cohort.course_dir), "--out", str(out)]) == 0
    return cohort, out


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


def _rows(page):
    return page.locator("#overview tbody tr")


def test_overview_is_one_row_per_learner_and_a_column_per_checkpoint_in_course_order(dashboard, page):
    cohort, out = dashboard
    page.goto((out / "index.html").as_uri())
    assert _rows(page).count() == LEARNERS
    headers = page.locator("#overview thead th").all_inner_texts()
    assert [h.strip() for h in headers] == ["Learner", *CHECKPOINTS, "Progress", "Needs a look"]
    words = {"graded": "graded", "waiting for manual grading": "to grade", "autograde failed": "failed",
             "collected, not autograded yet": "collected", "not submitted": "not submitted"}
    by_page = {f"learners/{page_name(student)}": student for student in cohort.students}
    for row in _rows(page).all():
        student = by_page[row.locator("th a").get_attribute("href")]
        cells = row.locator("td.status").all()
        assert len(cells) == len(CHECKPOINTS)
        for checkpoint, cell in zip(CHECKPOINTS, cells):
            assert words[cohort.expected[(student, checkpoint)]] in cell.text_content(), (student, checkpoint)
        needs = row.locator("td").last.inner_text()
        assert ("problem" in needs) == (student in cohort.flagged), student
    # "Not submitted" is quiet: a dash, the words only for screen readers.
    quiet = page.locator("td.status.quiet").first
    assert quiet.locator("[aria-hidden=true]").inner_text() == "–"
    assert quiet.locator(".visually-hidden").text_content() == "not submitted"
    assert quiet.locator(".visually-hidden").bounding_box()["width"] <= 1


def test_every_learner_page_exists_links_back_and_shows_their_work(dashboard, page):
    cohort, out = dashboard
    page.goto((out / "index.html").as_uri())
    links = page.locator("#overview tbody th a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert len(set(hrefs)) == LEARNERS and all(h.startswith("learners/") and ".." not in h for h in hrefs)
    for href in hrefs:
        assert (out / href).is_file(), href
    hostile = hrefs[page.locator("#overview tbody th a").all_inner_texts().index(HOSTILE_NAME + " Example")]
    page.goto((out / hostile).as_uri())
    assert page.locator("h1").inner_text() == HOSTILE_NAME + " Example"
    assert page.locator("a[href='../index.html']").count() >= 1
    page.locator("a[href='../index.html']").first.click()
    assert page.locator("#overview").count() == 1
    # A graded reflection shows the trainer's comment; the learner's CSV is next to the page.
    student, checkpoint = next(key for key, status in cohort.expected.items() if status == "graded")
    page.goto((out / "learners" / page_name(student)).as_uri())
    assert f"Thank you, learner {cohort.students.index(student)}" in page.locator("#reflections ~ section").first.inner_text() \
        or f"Thank you, learner {cohort.students.index(student)}" in page.inner_text("main")
    assert (out / "learners" / page_name(student).replace(".html", ".csv")).is_file()
    assert (out / hostile.replace(".html", ".csv")).is_file()


def test_sorting_and_filtering_work_from_the_keyboard(dashboard, page):
    cohort, out = dashboard
    page.goto((out / "index.html").as_uri())
    progress = page.locator("th[data-sort='progress']")
    progress.locator("button").focus()
    page.keyboard.press("Enter")
    assert progress.get_attribute("aria-sort") == "ascending"
    values = [int(v) for v in _rows(page).evaluate_all("rows => rows.map(r => r.dataset.progress)")]
    assert values == sorted(values) and values[0] == 0 and values[-1] > 0
    page.keyboard.press("Space")
    assert progress.get_attribute("aria-sort") == "descending"
    values = [int(v) for v in _rows(page).evaluate_all("rows => rows.map(r => r.dataset.progress)")]
    assert values == sorted(values, reverse=True)

    needing = page.locator("th[data-sort='needing']")
    page.keyboard.press("Tab")  # the next sort control, in reading order
    assert page.evaluate("document.activeElement.closest('th').dataset.sort") == "needing"
    page.keyboard.press("Enter")
    assert needing.get_attribute("aria-sort") == "descending" and progress.get_attribute("aria-sort") == "none"
    flags = _rows(page).evaluate_all("rows => rows.map(r => r.dataset.needing)")
    assert flags == ["1"] * len(cohort.flagged) + ["0"] * (LEARNERS - len(cohort.flagged))

    page.locator("th[data-sort='name'] button").focus()
    page.keyboard.press("Enter")
    assert page.locator("th[data-sort='name']").get_attribute("aria-sort") == "ascending"
    page.keyboard.press("Enter")
    assert page.locator("th[data-sort='name']").get_attribute("aria-sort") == "descending"
    names = _rows(page).locator("th a").all_inner_texts()
    assert names[0].startswith(RTL) and names[-1].startswith("<script>")  # Arabic after Latin, "<" first

    page.locator("#only-needing").focus()
    page.keyboard.press("Space")
    assert page.locator("#overview tbody tr:visible").count() == len(cohort.flagged)
    assert page.locator("#shown-count").inner_text() == f"Showing {len(cohort.flagged)} of {LEARNERS} learners."
    page.keyboard.press("Space")
    assert page.locator("#overview tbody tr:visible").count() == LEARNERS


def test_without_javascript_the_full_table_is_there(dashboard, browser):
    _, out = dashboard
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto((out / "index.html").as_uri())
    assert page.locator("#overview tbody tr:visible").count() == LEARNERS
    assert page.locator("#overview-controls").is_hidden()  # a filter that cannot work is not offered
    assert page.locator("#overview button").count() == 0
    context.close()


def test_thirty_rows_fit_in_two_laptop_screens_with_the_header_in_view(dashboard, page, tmp_path):
    _, out = dashboard
    page.goto((out / "index.html").as_uri())
    page.screenshot(path=tmp_path / "overview-1280x800.png")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    table_height = page.locator("#overview").bounding_box()["height"]
    assert table_height <= 2 * 800, f"the overview is {table_height} px tall"
    box = page.locator(".table-scroll")
    box.evaluate("box => box.scrollIntoView()")  # first screen: the table's top rows
    box.evaluate("box => box.scrollBy(0, box.clientHeight)")  # second screen
    last = _rows(page).last.bounding_box()
    header = page.locator("#overview thead th").first.bounding_box()
    assert last["y"] + last["height"] <= 800, "the last learner is not in view after one screen"
    assert 0 <= header["y"] < 800 and header["y"] <= last["y"], "the header row scrolled away"
    page.screenshot(path=tmp_path / "overview-scrolled.png")
    # A narrow screen scrolls the table, not the page.
    page.set_viewport_size({"width": 480, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 480
    assert box.evaluate("box => box.scrollWidth > box.clientWidth")


def _all_pages(out):
    return [out / "index.html", out / "attention.html", *sorted((out / "learners").glob("*.html")),
            *sorted((out / "questions").glob("*.html"))]


def test_axe_finds_no_serious_problem_on_any_dashboard_page(dashboard, browser):
    _, out = dashboard
    # axe-core is injected by eval, which the pages' policy forbids (as it should): bypass it here.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    axe = Axe().axe_script
    pages = _all_pages(out)
    assert len(pages) == 2 + LEARNERS + len(CHECKPOINTS)
    for path in pages:
        page.goto(path.as_uri())
        violations = [v for v in run_axe(page, axe)["violations"] if v["impact"] in ("serious", "critical")]
        assert violations == [], f"{path.name}:\n{describe_violations(violations)}"
    context.close()


@pytest.mark.parametrize("policy", ["with the pages' policy", "even without it"])
def test_learners_text_is_shown_never_run_and_loads_nothing(dashboard, browser, policy):
    _, out = dashboard
    Recorder.requests.clear()
    context = browser.new_context(bypass_csp=policy != "with the pages' policy")
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in _all_pages(out):
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        assert page.evaluate("[...document.images].every(i => i.getAttribute('src') === 'progress.svg')")
    page.goto((out / "index.html").as_uri())
    assert HOSTILE_NAME in page.locator("#overview").inner_text() and RTL in page.locator("#overview").inner_text()
    assert HOSTILE_ID in page.locator("#overview").inner_text()
    rtl = page.locator("#overview th.text", has_text=RTL).first
    assert rtl.evaluate("th => getComputedStyle(th).direction") == "rtl"
    question = next((out / "questions").glob("orientation-*.html"))
    page.goto(question.as_uri())
    answers = page.locator("td.text").all_inner_texts()
    assert any("My plan <img src=http://127.0.0.1:" in text and "ends here." in text for text in answers)
    assert LONG.strip() in answers
    page.wait_for_timeout(300)
    assert dialogs == [] and Recorder.requests == []
    context.close()


def test_checkpoints_are_listed_in_course_order(tmp_path):
    """The gradebook lists assignments alphabetically; the dashboard follows the course."""
    from nbgrader.api import Gradebook

    from cohort.course import nbgrader_tools_on_path

    with nbgrader_tools_on_path(), Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as gb:
        for name in sorted(ASSIGNMENTS):
            gb.add_assignment(name)
        gb.add_student("amina")
    report = load_cohort(tmp_path)
    assert sorted(ASSIGNMENTS) != list(ASSIGNMENTS)  # so the gradebook's order would show
    assert list(dict.fromkeys(report.progress["assignment"])) == list(ASSIGNMENTS)


def test_the_terminal_summary_says_who_needs_a_look_and_where_the_pages_are(dashboard, capsys):
    cohort, out = dashboard
    assert main(["dashboard", str(cohort.course_dir), "--out", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Cohort circle-30"
    assert lines[1].startswith(f"  {CHECKPOINTS[0]}: ") and len(lines[1:1 + len(CHECKPOINTS)]) == len(CHECKPOINTS)
    assert f"{len(cohort.flagged)} of {LEARNERS} learner(s) need a look" in "\n".join(lines)
    assert any(str((out / "index.html").resolve()) in line for line in lines)
    assert any("learners" in line and str(out.resolve()) in line for line in lines)
