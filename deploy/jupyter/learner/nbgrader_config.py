# nbgrader settings for learners (deploy/jupyter/learner/). Learners fetch and submit
# checkpoints from JupyterLab's "Assignments" panel or with `nbgrader fetch_assignment`/`submit`.
import os

c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "learning-circles"
# The exchange every server can reach: a shared folder on TLJH, a ReadWriteMany volume on Z2JH.
c.Exchange.root = "/usr/local/share/nbgrader/exchange"
# Fetched checkpoints go to their own folder, not straight into the home: nbgrader takes any
# folder named like a checkpoint for a fetched copy, and nbgitpuller clones the course into
# ~/learning-circles, which is also the name of the Learning circles checkpoint.
_home = os.path.expanduser("~")
c.Exchange.assignment_dir = os.path.join(_home, "my-checkpoints")
# The Assignments panel changes into that folder before it lists anything, so it must exist.
if os.access(_home, os.W_OK):
    os.makedirs(c.Exchange.assignment_dir, exist_ok=True)
