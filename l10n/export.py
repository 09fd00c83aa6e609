"""`l10n export`: compiled .mo files and translated content files for the site build.

Everything is built in memory first and written only when all of it succeeded, each file
atomically. Only translations a person accepted are exported unless `include` asks for
needs-review or stale ones too; everything else falls back to English and is listed.

    export:
      dir: build/l10n          # default output folder (-o overrides it)
      format: yaml             # menus and interface strings: yaml or json
      include: [needs-review]  # states exported besides translated

Layout of the output folder:

    locale/<lang>/LC_MESSAGES/<domain>.mo     gettext.translation(domain, localedir=…/locale)
                                              (never an entry msgfmt --check rejects: listed)
    content/<lang>/menus.<yaml|json>          menus with translated labels
    content/<lang>/ui.<yaml|json>             interface strings by id
    content/<lang>/articles/<slug>.md         articles with front matter
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polib
import yaml

from l10n.config import Config
from l10n.coverage.stats import msgid_line, msgid_lines
from l10n.export_settings import ExportSettings
from l10n.languages import forms_count_problem
from l10n.model import State
from l10n.po.atomic import remove_stale_temps, write_atomic
from l10n.po.catalog import read_catalog, source_text
from l10n.po.formats import entry_rejection
from l10n.po.headers import nplurals_of
from l10n.sources.articles import TRANSLATED_FIELDS, Article
from l10n.sources.menus import MenuItem
from l10n.sources.site import Site, load_site, mo_name, po_path
from l10n.states import entry_texts, state_of

Key = tuple[str | None, str]


@dataclass(frozen=True)
class Fallback:
    """A unit exported in English because it has no exportable translation (in a content
    file, or a translation left out of a compiled catalog no content file lists)."""

    language: str
    file: str  # relative to the output folder
    identity: str
    source: str
    state: str  # or why the translation was left out (forms_count_problem)
    location: str = ""  # for a compiled catalog's: the catalog's file:line of the msgid


@dataclass(frozen=True)
class Rejection:
    """A translation left out because `msgfmt --check` would reject it (a broken `{name]`)."""

    language: str
    location: str  # `path:line` of its msgid, the path relative to the config's folder
    identity: str
    source: str
    reason: str


@dataclass(frozen=True)
class Shown:
    """One string as the site build gets it: the text exported, and why (for `preview`)."""

    language: str
    file: str  # relative to the output folder
    domain: str
    context: str | None
    source: str
    text: str  # what the site displays: the translation, or the English it falls back to
    exported: bool  # False: the English, because the state is not exported
    state: str  # the catalog entry's state (missing when there is no entry)


@dataclass
class ExportPlan:
    """The bytes of every file to write, what fell back to English, what was rejected, and
    every string shown (for `preview`)."""

    folder: Path
    files: dict[str, bytes] = field(default_factory=dict)
    fallbacks: list[Fallback] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    translated: dict[str, tuple[int, int]] = field(default_factory=dict)  # file -> (done, all)
    shown: list[Shown] = field(default_factory=list)  # in the order the files hold them


class _Translations:
    """One language's exportable translations, domain by domain, read once."""

    def __init__(self, config: Config, settings: ExportSettings, language: str):
        self.config, self.settings, self.language = config, settings, language
        self.catalogs: dict[str, polib.POFile | None] = {}
        self.rejected: dict[str, dict[Key, Rejection]] = {}  # by domain, once read

    def catalog(self, domain: str) -> polib.POFile | None:
        if domain not in self.catalogs:
            path = po_path(self.config, self.language, domain)
            catalog = read_catalog(path) if path.exists() else None
            self.catalogs[domain] = catalog
            self.rejected[domain] = self._rejections(catalog) if catalog is not None else {}
        return self.catalogs[domain]

    def _rejections(self, catalog: polib.POFile) -> dict[Key, Rejection]:
        """The exported entries msgfmt --check would reject, by key."""
        location = self._locator(catalog)
        rejected = {}
        forms = catalog.metadata.get("Plural-Forms")
        for entry in self._exported(catalog):
            reason = entry_rejection(entry, forms)
            if reason is not None:
                rejected[entry.msgctxt, entry.msgid] = Rejection(
                    self.language, location(entry), entry.msgctxt or "", entry.msgid, reason
                )
        return rejected

    def _locator(self, catalog: polib.POFile) -> Callable[[polib.POEntry], str]:
        """`file:line` of an entry's msgid (the file relative to the project's root)."""
        lines = msgid_lines(source_text(catalog) or "")
        path = Path(catalog.fpath).resolve()
        where = (
            path.relative_to(self.config.root) if path.is_relative_to(self.config.root) else path
        ).as_posix()
        return lambda entry: f"{where}:{msgid_line(lines, entry.linenum)}"

    def left_out(self, domain: str, name: str) -> list[Fallback]:
        """The translations the compiled catalog `name` leaves out, each with why (its
        state, or its plural forms); those msgfmt --check rejects are `rejected` instead."""
        catalog = self.catalog(domain)
        if catalog is None:
            return []
        compiled = {(entry.msgctxt, entry.msgid) for entry in self.entries(domain)}
        compiled.update(self.rejected[domain])
        location, forms = self._locator(catalog), nplurals_of(catalog)
        return [
            Fallback(
                self.language,
                name,
                entry.msgctxt or "",
                entry.msgid,
                left_out_why(entry, self.language, forms),
                location(entry),
            )
            for entry in catalog
            if not entry.obsolete
            and entry.msgid
            and (entry.msgctxt, entry.msgid) not in compiled
            and any(entry_texts(entry))
        ]

    def _exported(self, catalog: polib.POFile | None) -> list[polib.POEntry]:
        """Entries whose state is exported.

        A plural entry without as many forms as the catalog's nplurals is left out (the
        `plurals` check reports it): gettext would pick a form that is not there, or the
        wrong one.
        """
        if catalog is None:
            return []
        forms = nplurals_of(catalog)
        return [
            entry
            for entry in catalog
            if not entry.obsolete
            and entry.msgid
            and _forms_complete(entry, forms)
            and self.settings.exported(state_of(entry))
        ]

    def entries(self, domain: str) -> list[polib.POEntry]:
        """Entries of a domain whose state is exported, but none msgfmt --check rejects."""
        catalog = self.catalog(domain)
        rejected = self.rejected[domain]
        return [
            entry
            for entry in self._exported(catalog)
            if (entry.msgctxt, entry.msgid) not in rejected
        ]

    def texts(self, domain: str) -> dict[Key, list[str]]:
        return {(entry.msgctxt, entry.msgid): entry_texts(entry) for entry in self.entries(domain)}


def _forms_complete(entry: polib.POEntry, forms: int) -> bool:
    """Whether a plural entry has as many forms as the catalog's nplurals (others: True)."""
    return not entry.msgid_plural or len(entry.msgstr_plural) == forms


def left_out_why(entry: polib.POEntry, language: str, forms: int) -> str:
    """Why an entry's translation is not exported: its plural forms, if not the catalog's
    `forms` (in the words of the `plurals` check), else its state."""
    if not _forms_complete(entry, forms):
        return forms_count_problem(len(entry.msgstr_plural), language, forms)
    return state_of(entry).value


def plan_export(
    config: Config,
    settings: ExportSettings,
    languages: Iterable[str] | None = None,
    site: Site | None = None,
    folder: Path | None = None,
    build_files: bool = True,
) -> ExportPlan:
    """Build every exported file in memory (`build_files=False`: the same plan, every string
    shown, fallback and rejection recorded, but no file's bytes made: for preview, report)."""
    site = site or load_site(config)
    plan = ExportPlan(folder or settings.folder)
    listed = _content_domains(site)
    for language in languages or config.languages:
        translations = _Translations(config, settings, language)
        for domain in site.templates:
            translations.catalog(domain)  # read, and what msgfmt would reject in it found
            name = mo_name(config, language, domain)
            if build_files:
                plan.files[name] = _compiled(translations, domain)
            plan.rejected += translations.rejected[domain].values()
            if domain not in listed:  # an adopted domain: no content file lists its fallbacks
                plan.fallbacks += translations.left_out(domain, name)
        _content(plan, site, settings, translations, build_files)
    return plan


def _content_domains(site: Site) -> set[str]:
    """The domains whose units a content file lists, its fallbacks with them (`_content`)."""
    domains = {article.domain for article in site.articles.values()}
    domains |= {"menu"} if site.menus else set()
    return domains | ({"ui"} & set(site.templates))


def write_export(plan: ExportPlan) -> None:
    """Write the planned files (each atomically), after the leftovers of killed writers."""
    remove_stale_temps(plan.folder)
    for name, data in plan.files.items():
        write_atomic(plan.folder / name, data)


def _compiled(translations: _Translations, domain: str) -> bytes:
    """A .mo of the exported entries (fuzzy flags dropped: the settings chose them)."""
    catalog = translations.catalog(domain)
    compiled = polib.POFile()
    compiled.metadata = dict(catalog.metadata) if catalog is not None else {}
    compiled.metadata.setdefault("Content-Type", "text/plain; charset=UTF-8")
    for entry in translations.entries(domain):
        compiled.append(
            polib.POEntry(
                msgctxt=entry.msgctxt,
                msgid=entry.msgid,
                msgstr=entry.msgstr,
                msgid_plural=entry.msgid_plural,
                msgstr_plural=dict(entry.msgstr_plural),
            )
        )
    data: bytes = compiled.to_binary()
    return data


def _content(
    plan: ExportPlan,
    site: Site,
    settings: ExportSettings,
    translations: _Translations,
    build_files: bool,
) -> None:
    language, ext = translations.language, settings.format
    if site.menus:
        name = f"content/{language}/menus.{ext}"
        lookup = _Lookup(plan, translations, "menu", name)
        menus = {
            menu: [_menu_item(item, lookup) for item in items] for menu, items in site.menus.items()
        }
        if build_files:
            plan.files[name] = _serialise(menus, ext)
    if "ui" in site.templates:
        name = f"content/{language}/ui.{ext}"
        lookup = _Lookup(plan, translations, "ui", name)
        strings = {
            unit.identity: lookup.text(unit.context, unit.source, unit.plural)
            for unit in site.templates["ui"]
        }
        if build_files:
            plan.files[name] = _serialise(strings, ext)
    for article in site.articles.values():
        name = f"content/{language}/articles/{article.slug}.md"
        lookup = _Lookup(plan, translations, article.domain, name)
        article_text = _article(article, lookup, language)
        if build_files:
            plan.files[name] = article_text.encode("utf-8")


class _Lookup:
    """Translations of one domain for one output file, recording fallbacks as it goes."""

    def __init__(self, plan: ExportPlan, translations: _Translations, domain: str, name: str):
        self.plan, self.name, self.language = plan, name, translations.language
        self.domain = domain
        self.texts = translations.texts(domain)
        catalog = translations.catalog(domain)
        forms = nplurals_of(catalog) if catalog is not None else 0
        self.states = {
            (entry.msgctxt, entry.msgid): left_out_why(entry, self.language, forms)
            for entry in catalog or []
            if not entry.obsolete
        }
        self.states.update(dict.fromkeys(translations.rejected[domain], "rejected"))
        self.seen: set[Key] = set()
        plan.translated[name] = (0, 0)

    def text(
        self, context: str | None, source: str, plural: str | None = None, named: bool = True
    ) -> Any:
        """The exported translation, or the English (recorded as a fallback)."""
        key = (context, source)
        found = self.texts.get(key)
        state = self.states.get(key, State.MISSING.value)
        self.plan.shown.append(
            Shown(self.language, self.name, self.domain, context, source,
                  found[0] if found is not None else source, found is not None, state)
        )  # fmt: skip
        if key not in self.seen:
            self.seen.add(key)
            done, total = self.plan.translated[self.name]
            self.plan.translated[self.name] = (done + (found is not None), total + 1)
            if found is None:
                identity = context if named and context is not None else ""
                self.plan.fallbacks.append(
                    Fallback(self.language, self.name, identity, source, state)
                )
        if plural is not None:
            return found if found is not None else [source, plural]
        return found[0] if found is not None else source


def _menu_item(item: MenuItem, lookup: _Lookup) -> dict[str, Any]:
    exported: dict[str, Any] = {
        "id": item.identity,
        "label": lookup.text(item.identity, item.label),
    }
    if item.path:
        exported["path"] = item.path
    for name in ("children", "featured"):
        children = getattr(item, name)
        if children:
            exported[name] = [_menu_item(child, lookup) for child in children]
    return exported


def _article(article: Article, lookup: _Lookup, language: str) -> str:
    """The article in Markdown with front matter; untranslated segments stay English."""
    front = _plain(article.front)
    for name in TRANSLATED_FIELDS:
        if front.get(name):
            front[name] = lookup.text(f"{article.slug}:{name}", str(article.front[name]))
    front["language"] = language
    parts = ["---\n", yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)]
    parts.append("---\n")
    for index, block in enumerate(article.blocks):
        text = (
            lookup.text(article.slug, block.text, named=False) if block.translatable else block.text
        )
        parts.append(("" if index == 0 else "\n" if block.tight else "\n\n") + block.prefix + text)
    return "".join(parts) + "\n"


def _plain(value: Any) -> Any:
    """Front matter as plain dicts and lists (the line-aware YAML types do not dump)."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _serialise(value: Any, form: str) -> bytes:
    if form == "json":
        return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=1000).encode("utf-8")
