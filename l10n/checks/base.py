"""Plain data in and out of the checks, and the two small bases every check derives from."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import ClassVar, Final, TypeVar

from l10n.checks.copy import DEFAULT_COPY_THRESHOLD, CopyRule
from l10n.glossary import Glossary

SEVERITIES = ("error", "warning")
KINDS = ("menu", "ui", "article")
DEFAULT_MAX_LENGTH: Mapping[str, int] = {"menu": 40}
# How many English texts a check remembers what it found in (then it starts again): all of
# a big domain's (100k entries, one catalog per language), so that each language after the
# first looks only at its translations. The gate makes the checks forget at each domain.
REMEMBERED_SOURCES = 250_000
K = TypeVar("K")
V = TypeVar("V")


@dataclass(unsafe_hash=True)
class CheckUnit:
    """One catalog entry in one language, as plain data.

    Immutable as a frozen dataclass is, but to mypy (every field `Final`), not at run time:
    a frozen dataclass's `__init__` sets each field through `object.__setattr__` (1.8 us a
    unit against 0.4 us), and the gate makes one for every translated entry.
    """

    context: Final[str | None]
    source: Final[str]
    source_plural: Final[str | None]
    targets: Final[tuple[str, ...]]
    language: Final[str]
    kind: Final[str]
    flags: Final[frozenset[str]] = frozenset()
    nplurals: Final[int] = 2
    # The msgctxt where it tells meanings apart (adopted catalogs: "abbrev. month"), None
    # where it names the unit itself (the site's `header:/path`): one meaning, one text.
    meaning: Final[str | None] = None
    # `forms`, made with the unit: every check of it asks for them (made on first use, they
    # cost a lock, a generator and a tuple: 2.5 us a unit).
    _forms: tuple[tuple[int, str, str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        source, targets = self.source, self.targets
        if self.source_plural is None and len(targets) == 1:
            self._forms = ((0, source, targets[0]),) if targets[0] else ()
            return
        plural = self.source_plural or source
        self._forms = tuple(
            (index, plural if index > 0 and self.source_plural is not None else source, text)
            for index, text in enumerate(targets)
            if text
        )

    def forms(self) -> tuple[tuple[int, str, str], ...]:
        """(plural index, English text, translation) for each non-empty translation."""
        return self._forms

    @property
    def is_plural(self) -> bool:
        """True for an entry with msgid_plural."""
        return self.source_plural is not None

    @cached_property
    def all_text(self) -> str:
        """The English and every translation, joined by NUL (for a quick search)."""
        return "\0".join((self.source, self.source_plural or "", *self.targets))

    @property
    def has_target(self) -> bool:
        """True when at least one form is translated."""
        return any(self.targets)


def entry_unit(
    context: str | None,
    source: str,
    source_plural: str | None,
    targets: Sequence[str],
    language: str,
    kind: str,
    flags: Iterable[str],
    nplurals: int,
    adopted: bool,
) -> CheckUnit:
    """The one way a catalog entry becomes a `CheckUnit`, for the gate and the editor alike.

    `nplurals` is what the entry's catalog declares in Plural-Forms, not the forms the entry
    has: a plural entry with fewer or more forms is then found by `plurals`, as msgfmt
    --check refuses it. A missing translation is one empty form. In an adopted catalog
    (`adopted`) the msgctxt tells meanings apart ("abbrev. month"); in the site's own it
    names the unit.
    """
    return CheckUnit(
        context,
        source,
        source_plural,
        tuple(targets) or ("",),
        language,
        kind,
        frozenset(flags),
        max(nplurals, 1) if source_plural is not None else 1,
        context if adopted else None,
    )


@dataclass(slots=True, unsafe_hash=True)
class Finding:
    """One problem in one plural form of a unit: where, what, and a suggested fix.

    Immutable to mypy (every field `Final`), not at run time, as `CheckUnit` (1.4 us a
    finding frozen, 0.3 us not).
    """

    check_id: Final[str]
    severity: Final[str]
    message: Final[str]
    start: Final[int | None] = None
    end: Final[int | None] = None
    plural_index: Final[int] = 0
    suggestion: Final[str | None] = None


@dataclass(frozen=True)
class CheckContext:
    """What checks need beyond the unit: the glossary and the site's check settings."""

    glossary: Glossary = field(default_factory=Glossary)
    copy_threshold: float = DEFAULT_COPY_THRESHOLD
    max_length: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_MAX_LENGTH))
    same_words: tuple[str, ...] = ()

    @cached_property
    def copy_rule(self) -> CopyRule:
        """The one copy rule, with the site's same words and do-not-translate terms."""
        return CopyRule(self.copy_threshold, (*self.same_words, *self.glossary.dnt_forms()))


class Check:
    """A check of one unit; subclasses set the four class attributes and `check`."""

    id: ClassVar[str]
    name: ClassVar[str]
    description: ClassVar[str]
    severity: ClassVar[str] = "error"

    @classmethod
    def ignore_flag(cls) -> str:
        """The gettext flag that turns this check off for one entry."""
        return f"ignore-{cls.id}"

    def finding(
        self,
        message: str,
        start: int | None = None,
        end: int | None = None,
        plural_index: int = 0,
        suggestion: str | None = None,
    ) -> Finding:
        """A finding of this check at its default severity (the runner applies settings)."""
        return Finding(self.id, self.severity, message, start, end, plural_index, suggestion)

    def check(self, unit: CheckUnit, context: CheckContext) -> list[Finding]:
        """Return the problems of `unit`; only called when it has a translation."""
        raise NotImplementedError

    def signs(self) -> frozenset[str] | None:
        """The signs (`l10n.checks.signs`) one of which a unit's texts hold wherever this
        check finds something; None: any unit may have findings."""
        return None

    def check_signed(
        self, unit: CheckUnit, context: CheckContext, signs: frozenset[str]
    ) -> list[Finding]:
        """`check` for a unit whose texts hold `signs`, one of this check's among them (the
        runner's way: a check may then skip its own search for them)."""
        return self.check(unit, context)

    def forget(self) -> None:
        """Drop what the check remembers of the texts it saw (nothing here)."""


class CatalogCheck(Check):
    """A check across all units of one language (e.g. one English text, two translations)."""

    def check(self, unit: CheckUnit, context: CheckContext) -> list[Finding]:
        """Catalog checks see the whole catalog; one unit alone has nothing to compare."""
        return []

    def check_catalog(
        self, units: Sequence[CheckUnit], context: CheckContext
    ) -> dict[int, list[Finding]]:
        """Return findings keyed by the index of the unit in `units`."""
        raise NotImplementedError


def remember(memory: dict[K, V], key: K, value: V) -> V:
    """`value`, kept in `memory` under `key`: what a check remembers of the English texts
    it saw, for the languages after the first (all of a big domain's, then it starts again)."""
    if len(memory) >= REMEMBERED_SOURCES:
        memory.clear()
    memory[key] = value
    return value


def compare_tokens(
    source_tokens: Sequence[str],
    target_spans: Sequence[tuple[str, int, int]],
) -> tuple[list[str], list[tuple[str, int, int]]]:
    """Multiset difference: tokens missing from the target, and extra target tokens."""
    remaining = list(source_tokens)
    extra = []
    for token, start, end in target_spans:
        if token in remaining:
            remaining.remove(token)
        else:
            extra.append((token, start, end))
    return remaining, extra
