"""Write deploy/z2jh/values.yaml from the files it copies (run after editing deploy/).

    python deploy/z2jh/sync_values.py

values.yaml carries deploy/jupyterhub_config.py (hub.extraConfig) and the files of
deploy/jupyter/ (singleuser.extraFiles) because Helm values cannot point at files.
"""
from __future__ import annotations

import json
from pathlib import Path

import yaml

DEPLOY = Path(__file__).resolve().parent.parent
VALUES = DEPLOY / "z2jh" / "values.yaml"
ROLE_CONFIG_DIR = "/etc/learning-circles/jupyter"
EXCHANGE = "/usr/local/share/nbgrader/exchange"

HEADER = """\
# Zero to JupyterHub (Kubernetes) values for a cohort of the Learning Circles course.
#   helm upgrade --install hub jupyterhub/jupyterhub --namespace hub --create-namespace \\
#        --values deploy/z2jh/values.yaml --values my-site.yaml
# my-site.yaml holds what is yours: the authenticator (hub.config), the domain and HTTPS (proxy).
#
# Written by deploy/z2jh/sync_values.py: edit the files in deploy/ and run it again.
# - hub.extraConfig is deploy/jupyterhub_config.py: trainers are the hub group "trainers",
#   everyone else is a learner.
# - singleuser.extraFiles are the files of deploy/jupyter/ (each role's Jupyter settings).
# - The nbgrader exchange is the ReadWriteMany volume of exchange-pvc.yaml. Every pod runs as
#   the same Unix user (jovyan) here, so file permissions cannot keep learners' submissions apart:
#   use ngshare instead when that matters (see the trainers' guide).
# - The image: build one from this repository with repo2docker (requirements.txt installs
#   everything) and push it; the name below is a placeholder.
"""


class _Dumper(yaml.SafeDumper):
    """Multi-line text as readable literal blocks (|)."""


def _text(dumper, text):
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


_Dumper.add_representer(str, _text)


def values() -> dict:
    files = {}
    for path in sorted((DEPLOY / "jupyter").rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(DEPLOY / "jupyter").as_posix()
        key = "lc-" + relative.replace("/", "-").replace("_", "-").replace(".", "-")
        entry = {"mountPath": f"{ROLE_CONFIG_DIR}/{relative}"}
        if path.suffix == ".json":
            entry["data"] = json.loads(path.read_text(encoding="utf-8"))
        else:
            entry["stringData"] = path.read_text(encoding="utf-8")
        files[key] = entry
    return {
        "hub": {"extraConfig": {"learning-circles": (DEPLOY / "jupyterhub_config.py").read_text(encoding="utf-8")}},
        "singleuser": {
            "image": {"name": "ghcr.io/learning-circles-course/learning-circles", "tag": "main"},
            "defaultUrl": "/lab",
            "extraFiles": files,
            "storage": {
                "extraVolumes": [{"name": "nbgrader-exchange",
                                  "persistentVolumeClaim": {"claimName": "nbgrader-exchange"}}],
                "extraVolumeMounts": [{"name": "nbgrader-exchange", "mountPath": EXCHANGE}],
            },
        },
    }


def render() -> str:
    return HEADER + yaml.dump(values(), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


if __name__ == "__main__":
    VALUES.write_text(render(), encoding="utf-8")
    print(f"wrote {VALUES}")
