"""A stranger's web server on 127.0.0.1 that records every request made to it, and learners' text
that would make a browser fetch from it if it were ever treated as markup (issue 14)."""
from __future__ import annotations

import http.server
import threading
from contextlib import contextmanager


class Recorder(http.server.BaseHTTPRequestHandler):
    """Every request a page makes to the stranger is recorded in ``requests``."""

    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        Recorder.requests.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@contextmanager
def stranger_server():
    """The port of a recording server (``Recorder.requests``), running until the block ends."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def remote_loads(port: int) -> str:
    """A reflection with an image, a stylesheet link, CSS ``url()`` (attribute and ``<style>``), an
    SVG with an external reference and a markdown image, all pointing at ``port``."""
    url = f"http://127.0.0.1:{port}"
    return (f"My plan <img src={url}/img.png> <link rel=stylesheet href={url}/link.css> "
            f"<div style=\"background:url({url}/css.png)\">styled</div> "
            f"<style>p {{ background: url({url}/style.png) }}</style> "
            f"<svg><image href=\"{url}/svg.png\"/></svg> ![a picture]({url}/markdown.png) ends here.")
