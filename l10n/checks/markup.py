"""Checks that things which must survive translation unchanged did: placeholders, markup, …"""

from __future__ import annotations

import re
from typing import ClassVar

from l10n.checks import patterns
from l10n.checks.base import Check, CheckContext, CheckUnit, Finding, compare_tokens


class TokenCheck(Check):
    """Compares the multiset of tokens (placeholders, tags…) of the English and the translation.

    In a plural entry the singular translation may leave out a token (`"un fișier"` for
    `"{n} file"`, as msgfmt allows), and any form may use a token of either English form.
    """

    what: ClassVar[str]
    singular_may_omit: ClassVar[bool] = False
    # What every token contains: a unit none of whose texts has it has no tokens at all.
    trigger: ClassVar[re.Pattern[str]]

    def tokens(self, text: str, unit: CheckUnit) -> list[patterns.Span]:
        """The tokens of `text` that must be carried over."""
        raise NotImplementedError

    def check(self, unit: CheckUnit, context: CheckContext) -> list[Finding]:
        """Report each missing and each extra token of every translated form."""
        texts = "\0".join((unit.source, unit.source_plural or "", *unit.targets))
        if self.trigger.search(texts) is None:
            return []
        findings = []
        either = self.words(unit.source, unit) + self.words(unit.source_plural or "", unit)
        for index, source, target in unit.forms():
            missing, extra = compare_tokens(self.words(source, unit), self.tokens(target, unit))
            if not (unit.is_plural and index == 0 and self.singular_may_omit):
                findings += [self.missing(token, index) for token in missing]
            allowed = either if unit.is_plural else []
            findings += [self.extra(span, index) for span in extra if span[0] not in allowed]
        return findings

    def words(self, text: str, unit: CheckUnit) -> list[str]:
        """The tokens of `text` without their positions."""
        return [token for token, _, _ in self.tokens(text, unit)]

    def missing(self, token: str, index: int) -> Finding:
        """A token of the English that the translation lacks (no span: it is not there)."""
        return self.finding(f"Missing {self.what} {token!r}", plural_index=index)

    def extra(self, span: patterns.Span, index: int) -> Finding:
        """A token of the translation that the English lacks, with its span."""
        token, start, end = span
        what = self.what[0].upper() + self.what[1:]
        return self.finding(f"{what} {token!r} is not in the English", start, end, index)


class PlaceholdersCheck(TokenCheck):
    id = "placeholders"
    name = "Placeholders"
    description = "Format placeholders ({name}, %s, %(name)s, %1$s, {{ var }}) are kept."
    what = "placeholder"
    trigger = re.compile(r"[%{}]")
    singular_may_omit = True

    def tokens(self, text: str, unit: CheckUnit) -> list[patterns.Span]:
        return patterns.placeholders(text, unit.flags)


class MarkdownCheck(TokenCheck):
    id = "markdown"
    name = "Markdown"
    description = "Markdown links and their URLs, emphasis and inline code are kept."
    what = "Markdown"
    trigger = re.compile(r"[\[`*_]")

    def tokens(self, text: str, unit: CheckUnit) -> list[patterns.Span]:
        found = patterns.markdown_links(text) + patterns.markdown_code(text)
        return found + patterns.markdown_emphasis(text)


class HtmlCheck(TokenCheck):
    id = "html"
    name = "HTML tags"
    description = "The HTML tags of the English are all present, none added."
    what = "tag"
    trigger = re.compile(r"<")

    def tokens(self, text: str, unit: CheckUnit) -> list[patterns.Span]:
        return patterns.html_tags(text)


class UrlsCheck(TokenCheck):
    id = "urls"
    name = "URLs"
    description = "Web addresses are copied unchanged."
    what = "URL"
    trigger = re.compile(r"://|[wW][wW][wW]\.")

    def tokens(self, text: str, unit: CheckUnit) -> list[patterns.Span]:
        return patterns.urls(text)


class EmailsCheck(TokenCheck):
    id = "emails"
    name = "E-mail addresses"
    description = "E-mail addresses are copied unchanged."
    what = "e-mail address"
    trigger = re.compile(r"@")

    def tokens(self, text: str, unit: CheckUnit) -> list[patterns.Span]:
        return patterns.emails(text)


class NumbersCheck(TokenCheck):
    id = "numbers"
    name = "Numbers"
    description = "The same numbers appear (1,000 = 1.000 = 1 000; decimal comma allowed)."
    severity = "warning"
    what = "number"
    trigger = re.compile(r"\d")
    singular_may_omit = True

    def tokens(self, text: str, unit: CheckUnit) -> list[patterns.Span]:
        return patterns.numbers(text)
