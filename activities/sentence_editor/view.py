"""The sentence editor's widgets: a thin view over ``SentenceWork``.

The text box and the slide preview are one anywidget (``slide.js``): the preview re-fits in the
browser on every keystroke, so typing never waits for the kernel. Everything else (barriers,
history, gallery, exports) is plain ipywidgets calling the pure-Python model.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import anywidget
import ipywidgets as widgets
import traitlets

from activities.download import EXPORTS_FOLDER, data_link
from activities.storage import data_dir, short_reason
from activities.ui import LABEL_STYLE, activity_frame, heading, message_html

from ..how_to_use import LAUNCH
from . import fitting
from .barriers import by_kind
from .export import export_png, export_text, png_bytes, safe_stem, text_bytes
from .html import gallery_html, history_html, prompts_html
from .model import SentenceWork, gallery
from .woff import to_woff

#: The slide keeps working without Python (it is drawn in the browser); the rest does not.
NOT_RUNNING_NOTE = (
    "This activity is not running (for example on the course website): you can type in the "
    "sentence box and watch the slide, but ticking barriers, saving versions and exporting do "
    f"nothing here, and nothing is saved. To use all of it, {LAUNCH}")

HERE = Path(__file__).parent


@lru_cache(maxsize=1)
def slide_font_woff() -> bytes:
    """The very font file Pillow measures, as WOFF for the browser (same tables, compressed)."""
    return to_woff(fitting.font_path().read_bytes())


def slide_config() -> dict:
    return {
        "slide_width": fitting.SLIDE_WIDTH, "slide_height": fitting.SLIDE_HEIGHT,
        "padding": fitting.PADDING, "box_width": fitting.BOX_WIDTH, "box_height": fitting.BOX_HEIGHT,
        "max_size": fitting.MAX_SIZE, "min_size": fitting.MIN_SIZE,
        "min_legible_size": fitting.MIN_LEGIBLE_SIZE, "line_spacing": fitting.LINE_SPACING,
        "height_ratio": fitting.height_ratio(),
    }


class LiveSlide(anywidget.AnyWidget):
    """Text box + 16:9 preview that fits the text in the browser, with the export's font."""

    _esm = HERE / "slide.js"
    _css = HERE / "slide.css"
    text = traitlets.Unicode("").tag(sync=True)
    label = traitlets.Unicode("Your sentence").tag(sync=True)
    config = traitlets.Dict().tag(sync=True)
    font_data = traitlets.Bytes(b"").tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(config=slide_config(), font_data=slide_font_woff(), **kwargs)


class SentenceEditor:
    """The whole activity. Display it (last line of a cell) to show it."""

    def __init__(self, work: SentenceWork | None = None, export_folder: Path | None = None):
        self.work = work or SentenceWork()
        self.export_folder = export_folder
        model = self.work.model

        self.slide = LiveSlide(text=model.text)
        self.slide.observe(self._typed, "text")

        self.barrier_boxes = {}
        barrier_rows = []
        for kind, title in (("individual", "Individual barriers"), ("structural", "Structural barriers")):
            barrier_rows.append(heading(title, 4))
            for barrier in by_kind(kind):
                box = widgets.Checkbox(value=barrier.id in model.barriers, description=barrier.name,
                                       indent=False, style=LABEL_STYLE, tooltip=barrier.question,
                                       layout=widgets.Layout(width="auto"))
                box.observe(lambda change, b=barrier.id: self._ticked(b, change["new"]), "value")
                self.barrier_boxes[barrier.id] = box
                barrier_rows.append(box)
        self.prompts = widgets.HTML(prompts_html(model))
        self.prompts.add_class("lc-sentence-prompts")

        self.save_button = widgets.Button(description="Save this version", icon="save",
                                          layout=widgets.Layout(width="auto"),
                                          tooltip="Keep the sentence as it is now in the history")
        self.versions = widgets.Dropdown(description="Saved versions", options=[], style=LABEL_STYLE,
                                         layout=widgets.Layout(width="auto", min_width="22em", max_width="100%"))
        self.restore_button = widgets.Button(description="Restore this version", icon="undo",
                                             layout=widgets.Layout(width="auto"),
                                             tooltip="Put the chosen version back on the slide")
        self.history_list = widgets.HTML("")
        self.history_list.add_class("lc-sentence-history")
        self.save_button.on_click(lambda _: self.save_version())
        self.restore_button.on_click(lambda _: self.restore(self.versions.value))

        self.examples = gallery()
        self.example_choice = widgets.Dropdown(
            description="Example rewrites", style=LABEL_STYLE,
            options=[(e.title, i) for i, e in enumerate(self.examples)])
        self.use_example_button = widgets.Button(description="Put this example on the slide",
                                                 layout=widgets.Layout(width="auto"),
                                                 tooltip="Your current sentence is kept in the history first")
        self.use_example_button.on_click(lambda _: self.use_example(self.example_choice.value))

        self.png_button = widgets.Button(description="Export slide as PNG", icon="image",
                                         layout=widgets.Layout(width="auto"),
                                         tooltip="A picture of the slide to post in the community thread")
        self.text_button = widgets.Button(description="Export as text", icon="file-text",
                                          layout=widgets.Layout(width="auto"),
                                          tooltip="The sentence as a plain text file")
        self.png_button.on_click(lambda _: self.export("png"))
        self.text_button.on_click(lambda _: self.export("text"))
        self.export_result = widgets.HTML("")
        self.export_result.add_class("lc-sentence-export-result")

        self._refresh_versions()
        body = [
            widgets.HTML("<p>Rewrite the sentence together. The slide shrinks the text so all of "
                         "it always fits; use <em>Projector mode</em> to show it to the room.</p>"),
            self.slide,
            heading("What stands in the way?", 3),
            widgets.HTML("<p>Tick the barriers your group talked about: each one adds a question "
                         "that can help you revise the sentence.</p>"),
            *barrier_rows, self.prompts,
            heading("Versions", 3),
            widgets.HBox([self.save_button]),
            widgets.HBox([self.versions, self.restore_button], layout=widgets.Layout(flex_flow="row wrap")),
            self.history_list,
            heading("Share your slide", 3),
            widgets.HBox([self.png_button, self.text_button]), self.export_result,
            heading("What other groups might write", 3),
            widgets.HTML(gallery_html(self.examples)),
            widgets.HBox([self.example_choice, self.use_example_button], layout=widgets.Layout(flex_flow="row wrap")),
        ]
        self.widget = activity_frame("Anybody can learn anything?", self.work.message, body,
                                     "lc-sentence-editor", saved=self.work.state,
                                     not_connected_note=NOT_RUNNING_NOTE)

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    # Each handler changes the model through SentenceWork, which saves at once.
    def _typed(self, change) -> None:
        self.work.set_text(change["new"])

    def _ticked(self, barrier_id: str, ticked: bool) -> None:
        self.work.tick(barrier_id, ticked)
        self.prompts.value = prompts_html(self.work.model)

    def _refresh_versions(self) -> None:
        history = self.work.model.history
        self.versions.options = [(v.label(i + 1), i) for i, v in reversed(list(enumerate(history)))]
        self.versions.value = len(history) - 1 if history else None
        self.restore_button.disabled = not history
        self.history_list.value = history_html(self.work.model)

    def save_version(self) -> None:
        self.work.save_version()
        self._refresh_versions()

    def _show_text(self, text: str) -> None:
        self.slide.text = text  # the browser updates the text box and preview

    def restore(self, index: int | None) -> None:
        if index is None:
            return
        self._keep_unsaved_text()
        self._show_text(self.work.restore(index))
        self._refresh_versions()

    def use_example(self, index: int) -> None:
        self._keep_unsaved_text()
        self.work.set_text(self.examples[index].text)
        self._show_text(self.work.model.text)
        self._refresh_versions()

    def _keep_unsaved_text(self) -> None:
        """Replacing the sentence must never lose it: save it as a version unless it already is one."""
        history = self.work.model.history
        if not history or history[-1].text != self.work.model.text:
            self.work.save_version()

    @property
    def folder(self) -> Path:
        return self.export_folder or data_dir(create=False) / EXPORTS_FOLDER

    def export(self, kind: str) -> Path | None:
        """Write the slide as PNG or text and offer it as a download; None when the disk refused."""
        text = self.work.model.text
        if kind == "png":
            layout = fitting.fit(text)
            write, suffix, mime = export_png, ".png", "image/png"
            note = layout.message or f"Text size {layout.size} px, as on the preview."
        else:
            write, suffix, mime = export_text, ".txt", "text/plain"
            note = "Paste it into your post, or attach the file."
        try:
            path = write(text, self.folder)
        except OSError as error:
            # The folder refuses (read-only, disk full): the download link still works.
            name = safe_stem(text) + suffix
            content = png_bytes(text, layout) if kind == "png" else text_bytes(text)
            link = data_link(content, name, mime, f"Download {name}")
            self.export_result.value = message_html(
                f"The file could not be saved in {self.folder} ({short_reason(error)}); "
                f"download it here instead. {note}", "warning") + f"<p>{link}</p>"
            return None
        link = data_link(path.read_bytes(), path.name, mime, f"Download {path.name}")
        self.export_result.value = (
            message_html(f"Saved as {path.name} in {path.parent}. {note}", "success") + f"<p>{link}</p>")
        return path
