"""The work queue of one language: every unit in priority order, with filters and search.

The queue holds every unit (translated ones too, for search and memory); a filter picks
what the translator sees. Order: kinds as `queue.order` says (menus, interface strings,
articles), articles newest first, units in source order within a domain.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import polib

from l10n.catalog import read_catalog
from l10n.config import Config
from l10n.headers import nplurals_of
from l10n.memory import MemoryEntry, TranslationMemory
from l10n.model import State, Unit, count_words
from l10n.site import Site, po_path
from l10n.states import SAME_AS_SOURCE_FLAG, copy_score, entry_texts, state_of

COPY = "copy"
TODO_STATES = frozenset({State.MISSING.value, State.STALE.value, State.NEEDS_REVIEW.value, COPY})
ALL_STATES = (*(state.value for state in State), COPY)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class QueueItem:
    """One unit in one language, as the catalog has it now."""

    domain: str
    kind: str
    context: str | None
    source: str
    targets: tuple[str, ...]
    state: State
    copy: bool = False
    plural: str | None = None
    previous_source: str | None = None
    flags: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    references: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str | None, str]:
        """The gettext key: (msgctxt, msgid)."""
        return (self.context, self.source)

    @property
    def identity(self) -> str:
        """What names the unit to a person: its context (for article bodies, the slug)."""
        return self.context if self.context is not None else self.source

    @property
    def target(self) -> str:
        """The translation (the first plural form for plural units)."""
        return self.targets[0] if self.targets else ""

    @property
    def badge(self) -> str:
        """The state shown in the queue: a translated copy of the English shows as 'copy'."""
        return COPY if self.copy else self.state.value

    @property
    def needs_work(self) -> bool:
        return self.badge in TODO_STATES

    @property
    def same_as_source(self) -> bool:
        return SAME_AS_SOURCE_FLAG in self.flags


@dataclass(frozen=True)
class QueueFilter:
    """What the translator wants to see: states (badges), kinds, and a search text."""

    states: frozenset[str] = TODO_STATES
    kinds: frozenset[str] = frozenset()
    search: str = ""

    def matches(self, item: QueueItem) -> bool:
        if self.states and item.badge not in self.states:
            return False
        if self.kinds and item.kind not in self.kinds:
            return False
        if not self.search:
            return True
        needle = self.search.casefold()
        return (
            needle in item.source.casefold()
            or needle in item.identity.casefold()
            or any(needle in text.casefold() for text in item.targets)
        )


@dataclass
class Tally:
    """How many units are in each badge state, and English words still to translate."""

    total: int = 0
    states: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ALL_STATES, 0))
    words_todo: int = 0

    @property
    def done(self) -> int:
        return self.states[State.TRANSLATED.value]

    @property
    def coverage(self) -> float:
        return self.done / self.total if self.total else 1.0


@dataclass
class WorkQueue:
    """Every unit of one language in priority order, and the article titles by domain."""

    language: str
    items: list[QueueItem]
    titles: dict[str, str] = field(default_factory=dict)
    nplurals: dict[str, int] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)

    def filtered(self, queue_filter: QueueFilter) -> list[int]:
        """Indices of the items the filter lets through, in queue order."""
        return [index for index, item in enumerate(self.items) if queue_filter.matches(item)]

    def tally(self) -> Tally:
        tally = Tally(total=len(self.items))
        for item in self.items:
            tally.states[item.badge] += 1
            if item.needs_work:
                tally.words_todo += count_words(item.source)
        return tally

    def neighbours(self, index: int) -> tuple[QueueItem | None, QueueItem | None]:
        """The units before and after this one in the same domain (for articles: context)."""
        domain = self.items[index].domain
        before = self.items[index - 1] if index > 0 else None
        after = self.items[index + 1] if index + 1 < len(self.items) else None
        return (
            before if before and before.domain == domain else None,
            after if after and after.domain == domain else None,
        )

    def memory(self) -> TranslationMemory:
        """Translation memory over the units a person translated (copies left out)."""
        return TranslationMemory(
            MemoryEntry(item.source, item.target)
            for item in self.items
            if item.badge == State.TRANSLATED.value and not item.plural
        )

    def path_of(self, item: QueueItem) -> Path:
        return self.paths[item.domain]


def domain_order(site: Site, order: tuple[str, ...]) -> list[str]:
    """Domains by kind as configured, articles newest first, otherwise by name."""
    rank = {kind: position for position, kind in enumerate(order)}

    def key(domain: str) -> tuple[int, int, str]:
        article = site.articles.get(domain.removeprefix("articles/"))
        date = article.date if article is not None and article.date else dt.date.min
        return (rank.get(site.kinds[domain], len(rank)), -date.toordinal(), domain)

    return sorted(site.templates, key=key)


def load_queue(
    config: Config, site: Site, language: str, progress: Progress | None = None
) -> WorkQueue:
    """Read the language's catalogs into a queue; `progress(done, total)` after each one."""
    domains = domain_order(site, config.queue_order)
    queue = WorkQueue(language, [])
    for done, domain in enumerate(domains, start=1):
        path = po_path(config, language, domain)
        queue.paths[domain] = path
        kind = site.kinds[domain]
        if path.exists():
            catalog = read_catalog(path)
            queue.nplurals[domain] = _nplurals(catalog)
            queue.items.extend(items_of_catalog(catalog, domain, kind, config.copy_threshold))
        else:
            queue.items.extend(_missing_items(site.templates[domain]))
        article = site.articles.get(domain.removeprefix("articles/"))
        if article is not None:
            queue.titles[domain] = article.title
        if progress is not None:
            progress(done, len(domains))
    return queue


def items_of_catalog(
    catalog: Iterable[polib.POEntry], domain: str, kind: str, copy_threshold: float
) -> list[QueueItem]:
    """Queue items of a catalog's active entries, in catalog order."""
    return [
        item_of_entry(entry, domain, kind, copy_threshold)
        for entry in catalog
        if not entry.obsolete and entry.msgid
    ]


def item_of_entry(entry: polib.POEntry, domain: str, kind: str, copy_threshold: float) -> QueueItem:
    """The queue item of one catalog entry."""
    flags = tuple(entry.flags)
    targets = tuple(entry_texts(entry))
    state = state_of(entry)
    copy = (
        state is State.TRANSLATED
        and SAME_AS_SOURCE_FLAG not in flags
        and not entry.msgid_plural
        and copy_score(entry.msgid, entry.msgstr) >= copy_threshold
    )
    notes = tuple(
        line for text in (entry.comment, entry.tcomment) if text for line in text.splitlines()
    )
    references = tuple(f"{name}:{line}" if line else name for name, line in entry.occurrences)
    return QueueItem(
        domain,
        kind,
        entry.msgctxt,
        entry.msgid,
        targets,
        state,
        copy,
        entry.msgid_plural or None,
        entry.previous_msgid,
        flags,
        notes,
        references,
    )


def _missing_items(units: list[Unit]) -> list[QueueItem]:
    return [
        QueueItem(
            unit.domain,
            unit.kind,
            unit.context,
            unit.source,
            (),
            State.MISSING,
            plural=unit.plural,
            flags=tuple(unit.flags),
            notes=tuple(unit.notes),
            references=tuple(unit.references),
        )
        for unit in units
    ]


def _nplurals(catalog: polib.POFile) -> int:
    return nplurals_of(catalog)


def with_entry(item: QueueItem, entry: polib.POEntry, copy_threshold: float) -> QueueItem:
    """The item again after its entry was saved."""
    fresh = item_of_entry(entry, item.domain, item.kind, copy_threshold)
    return replace(fresh, notes=fresh.notes or item.notes)
