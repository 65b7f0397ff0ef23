# JupyterHub configuration for a cohort of the Learning Circles course.
#
# - The Littlest JupyterHub: copy to /opt/tljh/config/jupyterhub_config.d/learning-circles.py
#   (deploy/tljh/install.sh does it) and run `sudo tljh-config reload hub`.
# - Zero to JupyterHub: the same text is in deploy/z2jh/values.yaml under hub.extraConfig.
# - Any other JupyterHub: load it from your jupyterhub_config.py with load_subconfig(...).
#
# Trainers are the members of the JupyterHub group "trainers" (add them in the hub's admin
# panel, or list them in TRAINERS below). Everyone else is a learner. Each server gets the
# Jupyter configuration of its role from ROLE_CONFIG_DIR/<role> (copied from deploy/jupyter/):
# trainers get nbgrader's formgrader and "create assignment" tools, learners only the
# assignment list (fetch, submit) and validate.
import os

COURSE_ID = "learning-circles"
TRAINERS_GROUP = "trainers"
TRAINERS = []  # e.g. ["amina", "jo"]; people added to the group in the admin panel count too
ROLE_CONFIG_DIR = os.environ.get("LEARNING_CIRCLES_ROLE_CONFIG", "/etc/learning-circles/jupyter")

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)

if TRAINERS:
    c.JupyterHub.load_groups = {TRAINERS_GROUP: {"users": TRAINERS}}


def course_role(user) -> str:
    return "trainer" if any(group.name == TRAINERS_GROUP for group in user.groups) else "learner"


def give_course_role(spawner):
    """Point the server at its role's Jupyter configuration (read at every start).
    It replaces any earlier pre_spawn_hook: call that one from here if you have one."""
    role = course_role(spawner.user)
    paths = [path for path in spawner.environment.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep) if path]
    # Site-wide paths already set keep priority; the role's folder comes after them.
    paths.append(os.path.join(ROLE_CONFIG_DIR, role))
    spawner.environment = {**spawner.environment, "JUPYTER_CONFIG_PATH": os.pathsep.join(paths),
                           "LEARNING_CIRCLES_ROLE": role}


c.Spawner.pre_spawn_hook = give_course_role
# Open JupyterLab after login; nbgitpuller links say which notebook to open.
c.Spawner.default_url = "/lab"
