"""Fixtures of the trainer-tool tests (cohort/)."""
from __future__ import annotations

import pytest

from cohort import sandbox
from support.stranger import stranger_server


@pytest.fixture(scope="session")
def sandbox_ready():
    """Sandboxed grading needs bubblewrap to start here: fail (never skip) when it cannot."""
    problem = sandbox.check_sandbox()
    assert problem is None, f"bubblewrap sandbox cannot start on this machine: {problem}"


@pytest.fixture(scope="module")
def stranger():
    """The port of a stranger's server that records every request (support/stranger.py)."""
    with stranger_server() as port:
        yield port
