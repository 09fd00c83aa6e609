"""The site as the tool sees it: its templates (units per domain) and catalog layout."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from l10n.cache.codec import Codec
from l10n.cache.keys import config_key, source_files
from l10n.cache.store import Cache
from l10n.collector import collector_paused
from l10n.config import Config, TemplateSource
from l10n.errors import SourceError
from l10n.model import Unit
from l10n.po.lines import comment_lines
from l10n.sources import menus, ui
from l10n.sources.articles import (
    Article,
    Block,
    article_place,
    article_units,
    read_articles,
)
from l10n.sources.menus import MenuItem


@dataclass
class Site:
    """Every unit of the site by domain, in source order, and what the sources say."""

    config: Config
    templates: dict[str, list[Unit]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    menus: dict[str, list[MenuItem]] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)
    # Read from the files as they are on disk (by `load_site`), not made or changed by a
    # caller: sync may then trust the cache of what it found last time with it.
    from_sources: bool = False

    def add(self, domain: str, kind: str, units: list[Unit]) -> None:
        if domain in self.templates:
            raise SourceError(f"domain '{domain}' is defined twice", self.config.path)
        self.templates[domain] = units
        self.kinds[domain] = kind


def pot_path(config: Config, domain: str) -> Path:
    """Where the template of a domain lives: the adopted one, else `catalogs/<domain>.pot`."""
    adopted = adopted_template(config, domain)
    return adopted if adopted is not None else generated_pot_path(config, domain)


def generated_pot_path(config: Config, domain: str) -> Path:
    """Where `l10n sync` writes the template it builds for a domain of the site's content."""
    return config.catalogs_dir / f"{domain}.pot"


def adopted_template(config: Config, domain: str) -> Path | None:
    """The existing gettext template of an adopted domain: read, never written."""
    source = adopted_source(config, domain)
    return source.path if source is not None else None


def adopted_source(config: Config, domain: str) -> TemplateSource | None:
    """The config's entry for an adopted domain (by the name the tool knows it by)."""
    for template in config.templates:
        if template.domain == domain:
            return template
    return None


def owns_domain(config: Config, domain: str) -> bool:
    """Whether the tool builds this domain's template from the content (and may retire it).

    A catalog of any other domain (an adopted one, or one the config does not name, such
    as Django's `djangojs` beside `django`) is the project's own: sync never changes it
    unless the config names its template.
    """
    if adopted_template(config, domain) is not None:
        return False
    if domain.startswith("articles/"):
        return config.articles_dir is not None
    return (domain == menus.DOMAIN and config.menus_path is not None) or (
        domain == ui.DOMAIN and config.ui_path is not None
    )


def po_path(config: Config, language: str, domain: str) -> Path:
    """Where a language's catalog lives: `<catalogs>/<lang>/LC_MESSAGES/<domain>.po`.

    An adopted domain's catalogs are under its own folder when it has one (`catalogs:` of
    its template: Django's per-app `locale/`), named by its gettext domain.
    """
    source = adopted_source(config, domain)
    if source is None:  # joinpath: as `/` thrice, a third of the time (thousands of catalogs)
        return config.catalogs_dir.joinpath(language, "LC_MESSAGES", f"{domain}.po")
    folder = source.catalogs if source.catalogs is not None else config.catalogs_dir
    return folder.joinpath(language, "LC_MESSAGES", f"{source.file_domain}.po")


def mo_name(config: Config, language: str, domain: str) -> str:
    """Where `l10n export` puts a domain's compiled catalog, under its output folder:
    `locale/<lang>/LC_MESSAGES/<domain>.mo`; an adopted project's in its own layout, its
    catalogs folder as it is under the config's folder (Django's per-app
    `django/contrib/admin/locale/<lang>/LC_MESSAGES/django.mo`, Sphinx's `locale/...`)."""
    source = adopted_source(config, domain)
    if source is None:
        return f"locale/{language}/LC_MESSAGES/{domain}.mo"
    folder = _under(source.catalogs or config.catalogs_dir, config.root)
    return f"{folder}/{language}/LC_MESSAGES/{source.file_domain}.mo"


def _under(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def kind_of_domain(domain: str) -> str:
    """The kind of a built-in domain; adopted templates carry their kind in the config."""
    if domain.startswith("articles/"):
        return "article"
    return "menu" if domain == menus.DOMAIN else "ui"


SITE_CODEC = Codec(Unit, MenuItem, Article, Block)


def load_site(config: Config, cache: Cache | None = None) -> Site:
    """Read every source the config names (kept in `cache` while no source changes).

    The collector is paused meanwhile: every unit read lives on (it went through the
    template's entries and units again and again, a third of reading a big template).
    """
    with collector_paused():
        if cache is None:
            site = _read_site(config)
        else:
            state = cache.computed(
                "site",
                config_key(config),
                lambda: source_files(config),
                lambda: _state(_read_site(config)),
                SITE_CODEC,
                _is_state,
                soon=True,  # encoded while the command goes on: nothing changes a site read
            )
            site = Site(config)
            vars(site).update(state)
    site.from_sources = True
    return site


def _state(site: Site) -> dict[str, object]:
    return {
        name: value for name, value in vars(site).items() if name not in ("config", "from_sources")
    }


def _is_state(state: Any) -> bool:
    """Whether a value read from the cache is a site's state (its dataclasses are checked)."""
    if type(state) is not dict or set(state) != {"templates", "kinds", "menus", "articles"}:
        return False
    templates, kinds, menu_items, articles = (
        state[name] for name in ("templates", "kinds", "menus", "articles")
    )
    return (
        _is_map(templates, list)
        and all(type(unit) is Unit for units in templates.values() for unit in units)
        and _is_map(kinds, str)
        and set(kinds) == set(templates)
        and _is_map(menu_items, list)
        and all(type(item) is MenuItem for items in menu_items.values() for item in items)
        and _is_map(articles, Article)
    )


def _is_map(value: Any, kind: type) -> bool:
    return type(value) is dict and all(
        type(name) is str and type(item) is kind for name, item in value.items()
    )


def _read_site(config: Config) -> Site:
    site = Site(config)
    root = config.root
    if config.menus_path is not None:
        site.menus = menus.read_menus(config.menus_path, root)
        site.add(menus.DOMAIN, "menu", menus.menu_units(site.menus, config.menus_path, root))
    if config.ui_path is not None:
        site.add(ui.DOMAIN, "ui", ui.read_ui(config.ui_path, root))
    if config.articles_dir is not None:
        real_folder, real_root = config.articles_dir.resolve(), root.resolve()  # once
        for article in read_articles(config.articles_dir, root):
            site.articles[article.slug] = article
            where = article_place(article, real_folder, real_root)
            site.add(article.domain, "article", article_units(article, where))
    if not config.templates:
        return site
    built = {generated_pot_path(config, domain).resolve(): domain for domain in site.templates}
    for template in config.templates:
        clash = built.get(template.path.resolve())
        if clash is not None:
            raise SourceError(
                f"the adopted template {template.path.name} is where `l10n sync` writes the "
                f"template of '{clash}': move one of them",
                config.path,
            )
        site.add(
            template.domain,
            template.kind,
            _template_units(template.path, template.domain, template.kind),
        )
    return site


def _template_units(path: Path, domain: str, kind: str) -> list[Unit]:
    """Units of an existing gettext template (Django, Babel, Sphinx) as they are."""
    from l10n.po.catalog import read_catalog  # the reader: not for a site found in the cache

    units: list[Unit] = []
    for entry in read_catalog(path, to_write=False):
        if entry.obsolete or not entry.msgid:
            continue
        references = [f"{name}:{line}" if line else name for name, line in entry.occurrences]
        notes = comment_lines(entry.comment)
        flags = [flag for flag in entry.flags if flag != "fuzzy"]
        units.append(
            Unit(
                domain,
                entry.msgctxt,
                entry.msgid,
                kind,
                references,
                notes,
                entry.msgid_plural or None,
                flags,
                identity_is_context=False,
            )
        )
    return units
