"""Saved work survives a kernel killed mid-save: the file is always a whole old or new state."""
from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import textwrap
import time

from activities.sentence_editor import SentenceWork
from activities.sentence_editor.model import ACTIVITY, SCHEMA_VERSION
from activities.storage import SavedState

# Saves version after version of a sentence whose size varies (up to ~120 kB), so a kill can
# land anywhere inside a write. Each text carries its number and a checksum of itself.
SAVER = textwrap.dedent("""
    import hashlib, sys
    from pathlib import Path
    from activities.sentence_editor import SentenceWork
    from activities.sentence_editor.model import ACTIVITY, SCHEMA_VERSION
    from activities.storage import SavedState

    work = SentenceWork(SavedState(ACTIVITY, SCHEMA_VERSION, folder=Path(sys.argv[1])))
    n = 0
    print("ready", flush=True)
    while True:
        n += 1
        body = ("anybody 🌍 مرحبا <b>can</b> learn " * (n % 3000)) + str(n)
        digest = hashlib.sha256(body.encode()).hexdigest()
        work.set_text(f"{n}|{digest}|{body}")
        if n % 150 == 0:
            work.save_version()
""")


def check_whole(text: str) -> int:
    number, digest, body = text.split("|", 2)
    assert hashlib.sha256(body.encode()).hexdigest() == digest, "a half-written sentence was read back"
    return int(number)


def test_killing_the_saver_at_random_moments_never_leaves_a_broken_file(tmp_path):
    rng = random.Random(20260301)
    previous = 0
    trials = 25
    interrupted = 0
    for trial in range(trials):
        proc = subprocess.Popen([sys.executable, "-c", SAVER, str(tmp_path)],
                                stdout=subprocess.PIPE, text=True)
        try:
            assert proc.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0.01, 0.25))
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
            proc.stdout.close()
        # A temporary file left over shows that this kill landed in the middle of a write.
        interrupted += len(list(tmp_path.glob(f".{ACTIVITY}.*.tmp")))
        work = SentenceWork(SavedState(ACTIVITY, SCHEMA_VERSION, folder=tmp_path))
        assert work.message is None, f"trial {trial}: {work.message}"
        if work.model.text.count("|") >= 2:
            previous = check_whole(work.model.text)
        for version in work.model.history:
            check_whole(version.text)
        assert not list(tmp_path.glob("*.unreadable-*")), f"trial {trial} left an unreadable file"
        leftovers = list(tmp_path.glob(f".{ACTIVITY}.*.tmp"))
        assert not leftovers, f"trial {trial}: loading left orphan temporary files {leftovers}"
    assert previous > 0, "the saver never got to save anything: the test proved nothing"
    print(f"{interrupted} of {trials} kills landed mid-write")
    assert interrupted, "no kill landed inside a save: the test proved nothing"
