"""The same unit's translation in the other languages, shown to the translator for reference.

Parsing a whole catalog takes 0.1 s for 6,000 entries, and the editor wants one entry from
each of six catalogs. So each catalog's text is kept, and an entry is found in it by its
`msgctxt` and `msgid` lines as polib and `l10n sync` write them (one line each); only those
few lines are parsed. An entry that cannot be found that way for sure (wrapped lines, other
escapes, not there at all, there twice) is looked up in the whole catalog, parsed once.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib

from l10n.cache.memo import Memo
from l10n.config import Config
from l10n.errors import L10nError
from l10n.model import State
from l10n.po.catalog import read_catalog
from l10n.po.editing import release
from l10n.sources.site import po_path
from l10n.states import entry_texts, state_of

Key = tuple[str | None, str]
CATALOGS_KEPT = 24  # catalog texts (and whole catalogs parsed) kept: a few domains' worth
ANSWERS_KEPT = 256  # items whose references are remembered
_GOES_ON = re.compile(r'[ \t]*"')  # a line that continues the string above it
Stamp = tuple[int, int, int, int] | None  # what tells a file changed (`file_stamp`)
Answer = tuple[tuple[Stamp, ...], list[tuple[str, str]]]  # an item's references, as of when


def file_stamp(path: Path) -> Stamp:
    """What tells a file changed: another file (an atomic write), its size, its time."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


class References:
    """Reference texts of one language's items in every other language of the site.

    What was read is kept with each file's stamp, so a catalog another translator saved
    since is read again, and an item's references follow their saves.
    """

    def __init__(self, config: Config, language: str) -> None:
        self.config = config
        self.codes = [code for code in config.languages if code != language]
        self._texts: Memo[Path, tuple[Stamp, str | None]] = Memo(CATALOGS_KEPT)
        self._parsed: Memo[Path, tuple[Stamp, dict[Key, str]]] = Memo(CATALOGS_KEPT)
        self._answers: Memo[tuple[str, Key], Answer] = Memo(ANSWERS_KEPT)

    def _stamps(self, domain: str) -> tuple[Stamp, ...]:
        return tuple(file_stamp(po_path(self.config, code, domain)) for code in self.codes)

    def known(self, domain: str, key: Key) -> list[tuple[str, str]] | None:
        """The references of an item if they were looked up before and no other language's
        catalog changed since (nothing is read but the files' stamps)."""
        kept = self._answers.get((domain, key), None)
        return kept[1] if kept is not None and kept[0] == self._stamps(domain) else None

    def changed(self, domain: str, key: Key) -> bool:
        """Whether an item's references were looked up and a catalog changed since."""
        kept = self._answers.get((domain, key), None)
        return kept is not None and kept[0] != self._stamps(domain)

    def of(self, domain: str, key: Key) -> list[tuple[str, str]]:
        """(language, text) for each other language that has a translation (blocking)."""
        stamps = self._stamps(domain)  # before reading: a save meanwhile is read next time
        kept = self._answers.get((domain, key), None)
        if kept is not None and kept[0] == stamps:
            return kept[1]
        found = []
        for code, stamp in zip(self.codes, stamps, strict=True):
            text = self._text(po_path(self.config, code, domain), key, stamp)
            if text:
                found.append((code, text))
        self._answers.put((domain, key), (stamps, found))
        return found

    def text(self, path: Path, key: Key) -> str | None:
        """The translation of `key` in the catalog at `path` (None: not translated, or absent)."""
        return self._text(path, key, file_stamp(path))

    def _text(self, path: Path, key: Key, stamp: Stamp) -> str | None:
        parsed = self._parsed.get(path, None)
        if parsed is not None and parsed[0] == stamp:
            return parsed[1].get(key)
        content = self._content(path, stamp)
        if content is None:
            return None
        block = entry_block(content, key)
        if block is not None:
            known, text = block_text(block, key)
            if known:
                return text
        return self._parse(path, stamp).get(key)

    def _content(self, path: Path, stamp: Stamp) -> str | None:
        """The catalog's text after a newline (None when there is no catalog)."""
        kept = self._texts.get(path, None)
        if kept is not None and kept[0] == stamp:
            return kept[1]
        try:
            content: str | None = "\n" + path.read_bytes().decode("utf-8")
        except FileNotFoundError:
            content = None
        except (OSError, UnicodeDecodeError):
            content = ""  # found nowhere: parsing the whole catalog reports what is wrong
        self._texts.put(path, (stamp, content))
        return content

    def _parse(self, path: Path, stamp: Stamp) -> dict[Key, str]:
        texts: dict[Key, str] = {}
        try:
            catalog = read_catalog(path)
        except L10nError:  # that language's own views name it; here it only has no reference
            self._parsed.put(path, (stamp, texts))
            return texts
        for entry in catalog:
            if not entry.obsolete and state_of(entry) is State.TRANSLATED:
                texts[(entry.msgctxt, entry.msgid)] = entry_texts(entry)[0]
        release(catalog)  # freed now, not by a full garbage collection later
        self._parsed.put(path, (stamp, texts))
        return texts


def entry_block(content: str, key: Key) -> str | None:
    """The lines of the active entry `key` in `content` ("\\n" + a catalog's text).

    The entry is found by its `msgctxt` and `msgid` lines written whole on one line each;
    None when it is not found exactly once that way, or the lines around it leave a doubt
    (then only parsing the whole catalog can tell).
    """
    context, source = key
    needle = f'\nmsgid "{polib.escape(source)}"\n'
    if context is not None:
        needle = f'\nmsgctxt "{polib.escape(context)}"{needle}'
    found: list[int] = []
    at = content.find(needle)
    while at >= 0:
        line_before = content[content.rfind("\n", 0, at) + 1 : at]
        if context is None and line_before.startswith("msgctxt "):
            pass  # the same msgid in another entry, with a context
        elif line_before.strip() and not line_before.startswith("#"):
            return None  # a string going on, or glued to the entry before: parse to be sure
        else:
            found.append(at)
        at = content.find(needle, at + 1)
    if len(found) != 1:
        return None
    at, after = found[0], found[0] + len(needle)
    if _GOES_ON.match(content, after):
        return None  # the msgid goes on over more lines: another, longer msgid
    start = content.rfind("\n\n", 0, at + 1) + 1
    end = content.find("\n\n", after - 1)
    return content[start : end if end >= 0 else len(content)].strip("\n") + "\n"


def block_text(block: str, key: Key) -> tuple[bool, str | None]:
    """(True, translation or None) if `block` is the entry `key` alone, else (False, None)."""
    try:
        parsed = polib.pofile(block)
    except (OSError, ValueError):
        return False, None
    entries = list(parsed)
    release(parsed)
    if len(entries) != 1 or entries[0].obsolete or (entries[0].msgctxt, entries[0].msgid) != key:
        return False, None
    entry = entries[0]
    return True, entry_texts(entry)[0] if state_of(entry) is State.TRANSLATED else None
