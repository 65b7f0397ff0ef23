"""``./run.sh preview``: see a changed page in the browser about a second after saving it.

``jupyter-book build`` starts a new Python, imports Jupyter Book and Sphinx and sets Sphinx up
before it looks at a single page: about 3 s that every rebuild pays again, even when one
sentence changed. The preview pays that once. It keeps one Sphinx application (configured exactly
as ``jupyter-book build -W -n --keep-going`` configures it, from ``_config.yml`` and ``_toc.yml``)
alive, watches the sources, and on each change runs Sphinx's own incremental build: only the
changed pages are read again and jupyter-cache re-runs a notebook only when its code changed.

It serves ``_build/html`` on 127.0.0.1. Pages it serves get one extra script (added while serving,
never written into ``_build/html``) that reloads the page after each rebuild and shows the
warnings the published build would stop on. Warnings are kept per page until that page is fixed:
Sphinx does not read an unchanged page again, so a plain second build forgets them.

What triggers what:
- a page, notebook or image changes: Sphinx rebuilds what depends on it;
- ``_config.yml`` or ``_toc.yml`` changes: a new Sphinx application (as a new build would);
- ``book/_static`` changes: the static files are copied again;
- ``activities/`` (the code behind the notebooks) changes: the notebooks run again.
"""
from __future__ import annotations

import argparse
import http.server
import json
import os
import re
import shutil
import signal
import sys
import threading
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Folders that are never sources of the book (or are its output).
SKIP_DIRS = {"_build", ".venv", "node_modules", ".git", "__pycache__", ".pytest_cache",
             ".ipynb_checkpoints", ".hypothesis", "tests", "benchmarks", ".github"}
RESTART_FILES = {"_config.yml", "_toc.yml"}
NOTEBOOK_INPUTS = ("activities/",)  # what executed notebooks show comes from here
WARNING_LINE = re.compile(r"^(?P<path>[^\n]+?)(?::\d+)?: (?:WARNING|ERROR|CRITICAL|SEVERE)")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def snapshot(source: Path) -> dict[str, tuple[int, int]]:
    """Modification time and size of every file that can change the book."""
    found: dict[str, tuple[int, int]] = {}
    stack = [source]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name not in SKIP_DIRS and not entry.name.endswith(".egg-info"):
                    stack.append(Path(entry.path))
            else:
                try:  # editors create and delete temporary files all the time
                    stat = entry.stat()
                except OSError:
                    continue
                found[Path(entry.path).relative_to(source).as_posix()] = (stat.st_mtime_ns, stat.st_size)
    return found


class WarningLog:
    """Sphinx's warning stream: echoes to the terminal and remembers each warning by page.

    Sphinx writes one warning per ``write`` call ("path:line: WARNING: text").
    """

    def __init__(self, echo=sys.stderr):
        self.echo = echo
        self.current: list[str] = []

    def write(self, text: str) -> int:
        self.echo.write(text)
        text = ANSI.sub("", text).strip()
        if text:
            self.current.append(text)
        return len(text)

    def flush(self) -> None:
        self.echo.flush()

    def isatty(self) -> bool:
        return False


class StatusLog:
    """Sphinx's progress messages: shown for the first build and set-ups, muted for rebuilds."""

    def __init__(self, echo=sys.stdout):
        self.echo = echo
        self.muted = False

    def write(self, text: str) -> int:
        return len(text) if self.muted else self.echo.write(text)

    def flush(self) -> None:
        self.echo.flush()

    def isatty(self) -> bool:
        return False


class Preview:
    """One long-lived Sphinx application and the problems each page has right now."""

    def __init__(self, source: Path):
        self.source = source.resolve()
        self.outdir = self.source / "_build" / "html"
        self.doctreedir = self.source / "_build" / ".doctrees"
        self.status = StatusLog()
        self.published_problems: list[str] = []
        self.log = WarningLog()
        self.app = None
        self._contexts = None
        self.problems: dict[str, list[str]] = {}  # page (or "" for the whole book) -> warnings
        self.build_number = 0
        self.building = False
        self.last_seconds = 0.0
        self.lock = threading.Lock()

    # -- Sphinx application ------------------------------------------------------------------
    def _new_app(self):
        """Configure Sphinx the way ``jupyter-book build PATH -W -n --keep-going`` does."""
        from jupyter_book.config import get_final_config
        from sphinx.application import Sphinx
        from sphinx.util.docutils import docutils_namespace, patch_docutils

        self.close()
        overrides = {"external_toc_path": (self.source / "_toc.yml").as_posix(),
                     "latex_individualpages": False, "nitpicky": True}
        config, _ = get_final_config(user_yaml=self.source / "_config.yml", cli_config=overrides,
                                     sourcedir=self.source, use_external_toc=True)
        # Sphinx registers directives and roles in docutils' global tables for as long as these
        # are open: keep them open for the application's whole life.
        self._contexts = [patch_docutils(None), docutils_namespace()]
        for context in self._contexts:
            context.__enter__()
        # The first application reads every page once (a fresh environment; jupyter-cache still
        # saves running the notebooks): the warnings of pages an earlier build did not re-read
        # are only known that way.
        self.app = Sphinx(srcdir=self.source, confdir=None, outdir=self.outdir,
                          doctreedir=self.doctreedir, buildername="html", confoverrides=config,
                          status=self.status, warning=self.log, warningiserror=True, keep_going=True,
                          freshenv=self.build_number == 0)
        self.app.connect("env-before-read-docs", self._forget_problems_of_reread_pages)

    def close(self) -> None:
        self.app = None
        for context in reversed(self._contexts or []):
            context.__exit__(None, None, None)
        self._contexts = None

    def _forget_problems_of_reread_pages(self, app, env, docnames) -> None:
        for docname in docnames:
            self.problems.pop(docname, None)

    # -- building ----------------------------------------------------------------------------
    def build(self, changed: set[str] | None = None) -> None:
        """Bring ``_build/html`` up to date with the sources; never raises."""
        changed = changed or set()
        start = time.perf_counter()
        with self.lock:
            self.building = True
        self.log.current = []
        self.problems.pop("", None)
        self.status.muted = self.app is not None and not changed & RESTART_FILES
        if any(path.startswith("book/_ext/") for path in changed):
            print("preview: book/_ext changed; stop and start the preview to load the new extension code.",
                  file=sys.stderr, flush=True)
        try:
            if self.app is None or changed & RESTART_FILES:
                self._new_app()
            if any(path.startswith(NOTEBOOK_INPUTS) for path in changed):
                self._rerun_notebooks()
            self.app._warncount = 0
            self.app.statuscode = 0
            self.app.build()
            if any(path.startswith("book/_static/") for path in changed):
                self.app.builder.copy_static_files()
            self._file_warnings()
        except Exception as error:  # a broken page or config must not stop the preview
            self._file_warnings()
            detail = "".join(traceback.format_exception_only(type(error), error)).strip()
            self.problems[""] = self.problems.get("", []) + [f"The build stopped: {detail}"]
            print(f"preview: the build stopped ({detail}); fix it and save again.", file=sys.stderr)
            self.close()  # start from a fresh application next time
        self.last_seconds = time.perf_counter() - start
        with self.lock:
            self.published_problems = self.problem_list()
            self.build_number += 1
            self.building = False
        self._report()

    def _rerun_notebooks(self) -> None:
        """Activity code changed: drop jupyter-cache and read every notebook page again."""
        shutil.rmtree(self.source / "_build" / ".jupyter_cache", ignore_errors=True)
        env = self.app.env
        for docname in env.found_docs:
            if str(env.doc2path(docname)).endswith(".ipynb"):
                env.reread_always.add(docname)  # Sphinx drops it again once the page is read

    def _file_warnings(self) -> None:
        env = self.app.env if self.app is not None else None
        for text in self.log.current:
            docname = ""
            match = WARNING_LINE.match(text)
            if match and env is not None:
                docname = env.path2doc(match["path"]) or ""
            text = text.replace(f"{self.source}{os.sep}", "")  # paths as the author sees them
            page = self.problems.setdefault(docname, [])
            if text not in page:
                page.append(text)
        self.log.current = []

    def problem_list(self) -> list[str]:
        return [text for page in sorted(self.problems) for text in self.problems[page]]

    def state(self) -> dict:
        with self.lock:
            return {"build": self.build_number, "building": self.building,
                    "seconds": round(self.last_seconds, 3), "problems": list(self.published_problems)}

    def _report(self) -> None:
        problems = self.problem_list()
        if problems:
            print(f"preview: build {self.build_number} took {self.last_seconds:.1f} s; "
                  f"{len(problems)} warning(s) that `./run.sh build` (-W -n) would stop on:",
                  file=sys.stderr, flush=True)
            for text in problems:
                print("  " + text.replace("\n", "\n  "), file=sys.stderr, flush=True)
        else:
            print(f"preview: build {self.build_number} took {self.last_seconds:.1f} s; no warnings.",
                  flush=True)

    # -- watching ----------------------------------------------------------------------------
    def watch(self, interval: float = 0.2, before: dict | None = None) -> None:
        before = snapshot(self.source) if before is None else before
        while True:
            time.sleep(interval)
            now = snapshot(self.source)
            if now == before:
                continue
            changed = {path for path in now.keys() | before.keys() if now.get(path) != before.get(path)}
            before = now
            print(f"preview: changed {', '.join(sorted(changed)[:5])}"
                  f"{' ...' if len(changed) > 5 else ''}", flush=True)
            self.build(changed)


#: Added to every served page (never to _build/html): reload after each rebuild, show warnings.
LIVE_SCRIPT = (Path(__file__).with_name("preview-live.js")).read_text(encoding="utf-8")


def make_handler(preview: Preview):
    outdir = str(preview.outdir)

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=outdir, **kwargs)

        def end_headers(self):
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def log_message(self, format, *args):  # the terminal is for build messages
            pass

        def _send(self, body: bytes, content_type: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            path = self.path.split("?", 1)[0].split("#", 1)[0]
            if path == "/_preview/status":
                return self._send(json.dumps(preview.state()).encode(), "application/json")
            if path == "/_preview/live.js":
                return self._send(LIVE_SCRIPT.encode(), "text/javascript; charset=utf-8")
            local = Path(self.translate_path(path))
            if local.is_dir():
                if not path.endswith("/"):
                    return super().do_GET()  # the base class redirects "dir" to "dir/"
                local = local / "index.html"
            if local.suffix == ".html" and local.is_file():
                html = local.read_bytes()
                tag = b'<script src="/_preview/live.js"></script>'
                html = html.replace(b"</body>", tag + b"</body>", 1) if b"</body>" in html else html + tag
                return self._send(html, "text/html; charset=utf-8")
            return super().do_GET()

    return Handler


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./run.sh preview", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (0: any free port)")
    parser.add_argument("--source", type=Path, default=ROOT, help="the book's folder (with _config.yml)")
    parser.add_argument("--interval", type=float, default=0.2, help="seconds between looks for changes")
    args = parser.parse_args(argv)

    preview = Preview(args.source)
    try:  # before the first build, so a busy port is reported at once
        server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(preview))
    except OSError as error:
        print(f"preview: cannot listen on 127.0.0.1:{args.port} ({error.strerror}); "
              f"choose another port, e.g. ./run.sh preview --port {args.port + 1}", file=sys.stderr)
        return 2
    server.daemon_threads = True
    signal.signal(signal.SIGTERM, _stop)  # `kill` stops it like Ctrl+C does
    serving = None
    try:
        print(f"preview: building {preview.outdir} (reads every page once; runs only the notebooks "
              "that changed)", flush=True)
        sources = snapshot(preview.source)  # taken before the build: edits made during it count
        preview.build()
        serving = threading.Thread(target=server.serve_forever, daemon=True)
        serving.start()
        print(f"preview: serving http://127.0.0.1:{server.server_port}/ - edit and save a page to "
              "rebuild it; Ctrl+C stops", flush=True)
        preview.watch(args.interval, before=sources)
    except KeyboardInterrupt:
        print("preview: stopped.", flush=True)
    finally:
        if serving is not None:  # shutdown() waits for serve_forever, which must have started
            server.shutdown()
        server.server_close()
        preview.close()
    return 0


def _stop(signum, frame):
    raise KeyboardInterrupt


if __name__ == "__main__":
    sys.exit(main())
