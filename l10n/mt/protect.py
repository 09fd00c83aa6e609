"""Hide the parts of a text an engine must not touch behind opaque tokens, and put them back.

Tokens are XML-ish self-closing tags, `<x1/>`, `<x2/>`…: engines keep markup they do not
understand far more reliably than words, and unlike digits-only tokens they are not reformatted
as numbers (1234 → 1.234). Restoration accepts the spacing and case variants engines produce
(`< x1 />`, `<X1/>`); a result in which a token is missing, duplicated, unknown or (for the two
halves of a Markdown link) out of order is a protection failure, never a translation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Order is priority: an earlier pattern claims its span before later ones look.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("code", re.compile(r"(`+)[^`\n]+?\1")),
    ("link-close", re.compile(r"\]\(\s*[^()\s]+(?:\s+\"[^\"]*\")?\s*\)")),
    ("html", re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>|<!--.*?-->|&(?:[A-Za-z]+|#\d+);")),
    ("jinja", re.compile(r"\{\{.*?\}\}|\{%.*?%\}")),
    ("brace", re.compile(r"\{[\w.:!\[\]-]*\}")),
    ("printf", re.compile(
        r"%(?:\([\w.]+\))?(?:\d+\$)?[-+#0]*(?:\d+|\*)?(?:\.\d+)?[sdifeEgGxXoucr]")),
    ("url", re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]\"']+[^\s<>()\[\]\"'.,;:!?]")),
    ("email", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
)  # fmt: skip
_LINK_OPEN = re.compile(r"!?\[(?=[^\]\n]*\]\()")
_TOKEN = re.compile(r"<\s*[xX]\s*(\d+)\s*/\s*>")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Protected:
    """A text ready to send: `masked` carries tokens, `pieces[i]` is what token i+1 hides."""

    original: str
    masked: str
    pieces: tuple[str, ...]
    kinds: tuple[str, ...]
    pairs: tuple[tuple[int, int], ...]  # (open, close) token numbers of Markdown links

    @property
    def needs_engine(self) -> bool:
        """False when nothing translatable is left (only tokens, digits, punctuation)."""
        return _LETTER.search(_TOKEN.sub("", self.masked)) is not None


@dataclass(frozen=True)
class Restored:
    """The outcome of putting the pieces back into an engine's output."""

    text: str | None
    problem: str | None

    @property
    def ok(self) -> bool:
        return self.problem is None


class Protector:
    """Masks code, markup, placeholders, URLs, emails and do-not-translate terms."""

    def __init__(self, do_not_translate: Iterable[str] = ()) -> None:
        self._terms: set[str] = set()
        self._term_pattern: re.Pattern[str] | None = None
        self.add_terms(do_not_translate)

    @property
    def terms(self) -> frozenset[str]:
        return frozenset(self._terms)

    def add_terms(self, terms: Iterable[str]) -> None:
        """Protect more terms (from the glossary, say); longest terms win over their parts."""
        self._terms.update(t.strip() for t in terms if t.strip())
        ordered = sorted(self._terms, key=len, reverse=True)
        alternatives = "|".join(re.escape(t) for t in ordered)
        self._term_pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if ordered else None

    def protect(self, text: str) -> Protected:
        """Replace every protected span by a numbered token."""
        spans = self._claim_spans(text)
        pieces: list[str] = []
        kinds: list[str] = []
        out: list[str] = []
        pos = 0
        for start, end, kind in spans:
            out.append(text[pos:start])
            pieces.append(text[start:end])
            kinds.append(kind)
            out.append(f"<x{len(pieces)}/>")
            pos = end
        out.append(text[pos:])
        return Protected(text, "".join(out), tuple(pieces), tuple(kinds), _link_pairs(kinds))

    def _claim_spans(self, text: str) -> list[tuple[int, int, str]]:
        claimed: list[tuple[int, int, str]] = []
        patterns = list(_PATTERNS)
        if self._term_pattern is not None:
            patterns.append(("term", self._term_pattern))
        for kind, pattern in patterns:
            for match in pattern.finditer(text):
                _claim(claimed, match.start(), match.end(), kind)
        closes = {start for start, _, kind in claimed if kind == "link-close"}
        for match in _LINK_OPEN.finditer(text):
            if _next_close(text, match.end()) in closes:
                _claim(claimed, match.start(), match.end(), "link-open")
        return sorted(claimed)


def restore(protected: Protected, translated: str) -> Restored:
    """Put the hidden pieces back; report a lost, duplicated, unknown or misordered token."""
    found = [int(m.group(1)) for m in _TOKEN.finditer(translated)]
    expected = range(1, len(protected.pieces) + 1)
    problems = [f"token {n} ({protected.pieces[n - 1]!r}) lost" for n in expected if n not in found]
    problems += [f"token {n} duplicated" for n in expected if found.count(n) > 1]
    problems += [f"unknown token {n}" for n in sorted(set(found) - set(expected))]
    if not problems:
        order = {n: i for i, n in enumerate(found)}
        problems += [
            f"link tokens {a} and {b} swapped" for a, b in protected.pairs if order[a] > order[b]
        ]
    if problems:
        return Restored(None, "protection failure: " + "; ".join(problems))
    text = _TOKEN.sub(lambda m: protected.pieces[int(m.group(1)) - 1], translated)
    return Restored(text, None)


def _claim(claimed: list[tuple[int, int, str]], start: int, end: int, kind: str) -> None:
    if end > start and all(end <= s or start >= e for s, e, _ in claimed):
        claimed.append((start, end, kind))


def _next_close(text: str, pos: int) -> int:
    return text.find("](", pos)


def _link_pairs(kinds: list[str]) -> tuple[tuple[int, int], ...]:
    pairs: list[tuple[int, int]] = []
    opens: list[int] = []
    for number, kind in enumerate(kinds, start=1):
        if kind == "link-open":
            opens.append(number)
        elif kind == "link-close" and opens:
            pairs.append((opens.pop(), number))
    return tuple(pairs)
