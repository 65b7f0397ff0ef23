"""Benchmark 4: disk size of the course environment vs a bare Jupyter environment.

Measured: a fresh venv made from ``requirements.txt`` (what Binder and a JupyterHub image
install), plus the course package's own source (installed editable, so it lives in the repo).
Baseline: a fresh venv with only jupyterlab, ipywidgets, nbgrader, jupyter-book and pandas, at
the versions ``requirements.txt`` pins. Both venvs are cached in the temp folder under a hash of
the requirements (``LC_BENCH_VENVS`` to choose the folder), and pip's own cache is used, so only
the first run pays for the installs.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .core import ROOT, Row

NAME = "footprint"
BARE = ("jupyterlab", "ipywidgets", "nbgrader", "jupyter-book", "pandas")


def pins() -> dict[str, str]:
    found = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        match = re.match(r"^\s*([A-Za-z0-9_.\-]+)==([^\s#;]+)", line)
        if match:
            found[match.group(1).lower().replace("_", "-")] = match.group(2)
    return found


def bare_requirements() -> list[str]:
    pinned = pins()
    return [f"{name}=={pinned[name]}" if name in pinned else name for name in BARE]


def cache_root() -> Path:
    digest = hashlib.sha256()
    for name in ("requirements.txt", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    digest.update(" ".join(bare_requirements()).encode())
    digest.update(sys.version.encode())
    base = Path(os.environ.get("LC_BENCH_VENVS", Path(tempfile.gettempdir()) / "lc-bench-venvs"))
    return base / digest.hexdigest()[:16]


def make_venv(path: Path, pip_args: list[str]) -> Path:
    """A venv with ``pip install pip_args``, reused if a previous run finished it."""
    done = path / ".bench-complete"
    if done.exists():
        return path
    shutil.rmtree(path, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
    result = subprocess.run([str(path / "bin" / "python"), "-m", "pip", "install", "--quiet",
                             "--disable-pip-version-check", *pip_args],
                            cwd=ROOT, capture_output=True, text=True, timeout=3600)
    if result.returncode != 0:
        raise RuntimeError(f"pip install {' '.join(pip_args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    done.write_text("ok\n")
    return path


def size_bytes(path: Path) -> int:
    """Apparent size of every file under ``path`` (symlinks not followed, hard links once)."""
    seen, total = set(), 0
    for folder, _dirs, files in os.walk(path):
        for name in files:
            try:
                stat = os.lstat(os.path.join(folder, name))
            except OSError:
                continue
            if (stat.st_dev, stat.st_ino) in seen:
                continue
            seen.add((stat.st_dev, stat.st_ino))
            total += stat.st_size
    return total


def site_packages(venv: Path) -> Path:
    return next((venv / "lib").glob("python3*/site-packages"))


def extras(course: Path, bare: Path, top: int = 6) -> list[tuple[str, int]]:
    """The biggest top-level entries of the course's site-packages that the bare one lacks."""
    bare_names = {p.name for p in site_packages(bare).iterdir()}
    extra = [(p.name, size_bytes(p) if p.is_dir() else p.stat().st_size)
             for p in site_packages(course).iterdir() if p.name not in bare_names]
    return sorted(extra, key=lambda item: -item[1])[:top]


def run(quick: bool = False) -> list[Row]:
    root = cache_root()
    root.mkdir(parents=True, exist_ok=True)
    course = make_venv(root / "course", ["-r", str(ROOT / "requirements.txt")])
    bare = make_venv(root / "bare", bare_requirements())
    own_source = sum(size_bytes(ROOT / name) for name in ("activities", "cohort") if (ROOT / name).is_dir())
    measured = size_bytes(course) + own_source
    baseline = size_bytes(bare)
    biggest = ", ".join(f"{name} {size / 1e6:.0f} MB" for name, size in extras(course, bare) if size >= 1e6)
    return [Row("footprint: course environment", "bare jupyterlab+ipywidgets+nbgrader+jupyter-book+pandas venv",
                baseline / 1e6, "venv from requirements.txt", measured / 1e6, "MB", goal=1.2,
                note=f"largest additions: {biggest or 'none over 1 MB'}; venvs cached in {root}")]
