"""Saved work: every activity keeps what the learner made in one JSON file per activity.

Writes are atomic (temporary file in the same folder, fsync, then rename), so a crash or a
killed kernel leaves either the old file or the new one, never half of one. A file that cannot
be read is moved aside as a backup and the learner is told where it went; the activity then
starts clean instead of raising.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import platformdirs

#: Environment variable that overrides where saved work goes (tests, JupyterHub home folders).
DATA_DIR_ENV = "LEARNING_CIRCLES_DATA_DIR"
APP_NAME = "learning-circles-course"

_SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


def data_dir() -> Path:
    """The folder that holds this learner's saved work (created on first use)."""
    override = os.environ.get(DATA_DIR_ENV)
    folder = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass
class LoadResult:
    """What loading found: the saved data (None when starting clean) and a message for the learner."""

    data: dict | None
    message: str | None = None


class SavedState:
    """The saved work of one activity, e.g. ``SavedState("sentence-editor", schema_version=1)``."""

    def __init__(self, activity: str, schema_version: int, folder: Path | None = None):
        if not _SAFE_NAME.match(activity):
            raise ValueError(f"activity name must be lowercase letters, digits, - or _: {activity!r}")
        self.activity = activity
        self.schema_version = schema_version
        self._folder = folder

    @property
    def folder(self) -> Path:
        if self._folder is None:
            return data_dir()
        self._folder.mkdir(parents=True, exist_ok=True)
        return self._folder

    @property
    def path(self) -> Path:
        return self.folder / f"{self.activity}.json"

    def save(self, data: dict) -> Path:
        """Write ``data`` (JSON-serialisable) atomically; returns the file's path."""
        envelope = {
            "activity": self.activity,
            "schema_version": self.schema_version,
            "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "data": data,
        }
        text = json.dumps(envelope, ensure_ascii=False, indent=1)
        target = self.path
        fd, tmp_name = tempfile.mkstemp(prefix=f".{self.activity}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as tmp:
                tmp.write(text)
                tmp.flush()
                os.fsync(tmp.fileno())
            os.replace(tmp_name, target)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        return target

    def load(self) -> LoadResult:
        """Read the saved work. Never raises for a bad file: it is kept as a backup instead."""
        target = self.path
        if not target.exists():
            return LoadResult(None)
        try:
            envelope = json.loads(target.read_text(encoding="utf-8"))
            if not isinstance(envelope, dict) or not isinstance(envelope.get("data"), dict):
                raise ValueError("the file does not hold saved work")
            version = envelope.get("schema_version")
            if version != self.schema_version:
                raise ValueError(f"it was saved in format {version!r}, this version reads {self.schema_version}")
        except (OSError, UnicodeDecodeError, ValueError) as error:
            backup = self._move_aside(target)
            return LoadResult(
                None,
                f"Your saved work could not be read ({_short(error)}). A copy was kept as "
                f"{backup.name} in {backup.parent}. Starting with a clean slate.",
            )
        return LoadResult(envelope["data"])

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)

    def _move_aside(self, target: Path) -> Path:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
        backup = target.with_name(f"{self.activity}.unreadable-{stamp}.json")
        os.replace(target, backup)
        return backup


def _short(error: Exception) -> str:
    text = str(error) or type(error).__name__
    return text if len(text) <= 120 else text[:117] + "..."
