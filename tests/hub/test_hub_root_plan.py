"""How the real-hub test gets root (support/as_root.py): it runs, goes through sudo, fails on CI,
or skips only on a developer's machine, and always says why."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from support.as_root import (FAIL, HUB_MODULE, RUN, SKIP, SUDO, UNDER_SUDO, hub_test_plan, on_ci,
                             passwordless_sudo, sudo_command)
from support.paths import ROOT


def never_asked() -> bool:
    raise AssertionError("sudo must not be tried here")


def sudo(works: bool):
    return lambda: works


@pytest.mark.parametrize("environ", [{}, {"CI": "true"}])
def test_root_runs_the_hub_test_in_this_session(environ):
    assert hub_test_plan(0, environ, never_asked).action == RUN


@pytest.mark.parametrize("environ", [{}, {"CI": "true"}])
def test_not_root_with_passwordless_sudo_runs_it_through_sudo(environ):
    plan = hub_test_plan(1001, environ, sudo(True))
    assert plan.action == SUDO
    assert "sudo" in plan.reason and "test_hub_cohort_sudo.py" in plan.reason


def test_not_root_without_sudo_on_ci_fails_and_says_why():
    plan = hub_test_plan(1001, {"CI": "true"}, sudo(False))
    assert plan.action == FAIL
    for why in ("root", "CI", "sudo", "hide"):
        assert why in plan.reason, plan.reason


@pytest.mark.parametrize("ci", [None, "", "false"])
def test_not_root_without_sudo_on_a_developer_machine_skips_with_the_reason(ci):
    environ = {} if ci is None else {"CI": ci}
    plan = hub_test_plan(1001, environ, sudo(False))
    assert plan.action == SKIP
    assert "root" in plan.reason and "sudo" in plan.reason


@pytest.mark.parametrize("value, expected", [("true", True), ("1", True), ("yes", True), ("", False),
                                             ("false", False), ("0", False)])
def test_ci_is_read_as_github_and_others_set_it(value, expected):
    assert on_ci({"CI": value}) is expected


def test_the_run_sudo_started_never_asks_sudo_again():
    """If sudo gave no root, fail at once rather than start sudo inside sudo."""
    plan = hub_test_plan(1001, {UNDER_SUDO: "1"}, never_asked)
    assert plan.action == FAIL and "not root" in plan.reason


def test_without_sudo_on_path_there_is_no_passwordless_sudo(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert passwordless_sudo() is False


def test_sudo_runs_the_hub_module_with_this_python_checkout_and_path():
    environ = {"PATH": "/opt/node/bin:/usr/bin", "PYTHONPATH": str(ROOT), "CI": "true", "SECRET": "x"}
    command = sudo_command(environ=environ)
    assert command[:3] == ["sudo", "-n", "env"]
    assert f"{UNDER_SUDO}=1" in command and "PATH=/opt/node/bin:/usr/bin" in command
    assert f"PYTHONPATH={ROOT}" in command and "CI=true" in command
    assert not any(part.startswith("SECRET=") for part in command), "only what the run needs passes"
    python = command.index(sys.executable)
    assert command[python + 1:python + 3] == ["-m", "pytest"]
    assert command[-1] == str(ROOT / HUB_MODULE) and (ROOT / HUB_MODULE).is_file()


NOT_ROOT_PLUGIN = """
import os
os.geteuid = lambda: 1001  # this run plays a user that is not root
"""


@pytest.mark.parametrize("ci, outcome", [("true", "error"), ("", "skipped")])
def test_the_hub_module_follows_the_plan_when_not_root(tmp_path, ci, outcome):
    """The real module, collected and set up by pytest as a user without root or sudo: on CI
    every test fails at setup with the reason, elsewhere every test is skipped with it."""
    (tmp_path / "not_root_plugin.py").write_text(NOT_ROOT_PLUGIN)
    env = {"PATH": str(tmp_path), "HOME": str(tmp_path), "CI": ci,  # no sudo on this PATH
           "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}", "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run([sys.executable, "-m", "pytest", "-p", "not_root_plugin", "-p", "no:cacheprovider",
                             "-q", "-rfEs", "--rootdir", str(ROOT), str(ROOT / HUB_MODULE)],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    report = result.stdout[-4000:] + result.stderr[-2000:]
    summary = result.stdout.strip().splitlines()[-1]
    assert re.match(rf"=* ?\d+ {outcome}s? in ", summary.strip()), report  # that outcome, and no other
    assert "creates real Unix users" in result.stdout, report
    if ci:
        assert "a skip here would hide a broken hub" in result.stdout, report
