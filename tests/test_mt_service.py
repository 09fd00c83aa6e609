"""translate_many with the real deep-translator client against a local LibreTranslate server."""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from deep_translator import LibreTranslator

from l10n.errors import ProviderError
from l10n.mt import MTResult, MTService, parse_mt_config
from tests.libretranslate_server import Behaviour, LibreTranslateServer

TERMS = ["CIVIS", "BIP", "Open Lab"]


@pytest.fixture
def libre() -> Iterator[LibreTranslateServer]:
    with LibreTranslateServer() as server:
        yield server


def make_service(tmp_path: Path, url: str, **mt: Any) -> MTService:
    provider = {"engine": "libretranslate", "url": url}
    provider.update(mt.pop("provider", {}))
    section = {
        "timeout": 5,
        "concurrency": 4,
        "max_retries": 3,
        "backoff_base": 0.01,
        "backoff_max": 0.05,
        "cache": "cache/mt.sqlite3",
        "do_not_translate": TERMS,
        "providers": {"libre": provider},
        **mt,
    }
    return MTService(parse_mt_config(section, tmp_path / "config.yaml", mt.pop("environ", {})))


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def test_translate_fills_results_deduplicated(tmp_path: Path, libre: LibreTranslateServer) -> None:
    texts = ["Hello world", "Welcome", "Hello world", "Our partners"]
    seen: list[MTResult] = []
    with make_service(tmp_path, libre.url) as service:
        results = service.translate_many(texts, "en", "sv", on_result=seen.append)
    assert set(results) == {"Hello world", "Welcome", "Our partners"}
    assert results["Hello world"].translation == "[sv] Hélló wórld"
    assert all(r.ok and not r.from_cache and r.provider == "libre" for r in results.values())
    assert libre.requests == 3
    assert sorted(r.text for r in seen) == sorted(results)


def test_rerun_hits_the_cache_with_zero_requests(
    tmp_path: Path, libre: LibreTranslateServer
) -> None:
    texts = [f"Sentence number {n}" for n in range(12)]
    with make_service(tmp_path, libre.url) as service:
        first = service.translate_many(texts, "en", "de")
    libre.reset()
    with make_service(tmp_path, libre.url) as service:
        second = service.translate_many(texts, "en", "de")
    assert libre.requests == 0
    assert all(r.from_cache for r in second.values())
    assert {t: r.translation for t, r in second.items()} == {
        t: r.translation for t, r in first.items()
    }
    db = sqlite3.connect(tmp_path / "cache" / "mt.sqlite3")
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    db.close()


def test_deleting_the_cache_loses_nothing(tmp_path: Path, libre: LibreTranslateServer) -> None:
    with make_service(tmp_path, libre.url) as service:
        first = service.translate_many(["Open days"], "en", "fr")
    for path in (tmp_path / "cache").iterdir():
        path.unlink()
    with make_service(tmp_path, libre.url) as service:
        second = service.translate_many(["Open days"], "en", "fr")
    assert second["Open days"].translation == first["Open days"].translation
    assert libre.requests == 2


@pytest.mark.parametrize("status", [429, 503])
def test_failures_then_200_succeed_after_retries(
    tmp_path: Path, libre: LibreTranslateServer, status: int
) -> None:
    libre.behaviour = Behaviour(fail_first=2, fail_status=status)
    with make_service(tmp_path, libre.url, concurrency=1) as service:
        results = service.translate_many(["Retry me"], "en", "it")
    assert results["Retry me"].translation == "[it] Rétry mé"
    assert libre.requests == 3


def test_429_after_all_retries_is_a_provider_error(
    tmp_path: Path, libre: LibreTranslateServer
) -> None:
    libre.behaviour = Behaviour(fail_first=1000, fail_status=429, retry_after="0")
    with (
        make_service(tmp_path, libre.url, max_retries=2) as service,
        pytest.raises(ProviderError, match=r"rate limited \(HTTP 429\) after 2 retries"),
    ):
        service.translate_many(["Slow down"], "en", "es")
    assert libre.requests == 3


def test_nothing_listening_fails_quickly(tmp_path: Path) -> None:
    url = closed_port_url()
    started = time.monotonic()
    with (
        make_service(tmp_path, url) as service,
        pytest.raises(ProviderError, match=r"libre: cannot connect to http://127\.0\.0\.1") as err,
    ):
        service.translate_many(["a", "b", "c", "d", "e"], "en", "ro")
    assert time.monotonic() - started < 3
    assert err.value.path == tmp_path / "config.yaml"


def test_server_that_never_answers_times_out(tmp_path: Path, libre: LibreTranslateServer) -> None:
    libre.behaviour = Behaviour(hang=True)
    texts = [f"Text {n}" for n in range(20)]
    started = time.monotonic()
    with (
        make_service(tmp_path, libre.url, timeout=1, concurrency=2) as service,
        pytest.raises(ProviderError, match=r"libre: no answer within 1 s"),
    ):
        service.translate_many(texts, "en", "el")
    assert time.monotonic() - started < 1 + 3  # one timeout plus generous slack, no retries
    assert libre.requests <= 2  # queued texts were never sent


def test_link_and_do_not_translate_terms_survive(
    tmp_path: Path, libre: LibreTranslateServer
) -> None:
    text = "Apply to the [CIVIS Open Lab](https://civis.eu/en/open-labs) by {date}."
    with make_service(tmp_path, libre.url) as service:
        result = service.translate_many([text], "en", "el")[text]
    assert result.ok
    assert result.translation == (
        "[el] Ápply tó thé [CIVIS Open Lab](https://civis.eu/en/open-labs) by {date}."
    )
    assert "civis.eu" not in libre.received[0]["q"]


@pytest.mark.parametrize("fault", ["drop", "duplicate"])
def test_engine_that_breaks_a_token_is_flagged_and_not_cached(
    tmp_path: Path, libre: LibreTranslateServer, fault: str
) -> None:
    libre.behaviour = Behaviour(drop_token=fault == "drop", duplicate_token=fault == "duplicate")
    text = "Contact {name} at the BIP office"
    with make_service(tmp_path, libre.url) as service:
        result = service.translate_many([text], "en", "sv")[text]
        assert not result.ok
        assert result.translation is None
        assert result.reason is not None and "protection failure" in result.reason
        service.translate_many([text], "en", "sv")
    assert libre.requests == 2


def test_languages_missing_from_deep_translators_libre_list(
    tmp_path: Path, libre: LibreTranslateServer
) -> None:
    with make_service(tmp_path, libre.url) as service:
        for lang in ("el", "sv", "ro"):
            assert service.translate_many(["Yes"], "en", lang)["Yes"].ok
    assert [r["target"] for r in libre.received] == ["el", "sv", "ro"]


def test_unsupported_language_is_a_provider_error(
    tmp_path: Path, libre: LibreTranslateServer
) -> None:
    libre.behaviour = Behaviour(unsupported=frozenset({"el"}))
    with (
        make_service(tmp_path, libre.url) as service,
        pytest.raises(ProviderError, match="libretranslate does not support en→el"),
    ):
        service.translate_many(["Hello"], "en", "el")


def test_edge_whitespace_is_kept_but_not_sent(tmp_path: Path, libre: LibreTranslateServer) -> None:
    with make_service(tmp_path, libre.url) as service:
        result = service.translate_many(["  Menu \n"], "en", "fr")["  Menu \n"]
    assert result.translation == "  [fr] Ménú \n"
    assert libre.received[0]["q"] == "Menu"


def test_untranslatable_texts_send_nothing(tmp_path: Path, libre: LibreTranslateServer) -> None:
    texts = ["", "   ", "CIVIS", "{count}", "https://civis.eu"]
    with make_service(tmp_path, libre.url) as service:
        results = service.translate_many(texts, "en", "de")
    assert {t: r.translation for t, r in results.items()} == {t: t for t in texts}
    assert libre.requests == 0


def test_concurrency_is_bounded_and_used(tmp_path: Path, libre: LibreTranslateServer) -> None:
    libre.behaviour = Behaviour(latency=0.05)
    texts = [f"Item {n}" for n in range(16)]
    with make_service(tmp_path, libre.url, concurrency=3) as service:
        service.translate_many(texts, "en", "de")
    assert 1 < libre.max_in_flight <= 3


def test_results_arrive_progressively(tmp_path: Path, libre: LibreTranslateServer) -> None:
    libre.behaviour = Behaviour(latency=0.1)
    texts = [f"Step {n}" for n in range(4)]
    with make_service(tmp_path, libre.url, concurrency=1) as service:
        iterator = service.iter_translate(texts, "en", "it")
        first = next(iterator)
        assert first.ok and libre.requests < len(texts)
        rest = list(iterator)
    assert len(rest) == 3


def test_cancel_stops_early_and_keeps_what_finished(
    tmp_path: Path, libre: LibreTranslateServer
) -> None:
    libre.behaviour = Behaviour(latency=0.05)
    texts = [f"Paragraph {n}" for n in range(40)]
    cancel = threading.Event()
    done: list[MTResult] = []

    def record_and_stop_after_three(result: MTResult) -> None:
        done.append(result)
        if len(done) == 3:
            cancel.set()

    with make_service(tmp_path, libre.url, concurrency=2) as service:
        results = service.translate_many(
            texts, "en", "sv", cancel=cancel, on_result=record_and_stop_after_three
        )
    assert 3 <= len(results) < len(texts)
    libre.reset()
    with make_service(tmp_path, libre.url) as service:
        rerun = service.translate_many(texts, "en", "sv")
    assert sum(r.from_cache for r in rerun.values()) == len(results)
    assert libre.requests == len(texts) - len(results)


def test_cancel_during_a_retry_wait_ends_it(tmp_path: Path, libre: LibreTranslateServer) -> None:
    libre.behaviour = Behaviour(fail_first=1000, fail_status=429, retry_after="30")
    cancel = threading.Event()
    outcome: list[object] = []

    def translate() -> None:
        with make_service(tmp_path, libre.url, backoff_max=60) as service:
            outcome.append(service.translate_many(["Wait for me"], "en", "de", cancel=cancel))

    worker = threading.Thread(target=translate)
    worker.start()
    while libre.requests == 0:
        time.sleep(0.01)
    cancel.set()  # the service now waits the 30 s the server asked for before retrying
    worker.join(timeout=10)
    assert not worker.is_alive(), "the retry's wait ignored the cancel"
    assert outcome == [{}]  # nothing translated, nothing raised
    assert libre.requests == 1


def test_breaking_out_of_the_iterator_keeps_what_finished(
    tmp_path: Path, libre: LibreTranslateServer
) -> None:
    texts = [f"Line {n}" for n in range(10)]
    with make_service(tmp_path, libre.url, concurrency=1) as service:
        for _ in service.iter_translate(texts, "en", "fr"):
            break
    libre.reset()
    with make_service(tmp_path, libre.url) as service:
        rerun = service.translate_many(texts, "en", "fr")
    assert sum(r.from_cache for r in rerun.values()) >= 1


def test_deep_translator_outside_the_service_is_unchanged(libre: LibreTranslateServer) -> None:
    """The scoped stand-in for `requests` passes other callers through as before."""
    translator = LibreTranslator(source="en", target="de", api_key="x", custom_url=libre.url)
    assert translator.translate("Hello") == "[de] Hélló"


def test_unknown_provider_name_is_an_error(tmp_path: Path, libre: LibreTranslateServer) -> None:
    with (
        make_service(tmp_path, libre.url) as service,
        pytest.raises(ProviderError, match="no provider named 'deepl'"),
    ):
        service.translate_many(["x"], "en", "de", provider="deepl")
