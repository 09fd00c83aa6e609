"""What `msgfmt --check` rejects in one entry: broken format strings and misplaced newlines.

GNU msgfmt refuses to compile a catalog with such an entry, msgmerge marks it fuzzy, and
a translation that passes neither raises at run time (`"{name]".format(...)`). The rules
follow gettext-tools (`format-python.c`, `format-python-brace.c`, `msgl-check.c`) for the
flags Python projects use: `python-format` and `python-brace-format`; an entry's other
format flags are not checked here. An English text that is not a valid format string of
its flag is not checked either (as msgfmt, which trusts the translation then).

A plural form may leave out an argument only where msgfmt allows it: when the catalog's
`Plural-Forms` sends fewer than five of the numbers 0 to 1000 to that form (Romanian's
form 0 is for 1 alone; Serbian's is for 1, 21, 31 …, so it must say the number), or the
entry's `range:` flag lets at most one number reach it. Without the catalog's rule (sync,
as msgmerge) every form of a plural entry with several forms may leave one out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from l10n.languages import plural_rule
from l10n.states import entry_texts

if TYPE_CHECKING:
    import polib  # types only: a warm `status` reads no catalog

# %[(name)][flags][width][.precision][length]conversion, as format-python.c reads it.
_PYTHON_DIRECTIVE = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[-+ #0]*(?P<width>\*|\d+)?(?:\.(?P<precision>\*|\d*))?[hlL]?"
    r"(?P<conversion>.?)",
    re.DOTALL,
)
_PYTHON_TYPES = dict.fromkeys("diouxX", "integer")
_PYTHON_TYPES.update(dict.fromkeys("eEfFgG", "float"))
_PYTHON_TYPES.update({"c": "character", "s": "string", "r": "string"})  # no %a in msgfmt 0.21
_BRACE_NAME = re.compile(r"[A-Za-z_0-9]+")
_BRACE_CHAIN = re.compile(r"(?:\.[A-Za-z_0-9]+|\[[^\]{}]*\])*")
CHECKED_FLAGS = ("python-format", "python-brace-format")
_RANGE_FLAG = re.compile(r"range:\s*(\d+)\.\.(\d+)")
_OFTEN = 5  # msgl-check.c: a form that 5 of the numbers 0 to 1000 take is used "often"


class FormatError(ValueError):
    """A text that is not a valid format string of its kind."""


@dataclass
class Directives:
    """The arguments a format string takes: by position (with types) or by name."""

    unnamed: list[str] = field(default_factory=list)
    named: dict[str, str] = field(default_factory=dict)


def entry_problem(
    msgid: str,
    msgid_plural: str | None,
    msgstrs: Sequence[str],
    flags: Sequence[str],
    plural_forms: str | None = None,
) -> str | None:
    """Why msgfmt --check would reject this translated entry, or None if it would not.

    `plural_forms`: the `Plural-Forms` of the entry's catalog, which says which plural forms
    must keep every argument (see the module's notes).
    """
    if msgid_plural is None and not flags and len(msgstrs) == 1:
        # Most entries: one text and no flag, so only its line ends are checked (the general
        # loop below was twice as slow, and every entry read by `check` is asked twice).
        msgstr = msgstrs[0]
        return _newline_problem(msgid, msgstr, "msgstr") if msgstr else None
    english = [msgid] if msgid_plural is None else [msgid, msgid_plural]
    checked = [flag for flag in CHECKED_FLAGS if flag in flags] if flags else []
    strict: tuple[bool, ...] | None = None
    for index, msgstr in enumerate(msgstrs):
        if not msgstr:
            continue
        source = english[min(index, len(english) - 1)]
        where = "msgstr" if msgid_plural is None else f"msgstr[{index}]"
        problem = _newline_problem(source, msgstr, where)
        if problem is None and checked:  # most entries have no flag that msgfmt checks
            if msgid_plural is None:
                form_strict = True
            else:
                if strict is None:
                    strict = strict_forms(len(msgstrs), plural_forms, _range_of(flags))
                form_strict = strict[index]
            problem = _format_problem(english, msgstr, checked, form_strict, where)
        if problem is not None:
            return problem
    return None


def strict_forms(
    count: int, plural_forms: str | None, limits: tuple[int, int] | None = None
) -> tuple[bool, ...]:
    """Which of a plural entry's `count` forms msgfmt checks strictly (every argument kept):
    the only one, or each the catalog's rule uses often, unless `limits` (the entry's
    `range:`) let at most one number reach it."""
    if count <= 1:
        return (True,) * count
    rule = plural_rule(plural_forms)
    if rule is None:
        return (False,) * count
    often = _often(plural_forms)
    strict = [index < len(often) and often[index] for index in range(count)]
    if limits is not None:
        for index in range(count):
            strict[index] = strict[index] and _reached(rule, limits, index) > 1
    return tuple(strict)


@lru_cache(maxsize=64)
def _often(plural_forms: str | None) -> tuple[bool, ...]:
    """Per form index, whether 5 or more of the numbers 0 to 1000 take it."""
    rule = plural_rule(plural_forms)
    taken: dict[int, int] = {}
    if rule is not None:
        for n in range(1001):
            try:
                index = rule(n)
            except (ZeroDivisionError, OverflowError, RecursionError):
                continue
            taken[index] = taken.get(index, 0) + 1
    size = max(taken, default=-1) + 1
    return tuple(taken.get(index, 0) >= _OFTEN for index in range(max(size, 0)))


def _range_of(flags: Sequence[str]) -> tuple[int, int] | None:
    for flag in flags:
        found = _RANGE_FLAG.fullmatch(flag.strip())
        if found is not None:
            return int(found.group(1)), int(found.group(2))
    return None


_RANGE_TRIED = 100_000  # a wider `range:` is tried on its first numbers only


def _reached(rule: Callable[[int], int], limits: tuple[int, int], index: int) -> int:
    """How many numbers within `limits` take form `index` (counted up to 2; a range wider
    than `_RANGE_TRIED` numbers counts as reaching it more than once)."""
    low, high = limits
    if high - low >= _RANGE_TRIED:
        return 2
    reached = 0
    for n in range(low, high + 1):
        try:
            taken = rule(n)
        except (ZeroDivisionError, OverflowError, RecursionError):
            continue
        if taken == index:
            reached += 1
            if reached > 1:
                break
    return reached


def _newline_problem(source: str, msgstr: str, where: str) -> str | None:
    name = "msgid" if where == "msgstr" else "msgid_plural"
    if source.startswith("\n") != msgstr.startswith("\n"):
        return f"'{name}' and '{where}' do not both begin with '\\n'"
    if source.endswith("\n") != msgstr.endswith("\n"):
        return f"'{name}' and '{where}' do not both end with '\\n'"
    return None


def _format_problem(
    english: list[str], msgstr: str, flags: Sequence[str], strict: bool, where: str
) -> str | None:
    for flag in CHECKED_FLAGS:
        if flag not in flags:
            continue
        parse = parse_python if flag == "python-format" else parse_brace
        try:
            expected = [parse(text) for text in english]
        except FormatError:
            continue  # the English is no format string of this kind: nothing to compare
        try:
            found = parse(msgstr)
        except FormatError as error:
            return f"'{where}' is not a valid {flag.removesuffix('-format')} format string: {error}"
        problem = _compare(expected, found, strict, where)
        if problem is not None:
            return problem
    return None


def _compare(expected: list[Directives], found: Directives, strict: bool, where: str) -> str | None:
    """msgfmt's comparison: no argument the English lacks; with `strict`, none missing."""
    names = {name: kind for directives in expected for name, kind in directives.named.items()}
    for name, kind in found.named.items():
        if name not in names:
            return f"a format specification for argument '{name}' in '{where}' is not in 'msgid'"
        if kind != names[name] and "any" not in (kind, names[name]):
            return f"format specifications for argument '{name}' are not the same"
    if strict:
        missing = [name for name in names if name not in found.named]
        if missing:
            return f"a format specification for argument '{missing[0]}' is missing in '{where}'"
    unnamed = max((directives.unnamed for directives in expected), key=len)
    if len(found.unnamed) > len(unnamed) or (strict and len(found.unnamed) != len(unnamed)):
        return f"the number of format specifications in 'msgid' and '{where}' does not match"
    for number, (kind, wanted) in enumerate(zip(found.unnamed, unnamed, strict=False), 1):
        if kind != wanted and "any" not in (kind, wanted):
            return f"format specifications for argument {number} are not the same"
    return None


def parse_python(text: str) -> Directives:
    """The arguments of a `%` format string (`%(name)s` or `%s`; never both kinds)."""
    directives = Directives()
    position = text.find("%")
    while position >= 0:
        match = _PYTHON_DIRECTIVE.match(text, position)
        assert match is not None  # every part of the pattern may be empty
        conversion, name = match["conversion"], match["name"]
        if conversion == "%" and name is None:
            position = text.find("%", match.end())
            continue
        if conversion not in _PYTHON_TYPES and conversion != "%":
            shown = repr(conversion) if conversion else "end of string"
            raise FormatError(f"{shown} after '%' is not a valid conversion")
        kind = _PYTHON_TYPES.get(conversion, "none")  # `%(name)%` takes its argument: no type
        if name is not None:
            if match["width"] == "*" or match["precision"] == "*":
                raise FormatError("a named directive takes no '*'")
            if directives.named.get(name, kind) != kind:
                raise FormatError(f"argument '{name}' is used with two types")
            directives.named[name] = kind
        else:
            stars = [part for part in (match["width"], match["precision"]) if part == "*"]
            directives.unnamed += ["integer"] * len(stars) + [kind]
        if directives.named and directives.unnamed:
            raise FormatError("named and unnamed directives are mixed")
        position = text.find("%", match.end())
    return directives


def parse_brace(text: str) -> Directives:
    """The arguments of a `str.format` string (`{name}`, `{0}`; `{{`, `}}` and, as msgfmt
    reads it, a lone `}` are text)."""
    directives = Directives()
    position = 0
    while position < len(text):
        char = text[position]
        if char in "{}" and text.startswith(char * 2, position):
            position += 2
        elif char == "{":
            position = _brace_field(text, position + 1, directives, nested=False)
        else:
            position += 1
    return directives


def _brace_field(text: str, position: int, directives: Directives, nested: bool) -> int:
    """Read one replacement field after its `{`; return the position after its `}`."""
    name = _BRACE_NAME.match(text, position)
    if name is None:
        raise FormatError(f"a directive at {position} has no argument name")
    directives.named.setdefault(name.group(), "any")
    position = _BRACE_CHAIN.match(text, name.end()).end()  # type: ignore[union-attr]
    if text.startswith("!", position):
        if position + 1 >= len(text) or text[position + 1] not in "rsa":
            raise FormatError("'!' is not followed by r, s or a")
        position += 2
    if text.startswith(":", position):
        position += 1
        while position < len(text) and text[position] != "}":
            if text[position] == "{":
                if nested:
                    raise FormatError("format specifications nest too deeply")
                position = _brace_field(text, position + 1, directives, nested=True)
            else:
                position += 1
    if not text.startswith("}", position):
        raise FormatError(f"the directive at {position} is not closed by '}}'")
    return position + 1


def rejection_message(reason: str) -> str:
    """How the gate, the TUI and export say that msgfmt --check rejects a translation."""
    return f"msgfmt --check rejects it: {reason}"


def entry_rejection(entry: polib.POEntry, plural_forms: str | None = None) -> str | None:
    """Why msgfmt --check would reject this entry if it were compiled (None: it would not);
    `plural_forms`: its catalog's `Plural-Forms` (see `entry_problem`)."""
    return entry_problem(
        entry.msgid, entry.msgid_plural or None, entry_texts(entry), entry.flags, plural_forms
    )
