"""Throughput of translate_many: 500 strings against the local server (50 ms per request),
then the same batch again from the cache. Run: python bench/mt_bench.py [--concurrency N]."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from l10n.mt import MTService, parse_mt_config
from tests.libretranslate_server import Behaviour, LibreTranslateServer


def texts(count: int) -> list[str]:
    """Distinct strings that look like site content, with a link, a placeholder and a term."""
    return [
        f"Paragraph {n}: the [CIVIS Open Lab](https://civis.eu/lab/{n}) welcomes {{name}}."
        for n in range(count)
    ]


def timed_run(service: MTService, batch: list[str]) -> tuple[float, int]:
    started = time.perf_counter()
    results = service.translate_many(batch, "en", "sv")
    elapsed = time.perf_counter() - started
    assert len(results) == len(batch) and all(r.ok for r in results.values())
    return elapsed, sum(r.from_cache for r in results.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4, 8])
    args = parser.parse_args()
    batch = texts(args.count)
    print(f"{args.count} strings, {args.latency * 1000:.0f} ms server latency per request")
    for concurrency in args.concurrency:
        with (
            tempfile.TemporaryDirectory() as folder,
            LibreTranslateServer(Behaviour(latency=args.latency)) as server,
        ):
            section = {
                "concurrency": concurrency,
                "cache": "mt.sqlite3",
                "do_not_translate": ["CIVIS", "Open Lab"],
                "providers": {"libre": {"engine": "libretranslate", "url": server.url}},
            }
            settings = parse_mt_config(section, Path(folder) / "config.yaml", {})
            with MTService(settings) as service:
                cold, _ = timed_run(service, batch)
                sent = server.requests
                warm, cached = timed_run(service, batch)
            print(
                f"concurrency {concurrency}: first run {cold:6.2f} s "
                f"({args.count / cold:7.1f} strings/s, {sent} requests); "
                f"rerun {warm * 1000:6.1f} ms ({args.count / warm:9.0f} strings/s, "
                f"{cached} from cache, {server.requests - sent} requests)"
            )


if __name__ == "__main__":
    main()
