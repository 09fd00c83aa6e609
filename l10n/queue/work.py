"""The work queue of one language: every unit in priority order, with filters and search.

The queue holds every unit (translated ones too, for search and memory); a filter picks
what the translator sees. Order: kinds as `queue.order` says (menus, interface strings,
articles), articles newest first, units in source order within a domain.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import polib

from l10n.cache.codec import Codec
from l10n.cache.keys import config_key, source_files
from l10n.cache.store import MISS, Cache
from l10n.checks.copy import CopyRule
from l10n.checks.settings import copy_rule
from l10n.config import Config
from l10n.coverage.stats import Counts, EntryRecord, entry_record, missing_records
from l10n.errors import L10nError
from l10n.model import NamedByKey, State, Unit, count_words
from l10n.po.catalog import read_catalog
from l10n.po.conflict import CONFLICT_FLAG, theirs_of
from l10n.po.editing import release
from l10n.po.headers import nplurals_of
from l10n.po.lines import comment_lines
from l10n.queue.memory import MemoryEntry, TranslationMemory
from l10n.sources.site import Site, po_path
from l10n.states import SAME_AS_SOURCE_FLAG

COPY = "copy"
CHECK = "check"  # a translation that fails quality checks (found after loading)
CONFLICT = "conflict"  # translated two ways in a merge (l10n.po.conflict): first in the queue
TODO_STATES = frozenset(
    {State.MISSING.value, State.STALE.value, State.NEEDS_REVIEW.value, COPY, CHECK, CONFLICT}
)
ALL_STATES = (*(state.value for state in State), COPY)
Progress = Callable[[int, int], None]
# What the gate makes of a unit's msgfmt --check rejection, asked with the unit's kind, domain
# and identity ('error', 'warning'; None: its `format` policy ignores it, or the unit is
# exempt): the gate's one answer (`Policies.judge(FORMAT, language)`), handed in by whoever
# builds the queue, as the queue sits beside the gate and does not import it.
FormatSeverity = Callable[[str, str, str], str | None]


@dataclass(frozen=True)
class QueueItem(NamedByKey):
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
    # Why msgfmt --check rejects the translation (the gate's `format`); in a queue, only when
    # the gate's policy counts it for this unit (`WorkQueue.format_severity`).
    rejected: str | None = None
    # Derived once, where the item is made (a loading thread), not where it is shown.
    words: int = field(init=False, compare=False, repr=False)
    search_text: str = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", count_words(self.source))
        searched = (self.source, self.plural or "", self.identity, *self.targets)  # as README
        search_text = "\0".join(searched).casefold()
        object.__setattr__(self, "search_text", search_text)

    @property
    def target(self) -> str:
        """The translation (the first plural form for plural units)."""
        return self.targets[0] if self.targets else ""

    @property
    def badge(self) -> str:
        """The state shown in the queue: a translated copy of the English shows as 'copy',
        an entry translated two ways in a merge as 'conflict', a translation msgfmt --check
        rejects (when the gate's `format` policy counts it, as the queue keeps it) as 'check'."""
        if CONFLICT_FLAG in self.flags:
            return CONFLICT
        if self.rejected is not None:
            return CHECK
        return COPY if self.copy else self.state.value

    @property
    def theirs(self) -> tuple[str, ...] | None:
        """The other side's text(s) of a merge's conflict (None: no conflict)."""
        if CONFLICT_FLAG not in self.flags:
            return None
        return theirs_of("\n".join(self.notes))

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
        return self.search.casefold() in item.search_text


@dataclass
class WorkQueue:
    """Every unit of one language in priority order, and the article titles by domain."""

    language: str
    items: list[QueueItem]
    format_severity: FormatSeverity  # the gate's policy on msgfmt --check rejections
    titles: dict[str, str] = field(default_factory=dict)
    nplurals: dict[str, int] = field(default_factory=dict)
    plural_forms: dict[str, str | None] = field(default_factory=dict)  # each catalog's header
    paths: dict[str, Path] = field(default_factory=dict)
    _counts: Counts = field(default_factory=Counts)
    # Per item, in step with `items`: what filters look at, precomputed for 100k-item speed.
    _badges: list[str] = field(default_factory=list)
    _kinds: list[str] = field(default_factory=list)
    _texts: list[str] = field(default_factory=list)
    failing: set[int] = field(default_factory=set)  # indices of items failing checks
    # Items whose unit left their catalog while the queue was open (indices stay: screens
    # hold them): neither counted nor shown, back if the unit comes back.
    gone: set[int] = field(default_factory=set)
    unreadable: dict[str, L10nError] = field(default_factory=dict)  # catalogs and why not
    domain_kinds: dict[str, str] = field(default_factory=dict)
    # (kind, English, English plural) -> indices of the items with it; built when first asked.
    _by_english: dict[tuple[str, str, str | None], list[int]] | None = None
    # Queue order, as a fresh start would have it: domains in the order they came (the
    # plan's), items in their catalog's order (`_places`, per item). Indices are shared with
    # screens and never change, so an item that arrives later (another translator's save,
    # sync) is appended to `items` and put in its place here: `_order` (indices in queue
    # order) and `_ranks` (each index's position in it), None while that is index order.
    _domain_ranks: dict[str, int] = field(default_factory=dict)
    _places: list[int] = field(default_factory=list)
    _order: list[int] | None = None
    _ranks: list[int] | None = None

    def __post_init__(self) -> None:
        seen: dict[str, int] = {}
        self.items[:] = self.judged(self.items)
        for item in self.items:
            self._index(item)
            self._domain_ranks.setdefault(item.domain, len(self._domain_ranks))
            self._places.append(seen.get(item.domain, 0))
            seen[item.domain] = self._places[-1] + 1

    def _index(self, item: QueueItem, position: int | None = None) -> None:
        self._counts.count(item)
        text = item.search_text
        if position is None:
            self._badges.append(item.badge)
            self._kinds.append(item.kind)
            self._texts.append(text)
        else:
            self._badges[position], self._texts[position] = item.badge, text

    def judged(self, items: list[QueueItem]) -> list[QueueItem]:
        """The items with the rejections the gate's `format` policy ignores taken away: the
        queue then shows, filters and counts what `l10n check` reports, and nothing else."""
        severity = self.format_severity
        return [
            item
            if item.rejected is None or severity(item.kind, item.domain, item.identity)
            else replace(item, rejected=None)
            for item in items
        ]

    def add(self, part: DomainPart) -> list[int]:
        """Append one domain's items; return their indices."""
        first = len(self.items)
        self._by_english = None
        items = self.judged(part.items)
        self.items.extend(items)
        for place, item in enumerate(items):
            self._index(item)
            self._places.append(place)
        self._domain(part)
        if self._order is not None:
            self._reorder()
        return list(range(first, len(self.items)))

    def _domain(self, part: DomainPart) -> None:
        """What the queue knows of a domain apart from its items."""
        self.paths[part.domain] = part.path
        self.nplurals[part.domain] = part.nplurals
        self.plural_forms[part.domain] = part.plural_forms
        self._domain_ranks.setdefault(part.domain, len(self._domain_ranks))
        if part.title is not None:
            self.titles[part.domain] = part.title
        kind = part.kind or (part.items[0].kind if part.items else None)
        if kind is not None:
            self.domain_kinds[part.domain] = kind
        if part.error is None:
            self.unreadable.pop(part.domain, None)
        else:
            self.unreadable[part.domain] = part.error

    def filtered(self, queue_filter: QueueFilter, start: int = 0) -> list[int]:
        """Indices of the items the filter lets through, in queue order (from `start`)."""
        states, kinds = queue_filter.states, queue_filter.kinds
        needle = queue_filter.search.casefold()
        badges, item_kinds, texts = self._badges, self._kinds, self._texts
        check, failing = CHECK in states, self.failing
        order: Iterable[int] = range(start, len(self.items))
        if self._order is not None:
            order = (index for index in self._order if index >= start)
        chosen = [
            index
            for index in order
            if (not states or badges[index] in states or (check and index in failing))
            and (not kinds or item_kinds[index] in kinds)
            and (not needle or needle in texts[index])
        ]
        if self.gone:
            chosen = [index for index in chosen if index not in self.gone]
        first = [index for index in chosen if badges[index] == CONFLICT]  # a merge's conflicts
        if not first:
            return chosen
        rest = set(first)
        return first + [index for index in chosen if index not in rest]

    def place_of(self, index: int) -> tuple[bool, int]:
        """Where an item comes in the filtered queue: a merge's conflicts first, then queue
        order (what `filtered` sorts by)."""
        rank = index if self._ranks is None else self._ranks[index]
        return (self._badges[index] != CONFLICT, rank)

    def _reorder(self) -> None:
        """Queue order again, after items arrived or moved in their catalog."""
        ranks, places, items = self._domain_ranks, self._places, self.items
        order = sorted(range(len(items)), key=lambda i: (ranks[items[i].domain], places[i], i))
        self._order, self._ranks = order, [0] * len(order)
        for rank, index in enumerate(order):
            self._ranks[index] = rank

    def badge_of(self, index: int) -> str:
        """The badge shown for an item: 'check' for a translation that fails checks."""
        badge = self._badges[index]
        return CHECK if badge == State.TRANSLATED.value and index in self.failing else badge

    def counts(self) -> Counts:
        """The counts, kept up to date as items are added and replaced (as `status` counts)."""
        return self._counts

    def replace(self, index: int, item: QueueItem) -> None:
        """Put the item again after a save."""
        [item] = self.judged([item])
        self._counts.count(self.items[index], -1)
        self.items[index] = item
        self._index(item, index)

    def same_english(self, index: int) -> list[int]:
        """The other items of the item's kind with the same English (and plural): what the
        catalog checks compare it with, as `l10n check` does per language and kind."""
        if self._by_english is None:
            self._by_english = {}
            for position, item in enumerate(self.items):
                if position in self.gone:
                    continue
                key = (item.kind, item.source, item.plural)
                self._by_english.setdefault(key, []).append(position)
        item = self.items[index]
        found = self._by_english.get((item.kind, item.source, item.plural), [])
        return [position for position in found if position != index]

    def update_domain(self, part: DomainPart, hold: Collection[int] = ()) -> list[int]:
        """Take in a domain as its catalog holds it now (someone else wrote it).

        An item is matched by its key, or, when its English changed, by the old English it
        keeps (sync made it stale) or by its context alone (an untranslated entry); the
        indices of the items that changed, came or went are returned. An item in `hold`
        (open in the editor, or being saved) takes a new English but not someone else's
        text, and stays if its unit went: its save shows both, or keeps the text aside.
        Units new to the catalog are appended (indices are shared with screens) and take
        their place in queue order, where a fresh start would put them; an unreadable
        catalog (`part.error`) changes no item.
        """
        self._domain(part)
        if part.error is not None:
            return []
        domain, items = part.domain, self.judged(part.items)
        at = {item.key: index for index, item in enumerate(self.items) if item.domain == domain}
        fresh = {item.key: item for item in items}
        new = [item for item in items if item.key not in at]
        by_old = {(i.context, i.previous_source): i for i in new if i.previous_source is not None}
        by_context: dict[str, QueueItem | None] = {}
        for item in new:  # an untranslated entry's English changes in place: same identity
            if item.context is not None:
                by_context[item.context] = None if item.context in by_context else item
        place = {id(item): position for position, item in enumerate(items)}
        changed, matched, placed = [], set(), {}
        for key, index in at.items():
            found = fresh.get(key) or by_old.get(key)
            if found is None and key[0] is not None:
                found = by_context.get(key[0])
            if found is not None:
                matched.add(id(found))
                placed[index] = place[id(found)]
            if index in hold and (found is None or found.targets != self.items[index].targets):
                continue
            if self._take(index, found):
                changed.append(index)
        arrived = False
        for item in new:
            if id(item) not in matched:
                changed.append(len(self.items))
                self._by_english = None
                self.items.append(item)
                self._index(item)
                self._places.append(place[id(item)])
                arrived = True
        moved = [index for index, position in placed.items() if self._places[index] != position]
        for index in moved:
            self._places[index] = placed[index]
        if arrived or moved:
            self._reorder()
        return changed

    def _take(self, index: int, found: QueueItem | None) -> bool:
        """Put `found` at `index` (None: its unit went); whether anything changed."""
        if found is None:
            if index in self.gone:
                return False
            self.gone.add(index)
            self._counts.count(self.items[index], -1)
            return True
        if index in self.gone:
            self.gone.discard(index)
            self._counts.count(self.items[index])
        elif found == self.items[index]:
            return False
        if found.key != self.items[index].key:
            self._by_english = None  # its English changed
        self.replace(index, found)
        return True

    def neighbours(self, index: int) -> tuple[QueueItem | None, QueueItem | None]:
        """The units before and after this one in the same domain (for articles: context)."""
        domain = self.items[index].domain
        order = range(len(self.items)) if self._order is None else self._order
        rank = index if self._ranks is None else self._ranks[index]
        before = self.items[order[rank - 1]] if rank > 0 else None
        after = self.items[order[rank + 1]] if rank + 1 < len(order) else None
        return (
            before if before and before.domain == domain else None,
            after if after and after.domain == domain else None,
        )

    def memory(self) -> TranslationMemory:
        """Translation memory over the units a person translated (copies left out)."""
        return TranslationMemory(
            MemoryEntry(item.source, item.target)
            for index, item in enumerate(self.items)
            if item.badge == State.TRANSLATED.value and not item.plural and index not in self.gone
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


@dataclass
class DomainPart:
    """One domain's items as read from its catalog, ready to append to a queue."""

    domain: str
    path: Path
    items: list[QueueItem]
    nplurals: int = 2
    title: str | None = None
    error: L10nError | None = None  # the catalog could not be read: no items, and why
    kind: str | None = None  # the domain's kind (None: take it from its items)
    plural_forms: str | None = None  # the catalog's Plural-Forms, which `format` judges by


@dataclass(frozen=True)
class PlannedDomain:
    """A domain in queue order: its kind and, for an article, its title."""

    domain: str
    kind: str
    title: str | None = None


def queue_plan(site: Site, order: tuple[str, ...]) -> list[PlannedDomain]:
    """Every domain of the site in queue order."""
    planned = []
    for domain in domain_order(site, order):
        article = site.articles.get(domain.removeprefix("articles/"))
        planned.append(
            PlannedDomain(domain, site.kinds[domain], article.title if article else None)
        )
    return planned


def iter_domains(
    config: Config,
    plan: list[PlannedDomain],
    language: str,
    cache: Cache | None = None,
    units_of: Callable[[str], list[Unit]] | None = None,
) -> Iterator[DomainPart]:
    """The language's domains in plan order, each read from its catalog (or `cache`).

    `units_of(domain)` gives a domain's template units for a catalog not written yet. A
    catalog that cannot be read is a part without items that carries the error.
    """
    rule = copy_rule(config)
    for planned in plan:
        domain, kind = planned.domain, planned.kind
        path = po_path(config, language, domain)
        if not path.exists():
            units = units_of(domain) if units_of is not None else []
            yield DomainPart(domain, path, _missing_items(path, units), 2, planned.title, kind=kind)
            continue
        key = repr((language, domain, kind, rule.key))
        digest = cache.digest([path]) if cache is not None else ""
        found = MISS if cache is None else cache.load(_ITEMS, key, digest, ITEMS_CODEC, _is_part)
        if found is MISS:
            try:
                catalog = read_catalog(path)
            except L10nError as error:  # named by the part: the other domains stay usable
                yield DomainPart(domain, path, [], 2, planned.title, error, kind)
                continue
            found = (
                items_of_catalog(catalog, path, domain, kind, rule),
                nplurals_of(catalog),
                catalog.metadata.get("Plural-Forms"),
            )
            release(catalog)  # freed now, not left to the cyclic garbage collector
            if cache is not None and cache.digest([path]) == digest:
                cache.store(_ITEMS, key, digest, ITEMS_CODEC, found)
        items, nplurals, forms = found
        yield DomainPart(
            domain, path, items, nplurals, planned.title, kind=kind, plural_forms=forms
        )


_ITEMS = "queue"
ITEMS_CODEC = Codec(QueueItem, State, PlannedDomain)


def _is_part(value: Any) -> bool:
    """A catalog's queue items, number of plural forms and Plural-Forms, as read from the
    cache."""
    return (
        type(value) is tuple
        and len(value) == 3
        and type(value[0]) is list
        and all(type(item) is QueueItem for item in value[0])
        and type(value[1]) is int
        and (value[2] is None or type(value[2]) is str)
    )


def planned_domains(
    config: Config, site_of: Callable[[], Site], cache: Cache | None = None
) -> list[PlannedDomain]:
    """The queue plan; with a `cache`, kept until a source file changes (no site to read)."""
    if cache is None:
        return queue_plan(site_of(), config.queue_order)
    return cache.computed(
        "queue-plan",
        repr((config_key(config), config.queue_order)),
        lambda: source_files(config),
        lambda: queue_plan(site_of(), config.queue_order),
        ITEMS_CODEC,
        _is_plan,
    )


def _is_plan(value: Any) -> bool:
    return type(value) is list and all(type(part) is PlannedDomain for part in value)


def load_queue(
    config: Config,
    site: Site,
    language: str,
    progress: Progress | None = None,
    cache: Cache | None = None,
    *,
    format_severity: FormatSeverity,
) -> WorkQueue:
    """Read the language's catalogs into a queue; `progress(done, total)` after each one;
    `format_severity`: the gate's policy on rejections (`Policies.judge(FORMAT, language)`)."""
    queue = WorkQueue(language, [], format_severity)
    total = len(site.templates)
    plan = queue_plan(site, config.queue_order)
    parts = iter_domains(config, plan, language, cache, lambda domain: site.templates[domain])
    for done, part in enumerate(parts, start=1):
        if part.error is not None:
            raise part.error
        queue.add(part)
        if progress is not None:
            progress(done, total)
    return queue


def items_of_catalog(
    catalog: polib.POFile, path: Path, domain: str, kind: str, rule: CopyRule
) -> list[QueueItem]:
    """Queue items of a catalog's active entries, in catalog order, each judged by the
    catalog's Plural-Forms (as `check` judges it)."""
    forms = catalog.metadata.get("Plural-Forms")
    return [
        item_of_entry(entry, path, domain, kind, rule, forms)
        for entry in catalog
        if not entry.obsolete and entry.msgid
    ]


def item_of_entry(
    entry: polib.POEntry,
    path: Path,
    domain: str,
    kind: str,
    rule: CopyRule,
    plural_forms: str | None = None,
) -> QueueItem:
    """The queue item of one catalog entry: its record (as status and check take it), with
    notes; `plural_forms`: its catalog's Plural-Forms, which says whether msgfmt rejects it."""
    notes = notes_of(entry)
    references = tuple(f"{name}:{line}" if line else name for name, line in entry.occurrences)
    record = entry_record(entry, domain, kind, path, rule, plural_forms=plural_forms)
    return item_of_record(record, notes, references)


def notes_of(entry: polib.POEntry) -> tuple[str, ...]:
    """The notes the editor shows: the extracted comments (`#.`), then the translator's (`#`)."""
    return tuple(line for text in (entry.comment, entry.tcomment) for line in comment_lines(text))


def item_of_record(
    record: EntryRecord, notes: tuple[str, ...], references: tuple[str, ...]
) -> QueueItem:
    """The queue item of a record, with the notes and references the editor shows."""
    return QueueItem(
        record.domain,
        record.kind,
        record.context,
        record.source,
        record.texts,
        record.state,
        record.copy,
        record.source_plural,
        record.previous_source,
        record.flags,
        notes,
        references,
        record.rejected,
    )


def _missing_items(path: Path, units: list[Unit]) -> list[QueueItem]:
    """The items of a catalog not written yet: every unit missing."""
    records = [missing_records(path, [unit], unit.domain, unit.kind)[0] for unit in units]
    return [
        item_of_record(record, tuple(unit.notes), tuple(unit.references))
        for record, unit in zip(records, units, strict=True)
    ]


def with_entry(
    item: QueueItem,
    path: Path,
    entry: polib.POEntry,
    rule: CopyRule,
    plural_forms: str | None = None,
) -> QueueItem:
    """The item again after its entry was saved (`plural_forms`: its catalog's)."""
    fresh = item_of_entry(entry, path, item.domain, item.kind, rule, plural_forms)
    return replace(fresh, notes=fresh.notes or item.notes)
