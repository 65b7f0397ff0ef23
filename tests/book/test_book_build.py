"""The book builds clean (warnings are errors) and every table-of-contents entry exists."""
from __future__ import annotations

import yaml

from support.paths import ROOT


def _toc_files(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("file", "root"):
                yield value
            else:
                yield from _toc_files(value)
    elif isinstance(node, list):
        for item in node:
            yield from _toc_files(item)


def test_every_toc_entry_exists():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    entries = list(_toc_files(toc))
    assert entries, "the table of contents is empty"
    missing = [e for e in entries if not any((ROOT / f"{e}{ext}").exists() for ext in (".md", ".ipynb"))]
    assert not missing, f"_toc.yml names files that do not exist: {missing}"


def test_book_builds_without_warnings(built_book):
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    for entry in _toc_files(toc):
        assert (built_book / f"{entry}.html").exists(), f"no page built for {entry}"
