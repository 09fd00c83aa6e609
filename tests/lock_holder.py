"""A writer process taking a catalog's lock (`l10n.po.lock.locked`), for the lock's tests.

    python -m tests.lock_holder hold CATALOG          take it, print "held", keep it until
                                                      a line arrives on stdin
    python -m tests.lock_holder try CATALOG SECONDS   wait at most SECONDS: print "took" or
                                                      the error

Run it under `python -m tests.posixless` to take the lock through its Windows path.
"""

from __future__ import annotations

import sys
from pathlib import Path

from l10n.errors import CatalogError
from l10n.po.lock import locked


def main(argv: list[str]) -> int:
    mode, catalog = argv[0], Path(argv[1])
    if mode == "hold":
        with locked(catalog):
            print("held", flush=True)
            sys.stdin.readline()
        return 0
    try:
        with locked(catalog, timeout=float(argv[2])):
            print("took", flush=True)
    except CatalogError as error:
        print(error, flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
