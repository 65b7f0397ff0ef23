"""The sandbox's two internal verbs, named in the kernelspec and by the grading pool (trainers use
``python -m cohort autograde`` and ``python -m cohort check``)::

    python -m cohort.sandbox launch --policy POLICY.json -f CONNECTION.json   (a kernel's argv)
    python -m cohort.sandbox worker ASSIGNMENT [nbgrader options]             (one grading worker)
"""
from __future__ import annotations

import sys

from .launcher import launch
from .worker import worker_main


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "launch":
        launch(argv[1:])
        return 1  # not reached: launch execs bwrap
    if argv and argv[0] == "worker":
        return worker_main(argv[1:])
    print("python -m cohort.sandbox only launches sandboxed kernels and grading workers for "
          "python -m cohort autograde. To grade: python -m cohort autograde COURSE_DIR CHECKPOINT; "
          "to test this machine: python -m cohort check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
