"""`l10n sync`: build the templates from the content and merge them into every language.

Everything is read and merged first, one language at a time; files are written only when
all of it succeeded, each atomically and only if its bytes change, so a second run writes
nothing. Each new file's bytes wait in a temporary file beside it (`l10n.po.atomic.stage`),
and a language's catalogs are let go before the next is read: a sync holds one language's
catalogs' bytes and one catalog parsed at a time (sync/memory.py), not every catalog of the
project twice over.

Each catalog is written under its lock (`l10n.po.lock`, the one every writer takes). If
the catalog changed on disk since it was read (a translator saved meanwhile), it is read
again under the lock and merged anew, so the save and the sync both reach the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from hashlib import sha256
from itertools import chain
from pathlib import Path
from typing import overload

import polib

from l10n.cache.codec import Codec
from l10n.cache.keys import catalog_files, config_key, source_files
from l10n.cache.store import MISS, Cache
from l10n.collector import collector_paused
from l10n.config import Config
from l10n.model import Unit
from l10n.po.atomic import (
    commit,
    differs,
    discard,
    remove_stale_temps,
    stage_changed,
    write_atomic,
)
from l10n.po.catalog import (
    GNU_WRAP_WIDTH,
    carry_source_text,
    encode_catalog,
    encode_pieces,
    file_bytes,
    laid_out,
    read_catalog,
    read_header_fields,
    render_catalog,
    renders_as_read,
    source_text,
)
from l10n.po.headers import catalog_header, merged_header, nplurals_of, template_header
from l10n.po.lock import locked_if_present
from l10n.sources.site import (
    Site,
    adopted_template,
    load_site,
    owns_domain,
    po_path,
    pot_path,
)
from l10n.sync.candidates import NearCopies, Scores
from l10n.sync.memory import LanguageCatalogs, Misread, translation_memory
from l10n.sync.merge import MergeOptions, merge_catalog, merge_keeps

Progress = Callable[[str], None]


@dataclass
class SyncResult:
    """The files a sync wrote (or would write), the files it removed, and those left alone.

    `left_alone`: catalogs and templates under the catalogs folder that are not the tool's
    (a domain the config does not name), with the reason, never changed.
    """

    changed: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    left_alone: list[tuple[Path, str]] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.changed and not self.removed


def sync(
    config: Config,
    check_only: bool = False,
    progress: Progress | None = None,
    site: Site | None = None,
    cache: Cache | None = None,
) -> SyncResult:
    """Bring every template and catalog up to date with the content.

    With a `cache`, a sync that found nothing to do remembers the digest of every source and
    catalog (l10n/cache/store.py): until one of them changes, the next sync answers at once.
    """
    trusted = site is None or site.from_sources
    kept = cache if trusted else None
    key = config_key(config)
    before = kept.digest(_inputs(config)) if kept is not None else ""
    found = kept.load("sync-clean", key, before, _CLEAN, _is_left_alone) if kept else MISS
    if found is not MISS:  # clean: the files left alone, as the last sync found them
        return SyncResult(left_alone=found)
    site = site or load_site(config, cache)
    planned = _plan(config, site, progress, staged=not check_only)
    try:
        # the paths under the catalogs folder, thousands of them made beside the whole
        # site, made the collector go through it again and again (0.3-0.5 s at 100k)
        with collector_paused():
            removed, kept_alone = _orphan_templates(config, site), left_alone(config, site)
        result = SyncResult(list(planned), removed, kept_alone)
        if kept is not None and result.clean and kept.digest(_inputs(config)) == before:
            kept.store("sync-clean", key, before, _CLEAN, result.left_alone)
        if not check_only:
            remove_stale_temps(config.catalogs_dir)  # left by writers killed mid-write
            for path, plan in planned.items():
                plan.write(path)
            for path in result.removed:
                path.unlink()
    finally:
        _discard(planned)  # whatever was not written (an error stopped the sync)
    return result


_CLEAN = Codec()


def _is_left_alone(value: object) -> bool:
    """What a clean sync kept: the files it left alone, with the reason."""
    return type(value) is list and all(
        type(item) is tuple
        and len(item) == 2
        and isinstance(item[0], Path)
        and type(item[1]) is str
        for item in value
    )


def _inputs(config: Config) -> list[Path]:
    return source_files(config) + catalog_files(config)


@dataclass
class _Planned:
    """A file's new bytes, waiting in a temporary file beside it (`staged`) to be written.

    `read`: the digest of the bytes the file was read from (None for a file absent or
    changed while read). `again` makes the bytes anew from the file as it is now (None for
    a template, which only sync writes). A check-only sync stages nothing.
    """

    staged: Path | None
    read: bytes | None = None
    again: Callable[[polib.POFile | None], polib.POFile] | None = None

    def write(self, path: Path) -> None:
        """Write under the catalog's lock, merged anew if the file changed since it was read."""
        staged, self.staged = self.staged, None
        if staged is None:
            return
        with locked_if_present(path):
            if self.again is not None:
                now = file_bytes(path)
                if now is None and self.read is not None:
                    discard(staged)
                    return  # removed meanwhile: the next sync makes it again
                if _digest(now) != self.read:
                    discard(staged)
                    data = _encode(self.again(_read_if_present(path)))
                    if data != now:
                        write_atomic(path, data)
                    return
            commit(staged, path)


def _discard(planned: dict[Path, _Planned]) -> None:
    for plan in planned.values():
        if plan.staged is not None:
            discard(plan.staged)
            plan.staged = None


@overload
def _digest(data: bytes) -> bytes: ...
@overload
def _digest(data: None) -> None: ...
def _digest(data: bytes | None) -> bytes | None:
    """SHA-256 (done by the processor's own instructions: 2-3 times faster than BLAKE2)."""
    return sha256(data).digest() if data is not None else None


def _plan(
    config: Config, site: Site, progress: Progress | None, staged: bool
) -> dict[Path, _Planned]:
    """What every template and catalog should hold, for those whose bytes change.

    `staged`: each file's new bytes are written to a temporary file beside it (removed
    again if planning fails); otherwise only which files change is known.
    """
    planned: dict[Path, _Planned] = {}
    scores = Scores()  # every language's merge scores the same pairs of English
    try:
        for domain, units in site.templates.items():
            if adopted_template(config, domain) is not None:
                continue  # an adopted template is an input: read, never written
            path = pot_path(config, domain)
            _plan_file(path, build_template(config, domain, units), None, None, staged, planned)
        for language in config.languages:
            if progress:
                progress(language)
            # every object of a language's merge lives until it is planned (the collector
            # going through them again and again was 7 % of a sync of one big catalog)
            with collector_paused():
                _plan_language(config, site, language, staged, planned, scores)
    except BaseException:
        _discard(planned)
        raise
    return planned


def _plan_language(
    config: Config,
    site: Site,
    language: str,
    staged: bool,
    planned: dict[Path, _Planned],
    scores: Scores,
) -> None:
    """Plan one language's catalogs into `planned`; nothing of them is kept in memory after.

    The catalogs' bytes are read first, and the language's translation memory found in
    them; then each catalog is parsed, merged and planned, one at a time (sync/memory.py).
    Should the memory found differ from a catalog as parsed, the language is planned again
    with the memory taken from the parsed catalogs.
    """
    try:
        plans = _plan_catalogs(config, site, language, staged, scores, exact=False)
    except Misread:
        plans = _plan_catalogs(config, site, language, staged, scores, exact=True)
    planned.update(plans)


def _plan_catalogs(
    config: Config, site: Site, language: str, staged: bool, scores: Scores, exact: bool
) -> dict[Path, _Planned]:
    """`_plan_language`'s one pass; `exact`: the memory taken from the parsed catalogs.
    What it planned is discarded if it fails."""
    paths = {domain: po_path(config, language, domain) for domain in site.templates}
    orphans = _orphan_paths(config, site, language)
    catalogs = LanguageCatalogs([*paths.values(), *orphans], _digest, exact)
    memory = catalogs.memory
    near_copies = NearCopies(memory)
    planned: dict[Path, _Planned] = {}
    try:
        for domain, units in site.templates.items():
            path = paths[domain]
            old, read = catalogs.take(path)
            merged = _merge_one(config, domain, language, units, old, memory, near_copies, scores)
            del old  # what the merge kept of it is in `merged`: the rest goes before writing
            again = partial(_merge_anew, config, site, domain, language, units)
            _plan_file(path, merged, read, again, staged, planned)
        for path in orphans:
            catalog, read = catalogs.take(path)
            if catalog is not None:
                catalog = _all_obsolete(catalog)
                _plan_file(path, catalog, read, _obsolete_again, staged, planned)
    except BaseException:
        _discard(planned)
        raise
    return planned


def _plan_file(
    path: Path,
    catalog: polib.POFile,
    read: bytes | None,
    again: Callable[[polib.POFile | None], polib.POFile] | None,
    staged: bool,
    planned: dict[Path, _Planned],
) -> None:
    """Plan `catalog` for `path` if its bytes differ from the file's, compared and staged
    as they are rendered (the whole rendering of a big catalog is never in memory)."""
    if not staged:
        if differs(path, encode_pieces(catalog)):
            planned[path] = _Planned(None, read, again)
        return
    temporary = stage_changed(path, encode_pieces(catalog))
    if temporary is not None:
        planned[path] = _Planned(temporary, read, again)


def _merge_anew(
    config: Config,
    site: Site,
    domain: str,
    language: str,
    units: list[Unit],
    now: polib.POFile | None,
) -> polib.POFile:
    """A catalog that changed on disk since sync read it, merged again as it is now.

    The language's translation memory is read again too, from its catalogs as they are now
    (sync let the ones it read go): a save made meanwhile is in it.
    """
    others = [po_path(config, language, other) for other in site.templates if other != domain]
    others += _orphan_paths(config, site, language)
    catalogs = (_read_if_present(path, to_write=False) for path in others)  # one at a time
    memory = translation_memory(chain((now,), catalogs))
    return _merge_one(config, domain, language, units, now, memory, NearCopies(memory))


def _obsolete_again(now: polib.POFile | None) -> polib.POFile:
    return _all_obsolete(now if now is not None else polib.POFile(wrapwidth=0))


def _merge_one(
    config: Config,
    domain: str,
    language: str,
    units: list[Unit],
    old: polib.POFile | None,
    memory: dict[str, str],
    near_copies: NearCopies | None = None,
    scores: Scores | None = None,
) -> polib.POFile:
    target = polib.POFile(wrapwidth=_width(config, domain, old))
    target.header, target.metadata = _header(config, domain, language, old)
    if old is not None:  # a header's `#, fuzzy` is kept, as msgmerge keeps it
        target.metadata_is_fuzzy = old.metadata_is_fuzzy
    carry_source_text(old, target)
    options = MergeOptions(nplurals_of(target), config.fuzzy_threshold, memory, near_copies, scores)
    return merge_catalog(units, old, target, options)


def _width(config: Config, domain: str, old: polib.POFile | None) -> int:
    """A catalog's own wrapping; a new one of an adopted template is wrapped as msginit and
    msgmerge write it (the tool's own catalogs are not wrapped)."""
    if old is not None:
        return int(old.wrapwidth)
    return GNU_WRAP_WIDTH if adopted_template(config, domain) is not None else 0


def catalog_would_change(
    config: Config, domain: str, language: str, units: list[Unit], old: polib.POFile
) -> bool:
    """Whether `l10n sync` would rewrite this catalog (read from its file, to be written or
    only to be looked at, and not changed since), on its own.

    A sync fills a unit missing from the catalog from the whole language's translation
    memory; this leaves memory out. That changes nothing to the answer: a catalog without
    an entry for each of its units is rewritten whatever the memory holds, and one with
    them all never asks it. When the merge would give back the catalog's own header and
    entries (`merge_keeps`), the catalog is rendered as it is, without merging; otherwise
    the catalog's entries may be changed: read it again to use it.
    """
    original = source_text(old)
    if original is None:
        return True
    if _merge_keeps(config, domain, language, units, old):
        return not renders_as_read(old)
    laid_out(old)  # read only to be looked at: rendered keeping its file's lines, as sync does
    return render_catalog(_merge_one(config, domain, language, units, old, {})) != original


def _merge_keeps(
    config: Config, domain: str, language: str, units: list[Unit], old: polib.POFile
) -> bool:
    """Whether a merge would keep the catalog's header and every entry as they are."""
    return header_kept(config, domain, language, old) and merge_keeps(units, old, nplurals_of(old))


def header_kept(config: Config, domain: str, language: str, old: polib.POFile) -> bool:
    """Whether a merge would keep the catalog's header as it is."""
    header, metadata = _header(config, domain, language, old)
    return header == old.header and list(metadata.items()) == list(old.metadata.items())


def _header(
    config: Config, domain: str, language: str, old: polib.POFile | None
) -> tuple[str, dict[str, str]]:
    """A catalog's header after sync: its own, merged as msgmerge merges an adopted template's."""
    comment, fields = catalog_header(
        old, config.project, domain, language, config.plural_rule(language)
    )
    adopted = adopted_template(config, domain)
    if adopted is not None:  # a new catalog too (as msginit): else the next sync adds them
        fields = merged_header(fields, _template_fields(adopted))
    return comment, fields


def _template_fields(path: Path) -> dict[str, str]:
    """An adopted template's header fields (read once per version of the file)."""
    stat = path.stat()
    return dict(_read_template_fields(path, stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=64)
def _read_template_fields(path: Path, mtime: int, size: int) -> tuple[tuple[str, str], ...]:
    return tuple(read_header_fields(path).items())


def template_would_change(config: Config, domain: str, units: list[Unit]) -> bool:
    """Whether `l10n sync` would rewrite the template of a domain (never an adopted one)."""
    if adopted_template(config, domain) is not None:
        return False
    return differs(pot_path(config, domain), encode_pieces(build_template(config, domain, units)))


def orphans_would_change(config: Config, site: Site, languages: tuple[str, ...]) -> list[Path]:
    """Catalogs of vanished domains a sync would rewrite, and templates it would remove."""
    changed = [
        path
        for language in languages
        for path in _orphan_paths(config, site, language)
        if differs(path, encode_pieces(_all_obsolete(read_catalog(path))))
    ]
    return changed + _orphan_templates(config, site)


def build_template(config: Config, domain: str, units: list[Unit]) -> polib.POFile:
    """The `.pot` of a domain: every unit, no translations."""
    template = polib.POFile(wrapwidth=0)
    template.header, template.metadata = template_header(config.project, domain, config.source)
    return merge_catalog(units, None, template, MergeOptions(nplurals=2))


def _read_if_present(path: Path, to_write: bool = True) -> polib.POFile | None:
    return read_catalog(path, to_write) if path.exists() else None


def _orphan_paths(config: Config, site: Site, language: str) -> list[Path]:
    """A language's catalogs on disk whose source is gone (a deleted article): kept, all
    obsolete. Only catalogs of the tool's own domains: one of any other domain is left alone."""
    return [
        path
        for path, domain in _unknown_catalogs(config, site, language)
        if owns_domain(config, domain)
    ]


def _unknown_catalogs(config: Config, site: Site, language: str) -> list[tuple[Path, str]]:
    """A language's catalogs on disk whose domain is not one of the site's, with the domain."""
    folder = config.catalogs_dir / language / "LC_MESSAGES"
    if not folder.is_dir():
        return []
    known = {po_path(config, language, domain) for domain in site.templates}
    paths = [path for path in sorted(folder.rglob("*.po")) if path not in known]
    if paths:  # named otherwise, a path may still be a known catalog's (through a link):
        resolved = {path.resolve() for path in known}  # resolved only then (thousands)
        paths = [path for path in paths if path.resolve() not in resolved]
    domains = [path.relative_to(folder).with_suffix("").as_posix() for path in paths]
    return list(zip(paths, domains, strict=True))


def _orphan_templates(config: Config, site: Site) -> list[Path]:
    """Templates the tool wrote for a domain that is gone (a deleted article): removed."""
    return [path for path, domain in _unknown_templates(config, site) if _generated(config, domain)]


def _unknown_templates(config: Config, site: Site) -> list[tuple[Path, str]]:
    """Templates under the catalogs folder that are no domain's, with the domain they name."""
    folder = config.catalogs_dir
    if not folder.is_dir():
        return []
    known = {pot_path(config, domain) for domain in site.templates}
    paths = [path for path in sorted(folder.rglob("*.pot")) if path not in known]
    if paths:  # named otherwise, a path may still be a known template's (through a link):
        resolved = {path.resolve() for path in known}  # resolved only then (thousands)
        paths = [path for path in paths if path.resolve() not in resolved]
    return [(path, path.relative_to(folder).with_suffix("").as_posix()) for path in paths]


def _generated(config: Config, domain: str) -> bool:
    """Whether the template of a vanished domain is one `l10n sync` wrote (it says so)."""
    if not owns_domain(config, domain):
        return False
    header: str = read_catalog(config.catalogs_dir / f"{domain}.pot").header
    return header == template_header(config.project, domain, config.source)[0]


def left_alone(config: Config, site: Site) -> list[tuple[Path, str]]:
    """Files under the catalogs folder that sync does not touch, each with the reason."""
    kept = [
        (path, f"domain '{domain}' is not in the config")
        for language in config.languages
        for path, domain in _unknown_catalogs(config, site, language)
        if not owns_domain(config, domain)
    ]
    return kept + [
        (path, "a template `l10n sync` did not write")
        for path, domain in _unknown_templates(config, site)
        if not _generated(config, domain)
    ]


def _all_obsolete(catalog: polib.POFile) -> polib.POFile:
    for entry in catalog:
        entry.obsolete = True
    kept = [entry for entry in catalog if entry.msgstr or any(entry.msgstr_plural.values())]
    catalog[:] = kept
    return catalog


def _encode(catalog: polib.POFile) -> bytes:
    return encode_catalog(catalog)
