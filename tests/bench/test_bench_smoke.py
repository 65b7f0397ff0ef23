"""Smoke test of the benchmark harness: it runs and prints its table. Timings are never asserted."""
from __future__ import annotations

import re
import subprocess
import sys

from support.paths import ROOT


def bench(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "benchmarks", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def test_quick_fit_benchmark_prints_a_table_of_ratios():
    result = bench("fit", "--quick")
    assert result.returncode == 0, result.stderr[-3000:]
    out = result.stdout
    assert "Machine: CPU:" in out and "Python:" in out
    header = next(line for line in out.splitlines() if line.startswith("name "))
    for column in ("baseline", "measured", "ratio", "goal", "met?", "peak memory"):
        assert column in header
    rows = [line for line in out.splitlines() if line.startswith("fit: ")]
    # one row per size in the table of the benchmark and again in the summary
    assert {re.match(r"fit: ([\d,]+) chars", r).group(1) for r in rows} == {"10", "100", "1,000", "10,000"}
    for row in rows:
        assert re.search(r"\s\d+\.\d\dx\s", row), f"no ratio in {row!r}"
    assert re.search(r"fit: 10 chars .* 1\.00x", out)  # the baseline is its own first row
    assert "growth ~ n^" in out


def test_unknown_benchmark_is_refused_with_the_list_of_names():
    result = bench("no-such-benchmark")
    assert result.returncode == 2
    for name in ("fit", "typing", "autograde", "book", "footprint"):
        assert name in result.stderr


def test_readme_results_section_is_replaced_not_appended():
    from benchmarks.__main__ import END, START, render_readme
    from benchmarks.core import Row

    row = Row("fit: 10 chars", "fit of 10 chars", 1e-4, "fit", 2e-4, "s", goal=1.5)
    stored = {"fit": {"when": "2026-11-29 03:00 UTC", "quick": False, "machine": {"CPU": "test cpu"},
                      "rows": [row.as_dict()]}}
    readme = f"# Benchmarks\n\nintro\n\n{START}\nold numbers\n{END}\n\nafter\n"
    rendered = render_readme(readme, stored)
    assert "old numbers" not in rendered and "intro" in rendered and rendered.endswith("after\n")
    assert rendered.count(START) == 1 and "| fit: 10 chars |" in rendered
    assert "| 2.00x | <= 1.5x | NO |" in rendered and "- CPU: test cpu" in rendered
