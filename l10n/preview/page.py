"""A page of the site as a reader of one language sees it: every string, in reading order.

What the page shows is what `l10n export` gives the site build: the export plan is built in
memory for the language and each string is taken from it (`ExportPlan.shown`), so a
fallback here is a fallback there. Beside the text, each string has its state:

- `translated`: the reader sees the translation;
- `fallback`: the reader sees the English (missing, or stale / needs review and left out
  of the export: `reason` says which);
- `copy`: the translation is the English (or nearly), by the one copy rule;
- `inconsistent`: the same English has another translation elsewhere (one link, two labels);
- `check`: a quality check fails on the translation.

Pages: an article (by slug), `newsroom` (the list of articles) and `home`. Each page is the
site's frame (header: skip link, logo, menu; footer: tagline, EU funding, footer menus,
social networks, credits) around its own content, as the CIVIS site lays it out.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from l10n.config import Config
from l10n.coverage.stats import EntryRecord, catalog_records
from l10n.errors import UsageError
from l10n.export import Shown, plan_export
from l10n.export_settings import load_export_settings
from l10n.gate.checks import SiteChecks, site_checks
from l10n.model import count_words
from l10n.po.catalog import read_catalog
from l10n.sources.articles import Article
from l10n.sources.site import Site, load_site, po_path

PAGES = ("home", "newsroom")  # besides every article's slug
RELATED = 3  # newest other articles under "Related news"
HEADER_UI = ("skip_to_content", "site.logo_alt", "menu", "search", "toggle_submenu")
FOOTER_UI = (
    "site.logo_alt", "site.tagline", "eu_funding.alt", "eu_funding.disclaimer",
    "social_networks", "footer.copyright", "footer.website_by", "footer.design_by",
    "back_to_top",
)  # fmt: skip
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
STATES = ("translated", "fallback", "copy", "inconsistent", "check")


@dataclass(frozen=True)
class Item:
    """One string on the page."""

    region: str  # header, breadcrumb, article, related, footer, newsroom
    domain: str
    identity: str  # msgctxt (a menu item's identity, an interface string's id, a segment's)
    source: str  # the English
    text: str  # what the reader sees
    state: str  # one of STATES
    reason: str = ""  # fallback: missing / stale / needs-review; check: the checks failing
    path: str = ""  # the catalog to fix it in, relative to the config's folder
    line: int = 0
    words: int = 0

    @property
    def english(self) -> bool:
        """The reader sees English here (a fallback, or a copy of the English)."""
        return self.state in ("fallback", "copy")


@dataclass
class Page:
    """Every string of one page in one language, in reading order."""

    name: str
    language: str
    items: list[Item] = field(default_factory=list)

    @property
    def words(self) -> int:
        return sum(item.words for item in self.items)

    @property
    def words_in_language(self) -> int:
        return sum(item.words for item in self.items if not item.english)

    @property
    def readable(self) -> bool:
        """Whether the page has words to read: an adopted project's home and newsroom have
        none (it has no content files), and no view calls such a page 100 % translated."""
        return self.words > 0

    @property
    def coverage(self) -> float:
        """The share of the words a reader sees that are in the page's language (0.0-1.0);
        only for a `readable` page (1.0 for one with no words: views ask `readable` first)."""
        return self.words_in_language / self.words if self.words else 1.0

    @property
    def leftovers(self) -> list[Item]:
        """What the reader still sees in English, or sees wrong."""
        return [item for item in self.items if item.state != "translated"]


def page_names(site: Site) -> list[str]:
    return [*PAGES, *sorted(site.articles)]


def preview_pages(
    config: Config, language: str, names: Sequence[str] | None = None, site: Site | None = None
) -> list[Page]:
    """The pages (all by default) as a reader of `language` sees them."""
    return preview_site(config, [language], names, site)[language]


def preview_site(
    config: Config,
    languages: Sequence[str],
    names: Sequence[str] | None = None,
    site: Site | None = None,
) -> dict[str, list[Page]]:
    """The pages (all by default) as readers of each language see them, from one export plan."""
    site = site or load_site(config)
    for language in languages:
        if language not in config.languages:
            raise UsageError(
                f"unknown language '{language}': the site has {', '.join(config.languages)}"
            )
    wanted = list(names) if names else page_names(site)
    for name in wanted:
        if name not in PAGES and name not in site.articles:
            raise UsageError(
                f"no page '{name}': pages are {', '.join(PAGES)} and the articles' slugs "
                "(`l10n preview --list`)"
            )
    settings = load_export_settings(config)
    plan = plan_export(
        config, settings, languages, site=site, folder=config.root / ".preview", build_files=False
    )
    checks = site_checks(config)
    pages: dict[str, list[Page]] = {}
    for language in languages:
        shown = [item for item in plan.shown if item.language == language]
        builder = _Builder(site, language, _States(config, site, language, shown, checks))
        pages[language] = [builder.page(name) for name in wanted]
    return pages


class _States:
    """The state of every string the export plan shows, from the one record of its entry."""

    def __init__(
        self,
        config: Config,
        site: Site,
        language: str,
        shown_strings: Iterable[Shown],
        checks: SiteChecks,
    ) -> None:
        self.config, self.site, self.language = config, site, language
        self.shown: dict[str, list[Shown]] = defaultdict(list)  # by domain, in file order
        for shown in shown_strings:
            self.shown[shown.domain].append(shown)
        self.checks = checks
        self.rule = checks.settings.context.copy_rule
        self.records: dict[str, dict[tuple[str | None, str], EntryRecord]] = {}
        self.issues: dict[tuple[str, str | None, str], list[str]] = {}
        self.paths: dict[Path, str] = {}  # a catalog's path relative to the config's folder
        self._read_kind("menu")
        self._read_kind("ui")

    def _read_kind(self, kind: str) -> None:
        domains = [domain for domain, domain_kind in self.site.kinds.items() if domain_kind == kind]
        self._read(domains)

    def _read(self, domains: Sequence[str]) -> None:
        """Read the domains' records and their quality issues (catalog checks across them)."""
        records: list[EntryRecord] = []
        for domain in domains:
            if domain in self.records:
                continue
            path = po_path(self.config, self.language, domain)
            found = (
                catalog_records(
                    read_catalog(path), path, domain, self.site.kinds[domain], self.rule
                )
                if path.exists()
                else []
            )
            self.records[domain] = {(record.context, record.source): record for record in found}
            records += found
        for record in records:
            issues = self.checks.record_issues(self.language, record)
            self._add(record, [issue.check_id for issue in issues])
        for index, issues in self.checks.language_issues(self.language, records).items():
            self._add(records[index], [issue.check_id for issue in issues])

    def _add(self, record: EntryRecord, ids: list[str]) -> None:
        if ids:
            key = (record.domain, record.context, record.source)
            self.issues.setdefault(key, []).extend(ids)

    def _relative(self, path: Path) -> str:
        if path not in self.paths:
            self.paths[path] = _relative(path, self.config.root)
        return self.paths[path]

    def item(self, region: str, shown: Shown, text: str | None = None) -> Item:
        if shown.domain not in self.records:
            self._read([shown.domain])
        record = self.records[shown.domain].get((shown.context, shown.source))
        where = (
            (self._relative(record.path), record.msgid_line or record.line or 0)
            if record is not None
            else (self._relative(po_path(self.config, self.language, shown.domain)), 0)
        )
        issues = sorted(set(self.issues.get((shown.domain, shown.context, shown.source), [])))
        if not shown.exported:
            state, reason = "fallback", shown.state
        elif "inconsistent" in issues:
            state, reason = "inconsistent", ", ".join(issues)
        elif issues:
            state, reason = "check", ", ".join(issues)
        elif record is not None and record.copy:
            state, reason = "copy", ""
        else:
            state, reason = "translated", ""
        return Item(region, shown.domain, shown.context or "", shown.source,
                    shown.text if text is None else text, state, reason, *where,
                    count_words(shown.source))  # fmt: skip


class _Builder:
    """Lays the strings of the export out as the site's pages."""

    def __init__(self, site: Site, language: str, states: _States) -> None:
        self.site, self.language, self.states = site, language, states
        self.ui = {shown.context: shown for shown in states.shown.get("ui", [])}
        self.menus = states.shown.get("menu", [])

    def page(self, name: str) -> Page:
        page = Page(name, self.language)
        page.items += self._header()
        if name in self.site.articles:
            page.items += self._article(self.site.articles[name])
        elif name == "newsroom":
            page.items += self._newsroom()
        page.items += self._footer()
        return page

    def _ui(self, region: str, *ids: str) -> list[Item]:
        return [self.states.item(region, self.ui[key]) for key in ids if key in self.ui]

    def _header(self) -> list[Item]:
        items = self._ui("header", *HEADER_UI)
        items += [
            self.states.item("header", shown)
            for shown in self.menus
            if (shown.context or "").startswith("header:")
        ]
        return items

    def _footer(self) -> list[Item]:
        items = self._ui("footer", *FOOTER_UI[:4])
        items += [
            self.states.item("footer", shown)
            for shown in self.menus
            if not (shown.context or "").startswith("header:")
        ]
        return items + self._ui("footer", *FOOTER_UI[4:])

    def _article(self, article: Article) -> list[Item]:
        segments = self.states.shown.get(article.domain, [])
        title = next((s for s in segments if s.context == f"{article.slug}:title"), None)
        items = self._ui("breadcrumb", "breadcrumb.root")
        if title is not None:
            items.append(self.states.item("breadcrumb", title))
        items += self._dateline("article", article)
        items += [self.states.item("article", shown) for shown in segments]
        items += self._ui("related", "related_news")
        for other in self._related(article):
            items += self._teaser("related", other)
        items += self._ui("related", "discover_all_articles", "article.previous", "article.next")
        return items

    def _newsroom(self) -> list[Item]:
        items = self._ui("newsroom", "breadcrumb.root")
        for article in self._by_date(self.site.articles.values()):
            items += self._teaser("newsroom", article)
        return items

    def _teaser(self, region: str, article: Article) -> list[Item]:
        segments = self.states.shown.get(article.domain, [])
        title = [s for s in segments if s.context == f"{article.slug}:title"]
        return [self.states.item(region, shown) for shown in title] + self._dateline(
            region, article
        )

    def _dateline(self, region: str, article: Article) -> list[Item]:
        """The category label and the date, with the language's month name."""
        items = self._ui(region, f"category.{article.front.get('category', '')}")
        date = article.date
        if date is not None:
            month = self.ui.get(f"month.{MONTHS[date.month - 1]}")
            if month is not None:
                items.append(
                    self.states.item(region, month, f"{date.day} {month.text} {date.year}")
                )
        return items

    def _related(self, article: Article) -> list[Article]:
        others = [other for other in self.site.articles.values() if other.slug != article.slug]
        return self._by_date(others)[:RELATED]

    @staticmethod
    def _by_date(articles: Iterable[Article]) -> list[Article]:
        """Newest first, as the newsroom lists them."""
        return sorted(articles, key=lambda a: (a.date or dt.date.min, a.slug), reverse=True)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
