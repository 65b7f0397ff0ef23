# nbgrader settings for learners (deploy/jupyter/learner/). Learners fetch and submit
# checkpoints from JupyterLab's "Assignments" panel or with `nbgrader fetch_assignment`/`submit`.
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "learning-circles"
# The exchange every server can reach: a shared folder on TLJH, a ReadWriteMany volume on Z2JH.
c.Exchange.root = "/usr/local/share/nbgrader/exchange"
