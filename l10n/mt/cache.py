"""A persistent cache of engine answers (sqlite3, WAL): a rerun sends no request.

It holds only what engines returned, so deleting the file loses nothing but time. The key is a
hash of provider name, engine, languages and the exact (protected) text sent, so a change of
the do-not-translate list asks again, while restoring the hidden pieces runs on every read.
The file may come with a repository: SQLite reads it as data (no code; `trusted_schema` off),
a row that holds no text is asked again, and a file that is no database is reported, named.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from pathlib import Path

from l10n.cache.store import make_cache_folder
from l10n.errors import L10nError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    key TEXT PRIMARY KEY,
    provider TEXT NOT NULL,
    engine TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    sent TEXT NOT NULL,
    translation TEXT NOT NULL,
    created REAL NOT NULL
)
"""


def cache_key(provider: str, engine: str, source: str, target: str, sent: str) -> str:
    """The row key: a SHA-256 over every field that changes the engine's answer."""
    fields = "\x1f".join((provider, engine, source, target, sent))
    return hashlib.sha256(fields.encode("utf-8")).hexdigest()


class MTCache:
    """Thread-safe get/put over one sqlite3 file (or `:memory:` when path is None)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        try:
            if path is not None and not path.parent.is_dir():
                make_cache_folder(path.parent)  # a folder of its own: git ignores it
            target = ":memory:" if path is None else str(path)
            self._db = sqlite3.connect(target, check_same_thread=False, isolation_level=None)
            # The file may come with the repository: its schema (triggers, views) may not call
            # functions with side effects, and only rows are read from it, as text.
            self._db.execute("PRAGMA trusted_schema=OFF")
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(_SCHEMA)
        except (sqlite3.Error, OSError) as exc:
            raise L10nError(
                f"machine-translation cache unusable ({exc}); it only holds engine answers, "
                "delete it to start afresh",
                path,
            ) from None

    def get(self, provider: str, engine: str, source: str, target: str, sent: str) -> str | None:
        key = cache_key(provider, engine, source, target, sent)
        with self._lock:
            row = self._db.execute(
                "SELECT translation FROM translations WHERE key = ?", (key,)
            ).fetchone()
        return row[0] if row is not None and type(row[0]) is str else None

    def put(
        self, provider: str, engine: str, source: str, target: str, sent: str, translation: str
    ) -> None:
        key = cache_key(provider, engine, source, target, sent)
        row = (key, provider, engine, source, target, sent, translation, time.time())
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO translations VALUES (?,?,?,?,?,?,?,?)", row)

    def __len__(self) -> int:
        with self._lock:
            (count,) = self._db.execute("SELECT COUNT(*) FROM translations").fetchone()
        return int(count)

    def close(self) -> None:
        with self._lock:
            self._db.close()
