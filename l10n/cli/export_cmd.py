"""`l10n export`: .mo files and translated content for the site build, listing fallbacks."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict, replace
from pathlib import Path

from l10n.cache.store import Cache, committed
from l10n.cli.common import add_language_option, config_from, emit, languages_from
from l10n.cli.progress import working
from l10n.exitcodes import ExitCode
from l10n.export import ExportPlan, Fallback, plan_export, write_export
from l10n.export_settings import load_export_settings
from l10n.po.formats import rejection_message
from l10n.sources.site import load_site


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "export",
        help="compiled .mo files and translated content files",
        description="Write locale/<lang>/LC_MESSAGES/<domain>.mo and content/<lang>/ (menus, "
        "interface strings, articles) under DIR; untranslated strings fall back to English "
        "and are listed, as are translations msgfmt --check would reject (left out; exit 1).",
    )
    parser.add_argument(
        "-o",
        "--output-dir",
        metavar="DIR",
        help="output folder (default: export.dir of config.yaml, else build/l10n)",
    )
    add_language_option(parser)
    parser.add_argument(
        "--include-review", action="store_true", help="export needs-review translations too"
    )
    parser.add_argument(
        "--include-stale", action="store_true", help="export stale translations too"
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="how to list what was written and what fell back to English",
    )
    parser.add_argument(
        "--fallbacks",
        action="store_true",
        help="list every string that falls back to English (by default: one line per file)",
    )
    parser.add_argument("--summary", action="store_true", help=argparse.SUPPRESS)  # the default
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    config = config_from(args)
    settings = load_export_settings(config)
    extra = {"needs-review"} if args.include_review else set()
    extra |= {"stale"} if args.include_stale else set()
    settings = replace(settings, include=settings.include | extra)
    folder = Path(args.output_dir).resolve() if args.output_dir else settings.folder
    with working("l10n export: writing"):
        with committed(Cache.of(config)) as cache:
            site = load_site(config, cache)
        languages = list(languages_from(args, config))
        if not args.lang:  # the pseudo locale too, once `l10n pseudo` wrote it
            from l10n.mt.pseudo import pseudo_present

            pseudo = pseudo_present(config, site)
            languages += [pseudo] if pseudo else []
        plan = plan_export(config, settings, languages, site, folder)
        write_export(plan)
    if args.format == "json":
        emit(json.dumps(_as_json(plan), indent=2, ensure_ascii=False) + "\n", None)
    else:
        emit(_as_text(plan, not args.fallbacks), None)
    return ExitCode.FINDINGS if plan.rejected else ExitCode.OK


def _as_json(plan: ExportPlan) -> dict[str, object]:
    return {
        "folder": str(plan.folder),
        "files": sorted(plan.files),
        "translated": {
            name: {"translated": done, "total": total}
            for name, (done, total) in plan.translated.items()
        },
        "fallbacks": [_fallback_json(fallback) for fallback in plan.fallbacks],
        "rejected": [asdict(rejection) for rejection in plan.rejected],
    }


def _fallback_json(fallback: Fallback) -> dict[str, str]:
    """A fallback's fields; `location` only for a compiled catalog's (content files' have none)."""
    fields = asdict(fallback)
    if not fallback.location:
        del fields["location"]
    return fields


def _as_text(plan: ExportPlan, summary: bool) -> str:
    lines = [f"exported {len(plan.files)} files to {plan.folder}"]
    lines += [
        f"{rejection.location}: format: left out, {rejection_message(rejection.reason)}"
        for rejection in plan.rejected
    ]
    for name, (done, total) in plan.translated.items():
        lines.append(
            f"{name}: {done} of {total} translated"
            + (f", {total - done} in English" if done < total else "")
        )
        if not summary:
            lines += [
                f"  {fallback.state}: {_describe(fallback)}"
                for fallback in plan.fallbacks
                if fallback.file == name
            ]
    lines += _left_out(plan, summary)
    if summary and plan.fallbacks:
        lines.append(
            f"{len(plan.fallbacks)} strings fall back to English; "
            "`l10n export --fallbacks` lists them"
        )
    return "\n".join(lines) + "\n"


def _left_out(plan: ExportPlan, summary: bool) -> list[str]:
    """Per compiled catalog no content file lists, the translations it leaves out."""
    by_file: dict[str, list[Fallback]] = {}
    for fallback in plan.fallbacks:
        if fallback.file not in plan.translated:
            by_file.setdefault(fallback.file, []).append(fallback)
    lines = []
    for name, left_out in by_file.items():
        lines.append(f"{name}: {len(left_out)} translations left out, in English")
        if not summary:
            lines += [f"  {fallback.state}: {_describe(fallback)}" for fallback in left_out]
    return lines


def _describe(fallback: Fallback) -> str:
    text = fallback.source.replace("\n", "\\n")
    text = text if len(text) <= 70 else text[:67] + "..."
    described = f'{fallback.identity} "{text}"' if fallback.identity else f'"{text}"'
    return f"{fallback.location} {described}" if fallback.location else described
