"""Saved work: atomic writes, round trips and unreadable files kept as backups."""
from __future__ import annotations

import json

import pytest

from activities.storage import SavedState, data_dir


def test_round_trip_keeps_every_character(tmp_path):
    state = SavedState("demo", schema_version=1, folder=tmp_path)
    data = {"text": "مرحبا 👋 <script>alert(1)</script>\x00 e\u0301", "n": [1, 2]}
    state.save(data)
    assert state.load().data == data
    assert not list(tmp_path.glob(".demo.*.tmp")), "temporary file left behind"


def test_missing_file_starts_clean(tmp_path):
    result = SavedState("demo", 1, folder=tmp_path).load()
    assert result.data is None and result.message is None


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe\x00", b"[1, 2]", b'{"data": 3}', b""])
def test_unreadable_file_is_kept_as_backup_with_a_message(tmp_path, content):
    state = SavedState("demo", 1, folder=tmp_path)
    state.path.write_bytes(content)
    result = state.load()
    assert result.data is None
    backups = list(tmp_path.glob("demo.unreadable-*.json"))
    assert len(backups) == 1 and backups[0].read_bytes() == content
    assert backups[0].name in result.message and "clean slate" in result.message
    assert not state.path.exists()


def test_other_schema_version_is_kept_not_misread(tmp_path):
    SavedState("demo", 1, folder=tmp_path).save({"a": 1})
    result = SavedState("demo", 2, folder=tmp_path).load()
    assert result.data is None and "format 1" in result.message
    assert json.loads(next(tmp_path.glob("demo.unreadable-*.json")).read_text())["data"] == {"a": 1}


def test_data_dir_follows_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("LEARNING_CIRCLES_DATA_DIR", str(tmp_path / "x"))
    assert data_dir() == tmp_path / "x" and (tmp_path / "x").is_dir()


def test_unsafe_activity_names_are_refused():
    with pytest.raises(ValueError):
        SavedState("../escape", 1)
