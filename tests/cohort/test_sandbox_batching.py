"""One grading worker process grades learner after learner (nbgrader's start-up paid once), yet
every learner still gets a fresh sandbox: nothing one learner leaves behind reaches the next, and a
learner that hangs or brings its worker down is marked alone while the others are graded.
Real nbgrader, real bubblewrap, real processes killed."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from cohort import sandbox
from support.sandbox import (ASSIGNMENT, HONEST, HONEST_SCORES, integrity_ok, make_course,
                             scores, submit)

pytestmark = pytest.mark.nbgrader

LIMITS = sandbox.SandboxLimits(cpu_seconds=30, memory_bytes=1024**3, processes=48,
                               tmpfs_bytes=16 * 1024**2, cell_timeout=60, learner_timeout=60)

# Leaves something everywhere a later learner of the same worker could look: its working folder,
# its /tmp, the directory of its kernel's sockets, a process that outlives the cell.
PLANT = """import json, os, subprocess, sys
socket_dir = os.path.dirname(json.load(open(sys.argv[sys.argv.index('-f') + 1]))['ip'])
for folder in ('.', '/tmp', socket_dir):
    open(os.path.join(folder, 'planted-by-a-learner'), 'w').write('hello next learner')
subprocess.Popen(['sleep', '301'])
weeks = 6"""

# Full marks only if none of it is there.
SEEK = """import json, os, sys
socket_dir = os.path.dirname(json.load(open(sys.argv[sys.argv.index('-f') + 1]))['ip'])
found = [f for f in ('.', '/tmp', socket_dir) if os.path.exists(os.path.join(f, 'planted-by-a-learner'))]
for pid in filter(str.isdigit, os.listdir('/proc')):
    try:
        if b'301' in open(f'/proc/{pid}/cmdline', 'rb').read():
            found.append(f'process {pid}')
    except OSError:
        pass
print('left by another learner:', found)
weeks = 6 if not found else 0"""


def test_one_worker_grades_many_learners_each_in_a_fresh_sandbox(sandbox_ready, tmp_path):
    course = make_course(tmp_path)
    for student, answers in HONEST.items():
        submit(course, student, answers)
    submit(course, "dan-plants", {"weeks": PLANT, "smallest": "smallest = 4"})
    submit(course, "eve-seeks", {"weeks": SEEK, "smallest": "smallest = 4"})
    results = sandbox.autograde_cohort(course, ASSIGNMENT, limits=LIMITS, jobs=1)
    by_student = {r.student: r for r in results}
    assert len({r.worker_pid for r in results}) == 1, "one worker was meant to grade everyone"
    assert all(r.graded for r in results), sandbox.report_frame(results).to_string()
    got = scores(course)
    assert got["eve-seeks"] == 2.0, by_student["eve-seeks"].log_tail  # saw nothing dan left
    assert got["dan-plants"] == 2.0
    assert {s: got[s] for s in HONEST} == HONEST_SCORES
    assert integrity_ok(course)


def _kill_worker_when_its_first_kernel_starts(course: Path, killed: list[int], stop):
    """Find the grading worker for ``course`` (cwd) once it has started a sandboxed kernel (a
    bwrap child) and SIGKILL it: a grader process dying in the middle of a learner."""
    while not stop.is_set() and not killed:
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
                if b"cohort.sandbox\0worker" not in cmdline or \
                        os.readlink(f"/proc/{pid}/cwd") != str(course):
                    continue
                children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
                if any(b"bwrap" in Path(f"/proc/{c}/cmdline").read_bytes() for c in children):
                    os.kill(int(pid), signal.SIGKILL)
                    killed.append(int(pid))
                    return
            except OSError:
                continue
        time.sleep(0.05)


def test_learner_that_stops_its_worker_is_marked_alone(sandbox_ready, tmp_path):
    """One slot, so each trouble hits the worker the others depend on: the first learner's
    worker is killed mid-grading (graded again, alone, in a fresh worker), the second hangs past
    its wall clock (stopped and marked), the third is graded normally afterwards."""
    course = make_course(tmp_path)
    submit(course, "a-first", {"weeks": "import time\ntime.sleep(6)\nweeks = 6",
                               "smallest": "smallest = 4"})
    submit(course, "b-hangs", {"weeks": "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)"
                                         "\nwhile True:\n    pass", "smallest": "smallest = 4"})
    submit(course, "c-after", HONEST["alice"])
    limits = sandbox.SandboxLimits(**{**LIMITS.__dict__, "learner_timeout": 25})
    killed, stop = [], threading.Event()
    killer = threading.Thread(target=_kill_worker_when_its_first_kernel_starts,
                              args=(course.resolve(), killed, stop), daemon=True)
    killer.start()
    try:
        results = sandbox.autograde_cohort(course, ASSIGNMENT, limits=limits, jobs=1)
    finally:
        stop.set()
        killer.join(5)
    by_student = {r.student: r for r in results}
    report = sandbox.report_frame(results).to_string()
    assert len(killed) == 1, "the test never caught the worker grading"
    first, hangs, after = by_student["a-first"], by_student["b-hangs"], by_student["c-after"]
    assert first.graded and not first.flagged and first.worker_pid != killed[0], report
    assert hangs.timed_out and hangs.flagged and "time limit" in report, report
    assert after.graded and not after.flagged and after.worker_pid != hangs.worker_pid, report
    got = scores(course)
    assert got["a-first"] == 2.0 and got["c-after"] == HONEST_SCORES["alice"]
    assert "b-hangs" not in got or got["b-hangs"] == 0.0
    assert integrity_ok(course)
    assert sandbox.dashboard_problems(course, ASSIGNMENT, "b-hangs")
    assert sandbox.dashboard_problems(course, ASSIGNMENT, "c-after") == []


def test_default_jobs_is_the_usable_cpu_count():
    assert sandbox.default_jobs() == len(os.sched_getaffinity(0))
    # Limited to one CPU (as taskset or a container would): one learner at a time.
    one_cpu = subprocess.run(
        [sys.executable, "-c", "import os; os.sched_setaffinity(0, {min(os.sched_getaffinity(0))});"
         "from cohort import sandbox; print(sandbox.default_jobs())"],
        capture_output=True, text=True, timeout=60)
    assert one_cpu.stdout.strip() == "1", one_cpu.stderr
