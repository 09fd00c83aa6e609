"""Records cross from the workers to the main process by the million: pickled as their
fields in order (`EntryRecord.__reduce__`), read back field for field the same."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

from l10n.coverage.stats import EntryRecord
from l10n.model import State


def every_field_set() -> EntryRecord:
    """A record whose every field differs from its default and from the others."""
    return EntryRecord(
        "articles/a",
        "article",
        "a:title",
        "One file",
        State.STALE,
        True,
        2,
        Path("catalogs/de/LC_MESSAGES/articles/a.po"),
        12,
        "A file",
        ("Eine Datei", "Dateien"),
        ("fuzzy", "python-format"),
        "{n} files",
        "msgid_plural without translations",
        13,
        3,
    )


def fields(record: EntryRecord) -> dict[str, object]:
    return {field.name: getattr(record, field.name) for field in dataclasses.fields(record)}


def test_a_record_is_pickled_field_for_field() -> None:
    record = every_field_set()
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(record, protocol))
        assert type(back) is EntryRecord and fields(back) == fields(record)
    assert record.__reduce__()[1] == tuple(fields(record).values())


def test_a_record_without_texts_differs_only_in_them() -> None:
    record = every_field_set()
    assert fields(record.without_texts()) == {**fields(record), "texts": ()}
