"""translate_many: deduplicated, cached, concurrent, retried, cancellable machine translation."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import requests

from l10n.errors import ProviderError
from l10n.mt.cache import MTCache
from l10n.mt.config import MTSettings, ProviderSettings, parse_mt_config
from l10n.mt.engines import (
    Failure,
    FailureKind,
    Translator,
    classify,
    make_translator,
    missing_key_message,
)
from l10n.mt.protect import Protected, Protector, restore
from l10n.mt.result import MTResult
from l10n.mt.retry import backoff, pause
from l10n.mt.transport import RequestScope, request_scope

log = logging.getLogger("l10n.mt")
# A translation may be this many times longer than its English, plus a margin.
MAX_LENGTH_FACTOR = 10
MAX_LENGTH_MARGIN = 200
_EDGE_SPACE = re.compile(r"^(\s*)(.*?)(\s*)$", re.DOTALL)


@dataclass(frozen=True)
class _Job:
    text: str
    protected: Protected
    lead: str
    trail: str


class MTService:
    """Translates batches through the configured providers; one instance per config."""

    def __init__(self, settings: MTSettings, cache: MTCache | None = None) -> None:
        self.settings = settings
        self.protector = Protector(settings.do_not_translate)
        self.cache = cache if cache is not None else MTCache(settings.cache_path)

    @classmethod
    def from_config(
        cls,
        section: Mapping[str, Any] | None,
        config_path: Path | str,
        environ: Mapping[str, str] | None = None,
    ) -> MTService:
        """Build from the `mt:` mapping of config.yaml (ConfigError names the file)."""
        return cls(parse_mt_config(section, config_path, environ))

    def add_do_not_translate(self, terms: Iterable[str]) -> None:
        """Protect more terms, e.g. the glossary's untranslatable entries."""
        self.protector.add_terms(terms)

    def provider_for(self, target: str, provider: str | None = None) -> ProviderSettings:
        """The provider used for `target` (or the one named, if it exists)."""
        if provider is None:
            return self.settings.provider_for(target)
        if provider not in self.settings.providers:
            raise ProviderError(f"no provider named {provider!r}", self.settings.config_path)
        return self.settings.providers[provider]

    def translate_many(
        self,
        texts: Iterable[str],
        source: str,
        target: str,
        *,
        on_result: Callable[[MTResult], None] | None = None,
        cancel: threading.Event | None = None,
        provider: str | None = None,
    ) -> dict[str, MTResult]:
        """Translate every distinct text; `on_result` sees each result as it arrives.

        Returns the results by English text; texts missing from it were cancelled. A failure
        of the provider itself raises ProviderError after the finished results were delivered.
        """
        results: dict[str, MTResult] = {}
        for result in self.iter_translate(texts, source, target, cancel=cancel, provider=provider):
            results[result.text] = result
            if on_result is not None:
                on_result(result)
        return results

    def iter_translate(
        self,
        texts: Iterable[str],
        source: str,
        target: str,
        *,
        cancel: threading.Event | None = None,
        provider: str | None = None,
    ) -> Iterator[MTResult]:
        """Yield results as they arrive: cached ones first, then in completion order."""
        settings = self.provider_for(target, provider)
        batch = _Batch(self, settings, source, target, cancel or threading.Event())
        jobs: list[_Job] = []
        for text in dict.fromkeys(texts):
            immediate = batch.prepare(text, jobs)
            if immediate is not None:
                yield immediate
        if jobs:
            problem = missing_key_message(settings)
            if problem is not None:
                raise ProviderError(problem, self.settings.config_path)
            yield from batch.run(jobs)

    def close(self) -> None:
        self.cache.close()

    def __enter__(self) -> MTService:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class _Batch:
    """One translate_many call: its pool, its per-thread sessions and its stop flag."""

    def __init__(
        self,
        service: MTService,
        settings: ProviderSettings,
        source: str,
        target: str,
        cancel: threading.Event,
    ) -> None:
        self.service = service
        self.settings = settings
        self.source = source
        self.target = target
        self.cancel = cancel
        self.stop = threading.Event()
        self._local = threading.local()
        self._sessions: list[requests.Session] = []
        self._lock = threading.Lock()

    def result(self, text: str, translation: str | None, reason: str | None,
               from_cache: bool = False) -> MTResult:  # fmt: skip
        return MTResult(text, translation, reason is None, reason, self.settings.name,
                        self.source, self.target, from_cache)  # fmt: skip

    def cache_args(self, sent: str) -> tuple[str, str, str, str, str]:
        return (self.settings.name, self.settings.engine, self.source, self.target, sent)

    def prepare(self, text: str, jobs: list[_Job]) -> MTResult | None:
        """A result at once (nothing to translate, or cached), or append a job."""
        lead, core, trail = _split_edges(text)
        protected = self.service.protector.protect(core)
        if not protected.needs_engine:
            return self.result(text, text, None)
        cached = self.service.cache.get(*self.cache_args(protected.masked))
        if cached is None:
            jobs.append(_Job(text, protected, lead, trail))
            return None
        restored = restore(protected, cached)
        translation = None if restored.text is None else lead + restored.text + trail
        return self.result(text, translation, restored.problem, from_cache=True)

    def run(self, jobs: list[_Job]) -> Iterator[MTResult]:
        fatal: Failure | None = None
        pool = ThreadPoolExecutor(max_workers=min(self.settings.concurrency, len(jobs)),
                                  thread_name_prefix=f"mt-{self.settings.name}")  # fmt: skip
        try:
            pending: set[Future[MTResult | Failure | None]] = {
                pool.submit(self.work, job) for job in jobs
            }
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    outcome = future.result()
                    if isinstance(outcome, MTResult):
                        yield outcome
                    elif isinstance(outcome, Failure) and fatal is None:
                        fatal = outcome
                        self.stop.set()
        finally:
            self.stop.set()
            pool.shutdown(wait=True, cancel_futures=True)
            for session in self._sessions:
                session.close()
        if fatal is not None:
            raise ProviderError(fatal.message, self.service.settings.config_path)

    def stopped(self) -> bool:
        return self.stop.is_set() or self.cancel.is_set()

    def work(self, job: _Job) -> MTResult | Failure | None:
        """Translate one job in a pool thread; None when stopped before it could finish."""
        if self.stopped():
            return None
        answer = self.call_with_retries(job.protected.masked)
        if isinstance(answer, Failure) and answer.kind is FailureKind.FATAL:
            self.stop.set()  # here, not in the consumer: this thread must not take another job
            return answer
        if answer is None:
            return None
        if isinstance(answer, Failure):
            return self.result(job.text, None, answer.message)
        restored = restore(job.protected, answer)
        if restored.text is None:
            return self.result(job.text, None, restored.problem)
        self.service.cache.put(*self.cache_args(job.protected.masked), answer)
        return self.result(job.text, job.lead + restored.text + job.trail, None)

    def call_with_retries(self, sent: str) -> str | Failure | None:
        retries = self.settings.max_retries
        for attempt in range(retries + 1):
            outcome = self.call_once(sent)
            if not isinstance(outcome, Failure) or outcome.kind is not FailureKind.RETRY:
                return outcome
            if attempt == retries:
                return Failure(FailureKind.FATAL, f"{outcome.message} after {retries} retries")
            delay = backoff(self.service.settings, attempt, outcome.retry_after)
            log.info("%s: HTTP %s, retry %d in %.2f s", self.settings.name, outcome.status,
                     attempt + 1, delay)  # fmt: skip
            if pause(delay, self.stopped, self.cancel):
                return None
        return None

    def call_once(self, sent: str) -> str | Failure:
        """One request; every exception becomes a Failure here, so none escapes with secrets."""
        scope = self.scope()
        scope.limit_answer_to(sent)
        with request_scope(scope):
            try:
                translated = self.translator(scope).translate(sent)
            except Exception as exc:  # deep-translator has no common base class
                failure = classify(exc, scope.record, self.settings, f"{self.source}→{self.target}")
            else:
                if not isinstance(translated, str) or not translated.strip():
                    failure = Failure(FailureKind.TEXT, f"{self.settings.name}: empty answer")
                elif len(translated) > MAX_LENGTH_FACTOR * len(sent) + MAX_LENGTH_MARGIN:
                    failure = Failure(
                        FailureKind.TEXT,
                        f"{self.settings.name}: an answer of {len(translated)} characters "
                        f"for a text of {len(sent)}, not used",
                    )
                else:
                    return translated
        return failure

    def scope(self) -> RequestScope:
        scope: RequestScope | None = getattr(self._local, "scope", None)
        if scope is None:
            session = requests.Session()
            with self._lock:
                self._sessions.append(session)
            scope = RequestScope(session, self.settings.timeout)
            self._local.scope = scope
        return scope

    def translator(self, scope: RequestScope) -> Translator:
        translator: Translator | None = getattr(self._local, "translator", None)
        if translator is None:
            translator = make_translator(self.settings, self.source, self.target)
            self._local.translator = translator
        return translator


def _split_edges(text: str) -> tuple[str, str, str]:
    """Leading space, core, trailing space (Google and MyMemory strip the edges; we restore)."""
    match = _EDGE_SPACE.match(text)
    assert match is not None  # the pattern matches every string
    return match.group(1), match.group(2), match.group(3)
