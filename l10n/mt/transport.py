"""A timeout and a response record for every HTTP call deep-translator makes on our behalf.

deep-translator calls the module-level `requests.get`/`requests.post` with no timeout, so a
server that accepts the connection and never answers hangs forever. Rather than fork it, we
replace the name `requests` inside its engine modules by `_ScopedRequests`, a stand-in that
forwards every other attribute to the real module. Inside `request_scope()` (our worker
threads) each call goes through the scope's `requests.Session` with the scope's timeout and is
recorded (status, Retry-After, a short body excerpt, transport failure) so failures can be
classified precisely; outside a scope (anyone else using deep-translator in the process) the
call is passed to `requests.request` unchanged.
"""

from __future__ import annotations

import importlib
import logging
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import requests

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
    """The session and timeout used by the calls one worker thread makes."""

    session: requests.Session
    timeout: float
    record: ResponseRecord = field(default_factory=ResponseRecord)


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


def _send(method: str, url: str, **kwargs: Any) -> requests.Response:
    scope = _current_scope()
    if scope is None:
        return requests.request(method, url, **kwargs)
    kwargs.setdefault("timeout", scope.timeout)
    scope.record = ResponseRecord()
    try:
        response = scope.session.request(method, url, **kwargs)
    except requests.RequestException as exc:
        scope.record.transport_error = exc
        raise
    scope.record.status = response.status_code
    scope.record.retry_after = response.headers.get("Retry-After")
    if response.status_code >= 400:
        scope.record.body_excerpt = response.text[:300]
    return response


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


def install() -> None:
    """Route deep-translator's engine modules through the scoped stand-in (idempotent)."""
    with _install_lock:
        urllib3_log = logging.getLogger("urllib3.connectionpool")
        if _REDACT_FILTER not in urllib3_log.filters:
            urllib3_log.addFilter(_REDACT_FILTER)
        for name in _ENGINE_MODULES:
            module = importlib.import_module(name)
            if getattr(module, "requests", None) is not _SHIM:
                setattr(module, "requests", _SHIM)  # noqa: B010 - the module is untyped


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
