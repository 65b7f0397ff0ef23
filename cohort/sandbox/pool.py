"""Grading a cohort: ``--jobs`` slots, each keeping one grading worker process that grades learner
after learner (each in a fresh sandboxed kernel), and the trainer command's sandboxed autograde
step. One learner's trouble (a time limit, a worker that dies) never touches the others."""
from __future__ import annotations

import concurrent.futures
import dataclasses
import json
import os
import queue
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from ..nbgrader_run import CohortError
from .bwrap import bwrap_supports_size, check_sandbox
from .launcher import write_kernelspec
from .policy import (DEFAULT_BASE_UID, KERNEL_NAME, OUTPUT_SLACK_BYTES, SandboxLimits,
                     default_policy)
from .reports import save_results, write_report
from .results import LearnerResult, Problem, log_problems, notebook_problems

# How long a fresh grading worker may take to import nbgrader and read the course's config before
# its first learner starts (the learner's own wall clock starts only then). Generous: a loaded
# machine has taken 7 s for what takes 3 s when quiet.
WORKER_STARTUP_TIMEOUT = 300
# A worker that dies while grading a learner may have died of something else (the machine, the
# OOM killer picking it): that learner is graded once more, alone in a fresh worker, before its
# submission is marked.
CRASH_RETRIES = 1


def default_jobs() -> int:
    """Learners graded side by side by default: one per CPU this process may run on (a container
    or `taskset` may allow fewer than the machine has)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


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
        problems += [p for p in log_problems(log) if p.kind not in {q.kind for q in problems}]
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
                     extra_env: dict[str, str] | None = None,
                     on_done: Callable[[LearnerResult], None] | None = None) -> list[LearnerResult]:
    """Autograde every learner who submitted ``assignment`` with nbgrader's own autograde.

    ``jobs`` slots (default: one per usable CPU) each keep one grading worker process that grades
    learner after learner, taking the next from a shared queue; every learner's code runs in its
    own fresh sandboxed kernel. Refuses (RuntimeError) to run isolated where no sandbox can start,
    rather than silently grading with the trainer's rights. ``on_done`` is called with each
    learner's result as soon as it is known (a progress bar, a live log), from a grading thread."""
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
                   f"--Execute.timeout={limits.cell_timeout}",
                   # The kernel cuts at the limits; the grader lets its cut line through too.
                   f"--BoundedExecute.cell_output_bytes={limits.cell_output_bytes + OUTPUT_SLACK_BYTES}",
                   f"--BoundedExecute.learner_output_bytes="
                   f"{limits.learner_output_bytes + OUTPUT_SLACK_BYTES}", *extra_args]
    if force:
        worker_args.append("--force")
    workspace = Path(tempfile.mkdtemp(prefix="lc-grading-"))
    os.chmod(workspace, 0o711)  # the kernels' uids must reach their own runtime dirs
    slots: "queue.Queue[_Slot]" = queue.Queue()
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
            result = _grade_in_slot(slot, student, course_dir=course_dir, assignment=assignment,
                                    worker_args=worker_args + kernel_args,
                                    env=slot_env[slot.index], limits=limits, isolated=isolated)
        except Exception as error:  # one learner's trouble never stops the cohort
            result = LearnerResult(student, assignment, isolated, None, False,
                                   [Problem("", "", "autograde could not run", repr(error)[:300])],
                                   "")
        finally:
            slots.put(slot)
        if on_done is not None:
            on_done(result)
        return result

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
                   limits: SandboxLimits | None = None, exchange_root: str | None = None,
                   report_dir: str | os.PathLike | None = None,
                   on_done: Callable[[LearnerResult], None] | None = None,
                   ) -> tuple[list[LearnerResult], list[Path]]:
    """The trainer command's autograde step (``python -m cohort autograde``), sandboxed: every
    learner's result, and the report files written to ``report_dir`` (CSV and HTML) if given;
    ``jobs`` None = one learner at a time per usable CPU. No sandbox here: CohortError."""
    try:
        results = autograde_cohort(course_dir, assignment, [student] if student else None,
                                   limits=limits, jobs=jobs, force=force,
                                   exchange_root=exchange_root, extra_args=tuple(extra_args),
                                   extra_env=env, on_done=on_done)
    except RuntimeError as error:  # no sandbox here: refuse rather than run with our rights
        raise CohortError(f"{error}\nLearner code is only run in a sandbox. See "
                          "book/about/safe-grading.md, or use --no-isolation for learners "
                          "you trust.") from error
    return results, list(write_report(results, report_dir)) if report_dir is not None else []
