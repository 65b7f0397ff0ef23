"""A Jupyter server extension that sends :data:`cohort.page_policy.FORMGRADER` with every
formgrader page, so a submission shown to the trainer can make the browser load nothing from
anywhere but the trainer's own server (learners' markdown is also escaped, :mod:`cohort.safe_html`).

nbgrader renders submissions itself and has no setting for this; a tornado output transform sets
the header on the formgrader's responses only, leaving JupyterLab's own policy alone. Enabled in
``deploy/jupyter/trainer/jupyter_server_config.json`` (``"cohort.formgrader_policy": true``).
"""
from __future__ import annotations

from tornado.web import OutputTransform

from .page_policy import FORMGRADER


class FormgraderPolicy(OutputTransform):
    """Adds the policy header to responses under ``<base_url>formgrader/``."""

    prefix = "/formgrader/"

    def __init__(self, request):
        super().__init__(request)
        self._formgrader = request.path.startswith(self.prefix)

    def transform_first_chunk(self, status_code, headers, chunk, finishing):
        if self._formgrader:
            headers["Content-Security-Policy"] = FORMGRADER
        return status_code, headers, chunk


def _jupyter_server_extension_points():
    return [{"module": "cohort.formgrader_policy"}]


def _load_jupyter_server_extension(server_app):
    FormgraderPolicy.prefix = server_app.base_url.rstrip("/") + "/formgrader/"
    server_app.web_app.add_transform(FormgraderPolicy)
