"""The machine-translation cache: persistent, keyed by everything that changes an answer."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from l10n.errors import L10nError
from l10n.mt import MTCache


def test_put_get_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "mt.sqlite3"
    cache = MTCache(path)
    cache.put("libre", "libretranslate", "en", "de", "Hello <x1/>", "Hallo <x1/>")
    cache.close()
    reopened = MTCache(path)
    assert reopened.get("libre", "libretranslate", "en", "de", "Hello <x1/>") == "Hallo <x1/>"
    assert len(reopened) == 1
    reopened.close()


@pytest.mark.parametrize(
    "key",
    [
        ("deepl", "libretranslate", "en", "de", "Hello"),
        ("libre", "deepl", "en", "de", "Hello"),
        ("libre", "libretranslate", "fr", "de", "Hello"),
        ("libre", "libretranslate", "en", "sv", "Hello"),
        ("libre", "libretranslate", "en", "de", "Hello!"),
    ],
)
def test_every_key_field_matters(key: tuple[str, str, str, str, str]) -> None:
    cache = MTCache(None)
    cache.put("libre", "libretranslate", "en", "de", "Hello", "Hallo")
    assert cache.get(*key) is None
    cache.close()


def test_unusable_cache_file_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "mt.sqlite3"
    path.write_bytes(b"this is not a database, just some bytes" * 100)
    with pytest.raises(L10nError, match="delete it to start afresh") as caught:
        MTCache(path)
    assert caught.value.path == path


def test_a_planted_row_that_is_no_text_is_asked_again(tmp_path: Path) -> None:
    path = tmp_path / "mt.sqlite3"
    cache = MTCache(path)
    cache.put("libre", "libretranslate", "en", "de", "Hello", "Hallo")
    cache.close()
    with sqlite3.connect(path) as database:
        database.execute("UPDATE translations SET translation = ?", (b"\x80\x04 not text",))
    reopened = MTCache(path)
    assert reopened.get("libre", "libretranslate", "en", "de", "Hello") is None
    reopened.close()


def test_a_new_cache_folder_is_ignored_by_git(tmp_path: Path) -> None:
    cache = MTCache(tmp_path / "new-folder" / "mt.sqlite3")
    cache.close()
    assert (tmp_path / "new-folder" / ".gitignore").read_text().splitlines()[-1] == "*"
    assert not (tmp_path / ".gitignore").exists()
