"""Autograde a cohort with every learner's code locked in a sandbox.

nbgrader runs learner code with the trainer's rights. Here nbgrader's own autograde still does the
work, but the kernel it starts is a *sandboxed kernel*: a kernelspec whose argv is this module's
``launch`` step, which wraps ipykernel in bubblewrap (``bwrap``):

* a new mount namespace holding only read-only system and Python directories; the learner's
  working directory is a fresh, size-limited tmpfs holding a *copy* of that directory, and /tmp is
  another one; the course (gradebook, source/release/submitted/autograded trees), the exchange and
  the trainer's home are simply not there;
* new network, PID, IPC and UTS namespaces (no network at all; the kernel talks to nbgrader over
  ZMQ *ipc* sockets, Unix sockets in a private runtime directory bound into the sandbox);
* resource limits (prlimit inside the sandbox): CPU seconds, address space, processes, file size;
  nbgrader's per-cell timeout plus a wall clock per learner bound the rest;
* when run as root, the kernel drops to a dedicated unprivileged uid per parallel slot
  (RLIMIT_NPROC is not enforced for uid 0); otherwise bwrap uses an unprivileged user namespace.

Each learner is autograded by its own ``nbgrader autograde ASSIGNMENT --student ID`` process, so one
submission that kills its kernel or hangs cannot stop the others. Problems are collected from the
autograded notebooks and the process logs into a report for the cohort dashboard.

Pure parts (policy, bwrap command line, error classification) are testable without a kernel.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KERNEL_NAME = "learning-circles-sandbox"
BWRAP = "bwrap"
DEFAULT_EXCHANGE = "/usr/local/share/nbgrader/exchange"
# Unprivileged uids used when grading runs as root: one per parallel slot, not in /etc/passwd.
DEFAULT_BASE_UID = 3_100_000
MAX_WORKDIR_FILES = 500
# Small read-only pieces of /etc that Python and common libraries read; nothing secret.
ETC_FILES = ["/etc/ld.so.cache", "/etc/localtime", "/etc/nsswitch.conf", "/etc/passwd",
             "/etc/group", "/etc/hosts", "/etc/fonts", "/etc/mime.types", "/etc/alternatives",
             "/etc/ssl/certs"]


@dataclasses.dataclass
class SandboxLimits:
    """Per-submission limits. Wall clock: nbgrader's per-cell timeout and one per learner."""
    cpu_seconds: int = 60            # RLIMIT_CPU per process (soft; SIGKILL 2 s later)
    memory_bytes: int = 2 * 1024**3  # RLIMIT_AS (address space) per process
    processes: int = 64              # RLIMIT_NPROC: threads count too (ipykernel needs ~10)
    file_bytes: int = 64 * 1024**2   # RLIMIT_FSIZE: largest file the learner's code can write
    open_files: int = 256            # RLIMIT_NOFILE
    tmpfs_bytes: int = 64 * 1024**2  # size of the private working directory and of /tmp
    cell_timeout: int = 60           # seconds; nbgrader's Execute.timeout (interrupts the cell)
    learner_timeout: int = 600       # seconds for one learner's whole autograde process

    @classmethod
    def from_dict(cls, data: dict) -> "SandboxLimits":
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: int(v) for k, v in data.items() if k in names})


@dataclasses.dataclass
class SandboxPolicy:
    """What one sandboxed kernel may see. Written as JSON next to the kernelspec."""
    limits: SandboxLimits
    readonly: list[str]          # bound read-only at the same path
    hidden: list[str]            # covered by an empty tmpfs if they sit inside a read-only path
    uid: int | None = None       # drop to this uid (only when the launcher runs as root)

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), indent=2)

    @classmethod
    def from_json(cls, text: str) -> "SandboxPolicy":
        data = json.loads(text)
        return cls(limits=SandboxLimits.from_dict(data["limits"]), readonly=list(data["readonly"]),
                   hidden=list(data["hidden"]), uid=data.get("uid"))


def python_readonly_paths() -> list[str]:
    """The interpreter, the virtual environment and the course's activities package (an editable
    install lives outside the venv). Not ``cohort``: learner code has no business with the
    trainer's tools, nor with the repository's checkpoint sources."""
    paths = [sys.prefix, sys.base_prefix, os.path.realpath(sys.base_prefix)]
    import activities
    paths.append(str(Path(activities.__file__).resolve().parent))
    return _dedupe(paths)


def course_exchange_root(course_dir: str | os.PathLike) -> str:
    """Exchange.root from the course's nbgrader_config.py (trainer-written), else the default."""
    from traitlets.config.loader import ConfigFileNotFound, PyFileConfigLoader
    try:
        config = PyFileConfigLoader("nbgrader_config.py", path=str(course_dir)).load_config()
    except (ConfigFileNotFound, Exception):
        return DEFAULT_EXCHANGE
    root = config.get("Exchange", {}).get("root")
    return os.path.realpath(os.path.join(course_dir, root)) if root else DEFAULT_EXCHANGE


def _dedupe(paths):
    seen, result = set(), []
    for p in paths:
        p = os.path.normpath(p)
        if p not in seen:
            seen.add(p)
            result.append(p)
    return result


def default_policy(course_root: str | os.PathLike, limits: SandboxLimits | None = None,
                   exchange_root: str | None = None, uid: int | None = None) -> SandboxPolicy:
    hidden = [os.path.realpath(course_root), exchange_root or course_exchange_root(course_root),
              os.path.expanduser("~")]
    return SandboxPolicy(limits=limits or SandboxLimits(), readonly=python_readonly_paths(),
                         hidden=_dedupe(hidden), uid=uid)


# ----------------------------------------------------------------------------- bwrap command line
class _Mounts:
    """Builds bwrap mount arguments; parent directories are created world-traversable (bwrap
    would create them 0700, which an unprivileged kernel could not walk through)."""

    def __init__(self):
        self.args: list[str] = []
        self._dirs: set[str] = {"/"}

    def parents(self, path: str):
        for parent in reversed(Path(path).parents):
            p = str(parent)
            if p not in self._dirs:
                self._dirs.add(p)
                self.args += ["--perms", "0755", "--dir", p]

    def add(self, option: str, *args: str, target: str, perms: str | None = None,
            size: int | None = None):
        self.parents(target)
        self._dirs.add(target)
        if perms:
            self.args += ["--perms", perms]
        if size is not None:
            self.args += ["--size", str(size)]
        self.args += [option, *args]


def _under(path: str, roots) -> bool:
    return any(path == r or path.startswith(r.rstrip("/") + "/") for r in roots)


def bwrap_command(policy: SandboxPolicy, *, workdir: str, connection_file: str, socket_dir: str,
                  kernel_argv: list[str], workdir_fds: list[tuple[int, str]],
                  connection_fd: int, as_root: bool, size_supported: bool = True,
                  nbgrader_execution: str | None = None) -> list[str]:
    """The full argv that runs ``kernel_argv`` inside the sandbox (pure; no side effects)."""
    lim = policy.limits
    size = lim.tmpfs_bytes if size_supported else None
    m = _Mounts()
    m.add("--ro-bind", "/usr", "/usr", target="/usr")
    for name in ("bin", "sbin", "lib", "lib64", "lib32", "libx32"):
        host = f"/{name}"
        if os.path.islink(host):
            m.add("--symlink", os.readlink(host), host, target=host)
        elif os.path.isdir(host):
            m.add("--ro-bind", host, host, target=host)
    for path in ETC_FILES:
        if os.path.exists(path):
            m.add("--ro-bind", path, path, target=path)
    readonly = [p for p in policy.readonly if os.path.exists(p) and not _under(p, ["/usr"])]
    for path in readonly:
        m.add("--ro-bind", path, path, target=path)
    m.add("--proc", "/proc", target="/proc")
    m.add("--dev", "/dev", target="/dev")
    m.add("--tmpfs", "/tmp", target="/tmp", perms="1777", size=size)
    # A hidden path inside something bound read-only (the exchange under /usr, a course inside
    # the venv's tree ...) gets an empty tmpfs over it.
    for path in policy.hidden:
        if os.path.isdir(path) and _under(path, ["/usr", *readonly]):
            m.add("--tmpfs", path, target=path, perms="0755", size=4096)
    m.add("--bind", socket_dir, socket_dir, target=socket_dir)
    m.add("--ro-bind-data", str(connection_fd), connection_file, target=connection_file,
          perms="0444")
    m.add("--tmpfs", workdir, target=workdir, perms="0777", size=size)
    for fd, relative in workdir_fds:
        dest = os.path.join(workdir, relative)
        if relative.endswith("/"):
            m.add("--dir", dest.rstrip("/"), target=dest.rstrip("/"), perms="0777")
        else:
            m.add("--file", str(fd), dest, target=dest, perms="0666")

    env = {
        "PATH": f"{sys.prefix}/bin:/usr/local/bin:/usr/bin:/bin",
        "HOME": "/tmp", "TMPDIR": "/tmp", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
        "IPYTHONDIR": "/tmp/.ipython",
        "PYTHONDONTWRITEBYTECODE": "1", "LEARNING_CIRCLES_SANDBOX": "1",
        # 1 = "no parent to watch": the grader's pid means nothing in the PID namespace and
        # --die-with-parent already ends the sandbox with its parent.
        "JPY_PARENT_PID": "1",
    }
    if nbgrader_execution:
        env["NBGRADER_EXECUTION"] = nbgrader_execution
    env_args = [a for k, v in env.items() for a in ("--setenv", k, v)]

    if as_root:
        # Privileged bwrap without a user namespace, then drop to a dedicated uid: RLIMIT_NPROC
        # is never enforced for uid 0, even inside a user namespace.
        namespaces = ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
                      "--unshare-cgroup-try", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
        uid = str(policy.uid if policy.uid is not None else DEFAULT_BASE_UID)
        drop = ["setpriv", "--reuid", uid, "--regid", uid, "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all", "--"]
    else:
        namespaces = ["--unshare-all"]
        drop = []
    rlimits = ["prlimit", f"--cpu={lim.cpu_seconds}:{lim.cpu_seconds + 2}",
               f"--as={lim.memory_bytes}", f"--nproc={lim.processes}",
               f"--fsize={lim.file_bytes}", f"--nofile={lim.open_files}", "--core=0", "--"]
    return [BWRAP, *namespaces, "--die-with-parent", "--new-session", "--hostname", "sandbox",
            "--clearenv", *env_args, *m.args, "--remount-ro", "/", "--chdir", workdir,
            *drop, *rlimits, *kernel_argv]


def bwrap_supports_size() -> bool:
    try:
        out = subprocess.run([BWRAP, "--help"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "--size" in out.stdout + out.stderr


def _open_workdir(workdir: str) -> list[tuple[int, str]]:
    """Open every regular file below the working directory (never following symlinks) so bwrap
    can copy it into the private tmpfs; directories end with '/'."""
    entries: list[tuple[int, str]] = []
    for dirpath, dirnames, filenames in os.walk(workdir, followlinks=False):
        rel_dir = os.path.relpath(dirpath, workdir)
        for d in sorted(dirnames):
            if not os.path.islink(os.path.join(dirpath, d)):
                entries.append((-1, os.path.normpath(os.path.join(rel_dir, d)) + "/"))
        for f in sorted(filenames):
            full = os.path.join(dirpath, f)
            try:
                fd = os.open(full, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
            except OSError:
                continue  # a symlink or something unreadable: the learner does not get it
            if not os.path.isfile(f"/proc/self/fd/{fd}"):
                os.close(fd)
                continue
            os.set_inheritable(fd, True)
            entries.append((fd, os.path.normpath(os.path.join(rel_dir, f))))
            if len(entries) > MAX_WORKDIR_FILES:
                raise SystemExit(f"sandbox: more than {MAX_WORKDIR_FILES} files in {workdir}")
    return entries


def launch(argv: list[str] | None = None) -> None:
    """Kernelspec entry point: ``python -m cohort.sandbox launch --policy P -f CONN [extra]``.

    Runs outside the sandbox with the grader's rights, reads the policy and the connection file,
    then replaces itself with bwrap (same pid, so jupyter_client's kill/poll reach the sandbox)."""
    parser = argparse.ArgumentParser(prog="cohort.sandbox launch")
    parser.add_argument("--policy", required=True)
    parser.add_argument("-f", dest="connection_file", required=True)
    args, extra = parser.parse_known_args(argv)
    policy = SandboxPolicy.from_json(Path(args.policy).read_text())
    connection_file = os.path.abspath(args.connection_file)
    info = json.loads(Path(connection_file).read_text())
    if info.get("transport") != "ipc":
        raise SystemExit("sandbox: the kernel has no network, so it needs ZMQ ipc transport "
                         "(run nbgrader with --KernelManager.transport=ipc)")
    # The kernel creates its Unix sockets here, so this one directory is bound writable: it must
    # be a private directory for this grading run, never a shared one.
    socket_dir = os.path.dirname(os.path.abspath(info["ip"]))
    if (socket_dir in ("/", "/tmp", "/var/tmp", "/dev/shm", os.path.expanduser("~"))
            or _under(socket_dir, policy.hidden) or _under(socket_dir, policy.readonly)):
        raise SystemExit(f"sandbox: the ipc socket directory {socket_dir} is not private; "
                         "set --KernelManager.ip to a file in a private runtime directory")
    workdir = os.getcwd()
    connection_fd = os.open(connection_file, os.O_RDONLY)
    os.set_inheritable(connection_fd, True)
    kernel_argv = [os.path.join(sys.prefix, "bin", "python"), "-m", "ipykernel_launcher",
                   "-f", connection_file, *extra]
    cmd = bwrap_command(policy, workdir=workdir, connection_file=connection_file,
                        socket_dir=socket_dir, kernel_argv=kernel_argv,
                        workdir_fds=_open_workdir(workdir), connection_fd=connection_fd,
                        as_root=os.geteuid() == 0, size_supported=bwrap_supports_size(),
                        nbgrader_execution=os.environ.get("NBGRADER_EXECUTION"))
    os.umask(0o022)
    os.execvp(cmd[0], cmd)


# ------------------------------------------------------------------------------- kernelspec
def write_kernelspec(jupyter_path: str | os.PathLike, policy: SandboxPolicy) -> Path:
    """A kernelspec (in a private JUPYTER_PATH directory) whose argv is the sandbox launcher."""
    kernel_dir = Path(jupyter_path) / "kernels" / KERNEL_NAME
    kernel_dir.mkdir(parents=True, exist_ok=True)
    policy_file = kernel_dir / "policy.json"
    policy_file.write_text(policy.to_json())
    spec = {
        "argv": [sys.executable, "-m", "cohort.sandbox", "launch", "--policy", str(policy_file),
                 "-f", "{connection_file}"],
        "display_name": "Python 3 (sandboxed autograding)",
        "language": "python",
        # Signals cannot cross the sandbox's PID namespace; ipykernel interrupts itself on request.
        "interrupt_mode": "message",
        "metadata": {"debugger": False},
    }
    (kernel_dir / "kernel.json").write_text(json.dumps(spec, indent=2))
    return kernel_dir


def check_sandbox() -> str | None:
    """None if a sandboxed process can start here, else a message saying what is missing."""
    if shutil.which(BWRAP) is None:
        return "bubblewrap is not installed (Debian/Ubuntu: apt install bubblewrap)"
    with tempfile.TemporaryDirectory() as tmp:
        policy = SandboxPolicy(SandboxLimits(), readonly=python_readonly_paths(), hidden=[],
                               uid=DEFAULT_BASE_UID)
        conn = os.path.join(tmp, "probe.json")
        Path(conn).write_text("{}")
        fd = os.open(conn, os.O_RDONLY)
        os.set_inheritable(fd, True)
        cmd = bwrap_command(policy, workdir=os.path.join(tmp, "work"), connection_file=conn,
                            socket_dir=tmp, kernel_argv=[sys.executable, "-c", "print('ok')"],
                            workdir_fds=[], connection_fd=fd, as_root=os.geteuid() == 0,
                            size_supported=bwrap_supports_size())
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=60, pass_fds=(fd,))
        finally:
            os.close(fd)
    if out.returncode != 0 or out.stdout.strip() != "ok":
        return ("bubblewrap cannot start a sandbox here (are user namespaces allowed?): "
                + (out.stderr.strip() or out.stdout.strip())[-500:])
    return None


# ------------------------------------------------------------------------- grading a cohort
@dataclasses.dataclass
class Problem:
    """Something a trainer should look at in one submission."""
    notebook: str
    cell: str
    kind: str
    detail: str


@dataclasses.dataclass
class LearnerResult:
    student: str
    assignment: str
    isolated: bool
    returncode: int | None
    timed_out: bool
    problems: list[Problem]
    log_tail: str

    @property
    def graded(self) -> bool:
        return self.returncode == 0 and not self.timed_out

    @property
    def flagged(self) -> bool:
        return bool(self.problems) or not self.graded

    @property
    def status(self) -> str:
        if self.timed_out:
            return "not graded: stopped, took too long"
        if self.returncode != 0:
            return "not graded: autograde failed"
        return "graded, needs a look" if self.problems else "graded"


# Errors that mean learner code hit the sandbox or a limit, with words a trainer understands.
# Ordinary mistakes (AssertionError from a test, NotImplementedError in a blank answer, NameError
# ...) are normal nbgrader results and not listed.
_BLOCKED = [
    ("MemoryError", None, "memory limit reached"),
    ("KeyboardInterrupt", None, "time limit: cell interrupted"),
    ("CellTimeoutError", None, "time limit: cell interrupted"),
    ("BlockingIOError", None, "blocked: too many processes"),
    ("PermissionError", None, "blocked: writing or reading outside its own folder"),
    ("OSError", "Read-only file system", "blocked: writing outside its own folder"),
    ("OSError", "[Errno 30]", "blocked: writing outside its own folder"),
    ("FileNotFoundError", None, "blocked: a file outside its own folder (not visible)"),
    ("IsADirectoryError", None, "blocked: a file outside its own folder (not visible)"),
    ("ConnectionRefusedError", None, "blocked: network connection"),
    ("ConnectionError", None, "blocked: network connection"),
    ("OSError", "Network is unreachable", "blocked: network connection"),
    ("OSError", "[Errno 101]", "blocked: network connection"),
    ("gaierror", None, "blocked: network connection"),
    ("TimeoutError", None, "blocked: network connection"),
    ("ProcessLookupError", None, "blocked: other processes are not visible"),
]
_LOG_SIGNS = [
    ("Kernel died", "kernel stopped (a memory, CPU or process limit?)"),
    ("DeadKernelError", "kernel stopped (a memory, CPU or process limit?)"),
    ("Timeout waiting for IOPub", "time limit: the kernel did not stop when interrupted"),
    ("CellTimeoutError", "time limit: cell interrupted"),
    ("UnresponsiveKernelError", "kernel stopped responding"),
    ("Kernel didn't respond", "kernel did not start"),
    ("database is locked", "gradebook busy"),
]


def classify_error(ename: str, evalue: str) -> str | None:
    for name, needle, kind in _BLOCKED:
        if ename == name and (needle is None or needle in evalue):
            return kind
    return None


def notebook_problems(path: Path) -> list[Problem]:
    """Blocked attempts and limits recorded as error outputs in one autograded notebook."""
    import nbformat
    nb = nbformat.read(str(path), as_version=4)
    problems = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        cell_id = cell.metadata.get("nbgrader", {}).get("grade_id") or f"cell {index + 1}"
        for output in cell.get("outputs", []):
            if output.get("output_type") != "error":
                continue
            ename, evalue = str(output.get("ename", "")), str(output.get("evalue", ""))
            kind = classify_error(ename, evalue)
            if kind:
                problems.append(Problem(path.stem, cell_id, kind, f"{ename}: {evalue}"[:300]))
    return problems


def _log_problems(log: str) -> list[Problem]:
    found = []
    for needle, kind in _LOG_SIGNS:
        if needle in log and kind not in [p.kind for p in found]:
            found.append(Problem("", "", kind, needle))
    return found


def autograde_learner(course_dir: Path, assignment: str, student: str, *, workspace: Path,
                      limits: SandboxLimits, isolated: bool, uid: int | None,
                      exchange_root: str | None = None, force: bool = False,
                      extra_args: tuple[str, ...] = (), retries: int = 3,
                      extra_env: dict[str, str] | None = None) -> LearnerResult:
    """One ``nbgrader autograde ASSIGNMENT --student ID`` process, sandboxed kernel or not."""
    course_dir = Path(course_dir).resolve()
    env = {**os.environ, **(extra_env or {})}
    # nbgrader runs `alembic` from PATH: use this environment's tools.
    env["PATH"] = os.pathsep.join([os.path.join(sys.prefix, "bin"), env.get("PATH", "")])
    args = [sys.executable, "-m", "nbgrader", "autograde", assignment, "--student", student,
            f"--Execute.timeout={limits.cell_timeout}", *extra_args]
    if force:
        args.append("--force")
    if isolated:
        home = Path(tempfile.mkdtemp(dir=workspace, prefix="learner-"))  # never the raw id
        runtime = home / "runtime"
        runtime.mkdir(parents=True, mode=0o700)
        as_root = os.geteuid() == 0
        if as_root and uid is not None:
            os.chown(runtime, uid, uid)  # the kernel's dedicated uid creates its sockets there
        policy = default_policy(course_dir, limits, exchange_root, uid)
        write_kernelspec(home / "jupyter", policy)
        env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(home / "jupyter"),
                                                            env.get("JUPYTER_PATH")]))
        env["JUPYTER_RUNTIME_DIR"] = str(runtime)
        # ZMQ over Unix sockets in the private runtime dir (jupyter_client would otherwise put
        # them relative to the course directory).
        args += [f"--Execute.kernel_name={KERNEL_NAME}", "--KernelManager.transport=ipc",
                 f"--KernelManager.ip={runtime / 'kernel'}"]
    attempt = 0
    while True:
        attempt += 1
        proc = subprocess.Popen(args, cwd=course_dir, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, errors="replace",
                                start_new_session=True)
        timed_out = False
        try:
            log, _ = proc.communicate(timeout=limits.learner_timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            os.killpg(proc.pid, signal.SIGKILL)
            log, _ = proc.communicate()
        busy = proc.returncode != 0 and "database is locked" in log
        if not busy or attempt >= retries:
            break
        time.sleep(1 + attempt)  # SQLite serialises writers; another learner was saving grades
        args = [a for a in args if a != "--force"] + ["--force"]
    problems = _log_problems(log) if (proc.returncode != 0 or timed_out) else []
    if timed_out:
        problems.insert(0, Problem("", "", f"time limit: stopped after {limits.learner_timeout} s",
                                   "the whole autograde of this learner took too long"))
    autograded = course_dir / "autograded" / student / assignment
    if autograded.is_dir():
        for notebook in sorted(autograded.glob("*.ipynb")):
            problems[:0] = notebook_problems(notebook)
    return LearnerResult(student, assignment, isolated, proc.returncode, timed_out, problems,
                         log[-4000:])


def submitted_students(course_dir: Path, assignment: str) -> list[str]:
    submitted = Path(course_dir) / "submitted"
    return sorted(p.name for p in submitted.iterdir() if (p / assignment).is_dir()) \
        if submitted.is_dir() else []


def autograde_cohort(course_dir: str | os.PathLike, assignment: str,
                     students: list[str] | None = None, *, isolated: bool = True,
                     limits: SandboxLimits | None = None, jobs: int = 1,
                     exchange_root: str | None = None, force: bool = False,
                     base_uid: int = DEFAULT_BASE_UID,
                     extra_args: tuple[str, ...] = (),
                     extra_env: dict[str, str] | None = None) -> list[LearnerResult]:
    """Autograde every learner who submitted ``assignment``, one nbgrader process each.

    Refuses (RuntimeError) to run isolated where no sandbox can start, rather than silently
    grading with the trainer's rights."""
    course_dir = Path(course_dir).resolve()
    limits = limits or SandboxLimits()
    students = list(dict.fromkeys(students if students is not None
                                  else submitted_students(course_dir, assignment)))
    if isolated:
        problem = check_sandbox()
        if problem:
            raise RuntimeError(problem)
    jobs = max(1, min(jobs, len(students) or 1))
    uids: "queue.Queue[int]" = __import__("queue").Queue()
    for slot in range(jobs):
        uids.put(base_uid + slot)
    workspace = Path(tempfile.mkdtemp(prefix="lc-grading-"))
    os.chmod(workspace, 0o711)  # the kernels' uids must reach their own runtime dirs

    def one(student: str) -> LearnerResult:
        uid = uids.get()
        try:
            return autograde_learner(course_dir, assignment, student, workspace=workspace,
                                     limits=limits, isolated=isolated, uid=uid,
                                     exchange_root=exchange_root, force=force,
                                     extra_args=extra_args, extra_env=extra_env)
        except Exception as error:  # one learner's trouble never stops the cohort
            return LearnerResult(student, assignment, isolated, None, False,
                                 [Problem("", "", "autograde could not run", repr(error)[:300])],
                                 "")
        finally:
            uids.put(uid)

    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(one, students))
    finally:
        shutil.rmtree(workspace, ignore_errors=True)
    save_results(course_dir, results)
    return results


def autograde_step(course_dir: str | os.PathLike, assignment: str, student: str | None = None,
                   force: bool = False, extra_args: tuple[str, ...] = (),
                   env: dict[str, str] | None = None, jobs: int = 1,
                   limits: SandboxLimits | None = None):
    """The trainer command's autograde step, sandboxed: same result type as its other steps
    (``cohort.course.StepResult``), one learner per nbgrader process."""
    from .course import CohortError, StepResult
    try:
        results = autograde_cohort(course_dir, assignment, [student] if student else None,
                                   limits=limits, jobs=jobs, force=force,
                                   extra_args=tuple(extra_args), extra_env=env)
    except RuntimeError as error:  # no sandbox here: refuse rather than run with our rights
        raise CohortError(f"{error}\nLearner code is only run in a sandbox. See "
                          "book/about/safe-grading.md, or use --no-isolation for learners "
                          "you trust.") from error
    output = "\n".join([*(r.log_tail for r in results if not r.graded),
                        report_frame(results).to_string(index=False)])
    failed = sorted((r.assignment, r.student) for r in results if not r.graded)
    command = ["nbgrader", "autograde", assignment, *(["--student", student] if student else []),
               "(sandboxed, one process per learner)"]
    return StepResult(command, 1 if failed else 0, output, failed)


REPORTS_DIR = "grading-reports"


def _report_path(course_dir: Path, assignment: str, student: str) -> Path:
    return Path(course_dir) / REPORTS_DIR / assignment / f"{student}.json"


def save_results(course_dir: Path, results: list[LearnerResult]) -> None:
    """Keep each learner's latest grading outcome in the course directory (trainer-only), so the
    cohort dashboard can show what failed long after the run."""
    for r in results:
        path = _report_path(course_dir, r.assignment, r.student)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"status": r.status, "flagged": r.flagged, "isolated": r.isolated,
                "problems": [dataclasses.asdict(p) for p in r.problems]}
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, path)


def dashboard_problems(course_dir: str | os.PathLike, assignment: str,
                       student: str) -> list[tuple[str, str]]:
    """``(problem, detail)`` pairs for the cohort dashboard: the saved outcome of the last
    sandboxed run, or else what the autograded notebooks show."""
    path = _report_path(Path(course_dir), assignment, student)
    problems: list[Problem] = []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        problems = [Problem(**p) for p in data.get("problems", [])]
    except (OSError, ValueError, TypeError):
        autograded = Path(course_dir) / "autograded" / student / assignment
        for notebook in sorted(autograded.glob("*.ipynb")):
            try:
                problems += notebook_problems(notebook)
            except Exception:  # an unreadable notebook is reported by the dashboard itself
                pass
    return [(p.kind, " ".join(x for x in (p.notebook, p.cell) if x) + (": " if p.notebook or p.cell
             else "") + p.detail) for p in problems]


def report_frame(results: list[LearnerResult]):
    """One row per submission for the cohort dashboard (pandas; learner text stays as data)."""
    import pandas as pd
    rows = [{
        "student": r.student, "assignment": r.assignment, "status": r.status,
        "flagged": r.flagged, "isolated": r.isolated,
        "what failed": "; ".join(
            " ".join(x for x in (p.notebook, p.cell) if x) + (": " if p.notebook or p.cell else "")
            + f"{p.kind} ({p.detail})" for p in r.problems),
    } for r in results]
    return pd.DataFrame(rows, columns=["student", "assignment", "status", "flagged", "isolated",
                                       "what failed"])


def write_report(results: list[LearnerResult], out_dir: str | os.PathLike) -> tuple[Path, Path]:
    """CSV and HTML (escaped) reports of a grading run."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    frame = report_frame(results)
    csv_path, html_path = out / "grading-report.csv", out / "grading-report.html"
    frame.to_csv(csv_path, index=False)
    table = frame.to_html(index=False, escape=True, border=0)
    html_path.write_text(
        "<!doctype html><html lang='en'><meta charset='utf-8'><title>Autograding report</title>"
        "<h1>Autograding report</h1><p>Flagged submissions hit the sandbox or a limit; the rest "
        "of the cohort was graded normally.</p>" + table + "</html>", encoding="utf-8")
    return csv_path, html_path


# --------------------------------------------------------------------------------------- CLI
def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "launch":
        launch(argv[1:])
        return 1  # not reached: launch execs bwrap
    parser = argparse.ArgumentParser(prog="python -m cohort.sandbox",
                                     description="Autograde a cohort with sandboxed kernels.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="can a sandbox start on this machine?")
    grade = sub.add_parser("autograde", help="autograde every submission of an assignment")
    grade.add_argument("course_dir")
    grade.add_argument("assignment")
    grade.add_argument("--student", action="append", dest="students")
    grade.add_argument("--jobs", type=int, default=1)
    grade.add_argument("--force", action="store_true")
    grade.add_argument("--exchange")
    grade.add_argument("--report-dir")
    grade.add_argument("--no-isolation", action="store_true",
                       help="run learner code with your own rights (trusted learners only)")
    for field in dataclasses.fields(SandboxLimits):
        grade.add_argument("--" + field.name.replace("_", "-"), type=int, default=field.default)
    args = parser.parse_args(argv)
    if args.command == "check":
        problem = check_sandbox()
        print(problem or "sandbox ok")
        return 1 if problem else 0
    limits = SandboxLimits(**{f.name: getattr(args, f.name) for f in
                              dataclasses.fields(SandboxLimits)})
    results = autograde_cohort(args.course_dir, args.assignment, args.students,
                               isolated=not args.no_isolation, limits=limits, jobs=args.jobs,
                               exchange_root=args.exchange, force=args.force)
    print(report_frame(results).to_string(index=False))
    if args.report_dir:
        for path in write_report(results, args.report_dir):
            print(f"report: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
