"""The trainer's command: ``python -m cohort <step> ...`` (see README, "Running a cohort").

    python -m cohort init COURSE_DIR --course-id ID --exchange PATH [--roster roster.csv]
    python -m cohort roster COURSE_DIR roster.csv
    python -m cohort generate COURSE_DIR [ASSIGNMENT] [--force]
    python -m cohort release COURSE_DIR ASSIGNMENT [--force]
    python -m cohort collect COURSE_DIR ASSIGNMENT [--update]
    python -m cohort autograde COURSE_DIR ASSIGNMENT [--student ID] [--force] [--jobs N] [--no-isolation]
    python -m cohort feedback COURSE_DIR ASSIGNMENT [--release]
    python -m cohort dashboard COURSE_DIR [--out DIR] [--plus-delta FOLDER]
    python -m cohort student-versions      (authors: regenerate checkpoints/student/)
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import traceback
from pathlib import Path

from . import course
from .checkpoints import ASSIGNMENTS, generate_student_versions


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m cohort", description="Run a cohort's checkpoints with nbgrader.")
    steps = parser.add_subparsers(dest="step", required=True)

    course_help = "the cohort's course folder (made by init)"
    init = steps.add_parser("init", help="create a course directory for a cohort")
    init.add_argument("course_dir", type=Path, help="a new folder, outside the course's repository")
    init.add_argument("--course-id", required=True, help="short name, e.g. circles-2026-spring")
    init.add_argument("--exchange", type=Path, required=True,
                      help="folder every learner can write to (nbgrader's exchange)")
    init.add_argument("--roster", type=Path, help="CSV with a column id (and first_name, last_name, email)")

    roster = steps.add_parser("roster", help="add or update learners from a roster CSV (learners already "
                                             "in the course stay)")
    roster.add_argument("course_dir", type=Path, help=course_help)
    roster.add_argument("roster", type=Path, help="CSV with a column id (and first_name, last_name, email)")

    generate = steps.add_parser("generate", help="make the learners' versions (nbgrader generate_assignment)")
    generate.add_argument("course_dir", type=Path, help=course_help)
    generate.add_argument("assignment", nargs="?", default="*", help="one checkpoint (default: all)")
    generate.add_argument("--force", action="store_true", help="overwrite an existing release")

    for name, text in (("release", "hand a checkpoint out (nbgrader release_assignment)"),
                       ("collect", "collect submissions (nbgrader collect)"),
                       ("autograde", "grade the quick checks (nbgrader autograde)"),
                       ("feedback", "make feedback pages (nbgrader generate_feedback)")):
        step = steps.add_parser(name, help=text)
        step.add_argument("course_dir", type=Path, help=course_help)
        step.add_argument("assignment", help=f"one of: {', '.join(ASSIGNMENTS)}")
        if name == "release":
            step.add_argument("--force", action="store_true",
                              help="hand out the current version again (after generate --force)")
        if name == "collect":
            step.add_argument("--update", action="store_true", help="replace with newer submissions")
        if name == "autograde":
            step.add_argument("--student", help="only this learner")
            step.add_argument("--force", action="store_true", help="grade again even if already graded")
            step.add_argument("--jobs", type=int, default=None,
                              help="learners graded side by side (sandboxed; default: one per usable CPU)")
            step.add_argument("--no-isolation", action="store_true",
                              help="run learners' code with your own rights (only for learners you trust)")
        if name == "feedback":
            step.add_argument("--release", action="store_true", help="also release it to learners")

    dashboard = steps.add_parser("dashboard", help="write the cohort dashboard (HTML, CSV, chart)")
    dashboard.add_argument("course_dir", type=Path, help=course_help)
    dashboard.add_argument("--out", type=Path, help="output folder (default: COURSE_DIR/dashboard)")
    dashboard.add_argument("--plus-delta", type=Path, help="folder of plus/delta CSV exports")

    steps.add_parser("student-versions", help="authors: regenerate checkpoints/student from the sources")
    return parser


#: What a trainer does next after a step went well (printed after nbgrader's own log).
_NEXT = {
    "generate": "The learners' versions are ready. Next: python -m cohort release {dir} CHECKPOINT",
    "release": "Learners can now press Fetch for {a} on their Assignments page. "
               "When they have submitted: python -m cohort collect {dir} {a}",
    "collect": "Next: python -m cohort autograde {dir} {a}",
    "autograde": "Quick checks are graded. Grade the reflections in the Formgrader, then: "
                 "python -m cohort feedback {dir} {a} --release",
    "feedback": "Feedback pages are in {dir}/feedback.",
}


def _report(result: course.StepResult, next_step: str = "") -> int:
    print(result.output.rstrip())
    for assignment, student in result.failed:
        print(f"!! {student}'s {assignment} could not be graded; the rest was. See the log above "
              "and the dashboard's problem list.", file=sys.stderr)
    if result.ok and next_step:
        print(f"\nDone. {next_step}")
    elif not result.ok:
        print(f"\nNot done: nbgrader stopped with a problem; its messages are above (the lines "
              "with ERROR or CRITICAL say what).", file=sys.stderr)
    return result.returncode


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    if not (sys.argv[1:] if argv is None else argv):  # no step named: show them all, not an error
        parser.print_help()
        return 2
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except course.CohortError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Stopped. Run the same command again to finish the step.", file=sys.stderr)
        return 130
    except Exception:  # never a traceback for a trainer: a plain line, and the details in a file
        with tempfile.NamedTemporaryFile("w", prefix="cohort-error-", suffix=".txt", delete=False,
                                         encoding="utf-8") as details:
            traceback.print_exc(file=details)
        kind = sys.exc_info()[0].__name__
        print(f"error: something unexpected went wrong ({kind}). The details for whoever looks after "
              f"the course are in {details.name}", file=sys.stderr)
        return 1


def _learners(count: int) -> str:
    return "1 learner" if count == 1 else f"{count} learners"


def _run(args: argparse.Namespace) -> int:
    if args.step == "init":
        results = course.init_course(args.course_dir, args.course_id, args.exchange, args.roster)
        where = args.course_dir.resolve()
        learners = (f"Added {_learners(len(course.read_roster(args.roster).learners))} from {args.roster}.\n"
                    if results else "No roster given: add learners with python -m cohort roster.\n")
        for note in (course.read_roster(args.roster).notes if results else []):
            learners += f"Note: {note}\n"
        print(f"Course {args.course_id} created in {where}.\n{learners}"
              f"Learners' nbgrader settings: {where / 'learner_nbgrader_config.py'}\n"
              f"Next: python -m cohort generate {args.course_dir}")
        return 0
    if args.step == "student-versions":
        for path in generate_student_versions():
            print(f"wrote {path}")
        return 0
    assignment = getattr(args, "assignment", "*")
    course.check_ready(args.step, args.course_dir, assignment, getattr(args, "student", None))
    hints = {"dir": args.course_dir, "a": assignment}
    next_step = _NEXT.get(args.step, "").format(**hints)
    if args.step == "roster":
        roster = course.read_roster(args.roster)
        course.import_roster(args.course_dir, roster)
        unused = (f" Columns not used: {', '.join(roster.unused_columns)}." if roster.unused_columns else "")
        print(f"Added or updated {_learners(len(roster.learners))} from {args.roster} "
              f"(nobody was removed).{unused}")
        for note in roster.notes:
            print(f"Note: {note}")
        return 0
    if args.step == "generate":
        return _report(course.generate(args.course_dir, args.assignment, force=args.force), next_step)
    if args.step == "release":
        return _report(course.release(args.course_dir, args.assignment, force=args.force), next_step)
    if args.step == "collect":
        result = course.collect(args.course_dir, args.assignment, update=args.update)
        handed_in = len(list((args.course_dir / "submitted").glob(f"*/{args.assignment}/")))
        if not handed_in:
            next_step = f"No learner has submitted {args.assignment} yet; run collect again later."
        else:
            next_step = f"Submissions from {_learners(handed_in)} are in the course. " + next_step
        return _report(result, next_step)
    if args.step == "autograde":
        if args.no_isolation:
            return _report(course.autograde(args.course_dir, args.assignment, student=args.student,
                                            force=args.force), next_step)
        # Learners' code runs in a sandbox (cohort.sandbox): nbgrader's autograde, each learner
        # in a fresh kernel that cannot reach the gradebook or other learners' work.
        from .sandbox import autograde_step

        return _report(autograde_step(args.course_dir, args.assignment, student=args.student,
                                      force=args.force, jobs=args.jobs), next_step)
    if args.step == "feedback":
        code = _report(course.generate_feedback(args.course_dir, args.assignment),
                       "" if args.release else next_step + " Hand them back with --release.")
        if args.release and code == 0:
            code = _report(course.release_feedback(args.course_dir, args.assignment),
                           "Learners get their feedback with Fetch feedback on their Assignments page.")
        return code
    if args.step == "dashboard":
        from .dashboard import dashboard_text, load_cohort, write_dashboard

        report = load_cohort(args.course_dir, args.plus_delta)
        paths = write_dashboard(report, args.out or args.course_dir / "dashboard")
        print(dashboard_text(report) + f"Dashboard: {paths['index.html'].resolve()}")
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
