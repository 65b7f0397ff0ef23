""""Download my work": one zip file with everything the learner made in the activities.

The zip holds every saved-work file (``saved/<activity>.json``, including copies kept aside
after a file could not be read, in ``saved/kept-aside/``), the exports each activity can make from
its saved work (CSV, calendar files, printable pages, in ``exports/``) and any file an activity
left in the ``exports`` folder of the saved-work directory (for example a slide picture).

Each activity's exporter comes from the registry (:mod:`activities.registry`); it gets the
saved data (a dict) and returns ``{file name: bytes}``. Exports are rebuilt from saved work each
time, so the download always matches what the learner sees.
"""
from __future__ import annotations

import base64
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .registry import activity_named
from .safe_text import html_text
from .storage import data_dir, unsaved_work


#: Sub-folder of the saved-work directory where activities may leave extra files for the zip.
EXPORTS_FOLDER = "exports"

_SAFE_MEMBER = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class WorkBundle:
    """The files of the download (zip member name -> bytes) and notes about anything skipped."""

    files: dict[str, bytes] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def to_zip(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, content in sorted(self.files.items()):
                archive.writestr(name, content)
            archive.writestr("README.txt", self._readme())
        return buffer.getvalue()

    def _readme(self) -> str:
        lines = ["Your work from the Learning Circles course.", "",
                 "saved/    what each activity saved (JSON; you can open it in any text editor)",
                 "exports/  the same work as CSV, calendar (.ics) and printable (.html) files", ""]
        lines += [f"Note: {note}" for note in self.notes]
        return "\n".join(lines) + "\n"


def _member(name: str) -> str:
    return _SAFE_MEMBER.sub("-", name).strip("-.") or "file"


def _read(path: Path, bundle: WorkBundle) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        bundle.notes.append(f"{path.name} could not be read ({type(error).__name__})")
        return b""


def _parse_envelope(content: bytes) -> dict | None:
    try:
        envelope = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return envelope if isinstance(envelope, dict) and isinstance(envelope.get("data"), dict) else None


def collect_work(folder: Path | None = None) -> WorkBundle:
    """Gather the learner's saved work and exports from ``folder`` (default: the data dir)."""
    folder = Path(folder) if folder is not None else data_dir(create=False)
    bundle = WorkBundle()
    saved = {}  # activity -> (file name, bytes, envelope or None)
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        if ".unreadable-" in path.name:
            bundle.files[f"saved/kept-aside/{_member(path.name)}"] = _read(path, bundle)
        else:
            content = _read(path, bundle)
            saved[path.stem] = (path.name, content, _parse_envelope(content))
    # Work the disk refused (read-only folder, full disk) is only in memory: it is the newest.
    # What is on disk then goes with the copies kept aside, so the zip loses nothing either.
    for activity, envelope in unsaved_work(folder).items():
        if activity in saved:
            bundle.files[f"saved/kept-aside/{_member(activity)}.on-disk.json"] = saved[activity][1]
        content = json.dumps(envelope, ensure_ascii=False, indent=1).encode("utf-8")
        saved[activity] = (f"{activity}.json", content, envelope)
    for activity, (name, content, envelope) in sorted(saved.items()):
        bundle.files[f"saved/{_member(name)}"] = content
        registered = activity_named(activity)
        if registered is None or envelope is None:
            continue
        try:
            exports = registered.exports(envelope["data"])
        except Exception as error:  # one broken activity must not stop the learner's download
            bundle.notes.append(f"the exports of {activity} could not be made ({type(error).__name__}); "
                                f"its saved work is still in saved/{_member(name)}")
            continue
        for export_name, export_content in exports.items():
            bundle.files[f"exports/{_member(export_name)}"] = export_content
    extra = folder / EXPORTS_FOLDER
    if extra.is_dir():
        for path in sorted(p for p in extra.iterdir() if p.is_file()):
            bundle.files.setdefault(f"exports/{_member(path.name)}", path.read_bytes())
    return bundle


def download_filename(now: datetime | None = None) -> str:
    stamp = (now or datetime.now()).strftime("%Y-%m-%d-%H%M")
    return f"learning-circles-my-work-{stamp}.zip"


def data_link(content: bytes, filename: str, mime: str, label: str) -> str:
    """An HTML link that saves ``content`` as ``filename`` when clicked (no server needed)."""
    encoded = base64.b64encode(content).decode("ascii")
    return (f'<a download="{html_text(filename)}" href="data:{mime};base64,{encoded}" '
            f'class="lc-download-link">{html_text(label)}</a>')


class DownloadMyWork:
    """A small view: one button that packs everything into a zip and offers it as a link."""

    def __init__(self, folder: Path | None = None):
        import ipywidgets as widgets

        self.folder = folder
        self.button = widgets.Button(
            description="Download my work", icon="download",
            tooltip="Pack everything you made in the course's activities into one zip file",
            layout=widgets.Layout(width="auto"))
        self.button.add_class("lc-download-my-work")
        self.link = widgets.HTML(value="")
        self.button.on_click(lambda _button: self.prepare())
        self.widget = widgets.VBox([
            widgets.HTML("<p>Keep a copy of everything you made in these activities (one zip file "
                         "with your saved work and its CSV and calendar exports).</p>"),
            widgets.HBox([self.button, self.link])])

    def prepare(self) -> bytes:
        bundle = collect_work(self.folder)
        content = bundle.to_zip()
        count = len(bundle.files)
        label = f"Save the zip file ({count} file{'s' if count != 1 else ''})"
        self.link.value = data_link(content, download_filename(), "application/zip", label)
        return content
