"""The runner asks a check only where the unit's signs say it may find something, and a
check asked that way (`check_signed`) finds what `check` finds.

A unit's signs are found once for all the checks (`l10n.checks.signs`); the numbers check
passes by a translation whose numbers' signature is its English's. Both are put to every
unit of the real catalogs in tests/data and the bundled site, random units made of what the
checks look at, and hypothesis-generated ones, against the plain way: every check's `check`.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.checks import patterns
from l10n.checks.base import CatalogCheck, CheckContext, CheckUnit, Finding
from l10n.checks.markup import NumbersCheck
from l10n.checks.registry import CHECKS
from l10n.checks.runner import UnitChecker, _at_severity, _ordered
from l10n.checks.settings import CheckSettings
from l10n.checks.signs import DIGIT_SIGN, SIGN_CHARACTERS, SIGNS, URL_SIGN, text_signs
from tests.test_checks_fast import GLOSSARY, PIECES, real_texts, real_units

CONTEXT = CheckContext(glossary=GLOSSARY, max_length={"menu": 12})
SETTINGS = CheckSettings(severities={"numbers": "error", "markdown": "warning"}, context=CONTEXT)
UNIT_CHECKS = [check for check in CHECKS if not isinstance(check, CatalogCheck)]
PLAIN_URL_HINT = re.compile(r"://|[wW][wW][wW]\.")
# Pieces around numbers: word characters, separators, placeholders and references beside them.
NUMBER_PIECES = (*PIECES, "1", "23", "2024", "a", "é", "_", "-", ".", ",", "\u00a0", "%d", "&#1;")
# And beside characters past U+00FF: Greek words, thin and narrow no-break spaces.
GREEK_PIECES = (*NUMBER_PIECES, "Ένα", "στις", "ά", "\u202f", "\u2009", "\u037e", "·")


def plain_signs(text: str) -> frozenset[str]:
    found = {character for character in text if character in SIGN_CHARACTERS}
    if re.search(r"\d", text):
        found.add(DIGIT_SIGN)
    if PLAIN_URL_HINT.search(text):
        found.add(URL_SIGN)
    return frozenset(found)


def plain_check(unit: CheckUnit, settings: CheckSettings) -> list[Finding]:
    """The runner as it was: every enabled check's `check`, at its severity, in order."""
    if not unit.has_target:
        return []
    findings: list[Finding] = []
    for check in UNIT_CHECKS:
        if settings.enabled(check.id) and check.ignore_flag() not in unit.flags:
            severity = settings.severity_of(check.id, check.severity)
            findings += _at_severity(check.check(unit, settings.context), severity)
    return _ordered(findings) if len(findings) > 1 else findings


def random_units(count: int, pieces: Sequence[str], seed: int = 15) -> list[CheckUnit]:
    """Units of random texts of `pieces`: singular, plural, flagged, in three languages."""
    rng = random.Random(seed)
    units = []
    for number in range(count):
        source, target = ("".join(rng.choices(pieces, k=rng.randint(0, 8))) for _ in "st")
        if number % 3 == 0:  # the translation as its English with a piece changed
            words = source.split(" ")
            words[rng.randrange(len(words))] = rng.choice(pieces)
            target = " ".join(words)
        language = ("fr", "el", "es")[number % 3]
        kind = ("ui", "menu", "article")[number % 3]
        flags = frozenset(rng.sample(["c-format", "ignore-numbers", "max-length:9", "fuzzy"], 1))
        if number % 5 == 0:
            plural = "".join(rng.choices(pieces, k=rng.randint(0, 6)))
            targets = (target, "".join(rng.choices(pieces, k=rng.randint(0, 6))), source)
            units.append(CheckUnit(None, source, plural, targets, language, kind, flags, 2))
        else:
            units.append(CheckUnit(None, source, None, (target,), language, kind, flags))
    return units


def assert_signed_as_checked(units: Sequence[CheckUnit]) -> dict[str, int]:
    """Each check asked with the unit's signs finds what its `check` finds; returns how many
    units each check was not asked about (its signs not there)."""
    passed_by = dict.fromkeys((check.id for check in UNIT_CHECKS), 0)
    for unit in units:
        signs = frozenset().union(
            *(text_signs(text) for text in (unit.source, unit.source_plural or "", *unit.targets))
        )
        for check in UNIT_CHECKS:
            found = check.check(unit, CONTEXT)
            needed = check.signs()
            if needed is not None and needed.isdisjoint(signs):
                assert found == [], (check.id, unit)
                passed_by[check.id] += 1
            else:
                assert check.check_signed(unit, CONTEXT, signs) == found, (check.id, unit)
    return passed_by


def test_text_signs_are_what_plain_searches_find() -> None:
    rng = random.Random(15)
    texts = real_texts()
    texts += ["".join(rng.choices(PIECES, k=rng.randint(0, 12))) for _ in range(5_000)]
    for text in texts:
        assert text_signs(text) == plain_signs(text), text
    assert {sign for text in texts for sign in text_signs(text)} == SIGNS


def test_every_latin1_character_is_a_sign_as_plain_searches_find() -> None:
    """A Latin-1 text's signs are taken from its bytes (every digit made "0"), any other
    text's searched for: each Latin-1 character, alone and among others, and beside a
    character past U+00FF, has the plain searches' signs."""
    for code in range(256):
        char = chr(code)
        for text in (
            char,
            f"a{char}b",
            f"{char}1{char}",
            f"www.{char}",
            f"{char}\u0663",
            f"Ω{char}",
        ):
            assert text_signs(text) == plain_signs(text), repr(text)


@settings(max_examples=2_000, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x3FF)))
def test_any_text_has_the_plain_searches_signs(text: str) -> None:
    assert text_signs(text) == plain_signs(text)


def test_every_check_signed_finds_what_it_checks_on_real_units() -> None:
    units = real_units()
    passed_by = assert_signed_as_checked(units)
    # Checks with signs passed some units by and were asked about others.
    for check in UNIT_CHECKS:
        if check.signs() is not None and check.id not in ("urls", "emails"):
            assert 0 < passed_by[check.id] < len(units), check.id


def test_every_check_signed_finds_what_it_checks_on_random_units() -> None:
    units = random_units(6_000, NUMBER_PIECES)
    passed_by = assert_signed_as_checked(units)
    for check in UNIT_CHECKS:
        if check.signs() is not None:
            assert 0 < passed_by[check.id] < len(units), check.id
    assert sum(bool(plain_check(unit, SETTINGS)) for unit in units) > 2_000


def test_the_runner_finds_what_every_check_finds() -> None:
    """The runner (signs found once, the English's remembered) gives each unit the plain
    runner's findings, in the same order, in every language of the same English."""
    units = real_units() + random_units(3_000, NUMBER_PIECES, seed=16)
    units += random_units(3_000, GREEK_PIECES, seed=18)
    checker = UnitChecker(SETTINGS, UNIT_CHECKS)
    for language in ("de", "el"):
        for unit in units:
            unit = CheckUnit(
                unit.context,
                unit.source,
                unit.source_plural,
                unit.targets,
                language,
                unit.kind,
                unit.flags,
                unit.nplurals,
            )
            assert checker(unit) == plain_check(unit, SETTINGS), unit
    assert checker._english
    checker.forget()
    assert not checker._english


@settings(max_examples=1_500, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("[]()!{}«»*_`<>/:wW.@%&#;1203\u0663\u00a0 ,ab\n")),
    st.text(alphabet=st.sampled_from("[]()!{}«»*_`<>/:wW.@%&#;1203\u0663\u00a0 ,ab\n")),
)
def test_any_unit_gets_the_plain_runners_findings(source: str, target: str) -> None:
    unit = CheckUnit(None, source, None, (target,), "fr", "menu")
    assert UnitChecker(SETTINGS, UNIT_CHECKS)(unit) == plain_check(unit, SETTINGS)
    assert_signed_as_checked([unit])


def same_numbers(one: str, other: str) -> bool:
    return [token for token, _, _ in patterns.numbers(one)] == [
        token for token, _, _ in patterns.numbers(other)
    ]


def test_one_number_signature_is_one_list_of_numbers() -> None:
    """Texts with one signature have the same numbers in the same order (so the numbers
    check finds nothing); a text whose numbers the signature cannot tell has none."""
    rng = random.Random(15)
    texts = real_texts()
    texts += ["".join(rng.choices(NUMBER_PIECES, k=rng.randint(0, 10))) for _ in range(20_000)]
    texts += ["".join(rng.choices(GREEK_PIECES, k=rng.randint(0, 10))) for _ in range(20_000)]
    by_signature: dict[tuple[bytes, bytes], str] = {}
    told = untold = 0
    for text in texts:
        signature = patterns.number_signature(text)
        if signature is None:
            untold += 1
            continue
        told += 1
        first = by_signature.setdefault(signature, text)
        assert same_numbers(first, text), (first, text)
        assert patterns.number_signature(text, False) == signature
        if patterns.may_hide_numbers(text) or "&#" in text:
            continue
        # A text's numbers found as NUMBER finds them (as a text past U+00FF has them
        # found) have the signature found in the text's bytes.
        assert patterns._signature_of(patterns.NUMBER.findall(text)) == signature, text
    assert told > 5_000 and untold > 1_000
    past_latin1 = [text for text in texts if text and max(text) > "\u00ff"]
    assert sum(patterns.number_signature(text) is not None for text in past_latin1) > 2_000
    assert len(by_signature) < told / 2  # many texts shared one


NUMBERS = st.lists(
    st.sampled_from(
        ("1", "2", "23", "45", "4 567", "8.9", "7.3", "10,000", "1\u202f000", "\u0663")
    ),
    min_size=1,
    max_size=4,
)


@settings(max_examples=3_000, deadline=None)
@given(
    NUMBERS,
    st.one_of(st.none(), NUMBERS),
    st.lists(st.sampled_from(GREEK_PIECES), min_size=5, max_size=5),
    st.lists(st.sampled_from(GREEK_PIECES), min_size=5, max_size=5),
)
def test_numbers_among_other_words_have_one_signature_only_if_they_stay(
    numbers: list[str], other_numbers: list[str] | None, around: list[str], other: list[str]
) -> None:
    """Numbers among other characters, and the same or other numbers among others (a
    translation of them): the signatures are equal only where `numbers` finds the same
    numbers, and the numbers check finds what it finds comparing every number."""
    english = "".join(f"{word}{number}" for word, number in zip(around, numbers, strict=False))
    translated = numbers if other_numbers is None else other_numbers
    translation = "".join(
        f"{word}{number}" for word, number in zip(other, translated, strict=False)
    )
    signature = patterns.number_signature(english)
    if signature is not None and signature == patterns.number_signature(translation):
        assert same_numbers(english, translation)
    unit = CheckUnit(None, english, None, (translation,), "it", "ui")
    assert NumbersCheck().check(unit, CONTEXT) == _plain_numbers_check(unit)


def _plain_numbers_check(unit: CheckUnit) -> list[Finding]:
    """The numbers check as it was, without signatures: every number compared."""
    check = NumbersCheck()
    findings = check.compare(unit) if check.may_hold(unit.all_text) else []
    if not findings:
        return findings
    clock = patterns.clock_24h(unit.source)
    if clock != unit.source:
        clocked = replace(unit, source=clock)
        again = check.compare(clocked) if check.may_hold(clocked.all_text) else []
        findings = min(findings, again, key=len)
    spelled = patterns.spelled_numbers(f"{unit.source} {unit.source_plural or ''}")
    if clock != unit.source:
        spelled.add("00")
    return [finding for finding in findings if not check._spelled(finding, unit, spelled)]


def test_what_checks_remember_of_the_english_changes_no_finding() -> None:
    """Checks remember what they found in an English text (its tokens, number signature,
    final punctuation, glossary terms, the runner its signs) for the languages after the
    first: each language's findings are those of checks that remember nothing."""
    units = real_units() + random_units(2_000, NUMBER_PIECES, seed=17)
    checker = UnitChecker(SETTINGS, UNIT_CHECKS)
    checker.forget()
    for language in ("ro", "fr", "el"):
        remembered = [checker(replace(unit, language=language)) for unit in units]
        fresh = []
        for unit in units:
            checker.forget()
            fresh.append(checker(replace(unit, language=language)))
        assert remembered == fresh, language
        assert sum(map(len, remembered)) > 1_000
