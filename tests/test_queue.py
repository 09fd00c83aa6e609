"""The work queue, translation memory and word diff (no Textual here)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path

import pytest

from l10n.cache.store import SUFFIX, Cache
from l10n.config import Config, load_config
from l10n.diff import DiffPart, changed, tokens, word_diff
from l10n.errors import SourceError
from l10n.gate.policy import FORMAT, load_policies
from l10n.model import State
from l10n.queue.memory import MemoryEntry, TranslationMemory
from l10n.queue.work import (
    PlannedDomain,
    QueueFilter,
    WorkQueue,
    domain_order,
    load_queue,
    planned_domains,
)
from l10n.sources.site import Site, load_site
from tests.tui_support import copy_bundled_site, make_stale, set_entry


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    return copy_bundled_site(tmp_path / "site")


def test_order_is_menus_then_interface_then_articles_newest_first(config_path: Path) -> None:
    config = load_config(config_path)
    site = load_site(config)
    domains = domain_order(site, config.queue_order)
    assert domains[:2] == ["menu", "ui"]
    dates = [site.articles[d.removeprefix("articles/")].date or dt.date.min for d in domains[2:]]
    assert dates == sorted(dates, reverse=True)


def test_configured_order_puts_articles_first(config_path: Path) -> None:
    text = config_path.read_text().replace(
        "order: [menu, ui, article]", "order: [article, ui, menu]"
    )
    config_path.write_text(text)
    config = load_config(config_path)
    queue = load_queue(
        config, load_site(config), "de", format_severity=load_policies(config).judge(FORMAT, "de")
    )
    assert queue.items[0].kind == "article"
    assert queue.items[-1].kind == "menu"


def test_queue_holds_every_unit_with_its_state(config_path: Path) -> None:
    config = load_config(config_path)
    make_stale(config_path, "de", "ui", "search", "Find", "Suche")
    set_entry(config_path, "de", "ui", "menu", "Menü", ("fuzzy",))
    set_entry(config_path, "de", "ui", "back_to_top", "Back to top")
    queue = load_queue(
        config, load_site(config), "de", format_severity=load_policies(config).judge(FORMAT, "de")
    )
    by_context = {item.context: item for item in queue.items}
    assert by_context["search"].state is State.STALE
    assert by_context["search"].previous_source == "Find"
    assert by_context["menu"].badge == "needs-review"
    assert by_context["back_to_top"].badge == "copy"
    assert by_context["related_news"].badge == "missing"
    counts = queue.counts()
    assert counts.total == len(queue.items)
    assert counts.stale == 1 and counts.copies == 1 and counts.needs_review == 1


def test_filters_by_state_kind_and_search(config_path: Path) -> None:
    config = load_config(config_path)
    make_stale(config_path, "de", "ui", "search", "Find", "Suche [/]")
    queue = load_queue(
        config, load_site(config), "de", format_severity=load_policies(config).judge(FORMAT, "de")
    )
    stale = queue.filtered(QueueFilter(states=frozenset({"stale"})))
    assert [queue.items[i].context for i in stale] == ["search"]
    menus = queue.filtered(QueueFilter(kinds=frozenset({"menu"})))
    assert menus and all(queue.items[i].kind == "menu" for i in menus)
    found = queue.filtered(QueueFilter(states=frozenset(), search="suche [/"))
    assert [queue.items[i].context for i in found] == ["search"]
    by_english = queue.filtered(QueueFilter(search="related NEWS"))
    assert "related_news" in [queue.items[i].context for i in by_english]
    todo = queue.filtered(QueueFilter())
    assert all(queue.items[i].needs_work for i in todo)
    plural = QueueFilter(states=frozenset(), search="{COUNT} ARTICLES")  # the English plural
    assert [queue.items[i].context for i in queue.filtered(plural)] == ["search_results.count"]
    for chosen in (plural, QueueFilter(search="suche [/"), QueueFilter(search="related NEWS")):
        found = set(queue.filtered(chosen))
        assert {i for i, item in enumerate(queue.items) if chosen.matches(item)} == found


def test_missing_catalog_makes_every_unit_missing(config_path: Path) -> None:
    config = load_config(config_path)
    (config.catalogs_dir / "de" / "LC_MESSAGES" / "ui.po").unlink()
    queue = load_queue(
        config, load_site(config), "de", format_severity=load_policies(config).judge(FORMAT, "de")
    )
    ui_items = [item for item in queue.items if item.domain == "ui"]
    assert ui_items and all(item.state is State.MISSING for item in ui_items)


def test_progress_is_reported_per_catalog(config_path: Path) -> None:
    config = load_config(config_path)
    site = load_site(config)
    calls: list[tuple[int, int]] = []
    severity = load_policies(config).judge(FORMAT, "de")
    load_queue(
        config,
        site,
        "de",
        lambda done, total: calls.append((done, total)),
        format_severity=severity,
    )
    assert calls[-1] == (len(site.templates), len(site.templates))


def test_memory_finds_similar_english_with_percentage_and_diff() -> None:
    memory = TranslationMemory(
        [
            MemoryEntry("Related news", "Ähnliche Nachrichten"),
            MemoryEntry("Social networks", "Soziale Netzwerke"),
            MemoryEntry("Related news", "Ähnliche Nachrichten"),
        ]
    )
    assert len(memory) == 2
    found = memory.suggest("Related articles")
    assert found[0].target == "Ähnliche Nachrichten"
    assert 50 < found[0].percent < 100
    assert DiffPart("insert", "articles") in found[0].diff
    exact = memory.suggest("related news")
    assert exact[0].percent == 100


def test_memory_leaves_out_the_unit_itself() -> None:
    own = MemoryEntry("Search", "Suche")
    memory = TranslationMemory([own])
    assert memory.suggest("Search", exclude=own) == []


def test_word_diff_shows_every_change() -> None:
    parts = word_diff("Read the CIVIS news", "Read all CIVIS news, today")
    assert "".join(p.text for p in parts if p.tag != "insert") == "Read the CIVIS news"
    assert "".join(p.text for p in parts if p.tag != "delete") == "Read all CIVIS news, today"
    assert DiffPart("delete", "the") in parts and DiffPart("insert", "all") in parts
    assert changed(parts)
    assert not changed(word_diff("same", "same"))
    assert "".join(tokens("a [b](c) — d")) == "a [b](c) — d"


def cached_queue(config: Config, site: Site, language: str) -> WorkQueue:
    """The queue as the TUI loads it: with the site's cache, written once loaded."""
    cache = Cache(config.cache_dir)
    queue = load_queue(
        config,
        site,
        language,
        cache=cache,
        format_severity=load_policies(config).judge(FORMAT, language),
    )
    cache.flush()
    return queue


def test_cache_gives_the_same_queue_and_notices_changed_catalogs(
    config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = load_config(config_path)
    site = load_site(config)
    first = cached_queue(config, site, "de")
    assert list((config.cache_dir / "core" / "queue").rglob("*" + SUFFIX))
    with monkeypatch.context() as patched:
        patched.setattr("l10n.queue.work.read_catalog", None)  # every catalog comes from the cache
        again = cached_queue(config, site, "de")
    assert again.items == first.items
    set_entry(config_path, "de", "ui", "search", "Suche")
    changed = cached_queue(config, site, "de")
    assert next(i for i in changed.items if i.context == "search").target == "Suche"


def test_a_broken_cache_is_only_slower(config_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_config(config_path)
    site = load_site(config)
    first = cached_queue(config, site, "de")
    files = list((config.cache_dir / "core" / "queue").rglob("*" + SUFFIX))
    for path in files:
        path.write_text("{not json")
    assert cached_queue(config, site, "de").items == first.items
    with monkeypatch.context() as patched:
        patched.setattr("l10n.queue.work.read_catalog", None)  # written again, whole
        assert cached_queue(config, site, "de").items == first.items


def test_counts_follow_replaced_items(config_path: Path) -> None:
    config = load_config(config_path)
    queue = load_queue(
        config, load_site(config), "de", format_severity=load_policies(config).judge(FORMAT, "de")
    )
    before = queue.counts().missing
    index = next(i for i, item in enumerate(queue.items) if item.context == "search")
    queue.replace(index, replace(queue.items[index], targets=("Suche",), state=State.TRANSLATED))
    assert queue.counts().missing == before - 1
    assert queue.counts().done == 1


def plan_reading(config: Config) -> tuple[list[PlannedDomain], int]:
    """The queue plan with the site's cache, and how many times the site was read for it."""
    reads: list[Site] = []

    def site_of() -> Site:
        reads.append(load_site(config))
        return reads[-1]

    cache = Cache(config.cache_dir)
    plan = planned_domains(config, site_of, cache)
    cache.flush()
    return plan, len(reads)


def test_plan_cache_is_used_until_a_source_changes(config_path: Path) -> None:
    config = load_config(config_path)
    plan, reads = plan_reading(config)
    assert reads == 1 and plan == planned_domains(config, lambda: load_site(config))
    assert plan_reading(config) == (plan, 0)
    article = next((config_path.parent / "content" / "articles").glob("*.md"))
    article.write_text(article.read_text() + "\nOne more paragraph.\n")
    assert plan_reading(config)[1] == 1


def _edit_in_place_keeping_size_and_time(path: Path, old: bytes, new: bytes) -> None:
    """Replace bytes by as many others, in the same inode, with the old modification time."""
    assert len(old) == len(new)
    before = path.stat()
    data = path.read_bytes()
    assert old in data
    with path.open("r+b") as stream:
        stream.write(data.replace(old, new, 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )


def test_the_queue_cache_sees_an_edit_that_keeps_size_time_and_inode(config_path: Path) -> None:
    config = load_config(config_path)
    site = load_site(config)
    first = cached_queue(config, site, "ro")
    item = next(i for i in first.items if i.domain == "ui" and i.target)
    catalog = config_path.parent / "catalogs" / "ro" / "LC_MESSAGES" / "ui.po"
    old = f'msgstr "{item.target}"'.encode()
    new = old.replace(item.target[0].encode(), b"#", 1)
    _edit_in_place_keeping_size_and_time(catalog, old, new)
    again = cached_queue(config, site, "ro")
    edited = next(i for i in again.items if (i.domain, i.context) == ("ui", item.context))
    assert edited.target == "#" + item.target[1:]


def test_the_plan_cache_sees_an_edit_that_keeps_size_time_and_inode(config_path: Path) -> None:
    config = load_config(config_path)
    assert plan_reading(config)[1] == 1
    assert plan_reading(config)[1] == 0
    article = next((config_path.parent / "content" / "articles").glob("*.md"))
    _edit_in_place_keeping_size_and_time(article, b"title:", b"title=")
    with pytest.raises(SourceError):  # read again (a kept plan would not see the bad YAML)
        plan_reading(config)
