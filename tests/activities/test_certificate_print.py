"""The certificate printed by Debian's Chromium (A4 and US Letter): one page of the right size
holding the name, the date, every module and the 90-day plan; a long right-to-left or emoji
name still fits one page."""
from __future__ import annotations

from datetime import date

import pytest

from activities.certificate import MAX_NAME, Certificate, CheckpointResult
from activities.certificate.export import CERTIFICATE_NAME, files
from support.printing import PAPERS, flat, pages_and_size, print_pdf, same_size

pytestmark = pytest.mark.browser

TODAY = date(2027, 3, 1)
MODULES = ["Orientation", "Learning circles", "Anybody can learn anything", "Choosing a course", "Getting ready"]


def certificate_html(name: str, **plan) -> bytes:
    certificate = Certificate(name=name, **plan)
    certificate.record_check([CheckpointResult(m.lower().replace(" ", "-"), m) for m in MODULES], TODAY)
    return files(certificate)[CERTIFICATE_NAME]


@pytest.mark.parametrize("paper", list(PAPERS))
def test_the_certificate_prints_on_one_page_with_name_date_modules_and_plan(browser, tmp_path, paper):
    page_html = certificate_html("Ada Lovelace", first_circle="2027-04-14", co_facilitator="Sam Okafor",
                                 share_where="the monthly call")
    info, text, _pdf = print_pdf(browser, page_html, tmp_path, "certificate", paper)
    pages, size = pages_and_size(info)
    assert pages == 1 and same_size(size, PAPERS[paper][1])
    printed = flat(text)
    for expected in ["Certificate of completion", "Ada Lovelace", "Date: 1 March 2027", *MODULES,
                     "My next 90 days, until 30 May 2027", "14 April 2027", "Sam Okafor", "the monthly call"]:
        assert expected in printed, expected


@pytest.mark.parametrize("name", ["W" * MAX_NAME, ("مرحبا بكم في حلقة " * 5)[:MAX_NAME], "🌱👩🏽‍🏫" * 10,
                                  "<script>alert('x')</script> Ada"])
def test_hostile_names_print_on_one_page_as_text(browser, tmp_path, name):
    info, text, _pdf = print_pdf(browser, certificate_html(name, co_facilitator="x" * 200), tmp_path, "hostile", "a4")
    assert pages_and_size(info)[0] == 1
    printed = flat(text)
    assert "Getting ready" in printed and "Date: 1 March 2027" in printed
    if name.startswith("<script>"):
        assert "<script>alert('x')</script> Ada" in printed  # printed as the text it is
    if name.startswith("W"):
        assert printed.count("W") >= MAX_NAME  # wrapped, not cut off


@pytest.mark.parametrize("width", [1280, 390])
def test_the_certificate_page_passes_axe_and_fits_a_phone(browser, tmp_path, width):
    from axe_playwright_python.sync_playwright import Axe

    from support.site import describe_violations, run_axe

    source = tmp_path / "certificate.html"
    source.write_bytes(certificate_html("مرحبا Ada 🌱", co_facilitator="Sam"))
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(source.as_uri(), wait_until="load")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        violations = run_axe(page, Axe().axe_script)["violations"]
    finally:
        context.close()
    assert not violations, describe_violations(violations)  # none at all, not only the serious ones
