"""Sentence editor model: hostile text, barriers, history, gallery, exports and saved work."""
from __future__ import annotations

import json
import re
from datetime import datetime
from html import escape
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activities.sentence_editor import BARRIERS, SLOGAN, SentenceModel, SentenceWork, gallery
from activities.sentence_editor import html as views
from activities.sentence_editor.export import export_png, export_text, safe_stem
from activities.sentence_editor.model import ACTIVITY, SCHEMA_VERSION, clean_text
from activities.storage import SavedState

HOSTILE = [
    "", " ", "\t\n  \n", "\x00", "a\x00b", "<script>alert('x')</script>", "<img src=x onerror=alert(1)>",
    "\"'&<>", "مرحبا بالعالم", "שלום עולם", "e\u0301\u0327\u0308 Z\u0351\u0362\u0489", "👩🏽‍🏫📚🌍",
    "\u202eevil\u202c", "line\r\nbreak\rmac", "x" * 100_000,
]
hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(),
    st.text(alphabet=st.sampled_from(list("<>&\"' \n\x00éא😀\u0301")), max_size=200),
)


class TextOnly(HTMLParser):
    """Collects text and every tag name, to check that learner text never becomes markup."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text += data


def parse(markup: str) -> TextOnly:
    parser = TextOnly()
    parser.feed(markup)
    parser.close()
    return parser


SAFE_TAGS = {"div", "p", "em", "ul", "ol", "li", "strong", "time", "small", "br"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text)
def test_hostile_text_is_kept_exactly_and_escaped_in_every_html_view(text):
    model = SentenceModel()
    model.set_text(text)
    assert model.text == clean_text(text)
    model.save_version("2026-01-01T10:00:00+00:00")
    for markup in (views.history_html(model), views.message_html(text)):
        parsed = parse(markup)
        assert set(parsed.tags) <= SAFE_TAGS, f"learner text became markup: {parsed.tags}"
        if text and "\x00" not in text and "\r" not in text:
            assert model.text in parsed.text
        assert escape(model.text) in markup


@pytest.mark.parametrize("text", HOSTILE[:-1] + ["word " * 300])
def test_static_slide_html_escapes_text_and_labels_the_image(text):
    markup = views.slide_html(text)
    parsed = parse(markup)
    assert set(parsed.tags) <= SAFE_TAGS
    assert 'role="img"' in markup and "aria-label=" in markup
    assert "<script" not in markup


@settings(max_examples=40, deadline=None)
@given(hostile_text.filter(lambda t: len(t) < 5000))
def test_saved_state_round_trips_every_character(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("save")
    work = SentenceWork(SavedState(ACTIVITY, SCHEMA_VERSION, folder=folder))
    work.set_text(text)
    work.tick("racism", True)
    work.save_version()
    again = SentenceWork(SavedState(ACTIVITY, SCHEMA_VERSION, folder=folder))
    assert again.message is None
    assert again.model.text == clean_text(text)
    assert again.model.barriers == {"racism"}
    assert [v.text for v in again.model.history] == [clean_text(text)]


def test_hundred_thousand_characters_survive_a_restart(tmp_path):
    text = "🌍 <b>x</b> مرحبا e\u0301 " * 6000
    state = SavedState(ACTIVITY, SCHEMA_VERSION, folder=tmp_path)
    SentenceWork(state).set_text(text)
    assert SentenceWork(state).model.text == text


def test_lone_surrogates_from_a_browser_become_replacement_characters_not_crashes(tmp_path):
    work = SentenceWork(SavedState(ACTIVITY, SCHEMA_VERSION, folder=tmp_path))
    work.set_text("a\ud800b \ud83d\ude00")
    assert work.model.text == "a\ufffdb 😀"
    assert SentenceWork(SavedState(ACTIVITY, SCHEMA_VERSION, folder=tmp_path)).model.text == "a\ufffdb 😀"


def test_starts_from_the_slogan():
    assert SentenceModel().text == SLOGAN == "Anybody can learn anything, anywhere, for free"


def test_six_barriers_individual_and_structural_each_with_a_question():
    kinds = {b.kind: [] for b in BARRIERS}
    for b in BARRIERS:
        kinds[b.kind].append(b.name)
        assert b.question.strip().endswith("?")
    assert kinds["individual"] == ["Digital literacy", "Awareness of opportunities", "Academic confidence"]
    assert kinds["structural"] == ["Racism", "Financial injustice", "Monolithic ideas of what counts as knowledge"]


def test_ticked_barriers_give_their_questions_in_order():
    model = SentenceModel()
    model.tick("racism")
    model.tick("digital-literacy")
    assert [name for name, _ in model.prompts()] == ["Digital literacy", "Racism"]
    model.tick("racism", False)
    assert [name for name, _ in model.prompts()] == ["Digital literacy"]
    assert "Digital literacy" in views.prompts_html(model)
    with pytest.raises(KeyError):
        model.tick("not-a-barrier")


def test_history_keeps_every_version_with_its_time_and_restores_any(tmp_path):
    state = SavedState(ACTIVITY, SCHEMA_VERSION, folder=tmp_path)
    work = SentenceWork(state)
    texts = [SLOGAN, "Anybody with time can learn", "Some people can learn some things"]
    for text in texts:
        work.set_text(text)
        work.save_version()
    work.set_text("unsaved draft")
    assert [v.text for v in work.model.history] == texts
    assert all(datetime.fromisoformat(v.saved_at).tzinfo for v in work.model.history)
    assert work.restore(1) == texts[1] and work.model.text == texts[1]
    assert len(work.model.history) == 3, "restoring must not drop any version"
    reopened = SentenceWork(state)
    assert reopened.model.text == texts[1] and [v.text for v in reopened.model.history] == texts
    assert work.model.history[0].label(1).startswith("1. ")
    with pytest.raises(IndexError):
        work.restore(3)


@pytest.mark.parametrize("content", [
    "{broken json",
    json.dumps({"activity": ACTIVITY, "schema_version": SCHEMA_VERSION, "data": {"text": 5}}),
    json.dumps({"activity": ACTIVITY, "schema_version": SCHEMA_VERSION,
                "data": {"text": "x", "barriers": ["no-such"], "history": []}}),
    json.dumps({"activity": ACTIVITY, "schema_version": 99, "data": {}}),
])
def test_corrupt_save_keeps_a_backup_tells_the_learner_and_starts_clean(tmp_path, content):
    state = SavedState(ACTIVITY, SCHEMA_VERSION, folder=tmp_path)
    state.path.write_text(content, encoding="utf-8")
    work = SentenceWork(state)
    assert work.model.text == SLOGAN and not work.model.history
    backups = list(tmp_path.glob(f"{ACTIVITY}.unreadable-*.json"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == content
    assert backups[0].name in work.message and "clean slate" in work.message
    work.set_text("new start")
    assert SentenceWork(state).model.text == "new start"


def test_gallery_is_data_with_known_barriers():
    examples = gallery()
    assert len(examples) >= 4
    ids = {b.id for b in BARRIERS}
    for example in examples:
        assert example.text.strip() and example.title.strip()
        assert set(example.barriers) <= ids
    markup = views.gallery_html(examples)
    assert all(escape(e.text) in markup for e in examples)


@settings(max_examples=80, deadline=None)
@given(hostile_text.filter(lambda t: len(t) < 2000))
def test_file_names_are_safe_for_any_text(text):
    stem = safe_stem(text, datetime(2026, 3, 4, 5, 6, 7))
    assert re.fullmatch(r"slide-20260304-050607-[a-z0-9-]{1,40}", stem)


def test_exports_write_png_and_text_without_overwriting(tmp_path):
    when = datetime(2026, 3, 4, 5, 6, 7)
    text = "Anybody <with> a card / can learn ../../etc"
    first, second = export_png(text, tmp_path, when), export_png(text, tmp_path, when)
    assert first != second and first.parent == second.parent == tmp_path
    assert first.name == "slide-20260304-050607-anybody-with-a-card-can-learn-etc.png"
    assert first.read_bytes().startswith(b"\x89PNG")
    txt = export_text("مرحبا\x00 <>", tmp_path, when)
    assert txt.read_text(encoding="utf-8") == "مرحبا\x00 <>\n"
    assert txt.name == "slide-20260304-050607-sentence.txt"
