"""The cache's data-only codec and its bounded memo (l10n/cache/codec.py, memo.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import pickle
import zlib
from pathlib import Path

import pytest

from l10n.cache.codec import MAGIC, Codec, CorruptCache, Unencodable
from l10n.cache.memo import Memo
from l10n.config import load_config
from l10n.coverage.stats import RECORDS_CODEC, Counts, EntryRecord
from l10n.gate.scan import SCAN_CODEC, CatalogScan, DomainScan
from l10n.model import State
from l10n.sources.site import SITE_CODEC, load_site


def record(**changes: object) -> EntryRecord:
    fields: dict[str, object] = {
        "domain": "ui",
        "kind": "ui",
        "context": "search",
        "source": "Search",
        "state": State.NEEDS_REVIEW,
        "copy": False,
        "words": 1,
        "path": Path("catalogs/de/LC_MESSAGES/ui.po"),
        "line": 12,
        "previous_source": None,
        "texts": ("Suche",),
        "flags": ("fuzzy",),
        "source_plural": None,
        "msgid_line": 13,
    }
    fields.update(changes)
    return EntryRecord(**fields)  # type: ignore[arg-type]


def row(**changes: object) -> dict[str, list[object]]:
    """A record as JSON, as the codec writes it, with some fields changed."""
    fields = {
        field.name: getattr(record(), field.name) for field in dataclasses.fields(EntryRecord)
    }
    fields.update(changes)
    plain = [
        str(value)
        if isinstance(value, Path)
        else list(value)
        if isinstance(value, tuple)
        else value
        for value in fields.values()
    ]
    return {"c:EntryRecord": plain}


def raw(codec: Codec, value: object) -> bytes:
    """Bytes as the codec frames them, around JSON written by hand."""
    text = zlib.compress(json.dumps(value).encode())
    return MAGIC + len(text).to_bytes(8, "little") + text


def test_values_come_back_equal_and_of_their_types(site_dir: Path) -> None:
    records = [record(), record(context=None, texts=(), state=State.MISSING, line=None)]
    assert RECORDS_CODEC.loads(RECORDS_CODEC.dumps(records)) == records
    scan = DomainScan(
        "ui",
        False,
        [
            CatalogScan(
                "de",
                Path("x.po"),
                records,
                [[("a", "error", "m")], []],
                True,
                Counts(2, 1),
            )
        ],
    )
    assert SCAN_CODEC.loads(SCAN_CODEC.dumps(scan)) == scan
    plain = {("a", None): [1, 2.5, b"\0bytes", (True, None)], "when": dt.date(2026, 1, 2)}
    assert Codec().loads(Codec().dumps(plain)) == plain
    site = load_site(load_config(site_dir / "config.yaml"))
    state = {name: value for name, value in vars(site).items() if name != "config"}
    assert SITE_CODEC.loads(SITE_CODEC.dumps(state)) == state


@pytest.mark.parametrize(
    "value",
    [
        {"c:EntryRecord": ["ui"]},  # too few fields
        {
            "c:EntryRecord": [
                "ui",
                "ui",
                None,
                "S",
                "translated",
                False,
                "1",
                "p",
                1,
                None,
                [],
                [],
                None,
                1,
            ]
        },
        {"c:EntryRecord": ["ui", "ui", None, "S", "gone", False, 1, "p", 1, None, [], [], None, 1]},
        {
            "c:EntryRecord": [
                "ui",
                "ui",
                None,
                "S",
                "translated",
                False,
                1,
                "p",
                1,
                None,
                [7],
                [],
                None,
                1,
            ]
        },
        {"c:Popen": ["sh"]},  # a class the codec was not made with
        {"os.system": "touch x"},
        {"t": [1], "d": []},  # two tags
        {"plain": "object"},
        {"d": [[1], 2]},  # an unhashable key
        {"b": 3},  # a byte string that is not there
    ],
)
def test_anything_but_what_was_written_is_corrupt(value: object) -> None:
    assert type(RECORDS_CODEC.loads(raw(RECORDS_CODEC, [row()]))[0]) is EntryRecord
    with pytest.raises(CorruptCache):
        RECORDS_CODEC.loads(raw(RECORDS_CODEC, [value]))


def test_damaged_bytes_are_corrupt() -> None:
    data = RECORDS_CODEC.dumps([record()])
    RECORDS_CODEC.loads(data)
    for damaged in (data[: len(data) // 2], data[:-1], data + b"x", pickle.dumps([record()]), b""):
        with pytest.raises(CorruptCache):
            RECORDS_CODEC.loads(damaged)


def test_a_type_the_codec_does_not_know_is_not_written() -> None:
    with pytest.raises(Unencodable):
        Codec().dumps([record()])
    with pytest.raises(Unencodable):
        Codec().dumps({1, 2})


def test_memo_lets_the_least_recently_used_go_first() -> None:
    let_go: list[str] = []
    memo: Memo[str, str] = Memo(2, let_go.append)
    memo.put("a", "A")
    memo.put("b", "B")
    assert memo.get("a", None) == "A"  # now b is the oldest
    memo.put("c", "C")
    assert let_go == ["B"] and "b" not in memo and len(memo) == 2
    memo.put("a", "A2")
    assert let_go == ["B", "A"]
    assert memo.pop("a") == "A2" and let_go == ["B", "A"]  # taken, not let go
    memo.clear()
    assert let_go == ["B", "A", "C"] and memo.get("c", "none") == "none"


def test_a_file_that_inflates_far_more_than_json_is_corrupt() -> None:
    bomb = zlib.compress(b"[" + b" " * 50_000_000 + b"]", 9)
    with pytest.raises(CorruptCache):
        Codec().loads(MAGIC + len(bomb).to_bytes(8, "little") + bomb)
    assert Codec().loads(Codec().dumps([" " * 1000] * 1000)) == [" " * 1000] * 1000


def test_lists_of_one_dataclass_are_kept_field_by_field_and_checked() -> None:
    records = [record(), record(words=3, texts=("a", "b"))]
    data = RECORDS_CODEC.dumps(records)
    assert b"l:EntryRecord" in zlib.decompress(data[len(MAGIC) + 8 :])
    assert RECORDS_CODEC.loads(data) == records
    columns = [
        list(column) for column in zip(*(row()["c:EntryRecord"] for _ in range(2)), strict=True)
    ]
    assert RECORDS_CODEC.loads(raw(RECORDS_CODEC, {"l:EntryRecord": columns})) == [record()] * 2
    for damage in ([[1]] * len(columns), [*columns[:-1], ["x", "y"]], [*columns[:-1], [1]]):
        with pytest.raises(CorruptCache):
            RECORDS_CODEC.loads(raw(RECORDS_CODEC, {"l:EntryRecord": damage}))


@pytest.mark.parametrize("issue", [("a", "error"), ("a", "error", "m", "x"), ("a", "error", 3)])
def test_a_kept_scan_whose_issue_is_not_three_strings_is_corrupt(issue: tuple[object, ...]) -> None:
    """A scan's issues are (check id, severity, message): a kept one of another shape is
    a miss (scanned again), never a scan the gate would unpack wrongly."""
    good = CatalogScan("de", Path("x.po"), [], [[("a", "error", "m")]], True, Counts())
    assert SCAN_CODEC.loads(SCAN_CODEC.dumps(DomainScan("ui", False, [good]))).catalogs == [good]
    bad = CatalogScan("de", Path("x.po"), [], [[issue]], True, Counts())  # type: ignore[list-item]
    with pytest.raises(CorruptCache):
        SCAN_CODEC.loads(SCAN_CODEC.dumps(DomainScan("ui", False, [bad])))
