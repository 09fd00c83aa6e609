"""Pre-translation: fill missing units with machine translations that wait for review.

Only units that are missing (every form empty) are filled; text a person wrote, stale and
needs-review entries are never touched. A filled entry is needs-review: `#, fuzzy` with no
`#| msgid`, and a translator comment `# Machine translation (P): review it.` naming the
provider P (see l10n/po/review.py; accepting the entry removes it: `accept_entry`).

Plural units: the translation of `msgid` goes into form 0 and that of `msgid_plural` into
every other form (a language with a single form gets the plural text). Both must succeed,
or the unit is reported as failed and left empty.

Saving: results are buffered per catalog and written every `flush_every` results or
`flush_seconds` (stretched when a write is slow, so saving stays a small share of the run).
Each write takes the catalog's lock (`l10n.po.lock.locked`, the one the TUI saves under),
re-reads the file and applies only our entries, and only where they are still missing: a
translator who saved meanwhile wins, and nobody's work is lost. An interrupted run
(cancel event, KeyboardInterrupt, a later provider failure) writes what finished first.
When the provider fails before any request succeeded, nothing is written at all.
"""

from __future__ import annotations

import bisect
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from l10n.checks.settings import settings_from_mapping
from l10n.config import Config
from l10n.errors import ConfigError, ProviderError
from l10n.glossary import Glossary
from l10n.languages import PluralForm, is_singular, plural_forms
from l10n.model import State, count_words
from l10n.mt import (
    MTCache,
    MTResult,
    MTService,
    Protected,
    Protector,
    parse_mt_config,
    restore,
)
from l10n.mt.batch import ModelRun, UnitResult
from l10n.mt.config import ProviderSettings
from l10n.mt.llm import LLMUnit, Usage, estimate_tokens, style_note
from l10n.po.catalog import read_catalog, write_catalog
from l10n.po.editing import accepted, apply_text, snapshot, stamp_header
from l10n.po.lines import comment_lines
from l10n.po.lock import locked
from l10n.po.review import machine_note, with_review_note, without_review_note
from l10n.sources.site import Site, load_site, po_path
from l10n.states import entry_texts, state_of

Key = tuple[str | None, str]
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


@dataclass(frozen=True)
class Target:
    """One missing unit of one catalog, and the English texts its translation needs."""

    path: Path
    domain: str
    kind: str
    key: Key
    source: str
    plural: str | None
    forms: int
    line: int

    @property
    def texts(self) -> tuple[str, ...]:
        return (self.source,) if self.plural is None else (self.source, self.plural)

    @property
    def words(self) -> int:
        return sum(count_words(text) for text in self.texts)


@dataclass
class Plan:
    """What a run would translate: targets in queue order, and what was left aside."""

    language: str
    targets: list[Target]
    missing: int  # missing units found in the chosen kinds, before --limit
    unwritten: list[Path] = field(default_factory=list)  # catalogs not written yet

    @property
    def texts(self) -> list[str]:
        """The distinct English texts to send, in order."""
        return list(dict.fromkeys(text for target in self.targets for text in target.texts))

    @property
    def words(self) -> int:
        return sum(target.words for target in self.targets)

    @property
    def characters(self) -> int:
        return sum(len(text) for text in self.texts)

    def by_catalog(self) -> dict[Path, list[Target]]:
        grouped: dict[Path, list[Target]] = {}
        for target in self.targets:
            grouped.setdefault(target.path, []).append(target)
        return grouped


def plan_pretranslation(
    config: Config,
    language: str,
    kinds: Sequence[str] = (),
    limit: int | None = None,
    site: Site | None = None,
    count_all: bool = False,
) -> Plan:
    """The missing units of `language` in the chosen kinds (all by default), queue order.

    With a `limit`, catalogs past the first `limit` missing units are not read, unless
    `count_all` asks for the number of all missing units (`Plan.missing`, for --dry-run).
    """
    site = site or load_site(config)
    chosen = set(kinds) or set(config.queue_order)
    domains = [
        domain
        for kind in config.queue_order
        if kind in chosen
        for domain in site.templates
        if site.kinds[domain] == kind
    ]
    targets: list[Target] = []
    unwritten: list[Path] = []
    for domain in domains:
        if limit is not None and len(targets) >= limit and not count_all:
            break
        path = po_path(config, language, domain)
        if not path.exists():
            unwritten.append(path)
            continue
        targets.extend(_missing(read_catalog(path), path, domain, site.kinds[domain]))
    missing = len(targets)
    if limit is not None:
        targets = targets[:limit]
    return Plan(language, targets, missing, unwritten)


def _missing(catalog: polib.POFile, path: Path, domain: str, kind: str) -> list[Target]:
    forms = _plural_forms(catalog)
    return [
        Target(
            path,
            domain,
            kind,
            (entry.msgctxt, entry.msgid),
            entry.msgid,
            entry.msgid_plural or None,
            max(len(entry.msgstr_plural), forms) if entry.msgid_plural else 1,
            entry.linenum,
        )
        for entry in catalog
        if not entry.obsolete and entry.msgid and _untouched(entry)
    ]


def _untouched(entry: polib.POEntry) -> bool:
    """Missing and empty in every form: nothing a person wrote could be overwritten."""
    return state_of(entry) is State.MISSING and not any(entry_texts(entry))


def _plural_forms(catalog: polib.POFile) -> int:
    found = _NPLURALS.search(catalog.metadata.get("Plural-Forms", ""))
    return max(1, int(found.group(1))) if found else 2


def glossary_terms(config: Config) -> tuple[str, ...]:
    """The do-not-translate forms of the glossary named by `checks.glossary`, if any."""
    settings = settings_from_mapping(config.section("checks"), config.path)
    return settings.context.glossary.dnt_forms()


def open_service(config: Config, dry_run: bool = False) -> MTService:
    """The machine-translation service of the config, with the glossary's dnt terms.

    A dry run reads the cache if there is one and never creates it.
    """
    section = config.section("mt")
    if not section:
        raise ConfigError(
            "no 'mt' section: name a machine-translation provider (see the README)",
            config.path,
        )
    settings = parse_mt_config(section, config.path)
    path = settings.cache_path
    cache = MTCache(None if dry_run and (path is None or not path.exists()) else path)
    service = MTService(settings, cache)
    service.add_do_not_translate(glossary_terms(config))
    return service


@dataclass(frozen=True)
class Failure:
    """A unit that got no translation, and why (a protection failure, a refused text)."""

    target: Target
    reason: str
    line: int = 0


@dataclass
class Outcome:
    """What a run did: saved entries, failures, and why it stopped early if it did."""

    language: str
    provider: str
    total: int
    translated: int = 0  # saved, translated by the engine in this run
    from_cache: int = 0  # saved, answered by the cache
    as_is: int = 0  # saved, nothing to translate (names, placeholders): the English kept
    failures: list[Failure] = field(default_factory=list)
    skipped: int = 0  # filled by someone else while we ran: left alone
    not_done: int = 0  # cancelled or cut short by a provider failure
    cancelled: bool = False
    error: ProviderError | None = None
    catalogs_written: set[Path] = field(default_factory=set)
    usage: Usage | None = None  # a language model's requests and tokens

    @property
    def saved(self) -> int:
        return self.translated + self.from_cache + self.as_is


ProgressCallback = Callable[[int, int], None]


@dataclass
class _Filled:
    target: Target
    forms: tuple[str, ...]  # the msgstr (one text) or msgstr[0…] (a plural unit)
    origin: str  # "translated", "from_cache" or "as_is": the Outcome counter to raise


class _Writer:
    """Buffers finished units per catalog and writes each catalog under its lock.

    A catalog is written when `every` of its units are waiting, or when the oldest has
    waited `seconds` (or four times as long as the slowest write so far, so that saving a
    huge catalog stays a small share of the run); `flush()` writes everything left.
    """

    def __init__(self, outcome: Outcome, every: int, seconds: float) -> None:
        self.outcome = outcome
        self.every = every
        self.seconds = seconds
        self.pending: dict[Path, list[_Filled]] = {}
        self.since: dict[Path, float] = {}
        self.slowest = 0.0

    def add(self, filled: _Filled) -> None:
        path = filled.target.path
        self.pending.setdefault(path, []).append(filled)
        self.since.setdefault(path, time.monotonic())

    def write_due(self) -> None:
        """Write the catalogs whose batch is full or has waited long enough."""
        now = time.monotonic()
        wait = max(self.seconds, 4 * self.slowest)
        for path in [
            path
            for path, items in self.pending.items()
            if len(items) >= self.every or now - self.since[path] >= wait
        ]:
            self._take(path)

    def flush(self) -> None:
        """Write every catalog that has units waiting."""
        while self.pending:
            self._take(next(iter(self.pending)))

    def discard(self) -> None:
        self.pending.clear()
        self.since.clear()

    def _take(self, path: Path) -> None:
        started = time.monotonic()
        self._write(path, self.pending[path])
        del self.pending[path], self.since[path]
        self.slowest = max(self.slowest, time.monotonic() - started)

    def _write(self, path: Path, items: list[_Filled]) -> None:
        note = machine_note(self.outcome.provider)
        with locked(path):
            catalog = read_catalog(path)
            index = {
                (entry.msgctxt, entry.msgid): entry
                for entry in catalog
                if not entry.obsolete and entry.msgid
            }
            changed = False
            for item in items:
                entry = index.get(item.target.key)
                if entry is None or not _untouched(entry):
                    self.outcome.skipped += 1
                    continue
                _fill(entry, item.target, item.forms, note)
                changed = True
                setattr(self.outcome, item.origin, getattr(self.outcome, item.origin) + 1)
            if changed:
                stamp_header(catalog, None)
                if write_catalog(catalog, path):
                    self.outcome.catalogs_written.add(path)


def _fill(entry: polib.POEntry, target: Target, forms: tuple[str, ...], note: str) -> None:
    """Make a missing entry needs-review with the machine's text and the provider's note."""
    if target.plural is None:
        entry.msgstr = forms[0]
    else:
        entry.msgstr_plural = dict(enumerate(forms))
    entry.flags = ["fuzzy", *(flag for flag in entry.flags if flag != "fuzzy")]
    entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    entry.tcomment = with_review_note(entry.tcomment, note)


def _forms(target: Target, texts: tuple[str, ...]) -> tuple[str, ...]:
    """A text engine's translations of msgid (and msgid_plural) as the entry's forms.

    Engines that translate texts, not units, cannot give each plural form its own text: the
    singular goes into form 0 and the plural into every other form (a language with one
    form gets the plural). Language models are asked form by form instead (`_ModelUnits`).
    """
    if target.plural is None:
        return texts[:1]
    if target.forms == 1:
        return texts[1:2]
    return tuple(texts[0] if index == 0 else texts[1] for index in range(target.forms))


class _Run:
    """Collects results by text and turns complete units into writes or failures."""

    def __init__(self, plan: Plan, writer: _Writer, outcome: Outcome, protector: Protector) -> None:
        self.protector = protector
        self.waiting: dict[str, list[Target]] = {}
        for target in plan.targets:
            for text in target.texts:
                self.waiting.setdefault(text, []).append(target)
        self.results: dict[str, MTResult] = {}
        self.writer = writer
        self.outcome = outcome
        self.finished: set[tuple[Path, Key]] = set()
        self.started = False  # a request reached the provider and came back

    def take(self, result: MTResult) -> None:
        self.results[result.text] = result
        if not result.from_cache and not self._as_is(result):
            self.started = True  # the provider answered (texts with nothing to translate
            # and cached answers come back without asking it)
        for target in self.waiting.get(result.text, []):
            self._complete(target)

    def _complete(self, target: Target) -> None:
        where = (target.path, target.key)
        if where in self.finished or any(text not in self.results for text in target.texts):
            return
        self.finished.add(where)
        results = [self.results[text] for text in target.texts]
        bad = next((result for result in results if not result.ok), None)
        if bad is not None:
            reason = bad.reason or "no translation"
            self.outcome.failures.append(Failure(target, reason))
            return
        texts = _forms(target, tuple(result.translation or "" for result in results))
        if all(result.from_cache for result in results):
            origin = "from_cache"
        elif all(self._as_is(result) for result in results):
            origin = "as_is"
        else:
            origin = "translated"
        self.writer.add(_Filled(target, texts, origin))

    def _as_is(self, result: MTResult) -> bool:
        """Nothing to translate in it: the service gave the English back without asking."""
        return not result.from_cache and not self.protector.protect(result.text).needs_engine


def pretranslate(
    plan: Plan,
    service: MTService,
    source: str,
    *,
    provider: str | None = None,
    cancel: threading.Event | None = None,
    progress: ProgressCallback | None = None,
    flush_every: int = 25,
    flush_seconds: float = 2.0,
    context: UnitContext | None = None,
) -> Outcome:
    """Translate the plan's units and save them as needs-review.

    A language-model provider (engine `openai`) is asked unit by unit with `context`
    (glossary, translation memory, the site's name) and the catalog's own surroundings;
    other engines translate the distinct English texts.

    Only an unknown `provider` name raises (ProviderError, before anything is sent). A
    provider failure during the run ends it with `outcome.error` set: what finished before
    it is saved, unless no request had succeeded yet (then no catalog is changed). Setting
    `cancel` or a KeyboardInterrupt (from `progress`, say) saves what finished and returns
    with `outcome.cancelled`. `progress(done, total)` counts distinct English texts.
    """
    settings = service.provider_for(plan.language, provider)
    outcome = Outcome(plan.language, settings.name, len(plan.targets))
    writer = _Writer(outcome, flush_every, flush_seconds)
    if settings.is_model:
        return _pretranslate_with_model(
            plan, service, settings, source, context or UnitContext(), outcome, writer,
            cancel or threading.Event(), progress,
        )  # fmt: skip
    run = _Run(plan, writer, outcome, service.protector)
    cancel = cancel or threading.Event()
    texts = plan.texts
    done = 0

    def on_result(result: MTResult) -> None:
        nonlocal done
        run.take(result)
        done += 1
        if progress is not None:
            progress(done, len(texts))
        if run.started:  # nothing is written before the provider answered once
            writer.write_due()

    try:
        service.translate_many(
            texts, source, plan.language, on_result=on_result, cancel=cancel, provider=provider
        )
    except ProviderError as error:
        outcome.error = error
        if not run.started:
            writer.discard()
    except KeyboardInterrupt:
        cancel.set()
    finally:
        writer.flush()
    return _finished(outcome, cancel, len(plan.targets) - len(run.finished))


def _finished(outcome: Outcome, cancel: threading.Event, not_done: int) -> Outcome:
    """The outcome once a run ended: cancelled or not, what was not done, failures located."""
    outcome.cancelled = cancel.is_set()
    outcome.not_done = not_done
    _locate(outcome.failures)
    outcome.failures.sort(key=lambda failure: (str(failure.target.path), failure.line))
    return outcome


def _locate(failures: list[Failure]) -> None:
    """Give each failure the line of its entry's msgid in the catalog as it is now."""
    by_path: dict[Path, list[int]] = {}
    for index, failure in enumerate(failures):
        by_path.setdefault(failure.target.path, []).append(index)
    for path, indexes in by_path.items():
        lines = msgid_lines(path, [failures[i].target.key for i in indexes])
        for i in indexes:
            failure = failures[i]
            failures[i] = Failure(
                failure.target, failure.reason, lines.get(failure.target.key, failure.target.line)
            )


def msgid_lines(path: Path, keys: Iterable[Key]) -> dict[Key, int]:
    """The line of each entry's `msgid` (polib knows where the entry's comments start)."""
    catalog = read_catalog(path)
    starts = {(e.msgctxt, e.msgid): e.linenum for e in catalog if not e.obsolete}
    text = path.read_text(encoding="utf-8").splitlines()
    msgids = [number for number, line in enumerate(text, start=1) if line.startswith("msgid ")]
    found: dict[Key, int] = {}
    for key in keys:
        start = starts.get(key)
        if start is None:
            continue
        index = bisect.bisect_left(msgids, start)
        found[key] = msgids[index] if index < len(msgids) else start
    return found


def accept_entry(entry: polib.POEntry) -> None:
    """A person accepted the entry's text: not fuzzy, no old English, no review note."""
    apply_text(entry, accepted(snapshot(entry)))
    entry.tcomment = without_review_note(entry.tcomment)


# -- language models: whole units, in context --------------------------------------------

MemoryLookup = Callable[[str], Sequence[tuple[str, str]]]


@dataclass(frozen=True)
class UnitContext:
    """What a language model is told beside each unit's own catalog surroundings."""

    project: str = "the site"
    glossary: Glossary = field(default_factory=Glossary)
    memory: MemoryLookup | None = None  # English -> a few (English, translation) matches
    same_words: tuple[str, ...] = ()  # words that stay English in every language


@dataclass(frozen=True)
class _ModelUnit:
    """A target as sent to the model, with the protection of its English texts."""

    target: Target
    unit: LLMUnit
    english: Protected
    plural: Protected | None


class _ModelUnits:
    """Builds the units of a plan with their context, reading each catalog once."""

    def __init__(self, plan: Plan, protector: Protector, context: UnitContext) -> None:
        self.plan = plan
        self.protector = protector
        self.context = context

    def build(self) -> tuple[list[_ModelUnit], list[Target]]:
        """The units to ask, and the targets with nothing to translate (kept as they are)."""
        units: list[_ModelUnit] = []
        as_is: list[Target] = []
        for path, targets in self.plan.by_catalog().items():
            catalog = read_catalog(path)
            entries = [e for e in catalog if not e.obsolete and e.msgid]
            position = {(e.msgctxt, e.msgid): i for i, e in enumerate(entries)}
            title = next((e.msgid for e in entries if (e.msgctxt or "").endswith(":title")), None)
            forms = plural_forms(catalog.metadata.get("Plural-Forms", ""), self.plan.language)
            for target in targets:
                english = self.protector.protect(target.source)
                plural = None if target.plural is None else self.protector.protect(target.plural)
                if not english.needs_engine and (plural is None or not plural.needs_engine):
                    as_is.append(target)
                    continue
                index = position[target.key]
                unit = self._unit(
                    f"u{len(units) + 1}", target, english, plural, entries, index, title,
                    forms[: target.forms] if target.plural is not None else (),
                )  # fmt: skip
                units.append(_ModelUnit(target, unit, english, plural))
        return units, as_is

    def _unit(
        self,
        unit_id: str,
        target: Target,
        english: Protected,
        plural: Protected | None,
        entries: list[polib.POEntry],
        index: int,
        title: str | None,
        forms: tuple[PluralForm, ...],
    ) -> LLMUnit:
        entry = entries[index]
        article = target.kind == "article"
        before = entries[index - 1].msgid if article and index > 0 else None
        after = entries[index + 1].msgid if article and index + 1 < len(entries) else None
        glossary, dnt = self._terms(target.source)
        memory = self.context.memory(target.source) if self.context.memory else ()
        return LLMUnit(
            id=unit_id,
            english=english.masked,
            plural=None if plural is None else plural.masked,
            forms=forms,
            kind=target.kind,
            context=entry.msgctxt,
            notes=tuple(line for line in comment_lines(entry.comment) if line.strip()),
            where=tuple(f"{file}:{line}" if line else file for file, line in entry.occurrences),
            title=title if article and title != target.source else None,
            before=before,
            after=after,
            glossary=glossary,
            dnt=dnt,
            memory=tuple((en, tr) for en, tr in memory if en != target.source)[:3],
        )

    def _terms(self, english: str) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
        approved: dict[str, str] = {}
        dnt: dict[str, None] = {}
        for match in self.context.glossary.find(english):
            found = english[match.start : match.end]
            if match.term.dnt:
                dnt[found] = None
                continue
            translations = match.term.translations_for(self.plan.language)
            if translations:
                approved.setdefault(found, translations[0])
        return tuple(approved.items()), tuple(dnt)


def _pretranslate_with_model(
    plan: Plan,
    service: MTService,
    settings: ProviderSettings,
    source: str,
    context: UnitContext,
    outcome: Outcome,
    writer: _Writer,
    cancel: threading.Event,
    progress: ProgressCallback | None,
) -> Outcome:
    units, as_is = _ModelUnits(plan, service.protector, context).build()
    for target in as_is:
        writer.add(_Filled(target, _forms(target, (target.source, target.plural or "")), "as_is"))
    by_id = {item.unit.id: item for item in units}
    run = model_run(plan, service, settings, source, context, cancel)
    outcome.usage = run.usage
    finished = len(as_is)
    started = False
    try:
        for result in run.run([item.unit for item in units]):
            item = by_id[result.unit.id]
            finished += 1
            started = started or not result.from_cache
            _take_model_result(item, result, writer, outcome)
            if progress is not None:
                progress(finished, len(plan.targets))
            if started:
                writer.write_due()
    except ProviderError as error:
        outcome.error = error
        if not started:  # the provider never answered: no catalog is changed
            writer.discard()
    except KeyboardInterrupt:
        cancel.set()
    finally:
        writer.flush()
    return _finished(outcome, cancel, len(plan.targets) - finished)


def model_run(
    plan: Plan,
    service: MTService,
    settings: ProviderSettings,
    source: str,
    context: UnitContext,
    cancel: threading.Event | None = None,
) -> ModelRun:
    """The model run of one language: its cache, style and what may stay English."""
    allowed = {word.casefold() for word in context.same_words}
    allowed |= {form.casefold() for form in context.glossary.dnt_forms()}
    return ModelRun(
        settings=settings,
        mt=service.settings,
        cache=service.cache,
        source=source,
        language=plan.language,
        project=context.project,
        style=style_note(plan.language, service.settings.formality.get(plan.language)),
        allow_copy=lambda english: english.strip().casefold() in allowed,
        cancel=cancel or threading.Event(),
    )


def _take_model_result(
    item: _ModelUnit, result: UnitResult, writer: _Writer, outcome: Outcome
) -> None:
    """Restore the protected pieces of each form; write the unit, or report it."""
    if result.texts is None:
        outcome.failures.append(Failure(item.target, result.problem or "no translation"))
        return
    forms: list[str] = []
    for index, masked in enumerate(result.texts):
        singular = item.plural is None or is_singular(item.unit.forms[index])
        protected = item.english if singular or item.plural is None else item.plural
        restored = restore(protected, masked)
        if restored.text is None:
            outcome.failures.append(Failure(item.target, restored.problem or "protection failed"))
            return
        forms.append(restored.text)
    writer.add(
        _Filled(item.target, tuple(forms), "from_cache" if result.from_cache else "translated")
    )


@dataclass(frozen=True)
class ModelEstimate:
    """What a dry run of a model provider would send: units, cache answers, tokens."""

    units: int
    cached: int
    tokens: int
    requests: int


def estimate_model_run(
    plan: Plan, service: MTService, settings: ProviderSettings, source: str, context: UnitContext
) -> ModelEstimate:
    """Build the units as a run would, and count what the cache would answer; send nothing."""
    units, _ = _ModelUnits(plan, service.protector, context).build()
    run = model_run(plan, service, settings, source, context)
    asked = [item.unit for item in units if run.cached(item.unit) is None]
    batch = max(1, settings.batch_size)
    return ModelEstimate(
        len(units), len(units) - len(asked), estimate_tokens(asked, batch), -(-len(asked) // batch)
    )
