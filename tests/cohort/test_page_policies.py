"""Issue 14's second lock: every whole page the course makes (activities' printable pages, the
grading report, the dashboard) carries a content security policy, and in Chromium that policy
stops a page from fetching anything, even if some learner's text ever got through as markup."""
from __future__ import annotations

import pytest
from markupsafe import Markup

from activities.templating import PRINTABLE_POLICY, environment
from cohort.page_policy import OWN_PAGES, meta_tag, with_policy
from support.paths import ROOT
from support.stranger import Recorder, remote_loads

PAGE_TEMPLATES = sorted(p for p in [*ROOT.glob("activities/*/templates/*.html"), *ROOT.glob("activities/templates/*.html"),
                                      *ROOT.glob("cohort/templates/*.html")]
                        if "<head>" in p.read_text(encoding="utf-8"))


def test_there_are_whole_page_templates_to_check():
    names = {p.name for p in PAGE_TEMPLATES}
    assert {"check-in.html", "flyer.html", "grading-report.html", "dashboard-base.html"} <= names


@pytest.mark.parametrize("template", PAGE_TEMPLATES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_every_whole_page_template_starts_its_head_with_a_policy(template):
    head = template.read_text(encoding="utf-8").split("<head>", 1)[1].lstrip()
    assert head.startswith(("{{ page_policy }}", "<meta charset=\"utf-8\">\n{{ policy }}")), template


def test_the_policy_every_template_gets_is_the_printable_one():
    assert environment("activities").globals["page_policy"] == Markup(meta_tag(PRINTABLE_POLICY))


@pytest.mark.browser
@pytest.mark.parametrize("policy", [PRINTABLE_POLICY, OWN_PAGES])
def test_in_chromium_the_policies_stop_every_fetch_of_raw_markup(browser, tmp_path, stranger, policy):
    """Raw (unescaped) markup on purpose: the policy alone must stop it."""
    raw = remote_loads(stranger).replace("![a picture]", "<img src=").replace("/markdown.png)", "/markdown.png>")
    page_file = tmp_path / "page.html"
    page_file.write_text(with_policy(f"<!DOCTYPE html><html><head><title>t</title></head><body><p>{raw}</p>"
                                     "</body></html>", policy), encoding="utf-8")
    Recorder.requests.clear()
    page = browser.new_page()
    page.goto(page_file.as_uri())
    page.wait_for_timeout(500)
    assert "ends here." in page.inner_text("body")
    page.close()
    assert Recorder.requests == []
    # The same page without a policy does fetch (so the check above can fail).
    page_file.write_text(f"<!DOCTYPE html><html><head></head><body><p>{raw}</p></body></html>", encoding="utf-8")
    page = browser.new_page()
    page.goto(page_file.as_uri())
    page.wait_for_timeout(500)
    page.close()
    assert Recorder.requests


def test_a_feedback_page_gets_the_policy_first_in_its_head_and_only_once(tmp_path):
    from cohort.page_policy import FEEDBACK_PAGES, add_policy_to_file

    page = tmp_path / "feedback.html"
    page.write_text('<!DOCTYPE html>\n<html>\n<HEAD lang="en">\n<meta charset="utf-8" />\n<title>x</title>', encoding="utf-8")
    add_policy_to_file(page)
    add_policy_to_file(page)
    text = page.read_text(encoding="utf-8")
    assert text.count("Content-Security-Policy") == 1
    assert text.index("Content-Security-Policy") < text.index("<meta charset")
    assert str(meta_tag(FEEDBACK_PAGES)) in text
