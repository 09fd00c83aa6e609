"""The cache folder's index of file digests (l10n/cache/keys.py, FileDigests).

A warm run knows a file unchanged by its stat (device, inode, size, modification and change
time) instead of hashing its bytes, as git's index does. The index may only ever say what
hashing would say: a file changed just before it was read is hashed every time (the
racy-git rule), a file replaced is hashed again, a damaged index is no index.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from pathlib import Path

import pytest

from l10n.cache.keys import MISSING, FileDigests, digest_files, file_digest
from l10n.cache.store import VALUES, Cache

EVERY_FILE_SETTLED = -(10**18)  # a clock far ahead: every file counts as settled


def plant(folder: Path, path: Path, digest: str) -> None:
    """An index entry with the file's exact stat now and another digest."""
    found = os.stat(path)
    stamp = [found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns]
    files = {os.fspath(path): [*stamp, digest]}
    (folder / FileDigests.NAME).write_text(
        json.dumps({"format": FileDigests.FORMAT, "files": files})
    )


def test_a_file_changed_just_before_it_is_read_is_hashed_whatever_the_index_says(
    tmp_path: Path,
) -> None:
    catalog = tmp_path / "de.po"
    catalog.write_bytes(b'msgid "a"\nmsgstr "b"\n')
    plant(tmp_path, catalog, "0" * 40)  # as if an edit in the same tick kept the stat
    index = FileDigests(tmp_path)
    assert index.digest(catalog) == file_digest(catalog) != "0" * 40
    assert file_digest(catalog) == hashlib.sha256(catalog.read_bytes()).hexdigest()[:40]
    assert index.dumps() is None  # not settled: nothing remembered


def test_a_settled_file_is_known_by_its_stat_and_a_replaced_one_is_hashed(tmp_path: Path) -> None:
    catalog = tmp_path / "de.po"
    catalog.write_bytes(b'msgid "a"\nmsgstr "b"\n')
    plant(tmp_path, catalog, "0" * 40)
    assert FileDigests(tmp_path, EVERY_FILE_SETTLED).digest(catalog) == "0" * 40
    replacement = tmp_path / "new.po"
    replacement.write_bytes(b'msgid "a"\nmsgstr "c"\n')  # same size, another inode
    os.utime(replacement, ns=(os.stat(catalog).st_atime_ns, os.stat(catalog).st_mtime_ns))
    os.replace(replacement, catalog)
    assert FileDigests(tmp_path, EVERY_FILE_SETTLED).digest(catalog) == file_digest(catalog)


def test_what_the_index_learnt_is_read_back(tmp_path: Path) -> None:
    catalog = tmp_path / "de.po"
    catalog.write_bytes(b'msgid "a"\nmsgstr "b"\n')
    first = FileDigests(tmp_path, EVERY_FILE_SETTLED)
    digest = first.digest(catalog)
    kept = first.dumps()
    assert kept is not None
    (tmp_path / FileDigests.NAME).write_bytes(kept)
    second = FileDigests(tmp_path, EVERY_FILE_SETTLED)
    assert second.digest(catalog) == digest == file_digest(catalog)
    assert second.dumps() is None  # known from the index, nothing new learnt


@pytest.mark.parametrize("damage", ["random", "truncated", "pickle", "format", "shape"])
def test_a_damaged_index_is_no_index(tmp_path: Path, damage: str) -> None:
    catalog = tmp_path / "de.po"
    catalog.write_bytes(b'msgid "a"\nmsgstr "b"\n')
    plant(tmp_path, catalog, "0" * 40)
    index = tmp_path / FileDigests.NAME
    text = index.read_bytes()
    damaged = {
        "random": os.urandom(200),
        "truncated": text[: len(text) // 2],
        "pickle": pickle.dumps({"files": {}}),
        "format": text.replace(f'"format": {FileDigests.FORMAT}'.encode(), b'"format": 1'),
        "shape": text.replace(b'"0000', b'0, "0000'),
    }[damage]
    index.write_bytes(damaged)
    assert FileDigests(tmp_path, EVERY_FILE_SETTLED).digest(catalog) == file_digest(catalog)


def test_digests_are_the_same_with_and_without_the_index(tmp_path: Path) -> None:
    files = [tmp_path / "a.po", tmp_path / "missing.po", tmp_path / "b.pot"]
    files[0].write_bytes(b"one")
    files[2].write_bytes(b"two")
    index = FileDigests(tmp_path, EVERY_FILE_SETTLED)
    assert digest_files(files, index) == digest_files(files)
    assert digest_files(files, index) == digest_files(files, index)  # now from the stat
    assert index.digest(files[1]) == MISSING


def test_a_command_keeps_the_index_in_its_cache_folder(tmp_path: Path) -> None:
    catalog = tmp_path / "de.po"
    catalog.write_bytes(b"x")
    cache = Cache(tmp_path / ".l10n-cache")
    before = cache.digest([catalog])
    cache.flush()  # a fresh file is not remembered: no index written
    assert not (tmp_path / ".l10n-cache" / VALUES / FileDigests.NAME).exists()
    assert before == digest_files([catalog])
