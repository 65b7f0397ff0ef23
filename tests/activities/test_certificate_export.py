""""Your certificate": the printable page and the files of "Download my work". Hostile names stay
text; no certificate without every checkpoint done; the plan's CSV is formula-guarded."""
from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

import pytest

from activities.certificate import Certificate, CheckpointResult, store
from activities.certificate.export import CERTIFICATE_NAME, PLAN_NAME, exports, files
from activities.certificate.render import GRADED, certificate_page, missing_html, status_html
from activities.download import collect_work
from support.hostile import HOSTILE_EXAMPLES, assert_escaped_in

TODAY = date(2027, 3, 1)
MODULES = ["Orientation", "Learning circles", "Anybody can learn anything", "Choosing a course", "Getting ready"]


def done(name="Ada Lovelace", **plan) -> Certificate:
    certificate = Certificate(name=name, **plan)
    certificate.record_check([CheckpointResult(m.lower().replace(" ", "-"), m) for m in MODULES], TODAY)
    return certificate


def test_an_eligible_learner_gets_the_certificate_with_name_date_modules_and_plan():
    made = files(done(first_circle="2027-04-14", co_facilitator="Sam", share_where="the monthly call"))
    assert set(made) == {CERTIFICATE_NAME, PLAN_NAME}
    page = made[CERTIFICATE_NAME].decode("utf-8")
    assert "Certificate of completion" in page and "Ada Lovelace" in page and "1 March 2027" in page
    assert all(f"<li>{module}</li>" in page for module in MODULES)
    assert "has completed all 5 modules" in page
    assert "My next 90 days, until" in page and "30 May 2027" in page  # 90 days after the check
    assert "14 April 2027" in page and "Sam" in page and "the monthly call" in page
    assert "<script" not in page and "http" not in page.replace('http-equiv', '')  # loads nothing


def test_not_eligible_means_no_certificate_only_the_plan_and_what_is_missing():
    certificate = Certificate(name="Ada")
    certificate.record_check([CheckpointResult("orientation", "Orientation"),
                              CheckpointResult("getting-ready", "Getting ready", ("the reflection \u201cX\u201d has no answer yet.",))],
                             TODAY)
    assert set(files(certificate)) == {PLAN_NAME}
    shown = missing_html(certificate.missing())
    assert "No certificate yet" in shown and "Getting ready: the reflection" in shown
    status = status_html(certificate.results, certificate.checked_on)
    assert "Orientation: Done" in status and "Getting ready: Not yet" in status and "1 March 2027" in status
    assert set(files(done(name=""))) == {PLAN_NAME}  # done, but no name typed yet


@pytest.mark.parametrize("text", [t for t in HOSTILE_EXAMPLES if t.strip() and len(t) <= 80 and "\x00" not in t
                                  and "\t" not in t and "\r" not in t and "\n" not in t])
def test_hostile_names_and_plan_are_escaped_everywhere(text):
    certificate = done(name=text, co_facilitator=text, share_where=text)
    page = files(certificate)[CERTIFICATE_NAME].decode("utf-8")
    shown = " ".join(text.split())
    assert_escaped_in(page, shown)
    assert page.count("<bdi>") == 3  # the name and the plan isolated from the text around them (RTL)
    rows = list(csv.reader(io.StringIO(files(certificate)[PLAN_NAME].decode("utf-8-sig"))))
    cell = rows[1][2]
    assert cell == shown or cell == "'" + shown  # formula guard on =, +, -, @


def test_the_cohort_version_has_blank_plan_lines_and_says_who_checked():
    from activities.certificate.render import PLAN_DAYS, Plan
    from datetime import timedelta

    page = certificate_page("Bo <b>Ngoma</b>", TODAY, MODULES[:2], GRADED, Plan(TODAY + timedelta(days=PLAN_DAYS), None, "", ""))
    assert "Bo &lt;b&gt;Ngoma&lt;/b&gt;" in page and "graded by the cohort" in page
    assert page.count('class="blank"') == 3 and "has completed all 2 modules" in page


def test_download_my_work_holds_the_certificate(tmp_path):
    saved = store(tmp_path)
    saved.save(done())
    bundle = collect_work(tmp_path)
    assert f"exports/certificate/{CERTIFICATE_NAME}" in bundle.files or any(
        name.endswith(CERTIFICATE_NAME) for name in bundle.files), sorted(bundle.files)
    with zipfile.ZipFile(io.BytesIO(bundle.to_zip())) as archive:
        assert any(name.endswith(PLAN_NAME) for name in archive.namelist())
    assert exports(done().to_dict())[CERTIFICATE_NAME] == files(done())[CERTIFICATE_NAME]
