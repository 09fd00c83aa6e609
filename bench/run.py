"""The benchmark: l10n against GNU gettext on the same generated projects, side by side.

    python -m bench.run --size 10k [--shapes site,catalog] [--fuzzy-budget 300] [--data DIR]

Two shapes of project: `site`, the bundled site's own (one catalog per article, menus,
interface strings: bench/generate.py), and `catalog`, one large catalog per language adopted
through `content.templates` (bench/generate_catalog.py; `domains` is its variant with four
large domains). For each shape asked, one after the other:
generates the project first when it is not there, copies its first version
to a work folder, puts the second version of the English in place, and then times, each in
a process of its own and with the peak memory of its processes (the largest one, and all of
them together):

- `l10n sync` (fuzzy carry-over included), then again with nothing changed;
- `msgmerge -N` and `msgmerge --previous` (fuzzy matching on), every catalog of every
  language against the new templates; msgmerge with fuzzy matching stops after the
  languages that fit in --fuzzy-budget seconds and says how many it measured, with the
  time for all seven extrapolated;
- `l10n merge-driver` against `git merge-file` on one branch pair of the largest catalog;
- `l10n status` and `l10n check`, cold (no cache) and warm, against
  `msgfmt --check --statistics` and `pocount` (when translate-toolkit is installed);
- the TUI, through bench/tui_bench.py when it exists;

and scores the carry-over of l10n sync and of msgmerge against the generator's ground
truth (precision and recall, and near-copy recall: see bench/README.md). Prints each
shape's table, then all of them again together; writes each as JSON to
<data>/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import generate_catalog
from bench.generate import LANGUAGES, generate, parse_size
from bench.merge_pairs import write_pair
from bench.poread import read_entries

BENCH = Path(__file__).resolve().parent
LANGS_ALL = len(LANGUAGES)
SHAPES = ("site", *generate_catalog.SHAPES)


@dataclass
class Row:
    """One timed step."""

    name: str
    seconds: float | None
    peak_mib: float | None = None
    cpu_seconds: float | None = None  # user + system of the step's processes: steadier under load
    reference: str | None = None  # the name of the row it is compared with
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    # all of the step's processes together (sum of PSS, sampled); peak_mib is the largest one
    peak_all_mib: float | None = None


def step(
    commands: list[list[str]],
    groups: list[list[int]] | None = None,
    budget: float | None = None,
    ok: tuple[int, ...] = (0,),
) -> dict[str, Any]:
    """Run commands in a fresh `python -m bench.step` process; return its report."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as spec:
        json.dump({"commands": commands, "groups": groups, "budget": budget}, spec)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "bench.step", spec.name],
            cwd=BENCH.parent,
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(spec.name)
    report: dict[str, Any] = json.loads(done.stdout)
    bad = [failure for failure in report["failures"] if failure[1] not in ok]
    if bad:
        print(f"warning: {len(bad)} command(s) failed, first: {bad[0]}", file=sys.stderr)
    return report


def l10n_command() -> str:
    beside = Path(sys.executable).parent / "l10n"
    return str(beside) if beside.exists() else shutil.which("l10n") or "l10n"


def has_command(l10n: str, name: str) -> bool:
    done = subprocess.run([l10n, name, "--help"], capture_output=True, check=False)
    return done.returncode == 0


def prepare(data: Path, work: Path) -> Path:
    """A copy of v1 with the v2 English in place: what a sync has to bring up to date."""
    if work.exists():
        shutil.rmtree(work)
    site = work / "l10n"
    shutil.copytree(data / "v1", site)
    shutil.rmtree(site / "content")
    shutil.copytree(data / "v2" / "content", site / "content")
    return site


def catalog_pairs(data: Path) -> list[tuple[str, str]]:
    """(language, domain) of every catalog of v1 whose domain v2 still has a template."""
    pairs: list[tuple[str, str]] = []
    for language in LANGUAGES:
        folder = data / "v1" / "catalogs" / language / "LC_MESSAGES"
        for path in sorted(folder.rglob("*.po")):
            domain = path.relative_to(folder).with_suffix("").as_posix()
            if (data / "v2" / "catalogs" / f"{domain}.pot").exists():
                pairs.append((language, domain))
    return pairs


def msgmerge_step(data: Path, out: Path, fuzzy: bool, budget: float | None) -> dict[str, Any]:
    commands: list[list[str]] = []
    groups: list[list[int]] = []
    for language in LANGUAGES:
        group: list[int] = []
        for lang, domain in catalog_pairs(data):
            if lang != language:
                continue
            target = out / language / "LC_MESSAGES" / f"{domain}.po"
            target.parent.mkdir(parents=True, exist_ok=True)
            old = data / "v1" / "catalogs" / language / "LC_MESSAGES" / f"{domain}.po"
            pot = data / "v2" / "catalogs" / f"{domain}.pot"
            options = ["--quiet", "--no-wrap", "--previous"] + ([] if fuzzy else ["-N"])
            group.append(len(commands))
            commands.append(["msgmerge", *options, "-o", str(target), str(old), str(pot)])
        groups.append(group)
    return step(commands, groups, budget)


def merge_steps(
    l10n: str, data: Path, work: Path, seed: int
) -> tuple[dict[str, Any], dict[str, Any], str]:
    """The largest catalog of v1 and a branch pair of it (bench/merge_pairs.py: 40 entries
    translated on each side, most of them in one stretch), merged by the merge driver and by
    git's line merge; their reports, and the catalog's name."""
    largest = max(po_files(data / "v1"), key=lambda path: path.stat().st_size)
    folder = work / "merge"
    folder.mkdir(parents=True, exist_ok=True)
    base, ours, theirs = folder / "base.po", folder / "ours.po", folder / "theirs.po"
    shutil.copy(largest, base)
    write_pair(base, ours, theirs, random.Random(seed), 40)
    by_driver, by_git = folder / "merged-by-l10n.po", folder / "merged-by-git.po"
    shutil.copy(ours, by_driver)
    shutil.copy(ours, by_git)
    conflicts = tuple(range(128))  # git merge-file: the number of conflicts; the driver: 1
    driver = step([[l10n, "merge-driver", str(base), str(by_driver), str(theirs)]], ok=(0, 1))
    line_merge = step([["git", "merge-file", str(by_git), str(base), str(theirs)]], ok=conflicts)
    return driver, line_merge, largest.relative_to(data / "v1").as_posix()


def po_files(site: Path) -> list[Path]:
    return sorted((site / "catalogs").rglob("*.po"))


# ---------------------------------------------------------------------------------------
# Carry-over quality


def score(data: Path, output: Path, languages: list[str]) -> dict[str, Any]:
    """Precision and recall of stale carry-over, traced through the translations' text.

    Every translation in v1 is distinct within its domain, so a translation found in the
    output under new English tells which old entry it was carried from. A carried pair
    (old English -> new English) is right when the ground truth says the old segment
    became that new one (edited, rewritten). Recall counts the edited segments (small
    edits) that had a translation; rewritten ones may be carried but need not be.
    """
    pairs = json.loads((data / "truth.json").read_text(encoding="utf-8"))["pairs"]
    right = {
        (p["domain"], p["old"], p["new"])
        for p in pairs
        if p["old"] and p["new"] and p["old"] != p["new"]
    }
    edited = [(p["domain"], p["old"], p["new"]) for p in pairs if p["kind"] == "edited"]
    near = [(p["domain"], p["old"], p["new"]) for p in pairs if p["kind"] == "near-copy"]
    predicted_total = correct = relevant = found = near_relevant = near_found = 0
    wrong_examples: list[tuple[str, str, str]] = []
    for language in languages:
        old_root = data / "v1" / "catalogs" / language / "LC_MESSAGES"
        new_root = output / language / "LC_MESSAGES"
        index: dict[tuple[str, str], list[tuple[str | None, str]]] = {}
        with_text: set[tuple[str, str]] = set()
        translated: dict[tuple[str, str], str] = {}  # (domain, English) -> a person's text
        for path in old_root.rglob("*.po"):
            domain = path.relative_to(old_root).with_suffix("").as_posix()
            for entry in read_entries(path):
                if entry.msgstr and not entry.plural and not entry.obsolete:
                    index.setdefault((domain, entry.msgstr), []).append(
                        (entry.msgctxt, entry.msgid)
                    )
                    with_text.add((domain, entry.msgid))
                    if not entry.fuzzy and entry.msgstr != entry.msgid:
                        translated.setdefault((domain, entry.msgid), entry.msgstr)
        predicted: set[tuple[str, str, str]] = set()
        texts: dict[tuple[str, str], str] = {}
        for path in new_root.rglob("*.po"):
            domain = path.relative_to(new_root).with_suffix("").as_posix()
            for entry in read_entries(path):
                if entry.obsolete or entry.plural or not entry.msgstr:
                    continue
                texts[(domain, entry.msgid)] = entry.msgstr
                origin = _origin(index.get((domain, entry.msgstr)), entry.msgctxt)
                if origin is not None and origin != entry.msgid:
                    predicted.add((domain, origin, entry.msgid))
        wanted = {pair for pair in edited if (pair[0], pair[1]) in with_text}
        predicted_total += len(predicted)
        correct += len(predicted & right)
        relevant += len(wanted)
        found += len(predicted & wanted)
        proposable = [pair for pair in near if (pair[0], pair[1]) in translated]
        near_relevant += len(proposable)
        near_found += sum(
            texts.get((domain, new)) == translated[(domain, old)] for domain, old, new in proposable
        )
        wrong_examples.extend(sorted(predicted - right)[:2])
    return {
        "languages": languages,
        "carried": predicted_total,
        "correct": correct,
        "precision": correct / predicted_total if predicted_total else 1.0,
        "edited": relevant,
        "edited_found": found,
        "recall": found / relevant if relevant else 1.0,
        "near_copies": near_relevant,
        "near_copies_found": near_found,
        "wrong_examples": wrong_examples[:4],
    }


def _origin(candidates: list[tuple[str | None, str]] | None, context: str | None) -> str | None:
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0][1]
    same = [msgid for ctx, msgid in candidates if ctx == context]
    return same[0] if len(same) == 1 else None


# ---------------------------------------------------------------------------------------
# The run


def run(
    size_name: str,
    data: Path,
    work: Path,
    fuzzy_budget: float,
    seed: int,
    with_tui: bool = True,
    shape: str = "site",
) -> dict[str, Any]:
    size = parse_size(size_name)
    if not (data / "manifest.json").exists():
        print(f"generating the {size_name} {shape} project in {data} ...", flush=True)
        if shape == "site":
            generate(size, data, seed)
        else:
            generate_catalog.generate(size, data, seed, shape)
    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    site = prepare(data, work)
    config = str(site / "config.yaml")
    cache = site / ".l10n-cache"
    l10n = l10n_command()
    rows: list[Row] = []

    def timed(
        name: str, report: dict[str, Any], reference: str | None = None, note: str = ""
    ) -> Row:
        row = Row(
            name,
            report["seconds"],
            report["peak_kib"] / 1024,
            report.get("cpu_seconds"),
            reference,
            note,
            peak_all_mib=report["peak_all_kib"] / 1024 if report.get("peak_all_kib") else None,
        )
        rows.append(row)
        print(f"  {name}: {row.seconds:.2f} s, CPU {row.cpu_seconds or 0:.2f} s", flush=True)
        return row

    print(
        f"benchmark at {size_name}, shape {shape}: {manifest['units']} units x {LANGS_ALL} "
        f"languages, load {load()}",
        flush=True,
    )
    shutil.rmtree(cache, ignore_errors=True)
    timed("l10n sync", step([[l10n, "-c", config, "sync"]]), "msgmerge -N")
    timed("l10n sync, nothing changed", step([[l10n, "-c", config, "sync"]]), "msgmerge -N")
    timed(
        "l10n sync, nothing changed, warm",
        step([[l10n, "-c", config, "sync"]]),
        "msgmerge -N",
        note="the previous sync verified clean",
    )
    timed("msgmerge -N", msgmerge_step(data, work / "msgmerge-N", False, None))
    measured = 0
    if fuzzy_budget > 0:
        fuzzy = msgmerge_step(data, work / "msgmerge-fuzzy", True, fuzzy_budget)
        measured = fuzzy["groups_run"]
        fuzzy_row = timed("msgmerge --previous (fuzzy)", fuzzy, "msgmerge -N")
    else:
        rows.append(Row("msgmerge --previous (fuzzy)", None, note="--fuzzy-budget 0: skipped"))
    if 0 < measured < LANGS_ALL:
        assert fuzzy_row.seconds is not None
        fuzzy_row.note = (
            f"{measured} of {LANGS_ALL} languages measured "
            f"({fuzzy_row.seconds:.1f} s); time extrapolated to all"
        )
        fuzzy_row.seconds = fuzzy_row.seconds * LANGS_ALL / measured
    driver, line_merge, largest = merge_steps(l10n, data, work, seed)
    timed("git merge-file, one catalog", line_merge, note=f"{largest}: line by line")
    timed(
        "l10n merge-driver, one catalog",
        driver,
        "git merge-file, one catalog",
        note="the same branch pair, entry by entry",
    )
    catalogs = [str(path) for path in po_files(site)]
    timed(
        "msgfmt --check --statistics",
        step([["msgfmt", "--check", "--statistics", "-o", "/dev/null", path] for path in catalogs]),
        note=f"one process per catalog ({len(catalogs)})",
    )
    if shutil.which("pocount"):
        timed(
            "pocount",
            step([["pocount", "--short", str(site / "catalogs")]]),
            "msgfmt --check --statistics",
        )
    else:
        rows.append(Row("pocount", None, note="translate-toolkit is not installed: skipped"))
    status = [l10n, "-c", config, "status", "--format", "json"]
    shutil.rmtree(cache, ignore_errors=True)
    timed("l10n status, cold", step([status]), "msgfmt --check --statistics")
    timed("l10n status, warm", step([status]), "msgfmt --check --statistics")
    if has_command(l10n, "check"):
        check = [l10n, "-c", config, "check"]
        shutil.rmtree(cache, ignore_errors=True)
        timed("l10n check, cold", step([check], ok=(0, 1)), "msgfmt --check --statistics")
        timed("l10n check, warm", step([check], ok=(0, 1)), "msgfmt --check --statistics")
    else:
        rows.append(Row("l10n check", None, note="`l10n check` is not there yet: skipped"))
    skipped = "not measured in this run (--no-tui)" if shape == "site" else "site shape only"
    tui = tui_figures(site) if with_tui else {"note": skipped}
    quality = {"l10n sync": score(data, site / "catalogs", list(LANGUAGES))}
    if measured:
        fuzzy_output = work / "msgmerge-fuzzy"
        quality["msgmerge --previous"] = score(data, fuzzy_output, list(LANGUAGES[:measured]))
    quality["msgmerge -N"] = score(data, work / "msgmerge-N", list(LANGUAGES))
    results = {
        "shape": shape,
        "load_after": load(),
        "size": size_name,
        "manifest": manifest,
        "machine": machine(),
        "rows": [row.__dict__ for row in rows],
        "quality": quality,
        "tui": tui,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    (data / "results.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print()
    print(render(results))
    return results


def load() -> str:
    """The load averages (1, 5, 15 min): the machine is shared, figures depend on it."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def tui_figures(site: Path) -> dict[str, Any]:
    """The TUI's start-to-interactive and save-and-next times, from bench/tui_bench.py."""
    if not (BENCH / "tui_bench.py").exists():
        return {"note": "bench/tui_bench.py is not there yet: the TUI was not measured"}
    done = subprocess.run(
        [sys.executable, "-m", "bench.tui_bench", "--config", str(site / "config.yaml")],
        cwd=BENCH.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    return {
        "exit": done.returncode,
        "output": done.stdout.strip()[-2000:],
        "errors": done.stderr.strip()[-1000:],
    }


def machine() -> dict[str, str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        total = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{total / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return {
        "cpus": str(os.cpu_count()),
        "cpu": model,
        "memory": memory,
        "python": sys.version.split()[0],
    }


def render(results: dict[str, Any]) -> str:
    """The table: time, ratio to the reference row, peak memory, notes; then quality."""
    manifest = results["manifest"]
    disk_mib = manifest["catalog_bytes"] / 1024 / 1024
    by_name = {row["name"]: row for row in results["rows"]}
    shape = results.get("shape", "site")
    layout = (
        f"{manifest['articles']} articles"
        if shape == "site"
        else f"{manifest['domains']} domain(s), one catalog per language and domain"
    )
    lines = [
        f"shape {shape}, size {results['size']}: {manifest['units']} units "
        f"({manifest['units_by_kind']}), {layout}, "
        f"{LANGS_ALL} languages, catalogs {disk_mib:.0f} MiB on disk",
        f"load average after the run: {results.get('load_after', '?')}",
        f"machine: {results['machine']}",
        "",
        f"{'step':34} {'time s':>9} {'ratio':>7} {'CPU s':>9} {'ratio':>7} {'to':28} "
        f"{'peak MiB':>9} {'all MiB':>8} {'x disk':>7}  note",
        "-" * 137,
    ]
    for row in results["rows"]:
        if row["seconds"] is None:
            lines.append(
                f"{row['name']:34} {'-':>9} {'':>7} {'-':>9} {'':>7} {'':28} {'-':>9} {'-':>8} "
                f"{'':>7}  "
                f"{row['note']}"
            )
            continue
        ratio, cpu_ratio, to = "", "", ""
        cpu = row.get("cpu_seconds")
        reference = by_name.get(row["reference"] or "")
        if reference and reference["seconds"]:
            ratio, to = f"{row['seconds'] / reference['seconds']:.3f}", row["reference"]
            if cpu is not None and reference.get("cpu_seconds"):
                cpu_ratio = f"{cpu / reference['cpu_seconds']:.3f}"
        peak = row["peak_mib"]
        together = row.get("peak_all_mib")  # results written before it was measured lack it
        together_text = f"{together:8.0f}" if together else f"{'-':>8}"
        cpu_text = f"{cpu:9.2f}" if cpu is not None else f"{'-':>9}"
        lines.append(
            f"{row['name']:34} {row['seconds']:9.2f} {ratio:>7} {cpu_text} {cpu_ratio:>7} "
            f"{to:28} {peak:9.0f} {together_text} {max(together or 0, peak) / disk_mib:7.2f}  "
            f"{row['note']}"
        )
    lines += [
        "",
        f"{'carry-over':22} {'languages':>9} {'carried':>8} {'correct':>8} "
        f"{'precision':>9} {'edited':>7} {'found':>6} {'recall':>7} {'near-copies':>16}",
        "-" * 101,
    ]
    for name, quality in results["quality"].items():
        near = quality.get("near_copies", 0)
        near_found = quality.get("near_copies_found", 0)
        lines.append(
            f"{name:22} {len(quality['languages']):9d} {quality['carried']:8d} "
            f"{quality['correct']:8d} {quality['precision']:9.3f} "
            f"{quality['edited']:7d} {quality['edited_found']:6d} "
            f"{quality['recall']:7.3f} "
            + (f"{near_found:>7d} of {near:<5d}" if near else f"{'-':>16}")
        )
    tui = results["tui"]
    if tui.get("note"):
        lines += ["", f"TUI: {tui['note']}"]
    elif tui.get("exit"):
        last = (tui.get("errors") or "").strip().splitlines()[-1:] or ["?"]
        lines += ["", f"TUI: bench/tui_bench.py failed (exit {tui['exit']}): {last[0]}"]
    else:
        lines += ["", "TUI (bench/tui_bench.py):", tui.get("output", "")]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--size", default="1k", help="1k, 10k, 100k (or a number of units)")
    parser.add_argument(
        "--shapes",
        default="site,catalog",
        help=f"shapes of project, comma-separated, from {', '.join(SHAPES)} "
        "(default: site,catalog)",
    )
    parser.add_argument(
        "--data",
        help="the generated project, one shape only "
        "(default: bench/data/<size> for site, bench/data/<size>-<shape> for the others)",
    )
    parser.add_argument("--work", help="scratch folder, one shape only (default: <data>/work)")
    parser.add_argument(
        "--fuzzy-budget",
        type=float,
        default=300.0,
        help="seconds msgmerge with fuzzy matching may take (default 300; it always finishes "
        "the first language: on the catalog shape at 10k that is long); 0 leaves it out",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-tui", action="store_true", help="leave bench/tui_bench.py out")
    parser.add_argument("--show", action="store_true", help="print the last results again")
    args = parser.parse_args(argv)
    shapes = [shape.strip() for shape in args.shapes.split(",") if shape.strip()]
    unknown = [shape for shape in shapes if shape not in SHAPES]
    if unknown or not shapes:
        parser.error(f"unknown shape(s) {', '.join(unknown)}: choose from {', '.join(SHAPES)}")
    if (args.data or args.work) and len(shapes) > 1:
        parser.error("--data and --work name one shape's folders: give one --shapes")
    tables: list[str] = []
    for shape in shapes:
        data = data_folder(args.size, shape, args.data)
        if args.show:
            results = json.loads((data / "results.json").read_text(encoding="utf-8"))
        else:
            work = Path(args.work) if args.work else data / "work"
            with_tui = shape == "site" and not args.no_tui
            results = run(args.size, data, work, args.fuzzy_budget, args.seed, with_tui, shape)
        tables.append(render(results))
    if len(tables) > 1 or args.show:
        print("\n\n".join(["=" * 110, *tables]))
    return 0


def data_folder(size: str, shape: str, given: str | None) -> Path:
    """Where a shape's generated project lives."""
    if given:
        return Path(given)
    return BENCH / "data" / (size if shape == "site" else f"{size}-{shape}")


if __name__ == "__main__":
    sys.exit(main())
