"""The real-hub test where this session is not root: run its module again as root through
passwordless sudo (GitHub's runners), and pass only if every one of its tests passed there."""
from __future__ import annotations

import re
import subprocess

import pytest

from support.as_root import FAIL, HUB_MODULE, RUN, SKIP, hub_test_plan, sudo_command
from support.paths import ROOT

pytestmark = [pytest.mark.hub, pytest.mark.nbgrader]


def test_the_hub_cohort_runs_as_root_through_sudo():
    plan = hub_test_plan()
    if plan.action == RUN:
        pytest.skip(f"already root: {HUB_MODULE} runs in this session itself")
    if plan.action == FAIL:
        pytest.fail(plan.reason)
    if plan.action == SKIP:
        pytest.skip(plan.reason)
    result = subprocess.run(sudo_command(), cwd=ROOT, capture_output=True, text=True, timeout=2400)
    report = f"{' '.join(sudo_command()[:3])} ... {HUB_MODULE}:\n{result.stdout[-8000:]}\n{result.stderr[-3000:]}"
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    assert result.returncode == 0, report
    # Every test ran and passed as root: a skip there would hide a broken hub just the same.
    assert re.search(r"\b\d+ passed\b", summary), report
    assert not re.search(r"skipped|failed|error|deselected|xfail|xpass", summary), report
