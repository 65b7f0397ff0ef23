"""How the real-hub test gets the root it needs (it creates real Unix users).

As root it runs in the test process. Elsewhere it must not pass unnoticed: with passwordless
sudo (GitHub's runners have it) the module runs again as root through ``sudo -n``; without it,
a CI run fails and says why; only a developer's machine skips, with the reason.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from support.paths import ROOT

RUN, SUDO, FAIL, SKIP = "run", "sudo", "fail", "skip"
#: Set in the run that sudo starts, so that run never asks for sudo again.
UNDER_SUDO = "LEARNING_CIRCLES_HUB_TEST_UNDER_SUDO"
HUB_MODULE = "tests/hub/test_hub_cohort.py"
SUDO_TEST = "tests/hub/test_hub_cohort_sudo.py"
NEEDS_ROOT = "the JupyterHub cohort test creates real Unix users, so it needs root"


@dataclass(frozen=True)
class Plan:
    action: str  # RUN, SUDO, FAIL or SKIP
    reason: str


def on_ci(environ: Mapping[str, str]) -> bool:
    """CI services set ``CI`` (GitHub: ``CI=true``); an empty, "0" or "false" value means no."""
    return environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def passwordless_sudo() -> bool:
    """``sudo -n`` works: sudo exists and asks no password."""
    if not shutil.which("sudo"):
        return False
    try:
        return subprocess.run(["sudo", "-n", "true"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def hub_test_plan(euid: int | None = None, environ: Mapping[str, str] | None = None,
                  sudo_works: Callable[[], bool] = passwordless_sudo) -> Plan:
    """Decide how the real-hub test runs here (arguments default to this process's)."""
    euid = os.geteuid() if euid is None else euid
    environ = os.environ if environ is None else environ
    if euid == 0:
        return Plan(RUN, "running as root")
    if environ.get(UNDER_SUDO):
        return Plan(FAIL, f"{NEEDS_ROOT}, but the run that `sudo -n` started is not root (uid {euid})")
    if sudo_works():
        return Plan(SUDO, f"{NEEDS_ROOT}: not root here, so {SUDO_TEST} runs it as root through `sudo -n`")
    if on_ci(environ):
        return Plan(FAIL, f"{NEEDS_ROOT}, and this CI machine (CI is set) gives neither root nor "
                          "passwordless sudo: a skip here would hide a broken hub. Run the tests as "
                          "root or allow `sudo -n` for this user.")
    return Plan(SKIP, f"{NEEDS_ROOT}: run the tests as root, or with passwordless sudo (CI does)")


def sudo_command(module: str = HUB_MODULE, environ: Mapping[str, str] | None = None) -> list[str]:
    """The command that runs ``module`` as root: this interpreter, this checkout, this PATH
    (configurable-http-proxy), no bytecode or pytest cache left in the checkout owned by root."""
    environ = os.environ if environ is None else environ
    keep = {name: environ[name] for name in ("PATH", "PYTHONPATH", "CI") if name in environ}
    assignments = [f"{name}={value}" for name, value in
                   {**keep, UNDER_SUDO: "1", "PYTHONDONTWRITEBYTECODE": "1"}.items()]
    return ["sudo", "-n", "env", *assignments, sys.executable, "-m", "pytest", "-p", "no:cacheprovider",
            "-q", "-rfEs", "--rootdir", str(ROOT), str(ROOT / module)]
