"""HTML for the vote board: the tally table and its bar chart (activities.charts), all escaped."""
from __future__ import annotations

from ..charts import Series, stacked_bars
from ..safe_text import html_text
from .model import VoteBoard

BAR_COLOUR = "#3f7fbf"


def chart_svg(board: VoteBoard) -> str:
    """A horizontal bar per topic, most votes first; the summary says the figures in words."""
    tally = board.tally()
    summary = "; ".join(f"{topic.name}: {topic.votes}" for topic in tally) + ". " + board.result().sentence
    return stacked_bars([topic.name for topic in tally],
                        [Series("Votes", tuple(topic.votes for topic in tally), BAR_COLOUR)],
                        title="Votes per topic", summary=summary, value_label="Votes",
                        css_class="lc-vote-chart")


def tally_html(board: VoteBoard) -> str:
    if not board.topics:
        return ""
    leaders = set(board.result().leaders)
    rows = "".join(
        f"<tr><td>{place}</td><td>{html_text(topic.name)}{' <strong>(top)</strong>' if topic.name in leaders else ''}"
        f"</td><td style=\"text-align:right\">{topic.votes}</td></tr>"
        for place, topic in enumerate(board.tally(), start=1))
    return ('<div class="lc-table-scroll"><table class="lc-vote-tally"><caption>The tally</caption>'
            '<thead><tr><th scope="col">Place</th><th scope="col">Topic</th><th scope="col">Votes</th></tr>'
            f"</thead><tbody>{rows}</tbody><tfoot><tr><td></td><th scope=\"row\">All votes</th>"
            f"<td style=\"text-align:right\">{board.total()}</td></tr></tfoot></table></div>")
