"""The book's pages in order, read from ``_toc.yml``: the root page, then each part's chapters."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Part:
    caption: str
    docnames: tuple[str, ...]


def _files(node) -> list[str]:
    """Each ``file`` below ``node`` (sub-sections included), in order."""
    if isinstance(node, list):
        return [name for item in node for name in _files(item)]
    if isinstance(node, dict):
        own = [node["file"]] if "file" in node else []
        return own + [name for key, value in node.items() if key != "file" for name in _files(value)]
    return []


def book_parts(root: Path) -> list[Part]:
    """The root page as a part without caption, then every part of ``_toc.yml``."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    parts = [Part("", (toc["root"],))]
    for part in toc.get("parts", []):
        parts.append(Part(part.get("caption", ""), tuple(_files(part.get("chapters", [])))))
    return parts
