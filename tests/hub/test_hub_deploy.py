"""The deployment files in deploy/ parse, and name the course, the roles and the exchange alike."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import yaml
from traitlets.config import Config, PyFileConfigLoader

from support.paths import ROOT

DEPLOY = ROOT / "deploy"
ROLES = ("learner", "trainer")


def load_hub_config(environ: dict | None = None) -> tuple[Config, dict]:
    """Run deploy/jupyterhub_config.py as JupyterHub would; returns the config and its globals."""
    config = Config()
    namespace = {"get_config": lambda: config, "__file__": str(DEPLOY / "jupyterhub_config.py")}
    saved = dict(os.environ)
    try:
        os.environ.pop("LEARNING_CIRCLES_ROLE_CONFIG", None)
        os.environ.update(environ or {})
        exec(compile((DEPLOY / "jupyterhub_config.py").read_text(), "jupyterhub_config.py", "exec"), namespace)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return config, namespace


def load_nbgrader_config(role: str, home: str = "/home/someone") -> Config:
    saved = os.environ.get("HOME")
    os.environ["HOME"] = home
    try:
        return PyFileConfigLoader("nbgrader_config.py", path=str(DEPLOY / "jupyter" / role)).load_config()
    finally:
        if saved is not None:
            os.environ["HOME"] = saved


def spawn_environment(namespace: dict, groups: list[str], environment: dict | None = None) -> dict:
    user = SimpleNamespace(name="someone", groups=[SimpleNamespace(name=name) for name in groups])
    spawner = SimpleNamespace(user=user, environment=dict(environment or {}))
    namespace["give_course_role"](spawner)
    return spawner.environment


def test_hub_config_gives_trainers_and_learners_their_role_folder():
    config, namespace = load_hub_config()
    assert namespace["COURSE_ID"] == "learning-circles"
    assert config.Spawner.pre_spawn_hook is namespace["give_course_role"]
    assert config.Spawner.default_url == "/lab"
    role_dir = namespace["ROLE_CONFIG_DIR"]
    assert role_dir == "/etc/learning-circles/jupyter"
    trainer = spawn_environment(namespace, ["trainers", "other"])
    learner = spawn_environment(namespace, ["other"])
    assert trainer["JUPYTER_CONFIG_PATH"] == f"{role_dir}/trainer" and trainer["LEARNING_CIRCLES_ROLE"] == "trainer"
    assert learner["JUPYTER_CONFIG_PATH"] == f"{role_dir}/learner" and learner["LEARNING_CIRCLES_ROLE"] == "learner"
    # A site-wide path set by the hub's own config keeps priority over the role's folder.
    kept = spawn_environment(namespace, [], {"JUPYTER_CONFIG_PATH": "/srv/site", "OTHER": "1"})
    assert kept == {"JUPYTER_CONFIG_PATH": f"/srv/site{os.pathsep}{role_dir}/learner", "OTHER": "1",
                    "LEARNING_CIRCLES_ROLE": "learner"}
    # The folders the hook points at exist in the repository, one per role.
    assert sorted(path.name for path in (DEPLOY / "jupyter").iterdir()) == sorted(ROLES)
    # Trainers listed in the file become the group's members.
    text = (DEPLOY / "jupyterhub_config.py").read_text().replace("TRAINERS = []", "TRAINERS = ['amina']", 1)
    config = Config()
    exec(compile(text, "jupyterhub_config.py", "exec"), {"get_config": lambda: config})
    assert config.JupyterHub.load_groups == {"trainers": {"users": ["amina"]}}


def test_role_configs_name_the_same_course_and_exchange():
    _config, namespace = load_hub_config()
    configs = {role: load_nbgrader_config(role) for role in ROLES}
    for role, config in configs.items():
        assert config.CourseDirectory.course_id == namespace["COURSE_ID"], role
        assert config.Exchange.root == "/usr/local/share/nbgrader/exchange", role
    assert "root" not in configs["learner"].CourseDirectory  # learners have no course directory
    assert configs["trainer"].CourseDirectory.root == "/home/someone/learning-circles-cohort"
    # Learners' fetched checkpoints have their own folder: the course's clone (~/learning-circles)
    # is named like the Learning circles checkpoint.
    assert configs["learner"].Exchange.assignment_dir == "/home/someone/my-checkpoints"

    def extensions(role):
        return json.loads((DEPLOY / "jupyter" / role / "jupyter_server_config.json").read_text())[
            "ServerApp"]["jpserver_extensions"]

    assert extensions("learner")["nbgrader.server_extensions.formgrader"] is False
    assert extensions("trainer")["nbgrader.server_extensions.formgrader"] is True
    hidden = json.loads((DEPLOY / "jupyter" / "learner" / "labconfig" / "page_config.json").read_text())
    assert hidden["disabledExtensions"]["@jupyter/nbgrader:formgrader"] is True
    assert not (DEPLOY / "jupyter" / "trainer" / "labconfig").exists()


def test_learner_config_makes_the_checkpoints_folder_in_their_home(tmp_path):
    """The Assignments panel changes into Exchange.assignment_dir before listing: it must exist."""
    config = load_nbgrader_config("learner", home=str(tmp_path))
    assert config.Exchange.assignment_dir == str(tmp_path / "my-checkpoints")
    assert (tmp_path / "my-checkpoints").is_dir()
    load_nbgrader_config("learner", home=str(tmp_path))  # the next start finds it there
    elsewhere = load_nbgrader_config("learner", home=str(tmp_path / "absent"))
    assert elsewhere.Exchange.assignment_dir == str(tmp_path / "absent" / "my-checkpoints")
    assert not (tmp_path / "absent").exists()  # someone else's (or no) home is left alone


def test_trainer_config_also_reads_the_cohorts_own_settings(tmp_path):
    """The formgrader only reads the role's config: it must pull in the course directory's
    nbgrader_config.py (written by `python -m cohort init`) when there is one."""
    assert "Exporter" not in str(load_nbgrader_config("trainer", home=str(tmp_path)))
    course = tmp_path / "learning-circles-cohort"
    course.mkdir()
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\nc.HTMLExporter.sanitize_html = True\nc.Execute.timeout = 60\n")
    config = load_nbgrader_config("trainer", home=str(tmp_path))
    assert config.HTMLExporter.sanitize_html is True and config.Execute.timeout == 60
    assert config.CourseDirectory.root == str(course)


def test_the_lab_extension_ids_that_learners_hide_exist():
    """A renamed plugin would silently show the formgrader again: check the ids nbgrader ships."""
    import sys

    bundle = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyter" / "nbgrader"
    shipped = "".join(path.read_text(errors="replace") for path in bundle.rglob("*.js"))
    hidden = json.loads((DEPLOY / "jupyter" / "learner" / "labconfig" / "page_config.json").read_text())
    for plugin in hidden["disabledExtensions"]:
        assert f'"{plugin}"' in shipped or f"'{plugin}'" in shipped, plugin


def test_z2jh_values_carry_the_same_files_and_mount_the_exchange_where_nbgrader_looks():
    values = yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text())
    _config, namespace = load_hub_config()
    assert values["hub"]["extraConfig"]["learning-circles"] == (DEPLOY / "jupyterhub_config.py").read_text()
    files = values["singleuser"]["extraFiles"]
    by_mount = {entry["mountPath"]: entry for entry in files.values()}
    expected = {}
    for path in sorted((DEPLOY / "jupyter").rglob("*")):
        if path.is_file():
            expected[f"{namespace['ROLE_CONFIG_DIR']}/{path.relative_to(DEPLOY / 'jupyter').as_posix()}"] = path
    assert sorted(by_mount) == sorted(expected)
    for mount, path in expected.items():
        entry = by_mount[mount]
        if path.suffix == ".json":
            assert entry["data"] == json.loads(path.read_text()), mount
        else:
            assert entry["stringData"] == path.read_text(), mount
    storage = values["singleuser"]["storage"]
    mounts = {mount["name"]: mount["mountPath"] for mount in storage["extraVolumeMounts"]}
    claims = {volume["name"]: volume["persistentVolumeClaim"]["claimName"] for volume in storage["extraVolumes"]}
    exchange_root = load_nbgrader_config("learner").Exchange.root
    assert exchange_root in mounts.values()
    [volume] = [name for name, mount in mounts.items() if mount == exchange_root]
    pvc = yaml.safe_load((DEPLOY / "z2jh" / "exchange-pvc.yaml").read_text())
    assert pvc["kind"] == "PersistentVolumeClaim" and pvc["metadata"]["name"] == claims[volume]
    assert pvc["spec"]["accessModes"] == ["ReadWriteMany"]
    assert values["singleuser"]["defaultUrl"] == "/lab"


def test_values_yaml_is_what_sync_values_writes():
    """Edit deploy/ then run deploy/z2jh/sync_values.py: a forgotten run fails here."""
    import runpy

    sync = runpy.run_path(str(DEPLOY / "z2jh" / "sync_values.py"))
    assert (DEPLOY / "z2jh" / "values.yaml").read_text(encoding="utf-8") == sync["render"]()


def test_tljh_install_script_is_valid_bash_and_uses_the_same_paths():
    script = DEPLOY / "tljh" / "install.sh"
    assert os.access(script, os.X_OK)
    assert subprocess.run(["bash", "-n", str(script)], capture_output=True).returncode == 0
    text = script.read_text()
    _config, namespace = load_hub_config()
    assert f"ROLE_CONFIG={namespace['ROLE_CONFIG_DIR']}\n" in text
    assert f"EXCHANGE={load_nbgrader_config('learner').Exchange.root}\n" in text
    assert "jupyterhub_config.d/learning-circles.py" in text and "install -d -m 1777" in text
