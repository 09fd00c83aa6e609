"""The quality checks' shortcuts give the verdicts of their full forms.

Each shortcut answers at once when a text cannot hold what a check looks for (a substring
test instead of a search), or finds the same matches with less work (a pattern that starts
with a character, `str.find` instead of a search for a class). The full forms are kept
here, as they were before the shortcuts, and both are put to every text of the real
catalogs in `tests/data`, the bundled site's catalogs, random texts made of what the checks
look at, and hypothesis-generated texts.
"""

from __future__ import annotations

import functools
import random
import re
from dataclasses import replace
from pathlib import Path

import polib
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.checks import patterns
from l10n.checks.base import CheckContext, CheckUnit, entry_unit
from l10n.checks.chars import BRACKET_PAIRS, unbalanced_at
from l10n.checks.consistency import GlossaryCheck
from l10n.checks.markup import TokenCheck
from l10n.checks.registry import CHECKS
from l10n.checks.settings import CheckSettings
from l10n.coverage.stats import EntryRecord
from l10n.gate.checks import SiteChecks
from l10n.gate.scan import QualityIssue
from l10n.glossary import load_glossary, term_pattern
from l10n.model import State

ROOT = Path(__file__).resolve().parent.parent

# The patterns and functions as they were, without their shortcuts.
PLAIN_URL_HINT = re.compile(r"://|[wW][wW][wW]\.")
PLAIN_HIDES_NUMBERS = re.compile(r"://|[wW][wW][wW]\.|@|[%{}]")
PLAIN_LINK = re.compile(
    r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?([^)\s>]*)>?" r"(?:\s+\"[^\"]*\")?\s*\)"
)
PLAIN_EMPHASIS = re.compile(r"(?<![*\w])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![*\w])")
PLAIN_BRACKETS = re.compile(
    "[" + re.escape("".join(BRACKET_PAIRS) + "".join(BRACKET_PAIRS.values())) + "]"
)


def plain_markdown_links(text: str) -> list[patterns.Span]:
    spans = [
        (f"{m.group(1)}[]({m.group(3)})", m.start(), m.end()) for m in PLAIN_LINK.finditer(text)
    ]
    spans += [
        (f"[][{m.group(2)}]", m.start(), m.end()) for m in patterns.MD_REFERENCE.finditer(text)
    ]
    return sorted(spans, key=lambda s: s[1])


def plain_markdown_emphasis(text: str) -> list[patterns.Span]:
    text = patterns.MD_CODE.sub(patterns._blanked, text)
    text = patterns.HTML_TAG.sub(patterns._blanked, text)
    text = patterns.URL.sub(patterns._blanked, text)
    spans = []
    for match in patterns.MD_STRONG.finditer(text):
        spans.append((match.group(1).replace("_", "*"), match.start(), match.end()))
        text = text[: match.start()] + " " * len(match.group()) + text[match.end() :]
    for match in PLAIN_EMPHASIS.finditer(text):
        spans.append((match.group(1).replace("_", "*"), match.start(), match.end()))
    return sorted(spans, key=lambda s: s[1])


def plain_numbers(text: str) -> list[patterns.Span]:
    hidden = [(m.start(), m.end()) for m in patterns.CHARACTER_REFERENCE.finditer(text)]
    if PLAIN_HIDES_NUMBERS.search(text):
        hidden += [(s, e) for _, s, e in patterns.urls(text) + patterns.emails(text)]
        hidden += [(s, e) for _, s, e in patterns.placeholders(text, frozenset())]
    return [
        (patterns.NON_DIGIT.sub("", m.group()), m.start(), m.end())
        for m in patterns.NUMBER.finditer(text)
        if not any(s <= m.start() < e for s, e in hidden)
    ]


def plain_unbalanced_at(text: str) -> int | None:
    pairs = BRACKET_PAIRS
    if "»" in text and ("«" not in text or text.index("»") < text.index("«")):
        pairs = {**{k: v for k, v in BRACKET_PAIRS.items() if k != "»"}, "«": "»"}
    stack: list[int] = []
    for match in PLAIN_BRACKETS.finditer(text):
        position, char = match.start(), match.group()
        if char in pairs.values():
            stack.append(position)
        elif char in pairs:
            if not stack or text[stack[-1]] != pairs[char]:
                return position
            stack.pop()
    return stack[0] if stack else None


def plain_urls(text: str) -> list[patterns.Span]:
    spans = []
    for match in patterns.URL.finditer(text):
        url = match.group().rstrip(patterns.URL_TRAILING)
        if url.count("(") > url.count(")") and match.group()[len(url) :].startswith(")"):
            url += ")"
        spans.append((url, match.start(), match.start() + len(url)))
    return spans


def same_as_full_forms(text: str) -> None:
    """Every shortcut's answer for `text` is its full form's."""
    assert patterns.may_hold_url(text) == (PLAIN_URL_HINT.search(text) is not None), text
    assert patterns.may_hide_numbers(text) == (PLAIN_HIDES_NUMBERS.search(text) is not None)
    assert patterns.urls(text) == plain_urls(text), text
    assert patterns.markdown_links(text) == plain_markdown_links(text), text
    assert patterns.markdown_emphasis(text) == plain_markdown_emphasis(text), text
    assert patterns.numbers(text) == plain_numbers(text), text
    assert unbalanced_at(text) == plain_unbalanced_at(text), text


@functools.cache
def real_catalogs() -> tuple[polib.POFile, ...]:
    """Every catalog in tests/data (Django, Sphinx, the site's) and the bundled site's."""
    paths = sorted((ROOT / "tests" / "data").rglob("*.po"))
    paths += sorted((ROOT / "tests" / "data").rglob("*.pot"))
    paths += sorted((ROOT / "catalogs").rglob("*.po"))
    catalogs = []
    for path in paths:
        try:
            catalogs.append(polib.pofile(str(path)))
        except (OSError, UnicodeDecodeError):
            continue  # the damaged catalogs of tests/data/bad
    return tuple(catalogs)


def real_texts() -> list[str]:
    texts: set[str] = set()
    for catalog in real_catalogs():
        for entry in catalog:
            texts.update((entry.msgid, entry.msgid_plural, entry.msgstr))
            texts.update(entry.msgstr_plural.values())
    return sorted(texts)


def real_units() -> list[CheckUnit]:
    units = []
    for catalog in real_catalogs():
        for entry in catalog:
            targets = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)] or [
                entry.msgstr
            ]
            plural = entry.msgid_plural or None
            units.append(
                entry_unit(
                    entry.msgctxt, entry.msgid, plural, targets, "de", "ui", entry.flags, 2, True
                )
            )
    return units


def test_every_real_text_gets_the_full_forms_answers() -> None:
    texts = real_texts()
    assert len(texts) > 4_000
    for text in texts:
        same_as_full_forms(text)
    # Both answers of each shortcut were put to the test.
    assert {patterns.may_hide_numbers(text) for text in texts} == {True, False}
    assert {bool(patterns.markdown_links(text)) for text in texts} == {True, False}
    assert {unbalanced_at(text) is None for text in texts} == {True, False}


PIECES = (
    "[a link](/path)",
    "![image](img.png)",
    "[ref][1]",
    "[",
    "]",
    "](",
    "!",
    "(",
    ")",
    "{",
    "}",
    "«",
    "»",
    "*",
    "**",
    "_",
    "__",
    "`code`",
    "<b>",
    "</b>",
    "https://example.org/a_b*c",
    "www.",
    "WwW.",
    "ww.",
    "w.",
    "W.",
    ":",
    "//",
    "@",
    "a@b.eu",
    "%s",
    "%",
    "{n}",
    "&#8212;",
    "1,000",
    "12.5",
    "3",
    "\u0663",
    "1\u00a0000",
    "word",
    "Straße",
    " ",
    "\n",
    ".",
    ",",
)


def test_random_texts_get_the_full_forms_answers() -> None:
    rng = random.Random(15)
    found = 0
    for _ in range(20_000):
        text = "".join(rng.choices(PIECES, k=rng.randint(0, 12)))
        same_as_full_forms(text)
        found += bool(patterns.markdown_emphasis(text)) + bool(patterns.markdown_links(text))
    assert found > 5_000


def test_texts_with_one_kind_of_marker_get_the_full_forms_answers() -> None:
    """A text with only stars or only underscores is searched with that marker's patterns."""
    rng = random.Random(15)
    for marker, other in (("*", "_"), ("_", "*")):
        pieces = [piece for piece in PIECES if other not in piece]
        pieces += [marker * 2, f"{marker}a b{marker}", f"w{marker}x", f"{marker}[a](b){marker}"]
        found = 0
        for _ in range(5_000):
            text = "".join(rng.choices(pieces, k=rng.randint(0, 12)))
            same_as_full_forms(text)
            found += bool(patterns.markdown_emphasis(text))
        assert found > 500, marker


@settings(max_examples=1_000, deadline=None)
@given(st.text(alphabet=st.sampled_from("[]()!{}«»*_`<>/:wW.@%&#;1203\u0663\u00a0 ,ab\n")))
def test_any_text_gets_the_full_forms_answers(text: str) -> None:
    same_as_full_forms(text)


BRACKET_PIECES = ("(", ")", "[", "]", "{", "}", "«", "»", "a", " ", "é", "Ω", "\u0663")


def test_brackets_in_any_order_get_the_full_forms_answer() -> None:
    """A Latin-1 text's brackets are taken from its bytes and the verdict of their order
    remembered; a text past U+00FF has them searched: both answer as the full form, and
    the same order of brackets answers alike among other characters."""
    rng = random.Random(15)
    answers = set()
    for _ in range(20_000):
        text = "".join(rng.choices(BRACKET_PIECES, k=rng.randint(0, 10)))
        answer = unbalanced_at(text)
        assert answer == plain_unbalanced_at(text), text
        answers.add((answer is None, max(text, default="a") > "\u00ff"))
    assert answers == {(True, True), (True, False), (False, True), (False, False)}


@settings(max_examples=1_000, deadline=None)
@given(st.lists(st.sampled_from(BRACKET_PIECES)).map("".join))
def test_any_text_of_brackets_gets_the_full_forms_answer(text: str) -> None:
    assert unbalanced_at(text) == plain_unbalanced_at(text), text


LINK_PIECES = (
    "[",
    "]",
    "[a]",
    "[]",
    "(",
    ")",
    "](",
    "](a",
    "![",
    "!",
    "<",
    ">",
    '"t"',
    " ",
    "a",
    "\n",
)


def test_nested_brackets_get_the_full_forms_links() -> None:
    """The unrolled text of a link (`MD_LINK`) finds what the alternation found, on texts
    of brackets, nested brackets, images, titles and line breaks."""
    rng = random.Random(15)
    found = 0
    for _ in range(20_000):
        text = "".join(rng.choices(LINK_PIECES, k=rng.randint(0, 16)))
        links = patterns.markdown_links(text)
        assert links == plain_markdown_links(text), text
        found += any("[a]" in text[start:end] for _, start, end in links)
    assert found > 500


@settings(max_examples=2_000, deadline=None)
@given(st.lists(st.sampled_from(LINK_PIECES)).map("".join))
def test_any_text_of_brackets_gets_the_full_forms_links(text: str) -> None:
    assert patterns.markdown_links(text) == plain_markdown_links(text), text


@settings(max_examples=2_000, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from("0123456789.,\u00a0\u202f\u2009 ²³¹¼½ªºµéßÿ×_-a\u0663&#;%@"),
            st.characters(max_codepoint=0x2FF),
        )
    )
)
def test_latin1_texts_get_the_plain_numbers(text: str) -> None:
    """A text of Latin-1 characters has its numbers searched in its bytes (each digit made
    "0"); any other (here a text with a character past U+00FF) as before: both find the
    plain pattern's numbers."""
    assert patterns.numbers(text) == plain_numbers(text), text


def test_the_latin1_number_pattern_has_numbers_classes() -> None:
    """Every Latin-1 character is a word character, a digit or a separator for the bytes'
    pattern exactly when it is one for NUMBER: a number after or before each is found
    alike."""
    for code in range(256):
        char = chr(code)
        for text in (f"{char}1", f"1{char}", f"1{char}234", f"12{char}5", f"x {char}7 y"):
            assert patterns.numbers(text) == plain_numbers(text), repr(text)


TOKEN_CHECKS = [check for check in CHECKS if isinstance(check, TokenCheck)]


def test_a_unit_the_token_checks_pass_by_has_no_token() -> None:
    """A token check that answers at once (`may_hold` is False) finds what its full
    comparison of every text finds: nothing."""
    context = CheckContext()
    rng = random.Random(15)
    units = real_units()
    for _ in range(5_000):
        source, target = ("".join(rng.choices(PIECES, k=rng.randint(0, 6))) for _ in "st")
        units.append(CheckUnit(None, source, None, (target,), "fr", "article"))
    for check in TOKEN_CHECKS:
        passed_by = 0
        for unit in units:
            if not check.may_hold(unit.all_text):
                assert check.compare(unit) == [], (check.id, unit)
                passed_by += 1
            elif type(check).check is TokenCheck.check:
                assert check.check(unit, context) == check.compare(unit)
        assert 0 < passed_by < len(units), check.id


def test_the_gate_tokenises_each_english_once_a_domain() -> None:
    """The gate's token checks remember an English text's tokens for the languages after
    the first, and forget them at the next domain; the issues are a fresh check's."""
    markdown = next(check for check in TOKEN_CHECKS if check.id == "markdown")
    assert isinstance(markdown, TokenCheck)
    source = "See [the page](/a) and **this** on 1 May"

    def record(domain: str, english: str, text: str) -> EntryRecord:
        path = Path(f"{domain}.po")
        return EntryRecord(
            domain, "article", None, english, State.TRANSLATED, False, 9, path, 1, texts=(text,)
        )

    def fresh(language: str, translated: EntryRecord) -> list[QualityIssue]:
        markdown.forget()
        return SiteChecks(CheckSettings()).record_issues(language, translated)

    checks = SiteChecks(CheckSettings())
    french = record("news", source, "Voir [la page](/b) et **ceci** le 2 mai")
    german = record("news", source, "Siehe [die Seite](/a) und **dies** am 1. Mai")
    other = record("menu", "Our *work*", "Notre *travail*")
    issues = [checks.record_issues("fr", french), checks.record_issues("de", german)]
    assert (source, frozenset()) in markdown._remembered
    issues.append(checks.record_issues("fr", other))
    assert (source, frozenset()) not in markdown._remembered
    assert list(markdown._remembered) == [("Our *work*", frozenset())]
    assert issues == [fresh("fr", french), fresh("de", german), fresh("fr", other)]
    assert [len(found) for found in issues] == [4, 0, 0]  # link and number: missing, extra


GLOSSARY = load_glossary(ROOT / "glossary.yaml")
FORMS = sorted(
    {form for term in GLOSSARY.terms for form in term.forms}
    | {form for term in GLOSSARY.terms for forms in term.translations.values() for form in forms}
    | {"C++", ".NET", "e-mail", "Straße", "ı", "K", "İstanbul", "ſ", "a", "3D", "#hash", "-"}
)


def plain_term_pattern(form: str, case_sensitive: bool) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(word) for word in form.split())
    return re.compile(rf"(?<!\w){words}(?!\w)", 0 if case_sensitive else re.IGNORECASE)


PATTERNS = [
    (term_pattern(form, case_sensitive), plain_term_pattern(form, case_sensitive))
    for form in FORMS
    for case_sensitive in (True, False)
]


def same_terms_as_plain(text: str) -> None:
    for fast, plain in PATTERNS:
        spans = [m.span() for m in fast.finditer(text)]
        assert spans == [m.span() for m in plain.finditer(text)], (plain.pattern, text)


def test_term_patterns_find_what_their_plain_forms_find() -> None:
    """A term's pattern has its look behind after its first character (a search then skips
    to that character): on every real text, random texts of terms and hypothesis texts it
    finds what `(?<!\\w)TERM(?!\\w)` finds."""
    texts = real_texts()
    rng = random.Random(15)
    pieces = (*FORMS, *(form.upper() for form in FORMS), "x", "_", " ", "\n", "\u00a0", "1")
    texts += ["".join(rng.choices(pieces, k=rng.randint(0, 8))) for _ in range(1_000)]
    found = 0
    for text in texts:
        same_terms_as_plain(text)
        found += bool(GLOSSARY.find(text))
    assert found > 100


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("CIVISciviſKkıİi+.NET-_#3D \n\u00a0aßSs")))
def test_any_text_gets_the_plain_term_patterns_matches(text: str) -> None:
    same_terms_as_plain(text)


def test_the_glossary_check_finds_an_english_texts_terms_once_for_every_language() -> None:
    """What the glossary check remembers of an English text gives every language the
    findings a check that remembers nothing gives."""
    glossary_check = next(check for check in CHECKS if isinstance(check, GlossaryCheck))
    context = CheckContext(glossary=GLOSSARY)
    units = [unit for unit in real_units() if GLOSSARY.find(unit.source)]
    units += [replace(unit, targets=(unit.source,)) for unit in units]  # left in English
    assert len(units) > 100
    for language in ("ro", "fr", "el"):
        remembered = [glossary_check.check(replace(u, language=language), context) for u in units]
        fresh = []
        for unit in units:
            glossary_check.forget()
            fresh.append(glossary_check.check(replace(unit, language=language), context))
        assert remembered == fresh
        assert sum(map(len, remembered)) > 10
    assert glossary_check.check(units[0], CheckContext()) == []  # no glossary, no terms
