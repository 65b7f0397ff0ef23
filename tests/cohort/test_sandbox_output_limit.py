"""A learner whose code prints or displays hundreds of MB: sandboxed grading cuts it at the
limits (per cell and per learner), keeps the graded notebook small, flags "output limit" in the
report and on the dashboard every run, and grades everyone else. Real nbgrader, real bubblewrap."""
from __future__ import annotations

import pytest

from cohort import sandbox
from cohort.sandbox.policy import OUTPUT_SLACK_BYTES
from support.sandbox import ASSIGNMENT, HONEST, HONEST_SCORES, NOTEBOOK, make_course, scores, submit

pytestmark = pytest.mark.nbgrader

# The default memory limit: a 200 MB page needs room to be built before it is displayed.
LIMITS = sandbox.SandboxLimits(cpu_seconds=20, tmpfs_bytes=16 * 1024**2,
                               cell_timeout=30, learner_timeout=240)
# What a graded notebook holds besides the learner's output (cells, metadata, tracebacks).
NOTEBOOK_MARGIN = 100 * 1024

FLOODS = {
    # 200 MB to stdout, a megabyte a line.
    "flood-print": "for _ in range(200):\n    print('x' * 1_000_000)\nweeks = 6",
    # 200 MB of HTML through display().
    "flood-display": "from IPython.display import HTML, display\n"
                     "display(HTML('<p>' + 'x' * 200_000_000 + '</p>'))\nweeks = 6",
    # 200 MB through display(), a megabyte a time.
    "flood-display-loop": "from IPython.display import HTML, display\nfor _ in range(200):\n"
                          "    display(HTML('<p>' + 'x' * 1_000_000 + '</p>'))",
    # Many small cells' worth in one: small writes that add up past the per-learner limit.
    "flood-many-writes": "import sys\nfor _ in range(3_000_000):\n    sys.stdout.write('xy')",
    # Around the kernel's own cap: messages sent straight to the grader, which cuts them too.
    "flood-past-the-kernel": "k = get_ipython().kernel\nfor _ in range(40):\n"
                             "    k.session.send(k.iopub_socket, 'stream', {'name': 'stdout', "
                             "'text': 'x' * 1_000_000}, parent=k.get_parent())",
}


def _graded_size(course, student):
    return (course / "autograded" / student / ASSIGNMENT / f"{NOTEBOOK}.ipynb").stat().st_size


def test_output_bombs_are_cut_and_flagged_every_run(sandbox_ready, tmp_path):
    course = make_course(tmp_path)
    for student, answers in HONEST.items():
        submit(course, student, answers)
    for student, code in FLOODS.items():
        submit(course, student, {"weeks": code, "smallest": "smallest = 4"})
    cap = LIMITS.learner_output_bytes + OUTPUT_SLACK_BYTES + NOTEBOOK_MARGIN
    for run in range(2):  # the same outcome every time, never sometimes a time limit instead
        results = sandbox.autograde_cohort(course, ASSIGNMENT, limits=LIMITS, jobs=2, force=run > 0)
        by_student = {r.student: r for r in results}
        report = sandbox.report_frame(results).to_string()
        for student in FLOODS:
            result = by_student[student]
            assert result.graded, (run, student, result.status, result.log_tail[-2000:])
            kinds = [p.kind for p in result.problems]
            assert "output limit" in kinds, (run, student, report)
            assert not any(k.startswith("time limit") for k in kinds), (run, student, kinds)
            assert _graded_size(course, student) < cap, (run, student, _graded_size(course, student))
            assert ("output limit", ) == tuple(
                kind for kind, _ in sandbox.dashboard_problems(course, ASSIGNMENT, student)
                if kind == "output limit")
        for student in HONEST:
            assert by_student[student].graded and not by_student[student].flagged, report
        got = scores(course)
        assert {s: got[s] for s in HONEST} == HONEST_SCORES
        # The answer after the flood still counts: the learner is graded like anyone else.
        assert all(got[s] >= 1.0 for s in FLOODS), got


def test_a_cell_over_its_own_limit_is_cut_with_a_marker(sandbox_ready, tmp_path):
    """Per cell: a cell over ``cell_output_bytes`` is cut even when the learner's total is far
    from its limit; the graded notebook says where and what."""
    course = make_course(tmp_path)
    submit(course, "dora", {"weeks": "print('y' * 300_000)\nweeks = 6", "smallest": "smallest = 4"})
    limits = sandbox.SandboxLimits(**{**LIMITS.__dict__, "cell_output_bytes": 100_000})
    [result] = sandbox.autograde_cohort(course, ASSIGNMENT, limits=limits)
    [problem] = [p for p in result.problems if p.kind == "output limit"]
    assert problem.cell == "weeks" and "OutputLimitError" in problem.detail
    text = (course / "autograded" / "dora" / ASSIGNMENT / f"{NOTEBOOK}.ipynb").read_text()
    assert "[output limit: this cell printed more than 100000 bytes; the rest was cut]" in text
    assert 100_000 <= text.count("y") < 100_000 + OUTPUT_SLACK_BYTES
    assert scores(course)["dora"] == 1.0  # the print stopped the cell before weeks = 6
