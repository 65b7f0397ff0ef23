"""The widget view of "Is it a learning circle?": one case at a time, alone or as a group."""
from __future__ import annotations

import ipywidgets as widgets

from ..autosave import ActivityStore
from ..ui import LABEL_STYLE, action_button, activity_frame, heading, keyboard_friendly_outputs, message_html
from .cases import ATTRIBUTE_LABELS, ATTRIBUTES, CASES, VERDICT_LABELS, VERDICTS
from .model import ACTIVITY, MAX_COUNT, SCHEMA_VERSION, CaseSheet
from .render import case_html, definition_html, discussion_html, projector_html, style_html

INTRO = ("<p>Each case is a group that is almost, but perhaps not quite, a learning circle. Say "
         "whether you think it is one, tick the attributes at stake, then press <em>Check my "
         "answer</em> to read our discussion. Everything is saved as you go.</p>")


def store(folder=None) -> ActivityStore[CaseSheet]:
    return ActivityStore(ACTIVITY, SCHEMA_VERSION, CaseSheet.from_dict, CaseSheet, folder)


def _button(description: str, css_class: str, tooltip: str, on_click) -> widgets.Button:
    return action_button(description, tooltip, on_click, css_class, "lc-circle-button")


class CasesView:
    def __init__(self, folder=None):
        self.store = store(folder)
        self.model, load_message = self.store.load()
        self._showing = False  # True while the controls are being set from the model
        wide = widgets.Layout(width="36em", max_width="100%")
        self.group_mode = widgets.Checkbox(value=self.model.group_mode, indent=False,
                                           description="Group mode: one case at a time in large text, for a projector")
        self.group_mode.add_class("lc-circle-group-toggle")
        self.group_mode.observe(lambda change: self._change(group_mode=change["new"]), names="value")
        self.choose = widgets.Dropdown(options=[(f"{n}. {case.title}", n - 1) for n, case in enumerate(CASES, 1)],
                                       value=self.model.current, description="Case", style=LABEL_STYLE)
        self.choose.add_class("lc-circle-choose")
        self.choose.observe(lambda change: self._go(change["new"]), names="value")
        previous = _button("Previous case", "lc-circle-previous", "Go back one case",
                           lambda: self._go(self.model.current - 1))
        following = _button("Next case", "lc-circle-next", "Go on to the next case",
                            lambda: self._go(self.model.current + 1))
        self.navigation = widgets.HBox([previous, self.choose, following])
        self.case = widgets.HTML()
        self.case.add_class("lc-circle-case-text")
        # On my own: a verdict, the attributes at stake, notes, then our discussion.
        self.verdict = widgets.RadioButtons(options=[(VERDICT_LABELS[v], v) for v in VERDICTS], value=None,
                                            description="Is it a learning circle?", style=LABEL_STYLE)
        self.verdict.add_class("lc-circle-verdict")
        self.verdict.observe(lambda _c: self._answer_changed(), names="value")
        self.ticks = {}
        for name in ATTRIBUTES:
            box = widgets.Checkbox(value=False, description=ATTRIBUTE_LABELS[name], indent=False)
            box.add_class(f"lc-circle-tick-{name}")
            box.observe(lambda _c: self._answer_changed(), names="value")
            self.ticks[name] = box
        self.notes = widgets.Textarea(description="My notes on this case", style=LABEL_STYLE, layout=wide,
                                      placeholder="What would you ask this group? What would you change?")
        self.notes.add_class("lc-circle-notes")
        self.notes.observe(lambda change: self._notes(change["new"]), names="value")
        self.check = _button("Check my answer", "lc-circle-check", "Record your answer and read our discussion",
                             self.check_answer)
        self.feedback = widgets.HTML()
        self.feedback.add_class("lc-circle-feedback")
        self.discussion = widgets.HTML()
        self.discussion.add_class("lc-circle-discussion-box")
        self.alone = widgets.VBox([
            self.case, self.verdict, heading("Which attributes are at stake?", 4),
            widgets.HBox(list(self.ticks.values())), self.notes, widgets.HBox([self.check]),
            self.feedback, self.discussion])
        # Group mode: the case in large text and the group's counts (clicked or typed).
        self.projector = widgets.HTML()
        self.projector.add_class("lc-circle-projector-box")
        self.plus = {v: _button(f"+1 {VERDICT_LABELS[v]}", f"lc-circle-plus-{v}",
                                f"One more person says {VERDICT_LABELS[v].lower()}",
                                lambda v=v: self._count(v)) for v in VERDICTS}
        self.counts = {}
        for verdict in VERDICTS:
            box = widgets.BoundedIntText(value=0, min=0, max=MAX_COUNT, description=VERDICT_LABELS[verdict],
                                         style=LABEL_STYLE, layout=widgets.Layout(width="12em"))
            box.add_class(f"lc-circle-count-{verdict}")
            box.observe(lambda change, v=verdict: self._typed_count(v, change["new"]), names="value")
            self.counts[verdict] = box
        self.group = widgets.VBox([
            self.projector, widgets.HBox(list(self.plus.values())),
            widgets.HTML("<p>Or type the counts after a show of hands:</p>"),
            widgets.HBox(list(self.counts.values()))])
        # The definition, at the end, beside the five attributes.
        self.definition = widgets.Textarea(value=self.model.definition, style=LABEL_STYLE, layout=wide,
                                           description="Our definition of a learning circle",
                                           placeholder="A learning circle is ...")
        self.definition.add_class("lc-circle-definition")
        self.definition.observe(lambda change: self._change(definition=change["new"]), names="value")
        self.definitions = widgets.HTML()
        self.definitions.add_class("lc-circle-definitions-box")
        body = [widgets.HTML(INTRO + style_html()), self.group_mode, self.navigation, self.alone, self.group,
                heading("Your definition", 3),
                widgets.HTML("<p>After the cases, write in one or two sentences what makes a group a "
                             "learning circle. It is shown beside the five attributes.</p>"),
                self.definition, self.definitions]
        self.widget = activity_frame("Is it a learning circle?", load_message, body, "lc-is-it-a-learning-circle",
                                     saved=self.store.state)
        self._show()

    # --- changes -------------------------------------------------------------------------------
    def _save(self) -> None:
        self.store.save(self.model)

    def _change(self, **changes) -> None:
        if self._showing:
            return
        try:
            self.model.update(**changes)
        except ValueError as error:
            self.feedback.value = message_html(f"Not changed: {error}.", "warning")
            return
        self._save()
        self._show()

    def _go(self, index: int) -> None:
        if self._showing:
            return
        self.model.move(index - self.model.current)
        self._save()
        self._show()

    def _ticked(self) -> list[str]:
        return [name for name, box in self.ticks.items() if box.value]

    def check_answer(self) -> None:
        if self.verdict.value is None:
            self.feedback.value = message_html("Choose yes, no or it depends first; then our discussion "
                                               "appears.", "warning")
            return
        self.model.answer(self.model.case().key, self.verdict.value, self._ticked())
        self.feedback.value = ""
        self._save()
        self._show()

    def _answer_changed(self) -> None:
        # Once a case is answered, a changed answer is recorded (and compared) at once.
        if not self._showing and self.model.revealed(self.model.case().key) and self.verdict.value is not None:
            self.check_answer()

    def _notes(self, text: str) -> None:
        if not self._showing:
            self.model.set_notes(self.model.case().key, text)
            self._save()

    def _count(self, verdict: str) -> None:
        self.model.count_vote(self.model.case().key, verdict)
        self._save()
        self._show()

    def _typed_count(self, verdict: str, value) -> None:
        if self._showing or value is None:
            return
        try:
            self.model.set_tally(self.model.case().key, **{verdict: int(value)})
        except ValueError as error:
            self.feedback.value = message_html(f"Not changed: {error}.", "warning")
            return
        self._save()
        self._show()

    # --- showing the model ---------------------------------------------------------------------
    def _show(self) -> None:
        sheet, case = self.model, self.model.case()
        self._showing = True
        try:
            self.choose.value = sheet.current
            answer = sheet.answers.get(case.key)
            self.verdict.value = answer.verdict if answer else None
            for name, box in self.ticks.items():
                box.value = bool(answer and name in answer.ticked)
            self.notes.value = sheet.notes.get(case.key, "")
            for verdict, box in self.counts.items():
                box.value = sheet.tally(case.key)[verdict]
        finally:
            self._showing = False
        self.case.value = case_html(case)
        self.discussion.value = discussion_html(sheet, case.key)
        self.check.description = "Check my answer" if answer is None else "Update my answer"
        self.projector.value = projector_html(sheet)
        self.alone.layout.display = "none" if sheet.group_mode else None
        self.group.layout.display = None if sheet.group_mode else "none"
        if sheet.group_mode:
            self.widget.add_class("lc-circle-group-mode")
        else:
            self.widget.remove_class("lc-circle-group-mode")
        self.definitions.value = definition_html(sheet.definition)


def activity(folder=None):
    """The widget for the notebook (and a helper so its controls work by keyboard in JupyterLab)."""
    keyboard_friendly_outputs()
    return CasesView(folder).widget


#: This activity's view, opened with a saved-work folder (``View(folder)``); the suite's saved-work
#: checks find every registered activity's view by this name.
View = CasesView
