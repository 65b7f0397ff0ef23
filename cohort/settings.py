"""The one reader of a course directory's settings (its ``nbgrader_config.py``)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from traitlets.config import PyFileConfigLoader

from .nbgrader_run import CohortError


@dataclass(frozen=True)
class CourseSettings:
    """What a course directory's nbgrader_config.py says (the one place that reads it)."""

    course_dir: Path
    course_id: str
    exchange: Path | None


def course_settings(course_dir: Path) -> CourseSettings:
    """Read the course's nbgrader_config.py, or explain in plain words why this is not a course."""
    course_dir = Path(course_dir)
    if not (course_dir / "nbgrader_config.py").is_file():
        where = course_dir.resolve()
        reason = (f"There is no folder {where}." if not where.exists() else
                  f"{where} is not a cohort's course folder (it has no nbgrader_config.py).")
        raise CohortError(f"{reason} Check the path, or create the course first with "
                          "`python -m cohort init COURSE_DIR --course-id ID --exchange FOLDER`.")
    try:
        config = PyFileConfigLoader("nbgrader_config.py", path=str(course_dir)).load_config()
    except Exception as error:  # a hand-edited file with a typo: say where, not a traceback
        raise CohortError(f"{course_dir.resolve() / 'nbgrader_config.py'} could not be read "
                          f"({type(error).__name__}: {error}).") from None
    course_id = config.get("CourseDirectory", {}).get("course_id") or course_dir.name
    exchange = config.get("Exchange", {}).get("root")
    return CourseSettings(course_dir, str(course_id), Path(exchange) if exchange else None)
