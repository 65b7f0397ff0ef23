"""The bubblewrap command line that runs a kernel inside the sandbox (pure), and the probe that
says whether a sandbox can start on this machine at all (``python -m cohort check``)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .policy import BWRAP, DEFAULT_BASE_UID, ETC_FILES, SandboxLimits, SandboxPolicy, python_readonly_paths


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


def is_under(path: str, roots) -> bool:
    """Whether ``path`` is one of ``roots`` or inside one."""
    return any(path == r or path.startswith(r.rstrip("/") + "/") for r in roots)


def bwrap_command(policy: SandboxPolicy, *, workdir: str, connection_file: str, socket_dir: str,
                  kernel_argv: list[str], workdir_fds: list[tuple[int, str]],
                  connection_fd: int, as_root: bool, size_supported: bool = True,
                  nbgrader_execution: str | None = None,
                  kernel_files: list[tuple[str, str]] = ()) -> list[str]:
    """The full argv that runs ``kernel_argv`` inside the sandbox (pure; no side effects).
    ``kernel_files`` are ``(host path, path inside)`` pairs bound read-only (the kernel's entry
    point)."""
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
    readonly = [p for p in policy.readonly if os.path.exists(p) and not is_under(p, ["/usr"])]
    for path in readonly:
        m.add("--ro-bind", path, path, target=path)
    for host, inside in kernel_files:
        m.add("--ro-bind", host, inside, target=inside)
    m.add("--proc", "/proc", target="/proc")
    m.add("--dev", "/dev", target="/dev")
    # A hidden path inside something bound read-only (the exchange under /usr, a course inside
    # the venv's tree ...) gets an empty tmpfs over it.
    for path in policy.hidden:
        if os.path.isdir(path) and is_under(path, ["/usr", *readonly]):
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
