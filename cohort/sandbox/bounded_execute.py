"""nbgrader's ``Execute`` preprocessor with a cap on what a learner's notebook may put into the
graded notebook (per cell and per learner). The kernel cuts its own output first
(``bounded_kernel.py``); this is the grader's own check on what actually arrives, so no learner
code, however it writes, makes the graded notebook big. Imported only by the grading worker
(it imports nbgrader, ~3 s; the kernel launcher must not pay that)."""
from __future__ import annotations

import json

from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Integer

from .policy import OUTPUT_SLACK_BYTES, SandboxLimits

#: The error the graded notebook carries where output was cut; results.py reads it.
OUTPUT_LIMIT_ERROR = "OutputLimitError"
_COUNTED = {"stream", "display_data", "execute_result", "update_display_data", "error"}


def output_size(content: dict) -> int:
    """Bytes a message's content adds to the notebook (its JSON, as nbformat writes it)."""
    kept = {k: content.get(k) for k in ("text", "data", "metadata", "traceback", "evalue")}
    return len(json.dumps(kept, ensure_ascii=False, default=str))


class LearnerOutput:
    """What one learner's notebook has put into the graded notebook so far (all its cells). The
    grading worker starts a fresh one per learner (:func:`start_learner`)."""

    def __init__(self):
        self.used = 0


_learner = LearnerOutput()


def start_learner() -> None:
    global _learner
    _learner = LearnerOutput()


class BoundedExecute(Execute):
    """``Execute`` that keeps at most ``cell_output_bytes`` per cell and ``learner_output_bytes``
    per learner, then one ``OutputLimitError`` in the cell saying the rest was cut."""

    cell_output_bytes = Integer(SandboxLimits.cell_output_bytes + OUTPUT_SLACK_BYTES).tag(config=True)
    learner_output_bytes = Integer(SandboxLimits.learner_output_bytes + OUTPUT_SLACK_BYTES).tag(config=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._cell_used: dict[int, int] = {}  # bytes kept so far, by cell index

    def process_message(self, msg, cell, cell_index):
        if msg["msg_type"] not in _COUNTED:
            return super().process_message(msg, cell, cell_index)
        used = self._cell_used.get(cell_index, 0)
        room = min(self.cell_output_bytes - used, self.learner_output_bytes - _learner.used)
        size = output_size(msg["content"])
        if size <= room:
            self._cell_used[cell_index] = used + size
            _learner.used += size
            return super().process_message(msg, cell, cell_index)
        if msg["msg_type"] == "stream" and room > 0:  # keep the start of the text
            text, cut = msg["content"]["text"], room
            while cut and output_size({"text": text[:cut]}) > room:
                cut //= 2
            super().process_message({**msg, "content": {**msg["content"], "text": text[:cut]}},
                                    cell, cell_index)
            _learner.used += output_size({"text": text[:cut]})
        self._cell_used[cell_index] = self.cell_output_bytes  # nothing more from this cell
        if not any(out.get("ename") == OUTPUT_LIMIT_ERROR for out in cell.outputs):
            cell.outputs.append(NotebookNode(
                output_type="error", ename=OUTPUT_LIMIT_ERROR,
                evalue="output limit: the grader kept only the start of this cell's output",
                traceback=[f"{OUTPUT_LIMIT_ERROR}: the rest of this cell's output was cut"]))
        return None

