"""What `msgfmt --check` rejects in one entry: broken format strings and misplaced newlines.

GNU msgfmt refuses to compile a catalog with such an entry, msgmerge marks it fuzzy, and
a translation that passes neither raises at run time (`"{name]".format(...)`). The rules
follow gettext-tools (`format-python.c`, `format-python-brace.c`, `msgl-check.c`) for the
flags Python projects use: `python-format` and `python-brace-format`; an entry's other
format flags are not checked here. An English text that is not a valid format string of
its flag is not checked either (as msgfmt, which trusts the translation then).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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


class FormatError(ValueError):
    """A text that is not a valid format string of its kind."""


@dataclass
class Directives:
    """The arguments a format string takes: by position (with types) or by name."""

    unnamed: list[str] = field(default_factory=list)
    named: dict[str, str] = field(default_factory=dict)


def entry_problem(
    msgid: str, msgid_plural: str | None, msgstrs: Sequence[str], flags: Sequence[str]
) -> str | None:
    """Why msgfmt --check would reject this translated entry, or None if it would not."""
    english = [msgid] if msgid_plural is None else [msgid, msgid_plural]
    checked = [flag for flag in CHECKED_FLAGS if flag in flags] if flags else []
    for index, msgstr in enumerate(msgstrs):
        if not msgstr:
            continue
        source = english[min(index, len(english) - 1)]
        where = "msgstr" if msgid_plural is None else f"msgstr[{index}]"
        problem = _newline_problem(source, msgstr, where)
        if problem is None and checked:  # most entries have no flag that msgfmt checks
            problem = _format_problem(english, msgstr, checked, msgid_plural is None, where)
        if problem is not None:
            return problem
    return None


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


def entry_rejection(entry: polib.POEntry) -> str | None:
    """Why msgfmt --check would reject this entry if it were compiled (None: it would not)."""
    return entry_problem(entry.msgid, entry.msgid_plural or None, entry_texts(entry), entry.flags)
