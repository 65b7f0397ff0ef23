"""What a trainer sees in the terminal (``python -m cohort ...``): for every step a short summary,
where the full log is, no traceback, and an exit status that says done / needs a look / failed.
Real nbgrader, real sandboxed grading, a real subprocess for the command as a trainer types it."""
from __future__ import annotations

import csv
import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

import pytest

from cohort.__main__ import main
from cohort.sandbox import LearnerResult, Problem
from cohort.terminal import EXIT_DONE, EXIT_FAILED, EXIT_NEEDS_A_LOOK, grading_summary
from support.sandbox import ASSIGNMENT, HONEST, make_course, submit

pytestmark = pytest.mark.nbgrader

# A hung learner ends at the per-learner wall clock (not graded); the per-cell limit is longer.
LIMITS = ["--cell-timeout", "300", "--learner-timeout", "40", "--cpu-seconds", "200"]
TROUBLE = {
    "x-hung": "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass",
    "x-crash": "import os\nos._exit(1)",
    "x-flood": "for _ in range(200):\n    print('x' * 1_000_000)",
}


def _env():
    return {**os.environ, "PATH": f"{os.path.dirname(sys.executable)}{os.pathsep}{os.environ['PATH']}",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(Path.cwd()), os.environ.get("PYTHONPATH")]))}


def _calm(text: str, folder: Path, max_lines: int = 12) -> list[str]:
    """The lines of a calm terminal: few, short (no padded tables; the test's own long folder
    names aside), no traceback, no nbgrader log lines."""
    lines = text.strip().splitlines()
    assert "Traceback" not in text and "[AutogradeApp" not in text and "[INFO]" not in text, text
    assert len(lines) <= max_lines, text
    assert all(len(line.replace(str(folder), "~")) <= 160 for line in lines), text
    return lines


def _log_named(out: str, course: Path) -> Path:
    [path] = re.findall(r"^Full log: (.+)$", out, flags=re.M)
    log = Path(path)
    assert log.parent == course.resolve() / "logs" and log.is_file(), path
    return log


def _graded_course(tmp_path, students):
    course = make_course(tmp_path)
    (tmp_path / "exchange").mkdir(exist_ok=True)
    for student, answers in students.items():
        submit(course, student, answers)
    return course


def test_a_clean_cohort_every_step_is_calm(sandbox_ready, tmp_path, capsys):
    course = _graded_course(tmp_path, HONEST)
    steps = [(["generate", str(course), ASSIGNMENT, "--force"], "Done."),
             (["release", str(course), ASSIGNMENT], "Learners can now press Fetch"),
             (["collect", str(course), ASSIGNMENT], "Next: python -m cohort autograde"),
             (["autograde", str(course), ASSIGNMENT, "--jobs", "2"], "Graded: 3 of 3 learners (alice, bob, carol)."),
             (["feedback", str(course), ASSIGNMENT], "Feedback pages are in"),
             (["dashboard", str(course)], "Dashboard: "),
             (["check"], "sandbox ok")]
    for argv, expected in steps:
        code = main(argv)
        out, err = capsys.readouterr()
        assert code == EXIT_DONE, (argv, out, err)
        _calm(out + err, tmp_path)
        assert expected in out, (argv, out)
        if argv[0] != "check":
            log = _log_named(out, course)
            assert expected in log.read_text(encoding="utf-8")  # the summary is in the log too
    # What nbgrader said is in the autograde log, not on the terminal.
    logs = sorted((course / "logs").glob("*-autograde.log"))
    assert "--- alice: graded" in logs[-1].read_text(encoding="utf-8")


def test_verbose_shows_the_log_live(sandbox_ready, tmp_path, capsys):
    course = _graded_course(tmp_path, {"alice": HONEST["alice"]})
    assert main(["autograde", str(course), ASSIGNMENT, "--verbose"]) == EXIT_DONE
    out, err = capsys.readouterr()
    assert "--- alice: graded" in err and "--- alice" not in out
    assert "Graded: 1 of 1 learners (alice)." in out


def test_a_troubled_cohort_names_each_learner_once_and_exits_needs_a_look(sandbox_ready, tmp_path):
    students = {**HONEST, **{s: {"weeks": code, "smallest": "smallest = 4"} for s, code in TROUBLE.items()}}
    course = _graded_course(tmp_path, students)
    done = subprocess.run([sys.executable, "-m", "cohort", "autograde", str(course), ASSIGNMENT,
                           "--jobs", "2", *LIMITS], capture_output=True, text=True, timeout=900,
                          env=_env())
    assert done.returncode == EXIT_NEEDS_A_LOOK, done.stdout + done.stderr
    lines = _calm(done.stdout + done.stderr, tmp_path)
    # The crashing learner may still be graded on its other answer, or not graded at all.
    assert re.fullmatch(r"Graded: [45] of 6 learners \(alice, bob, carol\)\.", lines[0]), lines
    flood = [line for line in lines if "x-flood" in line]
    hung = [line for line in lines if "x-hung" in line]
    crash = [line for line in lines if "x-crash" in line]
    assert flood == ["  needs a look: x-flood: output limit (weeks)"], lines
    assert len(hung) == 1 and hung[0].startswith("  not graded: x-hung: time limit: stopped after 40 s"), lines
    assert len(crash) == 1 and "kernel stopped" in crash[0], lines
    assert "Not done" not in done.stdout + done.stderr
    log = _log_named(done.stdout, course).read_text(encoding="utf-8")
    assert all(f"--- {student}:" in log for student in students)
    # The dashboard lists the same learners, the flood as "output limit".
    shown = subprocess.run([sys.executable, "-m", "cohort", "dashboard", str(course)],
                           capture_output=True, text=True, timeout=600, env=_env())
    assert shown.returncode == EXIT_DONE, shown.stdout + shown.stderr
    with open(course / "dashboard" / "problems.csv", encoding="utf-8-sig") as handle:
        problems = {(row["student"], row["problem"]) for row in csv.DictReader(handle)}
    assert ("x-flood", "output limit") in problems, problems


def test_summary_lines_are_plain_text_whatever_a_notebook_holds():
    """A cell's name comes from the submission: no terminal escape sequence gets through."""
    sneaky = "\x1b]0;owned\x07\x1b[2J" + "w" * 100
    result = LearnerResult("amina", ASSIGNMENT, True, 0, False,
                           [Problem("ps1", sneaky, "output limit", "OutputLimitError: ...")], "")
    lines, code = grading_summary([result])
    assert code == EXIT_NEEDS_A_LOOK
    assert not any(ch in line for line in lines for ch in "\x1b\x07"), lines
    assert lines[1].startswith("  needs a look: amina: output limit (?]0;owned??[2J") and len(lines[1]) < 100


def test_the_progress_bar_counts_learners_on_a_terminal(sandbox_ready, tmp_path):
    """On a terminal (a pty here) the trainer sees "Grading learner n of N" while it runs."""
    course = _graded_course(tmp_path, HONEST)
    controller, terminal = pty.openpty()
    # A terminal window 100 columns wide (a fresh pty has no size, and tqdm draws nothing then).
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    seen = []
    reader = threading.Thread(target=lambda: _read_all(controller, seen), daemon=True)
    reader.start()
    done = subprocess.run([sys.executable, "-m", "cohort", "autograde", str(course), ASSIGNMENT,
                           "--jobs", "1"], stdout=subprocess.PIPE, stderr=terminal, text=True,
                          timeout=900, env=_env())
    os.close(terminal)
    reader.join(10)
    screen = b"".join(seen).decode("utf-8", "replace")
    assert done.returncode == EXIT_DONE, done.stdout + screen
    assert "Grading learner 0 of 3" in screen and "Grading learner 2 of 3" in screen, screen
    assert "Traceback" not in screen


def _read_all(fd, into):
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            return
        if not chunk:
            return
        into.append(chunk)


def test_a_step_that_fails_exits_failed_with_one_line(tmp_path, capsys):
    course = make_course(tmp_path)
    # A source notebook nbgrader cannot read: generate fails; the terminal says so in a line or two.
    (course / "source" / ASSIGNMENT / "ps1.ipynb").write_text("{not a notebook", encoding="utf-8")
    code = main(["generate", str(course), ASSIGNMENT, "--force"])
    out, err = capsys.readouterr()
    assert code == EXIT_FAILED, out + err
    lines = _calm(err, tmp_path, max_lines=3)
    assert lines[0] == "Not done: nbgrader stopped with a problem.", lines
    assert "Notebook does not appear to be JSON" in lines[-1], lines  # the cause, in one line
    assert _log_named(out, course).read_text(encoding="utf-8").count("generate_assignment") >= 1
