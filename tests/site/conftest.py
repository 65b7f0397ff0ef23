"""Fixtures of the site tests: the built book served once on 127.0.0.1 for the whole session."""
from __future__ import annotations

import pytest

from support.site import serve


@pytest.fixture(scope="session")
def site(built_book):
    """Base URL of the built book, served over HTTP (support.site.serve)."""
    with serve(built_book) as base_url:
        yield base_url
