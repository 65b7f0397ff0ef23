"""The handbook's pieces without a browser: every activity has a paper version, the command says
what to do when there is no built book, run.sh and the Pages workflow make the PDF, and the
heading matcher copes with how Chromium writes the PDF outline."""
from __future__ import annotations

import subprocess

import yaml

from activities.registry import ACTIVITIES
from handbook.__main__ import main
from handbook.paper import PAPER_FILE, activity_package, paper_box_html, paper_for
from handbook.printing import same_heading
from handbook.toc import book_parts
from support.paths import ROOT
from support.toc import toc_entries


def test_every_activity_has_a_paper_version():
    missing = [f"{activity_package(a).replace('.', '/')}/{PAPER_FILE}" for a in ACTIVITIES if paper_for(a.name) is None]
    assert not missing, f"write the paper version of these activities: {missing}"
    for paper in map(paper_for, (activity.name for activity in ACTIVITIES)):
        assert paper.to_print and paper.to_bring and len(paper.steps) >= 2, paper.name
        words = " ".join(paper.to_print + paper.to_bring + paper.steps)
        assert "Run All Cells" not in words and "JupyterLab" not in words and "click" not in words.lower()


def test_the_paper_box_is_escaped_html():
    box = paper_box_html(paper_for("plus-delta"))
    assert box.count("<li>") == sum(map(len, (paper_for("plus-delta").to_print, paper_for("plus-delta").to_bring,
                                             paper_for("plus-delta").steps)))
    assert "&quot;+&quot;" in box and "What to bring" in box


def test_the_handbook_follows_the_toc():
    assert [name for part in book_parts(ROOT) for name in part.docnames] == toc_entries()
    captions = [part.caption for part in book_parts(ROOT)]
    assert captions[0] == "" and captions[1:] == [part["caption"] for part in
                                                 yaml.safe_load((ROOT / "_toc.yml").read_text())["parts"]]


def test_without_a_built_book_the_command_says_what_to_do(tmp_path, capsys):
    assert main(["--built", str(tmp_path)]) == 1
    assert "run ./run.sh build first" in capsys.readouterr().err


def test_run_sh_and_the_pages_workflow_make_the_handbook():
    usage = subprocess.run(["bash", str(ROOT / "run.sh")], capture_output=True, text=True)
    assert usage.returncode == 2 and "handbook (build the book, then print it as one PDF" in usage.stdout
    assert 'exec "$PY" -m handbook' in (ROOT / "run.sh").read_text()
    steps = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text())["jobs"]["build"]["steps"]
    runs = [step.get("run", "").strip() for step in steps]
    upload = next(i for i, step in enumerate(steps) if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert runs.index("./run.sh build") < runs.index("./run.sh handbook") < upload


def test_outline_headings_match_as_chromium_writes_them():
    title = "Anybody can learn anything: about the activity"
    assert same_heading(title, title)
    assert same_heading("Anybody can learn anything: about theAnybody can learn anything: about theactivity", title)
    assert not same_heading("Anybody can learn anything?", title)
    assert not same_heading("Activity: Anybody can learn anything: about the activity", title)
