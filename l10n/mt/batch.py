"""Units through a language model: cache first, then batches in parallel, each reply checked.

A batch's reply is checked unit by unit (`llm.check_answer`); a unit whose answer fails is
asked again alone, once, and then reported. A 429, a 5xx or a timeout is retried with
backoff (at least what Retry-After asks) up to the provider's `max_retries`; past that, or
on a refused key or no connection, the provider is unusable for the run: the results that
finished are delivered and ProviderError is raised. Answers are cached per unit, keyed by
everything sent for it (the English, its context, the model), so a rerun asks nothing.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

from l10n.errors import ProviderError
from l10n.mt.cache import MTCache
from l10n.mt.config import MTSettings, ProviderSettings
from l10n.mt.llm import (
    ChatClient,
    ChatError,
    FormatRefused,
    LLMUnit,
    RawAnswers,
    Usage,
    check_answer,
    parse_json_answers,
    parse_numbered_answers,
    reply_content,
    request_body,
)
from l10n.mt.retry import backoff, pause

BATCH_CHARACTERS = 6000  # English characters per request, at most (besides batch_size)


@dataclass(frozen=True)
class UnitResult:
    """A unit's masked translation (one text per form), or why there is none."""

    unit: LLMUnit
    texts: tuple[str, ...] | None
    problem: str | None
    from_cache: bool = False


@dataclass
class ModelRun:
    """One language's units through one model provider."""

    settings: ProviderSettings
    mt: MTSettings
    cache: MTCache
    source: str
    language: str
    project: str
    style: str | None = None
    allow_copy: Callable[[str], bool] = lambda english: False
    cancel: threading.Event = field(default_factory=threading.Event)
    usage: Usage = field(default_factory=Usage)

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._local = threading.local()
        self._clients: list[ChatClient] = []
        self._lock = threading.Lock()
        self._numbered = self.settings.response_format == "text"

    # -- the cache ------------------------------------------------------------------------

    def _cache_args(self, unit: LLMUnit) -> tuple[str, str, str, str, str]:
        engine = f"openai:{self.settings.model}"
        return (self.settings.name, engine, self.source, self.language, unit.cache_text())

    def cached(self, unit: LLMUnit) -> UnitResult | None:
        stored = self.cache.get(*self._cache_args(unit))
        if stored is None:
            return None
        try:
            texts = json.loads(stored)
        except ValueError:
            return None
        if not isinstance(texts, list) or not all(isinstance(text, str) for text in texts):
            return None
        return UnitResult(unit, tuple(texts), None, from_cache=True)

    # -- running --------------------------------------------------------------------------

    def run(self, units: Sequence[LLMUnit]) -> Iterator[UnitResult]:
        """Yield every unit's result as it arrives (cached ones first); see the module doc."""
        asked: list[LLMUnit] = []
        for unit in units:
            hit = self.cached(unit)
            if hit is None:
                asked.append(unit)
            else:
                yield hit
        if not asked:
            return
        from l10n.mt.llm import batches

        groups = list(batches(asked, self.settings.batch_size, BATCH_CHARACTERS))
        fatal: ChatError | None = None
        pool = ThreadPoolExecutor(
            max_workers=min(self.settings.concurrency, len(groups)),
            thread_name_prefix=f"llm-{self.settings.name}",
        )
        try:
            pending: set[Future[list[UnitResult] | ChatError]] = {
                pool.submit(self._batch, group) for group in groups
            }
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    outcome = future.result()
                    if isinstance(outcome, ChatError):
                        fatal = fatal or outcome
                        self._stop.set()
                        continue
                    yield from outcome
        finally:
            self._stop.set()
            pool.shutdown(wait=True, cancel_futures=True)
            for client in self._clients:
                client.close()
        if fatal is not None:
            raise ProviderError(str(fatal), self.mt.config_path)

    def _stopped(self) -> bool:
        return self._stop.is_set() or self.cancel.is_set()

    def _batch(self, units: list[LLMUnit]) -> list[UnitResult] | ChatError:
        """Ask for a batch, check each answer; failed units are asked alone once more."""
        if self._stopped():
            return []
        answers = self._ask(units)
        if isinstance(answers, ChatError) and answers.kind == "fatal":
            self._stop.set()
            return answers
        results: list[UnitResult] = []
        for unit in units:
            result = self._checked(unit, answers)
            if result.problem is not None and len(units) > 1 and not self._stopped():
                again = self._ask([unit])
                if isinstance(again, ChatError) and again.kind == "fatal":
                    self._stop.set()
                    return again
                result = self._checked(unit, again)
            if result.texts is not None:
                self.cache.put(*self._cache_args(unit), json.dumps(list(result.texts)))
            if result.texts is not None or not self._stopped():
                results.append(result)
        return results

    def _checked(self, unit: LLMUnit, answers: RawAnswers | ChatError) -> UnitResult:
        if isinstance(answers, ChatError):
            return UnitResult(unit, None, str(answers))
        checked = check_answer(
            unit,
            answers.get(unit.id),
            self.settings.max_length_ratio,
            self.allow_copy,
            echoed=not self._numbered,
        )
        return UnitResult(unit, checked.masked, checked.problem)

    def _ask(self, units: list[LLMUnit]) -> RawAnswers | ChatError:
        """One request, retried on 429/5xx/timeouts; a fatal error ends the whole run."""
        retries = self.settings.max_retries
        for attempt in range(retries + 1):
            try:
                return self._once(units)
            except ChatError as error:
                if error.kind != "retry":
                    return error
                if attempt == retries:
                    return ChatError(f"{error} after {retries} retries", error.status,
                                     kind="fatal")  # fmt: skip
                delay = backoff(self.mt, attempt, error.retry_after)
                if pause(delay, self._stopped, self.cancel):
                    return ChatError("cancelled", kind="unit")
        return ChatError("cancelled", kind="unit")  # pragma: no cover - the loop returns

    def _once(self, units: list[LLMUnit]) -> RawAnswers:
        client = self._client()
        sent = sum(unit.sent_characters for unit in units)
        while True:
            body = request_body(self.settings, units, self.language, self.project, self.style,
                                self._numbered)  # fmt: skip
            with self._lock:
                self.usage.requests += 1
            try:
                reply = client.complete(body, sent)
            except FormatRefused:
                if self._numbered:
                    raise
                self._numbered = True  # this server takes no response_format: plain text
                continue
            with self._lock:
                self.usage.add(reply)
            content = reply_content(reply)
            try:
                return parse_numbered_answers(content) if self._numbered else (
                    parse_json_answers(content)
                )  # fmt: skip
            except ValueError:
                raise ChatError(
                    f"{self.settings.name}: the reply is not the JSON asked for", kind="unit"
                ) from None

    def _client(self) -> ChatClient:
        client: ChatClient | None = getattr(self._local, "client", None)
        if client is None:
            client = ChatClient(self.settings)
            with self._lock:
                self._clients.append(client)
            self._local.client = client
        return client
