"""Local networking for tests: a free port, and static files served on 127.0.0.1."""
from __future__ import annotations

import functools
import http.server
import socket
import threading
from pathlib import Path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without a log line per request (keeps pytest's output readable)."""

    def log_message(self, *args):
        pass


def start_file_server(directory: Path) -> http.server.ThreadingHTTPServer:
    """Serve ``directory`` on 127.0.0.1 (a free port) from a daemon thread; the caller calls
    ``shutdown()`` and ``server_close()`` when done."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
