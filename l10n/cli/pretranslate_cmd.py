"""`l10n pretranslate`: fill missing units with machine translations marked needs-review."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType
from typing import TYPE_CHECKING

from l10n.cache.store import Cache
from l10n.cli.common import config_from, languages_from
from l10n.cli.progress import Progress
from l10n.config import KINDS, Config
from l10n.errors import L10nError, UsageError
from l10n.exitcodes import ExitCode
from l10n.sources.site import load_site

if TYPE_CHECKING:  # machine translation (requests, deep_translator) loads only when run
    from l10n.mt import MTService
    from l10n.mt.pretranslate import Outcome, Plan, UnitContext
    from l10n.sources.site import Site


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "pretranslate",
        help="fill missing units with machine translations to review",
        description="Fill the missing units of a language with machine translations, saved "
        "as needs-review (#, fuzzy) with the provider named in a translator comment. Text a "
        "person wrote, stale and needs-review units are never touched. Results are saved as "
        "they arrive; Ctrl-C stops after the requests in flight and keeps what finished.",
    )
    parser.add_argument(
        "--lang",
        required=True,
        action="extend",
        nargs="+",
        metavar="L",
        help="the language(s) to fill, one after the other",
    )
    parser.add_argument(
        "--kind",
        action="extend",
        nargs="+",
        choices=KINDS,
        metavar="K",
        help=f"only these kinds ({', '.join(KINDS)}; default: all)",
    )
    parser.add_argument("--provider", metavar="P", help="a provider of mt.providers in config")
    parser.add_argument("--limit", type=_positive, metavar="N", help="at most N units per language")
    parser.add_argument(
        "--dry-run", action="store_true", help="list what would be translated; send nothing"
    )
    parser.set_defaults(func=run)


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {value!r}")
    return number


def run(args: argparse.Namespace) -> int:
    from l10n.mt.pretranslate import open_service, plan_pretranslation

    config = config_from(args)
    languages = languages_from(args, config)
    site = load_site(config, Cache.of(config))  # read from the cache, not written: a dry run
    plans = [
        plan_pretranslation(
            config, language, args.kind or (), args.limit, site=site, count_all=args.dry_run
        )
        for language in languages
    ]
    for path in (path for plan in plans for path in plan.unwritten):
        note = L10nError("catalog not written yet (run `l10n sync`)", path)
        print(f"l10n: note: {note.describe()}", file=sys.stderr)
    if args.dry_run:
        for plan in plans:
            _dry_run(config, site, plan, args.provider)
        return ExitCode.OK
    if not any(plan.targets for plan in plans):
        for plan in plans:
            print(f"{plan.language}: nothing to translate (no missing units)")
        return ExitCode.OK
    status: int = ExitCode.OK
    with open_service(config) as service:
        for plan in plans:
            if not plan.targets:
                print(f"{plan.language}: nothing to translate (no missing units)")
                continue
            code = _report(_translate(config, site, plan, service, args.provider))
            if code in (ExitCode.INTERRUPTED, ExitCode.BAD_INPUT):
                return code  # Ctrl-C, or the provider failed: the next language would too
            status = max(status, code)
    return status


def _translate(
    config: Config, site: Site, plan: Plan, service: MTService, name: str | None
) -> Outcome:
    from l10n.mt.pretranslate import pretranslate

    provider = service.provider_for(plan.language, name)
    context = _unit_context(config, site, plan.language) if provider.is_model else None
    cancel = threading.Event()
    bar = Progress(f"pretranslate {plan.language} ({provider.name})")
    try:
        with _sigint_sets(cancel, provider.timeout):
            return pretranslate(
                plan, service, config.source, provider=name, cancel=cancel,
                progress=bar.update, context=context,
            )  # fmt: skip
    finally:
        bar.close()


def _unit_context(config: Config, site: Site, language: str) -> UnitContext:
    """What a language model is told besides the catalog: glossary, memory, the site's name."""
    from l10n.checks.settings import settings_from_mapping
    from l10n.gate.policy import FORMAT, load_policies
    from l10n.mt.pretranslate import UnitContext
    from l10n.queue.work import load_queue

    checks = settings_from_mapping(config.section("checks"), config.path).context
    severity = load_policies(config).judge(FORMAT, language)
    memory = load_queue(config, site, language, format_severity=severity).memory()

    def matches(english: str) -> list[tuple[str, str]]:
        return [(found.source, found.target) for found in memory.suggest(english, 3, 75.0)]

    return UnitContext(config.project, checks.glossary, matches, checks.same_words)


def _dry_run(config: Config, site: Site, plan: Plan, provider: str | None) -> None:
    from l10n.mt import parse_mt_config

    service_name = "the configured provider"
    if config.section("mt"):
        settings = parse_mt_config(config.section("mt"), config.path)
        if provider is not None and provider not in settings.providers:
            raise UsageError(f"no provider named {provider!r} in mt.providers")
        chosen = settings.providers[provider] if provider else settings.provider_for(plan.language)
        service_name = f"{chosen.name} ({chosen.engine})"
        if chosen.is_model and plan.targets:
            _model_estimate(config, site, plan, chosen.name)
    for path, targets in plan.by_catalog().items():
        words = sum(target.words for target in targets)
        where = L10nError("", path).location(relative=True)
        print(f"{where}: {_units(len(targets))}, {words} words")
    limited = f" (--limit; {plan.missing} missing)" if plan.missing > len(plan.targets) else ""
    print(
        f"{plan.language}: would translate {_units(len(plan.targets))}{limited}: "
        f"{len(plan.texts)} distinct texts, {plan.words} words, {plan.characters} characters, "
        f"with {service_name}; nothing was sent"
    )


def _model_estimate(config: Config, site: Site, plan: Plan, name: str) -> None:
    from l10n.mt.pretranslate import estimate_model_run, open_service

    with open_service(config, dry_run=True) as service:
        settings = service.provider_for(plan.language, name)
        context = _unit_context(config, site, plan.language)
        estimate = estimate_model_run(plan, service, settings, config.source, context)
    print(
        f"{plan.language}: {settings.name} ({settings.model}): {_units(estimate.units)} to ask, "
        f"{estimate.cached} answered by the cache; about {estimate.requests} requests and "
        f"{estimate.tokens} tokens would be sent and received"
    )


def _report(outcome: Outcome) -> int:
    for failure in outcome.failures:
        where = L10nError(f"mt: {failure.reason}", failure.target.path, failure.line)
        print(where.describe(), file=sys.stderr)
    summary = (
        f"{outcome.language}: saved {_units(outcome.saved)} as needs-review "
        f"(provider {outcome.provider}): translated {outcome.translated}, "
        f"from cache {outcome.from_cache}, failed {len(outcome.failures)}"
    )
    if outcome.as_is:
        summary += f", kept as is {outcome.as_is} (nothing to translate)"
    if outcome.skipped:
        summary += f", skipped {outcome.skipped} (filled by someone else meanwhile)"
    if outcome.not_done:
        summary += f", not done {outcome.not_done}"
    print(summary)
    if outcome.usage is not None:
        usage = outcome.usage
        print(
            f"{outcome.language}: {usage.requests} requests, {usage.total_tokens} tokens "
            f"({usage.prompt_tokens} prompt, {usage.completion_tokens} completion)"
        )
    if outcome.error is not None:
        print(f"l10n: error: {outcome.error.describe()}", file=sys.stderr)
        if outcome.saved:
            print(
                f"l10n: {_units(outcome.saved)} finished before the failure were saved; "
                "run the command again to go on (finished answers come from the cache)",
                file=sys.stderr,
            )
        else:
            print("l10n: no catalog was changed", file=sys.stderr)
    if outcome.cancelled:
        print(
            f"l10n: interrupted: {_units(outcome.saved)} saved; run the command again to go on",
            file=sys.stderr,
        )
        return ExitCode.INTERRUPTED
    if outcome.error is not None:
        return ExitCode.BAD_INPUT
    return ExitCode.FINDINGS if outcome.failures else ExitCode.OK


def _units(count: int) -> str:
    return f"{count} unit" if count == 1 else f"{count} units"


@contextlib.contextmanager
def _sigint_sets(cancel: threading.Event, timeout: float) -> Iterator[None]:
    """The first Ctrl-C sets `cancel`: no new request starts, those in flight end (answered
    or timed out) and what finished is saved. A second one raises KeyboardInterrupt as
    usual (what finished is still saved)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_sigint(signum: int, frame: FrameType | None) -> None:
        if cancel.is_set():
            raise KeyboardInterrupt
        cancel.set()
        sys.stderr.write(
            "\nl10n: stopping: no new request starts; waiting for those in flight "
            f"(timeout {timeout:g} s); what finished is saved\n"
        )

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
