"""Format safety as msgmerge has it, on Sphinx 7.4's catalogs under Sphinx 9.0's template.

Sphinx 9 added `python-brace-format` to a string whose Greek translation is broken
(`'{name]'`). msgmerge marks it fuzzy; so must `l10n sync`. `l10n export` never compiles an
entry that `msgfmt --check` rejects (it lists it), and the gate fails on one.
"""

from __future__ import annotations

import bisect
import gettext
import json
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from l10n.checks.copy import CopyRule
from l10n.cli.main import main
from l10n.coverage.stats import active_entries, catalog_records
from l10n.model import State
from l10n.po.catalog import read_catalog
from l10n.po.formats import entry_problem, entry_rejection
from tests.conftest import DATA

SPHINX = DATA / "adopt" / "sphinx" / "locale"
LANGUAGES = ("ro", "de", "fr", "el", "it", "es", "sv")
BROKEN = "The config value `{name}' has type `{current.__name__}'; expected {permitted}."
needs_gettext = pytest.mark.skipif(
    shutil.which("msgfmt") is None or shutil.which("msgmerge") is None,
    reason="GNU gettext missing",
)


def sphinx_site(root: Path) -> Path:
    """Sphinx 7.4's catalogs in `locale/`, Sphinx 9.0's template beside them; the config."""
    shutil.copytree(SPHINX, root / "locale", ignore=shutil.ignore_patterns("*.pot"))
    (root / "templates").mkdir()
    shutil.copy(SPHINX / "sphinx.pot", root / "templates" / "sphinx.pot")
    config = root / "config.yaml"
    config.write_text(
        'source: "en"\n'
        f"languages: [{', '.join(repr(code) for code in LANGUAGES)}]\n"
        "catalogs: locale\n"
        "content:\n"
        "  templates: [{path: templates/sphinx.pot, domain: sphinx}]\n",
        encoding="utf-8",
    )
    return config


def catalog(root: Path, language: str) -> Path:
    return root / "locale" / language / "LC_MESSAGES" / "sphinx.po"


def with_new_flags(path: Path) -> None:
    """The catalog as if its entries had taken the 9.0 template's format flags, unchecked."""
    flags = {
        (entry.msgctxt, entry.msgid): entry.flags
        for entry in polib.pofile(str(SPHINX / "sphinx.pot"))
    }
    po = polib.pofile(str(path))
    for entry in po:
        if (entry.msgctxt, entry.msgid) in flags:
            fuzzy = ["fuzzy"] if "fuzzy" in entry.flags else []
            entry.flags = fuzzy + list(flags[entry.msgctxt, entry.msgid])
    po.save(str(path))


def msgfmt_rejects(path: Path) -> set[int]:
    """The lines where the entries msgfmt --check-format rejects start."""
    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    starts = sorted(entry.linenum for entry in polib.pofile(str(path)))
    lines = {int(m) for m in re.findall(rf"^{re.escape(str(path))}:(\d+):", result.stderr, re.M)}
    return {starts[bisect.bisect_right(starts, line) - 1] for line in lines}


@needs_gettext
def test_rejections_are_those_of_msgfmt_on_every_sphinx_catalog(tmp_path: Path) -> None:
    rejected_somewhere = 0
    for language in LANGUAGES:
        path = tmp_path / f"{language}.po"
        shutil.copy(catalog(SPHINX.parent, language), path)
        with_new_flags(path)
        ours = {
            entry.linenum
            for entry in polib.pofile(str(path))
            if not entry.obsolete
            and entry.msgid
            and "fuzzy" not in entry.flags
            and entry_rejection(entry) is not None
        }
        assert ours == msgfmt_rejects(path), language
        rejected_somewhere += len(ours)
    assert rejected_somewhere >= 1  # the Greek '{name]'


@pytest.mark.parametrize(
    ("msgid", "msgstr", "flags", "rejected"),
    [
        ("Hello {name}", "Γεια {name}", ["python-brace-format"], False),
        ("Hello {name}", "Γεια {name]", ["python-brace-format"], True),
        ("Hello {name}", "Γεια {nume}", ["python-brace-format"], True),
        ("{0} of {1}", "{1} din {0}", ["python-brace-format"], False),
        ("{x:{width}}", "{x:{width}}", ["python-brace-format"], False),
        ("a } b {n}", "a } b {n}", ["python-brace-format"], False),  # msgfmt reads '}' as text
        ("%(count)s files", "%(count)s fișiere", ["python-format"], False),
        ("%(count)s files", "%(count) fișiere", ["python-format"], True),
        ("%(a)s and %(b)s", "%(b)s și %(a)s", ["python-format"], False),
        ("%(a)s and %(b)s", "%(a)s", ["python-format"], True),
        ("%s of %d", "%s din %s", ["python-format"], True),
        ("%(a)s", "%(a)s %s", ["python-format"], True),
        ("50% of {n}", "50% din {n}", ["python-brace-format"], False),
        ("Hello {name}", "Γεια {name]", [], False),  # no flag, no format
        ("Hello {name}", "Γεια {name]", ["no-python-brace-format"], False),
        ("line\n", "rând", [], True),
        ("\nline", "\nrând", [], False),
    ],
)
def test_entry_problem(msgid: str, msgstr: str, flags: list[str], rejected: bool) -> None:
    assert (entry_problem(msgid, None, [msgstr], flags) is not None) is rejected


@pytest.mark.parametrize(
    ("msgid", "msgstr", "rejected"),
    [
        ("line\n", "rând", True),
        ("line", "rând\n", True),
        ("\nline", "rând", True),
        ("line", "\nrând", True),
        ("\nline\n", "\nrând\n", False),
        ("line\n", "", False),  # no translation: nothing to reject
    ],
)
def test_an_entry_without_flags_is_judged_as_one_with_flags_msgfmt_does_not_check(
    msgid: str, msgstr: str, rejected: bool
) -> None:
    """The short way for an entry without flags gives the reason the general one does."""
    reason = entry_problem(msgid, None, [msgstr], [])
    assert (reason is not None) is rejected
    assert reason == entry_problem(msgid, None, [msgstr], ["c-format"])


def test_a_plural_form_may_leave_out_an_argument_but_not_add_one() -> None:
    flags = ["python-format"]
    one = ["un fișier", "%(n)s fișiere", "%(n)s de fișiere"]
    assert entry_problem("%(n)s file", "%(n)s files", one, flags) is None
    extra = ["%(n)s fișier %(x)s", "%(n)s fișiere", "%(n)s de fișiere"]
    assert entry_problem("%(n)s file", "%(n)s files", extra, flags) is not None


SERBIAN = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);"
)
ROMANIAN = "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);"
HOUR = ("an hour ago", "%(count)s hours ago")


@pytest.mark.parametrize(
    ("plural_forms", "forms", "flags", "rejected"),
    [
        # Serbian's form 0 is for 1, 21, 31 …: "pre sat" would say "an hour ago" for 21
        (SERBIAN, ["pre sat", "pre %(count)s sata", "pre %(count)s sati"], [], True),
        (SERBIAN, ["pre %(count)s sat", "pre %(count)s sata", "pre %(count)s sati"], [], False),
        # ... unless the entry's range lets only 1 reach it
        (SERBIAN, ["pre sat", "pre %(count)s sata", "pre %(count)s sati"], ["range: 0..10"], False),
        (SERBIAN, ["pre sat", "pre %(count)s sata", "pre %(count)s sati"], ["range: 0..30"], True),
        # Romanian's form 0 is for 1 alone
        (ROMANIAN, ["acum o oră", "acum %(count)s ore", "acum %(count)s de ore"], [], False),
        (ROMANIAN, ["acum o oră", "acum ore", "acum %(count)s de ore"], [], True),
        ("nplurals=1; plural=0;", ["한 시간 전"], [], True),  # one form, for every number
        (None, ["pre sat", "pre %(count)s sata", "pre %(count)s sati"], [], False),  # no rule
    ],
)
def test_a_plural_form_used_for_many_numbers_keeps_every_argument(
    plural_forms: str | None, forms: list[str], flags: list[str], rejected: bool
) -> None:
    """As msgfmt --check (msgl-check.c): a form the catalog's rule gives 5 or more of the
    numbers 0 to 1000 (within the entry's `range:`, more than one) is checked strictly."""
    problem = entry_problem(*HOUR, forms, ["python-format", *flags], plural_forms)
    assert (problem is not None) is rejected, problem


def serbian_site(root: Path) -> Path:
    """An adopted project whose sr@latin catalog holds Django 5.2's humanize entry as its
    Serbian (Latin) catalog has it: form 0 without the number."""
    locale = root / "locale"
    (locale / "sr@latin" / "LC_MESSAGES").mkdir(parents=True)
    header = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: {forms}\\n"\n{language}\n'
    )
    entries = (
        "#, python-format\n"
        'msgid "an hour ago"\nmsgid_plural "%(count)s hours ago"\n'
        'msgstr[0] "{0}"\nmsgstr[1] "{1}"\n\n'
        "#, python-format\n"
        'msgid "a minute ago"\nmsgid_plural "%(count)s minutes ago"\n'
        'msgstr[0] "pre %(count)s minut"\nmsgstr[1] "pre %(count)s minuta"\n'
        'msgstr[2] "pre %(count)s minuta"\n'
    )
    (locale / "django.pot").write_text(
        header.format(forms="nplurals=2; plural=(n != 1);", language="") + entries.format("", ""),
        encoding="utf-8",
    )
    (locale / "sr@latin" / "LC_MESSAGES" / "django.po").write_text(
        header.format(forms=SERBIAN, language='"Language: sr@latin\\n"\n')
        + entries.replace(
            'msgstr[1] "{1}"\n', 'msgstr[1] "{1}"\nmsgstr[2] "pre %(count)s sati"\n'
        ).format("pre sat", "pre %(count)s sata"),
        encoding="utf-8",
    )
    config = root / "config.yaml"
    config.write_text(
        'source: "en"\nlanguages: ["sr@latin"]\ncatalogs: locale\n'
        "content:\n  templates: [{path: locale/django.pot, domain: django}]\n",
        encoding="utf-8",
    )
    return config


def test_gate_and_export_refuse_a_plural_form_msgfmt_rejects(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = serbian_site(tmp_path / "site")
    path = config.parent / "locale" / "sr@latin" / "LC_MESSAGES" / "django.po"
    before = path.read_bytes()
    if shutil.which("msgfmt"):
        checked = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=False)
        assert checked.returncode == 1  # the reference rejects it too
    assert main(["-c", str(config), "check"]) == 1
    output = capsys.readouterr().out
    assert re.search(
        r"^locale/sr@latin/LC_MESSAGES/django\.po:\d+: format: \"an hour ago\": msgfmt --check "
        r"rejects it: a format specification for argument 'count' is missing in 'msgstr\[0\]'",
        output,
        re.M,
    ), output
    assert "a minute ago" not in output  # every form keeps the number
    out = tmp_path / "out"
    assert main(["-c", str(config), "export", "-o", str(out)]) == 1
    assert "format: left out, msgfmt --check rejects it" in capsys.readouterr().out
    mo = gettext.translation("django", str(out / "locale"), ["sr@latin"])
    assert mo.ngettext(*HOUR, 21) == "%(count)s hours ago"  # English, never "pre sat" for 21
    assert mo.ngettext("a minute ago", "%(count)s minutes ago", 21) == "pre %(count)s minut"
    assert path.read_bytes() == before


@needs_gettext
def test_sync_makes_the_broken_greek_entry_fuzzy_as_msgmerge_does(tmp_path: Path) -> None:
    config = sphinx_site(tmp_path / "site")
    root = config.parent
    expected = {}
    for language in LANGUAGES:
        merged = subprocess.run(
            [
                "msgmerge",
                "--quiet",
                "--previous",
                "-o",
                "-",
                str(catalog(root, language)),
                str(root / "templates" / "sphinx.pot"),
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        po = polib.pofile(merged)
        expected[language] = {e.msgid: "fuzzy" in e.flags for e in po if e.msgid and not e.obsolete}
    assert main(["-c", str(config), "sync"]) == 0
    for language in LANGUAGES:
        path = catalog(root, language)
        check = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=False)
        assert check.returncode == 0, language
        ours = {
            e.msgid: "fuzzy" in e.flags
            for e in polib.pofile(str(path))
            if e.msgid and not e.obsolete
        }
        old = {e.msgid for e in polib.pofile(str(catalog(SPHINX.parent, language))) if e.msgstr}
        # Where the English did not change, fuzzy exactly where msgmerge makes it fuzzy.
        same = [msgid for msgid in old if msgid in ours]
        assert {m: ours[m] for m in same} == {m: expected[language][m] for m in same}, language
    greek = {e.msgid: e for e in polib.pofile(str(catalog(root, "el")))}
    assert "fuzzy" in greek[BROKEN].flags and "{name]" in greek[BROKEN].msgstr


def test_export_leaves_out_and_lists_a_translation_msgfmt_rejects(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = sphinx_site(tmp_path / "site")
    root = config.parent
    with_new_flags(catalog(root, "el"))  # not synced: the broken text is still translated
    out = tmp_path / "out"
    code = main(["-c", str(config), "export", "--lang", "el", "-o", str(out), "--summary"])
    listing = capsys.readouterr().out
    assert code == 1
    path = catalog(root, "el")
    start = next(e.linenum for e in polib.pofile(str(path)) if e.msgid == BROKEN)
    lines = path.read_text(encoding="utf-8").splitlines()
    msgid_line = next(n for n in range(start, len(lines) + 1) if lines[n - 1].startswith("msgid"))
    assert (
        f"locale/el/LC_MESSAGES/sphinx.po:{msgid_line}: format: left out, msgfmt --check "
        "rejects it: 'msgstr' is not a valid python-brace format string" in listing
    ), listing
    mo = gettext.translation("sphinx", str(out / "locale"), ["el"])
    assert mo.gettext(BROKEN) == BROKEN  # falls back to English, never '{name]'
    assert (
        mo.gettext(
            "The config value `{name}` has to be a one of {candidates}, but `{current}` is given."
        )
        != ""
    )


def test_gate_fails_on_a_translation_msgfmt_rejects(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = sphinx_site(tmp_path / "site")
    root = config.parent
    assert main(["-c", str(config), "sync"]) == 0
    with_new_flags(catalog(root, "el"))
    po = polib.pofile(str(catalog(root, "el")))
    entry = next(entry for entry in po if entry.msgid == BROKEN)
    entry.flags.remove("fuzzy")  # a translator accepts it as it is
    entry.previous_msgid = None
    po.save()
    code = main(["-c", str(config), "check", "--lang", "el"])
    output = capsys.readouterr().out
    assert code == 1
    assert re.search(r"^locale/el/LC_MESSAGES/sphinx\.po:\d+: format: .*not a valid", output, re.M)


def test_no_check_runs_on_a_stale_entry_which_is_reported_as_stale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sphinx 7.4's texts answer the English they were written for: after sync to 9.0's
    template they are stale, and only that is said of them (no check against new English)."""
    config = sphinx_site(tmp_path / "site")
    assert main(["-c", str(config), "sync"]) == 0
    capsys.readouterr()
    main(["-c", str(config), "check", "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    stale = {(f["path"], f["line"]) for f in findings if f["finding"] == "stale"}
    assert len(stale) >= 5
    others = [f for f in findings if (f["path"], f["line"]) in stale and f["finding"] != "stale"]
    assert others == []


def test_a_records_rejection_is_its_entrys(tmp_path: Path) -> None:
    """`entry_record` takes why msgfmt rejects a translation from the texts and flags its
    verdict read, not from the entry again: the same reason, entry for entry, on every
    Sphinx catalog (with the 9.0 template's format flags: the Greek one has a rejection)."""
    rejected = 0
    for language in LANGUAGES:
        path = tmp_path / f"{language}.po"
        shutil.copy(catalog(SPHINX.parent, language), path)
        with_new_flags(path)
        read = read_catalog(path, to_write=False)
        entries = active_entries(read)
        records = catalog_records(read, path, "sphinx", "ui", CopyRule())
        for entry, record in zip(entries, records, strict=True):
            forms = read.metadata.get("Plural-Forms")
            expected = entry_rejection(entry, forms) if record.state is State.TRANSLATED else None
            assert record.rejected == expected, (language, entry.linenum)
            rejected += record.rejected is not None
    assert rejected >= 1
