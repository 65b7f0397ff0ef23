"""The book's "Try it here": each activity page can run its activity in the page.

At the end of an HTML build this builds the JupyterLite site into ``_build/html/lite``
(``lite_build.py``: the offline Pyodide, verified wheels, the course as a wheel) and reports its
size. Each activity page (the notebooks of ``activities/registry.py``) gets a ``<meta>`` naming
the in-page REPL that runs the notebook's own code cell; ``_static/try-it-here.js`` turns it into
the "Try it here" button. Without JavaScript the page stays as it was: the saved picture of the
activity and the Launch buttons.

``LEARNING_CIRCLES_LITE_CACHE`` names the folder the pinned wheels are downloaded to (default: the
user's cache folder, so builds of copies of the book download them once).
"""
from __future__ import annotations

import hashlib
import html
import json
import os
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

import platformdirs
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

import lite_build

logger = logging.getLogger(__name__)

CACHE_ENV = "LEARNING_CIRCLES_LITE_CACHE"
#: Activities that need what the in-page Python lacks: their pages keep only the Launch options.
NOT_IN_PAGE = {
    # checks the learner's checkpoint notebooks with nbgrader (cohort/), which Pyodide does not have
    "certificate": "nbgrader",
}
PINS = Path("book") / "lite" / "wheels.txt"


def download_folder() -> Path:
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_cache_dir("learning-circles-course", appauthor=False)) / "lite-wheels"


def activity_code(srcdir: Path, docname: str) -> str:
    """The code cells of the activity's notebook: the in-page activity runs exactly these."""
    notebook = json.loads((srcdir / f"{docname}.ipynb").read_text(encoding="utf-8"))
    cells = [cell["source"] for cell in notebook["cells"] if cell["cell_type"] == "code"]
    return "\n".join("".join(source) if isinstance(source, list) else source for source in cells)


def in_page_activities() -> list:
    """The registry's activities that "Try it here" runs in the page."""
    from activities.registry import ACTIVITIES

    return [activity for activity in ACTIVITIES if activity.name not in NOT_IN_PAGE]


@lru_cache(maxsize=None)
def _activity_docnames(srcdir: str) -> frozenset[str]:
    return frozenset(activity.docname for activity in in_page_activities()
                     if (Path(srcdir) / activity.notebook).is_file())


def _add_try_it(app: Sphinx, pagename: str, templatename, context, doctree) -> None:
    if pagename not in _activity_docnames(app.srcdir):
        return
    # (no "toolbar" parameter: any value of it keeps the REPL's toolbar)
    query = urlencode({"kernel": "python", "showBanner": "0", "hideCodeInput": "1",
                       "code": activity_code(Path(app.srcdir), pagename)})
    repl = context["pathto"](f"{lite_build.LITE_FOLDER}/repl/index.html", 1)
    tag = f'\n<meta name="lc-try-it" content="{html.escape(f"{repl}?{query}")}">'
    context["metatags"] = context.get("metatags", "") + tag


def _build_lite(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    srcdir, outdir = Path(app.srcdir), Path(app.outdir)
    stamp = outdir / lite_build.LITE_FOLDER / ".built-from"
    inputs = _inputs_fingerprint(srcdir)
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == inputs:
        return  # a rebuild that changed only pages (the preview): the site is as it was
    try:
        downloads = lite_build.download(download_folder(), srcdir / PINS)
        site = lite_build.build_site(srcdir, outdir, outdir.parent / ".lite-work", downloads)
    except lite_build.LiteBuildError as error:
        raise ExtensionError(f"the in-page activities (JupyterLite) could not be built: {error}") from error
    stamp.write_text(inputs, encoding="utf-8")
    site_mb = lite_build.folder_size(site) / 1e6
    book_mb = lite_build.folder_size(outdir) / 1e6 - site_mb
    logger.info(f"in-page Python: {site_mb:.1f} MB in {site} (the book without it: {book_mb:.1f} MB)")


def _inputs_fingerprint(srcdir: Path) -> str:
    """What the site is made of: the pins, the Pyodide lockfile, this build's code, activities/."""
    digest = hashlib.sha256()
    files = [srcdir / PINS, srcdir / "node_modules" / "pyodide" / "pyodide-lock.json",
             Path(lite_build.__file__), Path(__file__)]
    files += sorted(p for p in (srcdir / "activities").rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in files:
        digest.update(path.relative_to(srcdir).as_posix().encode() if path.is_relative_to(srcdir) else path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", _add_try_it)
    app.connect("build-finished", _build_lite)
    app.add_js_file("try-it-here.js", loading_method="defer")
    app.add_css_file("try-it-here.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
