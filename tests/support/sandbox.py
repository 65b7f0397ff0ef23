"""A small real nbgrader course for the sandbox tests, and the hostile submissions to grade."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ASSIGNMENT = "ps1"
NOTEBOOK = "ps1"


def _graded(source: str, grade_id: str, *, solution: bool, points: int = 0):
    cell = new_code_cell(source)
    cell.metadata["nbgrader"] = {
        "grade": not solution, "solution": solution, "locked": not solution,
        "grade_id": grade_id, "schema_version": 3,
        **({"points": points} if not solution else {}),
    }
    return cell


def source_notebook():
    nb = new_notebook(cells=[
        new_markdown_cell("How many weeks does a typical learning circle meet? Type a number."),
        _graded("### BEGIN SOLUTION\nweeks = 6\n### END SOLUTION", "weeks", solution=True),
        _graded("assert weeks in (6, 7, 8)", "test_weeks", solution=False, points=1),
        new_markdown_cell("What is the smallest group size? Type a number."),
        _graded("### BEGIN SOLUTION\nsmallest = 4\n### END SOLUTION", "smallest", solution=True),
        _graded("assert smallest == 4", "test_smallest", solution=False, points=1),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    return nb


def make_course(root: Path) -> Path:
    """Course directory with a generated (released) assignment and an empty gradebook."""
    course = root / "course"
    (course / "source" / ASSIGNMENT).mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        "c.CourseDirectory.course_id = 'lc-sandbox-test'\n"
        f"c.Exchange.root = {str(root / 'exchange')!r}\n")
    nbformat.write(source_notebook(), str(course / "source" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"))
    nbgrader(course, "generate_assignment", ASSIGNMENT)
    return course


def nbgrader(course: Path, *args: str) -> str:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def submit(course: Path, student: str, answers: dict[str, str]) -> Path:
    """Place a submission as `nbgrader collect` would: the released notebook with answers typed."""
    nb = nbformat.read(str(course / "release" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"), as_version=4)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    target = course / "submitted" / student / ASSIGNMENT
    target.mkdir(parents=True)
    nbformat.write(nb, str(target / f"{NOTEBOOK}.ipynb"))
    (target / "timestamp.txt").write_text("2026-11-29 10:00:00.000000 UTC")
    return target


HONEST = {
    "alice": {"weeks": "weeks = 6", "smallest": "smallest = 4"},     # 2 points
    "bob": {"weeks": "weeks = 8", "smallest": "smallest = 15"},      # 1 point
    "carol": {},                                                     # blank: 0 points
}
HONEST_SCORES = {"alice": 2.0, "bob": 1.0, "carol": 0.0}


def hostile_code(course: Path, port: int, markers: dict[str, Path]) -> dict[str, str]:
    """Answer cells that attack the grader. Absolute paths: assume the worst, a learner who knows
    the course layout. Each one raises if (and only if) the sandbox stops it."""
    c = str(course)
    return {
        "gradebook_overwrite": f"open({c + '/gradebook.db'!r}, 'wb').write(b'gone')",
        # Walks up from its working directory, as a learner who guesses the layout would.
        "gradebook_delete": "import os\nos.remove('../../../gradebook.db')",
        "write_submitted": f"open({c + '/submitted/alice/ps1/ps1.ipynb'!r}, 'w').write('{{}}')",
        "write_autograded": f"import os\nos.makedirs({c + '/autograded/alice/ps1'!r}, exist_ok=True)\n"
                            f"open({c + '/autograded/alice/ps1/ps1.ipynb'!r}, 'w').write('{{}}')",
        "read_submitted": f"print(open({c + '/submitted/alice/ps1/ps1.ipynb'!r}).read())",
        "read_autograded": f"print(open({c + '/autograded/alice/ps1/ps1.ipynb'!r}).read())",
        "write_outside": f"open({str(markers['tmp'])!r}, 'w').write('was here')\n"
                         f"open({str(markers['home'])!r}, 'w').write('was here')",
        "endless_loop": "while True:\n    pass",
        "endless_loop_ignoring_interrupt": "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                                           "while True:\n    pass",
        "memory_bomb": "blocks = []\nwhile True:\n    blocks.append(bytearray(64 * 1024 * 1024))",
        "fork_bomb": "import os\nwhile True:\n    os.fork()",
        "network": f"import socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=5)",
    }


def tree_hashes(root: Path, exclude: set[str] = frozenset(),
                trees=("source", "release", "submitted", "autograded", "feedback")) -> dict[str, str]:
    """sha256 of every file below the course's trees, minus the given learners' folders."""
    hashes = {}
    for tree in trees:
        base = root / tree
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            rel = path.relative_to(root)
            if tree != "source" and tree != "release" and rel.parts[1] in exclude:
                continue
            if path.is_file():
                hashes[str(rel)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


def integrity_ok(course: Path) -> bool:
    with sqlite3.connect(course / "gradebook.db") as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def scores(course: Path, assignment: str = ASSIGNMENT) -> dict[str, float]:
    """Scores from nbgrader's own Gradebook API."""
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return {s.student.id: s.score for s in gb.assignment_submissions(assignment)}
