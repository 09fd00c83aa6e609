"""A timeout and a response record for every HTTP call deep-translator makes on our behalf.

deep-translator calls the module-level `requests.get`/`requests.post` with no timeout, so a
server that accepts the connection and never answers hangs forever. Rather than fork it, we
replace the name `requests` inside its engine modules by `_ScopedRequests`, a stand-in that
forwards every other attribute to the real module. Inside `request_scope()` (our worker
threads) each call goes through the scope's `requests.Session` with the scope's timeout and is
recorded (status, Retry-After, a short body excerpt, transport failure) so failures can be
classified precisely; outside a scope (anyone else using deep-translator in the process) the
call is passed to `requests.request` unchanged.

Inside a scope, an answer is also bounded: it must arrive whole within the scope's timeout
(a server sending a byte a second is cut off, headers included: the exchange runs in a
helper thread the caller stops waiting for), and its body may not exceed the scope's
`max_answer_bytes` (set per text, relative to its length): a 200 MB answer is refused after
the first megabytes, never held in memory, cached or saved. And LibreTranslate's API key
goes in the request body, where LibreTranslate also reads it, not in the query string that
servers and proxies log.
"""

from __future__ import annotations

import importlib
import logging
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import requests
import urllib3

# An answer may be this large at least, and this many times the bytes of the text sent.
ANSWER_BASE_BYTES = 1 << 20
ANSWER_FACTOR = 16
_CHUNK = 1 << 16
_ENGINE_MODULES = (
    "deep_translator.libre",
    "deep_translator.google",
    "deep_translator.mymemory",
    "deep_translator.deepl",
    "deep_translator.microsoft",
)


@dataclass
class ResponseRecord:
    """What the last HTTP exchange of one call looked like, for classifying its failure."""

    status: int | None = None
    retry_after: str | None = None
    body_excerpt: str = ""
    transport_error: BaseException | None = None


@dataclass
class RequestScope:
    """The session, timeout and answer size limit of the calls one worker thread makes."""

    session: requests.Session
    timeout: float
    record: ResponseRecord = field(default_factory=ResponseRecord)
    max_answer_bytes: int = ANSWER_BASE_BYTES

    def limit_answer_to(self, text: str) -> None:
        """Bound the answers to the next calls by the size of the text they translate."""
        self.max_answer_bytes = ANSWER_BASE_BYTES + ANSWER_FACTOR * len(text.encode("utf-8"))


class AnswerTooLarge(requests.RequestException):
    """The answer's body went past the scope's `max_answer_bytes`; it was not read further."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"answer larger than {limit} bytes")
        self.limit = limit


_local = threading.local()


def _current_scope() -> RequestScope | None:
    scope: RequestScope | None = getattr(_local, "scope", None)
    return scope


class _ScopedRequests(ModuleType):
    """Stand-in for `requests` inside deep-translator's engine modules."""

    def __init__(self) -> None:
        super().__init__("requests")

    def __getattr__(self, name: str) -> Any:
        return getattr(requests, name)

    def get(self, url: str, **kwargs: Any) -> requests.Response:
        return _send("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> requests.Response:
        return _send("POST", url, **kwargs)


class _BodyParamsRequests(_ScopedRequests):
    """For LibreTranslate: the POST's parameters (the API key among them) go in the body."""

    def post(self, url: str, **kwargs: Any) -> requests.Response:
        if "params" in kwargs and "data" not in kwargs and "json" not in kwargs:
            kwargs["data"] = kwargs.pop("params")
        return _send("POST", url, **kwargs)


def _send(method: str, url: str, **kwargs: Any) -> requests.Response:
    scope = _current_scope()
    if scope is None:
        return requests.request(method, url, **kwargs)
    kwargs.setdefault("timeout", scope.timeout)
    scope.record = ResponseRecord()
    try:
        response = _bounded(scope, method, url, kwargs)
    except requests.RequestException as exc:
        scope.record.transport_error = exc
        raise
    scope.record.status = response.status_code
    scope.record.retry_after = response.headers.get("Retry-After")
    if response.status_code >= 400:
        scope.record.body_excerpt = response.text[:300]
    return response


def _bounded(
    scope: RequestScope, method: str, url: str, kwargs: dict[str, Any]
) -> requests.Response:
    """The whole answer within the scope's timeout and size limit, or an exception."""
    deadline = time.monotonic() + scope.timeout
    outcome: list[requests.Response | BaseException] = []
    finished = threading.Event()

    def fetch() -> None:
        try:
            response = scope.session.request(method, url, stream=True, **kwargs)
            with response:
                body = read_bounded(response, scope.max_answer_bytes, deadline)
            response._content = body  # what requests keeps when it reads the body itself
            outcome.append(response)
        except BaseException as exc:  # handed to the caller's thread
            outcome.append(exc)
        finally:
            finished.set()

    threading.Thread(target=fetch, name="mt-request", daemon=True).start()
    if not finished.wait(max(0.0, deadline - time.monotonic()) + 0.5):
        raise requests.ReadTimeout(f"no whole answer within {scope.timeout:g} s")
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result


def read_bounded(response: requests.Response, limit: int, deadline: float) -> bytes:
    """A streamed response's body; AnswerTooLarge past `limit` bytes, ReadTimeout past `deadline`.

    `read1` returns whatever has arrived, so a server that sends a byte now and then (which
    no per-read timeout catches) is measured against the deadline after every piece. What
    urllib3 raises on the way is turned into the `requests` exception it stands for.
    """
    body = bytearray()
    while chunk := _read_some(response):
        body += chunk
        if len(body) > limit:
            raise AnswerTooLarge(limit)
        if time.monotonic() > deadline:
            raise requests.ReadTimeout("the answer did not arrive in time")
    return bytes(body)


def _read_some(response: requests.Response) -> bytes:
    """What has arrived of the body (at least a byte, or none at its end)."""
    try:
        chunk: bytes = response.raw.read1(_CHUNK, decode_content=True)
    except urllib3.exceptions.ReadTimeoutError as exc:
        raise requests.ReadTimeout(str(exc)) from None
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        raise requests.ConnectionError(str(exc)) from None
    return chunk


# urllib3 logs every request line at DEBUG, query string included: deep-translator puts the
# LibreTranslate api_key, the DeepL auth_key and the MyMemory email (`de`) there.
_SECRET_QUERY = re.compile(r"([?&](?:api_key|auth_key|key|de)=)[^&\s\"']*")


class _RedactQueryFilter(logging.Filter):
    """Masks secret query parameters in urllib3's request log lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = _SECRET_QUERY.sub(r"\1***", message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


_REDACT_FILTER = _RedactQueryFilter()
_install_lock = threading.Lock()
_SHIM = _ScopedRequests()
_BODY_SHIM = _BodyParamsRequests()
_SHIMS = {"deep_translator.libre": _BODY_SHIM}


def install() -> None:
    """Route deep-translator's engine modules through the scoped stand-in (idempotent)."""
    with _install_lock:
        urllib3_log = logging.getLogger("urllib3.connectionpool")
        if _REDACT_FILTER not in urllib3_log.filters:
            urllib3_log.addFilter(_REDACT_FILTER)
        for name in _ENGINE_MODULES:
            module = importlib.import_module(name)
            shim = _SHIMS.get(name, _SHIM)
            if getattr(module, "requests", None) is not shim:
                setattr(module, "requests", shim)  # noqa: B010 - the module is untyped


@contextmanager
def request_scope(scope: RequestScope) -> Iterator[RequestScope]:
    """Make deep-translator calls in this thread use `scope` until the block ends."""
    install()
    previous = _current_scope()
    _local.scope = scope
    try:
        yield scope
    finally:
        _local.scope = previous
