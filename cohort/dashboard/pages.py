"""The dashboard's HTML pages, drawn from :mod:`.views` with the Jinja2 templates
``cohort/templates/dashboard*.html``: the overview (``index.html``), the attention list
(``attention.html``), one page per learner (``learners/``) and per question (``questions/``).

Every page carries the content security policy of :mod:`cohort.page_policy`; the overview's one
script (``cohort/dashboard.js``, written next to it) only sorts and filters rows that are already
in the HTML, so without it the full table is still there.
"""
from __future__ import annotations

from pathlib import Path

from markupsafe import Markup
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from activities.templating import package_text, render

from ..checkpoints import MIN_REFLECTION_WORDS
from ..page_policy import meta_tag
from ..safe_html import clean_markdown_html
from .render import chart_alt_text, shown, table, write_chart, write_csv
from .report import CohortReport
from .views import (DashboardViews, LearnerView, answer_score, build_views, learner_frame, out_of, overview_frame,
                    question_frame, rows_where)

SCRIPT = "dashboard.js"


def _prompt_html(prompt: str) -> Markup:
    """A question's prompt (the checkpoint's own markdown) rendered, with anything that could run
    or load escaped by the same cleaner the formgrader uses."""
    return Markup(clean_markdown_html(markdown2html_mistune(str(prompt).replace("\x00", "\u2400"))))


def _common(report: CohortReport, views: DashboardViews, up: str) -> dict:
    return {"policy": meta_tag(), "course_id": shown(report.course_id), "up": up, "shown": shown,
            "problem_count": len(report.problems), "min_words": MIN_REFLECTION_WORDS}


def _learner_sort_key(learner: LearnerView) -> tuple[str, str]:
    return ((learner.name or learner.student).casefold(), learner.student)


def overview_html(report: CohortReport, views: DashboardViews, chart_alt: str) -> str:
    learners = sorted(views.learners, key=_learner_sort_key)
    return render("cohort", "dashboard.html", **_common(report, views, ""), checkpoints=views.checkpoints,
                  learners=learners, needing=len(views.needing_a_look), questions=views.questions,
                  chart_alt=shown(chart_alt), script=SCRIPT,
                  plus_delta=table(report.plus_delta, "Plus/delta entries from learners' exports, week by week"))


def learner_html(report: CohortReport, views: DashboardViews, learner: LearnerView) -> str:
    progress = rows_where(report.progress, student=learner.student).set_index("assignment")
    checkpoints = []
    for cell in learner.cells:
        row = progress.loc[cell.checkpoint] if cell.checkpoint in progress.index else None
        handed_in = row is not None and not cell.quiet
        checkpoints.append({
            "cell": cell,
            "quick": out_of(row["automatic_score"], row["max_automatic_score"]) if handed_in else "",
            "graded": out_of(row["reflection_score"], row["max_reflection_score"]) if handed_in else "",
            # Only handed-in work has reflections to count.
            "complete": out_of(row["reflections_complete"], row["reflections"]) if handed_in else "",
            "when": shown(row["submitted_at"]) if handed_in else "",
        })
    answers = [{"heading": shown(f"{a['assignment']}: {a['question_id']}"), "answer": shown(a["answer"]),
                "words": shown(a["words"]), "score": answer_score(a), "comment": shown(a["comment"])}
               for _, a in learner.reflections.iterrows()]
    return render("cohort", "dashboard-learner.html", **_common(report, views, "../"), learner=learner,
                  title=shown(learner.name or learner.student), student=shown(learner.student),
                  checkpoints=checkpoints, answers=answers,
                  problems=table(learner.problems[["assignment", "problem", "detail"]],
                                 "What the checks found in this learner's work"),
                  plus_delta=table(learner.plus_delta, "This learner's plus/delta entries"),
                  csv=learner.page[:-5] + ".csv")


def question_html(report: CohortReport, views: DashboardViews, question) -> str:
    pages = {learner.student: learner.page for learner in views.learners}
    answers = [{"student": shown(a["student"]), "page": pages.get(a["student"]), "answer": shown(a["answer"]),
                "words": shown(a["words"]), "complete": "yes" if a["complete"] == 1 else "no",
                "score": answer_score(a), "comment": shown(a["comment"])}
               for _, a in question.answers.iterrows()]
    return render("cohort", "dashboard-question.html", **_common(report, views, "../"),
                  heading=shown(f"{question.checkpoint}: {question.question_id}"),
                  prompt=_prompt_html(question.prompt), answers=answers,
                  csv=question.page[:-5] + ".csv")


def attention_html(report: CohortReport, views: DashboardViews) -> str:
    return render("cohort", "dashboard-attention.html", **_common(report, views, ""),
                  problems=table(report.problems, "Submissions that need the trainer's attention"))


def render_pages(report: CohortReport, chart_alt: str, views: DashboardViews | None = None) -> dict[str, str]:
    """Every page of the dashboard by its path relative to the output folder."""
    views = views or build_views(report)
    pages = {"index.html": overview_html(report, views, chart_alt), "attention.html": attention_html(report, views)}
    pages.update({f"learners/{learner.page}": learner_html(report, views, learner) for learner in views.learners})
    pages.update({f"questions/{question.page}": question_html(report, views, question)
                  for question in views.questions})
    return pages


def write_dashboard(report: CohortReport, out_dir: Path) -> dict[str, Path]:
    """Write the pages, the overview's script, the chart and the CSV files (the gradebook's tables
    as gathered, and each view's own) into ``out_dir``; returns the paths by relative name."""
    out_dir = Path(out_dir)
    for folder in (out_dir, out_dir / "learners", out_dir / "questions"):
        folder.mkdir(parents=True, exist_ok=True)
    views = build_views(report)
    frames = {"progress.csv": report.progress, "reflections.csv": report.reflections,
              "problems.csv": report.problems, "plus-delta.csv": report.plus_delta,
              "overview.csv": overview_frame(views)}
    frames.update({f"learners/{learner.page[:-5]}.csv": learner_frame(learner) for learner in views.learners})
    frames.update({f"questions/{question.page[:-5]}.csv": question_frame(question) for question in views.questions})
    paths = {name: write_csv(frame, out_dir / name) for name, frame in frames.items()}
    paths["progress.svg"] = write_chart(report, out_dir / "progress.svg")
    paths[SCRIPT] = out_dir / SCRIPT
    paths[SCRIPT].write_text(package_text("cohort", SCRIPT), encoding="utf-8")
    for name, page in render_pages(report, chart_alt_text(report), views).items():
        paths[name] = out_dir / name
        paths[name].write_text(page, encoding="utf-8")
    return paths
