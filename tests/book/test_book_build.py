"""The book builds clean (warnings are errors) and every table-of-contents entry exists."""
from __future__ import annotations

from support.paths import ROOT
from support.toc import toc_entries


def test_every_toc_entry_exists():
    entries = toc_entries()
    assert entries, "the table of contents is empty"
    missing = [e for e in entries if not any((ROOT / f"{e}{ext}").exists() for ext in (".md", ".ipynb"))]
    assert not missing, f"_toc.yml names files that do not exist: {missing}"


def test_book_builds_without_warnings(built_book):
    for entry in toc_entries():
        assert (built_book / f"{entry}.html").exists(), f"no page built for {entry}"
