"""Checks that things which must survive translation unchanged did: placeholders, markup, …"""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property
from typing import ClassVar

from l10n.checks import patterns
from l10n.checks.base import (
    Check,
    CheckContext,
    CheckUnit,
    Finding,
    compare_tokens,
    remember,
)
from l10n.checks.signs import DIGIT_SIGN, HIDE_NUMBERS, URL_SIGN


class TokenCheck(Check):
    """Compares the multiset of tokens (placeholders, tags…) of the English and the translation.

    In a plural entry the singular translation may leave out a token (`"un fișier"` for
    `"{n} file"`, as msgfmt allows), and any form may use a token of either English form.
    """

    what: ClassVar[str]
    singular_may_omit: ClassVar[bool] = False
    # What every token contains (one of these strings): a unit none of whose texts has one
    # has no tokens at all. Substring tests: ten times faster than a search for a class.
    needles: ClassVar[tuple[str, ...]]

    def tokens(self, text: str, unit: CheckUnit) -> list[patterns.Span]:
        """The tokens of `text` that must be carried over."""
        raise NotImplementedError

    def may_hold(self, text: str) -> bool:
        """False when `text` can have no token."""
        return any(needle in text for needle in self.needles)

    def check(self, unit: CheckUnit, context: CheckContext) -> list[Finding]:
        """Report each missing and each extra token of every translated form."""
        if not self.may_hold(unit.all_text):
            return []
        return self.compare(unit)

    def signs(self) -> frozenset[str] | None:
        return frozenset(self.needles)

    def check_signed(
        self, unit: CheckUnit, context: CheckContext, signs: frozenset[str]
    ) -> list[Finding]:
        """`compare`: a unit whose texts hold one of the needles may hold a token."""
        return self.compare(unit)

    def compare(self, unit: CheckUnit) -> list[Finding]:
        """`check` without its shortcut: the tokens of every text are compared."""
        findings = []
        singular = self.source_words(unit.source, unit)
        plural = self.source_words(unit.source_plural, unit) if unit.source_plural else singular
        either = singular + plural if unit.is_plural else ()
        for index, _, target in unit.forms():
            expected = plural if index > 0 and unit.is_plural else singular
            missing, extra = compare_tokens(expected, self.tokens(target, unit))
            if not (unit.is_plural and index == 0 and self.singular_may_omit):
                findings += [self.missing(token, index) for token in missing]
            findings += [self.extra(span, index) for span in extra if span[0] not in either]
        return findings

    def words(self, text: str, unit: CheckUnit) -> list[str]:
        """The tokens of `text` without their positions."""
        return [token for token, _, _ in self.tokens(text, unit)]

    def source_words(self, text: str, unit: CheckUnit) -> tuple[str, ...]:
        """`words` of an English text, remembered: every language checks the same English."""
        key = (text, unit.flags)
        found = self._remembered.get(key)
        if found is None:
            found = remember(self._remembered, key, tuple(self.words(text, unit)))
        return found

    def forget(self) -> None:
        """Drop the English texts remembered so far."""
        self._remembered.clear()

    @cached_property
    def _remembered(self) -> dict[tuple[str, frozenset[str]], tuple[str, ...]]:
        return {}

    def missing(self, token: str, index: int) -> Finding:
        """A token of the English that the translation lacks (no span: it is not there)."""
        return self.finding(f"Missing {self.what} {token!r}", plural_index=index)

    def extra(self, span: patterns.Span, index: int) -> Finding:
        """A token of the translation that the English lacks, with its span."""
        token, start, end = span
        return self.finding(f"{self.what_first} {token!r} is not in the English", start, end, index)

    @cached_property
    def what_first(self) -> str:
        """`what` at the start of a sentence."""
        return self.what[0].upper() + self.what[1:]


class PlaceholdersCheck(TokenCheck):
    id = "placeholders"
    name = "Placeholders"
    description = "Format placeholders ({name}, %s, %(name)s, %1$s, {{ var }}) are kept."
    what = "placeholder"
    needles = ("%", "{", "}")
    singular_may_omit = True

    def tokens(self, text: str, unit: CheckUnit) -> list[patterns.Span]:
        return patterns.placeholders(text, unit.flags)


class MarkdownCheck(TokenCheck):
    id = "markdown"
    name = "Markdown"
    description = "Markdown links and their URLs, emphasis and inline code are kept."
    what = "Markdown"
    needles = ("[", "`", "*", "_")

    def tokens(self, text: str, unit: CheckUnit) -> list[patterns.Span]:
        found = patterns.markdown_links(text) + patterns.markdown_code(text)
        return found + patterns.markdown_emphasis(text)


class HtmlCheck(TokenCheck):
    id = "html"
    name = "HTML tags"
    description = "The HTML tags of the English are all present, none added."
    what = "tag"
    needles = ("<",)

    def tokens(self, text: str, unit: CheckUnit) -> list[patterns.Span]:
        return patterns.html_tags(text)


class UrlsCheck(TokenCheck):
    id = "urls"
    name = "URLs"
    description = "Web addresses are copied unchanged."
    what = "URL"

    def may_hold(self, text: str) -> bool:
        return patterns.may_hold_url(text)

    def signs(self) -> frozenset[str] | None:
        return frozenset((URL_SIGN,))

    def tokens(self, text: str, unit: CheckUnit) -> list[patterns.Span]:
        return patterns.urls(text)


class EmailsCheck(TokenCheck):
    id = "emails"
    name = "E-mail addresses"
    description = "E-mail addresses are copied unchanged."
    what = "e-mail address"
    needles = ("@",)

    def tokens(self, text: str, unit: CheckUnit) -> list[patterns.Span]:
        return patterns.emails(text)


class NumbersCheck(TokenCheck):
    id = "numbers"
    name = "Numbers"
    description = "The same numbers appear (1,000 = 1.000 = 1 000; decimal comma allowed)."
    severity = "warning"
    what = "number"
    singular_may_omit = True

    def may_hold(self, text: str) -> bool:
        return patterns.DIGIT.search(text) is not None

    def signs(self) -> frozenset[str] | None:
        return frozenset((DIGIT_SIGN,))

    def tokens(self, text: str, unit: CheckUnit) -> list[patterns.Span]:
        return patterns.numbers(text)

    def check(self, unit: CheckUnit, context: CheckContext) -> list[Finding]:
        """As the other token checks, but the English may say a number in words ("one" ->
        "1") or on a 12-hour clock ("6 p.m." -> "18:00", "18 Uhr")."""
        if not self.may_hold(unit.all_text):
            return []
        return self._checked(unit, context, None)

    def check_signed(
        self, unit: CheckUnit, context: CheckContext, signs: frozenset[str]
    ) -> list[Finding]:
        """`check` for a unit with a digit; the signs tell whether a number may be hidden."""
        return self._checked(unit, context, not HIDE_NUMBERS.isdisjoint(signs))

    def _checked(
        self, unit: CheckUnit, context: CheckContext, may_hide: bool | None
    ) -> list[Finding]:
        """`check` for a unit with a digit (`may_hide`: as `patterns.number_signature`)."""
        if self.same_numbers(unit, may_hide):
            return []
        findings = self.compare(unit)
        if not findings:
            return findings
        clock = patterns.clock_24h(unit.source)
        if clock != unit.source:
            findings = min(findings, super().check(replace(unit, source=clock), context), key=len)
        spelled = patterns.spelled_numbers(f"{unit.source} {unit.source_plural or ''}")
        if clock != unit.source:
            spelled.add("00")  # "6 p.m." -> "18:00": the minutes the English leaves out
        return [finding for finding in findings if not self._spelled(finding, unit, spelled)]

    def same_numbers(self, unit: CheckUnit, may_hide: bool | None = None) -> bool:
        """Whether every translation has the numbers of its English, in the same order, as
        their signatures tell (then the comparison finds nothing: no number is missing or
        extra). False where a signature cannot tell."""
        for _, english, target in unit.forms():
            expected = self._english_signature(english)  # None: the target's is not needed
            if expected is None or patterns.number_signature(target, may_hide) != expected:
                return False
        return True

    def _english_signature(self, text: str) -> tuple[bytes, bytes] | None:
        """`number_signature` of an English text, remembered: every language checks it."""
        if text in self._signatures:
            return self._signatures[text]
        return remember(self._signatures, text, patterns.number_signature(text))

    def forget(self) -> None:
        """Drop the English texts remembered so far."""
        super().forget()
        self._signatures.clear()

    @cached_property
    def _signatures(self) -> dict[str, tuple[bytes, bytes] | None]:
        return {}

    @staticmethod
    def _spelled(finding: Finding, unit: CheckUnit, spelled: set[str]) -> bool:
        """An extra number of the translation that the English says in words."""
        if finding.start is None or finding.end is None:
            return False
        target = unit.targets[finding.plural_index]
        return patterns.NON_DIGIT.sub("", target[finding.start : finding.end]) in spelled
