"""Autograding a cohort with sandboxed kernels: hostile submissions cannot reach the gradebook,
other learners' work, the trainer's files or the network; limits stop runaway code; honest
learners get the same scores as without the sandbox. Real nbgrader CLI, real bubblewrap."""
from __future__ import annotations

import shutil
import socket
import threading
import uuid
from pathlib import Path

import pytest

from cohort import sandbox
from support.sandbox import (ASSIGNMENT, HONEST, HONEST_SCORES, hostile_code, integrity_ok,
                             make_course, scores, submit, tree_hashes)

pytestmark = pytest.mark.nbgrader

# Small limits so a bomb ends fast and cannot hurt a shared machine; generous wall clock for a
# slow CI machine (the per-learner wall clock is a last resort, the per-cell timeout acts first).
LIMITS = sandbox.SandboxLimits(cpu_seconds=10, memory_bytes=1024**3, processes=48,
                               tmpfs_bytes=16 * 1024**2, cell_timeout=5, learner_timeout=240)

# What the trainer must read in the report for each attack (any of these words). A fork bomb's
# children starve the kernel on a busy machine, so it may end at the time limit instead.
EXPECTED_KIND = {
    "gradebook_overwrite": "blocked", "gradebook_delete": "blocked",
    "write_submitted": "blocked", "write_autograded": "blocked",
    "read_submitted": "blocked", "read_autograded": "blocked", "write_outside": "blocked",
    "endless_loop": "time limit", "endless_loop_ignoring_interrupt": ("time limit", "kernel stopped"),
    "memory_bomb": ("memory", "kernel stopped"),
    "fork_bomb": ("processes", "time limit", "kernel stopped"),
    "network": "network",
}


@pytest.fixture(scope="session")
def graded_course(tmp_path_factory, sandbox_ready):
    """Honest cohort, autograded with isolation once; tests work on copies."""
    root = tmp_path_factory.mktemp("sandbox-course")
    course = make_course(root)
    for student, answers in HONEST.items():
        submit(course, student, answers)
    results = sandbox.autograde_cohort(course, ASSIGNMENT, limits=LIMITS)  # default jobs
    return course, results


@pytest.fixture
def course_copy(graded_course, tmp_path):
    course = tmp_path / "course"
    shutil.copytree(graded_course[0], course)
    return course


@pytest.fixture
def listener():
    """A TCP listener on 127.0.0.1 that records every connection it accepts."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    accepted, stop = [], threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
                accepted.append(conn.recv(100))
                conn.close()
            except OSError:
                continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], accepted
    stop.set()
    thread.join(5)
    server.close()


@pytest.fixture
def markers():
    token = uuid.uuid4().hex
    paths = {"tmp": Path("/tmp") / f"lc-sandbox-marker-{token}",
             "home": Path.home() / f"lc-sandbox-marker-{token}"}
    yield paths
    for path in paths.values():
        path.unlink(missing_ok=True)


def test_honest_cohort_scores_same_with_and_without_isolation(graded_course, course_copy):
    _, isolated_results = graded_course
    assert all(r.graded and not r.flagged for r in isolated_results), \
        sandbox.report_frame(isolated_results).to_string()
    # By default one grading worker per usable CPU, each taking learners from a shared queue.
    assert len({r.worker_pid for r in isolated_results}) == min(sandbox.default_jobs(), len(HONEST))
    isolated = scores(course_copy)
    plain_results = sandbox.autograde_cohort(course_copy, ASSIGNMENT, isolated=False,
                                             limits=LIMITS, force=True, jobs=2)
    assert all(r.graded for r in plain_results)
    assert isolated == scores(course_copy) == HONEST_SCORES


def _check_after_attack(course, before, results, attackers, accepted, markers, trees=None):
    report = sandbox.report_frame(results)
    assert integrity_ok(course), "gradebook damaged"
    assert course.joinpath("gradebook.db").stat().st_size > 0
    got = scores(course)
    for student, expected in HONEST_SCORES.items():
        assert got.get(student) == expected, f"{student}: {got.get(student)}\n{report}"
    after = tree_hashes(course, exclude=set(attackers), **({"trees": trees} if trees else {}))
    assert after == before, "another learner's file changed"
    by_student = {r.student: r for r in results}
    for student, kind in attackers.items():
        row = report[report.student == student].iloc[0]
        assert row.flagged, f"{student} not flagged:\n{by_student[student].log_tail}"
        expected = EXPECTED_KIND[kind]
        expected = (expected,) if isinstance(expected, str) else expected
        assert any(word in row["what failed"] for word in expected), (student, row["what failed"])
    assert accepted == [], "a sandboxed kernel reached a listener on 127.0.0.1"
    for path in markers.values():
        assert not path.exists(), f"learner code wrote {path}"


@pytest.mark.parametrize("kind", sorted(EXPECTED_KIND))
def test_each_hostile_submission_alone(kind, course_copy, listener, markers):
    port, accepted = listener
    submit(course_copy, "mallory", {"weeks": hostile_code(course_copy, port, markers)[kind],
                                    "smallest": "smallest = 4"})
    before = tree_hashes(course_copy, exclude={"mallory"})
    results = sandbox.autograde_cohort(course_copy, ASSIGNMENT, ["mallory"], limits=LIMITS)
    _check_after_attack(course_copy, before, results, {"mallory": kind}, accepted, markers)
    if kind not in ("endless_loop", "endless_loop_ignoring_interrupt", "memory_bomb", "fork_bomb"):
        # Contained and flagged, yet graded like anyone else: the second answer still counts.
        assert scores(course_copy)["mallory"] == 1.0


def test_all_hostile_submissions_in_one_cohort_run(sandbox_ready, tmp_path, listener, markers):
    """A fresh cohort where honest and hostile learners are graded in the same run, two at a
    time: every honest learner is graded with the right score, every attack is flagged."""
    port, accepted = listener
    course = make_course(tmp_path)
    attacks = hostile_code(course, port, markers)
    attackers = {f"x-{kind.replace('_', '-')}": kind for kind in attacks}
    for student, answers in HONEST.items():
        submit(course, student, answers)
    for student, kind in attackers.items():
        submit(course, student, {"weeks": attacks[kind], "smallest": "smallest = 4"})
    # Honest learners' autograded folders are created during this run: their scores prove them.
    trees = ("source", "release", "submitted")
    before = tree_hashes(course, exclude=set(attackers), trees=trees)
    results = sandbox.autograde_cohort(course, ASSIGNMENT, limits=LIMITS, jobs=2)
    assert {r.student for r in results} == set(HONEST) | set(attackers)
    _check_after_attack(course, before, results, attackers, accepted, markers, trees)
    honest_rows = [r for r in results if r.student in HONEST]
    assert all(r.graded and not r.flagged for r in honest_rows)
    # The dashboard's view of the same run, read back from the course directory.
    for student in attackers:
        assert sandbox.dashboard_problems(course, ASSIGNMENT, student), student
    for student in HONEST:
        assert sandbox.dashboard_problems(course, ASSIGNMENT, student) == []
    csv_path, html_path = sandbox.write_report(results, tmp_path / "report")
    html = html_path.read_text()
    for student in attackers:
        assert student in html and student in csv_path.read_text()
