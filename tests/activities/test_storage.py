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


def test_lone_surrogates_from_the_browser_are_saved_and_read_back_exactly(tmp_path):
    state = SavedState("demo", schema_version=1, folder=tmp_path)
    data = {"text": "half an emoji \ud83c, then a whole one 🌍"}
    state.save(data)
    state.path.read_bytes().decode("utf-8")  # still a valid UTF-8 file
    assert state.load().data == data


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


# Holds a temporary file of a save in progress, as another kernel of the same learner would.
LIVE_WRITER = """
import sys
from pathlib import Path
from activities.storage import _locked_temp_file
fd, name = _locked_temp_file(Path(sys.argv[1]), prefix=".demo.")
print(name, flush=True)
sys.stdin.read()
"""


def test_temporary_files_of_killed_saves_go_but_a_live_save_and_others_stay(tmp_path):
    import os
    import subprocess
    import sys
    import time

    state = SavedState("demo", 1, folder=tmp_path)
    state.save({"a": 1})
    orphan = tmp_path / ".demo.k1ll3d_.tmp"
    orphan.write_text('{"half": ')
    old = time.time() - 7 * 24 * 3600
    others = [tmp_path / ".demo-two.abc.tmp", tmp_path / ".demo.notes", tmp_path / "demo.abc.tmp"]
    for path in others:
        path.write_text("not ours")
        os.utime(path, (old, old))
    writer = subprocess.Popen([sys.executable, "-c", LIVE_WRITER, str(tmp_path)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        live = tmp_path / os.path.basename(writer.stdout.readline().strip())
        os.utime(live, (old, old))  # even an old file stays while its writer holds it
        assert live.exists()
        assert SavedState("demo", 1, folder=tmp_path).load().data == {"a": 1}
        assert not orphan.exists(), "the temporary file of a killed save was left behind"
        assert live.exists(), "the temporary file of a save in progress was removed"
        SavedState("demo", 1, folder=tmp_path).save({"a": 2})  # saving beside a live writer works
        assert live.exists()
    finally:
        writer.kill()
        writer.wait(timeout=10)
        writer.stdin.close()
        writer.stdout.close()
    assert SavedState("demo", 1, folder=tmp_path).load().data == {"a": 2}
    assert not live.exists(), "the writer is gone: its temporary file should go too"
    assert all(path.exists() for path in others), "a file that is not this activity's was removed"
