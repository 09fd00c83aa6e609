"""One translator's session: the site, the language's queue, memory and saving."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from l10n.cache.store import Cache
from l10n.checks.copy import CopyRule
from l10n.checks.settings import copy_rule
from l10n.config import Config
from l10n.errors import L10nError
from l10n.gate.policy import FORMAT, policies_or_defaults
from l10n.languages import PluralForm, get_language, plural_forms
from l10n.model import State, Unit
from l10n.po.catalog import read_catalog
from l10n.po.comment import comment_of, save_comment
from l10n.po.editing import (
    EntryText,
    SaveResult,
    find_entry,
    prepare,
    release,
    save_entry,
    translator_name,
)
from l10n.po.headers import SOURCE_PLURAL_FORMS, nplurals_of, plural_forms_in
from l10n.queue.drafts import Draft, DraftKey, Drafts
from l10n.queue.memory import MemoryEntry, Suggestion, TranslationMemory
from l10n.queue.references import References
from l10n.queue.work import (
    DomainPart,
    FormatSeverity,
    PlannedDomain,
    Progress,
    QueueItem,
    WorkQueue,
    items_of_catalog,
    load_queue,
    notes_of,
    planned_domains,
    with_entry,
)
from l10n.sources.site import Site, load_site
from tui.providers import MachineTranslator

if TYPE_CHECKING:
    import polib


def base_text(item: QueueItem) -> EntryText:
    """The entry as the translator read it, for conflict detection on save."""
    return EntryText(item.targets, item.flags, item.previous_source)


def draft_key(item: QueueItem) -> DraftKey:
    return (item.domain, item.context, item.source)


@dataclass
class Edit:
    """A save that can be undone: which item, and its text before and after."""

    index: int
    before: EntryText
    after: EntryText
    removed_note: str | None = None  # the review note the save took away


SUGGESTIONS_KEPT = 256  # translation-memory answers remembered (a few screens of items)
Offers = tuple[list[Suggestion], list[tuple[str, str]]]


@dataclass
class Session:
    """Everything the screens share for one language.

    Suggestions (translation memory, the other languages) are remembered per item, so the
    editor can look them up for the next item while the translator works on this one.
    """

    config: Config
    site: Site | None
    queue: WorkQueue
    memory: TranslationMemory
    translator: str | None
    machine: MachineTranslator | None = None
    history: list[Edit] = field(default_factory=list)
    _save_lock: threading.Lock = field(default_factory=threading.Lock)
    _found: dict[tuple[str, str, int], list[Suggestion]] = field(default_factory=dict)
    _found_in: TranslationMemory | None = None  # the memory `_found` was searched in
    _found_lock: threading.Lock = field(default_factory=threading.Lock)
    references: References = field(init=False)
    # Items with a save on its way (UI thread only): files read meanwhile leave their text.
    saving: Counter[int] = field(default_factory=Counter)
    rule: CopyRule = field(init=False)  # what makes a saved text a copy of the English
    drafts: Drafts = field(init=False)
    drafted: set[DraftKey] = field(init=False)  # the entries that have a draft
    _plural_headers: dict[str, str] = field(default_factory=dict)  # Plural-Forms by domain
    _saved: dict[str, MemoryEntry] = field(default_factory=dict)  # this session's saves
    _saved_memory: TranslationMemory = field(default_factory=lambda: TranslationMemory([]))

    def __post_init__(self) -> None:
        self.references = References(self.config, self.queue.language)
        self.rule = copy_rule(self.config)
        self.drafts = Drafts(self.config.root, self.queue.language)
        self.drafted = self.drafts.keys()

    @property
    def language(self) -> str:
        return self.queue.language

    def save(self, index: int, new: EntryText, force: bool = False) -> SaveResult:
        """Save one item's entry (blocking: call from a worker) and update the queue.

        Saves run one at a time; the base for conflict detection is the item as this
        session last knew it, so saving the same item twice in a row is no conflict.
        """
        with self._save_lock:
            return self._save(index, new, force)

    def _save(self, index: int, new: EntryText, force: bool) -> SaveResult:
        item = self.queue.items[index]
        before = base_text(item)
        result = save_entry(self.queue.path_of(item), item.key, before, new, self.translator, force)
        self.queue.replace(index, self._with_entry(item, result.entry))
        self._remember(self.queue.items[index])
        if result.text != before:
            self.history.append(Edit(index, before, result.text, result.removed_note))
        return result

    def _remember(self, item: QueueItem) -> None:
        """A translation saved in this session is offered as memory from now on (the memory
        loaded at the start does not have it)."""
        if item.plural or item.badge != State.TRANSLATED.value:
            self._saved.pop(item.source, None)
        else:
            self._saved[item.source] = MemoryEntry(item.source, item.target)
        memory = TranslationMemory(self._saved.values())
        with self._found_lock:
            self._saved_memory, self._found = memory, {}

    def undo(self) -> int | None:
        """Put back the text before the last save; return the item's index (None: nothing)."""
        with self._save_lock:
            if not self.history:
                return None
            return self._undo(self.history.pop())

    def _undo(self, edit: Edit) -> int:
        item = self.queue.items[edit.index]
        result = save_entry(
            self.queue.path_of(item),
            item.key,
            edit.after,
            edit.before,
            self.translator,
            restore_note=edit.removed_note,
        )
        self.queue.replace(edit.index, self._with_entry(item, result.entry))
        if edit.after.targets != edit.before.targets:  # what was typed stays, as a draft
            self.keep_draft(self.queue.items[edit.index], edit.after.targets)
        return edit.index

    def plural_forms(self, item: QueueItem) -> tuple[PluralForm, ...]:
        """The item's plural forms, named by CLDR category with example numbers from its
        catalog's own Plural-Forms (the language's CLDR rule when the header has none)."""
        header = self._plural_headers.get(item.domain)
        if header is None:
            path = self.queue.paths.get(item.domain)
            known = get_language(self.language)
            header = plural_forms_in(path) if path is not None else None
            header = header or (known.plural_forms if known else SOURCE_PLURAL_FORMS)
            self._plural_headers[item.domain] = header
        return plural_forms(header, self.language)

    def draft_of(self, item: QueueItem) -> Draft | None:
        """The text typed for this item and not saved, if any."""
        return self.drafts.get(draft_key(item)) if draft_key(item) in self.drafted else None

    def keep_draft(self, item: QueueItem, texts: tuple[str, ...]) -> bool:
        """Keep what was typed for the item on disk (or forget it: it is the catalog's text).

        Returns whether a draft is kept.
        """
        key = draft_key(item)
        if texts == item.targets or (not any(texts) and not any(item.targets)):
            if key in self.drafted:
                self.drafts.drop(key)
                self.drafted.discard(key)
            return False
        self.drafts.keep(Draft(*key, texts, item.targets))
        self.drafted.add(key)
        return True

    def drop_draft(self, item: QueueItem, saved: tuple[str, ...]) -> None:
        """Forget the item's draft once it was saved (unless more was typed since)."""
        draft = self.draft_of(item)
        if draft is not None and draft.targets == saved:
            self.drafts.drop(draft.key)
            self.drafted.discard(draft.key)

    def prepare_save(self, item: QueueItem) -> None:
        """Parse the item's catalog ahead of its first save (blocking: call from a worker)."""
        prepare(self.queue.path_of(item))

    def refresh_item(self, index: int) -> QueueItem:
        """Re-read an item's entry from disk (after a conflict was resolved their way)."""
        item = self.queue.items[index]
        catalog = read_catalog(self.queue.path_of(item))
        entry = find_entry(catalog, item.key)
        if entry is not None:
            self.queue.replace(index, self._with_entry(item, entry))
        release(catalog)
        return self.queue.items[index]

    def comment_of(self, index: int) -> str | None:
        """A person's translator comment on an item, read from disk now (blocking)."""
        item = self.queue.items[index]
        return comment_of(self.queue.path_of(item), item.key)

    def save_comment(self, index: int, before: str, after: str) -> None:
        """Save a person's translator comment (blocking: call from a worker), under the
        catalog's lock like every save; the item shows it at once."""
        with self._save_lock:
            item = self.queue.items[index]
            path = self.queue.path_of(item)
            entry = save_comment(path, item.key, before, after, self.translator)
            fresh = self._with_entry(item, entry)
            self.queue.replace(index, replace(fresh, notes=notes_of(entry)))

    def _with_entry(self, item: QueueItem, entry: polib.POEntry) -> QueueItem:
        """The item again from its saved entry, judged by its catalog's Plural-Forms."""
        forms = self.queue.plural_forms.get(item.domain)
        return with_entry(item, self.queue.path_of(item), entry, self.rule, forms)

    def read_domain(self, domain: str) -> DomainPart:
        """A domain as its catalog holds it now, or why it cannot be read (blocking: call
        from a worker)."""
        queue = self.queue
        path, kind = queue.paths[domain], queue.domain_kinds[domain]
        title = queue.titles.get(domain)
        try:
            catalog = read_catalog(path)
        except L10nError as error:
            return DomainPart(domain, path, [], queue.nplurals.get(domain, 2), title, error, kind)
        items = items_of_catalog(catalog, path, domain, kind, self.rule)
        forms = catalog.metadata.get("Plural-Forms")
        part = DomainPart(
            domain, path, items, nplurals_of(catalog), title, kind=kind, plural_forms=forms
        )
        release(catalog)
        return part

    def suggestions(self, item: QueueItem, limit: int = 3) -> list[Suggestion]:
        """Translation memory for an item (its own translation left out); blocking."""
        memory = self.memory
        found = self._remembered(memory, item, limit)
        if found is None:
            own = MemoryEntry(item.source, item.target)
            found = memory.suggest(item.source, limit=limit, exclude=own)
            recent = self._saved_memory.suggest(item.source, limit=limit, exclude=own)
            if recent:  # this session's own saves first among equals, each text once
                merged = sorted([*recent, *found], key=lambda offer: -offer.score)
                found = list({offer.target: offer for offer in reversed(merged)}.values())
                found = sorted(found, key=lambda offer: -offer.score)[:limit]
            with self._found_lock:
                if self._found_in is memory:
                    while len(self._found) >= SUGGESTIONS_KEPT:
                        del self._found[next(iter(self._found))]
                    self._found[(item.source, item.target, limit)] = found
        return found

    def _remembered(
        self, memory: TranslationMemory, item: QueueItem, limit: int
    ) -> list[Suggestion] | None:
        with self._found_lock:
            if self._found_in is not memory:  # the memory was (re)loaded: forget old answers
                self._found, self._found_in = {}, memory
            return self._found.get((item.source, item.target, limit))

    def ready_offers(self, item: QueueItem, limit: int = 3) -> Offers | None:
        """An item's suggestions if they are known already (nothing is searched or read)."""
        found = self._remembered(self.memory, item, limit)
        others = self.references.known(item.domain, item.key)
        return None if found is None or others is None else (found, others)

    def other_languages(self, item: QueueItem) -> list[tuple[str, str]]:
        """The same unit's translation in the other languages, for reference (blocking)."""
        return self.references.of(item.domain, item.key)


def format_severity(config: Config, language: str) -> FormatSeverity:
    """The gate's policy on msgfmt --check rejections in a language, for the queue (with
    unreadable policies, the defaults: the editor's checks tell the translator why)."""
    return policies_or_defaults(config)[0].judge(FORMAT, language)


def new_session(config: Config, language: str, machine: MachineTranslator | None = None) -> Session:
    """A session with an empty queue, for loading domain by domain (see `plan_of`)."""
    return Session(
        config,
        None,
        WorkQueue(language, [], format_severity(config, language)),
        TranslationMemory([]),
        translator_name(config.translator, config.root),
        machine,
    )


def open_session(
    config: Config,
    language: str,
    progress: Progress | None = None,
    machine: MachineTranslator | None = None,
    site: Site | None = None,
    cache: Cache | None = None,
) -> Session:
    """Load a language's queue and memory (blocking: call from a worker)."""
    site = site or load_site(config, cache)
    severity = format_severity(config, language)
    queue = load_queue(config, site, language, progress, cache, format_severity=severity)
    return Session(
        config,
        site,
        queue,
        queue.memory(),
        translator_name(config.translator, config.root),
        machine,
    )


def plan_of(
    config: Config, cache: Cache | None
) -> tuple[list[PlannedDomain], Callable[[str], list[Unit]]]:
    """The domains in queue order, from the cache when no source changed (no site to read).

    Also returns where to find a domain's units for a catalog not written yet: the site,
    read only if that is ever needed.
    """
    sites: list[Site] = []

    def site() -> Site:
        if not sites:
            sites.append(load_site(config, cache))
        return sites[0]

    plan = planned_domains(config, site, cache)
    return plan, lambda domain: site().templates.get(domain, [])
