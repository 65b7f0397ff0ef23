"""What the built book needs to work as a static site with no CDN and a clean browser console.

1. Widget scripts served by the book itself. myst-nb puts each executed notebook's saved widget
   state in its page, plus the scripts listed in ``nb_ipywidgets_js`` (``_config.yml``) that render
   it: require.js, ``widgets-offline.js`` (tells require.js where the HTML manager's modules and
   third-party widget front ends such as anywidget live) and the ipywidgets HTML manager. By
   default they come from cdnjs/jsdelivr; here they are copied from ``node_modules``
   (``package.json``, installed by ``./run.sh build`` or ``npm ci``) into ``_static/widgets-offline``.
2. Widget colours with enough contrast (``widgets-offline.css``): the HTML manager's fallback
   theme puts white text on light Material shades.
3. One copy of each inline script. Jupyter Book 1 with Sphinx 7.4 emits the inline configuration
   scripts of sphinx-thebe and sphinx-togglebutton twice per page; the second
   ``const THEBE_JS_URL`` is a SyntaxError on every page.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

MANAGER_DIST = "@jupyter-widgets/html-manager/dist"

# destination under _static/widgets-offline -> source under node_modules
SCRIPTS = {
    "require.js": "requirejs/require.js",
    "html-manager/embed-amd.js": f"{MANAGER_DIST}/embed-amd.js",
    "anywidget/index.js": "anywidget/dist/index.js",
}
# Licence texts travel with the copies (the other two packages state theirs in package.json).
LICENSES = {
    "anywidget/LICENSE": "anywidget/LICENSE",
    "html-manager/FONT-AWESOME-LICENSE.txt": "@fortawesome/fontawesome-free/LICENSE.txt",
}


def _node_modules(app: Sphinx) -> Path:
    return Path(app.srcdir) / "node_modules"


def _vendor_files(app: Sphinx) -> dict[str, Path]:
    """Everything to copy: the scripts, the HTML manager's icon fonts, the licences."""
    modules = _node_modules(app)
    files = {dest: modules / src for dest, src in SCRIPTS.items()}
    # The HTML manager loads Font Awesome from the folder require.js says it lives in
    # (widgets-offline.js maps that to html-manager/); browsers take the woff2 files.
    for font in sorted((modules / MANAGER_DIST).glob("*.woff2")):
        files[f"html-manager/{font.name}"] = font
    files.update({dest: modules / src for dest, src in LICENSES.items()
                  if (modules / src).is_file()})
    return files


def _check_installed(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    missing = [src for src in SCRIPTS.values() if not (_node_modules(app) / src).is_file()]
    if missing:
        raise ExtensionError(
            "The book serves its widget scripts itself, but they are not installed "
            f"(missing in {_node_modules(app)}: {', '.join(missing)}). "
            "Run `npm ci` in the repository (./run.sh build does it for you).")


def _copy_vendor_files(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / "widgets-offline"
    for dest, source in _vendor_files(app).items():
        copy = target / dest
        # 4 MB on every rebuild otherwise; copy2 keeps the mtime that this check compares
        if copy.is_file() and _same_file_stat(source, copy):
            continue
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, copy)


def _same_file_stat(source: Path, copy: Path) -> bool:
    a, b = source.stat(), copy.stat()
    return a.st_size == b.st_size and a.st_mtime_ns == b.st_mtime_ns


def _drop_repeated_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for script in scripts:
        # an inline script's file name is None in one copy and "" in the other
        key = (str(getattr(script, "filename", script) or ""),
               tuple(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique  # Sphinx restores the full list after each page


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _check_installed)
    app.connect("build-finished", _copy_vendor_files)
    app.add_css_file("widgets-offline.css")
    # after the extensions that add page scripts (myst-nb's widget scripts use priority 500)
    app.connect("html-page-context", _drop_repeated_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
