"""Unsaved text, kept outside the catalogs per language and entry, so nothing typed is lost.

A translator's text is written here as it is typed (the editor writes it after a short
pause, and at once when it leaves the entry or quits), so a quit, a crash or a closed
terminal keeps it; it comes back when the entry is opened again, and goes once it is saved.
Each draft is one small JSON file, written atomically, under `.l10n-drafts/<language>/`
next to the config; the folder holds a `.gitignore` that ignores the folder itself, so
drafts never reach git. Drafts are a person's work: unlike the cache, nothing here is ever
deleted except a draft that was saved (or typed back to the catalog's text).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from l10n.po.atomic import write_atomic

FOLDER = ".l10n-drafts"
DraftKey = tuple[str, str | None, str]  # domain, msgctxt, msgid


@dataclass(frozen=True)
class Draft:
    """Text typed for one entry and not saved: one text per plural form, and the catalog's
    text it was typed over (to tell the translator when the catalog changed meanwhile)."""

    domain: str
    context: str | None
    source: str
    targets: tuple[str, ...]
    base: tuple[str, ...] = ()

    @property
    def key(self) -> DraftKey:
        return (self.domain, self.context, self.source)


class Drafts:
    """The drafts of one language of a site."""

    def __init__(self, root: Path, language: str) -> None:
        self.top = root / FOLDER
        self.folder = self.top / language

    def _path(self, key: DraftKey) -> Path:
        digest = hashlib.blake2b(json.dumps(key).encode("utf-8"), digest_size=16).hexdigest()
        return self.folder / f"{digest}.json"

    def keep(self, draft: Draft) -> None:
        """Write (or replace) the entry's draft."""
        if not (self.top / ".gitignore").exists():
            write_atomic(self.top / ".gitignore", b"# unsaved translations of l10n tui\n*\n")
        record = {
            "domain": draft.domain,
            "context": draft.context,
            "source": draft.source,
            "targets": list(draft.targets),
            "base": list(draft.base),
        }
        write_atomic(self._path(draft.key), json.dumps(record, ensure_ascii=False).encode())

    def get(self, key: DraftKey) -> Draft | None:
        """The entry's draft, or None (a file that cannot be read is left alone)."""
        return _read(self._path(key), key)

    def drop(self, key: DraftKey) -> None:
        with contextlib.suppress(FileNotFoundError):
            self._path(key).unlink()

    def keys(self) -> set[DraftKey]:
        """Every entry of the language that has a draft."""
        if not self.folder.is_dir():
            return set()
        found = (_read(path) for path in sorted(self.folder.glob("*.json")))
        return {draft.key for draft in found if draft is not None}


def _read(path: Path, key: DraftKey | None = None) -> Draft | None:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        draft = Draft(
            str(record["domain"]),
            None if record["context"] is None else str(record["context"]),
            str(record["source"]),
            tuple(str(text) for text in record["targets"]),
            tuple(str(text) for text in record.get("base", ())),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return draft if key is None or draft.key == key else None
