"""The one list of the course's activities: everything else reads it.

"Download my work" takes each activity's exporter from here, the tests take their lists of
notebooks and pages from here, and the book's activity-page checks read it too. Adding an
activity means adding one :class:`Activity` line below (see ARCHITECTURE.md, "How to add an
activity").

Only pure-Python parts are imported here (the exporters: saved data in, files out), so reading
the registry needs no widgets and no kernel.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .certificate import export as certificate_export
from .check_in import export as check_in_export
from .choose_course import export as choose_course_export
from .countdown import export as countdown_export
from .facilitation import export as facilitation_export
from .flyer import export as flyer_export
from .hard_cards import export as hard_cards_export
from .is_it_a_circle import export as cases_export
from .plan_circle import export as plan_export
from .plus_delta import export as plus_delta_export
from .sentence_editor import export as sentence_export
from .vote_board import export as vote_export
from .which_network import export as which_network_export

#: The repository root (the folder with _toc.yml), when the package runs from a checkout.
REPOSITORY_ROOT = Path(__file__).resolve().parent.parent

Exporter = Callable[[dict], "dict[str, bytes]"]


@dataclass(frozen=True)
class Activity:
    """One activity of the course."""

    #: The saved-work key: ``<data dir>/<name>.json``; also the notebook's file name.
    name: str
    #: The notebook's first heading (a test checks they agree).
    title: str
    #: Saved data (a dict) -> export files ``{file name: bytes}`` for "Download my work".
    exports: Exporter

    @property
    def notebook(self) -> str:
        """The learner notebook, relative to the repository root."""
        return f"notebooks/{self.name}.ipynb"

    @property
    def docname(self) -> str:
        """The book page of the notebook (as in ``_toc.yml``)."""
        return f"notebooks/{self.name}"


#: Every activity, in course order.
ACTIVITIES: tuple[Activity, ...] = (
    Activity("which-network", "Activity: Which network is which?", which_network_export.exports),
    Activity("is-it-a-learning-circle", "Activity: Is it a learning circle?", cases_export.exports),
    Activity("plan-your-circle", "Activity: Plan your learning circle", plan_export.exports),
    Activity("first-meeting-check-in", "Activity: Check-in for a first meeting", check_in_export.exports),
    Activity("sentence-editor", "Activity: Anybody can learn anything?", sentence_export.exports),
    Activity("plus-delta", "Plus/Delta", plus_delta_export.exports),
    # Part "Choosing a course".
    Activity("choose-a-course", "Activity: Choose a course", choose_course_export.exports),
    # Part "Getting ready": the vote board, the countdown, then the flyer.
    Activity("ask-your-community", "Activity: Ask your community", vote_export.exports),
    Activity("get-ready", "Activity: Get ready", countdown_export.exports),
    Activity("make-a-flyer", "Activity: Make a flyer", flyer_export.exports),
    # Part "Facilitating".
    Activity("ten-minute-facilitation", "Activity: 10-minute facilitation", facilitation_export.exports),
    Activity("when-it-gets-hard", "Activity: When it gets hard", hard_cards_export.exports),
    # Part "Next steps": the end of the course.
    Activity("certificate", "Activity: Your certificate", certificate_export.exports),
)

BY_NAME: dict[str, Activity] = {activity.name: activity for activity in ACTIVITIES}


def activity_named(name: str) -> Activity | None:
    return BY_NAME.get(name)
