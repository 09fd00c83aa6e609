"""The one explicit list of checks: adding a check means adding it here, nothing else."""

from __future__ import annotations

from l10n.checks.base import Check
from l10n.checks.chars import (
    BracketsCheck,
    EndPunctuationCheck,
    MaxLengthCheck,
    NewlinesCheck,
    WhitespaceCheck,
)
from l10n.checks.consistency import (
    CopyOfSourceCheck,
    GlossaryCheck,
    InconsistentCheck,
    PluralsCheck,
)
from l10n.checks.markup import (
    EmailsCheck,
    HtmlCheck,
    MarkdownCheck,
    NumbersCheck,
    PlaceholdersCheck,
    UrlsCheck,
)

CHECKS: tuple[Check, ...] = (
    PlaceholdersCheck(),
    MarkdownCheck(),
    HtmlCheck(),
    UrlsCheck(),
    EmailsCheck(),
    NumbersCheck(),
    WhitespaceCheck(),
    NewlinesCheck(),
    BracketsCheck(),
    EndPunctuationCheck(),
    MaxLengthCheck(),
    CopyOfSourceCheck(),
    GlossaryCheck(),
    InconsistentCheck(),
    PluralsCheck(),
)

CHECK_IDS: tuple[str, ...] = tuple(check.id for check in CHECKS)
