"""The coordinators' report: computed once here, rendered as text, Markdown, JSON or HTML.

Its numbers come from the same records as `status` and `check` (`stats.collect_entries`);
the report adds the articles x languages matrix, the stale list with how long each entry has
been stale (from git), the words left per language, the coverage trend over git history, who
translated and reviewed what (`activity`), and the commit it was made from.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import polib

from l10n.cache.store import Cache
from l10n.config import Config
from l10n.coverage.activity import Activity, Source, catalog_activity
from l10n.coverage.history import TrendPoint, coverage_trend
from l10n.coverage.stats import Counts, SiteEntries, SiteStats, collect_entries, stats_from_entries
from l10n.gitio import last_change, toplevel
from l10n.model import State
from l10n.sources.site import Site, load_site

MAX_STALE_LOOKUPS = 200  # git calls to date stale entries; the rest show as unknown
DAY = 86400


@dataclass(frozen=True)
class StaleItem:
    """A translation whose English changed, and since when (None: not known from git)."""

    language: str
    kind: str
    domain: str
    identity: str
    source: str
    previous_source: str
    path: str
    line: int
    since: int | None
    in_git: bool = True

    def days(self, now: int) -> int | None:
        return None if self.since is None else max(0, (now - self.since) // DAY)

    def age(self, now: int) -> str:
        """'12 days', 'not committed' (stale in the working tree only) or 'unknown'."""
        days = self.days(now)
        if days is not None:
            return f"{days} day{'' if days == 1 else 's'}"
        return "not committed" if self.in_git else "unknown (no git)"


@dataclass(frozen=True)
class ArticleRow:
    """One article's numbers in every language."""

    slug: str
    title: str
    date: str | None
    words: int
    languages: dict[str, Counts]


@dataclass
class Report:
    """Everything the report shows."""

    project: str
    stats: SiteStats
    now: int
    articles: list[ArticleRow] = field(default_factory=list)
    stale: list[StaleItem] = field(default_factory=list)
    trend: list[TrendPoint] = field(default_factory=list)
    activity: Activity = field(default_factory=lambda: Activity(Source()))

    @property
    def languages(self) -> list[str]:
        return list(self.stats.languages)

    def effort(self) -> dict[str, dict[str, int]]:
        """Words left to translate per language, in all and per kind."""
        return {
            code: {
                "all": stats.counts.words_todo,
                **{kind: counts.words_todo for kind, counts in stats.kinds.items()},
            }
            for code, stats in self.stats.languages.items()
        }

    def as_json(self) -> dict[str, object]:
        """`status --format json` plus the report's own sections."""
        return {
            **self.stats.as_json(),
            "project": self.project,
            "words_coverage": {
                code: round(words_coverage(stats.counts), 4)
                for code, stats in self.stats.languages.items()
            },
            "effort": self.effort(),
            "articles": [
                {
                    "slug": row.slug,
                    "title": row.title,
                    "date": row.date,
                    "words": row.words,
                    "coverage": {
                        code: round(counts.coverage, 4) for code, counts in row.languages.items()
                    },
                }
                for row in self.articles
            ],
            "stale": [
                {
                    "language": item.language,
                    "kind": item.kind,
                    "domain": item.domain,
                    "identity": item.identity,
                    "source": item.source,
                    "previous_source": item.previous_source,
                    "path": item.path,
                    "line": item.line,
                    "since": item.since,
                    "days": item.days(self.now),
                }
                for item in self.stale
            ],
            "trend": [
                {
                    "commit": point.commit,
                    "time": point.time,
                    "coverage": {code: round(value, 4) for code, value in point.coverage.items()},
                }
                for point in self.trend
            ],
            "made_from": {
                "commit": self.activity.source.commit,
                "time": self.activity.source.time,
                "uncommitted_changes": self.activity.source.changed,
                "git": self.activity.source.problem or None,
            },
            "activity": self._activity_json(),
        }

    def _activity_json(self) -> dict[str, object]:
        """Per language: when its catalogs last changed, who did what in the last commits."""
        return {
            "commits": self.activity.commits,
            "languages": {
                code: {
                    "last_change": language.last_change,
                    "last_commit": language.last_commit,
                    "people": [
                        {
                            "person": work.person,
                            "translated": work.translated,
                            "words": work.words,
                            "reviewed": work.reviewed,
                            "suggested": work.suggested,
                            "commits": work.commits,
                            "last": work.last,
                        }
                        for work in language.ranked()
                    ],
                }
                for code, language in self.activity.languages.items()
            },
        }


def words_coverage(counts: Counts) -> float:
    """Share of English words translated (1.0 when there is nothing to translate)."""
    return 1 - counts.words_todo / counts.words_total if counts.words_total else 1.0


def build_report(
    config: Config,
    languages: tuple[str, ...] | None = None,
    history: int = 20,
    site: Site | None = None,
    now: int | None = None,
    cache: Cache | None = None,
) -> Report:
    """Compute the report for the chosen languages (with a `cache`, records are kept)."""
    site = site or load_site(config, cache)
    codes = languages or config.languages
    entries = collect_entries(config, site, codes, cache)
    report = Report(
        config.project,
        stats_from_entries(config.source, site, entries),
        now if now is not None else int(time.time()),
    )
    report.articles = _articles(site, report.stats)
    report.stale = _stale(config, entries)
    report.trend = coverage_trend(config, codes, history)
    report.activity = catalog_activity(config, codes, history)
    return report


def _articles(site: Site, stats: SiteStats) -> list[ArticleRow]:
    rows = []
    for article in site.articles.values():
        per_language = {
            code: language.domains[article.domain] for code, language in stats.languages.items()
        }
        words = next(iter(per_language.values())).words_total if per_language else 0
        date = article.date.isoformat() if article.date else None
        rows.append(ArticleRow(article.slug, article.title, date, words, per_language))
    return sorted(rows, key=lambda row: (row.date or "", row.slug), reverse=True)


def _stale(config: Config, entries: SiteEntries) -> list[StaleItem]:
    """Stale entries, oldest first, each dated by the commit that made it stale."""
    root = toplevel(config.root)
    items: list[StaleItem] = []
    for code, domains in entries.items():
        for domain, records in domains.items():
            for record in records:
                if record.state is not State.STALE:
                    continue
                path = record.path.resolve()
                relative = path.relative_to(config.root.resolve()).as_posix()
                since = None
                if root is not None and len(items) < MAX_STALE_LOOKUPS:
                    needle = f'#| msgid "{polib.escape(record.previous_source or "")}"'
                    since = last_change(root, needle, path.relative_to(root.resolve()).as_posix())
                items.append(
                    StaleItem(
                        code,
                        record.kind,
                        domain,
                        record.identity,
                        record.source,
                        record.previous_source or "",
                        relative,
                        record.line or 0,
                        since,
                        root is not None,
                    )
                )
    return sorted(items, key=lambda item: (item.since or 2**62, item.language, item.identity))
