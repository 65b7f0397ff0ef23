"""The trainer's command: ``python -m cohort <step> ...`` (see README, "Running a cohort").

    python -m cohort init COURSE_DIR --course-id ID --exchange PATH [--roster roster.csv]
    python -m cohort roster COURSE_DIR roster.csv
    python -m cohort generate COURSE_DIR [ASSIGNMENT] [--force]
    python -m cohort release COURSE_DIR ASSIGNMENT [--force]
    python -m cohort collect COURSE_DIR ASSIGNMENT [--update]
    python -m cohort autograde COURSE_DIR ASSIGNMENT [--student ID] [--force] [--jobs N]
                               [--report-dir DIR] [--cpu-seconds N ...] [--no-isolation]
    python -m cohort feedback COURSE_DIR ASSIGNMENT [--release]
    python -m cohort dashboard COURSE_DIR [--out DIR] [--plus-delta FOLDER]
    python -m cohort certificates COURSE_DIR --out FOLDER
    python -m cohort check                 (can a sandbox start on this machine?)
    python -m cohort student-versions      (authors: regenerate checkpoints/student/)

Every step is one function below, registered with its parser by ``set_defaults(func=...)``; to
add a step, write its function and add its parser in :func:`_parser` (ARCHITECTURE.md, "The cohort package in detail").
Every step prints a short summary and where its full log is (``cohort.terminal``: ``--verbose``
shows the log live); its exit status is one of ``cohort.terminal``'s ``EXIT_*``.
"""
from __future__ import annotations

import argparse
import dataclasses
import sys
import traceback
from pathlib import Path

from . import course
from .certificates import write_certificates
from .checkpoints import ASSIGNMENTS, generate_student_versions
from .dashboard import dashboard_text, load_cohort, write_dashboard
from .nbgrader_run import CohortError, StepResult
from .sandbox import SandboxLimits, autograde_step, check_sandbox, submitted_students
from .terminal import (EXIT_DONE, EXIT_FAILED, EXIT_NEEDS_A_LOOK, EXIT_STATUS_HELP, EXIT_STOPPED,
                       StepLog, grading_summary, plain, progress, step_summary)

COURSE_HELP = "the cohort's course folder (made by init)"
ROSTER_HELP = "CSV with a column id (and first_name, last_name, email)"

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


def _learners(count: int) -> str:
    return "1 learner" if count == 1 else f"{count} learners"


def _ready(args: argparse.Namespace) -> str:
    """Refuse a step that cannot work yet (cohort.course.check_ready); its "next" hint."""
    assignment = getattr(args, "assignment", "*")
    course.check_ready(args.step, args.course_dir, assignment, getattr(args, "student", None))
    return _NEXT.get(args.step, "").format(dir=args.course_dir, a=assignment)


def _report(args: argparse.Namespace, result: StepResult, next_step: str = "") -> int:
    """nbgrader's output to the step's log; to the terminal, a summary and what to do next."""
    args.log.write(f"$ {' '.join(result.command)}\n{result.output}")
    lines, code = step_summary(result)
    if result.note:
        print(result.note)
    if code == EXIT_FAILED:
        print("Not done: nbgrader stopped with a problem.", *lines, sep="\n", file=sys.stderr)
        return code
    _done(lines, code, next_step)
    return code


def _done(lines: list[str], code: int, next_step: str) -> None:
    for line in lines:
        print(line)
    if code == EXIT_NEEDS_A_LOOK:
        print("Done, but the learners above need a look (the dashboard lists them too).")
        if next_step:
            print(next_step)
    elif next_step:
        print(f"Done. {next_step}")


# --- the steps ---------------------------------------------------------------------------------

def init_step(args: argparse.Namespace) -> int:
    results = course.init_course(args.course_dir, args.course_id, args.exchange, args.roster)
    where = args.course_dir.resolve()
    if results:
        roster = course.read_roster(args.roster)
        learners = f"Added {_learners(len(roster.learners))} from {args.roster}.\n"
        learners += "".join(f"Note: {note}\n" for note in roster.notes)
    else:
        learners = "No roster given: add learners with python -m cohort roster.\n"
    print(f"Course {args.course_id} created in {where}.\n{learners}"
          f"Learners' nbgrader settings: {where / 'learner_nbgrader_config.py'}\n"
          f"Next: python -m cohort generate {args.course_dir}")
    return 0


def roster_step(args: argparse.Namespace) -> int:
    _ready(args)
    roster = course.read_roster(args.roster)
    course.import_roster(args.course_dir, roster)
    unused = f" Columns not used: {', '.join(roster.unused_columns)}." if roster.unused_columns else ""
    print(f"Added or updated {_learners(len(roster.learners))} from {args.roster} "
          f"(nobody was removed).{unused}")
    for note in roster.notes:
        print(f"Note: {note}")
    return 0


def generate_step(args: argparse.Namespace) -> int:
    next_step = _ready(args)
    return _report(args, course.generate(args.course_dir, args.assignment, force=args.force), next_step)


def release_step(args: argparse.Namespace) -> int:
    next_step = _ready(args)
    return _report(args, course.release(args.course_dir, args.assignment, force=args.force), next_step)


def collect_step(args: argparse.Namespace) -> int:
    next_step = _ready(args)
    result = course.collect(args.course_dir, args.assignment, update=args.update)
    handed_in = len(list((args.course_dir / "submitted").glob(f"*/{args.assignment}/")))
    if not handed_in:
        next_step = f"No learner has submitted {args.assignment} yet; run collect again later."
    else:
        next_step = f"Submissions from {_learners(handed_in)} are in the course. " + next_step
    return _report(args, result, next_step)


def autograde_command_step(args: argparse.Namespace) -> int:
    next_step = _ready(args)
    if args.no_isolation:
        return _report(args, course.autograde(args.course_dir, args.assignment, student=args.student,
                                              force=args.force), next_step)
    # Learners' code runs in a sandbox (cohort.sandbox): nbgrader's autograde, each learner in a
    # fresh kernel that cannot reach the gradebook or other learners' work.
    limits = SandboxLimits(**{field.name: getattr(args, field.name) for field in dataclasses.fields(SandboxLimits)})
    total = 1 if args.student else len(submitted_students(args.course_dir, args.assignment))
    with progress(total) as bar:
        def graded(result) -> None:  # from a grading thread, as each learner ends
            args.log.write(f"--- {result.student}: {result.status}\n{result.log_tail}")
            bar.update(1)

        results, reports = autograde_step(args.course_dir, args.assignment, student=args.student,
                                          force=args.force, jobs=args.jobs, limits=limits,
                                          report_dir=args.report_dir, on_done=graded)
    lines, code = grading_summary(results, total)
    lines += [f"Report: {path}" for path in reports]
    if code == EXIT_FAILED:
        print("Not done: no learner could be graded.", *lines, sep="\n", file=sys.stderr)
        return code
    _done(lines, code, next_step)
    return code


def feedback_step(args: argparse.Namespace) -> int:
    next_step = _ready(args)
    code = _report(args, course.generate_feedback(args.course_dir, args.assignment),
                   "" if args.release else next_step + " Hand them back with --release.")
    if args.release and code != EXIT_FAILED:
        released = _report(args, course.release_feedback(args.course_dir, args.assignment),
                           "Learners get their feedback with Fetch feedback on their Assignments page.")
        code = max(code, released) if released != EXIT_FAILED else released
    return code


def dashboard_step(args: argparse.Namespace) -> int:
    _ready(args)
    report = load_cohort(args.course_dir, args.plus_delta)
    paths = write_dashboard(report, args.out or args.course_dir / "dashboard")
    out = paths["index.html"].resolve().parent
    print(dashboard_text(report) + f"Dashboard (open in a web browser): {out / 'index.html'}\n"
          f"  one page per learner in {out / 'learners'}, per question in {out / 'questions'}")
    return 0


def certificates_step(args: argparse.Namespace) -> int:
    _ready(args)
    written, not_yet = write_certificates(args.course_dir, args.out)
    print(f"Certificates for {_learners(len(written))} in {args.out.resolve()} (open each, then print).")
    if not_yet:
        print(f"Not yet, {_learners(len(not_yet))} (also in {args.out / 'not-yet.csv'}):")
        for standing in not_yet:
            print(f"- {plain(standing.shown_name)}: " + "; ".join(standing.missing))
    return 0


def check_step(args: argparse.Namespace) -> int:
    problem = check_sandbox()
    if problem:
        print(problem)
        return EXIT_FAILED
    print("sandbox ok: python -m cohort autograde can grade learners' code here")
    return EXIT_DONE


def student_versions_step(args: argparse.Namespace) -> int:
    paths = generate_student_versions()
    args.log.write("".join(f"wrote {path}\n" for path in paths))
    folders = sorted({str(Path(path).parent.parent) for path in paths})
    print(f"Wrote the learners' versions of {len(paths)} checkpoint notebooks in {', '.join(folders)}.")
    return EXIT_DONE


# --- the parser: one sub-parser per step, each naming its function -------------------------------

def _common() -> argparse.ArgumentParser:
    """What every step takes: --verbose (the step's full log live, tracebacks included)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--verbose", action="store_true",
                        help="show the full log as it is written (it is always saved in "
                             "COURSE_DIR/logs/)")
    return common


def _step(steps, name: str, **kwargs) -> argparse.ArgumentParser:
    """One step's parser: with --verbose, and the exit statuses in its --help."""
    return steps.add_parser(name, parents=[_common()], epilog=EXIT_STATUS_HELP, **kwargs)


def _add_checkpoint_step(steps, name: str, text: str, func) -> argparse.ArgumentParser:
    step = _step(steps, name, help=text)
    step.add_argument("course_dir", type=Path, help=COURSE_HELP)
    step.add_argument("assignment", help=f"one of: {', '.join(ASSIGNMENTS)}")
    step.set_defaults(func=func)
    return step


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m cohort", description="Run a cohort's checkpoints with nbgrader.",
                                     epilog=EXIT_STATUS_HELP)
    steps = parser.add_subparsers(dest="step", required=True)

    init = _step(steps, "init", help="create a course directory for a cohort")
    init.add_argument("course_dir", type=Path, help="a new folder, outside the course's repository")
    init.add_argument("--course-id", required=True, help="short name, e.g. circles-2026-spring")
    init.add_argument("--exchange", type=Path, required=True,
                      help="folder every learner can write to (nbgrader's exchange)")
    init.add_argument("--roster", type=Path, help=ROSTER_HELP)
    init.set_defaults(func=init_step)

    roster = _step(steps, "roster", help="add or update learners from a roster CSV (learners already "
                                             "in the course stay)")
    roster.add_argument("course_dir", type=Path, help=COURSE_HELP)
    roster.add_argument("roster", type=Path, help=ROSTER_HELP)
    roster.set_defaults(func=roster_step)

    generate = _step(steps, "generate", help="make the learners' versions (nbgrader generate_assignment)")
    generate.add_argument("course_dir", type=Path, help=COURSE_HELP)
    generate.add_argument("assignment", nargs="?", default="*", help="one checkpoint (default: all)")
    generate.add_argument("--force", action="store_true", help="overwrite an existing release")
    generate.set_defaults(func=generate_step)

    release = _add_checkpoint_step(steps, "release", "hand a checkpoint out (nbgrader release_assignment)",
                                   release_step)
    release.add_argument("--force", action="store_true",
                         help="hand out the current version again (after generate --force)")

    collect = _add_checkpoint_step(steps, "collect", "collect submissions (nbgrader collect)", collect_step)
    collect.add_argument("--update", action="store_true", help="replace with newer submissions")

    autograde = _add_checkpoint_step(steps, "autograde", "grade the quick checks (nbgrader autograde, "
                                     "each learner in a sandbox)", autograde_command_step)
    autograde.add_argument("--student", help="only this learner")
    autograde.add_argument("--force", action="store_true", help="grade again even if already graded")
    autograde.add_argument("--jobs", type=int, default=None,
                           help="learners graded side by side (sandboxed; default: one per usable CPU)")
    autograde.add_argument("--report-dir", type=Path,
                           help="also write this run's report there (grading-report.csv and .html)")
    for field in dataclasses.fields(SandboxLimits):
        autograde.add_argument("--" + field.name.replace("_", "-"), type=int, default=field.default,
                               help=f"sandbox limit (default {field.default})")
    autograde.add_argument("--no-isolation", action="store_true",
                           help="run learners' code with your own rights (only for learners you trust)")

    feedback = _add_checkpoint_step(steps, "feedback", "make feedback pages (nbgrader generate_feedback)",
                                    feedback_step)
    feedback.add_argument("--release", action="store_true", help="also release it to learners")

    dashboard = _step(steps, "dashboard", help="write the cohort dashboard (HTML, CSV, chart)")
    dashboard.add_argument("course_dir", type=Path, help=COURSE_HELP)
    dashboard.add_argument("--out", type=Path, help="output folder (default: COURSE_DIR/dashboard)")
    dashboard.add_argument("--plus-delta", type=Path, help="folder of plus/delta CSV exports")
    dashboard.set_defaults(func=dashboard_step)

    certificates = _step(steps, "certificates", help="a printable certificate for each learner whose every "
                                                         "checkpoint is graded; the others with what is missing")
    certificates.add_argument("course_dir", type=Path, help=COURSE_HELP)
    certificates.add_argument("--out", type=Path, required=True, help="folder for the certificates")
    certificates.set_defaults(func=certificates_step)

    _step(steps, "check", help="can a sandbox start on this machine? (autograde needs one)"
                     ).set_defaults(func=check_step)
    _step(steps, "student-versions", help="authors: regenerate checkpoints/student from the sources"
                     ).set_defaults(func=student_versions_step)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    if not (sys.argv[1:] if argv is None else argv):  # no step named: show them all, not an error
        parser.print_help()
        return 2
    args = parser.parse_args(argv)
    # getattr: a step parser made without _step() has no --verbose (make it with _step)
    args.log = StepLog(args.step, verbose=getattr(args, "verbose", False))
    unexpected = None
    try:
        with args.log.printed_too():
            code = args.func(args)
    except CohortError as error:  # a refusal before anything ran leaves no log file
        if error.log or args.log.written:
            args.log.write(f"{error.log}\nerror: {error}")
        print(f"error: {error}", file=sys.stderr)
        code = EXIT_FAILED
    except KeyboardInterrupt:
        print("Stopped. Run the same command again to finish the step.", file=sys.stderr)
        code = EXIT_STOPPED
    except Exception as error:  # never a traceback for a trainer: a plain line, the details in the log
        args.log.write(traceback.format_exc())
        unexpected, code = type(error).__name__, EXIT_FAILED
    if not (args.log.written or unexpected):
        return code
    log = args.log.save(getattr(args, "course_dir", None))
    if unexpected:
        print(f"error: something unexpected went wrong ({unexpected}). The details for whoever looks "
              f"after the course are in {log}", file=sys.stderr)
    else:
        print(f"Full log: {log}")
    return code


if __name__ == "__main__":
    sys.exit(main())
