"""The `mt:` section of config.yaml, validated; secrets come only from the environment."""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from l10n.errors import ConfigError
from l10n.yamlio import LineDict

ENGINES = ("libretranslate", "deepl", "google", "microsoft", "mymemory", "openai")
DEFAULT_LIBRE_URL_ENV = "L10N_LIBRE_URL"

_SECTION_KEYS = (
    "default", "per_language", "timeout", "concurrency", "max_retries",
    "backoff_base", "backoff_max", "cache", "do_not_translate", "providers", "formality",
)  # fmt: skip
FORMALITY = ("formal", "informal")
_COMMON_PROVIDER_KEYS = ("engine", "timeout", "concurrency", "max_retries")
_ENGINE_KEYS: dict[str, tuple[str, ...]] = {
    "libretranslate": ("url", "url_env", "api_key_env"),
    "deepl": ("api_key_env", "free"),
    "google": (),
    "microsoft": ("api_key_env", "region"),
    "mymemory": ("email_env",),
    "openai": (
        "base_url", "model", "api_key_env", "temperature", "batch_size", "max_length_ratio",
        "response_format",
    ),
}  # fmt: skip
RESPONSE_FORMATS = ("json_schema", "text")
_KEY_REQUIRED = ("deepl", "microsoft")
# Keys that would hold a secret in the file itself: refused, whatever their value.
_LITERAL_SECRET_KEYS = ("api_key", "auth_key", "key", "secret", "token", "password", "email")


class Secret:
    """A value read from the environment that never shows itself in str, repr or messages."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """Return the value itself, for the one call that sends it."""
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__


@dataclass(frozen=True)
class ProviderSettings:
    """One configured provider: an engine plus its endpoint, limits and secrets."""

    name: str
    engine: str
    timeout: float
    concurrency: int
    max_retries: int
    url: str | None = None
    region: str | None = None
    free: bool = True
    api_key_env: str | None = None
    email_env: str | None = None
    api_key: Secret | None = field(default=None, repr=False)
    email: Secret | None = field(default=None, repr=False)
    # language-model providers (engine openai): an OpenAI-compatible chat-completions server
    model: str | None = None
    temperature: float = 0.0
    batch_size: int = 20
    max_length_ratio: float = 3.0
    response_format: str = "json_schema"

    @property
    def is_model(self) -> bool:
        """True for a language model, which translates whole units in context."""
        return self.engine == "openai"

    @property
    def needs_key(self) -> bool:
        """True for engines that refuse every request without an API key."""
        return self.engine in _KEY_REQUIRED


@dataclass(frozen=True)
class MTSettings:
    """The whole `mt:` section, with defaults applied and cross-references checked."""

    providers: Mapping[str, ProviderSettings]
    default: str
    per_language: Mapping[str, str]
    cache_path: Path | None
    do_not_translate: tuple[str, ...]
    backoff_base: float = 0.5
    backoff_max: float = 30.0
    config_path: Path | None = None
    formality: Mapping[str, str] = field(default_factory=dict)

    def provider_for(self, target: str) -> ProviderSettings:
        """The provider that translates into `target` (per_language, else default)."""
        return self.providers[self.per_language.get(target, self.default)]


def parse_mt_config(
    section: Mapping[str, Any] | None,
    config_path: Path | str,
    environ: Mapping[str, str] | None = None,
) -> MTSettings:
    """Validate the `mt:` mapping; `environ` defaults to os.environ (tests pass their own)."""
    reader = _Reader(Path(config_path), os.environ if environ is None else environ)
    return reader.section(section or {})


@dataclass
class _Reader:
    path: Path
    environ: Mapping[str, str]

    def fail(
        self, message: str, mapping: Mapping[str, Any] | None = None, key: str | None = None
    ) -> ConfigError:
        """The error at the line of `key` in `mapping` (or of the mapping) when it knows it."""
        line = None
        if isinstance(mapping, LineDict):
            line = mapping.line_of(key) if key is not None else mapping.line
        return ConfigError(message, self.path, line or None)

    def check_keys(self, mapping: Mapping[str, Any], valid: tuple[str, ...], where: str) -> None:
        for key in mapping:
            if not isinstance(key, str):
                raise self.fail(f"{where}: key {key!r} must be a string (quote it)", mapping)
            if key in _LITERAL_SECRET_KEYS and key not in valid:
                raise self.fail(
                    f"{where}.{key}: secrets may not be written in the config file; "
                    f"put it in an environment variable and name that with "
                    f"'{_env_key_for(key, valid)}'",
                    mapping,
                    key,
                )
            if key not in valid:
                raise self.fail(f"{where}: unknown key '{key}'{_suggest(key, valid)}", mapping, key)

    def number(self, mapping: Mapping[str, Any], key: str, where: str, default: float) -> float:
        value = mapping.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise self.fail(
                f"{where}.{key}: expected a positive number, got {value!r}", mapping, key
            )
        return float(value)

    def integer(self, mapping: Mapping[str, Any], key: str, where: str, default: int) -> int:
        value = mapping.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(
                f"{where}.{key}: expected a whole number >= 0, got {value!r}", mapping, key
            )
        return value

    def text(self, mapping: Mapping[str, Any], key: str, where: str) -> str | None:
        value = mapping.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise self.fail(f"{where}.{key}: expected a non-empty string", mapping, key)
        return value

    def section(self, section: Mapping[str, Any]) -> MTSettings:
        if not isinstance(section, Mapping):
            raise self.fail("mt: expected a mapping")
        self.check_keys(section, _SECTION_KEYS, "mt")
        limits = {
            "timeout": self.number(section, "timeout", "mt", 10.0),
            "concurrency": max(1, self.integer(section, "concurrency", "mt", 4)),
            "max_retries": self.integer(section, "max_retries", "mt", 4),
        }
        raw_providers = section.get("providers") or {}
        if not isinstance(raw_providers, Mapping) or not raw_providers:
            raise self.fail(
                "mt.providers: expected a mapping of at least one provider", section, "providers"
            )
        providers = {
            str(name): self.provider(str(name), raw, limits) for name, raw in raw_providers.items()
        }
        default = self.default(section, providers)
        return MTSettings(
            providers=providers,
            default=default,
            per_language=self.per_language(section, providers),
            cache_path=self.cache_path(section),
            do_not_translate=self.terms(section),
            backoff_base=self.number(section, "backoff_base", "mt", 0.5),
            backoff_max=self.number(section, "backoff_max", "mt", 30.0),
            config_path=self.path,
            formality=self.formality(section),
        )

    def formality(self, section: Mapping[str, Any]) -> dict[str, str]:
        raw = section.get("formality") or {}
        if not isinstance(raw, Mapping):
            raise self.fail("mt.formality: expected a mapping of language code to formal/informal")
        for lang, value in raw.items():
            if not isinstance(lang, str):
                raise self.fail(f"mt.formality: language {lang!r} must be quoted")
            if value not in FORMALITY:
                raise self.fail(
                    f"mt.formality.{lang}: expected formal or informal{_suggest(value, FORMALITY)}"
                )
        return {str(lang): str(value) for lang, value in raw.items()}

    def default(self, section: Mapping[str, Any], providers: Mapping[str, Any]) -> str:
        default = section.get("default")
        if default is None and len(providers) == 1:
            return next(iter(providers))
        if default is None:
            raise self.fail("mt.default: name the provider to use (one of the providers)", section)
        return self.provider_name(default, providers, "mt.default")

    def provider_name(self, name: Any, providers: Mapping[str, Any], where: str) -> str:
        if not isinstance(name, str) or name not in providers:
            raise self.fail(
                f"{where}: no provider named {name!r}{_suggest(str(name), tuple(providers))}"
            )
        return name

    def per_language(
        self, section: Mapping[str, Any], providers: Mapping[str, Any]
    ) -> dict[str, str]:
        raw = section.get("per_language") or {}
        if not isinstance(raw, Mapping):
            raise self.fail(
                "mt.per_language: expected a mapping of language code to provider",
                section,
                "per_language",
            )
        for lang in raw:
            if not isinstance(lang, str):
                raise self.fail(f"mt.per_language: language {lang!r} must be quoted", raw)
        return {
            lang: self.provider_name(name, providers, f"mt.per_language.{lang}")
            for lang, name in raw.items()
        }

    def cache_path(self, section: Mapping[str, Any]) -> Path | None:
        raw = section.get("cache", ".l10n-cache/mt.sqlite3")
        if raw is None or raw is False:
            return None
        if not isinstance(raw, str) or not raw.strip():
            raise self.fail(
                "mt.cache: expected a file path (or null to disable the cache)", section, "cache"
            )
        return self.path.parent / raw

    def terms(self, section: Mapping[str, Any]) -> tuple[str, ...]:
        raw = section.get("do_not_translate") or []
        if not isinstance(raw, list) or not all(isinstance(t, str) and t.strip() for t in raw):
            raise self.fail(
                "mt.do_not_translate: expected a list of non-empty strings",
                section,
                "do_not_translate",
            )
        return tuple(t.strip() for t in raw)

    def provider(self, name: str, raw: Any, limits: Mapping[str, float | int]) -> ProviderSettings:
        where = f"mt.providers.{name}"
        if not isinstance(raw, Mapping):
            raise self.fail(f"{where}: expected a mapping with at least 'engine'")
        engine = raw.get("engine")
        if engine not in ENGINES:
            raise self.fail(
                f"{where}.engine: unknown engine {engine!r}{_suggest(engine, ENGINES)}",
                raw,
                "engine",
            )
        self.check_keys(raw, _COMMON_PROVIDER_KEYS + _ENGINE_KEYS[engine], where)
        free = raw.get("free", True)
        if not isinstance(free, bool):
            raise self.fail(f"{where}.free: expected true or false", raw, "free")
        api_key_env = self.text(raw, "api_key_env", where)
        email_env = self.text(raw, "email_env", where)
        model = self.model_settings(raw, where) if engine == "openai" else {}
        return ProviderSettings(
            name=name,
            engine=engine,
            timeout=self.number(raw, "timeout", where, limits["timeout"]),
            concurrency=max(1, self.integer(raw, "concurrency", where, int(limits["concurrency"]))),
            max_retries=self.integer(raw, "max_retries", where, int(limits["max_retries"])),
            url=self.url(raw, where) if engine == "libretranslate" else model.get("url"),
            region=self.text(raw, "region", where),
            free=free,
            api_key_env=api_key_env,
            email_env=email_env,
            api_key=self.secret(api_key_env),
            email=self.secret(email_env),
            **{key: value for key, value in model.items() if key != "url"},
        )

    def model_settings(self, raw: Mapping[str, Any], where: str) -> dict[str, Any]:
        """base_url, model, temperature, batch size, length ratio and reply format."""
        url = self.text(raw, "base_url", where)
        if not url:
            raise self.fail(
                f"{where}.base_url: an openai provider needs the server's base URL "
                "(e.g. http://127.0.0.1:11434/v1 for Ollama)"
            )
        if not url.startswith(("http://", "https://")):
            raise self.fail(f"{where}.base_url: expected an http:// or https:// URL, got {url!r}")
        model = self.text(raw, "model", where)
        if not model:
            raise self.fail(f"{where}.model: name the model to ask (e.g. llama3.1:8b)")
        temperature = raw.get("temperature", 0.0)
        if (
            isinstance(temperature, bool)
            or not isinstance(temperature, int | float)
            or not (0 <= temperature <= 2)
        ):
            raise self.fail(f"{where}.temperature: expected a number from 0 to 2")
        reply = raw.get("response_format", "json_schema")
        if reply not in RESPONSE_FORMATS:
            raise self.fail(
                f"{where}.response_format: expected one of {', '.join(RESPONSE_FORMATS)}"
                f"{_suggest(reply, RESPONSE_FORMATS)}"
            )
        return {
            "url": url,
            "model": model,
            "temperature": float(temperature),
            "batch_size": max(1, self.integer(raw, "batch_size", where, 20)),
            "max_length_ratio": self.number(raw, "max_length_ratio", where, 3.0),
            "response_format": reply,
        }

    def url(self, raw: Mapping[str, Any], where: str) -> str:
        url_env = self.text(raw, "url_env", where) or DEFAULT_LIBRE_URL_ENV
        url = self.environ.get(url_env) or self.text(raw, "url", where)
        source = f"environment variable {url_env}" if self.environ.get(url_env) else f"{where}.url"
        if not url:
            raise self.fail(f"{where}.url: a libretranslate provider needs a url", raw)
        if not url.startswith(("http://", "https://")):
            raise self.fail(
                f"{source}: expected an http:// or https:// URL, got {url!r}", raw, "url"
            )
        # deep-translator appends "translate" to the URL as is: it must end with "/".
        return url if url.endswith("/") else url + "/"

    def secret(self, env_name: str | None) -> Secret | None:
        value = self.environ.get(env_name, "") if env_name else ""
        return Secret(value) if value.strip() else None


def _env_key_for(key: str, valid: tuple[str, ...]) -> str:
    """The `*_env` key that should replace a literal secret key."""
    return f"{key}_env" if f"{key}_env" in valid else "api_key_env"


def _suggest(name: Any, valid: tuple[str, ...]) -> str:
    """`; did you mean 'x'?` for the nearest valid name, or the list of valid names."""
    close = difflib.get_close_matches(str(name), valid, n=1, cutoff=0.5)
    if close:
        return f"; did you mean '{close[0]}'?"
    return f"; valid: {', '.join(valid)}" if valid else ""
