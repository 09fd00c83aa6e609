"""Engine adapters and failure classification, without any network."""

from __future__ import annotations

import pytest
import requests
from deep_translator import exceptions as dt

from l10n.mt import parse_mt_config
from l10n.mt.config import ProviderSettings
from l10n.mt.engines import FailureKind, classify, make_translator, missing_key_message
from l10n.mt.transport import ResponseRecord

SECTION = {
    "providers": {
        "libre": {"engine": "libretranslate", "url": "http://127.0.0.1:9"},
        "google": {"engine": "google"},
        "mymemory": {"engine": "mymemory", "email_env": "MAIL"},
        "deepl": {"engine": "deepl", "api_key_env": "DK"},
    },
    "default": "libre",
}


def provider(name: str, environ: dict[str, str] | None = None) -> ProviderSettings:
    return parse_mt_config(SECTION, "config.yaml", environ or {}).providers[name]


@pytest.mark.parametrize(
    ("name", "target", "expected"),
    [("libre", "el", "el"), ("google", "sv", "sv"), ("mymemory", "el", "el-GR"),
     ("mymemory", "ro", "ro-RO"), ("deepl", "sv", "sv")],
)  # fmt: skip
def test_language_codes_per_engine(name: str, target: str, expected: str) -> None:
    translator = make_translator(provider(name, {"DK": "k", "MAIL": "a@b.eu"}), "en", target)
    assert getattr(translator, "target") == expected  # noqa: B009 - not in the Protocol


def test_missing_key_is_reported_only_for_engines_that_need_one() -> None:
    assert missing_key_message(provider("deepl")) == "deepl: environment variable DK is not set"
    assert missing_key_message(provider("deepl", {"DK": "k"})) is None
    assert missing_key_message(provider("libre")) is None


@pytest.mark.parametrize(
    ("exc", "record", "kind", "text"),
    [
        (dt.TooManyRequests(), ResponseRecord(status=429), FailureKind.RETRY, "HTTP 429"),
        (dt.ServerException(429), ResponseRecord(status=429), FailureKind.RETRY, "HTTP 429"),
        (dt.ServerException(503), ResponseRecord(status=503), FailureKind.RETRY, "HTTP 503"),
        (dt.RequestError(), ResponseRecord(status=502), FailureKind.RETRY, "HTTP 502"),
        (dt.AuthorizationException("k"), ResponseRecord(status=403), FailureKind.FATAL, "API key"),
        (dt.LanguageNotSupportedException("xx"), ResponseRecord(), FailureKind.FATAL, "support"),
        (dt.NotValidLength("t", 0, 500), ResponseRecord(), FailureKind.TEXT, "NotValidLength"),
        (dt.ServerException(413), ResponseRecord(status=413), FailureKind.TEXT, "HTTP 413"),
        (requests.ReadTimeout(), ResponseRecord(), FailureKind.FATAL, "no answer within"),
        (requests.ConnectionError(), ResponseRecord(), FailureKind.FATAL, "cannot connect"),
        (AttributeError("x"), ResponseRecord(transport_error=requests.ReadTimeout()),
         FailureKind.FATAL, "no answer within"),
        (KeyError("x"), ResponseRecord(status=200), FailureKind.FATAL, "unexpected KeyError"),
    ],
)  # fmt: skip
def test_classification(
    exc: BaseException, record: ResponseRecord, kind: FailureKind, text: str
) -> None:
    failure = classify(exc, record, provider("google"), "en→sv")
    assert failure.kind is kind
    assert text in failure.message
