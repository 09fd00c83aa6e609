"""Languages the tool knows: names and gettext plural rules (from GNU gettext's table)."""

from __future__ import annotations

from dataclasses import dataclass


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


_TWO = "nplurals=2; plural=(n != 1);"
_TWO_FR = "nplurals=2; plural=(n > 1);"
_ONE = "nplurals=1; plural=0;"
_SLAVIC = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);"
)

_TABLE: tuple[tuple[str, str, str], ...] = (
    ("bg", "Bulgarian", _TWO),
    ("ca", "Catalan", _TWO),
    ("cs", "Czech", "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;"),
    ("da", "Danish", _TWO),
    ("de", "German", _TWO),
    ("el", "Greek", _TWO),
    ("en", "English", _TWO),
    ("es", "Spanish", _TWO),
    ("et", "Estonian", _TWO),
    ("eu", "Basque", _TWO),
    ("fi", "Finnish", _TWO),
    ("fr", "French", _TWO_FR),
    ("ga", "Irish", "nplurals=5; plural=n==1 ? 0 : n==2 ? 1 : n<7 ? 2 : n<11 ? 3 : 4;"),
    ("gl", "Galician", _TWO),
    ("hr", "Croatian", _SLAVIC),
    ("hu", "Hungarian", _TWO),
    ("it", "Italian", _TWO),
    ("ja", "Japanese", _ONE),
    ("lt", "Lithuanian", _SLAVIC),
    ("lv", "Latvian", "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);"),
    (
        "mt",
        "Maltese",
        "nplurals=4; plural=(n==1 ? 0 : n==0 || ( n%100>1 && n%100<11) ? 1 : "
        "(n%100>10 && n%100<20 ) ? 2 : 3);",
    ),
    ("nb", "Norwegian Bokmål", _TWO),
    ("nl", "Dutch", _TWO),
    ("no", "Norwegian", _TWO),
    (
        "pl",
        "Polish",
        "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    ),
    ("pt", "Portuguese", _TWO_FR),
    (
        "ro",
        "Romanian",
        "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);",
    ),
    ("ru", "Russian", _SLAVIC),
    ("sk", "Slovak", "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;"),
    (
        "sl",
        "Slovenian",
        "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
    ),
    ("sv", "Swedish", _TWO),
    ("tr", "Turkish", _TWO),
    ("uk", "Ukrainian", _SLAVIC),
    ("zh", "Chinese", _ONE),
)

LANGUAGES: dict[str, Language] = {code: Language(code, name, rule) for code, name, rule in _TABLE}


def get_language(code: str) -> Language | None:
    """Return the language for a code such as `ro` or `pt_BR` (region falls back to base)."""
    if code in LANGUAGES:
        return LANGUAGES[code]
    base = code.replace("-", "_").split("_", 1)[0]
    known = LANGUAGES.get(base)
    return Language(code, known.name, known.plural_forms) if known else None
