"""Serve the widget scripts from the book itself, so activity pages never call a CDN.

myst-nb puts each executed notebook's saved widget state in its page, plus the scripts listed in
``nb_ipywidgets_js`` (``_config.yml``) that render it: require.js, ``widgets-offline.js`` (tells
require.js where third-party widget front ends such as anywidget live) and the ipywidgets HTML
manager. By default those come from cdnjs/jsdelivr; here they are copied from ``node_modules``
(``package.json``, installed by ``./run.sh build`` or ``npm ci``) into ``_static/vendor``.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

# destination under _static/vendor -> source under node_modules
VENDOR_FILES = {
    "require.js": "requirejs/require.js",
    "html-manager/embed-amd.js": "@jupyter-widgets/html-manager/dist/embed-amd.js",
    "anywidget/index.js": "anywidget/dist/index.js",
    # Button icons: the HTML manager's own Font Awesome 5 rule points at fonts relative to the
    # page, which 404s; widgets-offline.css maps the icons to these copies instead.
    "fontawesome/fa-solid-900.woff2": "@fortawesome/fontawesome-free/webfonts/fa-solid-900.woff2",
    "fontawesome/fa-regular-400.woff2": "@fortawesome/fontawesome-free/webfonts/fa-regular-400.woff2",
}
# Licence texts travel with the copies (the other two packages ship theirs only in package.json).
LICENSES = {
    "anywidget/LICENSE": "anywidget/LICENSE",
    "fontawesome/LICENSE.txt": "@fortawesome/fontawesome-free/LICENSE.txt",
}


def _node_modules(app: Sphinx) -> Path:
    return Path(app.srcdir) / "node_modules"


def _check_installed(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    missing = [src for src in VENDOR_FILES.values() if not (_node_modules(app) / src).is_file()]
    if missing:
        raise ExtensionError(
            "The book serves its widget scripts itself, but they are not installed "
            f"(missing in {_node_modules(app)}: {', '.join(missing)}). "
            "Run `npm ci` in the repository (./run.sh build does it for you).")


def _copy_vendor_files(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    vendor = Path(app.outdir) / "_static" / "vendor"
    for dest, src in {**VENDOR_FILES, **LICENSES}.items():
        source = _node_modules(app) / src
        if source.is_file():  # licence files may move between releases; scripts are checked above
            (vendor / dest).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, vendor / dest)


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _check_installed)
    app.connect("build-finished", _copy_vendor_files)
    app.add_css_file("widgets-offline.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
