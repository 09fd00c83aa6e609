"""Languages the tool knows: any locale Babel knows, its name and CLDR's gettext plural rule.

A catalog's own `Plural-Forms` header always wins over this (Transifex and Weblate write
rules of their own); the rule here is for a catalog the tool creates, and a project may
override it per language in the config (`plural_forms`).
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

# gettext writes a script as a modifier (`sr@latin`); CLDR as a subtag (`sr_Latn`).
_MODIFIER_SCRIPTS = {"latin": "Latn", "cyrillic": "Cyrl"}
_PLURAL_FORMS = re.compile(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*")
# Values of n a plural expression is tried on (every rule in CLDR changes below 200): each
# index it gives must be below nplurals.
_SAMPLE_COUNTS = (*range(200), 1000, 1001, 10_000, 100_000, 1_000_000)
_MAX_EXPRESSION = 1000


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    plural_forms: str

    @property
    def nplurals(self) -> int:
        """Number of plural forms, read from the Plural-Forms expression."""
        head = self.plural_forms.split(";", 1)[0]
        return int(head.split("=", 1)[1])


def get_language(code: str, plural_forms: str | None = None) -> Language | None:
    """The language of a gettext code (`ro`, `pt_BR`, `sr@latin`, `zh_Hans`), or None.

    `plural_forms`: the project's own rule for it (from the config), which also makes a
    code Babel does not know usable.
    """
    known = _babel_language(code)
    if plural_forms is not None:
        return Language(code, known.name if known else code, plural_forms)
    return known


@cache
def _babel_language(code: str) -> Language | None:
    from babel import Locale, UnknownLocaleError  # Babel: a fifth of a warm command's start
    from babel.messages.plurals import get_plural

    try:
        locale = Locale.parse(babel_code(code))
        plural = get_plural(babel_code(code))
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    return Language(code, locale.english_name or code, str(plural.plural_forms))


def babel_code(code: str) -> str:
    """A gettext language code in the form Babel parses (`sr@latin` -> `sr_Latn`)."""
    base, _, modifier = code.replace("-", "_").partition("@")
    script = _MODIFIER_SCRIPTS.get(modifier.lower())
    if script is None:
        return base
    language, _, region = base.partition("_")
    return "_".join(part for part in (language, script, region) if part)


@lru_cache(maxsize=64)
def plural_forms_problem(forms: str) -> str | None:
    """What is wrong with a Plural-Forms value, or None when gettext can use it.

    The one rule for a catalog's header (`l10n.po.validate`) and the config's `plural_forms`.
    """
    parsed = _PLURAL_FORMS.fullmatch(forms)
    if parsed is None:
        return f"{forms!r} is not 'nplurals=N; plural=EXPRESSION;'"
    nplurals, expression = int(parsed.group(1)), parsed.group(2)
    if not 1 <= nplurals <= 10:
        return f"nplurals={nplurals} (gettext takes 1 to 10)"
    if len(expression) > _MAX_EXPRESSION:
        return "the plural expression is too long"
    try:
        plural = gettext.c2py(expression)
        values = {plural(n) for n in _SAMPLE_COUNTS}
    except (ValueError, SyntaxError, RecursionError, ZeroDivisionError, OverflowError):
        return f"the plural expression {expression!r} does not parse"
    largest = max(values)
    if min(values) < 0 or largest >= nplurals:
        return f"the plural expression gives {largest}, but nplurals={nplurals}"
    return None


_PLURAL_EXPRESSION = re.compile(r"plural\s*=\s*([^;]+)")
_ONE_AND_OTHER = gettext.c2py("n != 1")


@lru_cache(maxsize=64)
def forms_count_problem(found: int, language: str, declared: int) -> str:
    """What is wrong with a plural translation of `found` forms in a catalog of `language`
    whose Plural-Forms declares `declared`: one wording for the gate and for export."""
    return f"{found} plural forms; {language}'s Plural-Forms says {declared}"


def plural_rule(plural_forms_header: str | None) -> Callable[[int], int] | None:
    """The `plural=` expression of a Plural-Forms value as a function of n (gettext's own
    parser), or None when it has none or it does not parse.

    The one reading of a header's expression for the TUI's plural fields (`plural_forms`)
    and for which forms msgfmt checks strictly (`l10n.po.formats`)."""
    found = _PLURAL_EXPRESSION.search(plural_forms_header or "")
    if found is None:
        return None
    try:
        return gettext.c2py(found.group(1).strip())
    except (ValueError, SyntaxError, RecursionError):
        return None


@dataclass(frozen=True)
class PluralForm:
    """One plural form of a language: its msgstr index, CLDR category and example numbers."""

    index: int
    category: str
    examples: tuple[int, ...]


def is_singular(form: PluralForm) -> bool:
    """The form a language uses for one (its text comes from msgid, the others' from
    msgid_plural)."""
    return 1 in form.examples


_LARGE_NUMBERS = (10_000, 100_000, 1_000_000, 2_000_000, 10_000_000, 1_000_000_000)


def plural_forms(plural_forms_header: str, language: str) -> tuple[PluralForm, ...]:
    """The forms of a `Plural-Forms` header, named by CLDR category (Babel) with examples.

    Each form index gets the numbers (0…1000 and a few large ones: `many` in Spanish is for
    millions) that the catalog's own expression sends to it;
    its name is the CLDR category most of those numbers have in Babel's rule for the
    language (`one`, `few`, `other` for Romanian). Unknown languages or an unreadable
    expression give `form0`, `form1`… with the examples still taken from the expression.
    """
    found = re.search(r"nplurals\s*=\s*(\d+)", plural_forms_header)
    count = int(found.group(1)) if found else 2
    rule = plural_rule(plural_forms_header) or _ONE_AND_OTHER
    numbers: dict[int, list[int]] = {index: [] for index in range(count)}
    for n in [*range(0, 1001), *_LARGE_NUMBERS]:
        index = rule(n)
        if 0 <= index < count:
            numbers[index].append(n)
    categories = _cldr_categories(language, numbers)
    taken: dict[str, int] = {}
    forms: list[PluralForm] = []
    for index in range(count):
        category = categories.get(index) or f"form{index}"
        if category in taken:
            category = f"{category}{index}"
        taken[category] = index
        forms.append(PluralForm(index, category, tuple(numbers[index][:4])))
    return tuple(forms)


def _cldr_categories(language: str, numbers: Mapping[int, list[int]]) -> dict[int, str]:
    from babel import Locale, UnknownLocaleError

    try:
        rule = Locale.parse(babel_code(language)).plural_form
    except (ValueError, UnknownLocaleError):
        return {}
    names: dict[int, str] = {}
    for index, values in numbers.items():
        votes: dict[str, int] = {}
        for n in values[:200]:
            category = str(rule(n))
            votes[category] = votes.get(category, 0) + 1
        if votes:
            names[index] = max(votes, key=lambda name: votes[name])
    return names
