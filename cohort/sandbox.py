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

Grading runs in ``--jobs`` slots (default: one per usable CPU). Each slot keeps one grading
*worker* process that initialises nbgrader's ``AutogradeApp`` once (its start-up costs ~3 s) and
then grades learner after learner with nbgrader's ``Autograde`` converter, each in a fresh
sandboxed kernel with a fresh private socket directory. A learner that runs past its wall clock
gets its worker killed and is marked; a worker that dies mid-learner is replaced and that learner
graded once more, alone; either way the other learners are untouched. Problems are collected from
the autograded notebooks and nbgrader's log into a report for the cohort dashboard.

Pure parts (policy, bwrap command line, error classification) are testable without a kernel.
"""
from __future__ import annotations

import argparse
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
    # Whether this bwrap has --size, found once by the grader (None: the launcher asks bwrap).
    size_supported: bool | None = None

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), indent=2)

    @classmethod
    def from_json(cls, text: str) -> "SandboxPolicy":
        data = json.loads(text)
        return cls(limits=SandboxLimits.from_dict(data["limits"]), readonly=list(data["readonly"]),
                   hidden=list(data["hidden"]), uid=data.get("uid"),
                   size_supported=data.get("size_supported"))


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
                   exchange_root: str | None = None, uid: int | None = None,
                   size_supported: bool | None = None) -> SandboxPolicy:
    hidden = [os.path.realpath(course_root), exchange_root or course_exchange_root(course_root),
              os.path.expanduser("~")]
    return SandboxPolicy(limits=limits or SandboxLimits(), readonly=python_readonly_paths(),
                         hidden=_dedupe(hidden), uid=uid, size_supported=size_supported)


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
    # The private /tmp comes before the read-only binds: a virtual environment under /tmp (a CI
    # checkout, a trainer's scratch copy) must stay visible on top of it, not be covered by it.
    m.add("--tmpfs", "/tmp", target="/tmp", perms="1777", size=size)
    readonly = [p for p in policy.readonly if os.path.exists(p) and not _under(p, ["/usr"])]
    for path in readonly:
        m.add("--ro-bind", path, path, target=path)
    m.add("--proc", "/proc", target="/proc")
    m.add("--dev", "/dev", target="/dev")
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
                        as_root=os.geteuid() == 0,
                        size_supported=(bwrap_supports_size() if policy.size_supported is None
                                        else policy.size_supported),
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
    worker_pid: int | None = None  # the grading worker process (several learners share one)

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
    # Plain JSON (nbgrader writes nbformat 4): importing nbformat costs the grader seconds.
    cells = json.loads(Path(path).read_text(encoding="utf-8")).get("cells", [])
    problems = []
    for index, cell in enumerate(cells):
        if cell.get("cell_type") != "code":
            continue
        cell_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") or f"cell {index + 1}"
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


def default_jobs() -> int:
    """Learners graded side by side by default: one per CPU this process may run on (a container
    or `taskset` may allow fewer than the machine has)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


# How long a fresh grading worker may take to import nbgrader and read the course's config before
# its first learner starts (the learner's own wall clock starts only then). Generous: a loaded
# machine has taken 7 s for what takes 3 s when quiet.
WORKER_STARTUP_TIMEOUT = 300
# A worker that dies while grading a learner may have died of something else (the machine, the
# OOM killer picking it): that learner is graded once more, alone in a fresh worker, before its
# submission is marked.
CRASH_RETRIES = 1
DB_BUSY_RETRIES = 3


def worker_main(argv: list[str]) -> int:
    """A grading worker: ``python -m cohort.sandbox worker ASSIGNMENT [nbgrader options]``, run in
    the course directory. nbgrader's own ``AutogradeApp`` is initialised once from the same argv
    ``nbgrader autograde`` would get; then, for every request line on stdin
    (``{"student": ID, "socket_ip": PATH or null, "force": BOOL}``), nbgrader's ``Autograde`` converter grades
    that one learner, exactly as ``NbGraderAPI.autograde`` does for formgrader. Learner code never
    runs in this process (only in the kernels nbgrader starts); paying nbgrader's ~3 s start-up
    once per worker instead of once per learner is the point.

    Protocol on the original stdout, one JSON object a line: ``{"event": "start", ...}`` when a
    learner begins, ``{"event": "done", "student", "success", "log"}`` when it ends."""
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    # Anything else written to stdout (nbgrader, the kernels it starts, which inherit fds 1 and 2)
    # goes to the log, never into the protocol.
    os.dup2(2, 1)
    from nbgrader.apps.autogradeapp import AutogradeApp
    from nbgrader.apps.baseapp import NbGrader
    from nbgrader.converters import Autograde
    from nbgrader.utils import capture_log
    from traitlets.config import Config

    app = AutogradeApp()
    app.initialize(argv)
    NbGrader.start(app)  # what AutogradeApp.start does before its converter
    if len(app.extra_args) != 1:
        app.fail("the grading worker takes exactly one assignment id")
    app.coursedir.assignment_id = app.extra_args[0]

    def send(**message):
        protocol.write(json.dumps(message, ensure_ascii=True) + "\n")

    for line in sys.stdin:
        request = json.loads(line)
        student = request["student"]
        send(event="start", student=student)
        app.coursedir.student_id = student
        if request.get("socket_ip"):
            # A fresh private socket directory per learner: no kernel ever shares one.
            app.update_config(Config({"KernelManager": {"ip": request["socket_ip"]}}))
        for attempt in range(1, DB_BUSY_RETRIES + 1):
            converter = Autograde(coursedir=app.coursedir, parent=app)
            # Again after a busy gradebook or a dead worker: what exists is a partial attempt.
            converter.force = converter.force or attempt > 1 or bool(request.get("force"))
            result = capture_log(converter)
            log = result.get("log", "") + result.get("error", "")
            if result["success"] or "database is locked" not in log or attempt == DB_BUSY_RETRIES:
                break
            time.sleep(1 + attempt)  # SQLite serialises writers; another worker was saving grades
        send(event="done", student=student, success=bool(result["success"]), log=log[-20000:])
    return 0


class _WorkerGone(Exception):
    """The grading worker exited or stopped talking (not a learner's time limit)."""


class _Worker:
    """The grader's side of one grading worker process."""

    def __init__(self, args: list[str], *, cwd: Path, env: dict[str, str], log_path: Path):
        self.log_path = log_path
        with open(log_path, "ab") as log:
            self.proc = subprocess.Popen(args, cwd=cwd, env=env, stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=log,
                                         start_new_session=True)
        self._buffer = b""
        self.fresh = True

    def send(self, request: dict) -> None:
        try:
            self.proc.stdin.write((json.dumps(request) + "\n").encode())
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError) as error:
            raise _WorkerGone(f"worker not reachable: {error!r}") from error

    def receive(self, deadline: float) -> dict:
        """The next protocol message; TimeoutError at ``deadline`` (time.monotonic())."""
        import select
        fd = self.proc.stdout.fileno()
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            ready, _, _ = select.select([fd], [], [], remaining)
            if ready:
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    raise _WorkerGone(f"worker exited ({self.proc.wait()})")
                self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return json.loads(line)

    def log_tail(self, size: int = 3000) -> str:
        try:
            with open(self.log_path, "rb") as log:
                log.seek(max(0, os.path.getsize(self.log_path) - size))
                return log.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def kill(self) -> None:
        # The session holds nbgrader; each sandboxed kernel dies with it (bwrap --die-with-parent).
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()

    def close(self) -> None:
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            self.kill()


@dataclasses.dataclass
class _Slot:
    """One parallel grading slot: its own worker, kernel uid and kernelspec."""
    index: int
    home: Path
    uid: int | None
    worker: _Worker | None = None


def _grade_in_slot(slot: _Slot, student: str, *, course_dir: Path, assignment: str,
                   worker_args: list[str], env: dict[str, str], limits: SandboxLimits,
                   isolated: bool) -> LearnerResult:
    """Grade one learner in this slot's worker (starting one if needed): a learner that runs out
    of wall clock is stopped and marked; a worker that dies is replaced and the learner graded
    once more, alone, before it is marked. Other learners are never touched."""
    crashes, notes = 0, ""
    while True:
        socket_ip = None
        if isolated:
            runtime = Path(tempfile.mkdtemp(dir=slot.home, prefix="runtime-"))
            if os.geteuid() == 0 and slot.uid is not None:
                os.chown(runtime, slot.uid, slot.uid)  # the kernel's uid creates its sockets here
            socket_ip = str(runtime / "kernel")
        if slot.worker is None:
            slot.worker = _Worker(worker_args, cwd=course_dir, env=env,
                                  log_path=slot.home / f"worker-{time.monotonic_ns()}.log")
        worker, timed_out, message = slot.worker, False, None
        try:
            worker.send({"student": student, "socket_ip": socket_ip, "force": crashes > 0})
            wait = WORKER_STARTUP_TIMEOUT if worker.fresh else 60
            message = worker.receive(time.monotonic() + wait)
            worker.fresh = False
            message = worker.receive(time.monotonic() + limits.learner_timeout)
        except TimeoutError:
            timed_out = message is not None  # no "start" yet: the worker hung, not the learner
            notes += worker.log_tail()
            worker.kill()
            slot.worker = None
        except _WorkerGone as gone:
            notes += f"{gone}\n{worker.log_tail()}"
            worker.kill()
            slot.worker = None
        finally:
            if socket_ip:
                shutil.rmtree(Path(socket_ip).parent, ignore_errors=True)
        if timed_out:
            problem = Problem("", "", f"time limit: stopped after {limits.learner_timeout} s",
                              "the whole autograde of this learner took too long")
            return _learner_result(course_dir, assignment, student, isolated, None, True,
                                   notes, worker.proc.pid, [problem])
        if message is not None and message.get("event") == "done":
            return _learner_result(course_dir, assignment, student, isolated,
                                   0 if message["success"] else 1, False, message["log"],
                                   worker.proc.pid)
        crashes += 1
        if crashes > CRASH_RETRIES:
            return _learner_result(course_dir, assignment, student, isolated, -1, False, notes,
                                   worker.proc.pid,
                                   [Problem("", "", "autograde could not run",
                                            "the grading process stopped while grading "
                                            "this submission, twice")])


def _learner_result(course_dir: Path, assignment: str, student: str, isolated: bool,
                    returncode: int | None, timed_out: bool, log: str, worker_pid: int,
                    problems: list[Problem] | None = None) -> LearnerResult:
    """Blocked attempts from the autograded notebooks, then what the log says went wrong."""
    problems = list(problems or [])
    if returncode != 0 or timed_out:
        problems += [p for p in _log_problems(log) if p.kind not in {q.kind for q in problems}]
    autograded = course_dir / "autograded" / student / assignment
    if autograded.is_dir():
        for notebook in sorted(autograded.glob("*.ipynb")):
            problems[:0] = notebook_problems(notebook)
    return LearnerResult(student, assignment, isolated, returncode, timed_out, problems,
                         log[-4000:], worker_pid)


def submitted_students(course_dir: Path, assignment: str) -> list[str]:
    submitted = Path(course_dir) / "submitted"
    return sorted(p.name for p in submitted.iterdir() if (p / assignment).is_dir()) \
        if submitted.is_dir() else []


def autograde_cohort(course_dir: str | os.PathLike, assignment: str,
                     students: list[str] | None = None, *, isolated: bool = True,
                     limits: SandboxLimits | None = None, jobs: int | None = None,
                     exchange_root: str | None = None, force: bool = False,
                     base_uid: int = DEFAULT_BASE_UID,
                     extra_args: tuple[str, ...] = (),
                     extra_env: dict[str, str] | None = None) -> list[LearnerResult]:
    """Autograde every learner who submitted ``assignment`` with nbgrader's own autograde.

    ``jobs`` slots (default: one per usable CPU) each keep one grading worker process that grades
    learner after learner, taking the next from a shared queue; every learner's code runs in its
    own fresh sandboxed kernel. Refuses (RuntimeError) to run isolated where no sandbox can start,
    rather than silently grading with the trainer's rights."""
    course_dir = Path(course_dir).resolve()
    limits = limits or SandboxLimits()
    students = list(dict.fromkeys(students if students is not None
                                  else submitted_students(course_dir, assignment)))
    if isolated:
        problem = check_sandbox()
        if problem:
            raise RuntimeError(problem)
    jobs = max(1, min(jobs or default_jobs(), len(students) or 1))
    env = {**os.environ, **(extra_env or {})}
    # nbgrader runs `alembic` from PATH: use this environment's tools.
    env["PATH"] = os.pathsep.join([os.path.join(sys.prefix, "bin"), env.get("PATH", "")])
    worker_args = [sys.executable, "-m", "cohort.sandbox", "worker", assignment,
                   f"--Execute.timeout={limits.cell_timeout}", *extra_args]
    if force:
        worker_args.append("--force")
    workspace = Path(tempfile.mkdtemp(prefix="lc-grading-"))
    os.chmod(workspace, 0o711)  # the kernels' uids must reach their own runtime dirs
    slots: "queue.Queue[_Slot]" = __import__("queue").Queue()
    slot_env = {}
    size_supported = bwrap_supports_size() if isolated else True
    for index in range(jobs):
        home = workspace / f"slot-{index}"  # never a learner's id in a path we create
        home.mkdir(mode=0o711)
        uid = base_uid + index
        if isolated:
            policy = default_policy(course_dir, limits, exchange_root, uid, size_supported)
            write_kernelspec(home / "jupyter", policy)
            slot_env[index] = {**env, "JUPYTER_PATH": os.pathsep.join(
                filter(None, [str(home / "jupyter"), env.get("JUPYTER_PATH")]))}
        else:
            slot_env[index] = env
        slots.put(_Slot(index, home, uid))
    kernel_args = [f"--Execute.kernel_name={KERNEL_NAME}", "--KernelManager.transport=ipc",
                   # Nothing in the sandbox needs a polite shutdown: its PID namespace ends with
                   # bwrap, taking every process of the learner's with it.
                   "--Execute.shutdown_kernel=immediate"] if isolated else []

    def one(student: str) -> LearnerResult:
        slot = slots.get()
        try:
            return _grade_in_slot(slot, student, course_dir=course_dir, assignment=assignment,
                                  worker_args=worker_args + kernel_args,
                                  env=slot_env[slot.index], limits=limits, isolated=isolated)
        except Exception as error:  # one learner's trouble never stops the cohort
            return LearnerResult(student, assignment, isolated, None, False,
                                 [Problem("", "", "autograde could not run", repr(error)[:300])],
                                 "")
        finally:
            slots.put(slot)

    import concurrent.futures  # here, not at the top: every kernel launch imports this module

    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(one, students))
    finally:
        while not slots.empty():
            slot = slots.get()
            if slot.worker is not None:
                slot.worker.close()
        shutil.rmtree(workspace, ignore_errors=True)
    save_results(course_dir, results)
    return results


def autograde_step(course_dir: str | os.PathLike, assignment: str, student: str | None = None,
                   force: bool = False, extra_args: tuple[str, ...] = (),
                   env: dict[str, str] | None = None, jobs: int | None = None,
                   limits: SandboxLimits | None = None):
    """The trainer command's autograde step, sandboxed: same result type as its other steps
    (``cohort.course.StepResult``); ``jobs`` None = one learner at a time per usable CPU."""
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
               "(sandboxed: a fresh bubblewrap kernel per learner)"]
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
    if argv and argv[0] == "worker":
        return worker_main(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m cohort.sandbox",
                                     description="Autograde a cohort with sandboxed kernels.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="can a sandbox start on this machine?")
    grade = sub.add_parser("autograde", help="autograde every submission of an assignment")
    grade.add_argument("course_dir")
    grade.add_argument("assignment")
    grade.add_argument("--student", action="append", dest="students")
    grade.add_argument("--jobs", type=int, default=None,
                       help="learners graded side by side (default: one per usable CPU)")
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
