# nbgrader settings for trainers (deploy/jupyter/trainer/): same course and exchange as the
# learners, plus the course directory the formgrader and the nbgrader commands work in.
import os

c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "learning-circles"
c.Exchange.root = "/usr/local/share/nbgrader/exchange"
# The cohort's course directory in the trainer's home (made by `python -m cohort init`, see the
# trainers' guide); outside the course repository so grades never end up in git.
c.CourseDirectory.root = os.path.join(os.path.expanduser("~"), "learning-circles-cohort")
# The formgrader reads settings from here, not from the course directory: load the cohort's own
# nbgrader_config.py too, so it renders learners' reflections with the course's HTML sanitising.
_course_config = os.path.join(c.CourseDirectory.root, "nbgrader_config.py")
if os.path.exists(_course_config):
    load_subconfig(_course_config)  # noqa: F821
