"""Pages x languages: what share of each page a reader of each language sees in it.

The table holds the previewed pages themselves (`preview_site`), so every number and every
leftover in the report is what `l10n preview --lang L PAGE` shows: one computation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from l10n.config import Config
from l10n.preview.page import PAGES, Item, Page, page_names, preview_site
from l10n.sources.site import Site, load_site

FRAME = ("header", "footer")  # the regions every page shares


@dataclass(frozen=True)
class PageRow:
    """One page of the site in every language."""

    name: str  # `home`, `newsroom` or an article's slug
    title: str  # in English
    languages: dict[str, Page]

    @property
    def kind(self) -> str:
        return self.name if self.name in PAGES else "article"

    @property
    def complete_in(self) -> list[str]:
        """The languages whose readers see nothing left to fix on this page."""
        return [code for code, page in self.languages.items() if not page.leftovers]


@dataclass(frozen=True)
class ReaderTable:
    """Every page x every language, in the order `preview --list` gives the pages."""

    languages: list[str]
    rows: list[PageRow]

    def worst(self, language: str) -> PageRow | None:
        """The page whose reader of `language` sees the least in it (most words first)."""
        return min(
            self.rows,
            key=lambda row: (row.languages[language].coverage, -row.languages[language].words),
            default=None,
        )

    def complete(self, language: str) -> list[PageRow]:
        return [row for row in self.rows if language in row.complete_in]

    def frame(self, language: str) -> list[Item]:
        """The leftovers of the header and footer, which every page of a language shows."""
        if not self.rows:
            return []
        return [item for item in self.rows[0].languages[language].leftovers if in_frame(item)]


def in_frame(item: Item) -> bool:
    return item.region in FRAME


def own_leftovers(page: Page) -> list[Item]:
    """A page's leftovers outside the header and footer (those are `ReaderTable.frame`)."""
    return [item for item in page.leftovers if not in_frame(item)]


def reader_table(config: Config, languages: Sequence[str], site: Site | None = None) -> ReaderTable:
    """The pages x languages table of the site (one export plan for every language); a page
    with no words to read (an adopted project's home and newsroom: it has no content files)
    is left out, not called 100 % translated."""
    site = site or load_site(config)
    names = page_names(site)
    pages = preview_site(config, languages, names, site)
    rows = [
        PageRow(
            name,
            site.articles[name].title if name in site.articles else name.capitalize(),
            {code: pages[code][index] for code in languages},
        )
        for index, name in enumerate(names)
        if any(pages[code][index].readable for code in languages)
    ]
    return ReaderTable(list(languages), rows)
