"""Caches of the work queue: items per catalog and the order of the domains.

Only speed-ups for large sites: deleting them loses nothing, and anything changed since
(a catalog, a source file, the config, the l10n code) is read again. Changes are found as
`l10n.cache.store` finds them, by the files' bytes (`digest_files`), never by their size or time.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from l10n.cache.store import code_digest, digest_files, source_files
from l10n.checks.copy import CopyRule
from l10n.config import Config
from l10n.model import State
from l10n.po.atomic import write_atomic
from l10n.queue.work import PlannedDomain, QueueItem


class QueueCache:
    """Queue items per catalog, one JSON file each, valid while the catalog is unchanged.

    Only a speed-up: deleting it loses nothing, and a catalog whose bytes changed, by
    anyone, is read again. One small file per catalog, so a start reads only what it shows
    and no single parse holds the interpreter for long.
    """

    VERSION = 3

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _file(self, domain: str) -> Path:
        return self.folder / f"{domain}.json"

    @staticmethod
    def _stamp(catalog: Path, rule: CopyRule) -> list[Any]:
        return [QueueCache.VERSION, code_digest(), digest_files([catalog]), rule.key]

    def get(self, catalog: Path, domain: str, rule: CopyRule) -> tuple[list[QueueItem], int] | None:
        """The cached items of a catalog, or None when absent, stale or unreadable."""
        try:
            stored = json.loads(self._file(domain).read_bytes())
            if stored["stamp"] != self._stamp(catalog, rule):
                return None
            return [_item_from_row(row) for row in stored["items"]], int(stored["nplurals"])
        except (OSError, ValueError, TypeError, KeyError, IndexError):
            return None  # a missing or unreadable cache is only slower

    def put(
        self,
        catalog: Path,
        domain: str,
        rule: CopyRule,
        items: list[QueueItem],
        nplurals: int,
    ) -> None:
        stored = {
            "stamp": self._stamp(catalog, rule),
            "nplurals": nplurals,
            "items": [_item_row(item) for item in items],
        }
        write_atomic(self._file(domain), json.dumps(stored, ensure_ascii=False).encode("utf-8"))


def _item_row(item: QueueItem) -> list[Any]:
    return [
        item.domain,
        item.kind,
        item.context,
        item.source,
        list(item.targets),
        item.state.value,
        item.copy,
        item.plural,
        item.previous_source,
        list(item.flags),
        list(item.notes),
        list(item.references),
    ]


def _item_from_row(row: list[Any]) -> QueueItem:
    (
        domain,
        kind,
        context,
        source,
        targets,
        state,
        copy,
        plural,
        previous,
        flags,
        notes,
        references,
    ) = row
    return QueueItem(
        domain,
        kind,
        context,
        source,
        tuple(targets),
        State(state),
        bool(copy),
        plural,
        previous,
        tuple(flags),
        tuple(notes),
        tuple(references),
    )


def queue_cache(config: Config, language: str) -> QueueCache:
    """The queue cache of a language, under the site's cache folder."""
    return QueueCache(config.cache_dir / "queue" / language)


def cached_plan(config: Config) -> list[PlannedDomain] | None:
    """The queue plan as last computed, if no source file changed since (else None)."""
    try:
        stored = json.loads(_plan_file(config).read_bytes())
        if stored["sources"] != _sources_stamp(config):
            return None
        return [PlannedDomain(domain, kind, title) for domain, kind, title in stored["plan"]]
    except (OSError, ValueError, TypeError, KeyError):
        return None


def save_plan(config: Config, plan: list[PlannedDomain]) -> None:
    """Remember the plan with a stamp of the sources it was computed from."""
    stored = {
        "sources": _sources_stamp(config),
        "plan": [[p.domain, p.kind, p.title] for p in plan],
    }
    write_atomic(_plan_file(config), json.dumps(stored, ensure_ascii=False).encode("utf-8"))


def _plan_file(config: Config) -> Path:
    return config.cache_dir / "queue" / "plan.json"


def _sources_stamp(config: Config) -> str:
    """A digest of the bytes of every file the site is read from, and of the l10n code."""
    return f"{code_digest()}:{digest_files(source_files(config))}"
