"""Binder (self-paced learners): the repository alone is enough to build the learners'
environment, and the book's launch buttons and the README badge open the right notebook.

The expensive test builds a fresh virtual environment from requirements.txt only (no test
dependencies) and runs every learner notebook in a kernel from that environment, as Binder would
after `pip install -r requirements.txt`. repo2docker itself renders Binder's Dockerfile here
without Docker (`--no-build`), so the Dockerfile it would build is checked too.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from support.paths import BIN, ROOT

NOTEBOOKS = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "notebooks").glob("*.ipynb"))
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
REPO_URL = CONFIG["repository"]["url"]
ORG_REPO = urlsplit(REPO_URL).path.strip("/")
BRANCH = CONFIG["repository"]["branch"]
BINDER = CONFIG["launch_buttons"]["binderhub_url"].rstrip("/")


def _repo_copy(target: Path) -> Path:
    """What Binder sees: the repository's files, without local environments or build output."""
    ignore = shutil.ignore_patterns(".venv", "_build", ".git", "node_modules", "__pycache__",
                                    ".pytest_cache", ".hypothesis", "*.egg-info", ".ipynb_checkpoints")
    shutil.copytree(ROOT, target, ignore=ignore)
    return target


def _binder_url(notebook: str) -> str:
    return f"{BINDER}/v2/gh/{ORG_REPO}/{BRANCH}?urlpath=lab/tree/{notebook}"


def test_binder_reads_the_root_configuration():
    # A binder/ or .binder/ folder makes repo2docker ignore every root file (runtime.txt,
    # requirements.txt, pyproject.toml).
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()
    assert (ROOT / "runtime.txt").read_text().strip() == "python-3.11"
    lines = [l.split("#")[0].strip() for l in (ROOT / "requirements.txt").read_text().splitlines()]
    assert "-e ." in lines, "requirements.txt must install the course package (activities/)"
    # environment.yml would switch Binder to conda and skip requirements.txt's pins
    assert not (ROOT / "environment.yml").exists()
    # learners only need the course environment: nothing test-only sneaks into it
    pinned = {re.split(r"[=<>\[]", l)[0].lower() for l in lines if l and not l.startswith("-")}
    assert not pinned & {"pytest", "playwright", "axe-playwright-python", "jupyterhub"}


def test_readme_badge_opens_a_notebook_in_jupyterlab():
    readme = (ROOT / "README.md").read_text()
    badges = re.findall(r"\]\((https://mybinder\.org/v2/gh/[^)\s]+)\)", readme)
    assert badges, "no Binder badge link in README.md"
    for url in badges:
        parts = urlsplit(url)
        assert parts.path == f"/v2/gh/{ORG_REPO}/{BRANCH}", url
        (urlpath,) = parse_qs(parts.query)["urlpath"]
        assert urlpath.startswith("lab/tree/"), f"badge does not open JupyterLab: {url}"
        assert (ROOT / urlpath.removeprefix("lab/tree/")).is_file(), f"badge opens a missing file: {url}"


@pytest.mark.book
def test_launch_buttons_open_each_notebook_in_jupyterlab(built_book):
    assert NOTEBOOKS, "no learner notebooks found"
    for notebook in NOTEBOOKS:
        page = (built_book / notebook).with_suffix(".html").read_text()
        links = set(re.findall(r'href="(https://mybinder\.org/[^"]+)"', page))
        assert links == {_binder_url(notebook)}, f"{notebook}: Binder launch links {links}"
    # pages that are not notebooks have nothing to launch
    assert "mybinder.org/v2" not in (built_book / "book" / "index.html").read_text()


@pytest.fixture(scope="module")
def binder_copy(tmp_path_factory) -> Path:
    return _repo_copy(tmp_path_factory.mktemp("binder") / "repo")


def test_repo2docker_renders_a_python_311_image_from_requirements(binder_copy):
    """repo2docker's own Dockerfile for this repository (rendered, not built: no Docker here)."""
    result = subprocess.run(
        [str(BIN / "jupyter-repo2docker"), "--no-build", "--no-run", "--debug",
         "--user-id", "1000", "--user-name", "jovyan", str(binder_copy)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    dockerfile, log = result.stdout, result.stderr
    assert "python=3.11" in log, f"repo2docker did not pick Python 3.11:\n{log[-2000:]}"
    # build script names are escaped paths: "-2e" is ".", "-2d" is "-"
    assert "environment-2epy-2d3-2e11-2dlinux" in dockerfile, "no Python 3.11 conda lock file"
    # requirements.txt has `-e .`, so repo2docker must install it after copying the whole repo
    copy_repo = dockerfile.index("COPY --chown=1000:1000 src/ ${REPO_DIR}/")
    install = dockerfile.index('pip install --no-cache-dir -r "requirements.txt"')
    assert copy_repo < install
    assert dockerfile.rindex("USER ${NB_USER}") > install, "the notebook server must not run as root"


RUNNER = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    import nbformat
    from nbclient import NotebookClient

    report = {}
    for name in sys.argv[1:]:
        path = Path(name)
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
        report[name] = {
            "errors": [o.get("ename") for o in outputs if o.output_type == "error"],
            "widgets": sum("application/vnd.jupyter.widget-view+json" in o.get("data", {})
                           for o in outputs),
            "stdout": "".join(o.get("text", "") for o in outputs if o.get("name") == "stdout"),
        }
    print(json.dumps(report))
""")


def test_fresh_environment_from_requirements_runs_every_learner_notebook(binder_copy, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    env = {key: value for key, value in os.environ.items()
           if key not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
               # no user-level kernelspec or config may stand in for the fresh environment's
               JUPYTER_DATA_DIR=str(tmp_path / "jupyter-data"),
               JUPYTER_CONFIG_DIR=str(tmp_path / "jupyter-config"),
               LEARNING_CIRCLES_DATA_DIR=str(tmp_path / "saved-work"),
               PIP_DISABLE_PIP_VERSION_CHECK="1")
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-compile", "-r", "requirements.txt"],
                             cwd=binder_copy, env=env, capture_output=True, text=True, timeout=1500)
    assert install.returncode == 0, f"pip install -r requirements.txt failed:\n{install.stderr[-4000:]}"
    check = subprocess.run([str(python), "-m", "pip", "check"], env=env, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout

    # Only the course environment: no test tool is importable.
    probe = subprocess.run([str(python), "-c", textwrap.dedent("""
        import importlib.util, json, activities
        print(json.dumps({"activities": activities.__file__,
                          "test_tools": [m for m in ("pytest_xdist", "playwright", "axe_playwright_python")
                                         if importlib.util.find_spec(m)]}))""")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert probe.returncode == 0, probe.stderr
    facts = json.loads(probe.stdout)
    assert Path(facts["activities"]).is_relative_to(binder_copy), "course package not installed from the repo (-e .)"
    assert facts["test_tools"] == [], f"test dependencies leaked into the course environment: {facts}"

    # The kernel really is the fresh environment's Python.
    kernel_check = tmp_path / "kernel-check.ipynb"
    import nbformat
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import sys; print(sys.prefix)")]),
                   kernel_check)
    runner = tmp_path / "run_notebooks.py"
    runner.write_text(RUNNER)
    run = subprocess.run([str(python), str(runner), str(kernel_check), *NOTEBOOKS],
                         cwd=binder_copy, env=env, capture_output=True, text=True, timeout=1500)
    assert run.returncode == 0, f"a notebook failed in the fresh environment:\n{run.stderr[-6000:]}"
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert Path(report.pop(str(kernel_check))["stdout"].strip()) == venv
    assert sorted(report) == NOTEBOOKS
    for notebook, result in report.items():
        assert result["errors"] == [], f"{notebook}: {result['errors']}"
        assert result["widgets"] >= 1, f"{notebook} showed no activity widget"
