"""`l10n.po.wrap` against the reference itself: GNU `msgcat --width=79` on the same entries.

The reference is the installed GNU gettext (0.21 here, with libunistring 1.0: Unicode 14 line
breaking). Each case is written unwrapped into one catalog, msgcat wraps it, and the tool's
writer (`l10n.po.gnu.render_entry`) must give the same lines, byte for byte: as msgid and
msgstr, as a previous `#| msgid`, as an obsolete `#~` entry. The hypothesis test draws
strings from the same tricky alphabets; `L10N_WRAP_EXAMPLES=2000` runs it longer (and
`L10N_WRAP_SEED` picks other draws).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from l10n.po.gnu import render_entry
from l10n.po.wrap import NO_WRAP, PAGE_WIDTH, string_lines

pytestmark = pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext missing")
EXAMPLES = int(os.environ.get("L10N_WRAP_EXAMPLES", "50"))
SEED = int(os.environ.get("L10N_WRAP_SEED", "20261203"))
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


@dataclass(frozen=True)
class Case:
    text: str
    flags: tuple[str, ...] = ()
    previous: bool = False  # also as the `#| msgid` of a fuzzy entry
    obsolete: bool = False


def quoted(text: str) -> str:
    return '"' + "".join(_ESCAPES.get(character, character) for character in text) + '"'


def entry_of(number: int, case: Case) -> polib.POEntry:
    entry = polib.POEntry(msgctxt=f"case {number}", msgid=case.text, msgstr=case.text)
    entry.flags = [*(["fuzzy"] if case.previous else []), *case.flags]
    entry.previous_msgid = case.text if case.previous else None
    entry.obsolete = case.obsolete
    return entry


def unwrapped(number: int, case: Case) -> str:
    """The entry on one line per keyword: msgcat's input."""
    mark = "#~ " if case.obsolete else ""
    flags = [*(["fuzzy"] if case.previous else []), *case.flags]
    lines = [f"#, {', '.join(flags)}"] if flags else []
    if case.previous:
        lines.append(f"#| msgid {quoted(case.text)}")
    lines.append(f'{mark}msgctxt "case {number}"')
    lines.append(f"{mark}msgid {quoted(case.text)}")
    lines.append(f"{mark}msgstr {quoted(case.text)}")
    return "\n".join(lines) + "\n"


def msgcat_blocks(cases: list[Case], folder: Path) -> dict[str, str]:
    """msgcat's text of each entry, by its msgctxt line."""
    source, target = folder / "in.po", folder / "out.po"
    entries = [unwrapped(number, case) for number, case in enumerate(cases)]
    source.write_text("\n".join([HEADER, *entries]), encoding="utf-8")
    command = ["msgcat", "--width=79", "-o", str(target), str(source)]
    subprocess.run(command, check=True, capture_output=True)
    blocks = target.read_text(encoding="utf-8").split("\n\n")[1:]
    return {_context(block): block.rstrip("\n") + "\n" for block in blocks}


def _context(block: str) -> str:
    return next(line for line in block.splitlines() if 'msgctxt "case ' in line)


def assert_wrapped_as_gnu(cases: list[Case], folder: Path) -> None:
    expected = msgcat_blocks(cases, folder)
    for number, case in enumerate(cases):
        ours = render_entry(entry_of(number, case), PAGE_WIDTH)
        assert ours == expected[_context(ours)], case


LONG = "This sentence is long enough that GNU gettext has to wrap it somewhere, twice."
CASES = {
    "Django's date format: before '[TZ]', not after '[.'": (
        "“%(value)s” value has the correct format (YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) "
        "but it is an invalid date/time."
    ),
    "a URL: after '/' and before an escaped quote": (
        'Δείτε τις <a href="https://docs.djangoproject.com/en/%(version)s/releases/" '
        'target="_blank" rel="noopener">σημειώσεις κυκλοφορίας</a> για το Django %(version)s'
    ),
    "Hangul before an escaped quote": (
        '선택된 %s 리스트 입니다.  아래의 상자에서 선택하고 두 상자 사이의 "제거" 화살표를 '
        "클릭하여 일부를 제거 할 수 있습니다."
    ),
    "a path of slashes": "/usr/local/share/locale/ro/LC_MESSAGES/django.mo " * 3,
    "dots between letters (no LB29)": "sys.exit(os.path.join(" + ".".join("abcdefghijk") * 4,
    "one very long word": "x" * 150,
    "a long word after a short one": "short " + "y" * 100 + " end",
    "Japanese with its punctuation": "これは日本語の文章です。「括弧」や、読点もあります。" * 3,
    "fullwidth brackets and wide digits": "（全角括弧）と１２３４５６７８９０【隅付き括弧】" * 3,
    "Hangul sentences": "한국어 문장은 띄어쓰기로 나뉩니다. 그리고 아주 길게 이어집니다. " * 3,
    "combining marks take no column": "e\u0301te\u0301 cafe\u0301 " * 12,
    "Vietnamese": "Tiếng Việt có dấu thanh điệu và nhiều ký tự kết hợp đặc biệt. " * 2,
    "quotes of every kind": "\"quoted\" «guillemets» „Deutsch“ ‘single’ 'apostrophe' " * 2,
    "brackets next to words": "foo(bar)baz [one][two] {three}{four} <five> (x)(y) " * 2,
    "tabs": "tab\there\tand\tthere\t" * 6,
    "backslashes": "C:\\Program Files\\Tool\\bin\\tool.exe \\\\server\\share " * 3,
    "newlines inside and at the end": f"{LONG}\nSecond line.\n\n{LONG}\n",
    "only a newline": "\n",
    "numbers, currencies, percent": "100% of 1,234.56 € ($99.99) 50%-off 3/4 at 5:30 p.m. " * 2,
    "hyphens and dashes": "well-known state-of-the-art re-use—em dash – en dash -- minus " * 2,
    "no-break spaces": "10\u00a0km « bonjour » 5\u202f%\u00a0: fin " * 5,
    "emoji, modifiers, joiners, flags": "👍🏽 👨\u200d👩\u200d👧 🇷🇴🇩🇪🇫🇷 ok " * 5,
    "Hebrew letter and hyphen": "שלום-עולם ספר-תורה " * 6,
    "exclamations": "Wow!!! Really?! ¿Qué? ¡Hola! Yes… no‥ " * 3,
    "soft hyphen and zero-width space": "hyphen\u00adation zero\u200bwidth " * 6,
    "runs of spaces": "   lots    of     spaces      between  words   " * 2,
    "a line separator inside": LONG + "\u2028" + LONG,
    "Arabic and Thai": "مرحبا بالعالم هذا نص طويل " * 3 + "ภาษาไทยไม่มีการเว้นวรรค" * 2,
}
# Strings of every length around the page width: the last column, the closing quote.
for length in range(64, 82):
    CASES[f"{length} columns"] = ("ab " * 40)[: length - 4] + "end."


@pytest.mark.parametrize("flags", [(), ("python-format",), ("python-brace-format",)])
def test_tricky_strings_are_wrapped_as_msgcat_wraps_them(
    tmp_path: Path, flags: tuple[str, ...]
) -> None:
    cases = [Case(text, flags) for text in CASES.values()]
    cases += [Case(text, flags, previous=True) for text in CASES.values()]
    cases += [Case(text, flags, obsolete=True) for text in CASES.values()]
    assert_wrapped_as_gnu(cases, tmp_path)


def test_format_directives_are_kept_whole_as_gnu_keeps_them(tmp_path: Path) -> None:
    """printf directives are never broken inside; python-brace ones as gettext 0.21 does it.

    gettext 0.21 marks a brace directive relative to its own `{`, so it keeps the string's
    first characters whole instead, and may break `{1.real}` after the `.` like any text.
    """
    brace = "{name.attribute}{0:>10}{1.real}{{literal}}{value!r}" * 4
    printf = "%(user.name)s %-10.3f %5d %% %(count)d %s%s%s " * 4
    cases = [Case(brace, ("python-brace-format",)), Case(printf, ("python-format",))]
    cases += [Case(printf, ("c-format",)), Case(brace), Case(printf)]
    cases += [Case("a.b" + "{x}" * 40, ("python-brace-format",)), Case("a.b" + "{x}" * 40)]
    tight = "%(user.name)s" * 10  # its only break opportunities are inside the directives
    cases += [Case(tight, ("python-format",)), Case(tight)]
    assert_wrapped_as_gnu(cases, tmp_path)
    assert len(string_lines("msgid", tight, flags=("python-format",))) == 1
    assert string_lines("msgid", tight)[1].endswith('%(user."')
    assert string_lines("msgid", brace, flags=("python-brace-format",))[1].endswith('{1."')


def test_without_wrapping_only_newlines_cut() -> None:
    assert string_lines("msgid", LONG * 3, width=NO_WRAP) == [f"msgid {quoted(LONG * 3)}"]
    assert string_lines("msgstr", "a\nb") == ['msgstr ""', '"a\\n"', '"b"']


# Tokens for random strings: letters and words, numbers, punctuation of every class that
# matters, escapes, CJK, Hangul, kana, fullwidth forms, marks, emoji, spaces of every kind.
TOKENS = [
    *"abcxyzAZ",
    "word",
    "Straße",
    "école",
    "το",
    "één",
    *"0123456789",
    *" ,.:;!?/-()[]{}<>'\"\\%$€+=*&#@|~^_`",
    "\t",
    "\n",
    "  ",
    "https://",
    "www.",
    ".html",
    *"—–…‥«»“”„‘’¡¿·•",
    *"日本語中文。、「」（）【】！？",
    *"アッーャ々",
    *"한국어를",
    *"１２ＡＢ",
    *"\u0301\u0308\u0327",
    *"\u00a0\u202f\u2007\u200b\u2060\u00ad\u3000",
    *"👍🏽🇷🇴\u200d",
    *"שלוםعربيก",
]
# Strings with a format flag hold only valid directives: GNU stops parsing at a broken one.
FORMAT_TOKENS = {
    "python-format": ["%s", "%d", "%(name)s", "%(count)d", "%%", "%5.2f"],
    "python-brace-format": ["{0}", "{name}", "{name.attr}", "{0:>10}", "{{", "}}"],
}
PLAIN = [token for token in TOKENS if not set(token) & set("%{}")]


@st.composite
def drawn_cases(draw: st.DrawFn) -> list[Case]:
    cases = []
    for _ in range(draw(st.integers(1, 6))):
        flag = draw(st.sampled_from([None, *FORMAT_TOKENS]))
        alphabet = TOKENS if flag is None else PLAIN + FORMAT_TOKENS[flag]
        tokens = draw(st.lists(st.sampled_from(alphabet), min_size=1, max_size=80))
        variant = draw(st.sampled_from(["plain", "previous", "obsolete"]))
        flags = () if flag is None else (flag,)
        cases.append(Case("".join(tokens), flags, variant == "previous", variant == "obsolete"))
    return cases


@seed(SEED)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(cases=drawn_cases())
def test_random_strings_are_wrapped_as_msgcat_wraps_them(tmp_path: Path, cases: list[Case]) -> None:
    assert_wrapped_as_gnu(cases, tmp_path)
