"""The widget view of "Make a flyer": labelled boxes wired to the model, files on request."""
from __future__ import annotations

import base64

import ipywidgets as widgets

from ..autosave import ActivityStore
from ..download import data_link
from ..safe_text import html_text, shorten
from ..ui import LABEL_STYLE, activity_frame, change_and_save, heading, keyboard_friendly_outputs, message_html, messages_html
from .export import file_names, flyer_files, picture_layout
from .model import ACTIVITY, FREE_LINE, SCHEMA_VERSION, TEXT_FIELDS, Flyer, read_plan_dates
from .render import dates_html, picture_alt, print_layout

TOO_LONG = ("Some of your text is too long for one page: the flyer and the picture show its "
            "beginning and end it with \u201c\u2026\u201d. Everything you typed is kept here; "
            "try saying it in fewer words.")
MULTILINE = {"what", "typed_dates", "accessibility"}
PLACEHOLDERS = {
    "title": "e.g. Learn to make a website, together",
    "topic": "e.g. Web design for beginners",
    "what": "e.g. Work through a free online course, one week at a time, and help each other",
    "typed_dates": "e.g. Tuesdays 18:00\u201319:30, from 13 January",
    "place": "e.g. Central Library, meeting room 2",
    "signup": "https://\u2026, an e-mail address or a phone number",
    "accessibility": "e.g. Step-free entrance; ask us about anything you need",
}


def store(folder=None) -> ActivityStore[Flyer]:
    return ActivityStore(ACTIVITY, SCHEMA_VERSION, Flyer.from_dict, Flyer, folder)


class FlyerView:
    def __init__(self, folder=None):
        self.store = store(folder)
        self._plan_problem: str | None = None  # why the plan's dates could not be read, if so
        self.model, load_message = self.store.load()
        wide = widgets.Layout(width="36em", max_width="100%")
        self.inputs = {}
        for name, label in TEXT_FIELDS.items():
            kind = widgets.Textarea if name in MULTILINE else widgets.Text
            box = kind(value=getattr(self.model, name), description=label, placeholder=PLACEHOLDERS[name],
                       style=LABEL_STYLE, layout=wide)
            box.add_class(f"lc-flyer-{name.replace('_', '-')}")
            box.observe(lambda change, n=name: self._change(**{n: change["new"]}), names="value")
            self.inputs[name] = box
        self.free_line = widgets.Checkbox(value=self.model.free_line, indent=False,
                                          description=f"Print \u201c{FREE_LINE}\u201d")
        self.free_line.add_class("lc-flyer-free-line")
        self.free_line.observe(lambda change: self._change(free_line=change["new"]), names="value")
        self.dates_source = widgets.RadioButtons(
            options=[("From my plan (\u201cPlan your learning circle\u201d)", "plan"), ("Typed here", "typed")],
            value=self.model.dates_source, description="Where the dates come from", style=LABEL_STYLE)
        self.dates_source.add_class("lc-flyer-dates-source")
        self.dates_source.observe(lambda change: self._change(dates_source=change["new"]), names="value")
        self.read_plan_button = widgets.Button(description="Read my plan again", icon="refresh",
                                               tooltip="Take the dates from your latest plan",
                                               layout=widgets.Layout(width="auto"))
        self.read_plan_button.on_click(lambda _b: self.read_plan())
        self.plan_dates = widgets.HTML()
        self.plan_dates.add_class("lc-flyer-plan-dates")
        self.advice = widgets.HTML()
        self.advice.add_class("lc-flyer-advice")
        self.make_button = widgets.Button(description="Make my flyer", icon="print",
                                          tooltip="Make the printable flyer (A4 and US Letter) and the picture",
                                          layout=widgets.Layout(width="auto"))
        self.make_button.add_class("lc-flyer-make")
        self.make_button.on_click(lambda _b: self.make_files())
        self.files = widgets.HTML()
        self.files.add_class("lc-flyer-files")
        i = self.inputs
        body = [widgets.HTML("<p>Fill in what your flyer should say. It is saved as you type; press "
                             "<em>Make my flyer</em> for a page to print and a picture to share.</p>"),
                i["title"], i["topic"], i["what"], self.free_line,
                heading("When", 3), self.dates_source, widgets.HBox([self.read_plan_button]),
                self.plan_dates, i["typed_dates"],
                heading("Where and how to sign up", 3), i["place"], i["signup"], i["accessibility"],
                heading("What to check", 3), self.advice,
                heading("Your flyer", 3), widgets.HBox([self.make_button]), self.files]
        self.widget = activity_frame("Make a flyer", load_message, body, "lc-make-a-flyer",
                                     saved=self.store.state)
        if self.model.dates_source == "plan":
            self.read_plan()
        else:
            self._refresh()

    def read_plan(self) -> None:
        """Take the dates from the planner's saved work (read only) and show where they came from."""
        lines, problem = read_plan_dates(self.store.state.location)
        self._plan_problem = problem
        if lines is not None and lines != self.model.plan_dates:
            self._change(plan_dates=lines)
        else:
            self._refresh()

    def _change(self, **changes) -> None:
        if change_and_save(self.model, self.store, self.advice, **changes):
            self.files.value = ""  # files made earlier no longer match the flyer
            self._refresh()

    def _refresh(self) -> None:
        flyer = self.model
        from_plan = flyer.dates_source == "plan"
        self.read_plan_button.disabled = not from_plan
        self.inputs["typed_dates"].disabled = from_plan
        problem = self._plan_problem
        if not from_plan:
            self.plan_dates.value = ""
        elif problem and flyer.plan_dates:  # the dates read earlier are kept, and shown
            self.plan_dates.value = (message_html(problem, "warning") + "<p>Until then the flyer keeps the "
                                     "dates it read from your plan before:</p>" + dates_html(flyer.plan_dates))
        elif problem:
            self.plan_dates.value = message_html(problem, "warning")
        elif flyer.plan_dates:
            self.plan_dates.value = "<p>From your plan:</p>" + dates_html(flyer.plan_dates)
        notes = flyer.messages()
        if print_layout(flyer, "a4").cut or print_layout(flyer, "letter").cut or picture_layout(flyer).cut:
            notes.append(("warning", TOO_LONG))
        self.advice.value = (messages_html(notes) if notes else
                             message_html("Everything a flyer needs is there.", "success"))

    def make_files(self) -> dict[str, bytes]:
        files = flyer_files(self.model)
        names = file_names(self.model)
        picture = files[names["png"]]
        links = [data_link(files[names["a4"]], names["a4"], "text/html", "Printable flyer, A4 (open it, then print)"),
                 data_link(files[names["letter"]], names["letter"], "text/html",
                           "Printable flyer, US Letter (open it, then print)"),
                 data_link(picture, names["png"], "image/png", "Picture for social media (PNG, 1080 \u00d7 1080)")]
        preview = base64.b64encode(picture).decode("ascii")
        self.files.value = ("<ul>" + "".join(f"<li>{link}</li>" for link in links) + "</ul>"
                            f'<img src="data:image/png;base64,{preview}" alt="{html_text(shorten(picture_alt(self.model), 300))}" '
                            'style="width:20em;max-width:100%;height:auto;border:1px solid #888">')
        return files


def activity(folder=None):
    """The widget for the notebook (and a helper so its controls work by keyboard in JupyterLab)."""
    keyboard_friendly_outputs()
    return FlyerView(folder).widget


#: This activity's view, opened with a saved-work folder (``View(folder)``); the suite's saved-work
#: checks find every registered activity's view by this name.
View = FlyerView
