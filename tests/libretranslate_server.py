"""A real local HTTP server speaking the LibreTranslate API as deep-translator calls it.

deep-translator's LibreTranslator sends `POST {url}translate` with q, source, target, format
and api_key in the query string and reads `{"translatedText": ...}`. The pseudo-translation is
deterministic: `"[sv] "` + the text with vowels accented, every `<...>` tag kept as is (as real
engines keep markup). Behaviour is set per test: latency, fail-first-N with 429 or 503, hang,
dropped or duplicated tags, a required API key, unsupported targets; requests are counted.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

_TAG = re.compile(r"<[^<>]*>")
_ACCENTS = str.maketrans("aeiouAEIOU", "áéíóúÁÉÍÓÚ")
LANGUAGES = ("en", "ro", "de", "fr", "el", "it", "es", "sv")


def pseudo_translate(text: str, target: str) -> str:
    """`[target] ` + text with vowels accented outside `<...>` tags."""
    pieces = _TAG.split(text)
    tags = [*_TAG.findall(text), ""]
    body = "".join(piece.translate(_ACCENTS) + tag for piece, tag in zip(pieces, tags, strict=True))
    return f"[{target}] {body}"


@dataclass
class Behaviour:
    """How the server answers; tests change it between or during runs."""

    latency: float = 0.0
    fail_first: int = 0
    fail_status: int = 429
    retry_after: str | None = None
    hang: bool = False
    echo: bool = False  # answer with the text as sent (the English), as some servers do
    drop_token: bool = False
    duplicate_token: bool = False
    api_key: str | None = None
    unsupported: frozenset[str] = field(default_factory=frozenset)
    answer_bytes: int = 0  # a translation this long, sent in pieces (a runaway server)
    trickle: float = 0.0  # seconds between the bytes of the reply, headers included


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are two writes: avoid the 40 ms ACK stall

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: the query string carries the API key."""

    def do_GET(self) -> None:
        if urlsplit(self.path).path.rstrip("/") == "/languages":
            langs = [{"code": c, "name": c, "targets": list(LANGUAGES)} for c in LANGUAGES]
            self._reply(200, langs)
        else:
            self._reply(404, {"error": "Not Found"})

    def do_POST(self) -> None:
        if urlsplit(self.path).path.rstrip("/") != "/translate":
            self._reply(404, {"error": "Not Found"})
            return
        state = self.server.owner
        state.queries.append(urlsplit(self.path).query)
        params = self._params()
        failing, behaviour = state.count(params)
        try:
            self._answer(state, params, failing, behaviour)
        finally:
            state.done()

    def _answer(
        self,
        state: LibreTranslateServer,
        params: dict[str, str],
        failing: bool,
        behaviour: Behaviour,
    ) -> None:
        if behaviour.hang:
            state.release.wait()
            self.close_connection = True
            return
        if failing:
            headers = {"Retry-After": behaviour.retry_after} if behaviour.retry_after else {}
            self._reply(behaviour.fail_status, {"error": "Slowdown"}, headers)
            return
        if behaviour.api_key is not None and params.get("api_key") != behaviour.api_key:
            self._reply(403, {"error": "Invalid API key"})
            return
        target = params.get("target", "")
        if target in behaviour.unsupported or target not in LANGUAGES:
            self._reply(400, {"error": f"{target} is not supported"})
            return
        if behaviour.latency:
            state.release.wait(behaviour.latency)
        if behaviour.answer_bytes:
            self._huge_reply(behaviour.answer_bytes)
            return
        if behaviour.trickle:
            self._trickle_reply(state, behaviour.trickle, params["q"], target)
            return
        translated = params["q"] if behaviour.echo else pseudo_translate(params["q"], target)
        self._reply(200, {"translatedText": _mangle(translated, behaviour)})

    def _huge_reply(self, size: int) -> None:
        """`{"translatedText": "xxx…"}` of `size` bytes, written 64 KiB at a time."""
        head, tail = b'{"translatedText": "', b'"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(head) + size + len(tail)))
        self.end_headers()
        try:
            self.wfile.write(head)
            for start in range(0, size, 1 << 16):
                self.wfile.write(b"x" * min(1 << 16, size - start))
            self.wfile.write(tail)
        except OSError:  # the client stopped reading
            self.close_connection = True

    def _trickle_reply(
        self, state: LibreTranslateServer, pause: float, text: str, target: str
    ) -> None:
        """A whole reply, status line and headers included, one byte per `pause` seconds."""
        data = json.dumps({"translatedText": pseudo_translate(text, target)}).encode("utf-8")
        reply = (
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {len(data)}\r\n\r\n".encode("ascii")
            + data
        )
        self.close_connection = True
        try:
            for byte in reply:
                if state.release.wait(pause):
                    return
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
        except OSError:
            return

    def _params(self) -> dict[str, str]:
        query = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8") if length else ""
        if body and "json" in (self.headers.get("Content-Type") or ""):
            return {str(k): str(v) for k, v in json.loads(body).items()}
        query.update(parse_qs(body, keep_blank_values=True))
        return {k: v[0] for k, v in query.items()}

    def _reply(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


def _mangle(translated: str, behaviour: Behaviour) -> str:
    first = _TAG.search(translated)
    if first is None:
        return translated
    if behaviour.drop_token:
        return translated[: first.start()] + translated[first.end() :]
    if behaviour.duplicate_token:
        return translated[: first.end()] + first.group() + translated[first.end() :]
    return translated


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: LibreTranslateServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet: a client that timed out and left is part of the tests."""


class LibreTranslateServer:
    """Start with `with LibreTranslateServer() as server:`; `server.url` ends with '/'."""

    def __init__(self, behaviour: Behaviour | None = None) -> None:
        self.behaviour = behaviour or Behaviour()
        self.release = threading.Event()
        self.requests = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self.received: list[dict[str, str]] = []
        self.queries: list[str] = []  # the query string of each request
        self._failed = 0
        self._lock = threading.Lock()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}/"

    def count(self, params: dict[str, str]) -> tuple[bool, Behaviour]:
        """Record one translate request; say whether it is one of the first N to fail."""
        with self._lock:
            self.requests += 1
            self.received.append(params)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            failing = self._failed < self.behaviour.fail_first
            self._failed += failing
            return failing, self.behaviour

    def done(self) -> None:
        """One request has been answered (or abandoned)."""
        with self._lock:
            self.in_flight -= 1

    def reset(self) -> None:
        """Forget counted requests and failures (behaviour stays)."""
        with self._lock:
            self.requests = 0
            self.received.clear()
            self.max_in_flight = self.in_flight
            self._failed = 0

    def start(self) -> LibreTranslateServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()

    def __enter__(self) -> LibreTranslateServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
