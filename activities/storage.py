"""Saved work: every activity keeps what the learner made in one JSON file per activity.

Writes are atomic (temporary file in the same folder, fsync, then rename), so a crash or a
killed kernel leaves either the old file or the new one, never half of one. A killed save can
leave its temporary file behind: loading (and the first save) removes those of the activity
whose writer is gone. A file that cannot be read, or that a newer version of the course wrote,
is moved aside as a backup and the learner is told where it went; the activity then starts
clean instead of raising. When the folder cannot be written (read-only, disk full) the work
stays in memory, the activity says so, and "Download my work" still gets it.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import platformdirs

try:  # file locks tell a live writer's temporary file from an orphan (POSIX only)
    import fcntl
    fcntl.flock  # the in-page Python (Pyodide) has fcntl without flock
except (ImportError, AttributeError):  # pragma: no cover - Windows, Pyodide: only the age rule applies
    fcntl = None

#: Environment variable that overrides where saved work goes (tests, JupyterHub home folders).
DATA_DIR_ENV = "LEARNING_CIRCLES_DATA_DIR"
APP_NAME = "learning-circles-course"
#: In the book's in-page Python (JupyterLite) only this folder survives a reload: it is the
#: browser-storage drive JupyterLite mounts for the kernel; everything else is memory.
BROWSER_DRIVE = Path("/drive")
BROWSER_FOLDER = "learning-circles-saved-work"

#: A temporary file nobody holds a lock on is an orphan; without working locks (some network
#: file systems) one this old is taken for an orphan, as no save takes anywhere near that long.
STALE_AFTER_SECONDS = 3600

_SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")

#: ``SavedState._seen`` before this view has looked at the file at all (no check is possible).
_NOT_LOOKED = object()

#: Work that could not be written, by (folder, activity): "Download my work" still offers it.
_UNSAVED: dict[tuple[str, str], dict] = {}


def data_dir(create: bool = True) -> Path:
    """The folder that holds this learner's saved work (created on first use unless ``create`` is false)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        folder = Path(override)
    elif in_browser():
        folder = BROWSER_DRIVE / BROWSER_FOLDER
    else:
        folder = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def in_browser() -> bool:
    """True in the book's in-page Python (Pyodide in JupyterLite)."""
    return sys.platform == "emscripten"


def unsaved_work(folder: Path) -> dict[str, dict]:
    """Envelopes (activity -> saved-work dict) this process could not write into ``folder``."""
    return {activity: envelope for (where, activity), envelope in _UNSAVED.items() if where == str(folder)}


@dataclass
class LoadResult:
    """What loading found: the saved data (None when starting clean) and a message for the learner."""

    data: dict | None
    message: str | None = None


class SavedState:
    """The saved work of one activity, e.g. ``SavedState("sentence-editor", schema_version=1)``.

    ``save`` raises ``OSError`` when the disk refuses; views call ``save_or_keep`` instead, which
    keeps the work in memory and sets ``problem`` (a message for the learner, None when saving
    works), telling every function in ``listeners`` when it changes.
    """

    def __init__(self, activity: str, schema_version: int, folder: Path | None = None):
        if not _SAFE_NAME.match(activity):
            raise ValueError(f"activity name must be lowercase letters, digits, - or _: {activity!r}")
        self.activity = activity
        self.schema_version = schema_version
        self._folder = folder
        self.problem: str | None = None
        self.listeners: list[Callable[[str | None], None]] = []
        self._swept = False
        self._protected: Path | None = None  # a file that could not be moved aside: never overwrite it
        # sha256 of the file as this view last read or wrote it (None: there was no file), so a
        # save can tell that another tab or kernel changed it since (changed_elsewhere).
        self._seen: object = _NOT_LOOKED
        #: A note about the same work open twice, for the activity's message area (None: none).
        self.notice: str | None = None

    @property
    def location(self) -> Path:
        """Where the work goes, without creating the folder."""
        return Path(self._folder) if self._folder is not None else data_dir(create=False)

    @property
    def folder(self) -> Path:
        folder = self.location
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    @property
    def path(self) -> Path:
        return self.folder / f"{self.activity}.json"

    def _envelope(self, data: dict) -> dict:
        return {
            "activity": self.activity,
            "schema_version": self.schema_version,
            "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "data": data,
        }

    def save(self, data: dict) -> Path:
        """Write ``data`` (JSON-serialisable) atomically; returns the file's path."""
        text = json.dumps(self._envelope(data), ensure_ascii=False, indent=1)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate (no UTF-8 for it): JSON escapes keep it exactly
            text = json.dumps(self._envelope(data), ensure_ascii=True, indent=1)
        target = self.path
        if self._protected is not None and self._protected.exists():
            self._move_aside(self._protected)  # raises while the folder still refuses
        self._protected = None
        if not self._swept:
            self.remove_orphan_temp_files()
        fd, tmp_name = _locked_temp_file(target.parent, prefix=f".{self.activity}.")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as tmp:
                tmp.write(text)
                tmp.flush()
                os.fsync(tmp.fileno())
                if fcntl is not None:  # rename while still locked, so no sweeper takes it for an orphan
                    os.replace(tmp_name, target)
            if fcntl is None:
                os.replace(tmp_name, target)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        self._seen = _digest(text.encode("utf-8"))
        return target

    def save_or_keep(self, data: dict) -> bool:
        """Save; when the disk refuses, keep ``data`` for "Download my work" and set ``problem``."""
        key = (str(self.location), self.activity)
        try:
            self.save(data)
        except OSError as error:
            _UNSAVED[key] = self._envelope(data)
            self._set_problem(
                f"Your latest changes could not be saved in {self.location} ({short_reason(error)}). They are "
                "kept while this notebook stays open: use \u201cDownload my work\u201d to keep a copy.")
            return False
        _UNSAVED.pop(key, None)
        self._set_problem(None)
        return True

    def _set_problem(self, problem: str | None) -> None:
        if problem != self.problem:
            self.problem = problem
            for listener in list(self.listeners):
                listener(problem)

    def load(self) -> LoadResult:
        """Read the saved work. Never raises for a bad file or folder: a bad file is kept as a backup."""
        try:
            target = self.path
            self.remove_orphan_temp_files()
        except OSError as error:
            self._set_problem(
                f"Your work cannot be saved in {self.location} ({short_reason(error)}). It is kept while this "
                "notebook stays open: use \u201cDownload my work\u201d to keep a copy.")
            return LoadResult(None)
        if not target.exists():
            self._seen = None
            return LoadResult(None)
        try:
            raw = target.read_bytes()
            self._seen = _digest(raw)
            envelope = self._envelope_in(raw)
        except (OSError, UnicodeDecodeError, ValueError) as error:
            return LoadResult(None, self.set_aside(f"Your saved work could not be read ({short_reason(error)})"))
        version = envelope["schema_version"]
        if version > self.schema_version:
            return LoadResult(None, self.set_aside(
                f"Your saved work was made by a newer version of the course (format {version}; this "
                f"version reads format {self.schema_version}). Update the course to open it again"))
        if version != self.schema_version:
            return LoadResult(None, self.set_aside(
                f"Your saved work is in format {version}, which this version of the course "
                f"(format {self.schema_version}) cannot read"))
        return LoadResult(envelope["data"])

    def _envelope_in(self, raw: bytes) -> dict:
        """The saved-work envelope in a file's bytes; ValueError (or UnicodeDecodeError) if none."""
        envelope = json.loads(raw.decode("utf-8"))
        if not isinstance(envelope, dict) or not isinstance(envelope.get("data"), dict):
            raise ValueError("the file does not hold saved work")
        if envelope.get("activity", self.activity) != self.activity:
            raise ValueError("the file holds the work of another activity")
        version = envelope.get("schema_version")
        if isinstance(version, bool) or not isinstance(version, int):
            raise ValueError("the file has no format number")
        return envelope

    def changed_elsewhere(self) -> LoadResult | None:
        """The saved data as another tab or kernel left it, when the file changed since this view
        read or wrote it; None when it did not (or this view never looked). A changed file this
        version cannot use is copied aside, and ``LoadResult.message`` says where."""
        if self._seen is _NOT_LOOKED:
            return None
        try:
            raw = self.path.read_bytes()
        except OSError:
            return None  # removed elsewhere (nothing to lose), or a folder the save reports on
        if _digest(raw) == self._seen:
            return None
        try:
            envelope = self._envelope_in(raw)
            if envelope["schema_version"] != self.schema_version:
                raise ValueError(f"it is in format {envelope['schema_version']}")
        except (UnicodeDecodeError, ValueError) as error:
            return LoadResult(None, self.keep_other_copy(f"(unusable here: {short_reason(error)})"))
        return LoadResult(envelope["data"])

    def keep_other_copy(self, why: str = "") -> str:
        """Copy the file as another tab or kernel left it to a side file, before this view saves
        over it; returns the sentence for the learner."""
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
        side = self.location / f"{self.activity}.other-copy-{stamp}.json"
        try:
            side.write_bytes(self.path.read_bytes())
        except OSError as error:
            return f"The other copy could not be kept ({short_reason(error)})."
        return f"The other copy{' ' + why if why else ''} was kept as {side.name} in {side.parent}."

    def tell(self, notice: str | None) -> None:
        """Show ``notice`` in the activity's message area (the listeners are told)."""
        self.notice = notice
        for listener in list(self.listeners):
            listener(self.problem)

    def set_aside(self, why: str) -> str:
        """Keep the saved file as a backup and start clean; returns what to tell the learner."""
        target = self.location / f"{self.activity}.json"
        try:
            backup = self._move_aside(target)
        except OSError as error:
            self._protected = target
            return (f"{why}. It could not be moved aside ({short_reason(error)}), so it stays as {target.name} "
                    f"in {target.parent} and nothing is saved over it. Starting with a clean slate.")
        return f"{why}. A copy was kept as {backup.name} in {backup.parent}. Starting with a clean slate."

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)

    def remove_orphan_temp_files(self) -> list[Path]:
        """Remove this activity's temporary files left by killed saves; returns what was removed.

        Another kernel of the same learner may be saving this activity right now: its temporary
        file is locked (or young, where locks do not work) and is left alone.
        """
        self._swept = True
        own = re.compile(rf"^\.{re.escape(self.activity)}\.[A-Za-z0-9_]+\.tmp$")
        removed = []
        for path in self.location.glob(f".{self.activity}.*.tmp"):
            if own.match(path.name) and _remove_if_orphan(path):
                removed.append(path)
        return removed

    def _move_aside(self, target: Path) -> Path:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
        backup = target.with_name(f"{self.activity}.unreadable-{stamp}.json")
        os.replace(target, backup)
        return backup


def _locked_temp_file(folder: Path, prefix: str) -> tuple[int, str]:
    """A new temporary file in ``folder``, locked for as long as the descriptor is open."""
    for _attempt in range(5):
        fd, name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
        if fcntl is None:
            return fd, name
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:  # no locks on this file system: the age rule protects the file
            return fd, name
        try:
            if os.stat(name).st_ino == os.fstat(fd).st_ino:
                return fd, name
        except FileNotFoundError:
            pass
        os.close(fd)  # a sweeper removed it before we got the lock: take another name
    raise OSError(f"could not create a temporary file in {folder}")


def _remove_if_orphan(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        orphan = None
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                orphan = True  # nobody holds it: its writer is gone
            except BlockingIOError:
                return False  # a save in progress (this or another process)
            except OSError:
                orphan = None
        if orphan is None:
            orphan = time.time() - os.fstat(fd).st_mtime > STALE_AFTER_SECONDS
        if orphan and os.stat(path).st_ino == os.fstat(fd).st_ino:
            path.unlink()
            return True
        return False
    except OSError:
        return False
    finally:
        os.close(fd)


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def short_reason(error: Exception) -> str:
    text = str(error) or type(error).__name__
    return text if len(text) <= 120 else text[:117] + "..."
