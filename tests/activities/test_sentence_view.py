"""The sentence editor's widgets, driven from Python (no browser): every action saves, nothing is lost."""
from __future__ import annotations

import base64
import fnmatch
import re
import struct
from pathlib import Path

import ipywidgets as widgets
import pytest

from activities.download import collect_work
from activities.sentence_editor import SentenceEditor, SentenceWork
from activities.sentence_editor import fitting
from activities.sentence_editor.model import ACTIVITY, SCHEMA_VERSION, SLOGAN
from activities.sentence_editor.view import LiveSlide, slide_config, slide_font_woff
from activities.sentence_editor.woff import sfnt_tables, woff_tables
from activities.storage import SavedState, data_dir
from support.paths import ROOT


@pytest.fixture
def state(tmp_path):
    return SavedState(ACTIVITY, SCHEMA_VERSION, folder=tmp_path / "saved")


def reopen(state) -> SentenceWork:
    return SentenceWork(state)


def all_widgets(root):
    yield root
    for child in getattr(root, "children", ()):
        yield from all_widgets(child)


def test_typing_in_the_browser_is_saved_and_restored_on_reopen(state):
    editor = SentenceEditor(SentenceWork(state))
    assert editor.slide.text == SLOGAN
    editor.slide.text = "Anybody with a bus pass can learn <b>something</b> 🌍"  # as the front end sends it
    assert reopen(state).model.text == "Anybody with a bus pass can learn <b>something</b> 🌍"
    assert SentenceEditor(SentenceWork(state)).slide.text == reopen(state).model.text


def test_barriers_show_their_questions_and_are_saved(state):
    editor = SentenceEditor(SentenceWork(state))
    assert len(editor.barrier_boxes) == 6
    editor.barrier_boxes["financial-injustice"].value = True
    assert "Financial injustice" in editor.prompts.value and "Free" in editor.prompts.value
    assert reopen(state).model.barriers == {"financial-injustice"}
    assert SentenceEditor(SentenceWork(state)).barrier_boxes["financial-injustice"].value is True


def test_versions_restore_and_nothing_typed_is_lost(state):
    editor = SentenceEditor(SentenceWork(state))
    editor.slide.text = "first draft"
    editor.save_version()
    editor.slide.text = "second draft"
    editor.save_version()
    editor.slide.text = "unsaved <third> draft"
    assert [label for label, _ in editor.versions.options][0].startswith("2. ")
    editor.restore(0)
    assert editor.slide.text == "first draft"
    texts = [v.text for v in reopen(state).model.history]
    assert texts == ["first draft", "second draft", "unsaved <third> draft"], "restoring dropped a draft"
    assert editor.history_list.value.count("<li>") == 3 and "unsaved &lt;third&gt; draft" in editor.history_list.value


def test_using_a_gallery_example_keeps_the_groups_sentence(state):
    editor = SentenceEditor(SentenceWork(state))
    editor.slide.text = "our own words"
    editor.use_example(0)
    assert editor.slide.text == editor.examples[0].text
    assert [v.text for v in reopen(state).model.history] == ["our own words"]


def test_exports_write_files_and_offer_safe_download_links(state, tmp_path):
    editor = SentenceEditor(SentenceWork(state), export_folder=tmp_path / "out")
    editor.slide.text = 'Anybody "<script>alert(1)</script>" can learn'
    png = editor.export("png")
    assert png.parent == tmp_path / "out" and png.suffix == ".png"
    assert "<script>" not in editor.export_result.value
    match = re.search(r'href="data:image/png;base64,([^"]+)"', editor.export_result.value)
    assert match and base64.b64decode(match.group(1)) == png.read_bytes()
    text_file = editor.export("text")
    assert text_file.read_text(encoding="utf-8") == 'Anybody "<script>alert(1)</script>" can learn\n'


def test_default_exports_go_where_download_my_work_collects_them(state):
    editor = SentenceEditor(SentenceWork())
    editor.slide.text = "A sentence for the zip"
    png = editor.export("png")
    assert png.parent == data_dir() / "exports"
    bundle = collect_work()
    assert f"exports/{png.name}" in bundle.files
    assert bundle.files["exports/sentence.txt"] == b"A sentence for the zip\n"
    assert bundle.files["exports/sentence-slide.png"].startswith(b"\x89PNG")


def test_a_corrupt_save_is_reported_in_the_widget(state):
    state.folder.mkdir(parents=True, exist_ok=True)
    state.path.write_text("{half a file", encoding="utf-8")
    editor = SentenceEditor(SentenceWork(state))
    notices = [w.value for w in all_widgets(editor.widget) if isinstance(w, widgets.HTML) and "clean slate" in w.value]
    assert notices and "unreadable" in notices[0]
    assert editor.slide.text == SLOGAN


def test_every_control_has_a_label(state):
    editor = SentenceEditor(SentenceWork(state))
    controls = [w for w in all_widgets(editor.widget)
                if isinstance(w, (widgets.Button, widgets.Checkbox, widgets.Dropdown, widgets.Text))]
    assert len(controls) >= 12
    assert all(w.description.strip() for w in controls), [w for w in controls if not w.description.strip()]
    assert editor.slide.label == "Your sentence"


def _table_checksum(tag: bytes, table: bytes) -> int:
    """The OpenType table checksum (head's is taken with checkSumAdjustment zeroed)."""
    if tag == b"head":
        table = table[:8] + b"\0\0\0\0" + table[12:]
    table += b"\0" * (-len(table) % 4)
    return sum(struct.unpack(f">{len(table) // 4}I", table)) & 0xFFFFFFFF


def test_the_browser_gets_the_font_and_numbers_pillow_uses():
    config = slide_config()
    assert config["box_width"] == fitting.BOX_WIDTH and config["height_ratio"] == fitting.height_ratio()
    woff = slide_font_woff()
    assert woff[:4] == b"wOFF" and len(woff) < 0.6 * fitting.font_path().stat().st_size
    browser_tables, pillow_tables = woff_tables(woff), sfnt_tables(fitting.font_path().read_bytes())
    assert browser_tables == pillow_tables, "the browser would measure another font"
    assert {b"glyf", b"hmtx", b"kern", b"GPOS", b"cmap"} <= set(browser_tables)
    for tag, (checksum, table) in browser_tables.items():  # every table arrives byte for byte
        assert _table_checksum(tag, table) == checksum, tag
    assert LiveSlide().font_data == woff


def test_the_font_ships_in_the_package_with_its_licence():
    import tomllib

    path = fitting.font_path()
    assert path.parent == Path(fitting.__file__).parent and path.stat().st_size > 700_000
    assert b"DejaVu Sans" in sfnt_tables(path.read_bytes())[b"name"][1].replace(b"\0", b"")
    licence = path.with_name("DejaVuSans-LICENSE.txt").read_text(encoding="utf-8")
    assert "Bitstream Vera Fonts Copyright" in licence and "DejaVu changes are in public domain" in licence
    credits = (ROOT / "book" / "about" / "credits.md").read_text(encoding="utf-8")
    assert "DejaVu Sans" in credits and "Bitstream Vera" in credits and "DejaVuSans-LICENSE.txt" in credits
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())[
        "tool"]["setuptools"]["package-data"]["*"]
    for name in (path.name, "DejaVuSans-LICENSE.txt"):  # installed wheels carry both
        assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns), name
