"""Secrets come from the environment only and never show in messages, reprs, logs or errors."""

from __future__ import annotations

import logging
import re
import socket
import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest

from l10n.errors import ProviderError
from l10n.mt import MTService, parse_mt_config
from tests.libretranslate_server import Behaviour, LibreTranslateServer

GOOD_KEY = "good-KEY-6f1e9a2b77"
WRONG_KEY = "wrong-KEY-0c4d8e11aa"


@pytest.fixture
def keyed_libre() -> Iterator[LibreTranslateServer]:
    with LibreTranslateServer(Behaviour(api_key=GOOD_KEY)) as server:
        yield server


def service(tmp_path: Path, url: str, key: str, engine: str = "libretranslate") -> MTService:
    provider = {"engine": engine, "api_key_env": "THE_KEY"}
    if engine == "libretranslate":
        provider["url"] = url
    section = {"cache": None, "timeout": 2, "max_retries": 0, "providers": {"p": provider}}
    return MTService(parse_mt_config(section, tmp_path / "config.yaml", {"THE_KEY": key}))


def everything_about(err: BaseException) -> str:
    """Message, repr, formatted traceback and every chained exception."""
    parts = [str(err), repr(err), "".join(traceback.format_exception(err))]
    cause = err.__cause__ or err.__context__
    while cause is not None:
        parts += [str(cause), repr(cause)]
        cause = cause.__cause__ or cause.__context__
    return "\n".join(parts)


def assert_no_secret(
    text: str, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    captured = capsys.readouterr()
    for secret in (GOOD_KEY, WRONG_KEY):
        assert secret not in text
        assert secret not in caplog.text
        assert secret not in captured.out + captured.err


def test_settings_and_service_reprs_hide_the_key(tmp_path: Path) -> None:
    svc = service(tmp_path, "http://127.0.0.1:9/", GOOD_KEY)
    provider = svc.settings.providers["p"]
    assert provider.api_key is not None and provider.api_key.reveal() == GOOD_KEY
    for shown in (repr(svc.settings), str(svc.settings), repr(provider), str(provider.api_key)):
        assert GOOD_KEY not in shown
    svc.close()


def test_refused_key(
    tmp_path: Path,
    keyed_libre: LibreTranslateServer,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    expected = re.escape("p: the server refused the API key (HTTP 403); check THE_KEY")
    with (
        service(tmp_path, keyed_libre.url, WRONG_KEY) as svc,
        pytest.raises(ProviderError, match=expected) as caught,
    ):
        svc.translate_many(["Hello"], "en", "de")
    assert keyed_libre.received[0]["api_key"] == WRONG_KEY  # it was really sent
    assert caught.value.__context__ is None and caught.value.__cause__ is None
    assert_no_secret(everything_about(caught.value), caplog, capsys)


def test_connection_refused_with_a_key(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    """requests puts the URL, query string and so the key into ConnectionError's message."""
    caplog.set_level(logging.DEBUG)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/"
    with service(tmp_path, url, GOOD_KEY) as svc, pytest.raises(ProviderError) as caught:
        svc.translate_many(["Hello"], "en", "de")
    assert_no_secret(everything_about(caught.value), caplog, capsys)


def test_successful_run_logs_no_key(
    tmp_path: Path,
    keyed_libre: LibreTranslateServer,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    with service(tmp_path, keyed_libre.url, GOOD_KEY) as svc:
        results = svc.translate_many(["Hello"], "en", "de")
    assert results["Hello"].ok
    assert '"POST /translate HTTP/1.1"' in caplog.text  # the key is in the body, not the URL
    assert_no_secret(repr(results), caplog, capsys)


def test_missing_key_for_an_engine_that_needs_one(tmp_path: Path) -> None:
    section = {"cache": None, "providers": {"deepl": {"engine": "deepl", "api_key_env": "DK"}}}
    settings = parse_mt_config(section, tmp_path / "config.yaml", {})
    with MTService(settings) as svc, pytest.raises(ProviderError, match="DK is not set"):
        svc.translate_many(["Hello"], "en", "de")
