"""The kernel launcher: the sandboxed kernelspec's argv (``python -m cohort.sandbox launch``)
copies the learner's folder into the sandbox and replaces itself with bwrap."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .bwrap import is_under, bwrap_command, bwrap_supports_size
from .policy import KERNEL_ENTRY, KERNEL_NAME, MAX_WORKDIR_FILES, SandboxPolicy

#: The kernel's entry point on the grader's side, bound read-only at policy.KERNEL_ENTRY.
BOUNDED_KERNEL = Path(__file__).with_name("bounded_kernel.py")


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
            or is_under(socket_dir, policy.hidden) or is_under(socket_dir, policy.readonly)):
        raise SystemExit(f"sandbox: the ipc socket directory {socket_dir} is not private; "
                         "set --KernelManager.ip to a file in a private runtime directory")
    workdir = os.getcwd()
    connection_fd = os.open(connection_file, os.O_RDONLY)
    os.set_inheritable(connection_fd, True)
    limits = policy.limits
    kernel_argv = [os.path.join(sys.prefix, "bin", "python"), KERNEL_ENTRY,
                   f"--cell-output-bytes={limits.cell_output_bytes}",
                   f"--learner-output-bytes={limits.learner_output_bytes}",
                   "-f", connection_file, *extra]
    cmd = bwrap_command(policy, workdir=workdir, connection_file=connection_file,
                        socket_dir=socket_dir, kernel_argv=kernel_argv,
                        workdir_fds=_open_workdir(workdir), connection_fd=connection_fd,
                        kernel_files=[(str(BOUNDED_KERNEL), KERNEL_ENTRY)],
                        as_root=os.geteuid() == 0,
                        size_supported=(bwrap_supports_size() if policy.size_supported is None
                                        else policy.size_supported),
                        nbgrader_execution=os.environ.get("NBGRADER_EXECUTION"))
    os.umask(0o022)
    os.execvp(cmd[0], cmd)


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
