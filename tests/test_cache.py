"""The cache (l10n/cache/store.py): any change to content or catalogs invalidates it.

Each case warms the cache (status, check-only sync), changes one file, and compares what
the cached run answers with what a run without any cache answers. Not timed: speed is
measured by bench/run.py.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from l10n.cache import store as cache_module
from l10n.cache.codec import Codec
from l10n.cache.keys import digest_files
from l10n.cache.store import ENV_DISABLE, SUFFIX, Cache, FileMemo, committed
from l10n.config import load_config
from l10n.coverage.stats import collect_entries, compute_stats
from l10n.sources.site import load_site
from l10n.sync.run import sync

ARTICLE = "aix-marseille-universite-societal-innovation-at-the-heart-of-local-civis-days"


Answers = tuple[str, bool, list[str], list[object]]


def answers(config_path: Path) -> Answers:
    """Status numbers, whether sync has nothing to do, the English, every record."""
    config = load_config(config_path)
    with committed(Cache.of(config)) as cache:  # each as a command of its own
        stats = json.dumps(compute_stats(config, cache=cache).as_json(), sort_keys=True)
    with committed(Cache.of(config)) as cache:
        clean = sync(config, check_only=True, cache=cache).clean
    with committed(Cache.of(config)) as cache:
        site = load_site(config, cache)
        english = [unit.source for units in site.templates.values() for unit in units]
        records: list[object] = [
            record
            for domains in collect_entries(config, site, cache=cache).values()
            for records in domains.values()
            for record in records
        ]
    return stats, clean, english, records


def uncached(config_path: Path, monkeypatch: pytest.MonkeyPatch) -> Answers:
    with monkeypatch.context() as patch:
        patch.setenv(ENV_DISABLE, "1")
        return answers(config_path)


def keep_times(path: Path, change: Callable[[str], str]) -> None:
    """Change a file's text but give it back its size-independent mtime (a stale stat)."""
    before = path.stat()
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def translate_ui(site: Path) -> None:
    path = site / "catalogs/ro/LC_MESSAGES/ui.po"
    keep_times(path, lambda text: text.replace('msgstr ""\n\n', 'msgstr "Tradus"\n\n', 1))


def same_size_catalog_edit(site: Path) -> None:
    path = site / "catalogs/ro/LC_MESSAGES/ui.po"
    keep_times(path, lambda text: text.replace("Mergeți", "Margeți", 1))


def mark_fuzzy(site: Path) -> None:
    path = site / "catalogs/ro/LC_MESSAGES/menu.po"
    text = path.read_text(encoding="utf-8")
    translated = text.index('msgstr "', text.index("\nmsgctxt "))
    while text[translated + 8] == '"':
        translated = text.index('msgstr "', translated + 1)
    start = text.rindex("\n\n", 0, translated) + 2
    path.write_text(text[:start] + "#, fuzzy\n" + text[start:], encoding="utf-8")


def delete_catalog(site: Path) -> None:
    (site / "catalogs/fr/LC_MESSAGES/ui.po").unlink()


def edit_menu_label(site: Path) -> None:
    path = site / "content/menus.yaml"
    keep_times(path, lambda text: text.replace("label: Discover", "label: Discovar", 1))


def edit_article(site: Path) -> None:
    path = site / f"content/articles/{ARTICLE}.md"
    keep_times(path, lambda text: text.replace("webinar", "webinaire", 1))


def add_article(site: Path) -> None:
    (site / "content/articles/a-new-article.md").write_text(
        "---\ntitle: A new article\n---\nA first paragraph.\n", encoding="utf-8"
    )


def delete_article(site: Path) -> None:
    (site / f"content/articles/{ARTICLE}.md").unlink()


def edit_config(site: Path) -> None:
    path = site / "config.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("copy_threshold: 95", "copy_threshold: 10"),
        encoding="utf-8",
    )


def stray_catalog(site: Path) -> None:
    """A catalog of a vanished article (sync retires it; one of a domain it does not own it
    leaves alone, tests/test_adopt_real.py)."""
    shutil.copy(
        site / "catalogs/ro/LC_MESSAGES/ui.po",
        site / "catalogs/ro/LC_MESSAGES/articles/old-article.po",
    )


CHANGES = [
    translate_ui,
    same_size_catalog_edit,
    mark_fuzzy,
    delete_catalog,
    edit_menu_label,
    edit_article,
    add_article,
    delete_article,
    edit_config,
    stray_catalog,
]


@pytest.mark.parametrize("change", CHANGES, ids=[change.__name__ for change in CHANGES])
def test_any_change_invalidates_the_cache(
    site_dir: Path, monkeypatch: pytest.MonkeyPatch, change: Callable[[Path], None]
) -> None:
    config = site_dir / "config.yaml"
    sync(load_config(config))  # bring the site up to date
    warm = answers(config)
    assert answers(config) == warm  # served from the cache now
    assert (site_dir / ".l10n-cache" / "core").is_dir()
    change(site_dir)
    assert answers(config) == uncached(config, monkeypatch)
    assert answers(config) != warm


def test_cached_answers_equal_uncached_ones_and_deleting_the_cache_loses_nothing(
    site_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = site_dir / "config.yaml"
    first = answers(config)
    assert answers(config) == first == uncached(config, monkeypatch)
    shutil.rmtree(site_dir / ".l10n-cache")
    assert answers(config) == first


def test_corrupt_or_foreign_cache_files_are_misses(
    site_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = site_dir / "config.yaml"
    first = answers(config)
    for path in (site_dir / ".l10n-cache" / "core").rglob("*" + SUFFIX):
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    assert answers(config) == first
    monkeypatch.setattr(cache_module, "code_digest", lambda known=None: "another version")
    assert answers(config) == first


def test_file_memo_checks_each_file(tmp_path: Path) -> None:
    data = tmp_path / "a.txt"
    data.write_text("one", encoding="utf-8")
    cache = Cache(tmp_path / "cache")
    calls: list[str] = []

    def read() -> str:
        calls.append("read")
        return data.read_text(encoding="utf-8")

    codec = Codec()

    def memo() -> FileMemo:
        return FileMemo(cache, "test", "group", codec, lambda value: type(value) is str)

    first = memo()
    assert first.get(data, "", read) == "one"
    first.save()
    cache.flush()
    assert memo().get(data, "", read) == "one"
    assert calls == ["read"]
    keep_times(data, lambda text: "two")
    assert memo().get(data, "", read) == "two"
    assert calls == ["read", "read"]


def test_digest_covers_names_bytes_and_missing_files(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.write_bytes(b"x")
    second.write_bytes(b"x")
    assert digest_files([first]) != digest_files([second])
    assert digest_files([first, second]) != digest_files([second, first])
    before = digest_files([first])
    first.write_bytes(b"y")
    assert digest_files([first]) != before
    first.unlink()
    assert digest_files([first]) not in (before, digest_files([]))


def test_nothing_is_cached_when_turned_off(site_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_DISABLE, "1")
    answers(site_dir / "config.yaml")
    assert not (site_dir / ".l10n-cache" / "core").exists()


@pytest.mark.parametrize("ending", ["flush", "discard"])
def test_a_value_kept_soon_is_written_by_flush_only(tmp_path: Path, ending: str) -> None:
    """`store_soon` encodes in a thread; flush waits for it and writes the value, discard
    waits for it and writes nothing."""
    value = {"units": [f"unit {number}" for number in range(20_000)], "kinds": {"a": "ui"}}
    cache = Cache(tmp_path / "cache")
    cache.store_soon("site", "key", "digest", Codec(), value)
    getattr(cache, ending)()
    found = Cache(tmp_path / "cache").load("site", "key", "digest", Codec(), lambda _: True)
    assert found == (value if ending == "flush" else cache_module.MISS)


@pytest.mark.parametrize("ending", ["release", "flush", "discard"])
def test_a_value_kept_soon_while_the_cache_holds_is_encoded_once_released(
    tmp_path: Path, ending: str
) -> None:
    """While the cache holds, `store_soon` starts no thread; `release` (or flush) starts it,
    flush writes the value, discard drops it without encoding it."""
    kinds = {"a": "ui"}
    value = {"units": [f"unit {number}" for number in range(20_000)], "kinds": kinds}
    cache = Cache(tmp_path / "cache")
    cache.hold()
    threads = threading.active_count()
    cache.store_soon("site", "key", "digest", Codec(), value)
    assert threading.active_count() == threads and cache.holding  # not encoded yet
    kinds["b"] = "menu"  # encoded as it is when released
    getattr(cache, ending)()
    assert not cache.holding
    if ending == "release":
        cache.flush()
    found = Cache(tmp_path / "cache").load("site", "key", "digest", Codec(), lambda _: True)
    assert found == (cache_module.MISS if ending == "discard" else value)
    cache.store_soon("site", "later", "digest", Codec(), value)  # held no more
    cache.flush()
    kept = Cache(tmp_path / "cache").load("site", "later", "digest", Codec(), lambda _: True)
    assert kept == value


def test_a_site_read_by_a_command_that_fails_is_not_kept(site_dir: Path) -> None:
    config = load_config(site_dir / "config.yaml")
    cache = Cache(config.cache_dir)
    with pytest.raises(RuntimeError), committed(cache):
        load_site(config, cache)
        raise RuntimeError("the command failed after reading the site")
    assert not list(config.cache_dir.rglob("*" + SUFFIX))
    with committed(cache):
        site = load_site(config, cache)
    kept = load_site(config, Cache(config.cache_dir))  # from the cache now
    assert list(config.cache_dir.rglob("*" + SUFFIX)) and kept.templates == site.templates
