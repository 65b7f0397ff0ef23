"""The sandbox's command line, launcher checks, error classification and report, plus one real
bubblewrap run that looks around from inside (fast: no nbgrader, no kernel)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from cohort import sandbox


def _policy(tmp_path, **kw):
    course = tmp_path / "course"
    (course / "submitted" / "alice").mkdir(parents=True, exist_ok=True)
    (course / "gradebook.db").write_bytes(b"db")
    return sandbox.default_policy(course, sandbox.SandboxLimits(**kw), uid=3_100_007), course


def _command(policy, tmp_path, kernel_argv, as_root=True):
    runtime = tmp_path / "runtime"
    runtime.mkdir(exist_ok=True)
    conn = tmp_path / "conn.json"
    conn.write_text("{}")
    return sandbox.bwrap_command(
        policy, workdir=str(tmp_path / "course" / "autograded" / "eve" / "ps1"),
        connection_file=str(conn), socket_dir=str(runtime), kernel_argv=kernel_argv,
        workdir_fds=[], connection_fd=99, as_root=as_root)


def test_command_isolates_network_env_and_course(tmp_path):
    policy, course = _policy(tmp_path, cpu_seconds=7, memory_bytes=123456789, processes=9)
    cmd = _command(policy, tmp_path, ["python"])
    assert "--unshare-net" in cmd and "--clearenv" in cmd and "--die-with-parent" in cmd
    assert cmd[cmd.index("--remount-ro") + 1] == "/"
    # Nothing of the course is bound; the only writable bind is the private socket directory.
    binds = [cmd[i + 1] for i, a in enumerate(cmd) if a in ("--bind", "--ro-bind")]
    assert not [b for b in binds if b.startswith(str(course))]
    writable = [cmd[i + 1] for i, a in enumerate(cmd) if a == "--bind"]
    assert writable == [str(tmp_path / "runtime")]
    assert "--cpu=7:9" in cmd and "--as=123456789" in cmd and "--nproc=9" in cmd
    assert cmd[cmd.index("--reuid") + 1] == "3100007"  # root drops to the slot's uid
    unprivileged = _command(policy, tmp_path, ["python"], as_root=False)
    assert "--unshare-all" in unprivileged and "setpriv" not in unprivileged


def test_hidden_path_inside_read_only_tree_is_covered(tmp_path):
    policy, _ = _policy(tmp_path)
    exchange = tmp_path / "venv-like" / "exchange"
    exchange.mkdir(parents=True)
    policy.readonly.append(str(tmp_path / "venv-like"))
    policy.hidden.append(str(exchange))
    cmd = _command(policy, tmp_path, ["python"])
    tmpfs = [cmd[i + 1] for i, a in enumerate(cmd) if a == "--tmpfs"]
    assert str(exchange) in tmpfs


def test_python_environment_under_tmp_stays_visible_over_the_private_tmp(tmp_path):
    """A venv in /tmp (CI checkouts) is bound after the private /tmp, so it is not covered."""
    policy, _ = _policy(tmp_path)
    with tempfile.TemporaryDirectory(dir="/tmp") as venv:
        policy.readonly.append(venv)
        cmd = _command(policy, tmp_path, ["python"])
    private_tmp = next(i for i, a in enumerate(cmd) if a == "--tmpfs" and cmd[i + 1] == "/tmp")
    venv_bind = next(i for i, a in enumerate(cmd) if a == "--ro-bind" and cmd[i + 1] == venv)
    assert private_tmp < venv_bind


@pytest.mark.parametrize("ename,evalue,expected", [
    ("OSError", "[Errno 30] Read-only file system: '/x'", "blocked"),
    ("FileNotFoundError", "[Errno 2] No such file", "not visible"),
    ("ConnectionRefusedError", "[Errno 111] Connection refused", "network"),
    ("MemoryError", "", "memory"),
    ("BlockingIOError", "[Errno 11] Resource temporarily unavailable", "processes"),
    ("AssertionError", "", None),          # a wrong answer is a normal result
    ("NotImplementedError", "", None),     # a blank answer too
    ("NameError", "name 'x' is not defined", None),
])
def test_classify_error(ename, evalue, expected):
    kind = sandbox.classify_error(ename, evalue)
    assert (kind is None) if expected is None else (expected in kind)


def test_report_escapes_learner_text(tmp_path):
    evil = "<script>alert(1)</script>\u202e\U0001F600" + "x" * 100
    result = sandbox.LearnerResult("<b>eve</b>", "ps1", True, 0, False,
                                   [sandbox.Problem("ps1", "weeks", "blocked: network", evil)], "")
    csv_path, html_path = sandbox.write_report([result], tmp_path)
    html = html_path.read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;eve" in html
    assert "\U0001F600" in html and "\U0001F600" in csv_path.read_text(encoding="utf-8")


def _launch(tmp_path, info, runtime):
    policy, _ = _policy(tmp_path)
    policy_file = tmp_path / "policy.json"
    policy_file.write_text(policy.to_json())
    conn = runtime / "kernel.json"
    conn.write_text(json.dumps(info))
    return subprocess.run([sys.executable, "-m", "cohort.sandbox", "launch", "--policy",
                           str(policy_file), "-f", str(conn)], capture_output=True, text=True,
                          timeout=60, cwd=tmp_path)


def test_launcher_refuses_tcp_and_shared_socket_dirs(tmp_path):
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    tcp = _launch(tmp_path, {"transport": "tcp", "ip": "127.0.0.1"}, runtime)
    assert tcp.returncode != 0 and "ipc" in tcp.stderr
    shared = _launch(tmp_path, {"transport": "ipc", "ip": str(tmp_path / "course" / "k")},
                     runtime)
    assert shared.returncode != 0 and "not private" in shared.stderr


PROBE = r"""
import json, os, socket, sys
seen = {"uid": os.getuid(), "env": sorted(os.environ), "cwd": os.getcwd(),
        "course": os.path.exists(sys.argv[1] + "/gradebook.db"),
        "submitted": os.path.exists(sys.argv[1] + "/submitted/alice"),
        "home": sorted(os.listdir(sys.argv[2])) if os.path.isdir(sys.argv[2]) else []}
try:
    socket.create_connection(("127.0.0.1", int(sys.argv[3])), timeout=3); seen["net"] = "open"
except OSError as e:
    seen["net"] = type(e).__name__
for path in (sys.argv[1] + "/gradebook.db", "/usr/x", sys.argv[2] + "/x"):
    try:
        open(path, "w"); seen.setdefault("wrote", []).append(path)
    except OSError:
        pass
open("mine.txt", "w").write("own folder is writable")
print(json.dumps(seen))
"""


def test_inside_the_sandbox(tmp_path, monkeypatch):
    """A real bwrap run: no secrets in the environment, course and home invisible, no network,
    nothing writable but the private working directory, not uid 0."""
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "secret-token")
    problem = sandbox.check_sandbox()
    assert problem is None, problem
    policy, course = _policy(tmp_path)
    server = __import__("socket").socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    home = os.path.expanduser("~")
    conn = tmp_path / "conn.json"
    cmd = _command(policy, tmp_path, [sys.executable, "-c", PROBE, str(course), home, str(port)],
                   as_root=os.geteuid() == 0)
    fd = os.open(conn, os.O_RDONLY)
    cmd[cmd.index("99")] = str(fd)
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60, pass_fds=(fd,))
    finally:
        os.close(fd)
        server.close()
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout)
    assert seen["uid"] != 0
    assert "JUPYTERHUB_API_TOKEN" not in seen["env"]
    assert not seen["course"] and not seen["submitted"]
    # Of the trainer's home only the path to a bound interpreter (pyenv, say) may appear.
    needed = {Path(p).relative_to(home).parts[0] for p in policy.readonly
              if Path(p).is_relative_to(home)}
    assert set(seen["home"]) <= needed, seen["home"]
    assert seen["net"] != "open"
    assert "wrote" not in seen
    assert seen["cwd"].endswith("autograded/eve/ps1")
    assert not (course / "autograded").exists(), "the private working dir leaked to the host"
    assert Path(course / "gradebook.db").read_bytes() == b"db"


def test_dashboard_problems_from_saved_run_and_from_notebooks(tmp_path):
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    course = tmp_path / "course"
    result = sandbox.LearnerResult("eve", "ps1", True, 1, True,
                                   [sandbox.Problem("", "", "time limit: stopped after 9 s", "x")], "")
    sandbox.save_results(course, [result])
    assert sandbox.dashboard_problems(course, "ps1", "eve") == [("time limit: stopped after 9 s", "x")]
    # No saved run (graded by plain nbgrader): read the autograded notebook's error outputs.
    cell = new_code_cell("open('/usr/x', 'w')", outputs=[new_output(
        "error", ename="OSError", evalue="[Errno 30] Read-only file system: '/usr/x'", traceback=[])])
    cell.metadata["nbgrader"] = {"grade_id": "weeks", "solution": True, "grade": False}
    target = course / "autograded" / "ann" / "ps1"
    target.mkdir(parents=True)
    nbformat.write(new_notebook(cells=[cell]), str(target / "ps1.ipynb"))
    [(kind, detail)] = sandbox.dashboard_problems(course, "ps1", "ann")
    assert kind.startswith("blocked") and detail.startswith("ps1 weeks: OSError")


def test_exchange_from_course_config_is_hidden(tmp_path):
    course = tmp_path / "course"
    course.mkdir()
    (course / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.Exchange.root = {str(tmp_path / 'exchange')!r}\n")
    policy = sandbox.default_policy(course)
    assert str(tmp_path / "exchange") in policy.hidden and str(course) in policy.hidden
    assert not any(p.endswith("/cohort") for p in policy.readonly)  # trainer tools stay out
