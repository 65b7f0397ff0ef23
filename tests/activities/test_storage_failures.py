"""Saved work when things go wrong: read-only or full disk, newer or wrong-shaped files.

Each failure is real (a folder that cannot exist, a read-only bind mount, a file-size limit from
the kernel); each test checks what the activity shows and that nothing the learner made is lost.
"""
from __future__ import annotations

import importlib
import io
import json
import subprocess
import sys
import textwrap
import zipfile

import pytest

from activities import plan_circle
from activities.download import collect_work
from activities.registry import ACTIVITIES
from activities.sentence_editor import SentenceEditor, SentenceWork
from activities.sentence_editor.model import ACTIVITY as SENTENCE, SCHEMA_VERSION as SENTENCE_VERSION
from activities.storage import SavedState, unsaved_work


def sentence_view(folder):
    return SentenceEditor(SentenceWork(SavedState(SENTENCE, SENTENCE_VERSION, folder=folder)),
                      export_folder=folder / "exports")


def package_of(registered):
    """The package of a registered activity (the one its exporter lives in)."""
    return registered.exports.__module__.rpartition(".")[0]


#: Activities opened another way than ``<package>.view.View(folder)``.
OWN_VIEWS = {SENTENCE: (SENTENCE_VERSION, sentence_view)}

# activity name -> (schema version, function that shows the activity for a saved-work folder),
# from the registry: a new activity needs no line here.
VIEWS = {
    registered.name: OWN_VIEWS.get(registered.name) or (
        importlib.import_module(f"{package_of(registered)}.model").SCHEMA_VERSION,
        importlib.import_module(f"{package_of(registered)}.view").View)
    for registered in ACTIVITIES
}


def test_every_registered_activity_is_checked_here():
    assert set(VIEWS) == {activity.name for activity in ACTIVITIES}
    assert VIEWS[plan_circle.ACTIVITY] == (plan_circle.SCHEMA_VERSION, plan_circle.PlanView)
    assert VIEWS[SENTENCE] == (SENTENCE_VERSION, sentence_view)


def notice_of(view) -> str:
    """The HTML of the activity's saved-work notice (under its title)."""
    return next(w for w in view.widget.children if "lc-load-message" in w._dom_classes).value


def saved_state(view) -> SavedState:
    return view.work.state if isinstance(view, SentenceEditor) else view.store.state


def current_data(view) -> dict:
    return view.work.model.to_dict() if isinstance(view, SentenceEditor) else \
        (view.plan if isinstance(view, plan_circle.PlanView) else view.model).to_dict()


def change_something(view) -> None:
    """One change through the view, as a learner would make it."""
    if isinstance(view, SentenceEditor):
        view.slide.text += " and with a library card 🌍 <b>here</b>"
    elif isinstance(view, plan_circle.PlanView):
        view.store.save(view.plan)
    else:
        view.store.save(view.model)


def envelope(activity: str, version: int, data) -> bytes:
    return json.dumps({"activity": activity, "schema_version": version, "data": data}).encode()


@pytest.mark.parametrize("activity", sorted(VIEWS))
def test_a_folder_that_cannot_be_created_keeps_work_in_memory_and_says_so(tmp_path, activity):
    version, show = VIEWS[activity]
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the saved-work folder should be")
    folder = blocker / "saved"
    view = show(folder)  # must not raise
    change_something(view)
    notice = notice_of(view)
    assert "Not saved:" in notice and "Download my work" in notice and str(folder) in notice
    work = unsaved_work(folder)
    assert activity in work and work[activity]["schema_version"] == version
    archive = zipfile.ZipFile(io.BytesIO(collect_work(folder).to_zip()))
    assert json.loads(archive.read(f"saved/{activity}.json"))["data"] == work[activity]["data"]

    # Once the folder can be written again, the next change is saved and the notice goes away.
    blocker.unlink()
    change_something(view)
    assert "Not saved:" not in notice_of(view)
    assert activity not in unsaved_work(folder)
    assert json.loads((folder / f"{activity}.json").read_text())["data"] == current_data(view)


@pytest.mark.parametrize("activity", sorted(VIEWS))
def test_a_file_from_a_newer_version_is_kept_and_the_learner_told(tmp_path, activity):
    version, show = VIEWS[activity]
    newer = envelope(activity, version + 1, {"something": "only a newer course understands"})
    (tmp_path / f"{activity}.json").write_bytes(newer)
    view = show(tmp_path)
    change_something(view)
    notice = notice_of(view)
    assert "newer version of the course" in notice and f"format {version + 1}" in notice
    backups = list(tmp_path.glob(f"{activity}.unreadable-*.json"))
    assert len(backups) == 1 and backups[0].read_bytes() == newer
    assert backups[0].name in notice


def wrong_shapes(valid: dict):
    """Valid JSON that is not this activity's data: each key dropped or given a wrong type."""
    yield "a list", [valid]
    yield "empty", {}
    for key in valid:
        yield f"without {key}", {k: v for k, v in valid.items() if k != key}
        for wrong in (None, -7, 1e308, "x" * 3, [], {}, [None], True):
            if wrong != valid[key]:
                yield f"{key}={wrong!r}", {**valid, key: wrong}


@pytest.mark.parametrize("activity", sorted(VIEWS))
def test_wrong_shaped_saved_work_is_kept_aside_or_used_never_a_traceback(tmp_path, activity):
    version, show = VIEWS[activity]
    valid_view = show(tmp_path / "valid")
    change_something(valid_view)
    valid = json.loads((tmp_path / "valid" / f"{activity}.json").read_text())["data"]
    kept_aside = 0
    for number, (label, data) in enumerate(wrong_shapes(valid)):
        folder = tmp_path / f"case{number}"
        folder.mkdir()
        content = envelope(activity, version, data)
        (folder / f"{activity}.json").write_bytes(content)
        view = show(folder)  # must not raise
        collect_work(folder)  # nor must the download
        backups = list(folder.glob(f"{activity}.unreadable-*.json"))
        if backups:
            kept_aside += 1
            assert len(backups) == 1 and backups[0].read_bytes() == content, label
            notice = notice_of(view)
            assert "could not be" in notice and backups[0].name in notice, label
    assert kept_aside, "no wrong shape was refused: the test proved nothing"


# A save that hits a full disk: the kernel refuses writes beyond RLIMIT_FSIZE (EFBIG), exactly
# as a full disk refuses them (ENOSPC), without filling the machine's disk.
FULL_DISK = textwrap.dedent("""
    import json, resource, signal, sys
    from pathlib import Path
    from activities.download import collect_work
    from activities.sentence_editor import SentenceEditor, SentenceWork
    from activities.sentence_editor.model import ACTIVITY, SCHEMA_VERSION
    from activities.storage import SavedState

    folder = Path(sys.argv[1])
    editor = SentenceEditor(SentenceWork(SavedState(ACTIVITY, SCHEMA_VERSION, folder=folder)),
                            export_folder=folder / "exports")
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, resource.RLIM_INFINITY))
    editor.slide.text = "long " * 20000 + "end"
    editor.export("text")
    notice = [w for w in editor.widget.children if "lc-load-message" in w._dom_classes][0].value
    download = collect_work(folder).files["saved/sentence-editor.json"].decode()
    print(json.dumps({"notice": notice, "export": editor.export_result.value,
                      "download_text": json.loads(download)["data"]["text"]}))
""")


def test_a_full_disk_during_save_keeps_the_old_file_and_the_new_work(tmp_path):
    state = SavedState(SENTENCE, SENTENCE_VERSION, folder=tmp_path)
    SentenceWork(state).set_text("the version already on disk")
    before = state.path.read_bytes()
    run = subprocess.run([sys.executable, "-c", FULL_DISK, str(tmp_path)], capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    shown = json.loads(run.stdout.strip().splitlines()[-1])
    assert "Not saved:" in shown["notice"] and "Download my work" in shown["notice"]
    assert "could not be saved" in shown["export"] and "data:text/plain;base64," in shown["export"]
    assert shown["download_text"] == "long " * 20000 + "end"
    assert state.path.read_bytes() == before, "the failed save damaged the saved file"
    assert not list(tmp_path.glob(f".{SENTENCE}.*.tmp")), "the failed save left its temporary file"


# A saved-work folder mounted read-only (bubblewrap): even root cannot write there.
READ_ONLY = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from activities.download import collect_work
    from activities.sentence_editor import SentenceEditor, SentenceWork
    from activities.sentence_editor.model import ACTIVITY, SCHEMA_VERSION
    from activities.storage import SavedState

    folder = Path(sys.argv[1])
    editor = SentenceEditor(SentenceWork(SavedState(ACTIVITY, SCHEMA_VERSION, folder=folder)))
    editor.slide.text = "typed while the folder was read-only"
    notice = [w for w in editor.widget.children if "lc-load-message" in w._dom_classes][0].value
    download = collect_work(folder).files
    print(json.dumps({"notice": notice, "text": json.loads(download["saved/sentence-editor.json"])["data"]["text"],
                      "kept": download["saved/kept-aside/sentence-editor.on-disk.json"].decode()}))
""")


def test_an_unreadable_file_in_a_read_only_folder_is_left_alone_and_work_kept(tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    broken = b'{"activity": "sentence-editor", "schema_version": 1, "data": {"text": '
    (folder / f"{SENTENCE}.json").write_bytes(broken)
    run = subprocess.run(["bwrap", "--dev-bind", "/", "/", "--ro-bind", str(folder), str(folder),
                          sys.executable, "-c", READ_ONLY, str(folder)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    shown = json.loads(run.stdout.strip().splitlines()[-1])
    assert "could not be read" in shown["notice"] and "nothing is saved over it" in shown["notice"]
    assert "Not saved:" in shown["notice"] and "Download my work" in shown["notice"]
    assert shown["text"] == "typed while the folder was read-only"
    assert shown["kept"].encode() == broken, "the download lost the file it could not read"
    assert (folder / f"{SENTENCE}.json").read_bytes() == broken
