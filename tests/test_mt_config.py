"""The `mt:` section: one small bad config file per error, each naming the file and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from l10n.errors import ConfigError
from l10n.mt import MTSettings, parse_mt_config

DATA = Path(__file__).parent / "data" / "mt_config"
ENV = {
    "LIBRE_API_KEY": "libre-secret-1",
    "DEEPL_API_KEY": "deepl-secret-2",
    "MYMEMORY_EMAIL": "someone@example.org",
}


def load(name: str, environ: dict[str, str] | None = None) -> MTSettings:
    path = DATA / name
    section = yaml.safe_load(path.read_text(encoding="utf-8"))["mt"]
    return parse_mt_config(section, path, ENV if environ is None else environ)


def test_good_config_applies_defaults_overrides_and_paths() -> None:
    settings = load("good.yaml")
    assert settings.default == "libre"
    assert settings.provider_for("el").name == "libre"
    assert settings.provider_for("de").name == "deepl"
    assert settings.provider_for("sv").name == "libre"
    assert settings.cache_path == DATA / ".l10n-cache" / "mt.sqlite3"
    assert settings.do_not_translate == ("CIVIS", "BIP", "Open Lab")
    libre = settings.providers["libre"]
    assert libre.url == "http://127.0.0.1:5000/"  # deep-translator needs the trailing slash
    assert (libre.timeout, libre.concurrency, libre.max_retries) == (10.0, 4, 4)
    assert settings.providers["deepl"].timeout == 20.0
    assert settings.providers["microsoft"].api_key is None  # unset: reported at use
    assert settings.providers["microsoft"].region == "westeurope"


def test_url_env_overrides_the_libre_url() -> None:
    settings = load("good.yaml", {"L10N_LIBRE_URL": "https://mt.example.org/api"})
    assert settings.providers["libre"].url == "https://mt.example.org/api/"


def test_default_url_env_is_l10n_libre_url() -> None:
    section = {"providers": {"libre": {"engine": "libretranslate", "url": "http://a:1/"}}}
    settings = parse_mt_config(section, "config.yaml", {"L10N_LIBRE_URL": "http://b:2"})
    assert settings.providers["libre"].url == "http://b:2/"
    assert settings.default == "libre"  # the only provider


def test_cache_null_disables_the_file() -> None:
    section = {"cache": None, "providers": {"g": {"engine": "google"}}}
    assert parse_mt_config(section, "config.yaml", {}).cache_path is None


BAD_CASES = {
    "literal_api_key": "environment variable and name that with 'api_key_env'",
    "unknown_engine": "unknown engine 'libretranslat'; did you mean 'libretranslate'?",
    "unknown_provider_key": "mt.providers.libre: unknown key 'ulr'; did you mean 'url'?",
    "unknown_section_key": "mt: unknown key 'concurency'; did you mean 'concurrency'?",
    "default": "mt.default: no provider named 'libra'; did you mean 'libre'?",
    "per_language": "mt.per_language.el: no provider named 'gogle'; did you mean 'google'?",
    "timeout": "mt.timeout: expected a positive number, got -1",
    "url": "mt.providers.libre.url: expected an http:// or https:// URL",
    "no_providers": "mt.providers: expected a mapping of at least one provider",
    "language_key": "mt.per_language: language False must be quoted",
}


@pytest.mark.parametrize(("case", "expected"), BAD_CASES.items())
def test_bad_config_names_file_key_and_nearest_name(case: str, expected: str) -> None:
    name = f"bad_{case}.yaml"
    with pytest.raises(ConfigError) as caught:
        load(name)
    assert caught.value.path == DATA / name
    assert expected in caught.value.message
    assert caught.value.location().endswith(name)
    assert str(caught.value) == f"{caught.value.location()}: {caught.value.message}"


def test_literal_secret_value_never_in_the_error() -> None:
    with pytest.raises(ConfigError) as caught:
        load("bad_literal_api_key.yaml")
    assert "abc123-literal-key" not in str(caught.value)
    assert "abc123-literal-key" not in repr(caught.value)
