"""The trainer's command: ``python -m cohort <step> ...`` (see README, "Running a cohort").

    python -m cohort init COURSE_DIR --course-id ID --exchange PATH [--roster roster.csv]
    python -m cohort generate COURSE_DIR [ASSIGNMENT] [--force]
    python -m cohort release COURSE_DIR ASSIGNMENT
    python -m cohort collect COURSE_DIR ASSIGNMENT [--update]
    python -m cohort autograde COURSE_DIR ASSIGNMENT [--student ID] [--force] [--jobs N] [--no-isolation]
    python -m cohort feedback COURSE_DIR ASSIGNMENT [--release]
    python -m cohort dashboard COURSE_DIR [--out DIR] [--plus-delta FOLDER]
    python -m cohort student-versions      (authors: regenerate checkpoints/student/)
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import course
from .checkpoints import ASSIGNMENTS, generate_student_versions


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m cohort", description="Run a cohort's checkpoints with nbgrader.")
    steps = parser.add_subparsers(dest="step", required=True)

    init = steps.add_parser("init", help="create a course directory for a cohort")
    init.add_argument("course_dir", type=Path)
    init.add_argument("--course-id", required=True, help="short name, e.g. circles-2026-spring")
    init.add_argument("--exchange", type=Path, required=True,
                      help="folder every learner can write to (nbgrader's exchange)")
    init.add_argument("--roster", type=Path, help="CSV with a column id (and first_name, last_name, email)")

    generate = steps.add_parser("generate", help="make the learners' versions (nbgrader generate_assignment)")
    generate.add_argument("course_dir", type=Path)
    generate.add_argument("assignment", nargs="?", default="*", help="one checkpoint (default: all)")
    generate.add_argument("--force", action="store_true", help="overwrite an existing release")

    for name, text in (("release", "hand a checkpoint out (nbgrader release_assignment)"),
                       ("collect", "collect submissions (nbgrader collect)"),
                       ("autograde", "grade the quick checks (nbgrader autograde)"),
                       ("feedback", "make feedback pages (nbgrader generate_feedback)")):
        step = steps.add_parser(name, help=text)
        step.add_argument("course_dir", type=Path)
        step.add_argument("assignment", help=f"one of: {', '.join(ASSIGNMENTS)}")
        if name == "collect":
            step.add_argument("--update", action="store_true", help="replace with newer submissions")
        if name == "autograde":
            step.add_argument("--student", help="only this learner")
            step.add_argument("--force", action="store_true", help="grade again even if already graded")
            step.add_argument("--jobs", type=int, default=1, help="learners graded side by side (sandboxed)")
            step.add_argument("--no-isolation", action="store_true",
                              help="run learners' code with your own rights (only for learners you trust)")
        if name == "feedback":
            step.add_argument("--release", action="store_true", help="also release it to learners")

    dashboard = steps.add_parser("dashboard", help="write the cohort dashboard (HTML, CSV, chart)")
    dashboard.add_argument("course_dir", type=Path)
    dashboard.add_argument("--out", type=Path, help="output folder (default: COURSE_DIR/dashboard)")
    dashboard.add_argument("--plus-delta", type=Path, help="folder of plus/delta CSV exports")

    steps.add_parser("student-versions", help="authors: regenerate checkpoints/student from the sources")
    return parser


def _report(result: course.StepResult) -> int:
    print(result.output.rstrip())
    for assignment, student in result.failed:
        print(f"!! {student}'s {assignment} could not be graded; the rest was. See the log above "
              "and the dashboard's problem list.", file=sys.stderr)
    return result.returncode


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.step == "init":
            course.init_course(args.course_dir, args.course_id, args.exchange, args.roster)
            print(f"Course {args.course_id} created in {args.course_dir.resolve()}.\n"
                  f"Learners' nbgrader settings: {args.course_dir.resolve() / 'learner_nbgrader_config.py'}\n"
                  f"Next: python -m cohort generate {args.course_dir}")
            return 0
        if args.step == "generate":
            return _report(course.generate(args.course_dir, args.assignment, force=args.force))
        if args.step == "release":
            return _report(course.release(args.course_dir, args.assignment))
        if args.step == "collect":
            return _report(course.collect(args.course_dir, args.assignment, update=args.update))
        if args.step == "autograde":
            if args.no_isolation:
                return _report(course.autograde(args.course_dir, args.assignment, student=args.student,
                                                force=args.force))
            # Learners' code runs in a sandbox (cohort.sandbox): nbgrader's autograde, one learner
            # per process, with a kernel that cannot reach the gradebook or other learners' work.
            from .sandbox import autograde_step

            return _report(autograde_step(args.course_dir, args.assignment, student=args.student,
                                          force=args.force, jobs=args.jobs))
        if args.step == "feedback":
            code = _report(course.generate_feedback(args.course_dir, args.assignment))
            if args.release and code == 0:
                code = _report(course.release_feedback(args.course_dir, args.assignment))
            return code
        if args.step == "dashboard":
            from .dashboard import dashboard_text, load_cohort, write_dashboard

            report = load_cohort(args.course_dir, args.plus_delta)
            paths = write_dashboard(report, args.out or args.course_dir / "dashboard")
            print(dashboard_text(report) + f"Dashboard: {paths['index.html'].resolve()}")
            return 0
        if args.step == "student-versions":
            for path in generate_student_versions():
                print(f"wrote {path}")
            return 0
    except course.CohortError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
