"""Small pieces every activity view shares: labelled controls, message boxes, the page frame."""
from __future__ import annotations

import anywidget
import ipywidgets as widgets
from IPython.display import display

from .download import DownloadMyWork
from .how_to_use import LAUNCH
from .safe_text import html_text
from .storage import SavedState
from .templating import package_text

#: Let a control's label be as wide as its text, so labels are never cut off.
LABEL_STYLE = {"description_width": "initial"}

_BOX_COLOURS = {
    "warning": ("#fff4e5", "#8a4b00"),
    "error": ("#fdecea", "#8a1c1c"),
    "info": ("#e8f1fb", "#1d4f91"),
    "success": ("#e8f5e9", "#1b5e20"),
}


def message_html(text: str, kind: str = "info", heading: str | None = None) -> str:
    """A coloured, screen-reader-announced box; ``text`` is escaped."""
    background, ink = _BOX_COLOURS[kind]
    role = "alert" if kind in ("warning", "error") else "status"
    title = f"<strong>{html_text(heading)}</strong> " if heading else ""
    return (f'<div role="{role}" class="lc-message lc-{kind}" style="background:{background};'
            f'color:{ink};border-left:4px solid {ink};padding:0.4em 0.8em;margin:0.3em 0">'
            f"{title}{html_text(text)}</div>")


def messages_html(items: list[tuple[str, str]]) -> str:
    """Several ``(kind, text)`` messages one after the other."""
    return "".join(message_html(text, kind) for kind, text in items)


def change_and_save(model, store, message: widgets.HTML, **changes) -> bool:
    """``model.update(**changes)`` then save; a refused change (``ValueError``) changes nothing and
    says why in ``message``. True when the change was made."""
    try:
        model.update(**changes)
    except ValueError as error:
        message.value = message_html(f"Not changed: {error}.", "warning")
        return False
    store.save(model)
    return True


def action_button(description: str, tooltip: str, on_click, *css_classes: str) -> widgets.Button:
    """A button as wide as its words that calls ``on_click()`` when pressed."""
    button = widgets.Button(description=description, tooltip=tooltip, layout=widgets.Layout(width="auto"))
    for css_class in css_classes:
        button.add_class(css_class)
    button.on_click(lambda _b: on_click())
    return button


def heading(text: str, level: int = 3) -> widgets.HTML:
    return widgets.HTML(f"<h{level}>{html_text(text)}</h{level}>")


#: Shown only while the activity is not connected to Python (ipywidgets marks it
#: "disconnected"): on the course website, or after the kernel stopped.
NOT_CONNECTED_NOTE = ("This activity is not running, so its boxes and buttons do not respond here (for "
                      f"example on the course website). To use it, {LAUNCH}")

#: Layout rules for every activity, in JupyterLab and on the static book pages alike. On a narrow
#: screen (a phone, a side panel) rows wrap instead of squeezing or cutting their controls, long
#: checkbox labels wrap instead of ending in "...", and wide tables scroll inside their own box.
ACTIVITY_CSS = package_text("activities", "activity.css")


def activity_frame(title: str, load_message: str | None, body: list[widgets.Widget],
                   css_class: str, with_download: bool = True,
                   not_connected_note: str = NOT_CONNECTED_NOTE,
                   saved: SavedState | None = None) -> widgets.VBox:
    """The activity, notices about its saved work, and "Download my work".

    The notice shows ``load_message`` (saved work that could not be read) and, while saving fails
    (read-only folder, full disk), why, updated as soon as saving works again.
    """
    notice = widgets.HTML()
    notice.add_class("lc-load-message")

    def show(problem: str | None = None) -> None:
        parts = [message_html(load_message, "warning", "Saved work:")] if load_message else []
        if saved is not None and saved.notice:  # the same activity open twice (autosave.py)
            parts.append(message_html(saved.notice, "info", "Open twice:"))
        if problem:
            parts.append(message_html(problem, "error", "Not saved:"))
        notice.value = "".join(parts)

    show(saved.problem if saved else None)
    if saved is not None:
        saved.listeners.append(show)
    # The title comes first: a notebook's text output (nbval compares it) then names the activity.
    title_html = widgets.HTML(
        f'<h2 class="lc-activity-title">{html_text(title)}</h2>'
        f"<style>{ACTIVITY_CSS}</style>"
        f'<div class="lc-not-connected">{message_html(not_connected_note, "info")}</div>')
    children = [title_html, notice, *body]
    if with_download:
        children.append(DownloadMyWork(saved.location if saved is not None else None).widget)
    box = widgets.VBox(children, layout=widgets.Layout(max_width="60em"))
    box.add_class("lc-activity")
    box.add_class(css_class)
    return box


#: The helper's front end (an anywidget ES module): see the file for why it is needed.
_SHIELD_ESM = package_text("activities", "keep-keys.js")


def keyboard_friendly_outputs() -> None:
    """Display an invisible helper that lets the activity's controls keep their keys in JupyterLab.

    It is a separate output (not part of the activity), so a page without the helper's script,
    such as the static book, still shows the activity.
    """
    class KeepKeysInActivity(anywidget.AnyWidget):
        _esm = _SHIELD_ESM

    helper = KeepKeysInActivity(layout=widgets.Layout(display="none"))
    display(helper)
