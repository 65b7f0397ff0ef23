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

One job a module: ``policy`` (limits, what a kernel may see), ``bwrap`` (the command line, and
the "can a sandbox start here?" probe), ``launcher`` (the kernelspec's entry point), ``worker``
(one nbgrader process grading learner after learner), ``pool`` (the slots that share the cohort
out, and the trainer command's step), ``results`` (problems found in a learner's run), ``reports``
(saved outcomes for the dashboard, the CSV/HTML report) and ``__main__`` (the two internal verbs
``launch`` and ``worker``). Trainers use ``python -m cohort autograde`` and ``python -m cohort
check``. Pure parts (policy, bwrap command line, error classification) are testable without a
kernel. Only the standard library is imported when a kernel launches (pandas and nbgrader are
imported where a report or a worker needs them).
"""
from __future__ import annotations

from .bwrap import bwrap_command, bwrap_supports_size, check_sandbox
from .launcher import launch, write_kernelspec
from .policy import (BWRAP, DEFAULT_BASE_UID, DEFAULT_EXCHANGE, KERNEL_NAME, SandboxLimits, SandboxPolicy,
                     course_exchange_root, default_policy, python_readonly_paths)
from .pool import autograde_cohort, autograde_step, default_jobs, submitted_students
from .reports import REPORTS_DIR, dashboard_problems, report_frame, save_results, write_report
from .results import LearnerResult, Problem, classify_error, notebook_problems

__all__ = ["BWRAP", "DEFAULT_BASE_UID", "DEFAULT_EXCHANGE", "KERNEL_NAME", "REPORTS_DIR", "LearnerResult",
           "Problem", "SandboxLimits", "SandboxPolicy", "autograde_cohort", "autograde_step",
           "bwrap_command", "bwrap_supports_size", "check_sandbox", "classify_error",
           "course_exchange_root", "dashboard_problems", "default_jobs", "default_policy", "launch",
           "notebook_problems", "python_readonly_paths", "report_frame", "save_results",
           "submitted_students", "write_kernelspec", "write_report"]
