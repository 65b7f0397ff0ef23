"""The grading worker (``python -m cohort.sandbox worker``): one nbgrader ``AutogradeApp`` that
grades learner after learner on request. Learner code never runs in this process."""
from __future__ import annotations

import json
import os
import sys
import time

#: Tries when SQLite says another worker is saving grades ("database is locked").
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
    # nbgrader takes ~3 s to import: here, not at the top, because the kernel launcher (run for
    # every learner's kernel) comes in through the same `python -m cohort.sandbox` package.
    from nbgrader.apps.autogradeapp import AutogradeApp
    from nbgrader.apps.baseapp import NbGrader
    from nbgrader.converters import Autograde
    from nbgrader.preprocessors import Execute
    from nbgrader.utils import capture_log
    from traitlets.config import Config

    from .bounded_execute import BoundedExecute, start_learner

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
        start_learner()
        app.coursedir.student_id = student
        if request.get("socket_ip"):
            # A fresh private socket directory per learner: no kernel ever shares one.
            app.update_config(Config({"KernelManager": {"ip": request["socket_ip"]}}))
        for attempt in range(1, DB_BUSY_RETRIES + 1):
            converter = Autograde(coursedir=app.coursedir, parent=app)
            # What a learner's code prints is capped per cell and per learner (bounded_execute).
            converter.autograde_preprocessors = [BoundedExecute if p is Execute else p
                                                 for p in converter.autograde_preprocessors]
            # Again after a busy gradebook or a dead worker: what exists is a partial attempt.
            converter.force = converter.force or attempt > 1 or bool(request.get("force"))
            result = capture_log(converter)
            log = result.get("log", "") + result.get("error", "")
            if result["success"] or "database is locked" not in log or attempt == DB_BUSY_RETRIES:
                break
            time.sleep(1 + attempt)  # SQLite serialises writers; another worker was saving grades
        send(event="done", student=student, success=bool(result["success"]), log=log[-20000:])
    return 0
