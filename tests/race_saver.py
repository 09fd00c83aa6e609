"""A translator saving entry after entry, as a process of its own, until told to stop.

    python -m tests.race_saver TAG STOP_FILE CATALOG KEYS_JSON [CATALOG KEYS_JSON ...]

It saves into each catalog in turn, with a pause of 10 ms between saves (to leave the
machine to the sync it races, not to time anything). Each save reads the entry as it is
on disk (the translator's base), types a new text and saves it with
`l10n.po.editing.save_entry`; every save that reported success is printed as one JSON
line (catalog, msgctxt, msgid, text), so the test can look for it in the catalog after.
A save that meets a conflict (the sync changed that very entry first) reports nothing.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from l10n.po.catalog import read_catalog
from l10n.po.editing import EntryConflict, find_entry, save_entry, snapshot, translated


def main(argv: list[str]) -> int:
    tag, stop = argv[0], Path(argv[1])
    catalogs = [
        (
            Path(path),
            [(context, source) for context, source in json.loads(Path(keys).read_text("utf-8"))],
        )
        for path, keys in zip(argv[2::2], argv[3::2], strict=True)
    ]
    count = 0
    while not stop.exists() or count < len(catalogs):
        path, keys = catalogs[count % len(catalogs)]
        key = keys[(count // len(catalogs)) % len(keys)]
        count += 1
        time.sleep(0.01)
        entry = find_entry(read_catalog(path), key)
        if entry is None or entry.msgid_plural:
            continue
        base = snapshot(entry)
        text = f"{tag} save {count}"
        try:
            save_entry(path, key, base, translated(base, (text,)), "Race <race@example.org>")
        except EntryConflict:
            continue
        print(json.dumps([str(path), key[0], key[1], text]), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
