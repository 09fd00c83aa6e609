"""Languages the tool knows: any locale Babel knows, its name and CLDR's gettext plural rule.

A catalog's own `Plural-Forms` header always wins over this (Transifex and Weblate write
rules of their own); the rule here is for a catalog the tool creates, and a project may
override it per language in the config (`plural_forms`).
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural

# gettext writes a script as a modifier (`sr@latin`); CLDR as a subtag (`sr_Latn`).
_MODIFIER_SCRIPTS = {"latin": "Latn", "cyrillic": "Cyrl"}
_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+?)\s*;?\s*$")


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


def plural_forms_problem(text: str) -> str | None:
    """Why `text` is not a usable Plural-Forms value (`nplurals=N; plural=EXPR;`), or None."""
    found = _PLURAL_FORMS.match(text)
    if found is None:
        return "a plural rule must read 'nplurals=N; plural=EXPRESSION;'"
    if int(found.group(1)) < 1:
        return "nplurals must be at least 1"
    try:
        gettext.c2py(found.group(2))
    except (ValueError, SyntaxError, RecursionError):
        return f"the plural expression {found.group(2)!r} is not a valid C expression"
    return None
