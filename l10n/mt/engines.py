"""deep-translator behind one call per engine: its quirks worked around, its errors classified."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

import requests
from deep_translator import (
    DeeplTranslator,
    GoogleTranslator,
    LibreTranslator,
    MicrosoftTranslator,
    MyMemoryTranslator,
)
from deep_translator import exceptions as dt

from l10n.mt.config import ProviderSettings
from l10n.mt.llm import ChatError, TextModel
from l10n.mt.transport import AnswerTooLarge, ResponseRecord

# deep-translator's LibreTranslator refuses an empty api_key even for servers without keys.
_KEYLESS_PLACEHOLDER = "no-key"
# MyMemory wants locale codes; deep-translator's own table has them under English names.
_MYMEMORY_LOCALES = {
    "en": "en-GB", "ro": "ro-RO", "de": "de-DE", "fr": "fr-FR",
    "el": "el-GR", "it": "it-IT", "es": "es-ES", "sv": "sv-SE",
}  # fmt: skip


class Translator(Protocol):
    def translate(self, text: str, **kwargs: Any) -> Any: ...


def make_translator(settings: ProviderSettings, source: str, target: str) -> Translator:
    """A deep-translator object for one language pair (not thread-safe: one per thread)."""
    builders = {
        "libretranslate": _libre,
        "google": _google,
        "mymemory": _mymemory,
        "deepl": _deepl,
        "microsoft": _microsoft,
        "openai": _openai,
    }
    return builders[settings.engine](settings, source, target)


def _openai(settings: ProviderSettings, source: str, target: str) -> Translator:
    translator: Translator = TextModel(settings, target, style=None)
    return translator


def _key(settings: ProviderSettings) -> str:
    return settings.api_key.reveal() if settings.api_key else _KEYLESS_PLACEHOLDER


def _libre(settings: ProviderSettings, source: str, target: str) -> Translator:
    # Libre's language list in deep-translator lacks el, sv and ro: construct with listed
    # codes, then assign the real ones (the .source/.target setters do not validate).
    libre = LibreTranslator(source="en", target="es", api_key=_key(settings),
                            custom_url=settings.url)  # fmt: skip
    libre.source = source
    libre.target = target
    translator: Translator = libre
    return translator


def _google(settings: ProviderSettings, source: str, target: str) -> Translator:
    translator: Translator = GoogleTranslator(source=source, target=target)
    return translator


def _mymemory(settings: ProviderSettings, source: str, target: str) -> Translator:
    email = settings.email.reveal() if settings.email else None
    translator: Translator = MyMemoryTranslator(
        source=_locale(source), target=_locale(target), email=email
    )
    return translator


def _locale(code: str) -> str:
    if "-" in code:
        return code
    return _MYMEMORY_LOCALES.get(code, f"{code}-{code.upper()}")


def _deepl(settings: ProviderSettings, source: str, target: str) -> Translator:
    translator: Translator = DeeplTranslator(
        source=source, target=target, api_key=_key(settings), use_free_api=settings.free
    )
    return translator


def _microsoft(settings: ProviderSettings, source: str, target: str) -> Translator:
    # Its constructor fetches the language list over HTTP: build it inside a request scope.
    translator: Translator = MicrosoftTranslator(
        source=source, target=target, api_key=_key(settings), region=settings.region
    )
    return translator


class FailureKind(enum.Enum):
    RETRY = "retry"  # 429 or 5xx: try again after a pause
    FATAL = "fatal"  # the provider is unusable for this run: stop and raise ProviderError
    TEXT = "text"  # this text only: report it, go on with the others


@dataclass(frozen=True)
class Failure:
    """A classified failure; `message` is safe to show (no secrets, no raw exception text)."""

    kind: FailureKind
    message: str
    status: int | None = None
    retry_after: float | None = None


def classify(
    exc: BaseException, record: ResponseRecord, settings: ProviderSettings, pair: str
) -> Failure:
    """Map whatever deep-translator or requests raised to one of our failures."""
    name = settings.name
    if isinstance(exc, ChatError):  # a language model's own client (l10n.mt.llm)
        kinds = {"retry": FailureKind.RETRY, "fatal": FailureKind.FATAL}
        return Failure(kinds.get(exc.kind, FailureKind.TEXT), str(exc), exc.status,
                       exc.retry_after)  # fmt: skip
    transport = record.transport_error or exc
    if isinstance(transport, AnswerTooLarge):
        return Failure(
            FailureKind.TEXT, f"{name}: answer larger than {transport.limit} bytes, not used"
        )
    if isinstance(transport, requests.Timeout) and not isinstance(
        transport, requests.ConnectTimeout
    ):
        return Failure(FailureKind.FATAL, f"{name}: no answer within {settings.timeout:g} s")
    if isinstance(transport, requests.ConnectionError):
        return Failure(
            FailureKind.FATAL,
            f"{name}: cannot connect to {public_endpoint(settings)} "
            "(connection refused, unreachable or timed out)",
        )
    status = record.status
    if status == 429 or isinstance(exc, dt.TooManyRequests) or "TOO_MANY" in str(exc):
        return Failure(FailureKind.RETRY, f"{name}: rate limited (HTTP 429)", 429,
                       _seconds(record.retry_after))  # fmt: skip
    if status is not None and status >= 500:
        return Failure(FailureKind.RETRY, f"{name}: server error (HTTP {status})", status,
                       _seconds(record.retry_after))  # fmt: skip
    if status in (401, 403) or isinstance(exc, dt.AuthorizationException | dt.ApiKeyException):
        return Failure(FailureKind.FATAL, _key_message(settings, status))
    if isinstance(exc, dt.LanguageNotSupportedException | dt.InvalidSourceOrTargetLanguage) or (
        status == 400 and "support" in record.body_excerpt.lower()
    ):
        return Failure(FailureKind.FATAL, f"{name}: {settings.engine} does not support {pair}")
    if isinstance(exc, dt.NotValidLength | dt.NotValidPayload | dt.TranslationNotFound):
        return Failure(FailureKind.TEXT, f"{name}: {type(exc).__name__} for this text", status)
    if status is not None and status >= 400:
        return Failure(FailureKind.TEXT, f"{name}: request refused (HTTP {status})", status)
    return Failure(FailureKind.FATAL, f"{name}: unexpected {type(exc).__name__} from the engine")


def _key_message(settings: ProviderSettings, status: int | None) -> str:
    code = f" (HTTP {status})" if status else ""
    if settings.api_key is None:
        env = settings.api_key_env or "an environment variable named by api_key_env"
        return f"{settings.name}: the server wants an API key{code}; set {env}"
    return f"{settings.name}: the server refused the API key{code}; check {settings.api_key_env}"


def missing_key_message(settings: ProviderSettings) -> str | None:
    """Why a provider that needs a key cannot run, or None when it can."""
    if not settings.needs_key or settings.api_key is not None:
        return None
    if settings.api_key_env is None:
        return f"{settings.name}: the {settings.engine} engine needs api_key_env in the config"
    return f"{settings.name}: environment variable {settings.api_key_env} is not set"


def public_endpoint(settings: ProviderSettings) -> str:
    """Where the provider lives, without credentials or query string."""
    if settings.url is None:
        return settings.engine
    parts = urlsplit(settings.url)
    return f"{parts.scheme}://{parts.hostname}" + (f":{parts.port}" if parts.port else "")


def _seconds(retry_after: str | None) -> float | None:
    try:
        return float(retry_after) if retry_after is not None else None
    except ValueError:
        return None
