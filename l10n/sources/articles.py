"""Newsroom articles: Markdown with YAML front matter, cut into translatable segments.

Each heading, paragraph, list item and quote is one segment; inline Markdown stays inside
the segment so translators keep links and emphasis. Code blocks, images alone on a line
and HTML comments are kept as they are and not translated.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from l10n.errors import SourceError
from l10n.model import Unit
from l10n.yamlio import LineDict, parse_yaml, read_text

FRONT_KEYS = ("title", "date", "category", "summary", "author", "tags", "image", "draft")
TRANSLATED_FIELDS = ("title", "summary")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9\-_]*$")
_HEADING = re.compile(r"^(#{1,6}\s+)(.*?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^(\s*(?:[-*+]|\d+[.)])\s+)(.*)$")
_QUOTE = re.compile(r"^(>\s?)(.*)$")
_IMAGE_ONLY = re.compile(r"^\s*!\[[^\]]*\]\([^)]*\)\s*$")


@dataclass
class Block:
    """One block of an article body: a segment to translate, or text kept as it is."""

    prefix: str
    text: str
    line: int
    translatable: bool = True
    tight: bool = False  # follows the previous block without a blank line (list items)


@dataclass
class Article:
    """An article's metadata and body blocks, in source order."""

    slug: str
    path: Path
    front: dict[str, Any]
    front_lines: dict[str, int]
    blocks: list[Block] = field(default_factory=list)

    @property
    def domain(self) -> str:
        return f"articles/{self.slug}"

    @property
    def title(self) -> str:
        return str(self.front.get("title", self.slug))

    @property
    def date(self) -> dt.date | None:
        value = self.front.get("date")
        return value if isinstance(value, dt.date) else None


def read_articles(folder: Path, root: Path | None = None) -> list[Article]:
    """Read every `*.md` article of a folder, sorted by slug.

    With `root`, an article that is a symbolic link to a file outside it is refused: the
    project's content is what lies in the project.
    """
    if not folder.is_dir():
        raise SourceError("articles folder not found", folder)
    paths = sorted(folder.glob("*.md"))
    if root is not None:
        inside, real_folder = root.resolve(), folder.resolve()  # once, not once per article
        for path in paths:
            if not (real := real_path(path, real_folder)).is_relative_to(inside):
                raise SourceError(f"a link to a file outside the project ({real})", path)
    return [read_article(path) for path in paths]


def real_path(path: Path, real_folder: Path) -> Path:
    """`path.resolve()` for a file of the folder whose real path is `real_folder`: only a
    link is resolved (resolving is a stat per folder of the path, for thousands of articles;
    this is one)."""
    return path.resolve() if path.is_symlink() else real_folder / path.name


def read_article(path: Path) -> Article:
    """Parse one article file."""
    slug = path.stem
    if not _SLUG.match(slug):
        raise SourceError(f"article file name '{slug}' is not a slug (a-z, 0-9, -)", path, 1)
    text = read_text(path, SourceError)
    nul = text.find("\x00")
    if nul >= 0:  # it would end the string in the .mo files C programs read
        raise SourceError("a NUL character in the article", path, text.count("\n", 0, nul) + 1)
    lines = text.splitlines()
    front, front_lines, body_start = _front_matter(lines, path)
    article = Article(slug, path, front, front_lines)
    article.blocks = _blocks(lines, body_start)
    return article


def article_place(article: Article, real_folder: Path, real_root: Path) -> str:
    """The article's file as references name it (as `menus._relative` names a file): its
    real path under the project's real folder, both resolved once by the caller."""
    try:
        return real_path(article.path, real_folder).relative_to(real_root).as_posix()
    except ValueError:
        return article.path.as_posix()


def article_units(article: Article, where: str) -> list[Unit]:
    """The article's segments as units: title, summary, then the body in order (`where`:
    the article's file as references name it, `article_place`)."""
    units = [
        Unit(
            article.domain,
            f"{article.slug}:{name}",
            str(article.front[name]),
            "article",
            [f"{where}:{article.front_lines[name]}"],
            [f"Article {name}"],
        )
        for name in TRANSLATED_FIELDS
        if article.front.get(name)
    ]
    note = f"Article: {article.title}"
    for block in article.blocks:
        if block.translatable:
            units.append(
                Unit(
                    article.domain,
                    article.slug,
                    block.text,
                    "article",
                    [f"{where}:{block.line}"],
                    [note],
                    identity_is_context=False,
                )
            )
    return _merge_duplicates(units)


def _merge_duplicates(units: list[Unit]) -> list[Unit]:
    """Segments with the same text are one unit with several references, as in gettext."""
    by_key: dict[tuple[str | None, str], Unit] = {}
    for unit in units:
        if unit.key in by_key:
            by_key[unit.key].references.extend(unit.references)
        else:
            by_key[unit.key] = unit
    return list(by_key.values())


def _front_matter(lines: list[str], path: Path) -> tuple[dict[str, Any], dict[str, int], int]:
    if not lines or lines[0].strip() != "---":
        raise SourceError("an article must start with '---' and YAML front matter", path, 1)
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        raise SourceError("front matter is not closed with '---'", path, 1) from None
    raw = parse_yaml("\n".join(lines[1:end]), path, SourceError, first_line=2)
    if not isinstance(raw, LineDict):
        raise SourceError("front matter must be a mapping", path, 2)
    for key in raw:
        if key not in FRONT_KEYS:
            raise SourceError(f"unknown front matter key '{key}'", path, raw.line_of(key) + 1)
    if not isinstance(raw.get("title"), str) or not raw["title"].strip():
        raise SourceError("front matter needs a 'title'", path, 2)
    lines_of = {key: raw.line_of(key) + 1 for key in raw}
    return dict(raw), lines_of, end + 1


def _blocks(lines: list[str], start: int) -> list[Block]:
    blocks: list[Block] = []
    index = start
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
        elif line.lstrip().startswith(("```", "~~~")):
            index = _fenced(lines, index, blocks)
        elif line.lstrip().startswith("<!--"):
            index = _comment(lines, index, blocks)
        else:
            index = _text_block(lines, index, blocks)
    return blocks


def _fenced(lines: list[str], index: int, blocks: list[Block]) -> int:
    fence = lines[index].lstrip()[:3]
    end = next(
        (i for i in range(index + 1, len(lines)) if lines[i].lstrip().startswith(fence)),
        len(lines) - 1,
    )
    blocks.append(Block("", "\n".join(lines[index : end + 1]), index + 1, translatable=False))
    return end + 1


def _comment(lines: list[str], index: int, blocks: list[Block]) -> int:
    end = next((i for i in range(index, len(lines)) if "-->" in lines[i]), len(lines) - 1)
    blocks.append(Block("", "\n".join(lines[index : end + 1]), index + 1, translatable=False))
    return end + 1


def _text_block(lines: list[str], index: int, blocks: list[Block]) -> int:
    line = lines[index]
    heading = _HEADING.match(line)
    if heading:
        blocks.append(Block(heading.group(1), heading.group(2), index + 1))
        return index + 1
    if _IMAGE_ONLY.match(line):
        blocks.append(Block("", line, index + 1, translatable=False))
        return index + 1
    marker = _LIST_ITEM.match(line) or _QUOTE.match(line)
    prefix, first = (marker.group(1), marker.group(2)) if marker else ("", line.strip())
    end = index + 1
    while end < len(lines) and _continues(lines[end]):
        end += 1
    text = " ".join([first.strip()] + [part.strip() for part in lines[index + 1 : end]])
    tight = bool(marker) and bool(blocks) and index > 0 and bool(lines[index - 1].strip())
    blocks.append(Block(prefix, text, index + 1, tight=tight))
    return end


def _continues(line: str) -> bool:
    """A line continues the current block unless blank or the start of a new block."""
    stripped = line.strip()
    if not stripped:
        return False
    starts_block = (
        _HEADING.match(line)
        or _LIST_ITEM.match(line)
        or _QUOTE.match(line)
        or stripped.startswith(("```", "~~~", "<!--"))
    )
    return not starts_block
