"""Serve a built site on 127.0.0.1 only, behind a random token (`clinic-ready web`).

The address is ``http://127.0.0.1:PORT/TOKEN/``: a free port, and a token of 128 random bits as the
first path segment.  Anything else — another path, another host name in the request (a web page
elsewhere trying DNS rebinding) — gets 404 with no body worth reading.  The server only reads files
of the site; the answers never reach it (they stay in the browser), and it logs nothing.
"""

from __future__ import annotations

import http.server
import secrets
import threading
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlsplit

HOST = "127.0.0.1"
TYPES = {
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".css": "text/css",
    ".html": "text/html; charset=utf-8",
}
#: the same policy the page states in its own <meta> (for hosts that cannot send headers)
CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; worker-src 'self'; frame-src 'self' blob:; object-src 'none'; "
    "base-uri 'none'; form-action 'none'"
)


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def __init__(self, *args, token: str, port_holder: list, **kwargs):
        self.token, self.port_holder = token, port_holder
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args) -> None:  # the base class's name
        return

    def _allowed(self) -> str | None:
        """The path inside the site, or None (wrong token, wrong host)."""
        host = (self.headers.get("Host") or "").strip().lower()
        if host not in (f"{HOST}:{self.port_holder[0]}", f"localhost:{self.port_holder[0]}"):
            return None
        path = urlsplit(self.path).path
        prefix = f"/{self.token}/"
        if path == f"/{self.token}":
            return ""
        if not path.startswith(prefix):
            return None
        return unquote(path[len(prefix) :])

    def send_head(self):
        inner = self._allowed()
        if inner is None:
            self.send_error(404)
            return None
        if inner == "" and not urlsplit(self.path).path.endswith("/"):
            self.send_response(301)
            self.send_header("Location", f"/{self.token}/")
            self.end_headers()
            return None
        self.path = "/" + inner
        return super().send_head()

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.send_header("Cache-Control", "no-cache")  # revalidated (304) on every visit: a rebuild shows at once
        super().end_headers()


class Server:
    """The site served in a background thread; ``url`` is the address to open."""

    def __init__(self, site: Path, port: int = 0):
        self.token = secrets.token_urlsafe(16)
        holder: list = [0]
        handler = partial(_Handler, directory=str(site), token=self.token, port_holder=holder)
        self.httpd = http.server.ThreadingHTTPServer((HOST, port), handler)
        self.httpd.daemon_threads = True
        holder[0] = self.port = self.httpd.server_address[1]
        self.url = f"http://{HOST}:{self.port}/{self.token}/"
        self._thread: threading.Thread | None = None

    def start(self) -> Server:
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="clinic-ready-web", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
