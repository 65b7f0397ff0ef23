"""The shape of the trainer tools: one command whose steps are dispatched through a table, one
autograde and one check command, no import cycle in ``cohort``, short files, and a grading report
whose CSV is formula-guarded like every other CSV of the course."""
from __future__ import annotations

import argparse
import ast
import csv
import subprocess
import sys

from activities.safe_text import csv_uncell
from cohort import sandbox
from cohort.__main__ import _parser, main
from support.paths import ROOT

COHORT = ROOT / "cohort"


def _steps() -> dict[str, argparse.ArgumentParser]:
    parser = _parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_step_names_the_function_that_runs_it():
    steps = _steps()
    assert {"init", "roster", "generate", "release", "collect", "autograde", "feedback", "dashboard",
            "check", "student-versions"} <= set(steps)
    functions = {name: step.get_default("func") for name, step in steps.items()}
    assert all(callable(func) for func in functions.values()), functions
    assert len(set(functions.values())) == len(functions), "two steps share one function"


def test_autograde_takes_the_sandbox_options_and_check_reports_the_sandbox(capsys):
    args = _parser().parse_args(["autograde", "c", "orientation", "--jobs", "2", "--cpu-seconds", "5",
                                 "--report-dir", "r", "--learner-timeout", "30"])
    assert (args.jobs, args.cpu_seconds, args.learner_timeout, str(args.report_dir)) == (2, 5, 30, "r")
    problem = sandbox.check_sandbox()
    assert main(["check"]) == (1 if problem else 0)
    out = capsys.readouterr().out
    assert (problem in out) if problem else out.startswith("sandbox ok")


def test_the_sandbox_module_is_no_second_autograde_command():
    done = subprocess.run([sys.executable, "-m", "cohort.sandbox", "autograde", "c", "orientation"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "python -m cohort autograde" in done.stderr


def _module_name(path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path) -> set[str]:
    """The ``cohort`` modules a file imports at its top level (relative imports resolved)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            target = ".".join(base + ([node.module] if node.module else []))
            found |= {f"{target}.{alias.name}" for alias in node.names} | {target}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("cohort"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("cohort")}
    return found


def test_no_import_cycle_in_the_trainer_tools():
    files = {_module_name(path): path for path in COHORT.rglob("*.py")}
    graph = {name: {dep for dep in _imports(path) if dep in files and dep != name} for name, path in files.items()}
    # A package's __init__ re-exporting its own modules is not a cycle; a module importing back
    # a module that imports it is.
    graph = {name: {dep for dep in deps if not name.startswith(dep + ".")} for name, deps in graph.items()}
    visiting, done = [], set()

    def visit(name):
        assert name not in visiting, "import cycle: " + " -> ".join(visiting[visiting.index(name):] + [name])
        if name in done:
            return
        visiting.append(name)
        for dep in sorted(graph[name]):
            visit(dep)
        visiting.pop()
        done.add(name)

    for name in sorted(graph):
        visit(name)
    assert graph["cohort.nbgrader_run"] == set(), "the nbgrader runner is the leaf"
    assert "cohort.course" not in graph["cohort.checkpoints"]


def test_no_trainer_tool_file_is_over_400_lines():
    long = {str(p.relative_to(ROOT)): n for p in COHORT.rglob("*") if p.suffix in {".py", ".html", ".css"}
            for n in [len(p.read_text(encoding="utf-8").splitlines())] if n > 400}
    assert long == {}


def test_grading_report_csv_is_formula_guarded_and_gives_back_what_was_typed(tmp_path):
    typed = '=HYPERLINK("http://example.org","click")'
    result = sandbox.LearnerResult("-ada", "ps1", True, 0, False,
                                   [sandbox.Problem("ps1", "weeks", "blocked: network", typed)], "")
    csv_path, html_path = sandbox.write_report([result], tmp_path)
    raw = csv_path.read_bytes()
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw  # spreadsheets: BOM, CRLF
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["student"] == "'-ada" and csv_uncell(row["student"]) == "-ada"
    assert typed in row["what failed"] and not row["what failed"].startswith(("=", "+", "-", "@"))
    page = html_path.read_text(encoding="utf-8")
    assert "&#34;click&#34;" in page or "&quot;click&quot;" in page
    assert "<main>" in page and 'dir="auto"' in page and "-ada" in page
