"""`l10n pretranslate` end to end against the local LibreTranslate server.

    python -m bench.pretranslate_bench [--site DIR] [--lang sv] [--latency 0.05]
                                       [--concurrency 1 4 8] [--limit N]

For each concurrency: copies the site (the bundled one by default) to a temporary folder,
gives it an `mt:` section pointing at a local server that waits `--latency` seconds per
request, and times the `l10n pretranslate --lang L` command in a process of its own (start-up,
reading, requests, saving); then puts the original catalogs back and times the same run
again, answered by the cache alone (the server must see no request); then once more with
nothing left to do (not with --limit: that run would go on with the next units).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.libretranslate_server import Behaviour, LibreTranslateServer

REPO = Path(__file__).resolve().parent.parent
L10N = Path(sys.executable).parent / "l10n"


def copy_site(source: Path, target: Path, concurrency: int) -> None:
    """The site's config, content, catalogs and glossary, with our own `mt:` section."""
    target.mkdir(parents=True)
    for folder in ("content", "catalogs"):
        shutil.copytree(source / folder, target / folder)
    if (source / "glossary.yaml").exists():
        shutil.copy(source / "glossary.yaml", target / "glossary.yaml")
    text = (source / "config.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?ms)^mt:\n.*?(?=^[A-Za-z_])", "", text + "\n")
    text += (
        "\nmt:\n"
        f"  concurrency: {concurrency}\n"
        "  cache: .l10n-cache/mt.sqlite3\n"
        "  providers:\n"
        '    libre: {engine: libretranslate, url: "http://127.0.0.1:5000/"}\n'
    )
    (target / "config.yaml").write_text(text, encoding="utf-8")


def run(site: Path, args: list[str], url: str) -> tuple[float, str]:
    """Run `l10n pretranslate` in its own process; the wall time and its summary line."""
    env = {**os.environ, "L10N_LIBRE_URL": url}
    started = time.perf_counter()
    done = subprocess.run(
        [str(L10N), "-c", str(site / "config.yaml"), "pretranslate", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"l10n pretranslate failed ({done.returncode}):\n{done.stderr}")
    return elapsed, done.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=REPO, help="a site folder (config.yaml)")
    parser.add_argument("--lang", default="sv")
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4, 8])
    parser.add_argument("--limit", type=int, help="at most N units")
    options = parser.parse_args()
    args = ["--lang", options.lang] + (["--limit", str(options.limit)] if options.limit else [])
    print(
        f"l10n pretranslate {' '.join(args)} on {options.site}, "
        f"{options.latency * 1000:.0f} ms server latency per request"
    )
    for concurrency in options.concurrency:
        with (
            tempfile.TemporaryDirectory() as folder,
            LibreTranslateServer(Behaviour(latency=options.latency)) as server,
        ):
            site = Path(folder) / "site"
            copy_site(options.site, site, concurrency)
            original = Path(folder) / "original-catalogs"
            shutil.copytree(site / "catalogs", original)
            cold, summary = run(site, args, server.url)
            sent = server.requests
            shutil.rmtree(site / "catalogs")
            shutil.copytree(original, site / "catalogs")
            warm, warm_summary = run(site, args, server.url)
            assert server.requests == sent, "the rerun sent requests"
            # With --limit, a third run would go on with the next units: nothing is idle.
            idle = None if options.limit else run(site, args, server.url)[0]
            units = int(re.search(r"saved (\d+) unit", summary).group(1))  # type: ignore[union-attr]
            print(
                f"concurrency {concurrency}: first run {cold:6.2f} s for {units} units "
                f"({units / cold:6.1f} units/s, {sent} requests); rerun from cache "
                f"{warm:5.2f} s ({units / warm:6.1f} units/s, 0 requests)"
                + ("" if idle is None else f"; nothing to do {idle:5.2f} s")
            )
            print(f"  first run: {summary}\n  rerun:     {warm_summary}")


if __name__ == "__main__":
    main()
