"""A cohort's nbgrader course directory, and the nbgrader steps a trainer runs in it.

Every step calls nbgrader's own command line (``python -m nbgrader ...``) in the course
directory, so what happens is exactly what nbgrader's documentation describes; this module only
sets the course up and runs the commands in the right place with the right environment.

The one function that runs learners' code is :func:`autograde`.
"""
from __future__ import annotations

import csv
import io
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import Gradebook

from .checkpoints import ASSIGNMENTS, REPO_ROOT, SOURCE_ROOT, nbgrader_config_text
# Re-exported: the trainer command and the tests reach every step's helpers through this module.
from .nbgrader_run import CohortError, StepResult, nbgrader_tools_on_path, run_nbgrader
from .page_policy import add_policy_to_file
from .settings import CourseSettings, course_settings

__all__ = ["CohortError", "CourseSettings", "Roster", "StepResult", "autograde", "check_ready",
           "checkpoints_in", "collect", "course_settings", "generate", "generate_feedback",
           "import_roster", "init_course", "nbgrader_tools_on_path", "read_roster", "release",
           "release_feedback", "run_nbgrader"]

_ROSTER_ID = re.compile(r"^[A-Za-z0-9._@-]{1,128}$")


# --- setting a course up ----------------------------------------------------------------------

def init_course(course_dir: Path, course_id: str, exchange: Path, roster: Path | None = None,
                source_root: Path = SOURCE_ROOT) -> list[StepResult]:
    """Create a cohort course directory: nbgrader_config.py, the checkpoint sources, the exchange
    folder and (if given) the learners from a roster CSV (columns ``id``, and optionally
    ``first_name``, ``last_name``, ``email``), imported with ``nbgrader db student import``."""
    course_dir = Path(course_dir).resolve()
    exchange = Path(exchange).resolve()
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", course_id):
        raise CohortError("The course id may only use letters, digits, - and _ (it names folders).")
    if course_dir == REPO_ROOT or REPO_ROOT in course_dir.parents:
        raise CohortError(f"Put the course directory outside the repository ({REPO_ROOT}): it will "
                          "hold learners' work, which must never end up in git.")
    if (course_dir / "nbgrader_config.py").exists():
        raise CohortError(f"{course_dir} already holds a course (nbgrader_config.py exists); nothing was "
                          "changed. To add learners to it, use `python -m cohort roster`.")
    learners = read_roster(Path(roster)) if roster is not None else None

    created = []  # removed again if the roster import fails, so `init` can simply be run again
    if not course_dir.exists():
        created.append(course_dir)
    course_dir.mkdir(parents=True, exist_ok=True)
    try:
        for name in ("nbgrader_config.py", "learner_nbgrader_config.py", "gradebook.db", "roster.csv"):
            if not (course_dir / name).exists():
                created.append(course_dir / name)
        (course_dir / "nbgrader_config.py").write_text(nbgrader_config_text(course_id, exchange), encoding="utf-8")
        for assignment in ASSIGNMENTS:
            target = course_dir / "source" / assignment
            if not target.exists():
                created.append(target)
                shutil.copytree(source_root / assignment, target)
        if not exchange.exists():
            exchange.mkdir(parents=True)
            exchange.chmod(0o777)  # every learner writes their submissions here (nbgrader's docs: ugo+rw)
        (course_dir / "learner_nbgrader_config.py").write_text(learner_config_text(course_id, exchange),
                                                               encoding="utf-8")
        return [import_roster(course_dir, learners)] if learners is not None else []
    except BaseException:
        for path in reversed(created):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        raise


def learner_config_text(course_id: str, exchange: Path) -> str:
    """What learners' nbgrader needs (on a JupyterHub: /etc/jupyter/nbgrader_config.py)."""
    return ("# Learners' nbgrader settings for this cohort. On a JupyterHub copy this file to\n"
            "# /etc/jupyter/nbgrader_config.py (or each learner's ~/.jupyter/nbgrader_config.py).\n"
            "c = get_config()\n"
            f"c.CourseDirectory.course_id = {course_id!r}\n"
            f"c.Exchange.root = {str(exchange)!r}\n")


#: The roster columns nbgrader's gradebook keeps (``id`` is required, the others optional).
ROSTER_COLUMNS = ("id", "first_name", "last_name", "email")
#: Other ways a spreadsheet may name those columns (compared after lower-casing, spaces -> _).
_ROSTER_ALIASES = {"firstname": "first_name", "given_name": "first_name", "lastname": "last_name",
                   "surname": "last_name", "family_name": "last_name", "e_mail": "email",
                   "email_address": "email", "user_name": "id", "username": "id", "user": "id"}


@dataclass
class Roster:
    """Learners read from a roster CSV, checked and ready for nbgrader."""

    learners: list[dict[str, str]]
    #: Columns of the file that nbgrader has no place for (they stay in the trainer's own file).
    unused_columns: list[str] = field(default_factory=list)
    #: Things worth a second look that do not stop the import.
    notes: list[str] = field(default_factory=list)

    def csv_text(self) -> str:
        """The roster as nbgrader's importer reads it: UTF-8, commas, no byte-order mark."""
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=ROSTER_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.learners)
        return out.getvalue()


def _roster_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CohortError(f"There is no roster file at {path.resolve()}. Check the name and folder.") from None
    except OSError as error:
        raise CohortError(f"The roster {path} could not be opened: {error.strerror or error}.") from None
    # Spreadsheets save "CSV UTF-8" with a byte-order mark and "Unicode text" as UTF-16.
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = "utf-8-sig"
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        raise CohortError(f"The roster {path.name} is not saved as UTF-8 text. In your spreadsheet "
                          "choose Save As, \"CSV UTF-8 (comma delimited)\", and try again.") from None


def read_roster(path: Path) -> Roster:
    """Read and check a roster CSV: a header row naming an ``id`` column (the learners' user names
    on the hub), optional ``first_name``, ``last_name``, ``email``; one learner per row.

    Spreadsheet habits are accepted (a byte-order mark, UTF-16, ``;`` or tab between columns,
    ``First Name`` for ``first_name``, empty rows); everything else that nbgrader would reject, or
    that would silently lose a learner, is refused with every problem listed at once."""
    path = Path(path)
    text = _roster_text(path)
    lines = text.splitlines()
    if not text.strip():
        raise CohortError(f"The roster {path.name} is empty. Its first row names the columns, e.g. "
                          "id,first_name,last_name,email, and each further row is one learner.")
    first_line = next(line for line in lines if line.strip())
    delimiter = max(",;\t", key=first_line.count)
    try:
        rows = [(number, row) for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1)
                if any(cell.strip() for cell in row)]
    except csv.Error as error:
        raise CohortError(f"The roster {path.name} could not be read as a CSV file: {error}.") from None
    if not rows:
        raise CohortError(f"The roster {path.name} has no rows with text in them.")
    header_number, header = rows[0]
    names = [_ROSTER_ALIASES.get(key, key) for key in
             (re.sub(r"[\s-]+", "_", cell.strip().lower()) for cell in header)]
    if "id" not in names:
        raise CohortError(f"The roster {path.name} needs a first row that names the columns, one of them "
                          "called id (the learners' user names on the hub); first_name, last_name and "
                          f"email are optional. Its first row is: {', '.join(header)}")
    repeated = sorted({name for name in names if name in ROSTER_COLUMNS and names.count(name) > 1})
    if repeated:
        raise CohortError(f"The roster {path.name} has more than one column called {', '.join(repeated)}.")
    problems, learners, seen = [], [], {}
    for number, row in rows[1:]:
        if len(row) > len(names) and any(cell.strip() for cell in row[len(names):]):
            problems.append(f"row {number} has more cells than the first row has columns (a comma inside "
                            "a name? put that name in quotes)")
            continue
        values = dict(zip(names, (cell.strip() for cell in row)))
        learner = {column: values.get(column, "") for column in ROSTER_COLUMNS}
        if not learner["id"]:
            problems.append(f"row {number} has no id")
        elif not _ROSTER_ID.match(learner["id"]):
            problems.append(f"row {number}: the id {learner['id']!r} cannot be used (use the learner's "
                            "user name on the hub: letters, digits, . _ @ -)")
        elif learner["id"] in seen:
            problems.append(f"row {number}: {learner['id']} is already on row {seen[learner['id']]}")
        else:
            seen[learner["id"]] = number
            learners.append(learner)
    if problems:
        raise CohortError(f"The roster {path.name} was not used, nothing was changed. Please fix:\n"
                          + "\n".join(f"  - {problem}" for problem in problems))
    if not learners:
        raise CohortError(f"The roster {path.name} names its columns but lists no learners.")
    unused = [cell.strip() for cell, name in zip(header, names) if name not in ROSTER_COLUMNS and cell.strip()]
    notes = []
    capitals = [learner["id"] for learner in learners if learner["id"] != learner["id"].lower()]
    if capitals:
        # JupyterHub lower-cases user names; a submission from "amina" would not match "Amina".
        notes.append(f"ids with capital letters: {', '.join(capitals[:10])}. JupyterHub usually makes user "
                     "names lower-case; check that these match the names learners log in with.")
    return Roster(learners, unused, notes)


def import_roster(course_dir: Path, roster: Roster) -> StepResult:
    """Add (or update) the roster's learners in the course with ``nbgrader db student import``,
    from a clean copy kept in the course directory as ``roster.csv``."""
    # nbgrader's importer stores an empty cell as "no value": keep what the course already knows
    # about a learner when a later roster leaves that cell empty.
    database = Path(course_dir) / "gradebook.db"
    if database.exists():
        with nbgrader_tools_on_path(), Gradebook(f"sqlite:///{database.resolve()}") as gb:
            known = {student.id: student for student in gb.students}
            for learner in roster.learners:
                if learner["id"] in known:
                    for column in ROSTER_COLUMNS[1:]:
                        learner[column] = learner[column] or getattr(known[learner["id"]], column) or ""
    clean = Path(course_dir) / "roster.csv"
    clean.write_text(roster.csv_text(), encoding="utf-8")
    return run_nbgrader(Path(course_dir), "db", "student", "import", str(clean.resolve())).check()


# --- where a course stands -------------------------------------------------------------------

def checkpoints_in(course_dir: Path) -> list[str]:
    """The course's checkpoints (folders in ``source/``), in course order."""
    found = {p.name for p in (Path(course_dir) / "source").glob("*/")}
    return [a for a in ASSIGNMENTS if a in found] + sorted(found - set(ASSIGNMENTS))


def check_ready(step: str, course_dir: Path, assignment: str = "*", student: str | None = None) -> CourseSettings:
    """Refuse, in words a trainer can act on, a step that cannot work yet: no course there, an
    unknown checkpoint, or an earlier step not done (nbgrader's own messages name its commands,
    not the trainer's). Nothing is changed by a refusal."""
    settings = course_settings(course_dir)
    course_dir = Path(course_dir)
    here = str(course_dir)
    if assignment == "*":
        return settings
    known = checkpoints_in(course_dir)
    if assignment not in known:
        raise CohortError(f"There is no checkpoint called {assignment!r} in this course. Its checkpoints are: "
                          f"{', '.join(known) or '(none: source/ is empty)'}.")
    if step == "release" and not (course_dir / "release" / assignment).is_dir():
        raise CohortError(f"The learners' version of {assignment} has not been made yet. "
                          f"Run `python -m cohort generate {here}` first.")
    if step == "collect" and settings.exchange is not None and not _released_path(settings, assignment).is_dir():
        raise CohortError(f"{assignment} has not been handed out yet, so there is nothing to collect. "
                          f"Run `python -m cohort release {here} {assignment}` first.")
    if step == "autograde":
        folders = ([course_dir / "submitted" / student / assignment] if student
                   else list((course_dir / "submitted").glob(f"*/{assignment}")))
        if not any(folder.is_dir() for folder in folders):
            whose = f"{student}'s {assignment} has" if student else f"no submission of {assignment} has"
            raise CohortError(f"There is nothing to grade: {whose} been collected. "
                              f"Run `python -m cohort collect {here} {assignment}` first.")
    if step == "feedback" and not any((course_dir / "autograded").glob(f"*/{assignment}")):
        raise CohortError(f"There is no feedback to make yet: no submission of {assignment} has been graded. "
                          f"Run `python -m cohort autograde {here} {assignment}` first.")
    return settings


def _released_path(settings: CourseSettings, assignment: str) -> Path:
    """Where nbgrader's exchange keeps a released checkpoint for learners to fetch."""
    return settings.exchange / settings.course_id / "outbound" / assignment


# --- the usual nbgrader steps -----------------------------------------------------------------

def generate(course_dir: Path, assignment: str = "*", force: bool = False) -> StepResult:
    """``nbgrader generate_assignment``: make the learners' versions (all checkpoints by default)."""
    return run_nbgrader(Path(course_dir), "generate_assignment", assignment, *(["--force"] if force else []))


def release(course_dir: Path, assignment: str, force: bool = False) -> StepResult:
    """``nbgrader release_assignment``: put a checkpoint in the exchange for learners to fetch.

    Releasing again is harmless: without ``force`` nothing changes (learners keep fetching the
    copy already there); with it, the current learners' version replaces it."""
    settings = course_settings(course_dir)
    if not force and settings.exchange is not None and _released_path(settings, assignment).is_dir():
        return StepResult(["nbgrader", "release_assignment", assignment], 0, "",
                          note=f"{assignment} was already handed out; nothing was changed. (--force hands "
                               "out the current version again; learners who fetched it already keep "
                               "their copy.)")
    return run_nbgrader(Path(course_dir), "release_assignment", assignment, *(["--force"] if force else []))


def collect(course_dir: Path, assignment: str, update: bool = False) -> StepResult:
    """``nbgrader collect``: copy learners' submissions from the exchange into ``submitted/``."""
    return run_nbgrader(Path(course_dir), "collect", assignment, *(["--update"] if update else []))


def autograde(course_dir: Path, assignment: str, student: str | None = None, force: bool = False,
              extra_args: tuple[str, ...] = (), env: dict[str, str] | None = None) -> StepResult:
    """``nbgrader autograde``: run every collected submission of ``assignment`` (or one
    learner's) and record the automatic scores in the gradebook.

    This is the only step that runs learners' code. A submission nbgrader cannot grade is listed
    in ``StepResult.failed`` and the rest of the cohort is still graded; ``extra_args`` and
    ``env`` are passed to nbgrader unchanged (e.g. a kernel or preprocessor setting)."""
    args = ["autograde", assignment]
    if student is not None:
        args += ["--student", student]
    if force:
        args.append("--force")
    return run_nbgrader(Path(course_dir), *args, *extra_args, env=env)


def generate_feedback(course_dir: Path, assignment: str) -> StepResult:
    """``nbgrader generate_feedback``: an HTML page per learner with their scores and comments,
    each page then given the content security policy of :mod:`cohort.page_policy` (so nothing a
    learner wrote makes the browser load anything)."""
    result = run_nbgrader(Path(course_dir), "generate_feedback", assignment)
    _add_feedback_policies(Path(course_dir), assignment)
    return result


def _add_feedback_policies(course_dir: Path, assignment: str) -> None:
    """The policy in every feedback page of ``assignment`` (also those Formgrader's own "generate
    feedback" button made, before they are released)."""
    for page in (course_dir / "feedback").glob(f"*/{assignment}/*.html"):
        add_policy_to_file(page)


def release_feedback(course_dir: Path, assignment: str) -> StepResult:
    """``nbgrader release_feedback``: learners get it with *Fetch feedback* in Assignments."""
    _add_feedback_policies(Path(course_dir), assignment)
    return run_nbgrader(Path(course_dir), "release_feedback", assignment)
