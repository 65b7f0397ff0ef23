"""The sandboxed kernel's entry point: ipykernel with a cap on what learner code may print.

Run *inside* the sandbox as a script (``python /opt/learning-circles/bounded_kernel.py
--cell-output-bytes N --learner-output-bytes M -f CONNECTION``): the launcher binds this one file
read-only there, so it may import only the standard library and ipykernel (the rest of
``cohort`` is not visible to learner code, on purpose).

Output past a cap is never sent: a write or a ``display`` that would go over it sends only what
fits, then one line saying the rest was cut, and (in the learner's own code) raises
``OutputLimitError`` so a runaway loop ends at once instead of running into the time limit. The
grader (``cohort.sandbox.bounded_execute``) enforces the same caps again on what it receives: a
learner who undoes this patch still cannot make the graded notebook big.
"""
from __future__ import annotations

import argparse
import json
import sys
import threading

from ipykernel.iostream import OutStream
from ipykernel.kernelapp import IPKernelApp
from ipykernel.zmqshell import ZMQDisplayPublisher

CUT_LINE = "\n[output limit: {what} printed more than {limit} bytes; the rest was cut]\n"


class OutputLimitError(Exception):
    """Learner code printed or displayed more than the grading limits allow."""


class _Budget:
    """Characters still allowed in this cell and in the whole kernel (one learner's notebook)."""

    def __init__(self, cell_bytes: int, learner_bytes: int):
        self.cell_bytes, self.learner_bytes = cell_bytes, learner_bytes
        self.cell_used = self.learner_used = 0
        self.cut_this_cell = False
        self.lock = threading.Lock()

    def new_cell(self, *_):
        with self.lock:
            self.cell_used, self.cut_this_cell = 0, False

    def take(self, size: int) -> tuple[int, str | None]:
        """How much of ``size`` may be sent, and the cut line to send once when it is not all."""
        with self.lock:
            room = max(0, min(self.cell_bytes - self.cell_used,
                              self.learner_bytes - self.learner_used))
            allowed = min(size, room)
            self.cell_used += allowed
            self.learner_used += allowed
            if allowed == size or self.cut_this_cell:
                return allowed, None
            self.cut_this_cell = True
            over_cell = self.cell_bytes - self.cell_used <= self.learner_bytes - self.learner_used
            what, limit = (("this cell", self.cell_bytes) if over_cell
                           else ("this notebook", self.learner_bytes))
            return allowed, CUT_LINE.format(what=what, limit=limit)


def _stop_learner_code(size: int, allowed: int) -> None:
    # Only in the learner's own thread: ipykernel's thread that forwards fd output must go on.
    if threading.current_thread() is threading.main_thread():
        raise OutputLimitError(f"output limit: {size - allowed} more characters were not kept")


def _bound(budget: _Budget) -> None:
    write, publish = OutStream.write, ZMQDisplayPublisher.publish

    def bounded_write(self, string):
        if not isinstance(string, str):
            return write(self, string)  # ipykernel's own TypeError
        allowed, cut = budget.take(len(string))
        if allowed:
            write(self, string[:allowed])
        if allowed < len(string):
            if cut:
                write(self, cut)
            _stop_learner_code(len(string), allowed)
        return len(string)

    def bounded_publish(self, data, metadata=None, **kwargs):
        # Long texts are measured, not copied: json.dumps of a 200 MB page would need more memory.
        size = sum(len(v) if isinstance(v, str) else len(json.dumps(v, default=str))
                   for v in (data or {}).values()) + len(json.dumps(metadata or {}, default=str))
        allowed, cut = budget.take(size)
        if allowed == size:
            return publish(self, data, metadata, **kwargs)
        if cut:
            write(sys.stdout, cut)
        _stop_learner_code(size, allowed)
        return None

    OutStream.write = bounded_write
    ZMQDisplayPublisher.publish = bounded_publish


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bounded_kernel")
    parser.add_argument("--cell-output-bytes", type=int, required=True)
    parser.add_argument("--learner-output-bytes", type=int, required=True)
    args, kernel_argv = parser.parse_known_args(argv)
    budget = _Budget(args.cell_output_bytes, args.learner_output_bytes)
    _bound(budget)
    app = IPKernelApp.instance()
    app.initialize(kernel_argv)
    app.shell.events.register("pre_run_cell", budget.new_cell)
    app.start()


if __name__ == "__main__":
    main()
