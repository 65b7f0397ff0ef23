"""Benchmark 6: printing the facilitator handbook vs a plain build of the book (same run).

A fresh copy of the repository is built as ``./run.sh build`` does (cold: every notebook runs):
the baseline. Then ``python -m handbook`` prints that built book (cover, contents, every page,
two or three prints with Chromium until the contents' page numbers settle), and
``./run.sh handbook``'s own path is timed too: a rebuild that finds nothing to redo, then the print.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from .book_build import build, copy_repository
from .core import Row, run_measured

NAME = "handbook"


def print_handbook(src: Path, out: Path):
    return run_measured([sys.executable, "-m", "handbook", "--root", str(src), "--out", str(out)],
                        cwd=src, timeout=1800)


def run(quick: bool = False) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="lc-bench-handbook-") as tmp:
        base = Path(tmp)
        src = copy_repository(base)
        cold = build(src, base / "saved-work")
        printed = print_handbook(src, base / "handbook.pdf")
        pages = printed.stdout.strip().rpartition("(")[2].rstrip(")")
        rows = [Row("handbook: print the built book", "cold build", cold.seconds, "python -m handbook",
                    printed.seconds, "s", goal=0.5, peak_memory_mb=printed.peak_rss_mb, note=pages)]
        if not quick:
            rebuilt = build(src, base / "saved-work")
            again = print_handbook(src, base / "handbook-again.pdf")
            rows.append(Row("handbook: ./run.sh handbook after a build", "cold build", cold.seconds,
                            "rebuild + print", rebuilt.seconds + again.seconds, "s", goal=0.6,
                            peak_memory_mb=max(rebuilt.peak_rss_mb, again.peak_rss_mb)))
        return rows
