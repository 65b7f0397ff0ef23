"""Rows, the results table, machine description and small measuring helpers."""
from __future__ import annotations

import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@dataclass
class Row:
    """One line of the results table: a measurement against its baseline from the same run."""

    name: str
    baseline_label: str
    baseline: float
    measured_label: str
    measured: float
    unit: str
    goal: float | None = None  # the ratio measured/baseline must be at most this
    peak_memory_mb: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.measured / self.baseline if self.baseline else float("inf")

    @property
    def met(self) -> bool | None:
        return None if self.goal is None else self.ratio <= self.goal

    def as_dict(self) -> dict:
        return {"name": self.name, "baseline": f"{self.baseline_label}: {format_value(self.baseline, self.unit)}",
                "measured": f"{self.measured_label}: {format_value(self.measured, self.unit)}",
                "ratio": f"{self.ratio:.2f}x",
                "goal": f"<= {self.goal:g}x" if self.goal is not None else "-",
                "met?": {True: "yes", False: "NO", None: "-"}[self.met],
                "peak memory": _megabytes(self.peak_memory_mb) if self.peak_memory_mb is not None else "-",
                "note": self.note}


def _megabytes(value: float) -> str:
    if value < 1:
        return f"{value:.2f} MB"
    return f"{value:.1f} MB" if value < 10 else f"{value:.0f} MB"


COLUMNS = ("name", "baseline", "measured", "ratio", "goal", "met?", "peak memory", "note")


def format_value(value: float, unit: str) -> str:
    if unit == "s":
        if value < 1e-3:
            return f"{value * 1e6:.1f} µs"
        if value < 1:
            return f"{value * 1e3:.2f} ms"
        return f"{value:.1f} s"
    if unit == "ms":
        return f"{value:.2f} ms"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:g} {unit}"


def text_table(rows: list[Row]) -> str:
    """A plain fixed-width table for the terminal."""
    cells = [COLUMNS] + [tuple(r.as_dict()[c] for c in COLUMNS) for r in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(COLUMNS))]
    out = []
    for n, line in enumerate(cells):
        out.append("  ".join(value.ljust(width) for value, width in zip(line, widths)).rstrip())
        if n == 0:
            out.append("  ".join("-" * width for width in widths))
    return "\n".join(out)


def markdown_table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for row in rows:
        values = [row.as_dict()[c].replace("|", "\\|") for c in COLUMNS]
        lines.append("| " + " | ".join(values) + " |")
    return "\n".join(lines)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100): an actual observed value, no interpolation."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def median(values: list[float]) -> float:
    return statistics.median(values)


@dataclass
class Run:
    """A finished subprocess: wall time and the peak RSS of its largest process (kernels too)."""

    seconds: float
    peak_rss_mb: float
    stdout: str
    stderr: str
    returncode: int


_RUSAGE_WRAPPER = (
    "import resource, subprocess, sys, json\n"
    "p = subprocess.run(sys.argv[1:])\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(json.dumps({'maxrss_kb': u.ru_maxrss, 'rc': p.returncode}), file=sys.stderr)\n"
)


def run_measured(command: list[str], *, cwd: Path | None = None, env: dict | None = None,
                 timeout: float = 1800, check: bool = True) -> Run:
    """Run ``command`` in a wrapper that reports the max RSS over every descendant it reaped.

    ru_maxrss of RUSAGE_CHILDREN is the peak of the single largest (grand)child, e.g. a kernel.
    """
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", _RUSAGE_WRAPPER, *command], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=timeout)
    seconds = time.perf_counter() - start
    stderr, _, last = result.stderr.rstrip().rpartition("\n")
    match = re.search(r'"maxrss_kb": (\d+)', last)
    peak = int(match.group(1)) / 1024 if match else float("nan")
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, command))} failed ({result.returncode}):\n"
                           f"{result.stdout[-3000:]}\n{stderr[-3000:]}")
    return Run(seconds, peak, result.stdout, stderr, result.returncode)


def self_peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gb() -> float | None:
    try:
        match = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
        return int(match.group(1)) / 1024 / 1024 if match else None
    except OSError:
        return None


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _chromium_version() -> str:
    try:
        out = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True, timeout=30)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "not installed"


def machine() -> dict[str, str]:
    """Where the numbers came from: they only mean something next to this."""
    ram = _ram_gb()
    try:
        load = "%.1f %.1f %.1f" % os.getloadavg()
    except OSError:
        load = "unknown"
    packages = ["jupyterlab", "jupyter-book", "nbgrader", "ipywidgets", "anywidget", "pillow", "nbclient",
                "playwright"]
    return {
        "CPU": _cpu_model(),
        "cores": str(os.cpu_count()),
        "RAM": f"{ram:.1f} GB" if ram else "unknown",
        "load average at start (1/5/15 min)": load,
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "Chromium": _chromium_version(),
        "packages": ", ".join(f"{p} {_version(p)}" for p in packages),
    }
