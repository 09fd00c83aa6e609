"""Hostile machine-translation servers: a runaway answer, a server that trickles, key in URL.

A real HTTP server on 127.0.0.1 (tests/libretranslate_server.py) plays each server, and the
real deep-translator client talks to it through the project's transport.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from l10n.errors import ProviderError
from l10n.mt import MTService, parse_mt_config
from l10n.mt.transport import ANSWER_BASE_BYTES
from tests.conftest import snapshot_files
from tests.libretranslate_server import Behaviour, LibreTranslateServer


@pytest.fixture
def libre() -> Iterator[LibreTranslateServer]:
    with LibreTranslateServer() as server:
        yield server


def service(tmp_path: Path, url: str, timeout: float = 5, key: str | None = None) -> MTService:
    provider = {"engine": "libretranslate", "url": url, "api_key_env": "LIBRE_KEY"}
    section = {"timeout": timeout, "concurrency": 1, "max_retries": 0,
               "cache": "mt.sqlite3", "providers": {"libre": provider}}  # fmt: skip
    environ = {"LIBRE_KEY": key} if key else {}
    return MTService(parse_mt_config(section, tmp_path / "config.yaml", environ))


def test_a_runaway_answer_is_cut_off_reported_and_not_cached(
    tmp_path: Path, libre: LibreTranslateServer
) -> None:
    libre.behaviour = Behaviour(answer_bytes=200 << 20)  # 200 MB, as the matrix saw
    with service(tmp_path, libre.url) as mt:
        results = mt.translate_many(["Our work", "News"], "en", "sv")
        assert not results["Our work"].ok
        assert f"answer larger than {ANSWER_BASE_BYTES + 16 * 8} bytes" in str(
            results["Our work"].reason
        )
        libre.behaviour = Behaviour()
        again = mt.translate_many(["Our work"], "en", "sv")  # not from a cache
    assert again["Our work"].ok and not again["Our work"].from_cache


def test_an_answer_far_longer_than_the_text_is_not_used(
    tmp_path: Path, libre: LibreTranslateServer
) -> None:
    libre.behaviour = Behaviour(answer_bytes=300_000)  # under the byte limit, absurd for "News"
    with service(tmp_path, libre.url) as mt:
        result = mt.translate_many(["News"], "en", "sv")["News"]
    assert not result.ok and "an answer of 300000 characters for a text of 4" in str(result.reason)


def test_a_server_trickling_a_byte_at_a_time_meets_the_deadline(
    tmp_path: Path, libre: LibreTranslateServer
) -> None:
    """Each byte arrives well within the socket timeout; the whole answer never does."""
    libre.behaviour = Behaviour(trickle=0.2)
    with (
        service(tmp_path, libre.url, timeout=1) as mt,
        pytest.raises(ProviderError, match="no answer within 1 s"),
    ):
        mt.translate_many(["Our work"], "en", "sv")


def test_the_libretranslate_key_goes_in_the_body(
    tmp_path: Path, libre: LibreTranslateServer
) -> None:
    libre.behaviour = Behaviour(api_key="s3cret-key")
    with service(tmp_path, libre.url, key="s3cret-key") as mt:
        assert mt.translate_many(["News"], "en", "sv")["News"].ok
    assert libre.queries and all("s3cret" not in query for query in libre.queries)
    assert libre.received[-1]["api_key"] == "s3cret-key"  # read from the body


def test_pretranslate_against_a_runaway_server_saves_nothing(
    site_dir: Path, libre: LibreTranslateServer
) -> None:
    libre.behaviour = Behaviour(answer_bytes=50 << 20)
    before = snapshot_files(site_dir / "catalogs")
    environment = {**os.environ, "L10N_LIBRE_URL": libre.url}
    command = ["pretranslate", "--lang", "sv", "--kind", "menu", "--limit", "2"]
    done = subprocess.run(
        [sys.executable, "-m", "l10n.cli.main", "-c", str(site_dir / "config.yaml"), *command],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    assert done.returncode == 1, done.stderr  # units that failed are listed, as protection
    assert "answer larger than" in done.stdout + done.stderr
    assert snapshot_files(site_dir / "catalogs") == before
