"""The gate's findings kept as sorted runs on disk: read back in the order of sorting them all."""

from __future__ import annotations

import random

from l10n.coverage.stats import SiteStats
from l10n.gate import findings as findings_module
from l10n.gate.findings import Findings, GateFinding
from l10n.gate.run import GateResult


def _finding(rng: random.Random, path: str) -> GateFinding:
    return GateFinding(
        path,
        rng.choice([0, 1, 7, 12, 300, 100_000]),
        rng.choice(["missing", "stale", "copy", "markdown", "out-of-date"]),
        rng.choice(["", "menu:/a", "ui:b", "é \\n x"]),
        rng.choice(["ro", "de", "", "sv"]),
        rng.choice(["menu", "ui", ""]),
        rng.choice(["error", "warning"]),
        rng.choice(["", "Apply", "Apply for music", "A\x1b[31m"]),
        rng.choice(["m", "m2", '"Apply": placeholder {n} is missing']),
        rng.choice(["", "menu", "articles/x"]),
    )


def _runs(seed: int) -> list[list[GateFinding]]:
    """Runs as the gate adds them: mostly one catalog each, some across catalogs, in no
    order, with findings equal on every field and on every field but the last ones."""
    rng = random.Random(seed)
    paths = [f"catalogs/{code}/LC_MESSAGES/{name}.po" for code in "abc" for name in "xyz"]
    runs = [[_finding(rng, path) for _ in range(rng.randrange(0, 60))] for path in paths]
    runs += [[_finding(rng, rng.choice(paths)) for _ in range(40)] for _ in range(3)]
    runs.append([runs[0][0], runs[0][0]] if runs[0] else [])
    rng.shuffle(runs)
    return runs


def test_runs_added_in_any_order_read_back_as_if_sorted_at_once() -> None:
    for seed in range(20):
        runs = _runs(seed)
        kept = Findings()
        for run in runs:
            kept.add(random.Random(seed).sample(run, len(run)))
        everything = sorted(finding for run in runs for finding in run)
        assert list(kept) == everything
        assert list(kept) == everything  # read as often as asked
        assert len(kept) == len(everything)
        assert bool(kept) == bool(everything)
        assert all(type(finding) is GateFinding for finding in kept)


def test_a_run_spilled_in_many_chunks_is_read_back_equal(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(findings_module, "CHUNK", 7)
    rng = random.Random(5)
    path = "catalogs/ro/LC_MESSAGES/messages.po"
    big = [_finding(rng, path) for _ in range(1000)]
    other = [_finding(rng, path) for _ in range(333)]
    kept = Findings.of(big)
    kept.add(other)
    assert list(kept) == sorted(big + other)
    assert len(kept._runs[path]) == 2
    assert [len(run) for run in kept._runs[path]] == [-(-1000 // 7), -(-333 // 7)]


def test_summary_counts_each_language_in_the_order_of_its_first_finding() -> None:
    for seed in range(10):
        runs = _runs(seed)
        everything = sorted(finding for run in runs for finding in run)
        result = GateResult(Findings(), SiteStats("en", {}), ("sv", "ro"), ("ui",))
        for run in runs:
            result.findings.add(run)
        expected = {code: {"errors": 0, "warnings": 0} for code in ("sv", "ro")}
        for finding in everything:  # what the summary was: a pass over the sorted findings
            row = expected.setdefault(finding.language, {"errors": 0, "warnings": 0})
            row["errors" if finding.severity == "error" else "warnings"] += 1
        assert result.summary() == expected
        assert list(result.summary()) == list(expected)
        severities = [finding.severity for finding in result.findings]  # as read back
        assert (
            result.error_count
            == severities.count("error")
            == sum(1 for finding in everything if finding.severity == "error")
        )
        assert result.warning_count == len(severities) - severities.count("error")
        assert result.passed == (result.error_count == 0)


def test_a_list_of_findings_is_taken_in_as_findings() -> None:
    one = GateFinding("b.po", 3, "missing", "x", "ro", "ui", "error", "X", "m")
    two = GateFinding("a.po", 9, "stale", "y", "ro", "ui", "warning", "Y", "m")
    result = GateResult([one, two], SiteStats("en", {}), ("ro",), ("ui",))  # type: ignore[arg-type]
    assert list(result.findings) == [two, one]
    assert result.summary() == {"ro": {"errors": 1, "warnings": 1}}
    empty = GateResult([], SiteStats("en", {}), ("ro",), ("ui",))  # type: ignore[arg-type]
    assert not empty.findings and list(empty.findings) == [] and empty.passed


def test_runs_of_plain_field_tuples_read_back_as_findings() -> None:
    """The gate adds its findings as plain tuples of their fields: the same as GateFindings."""
    for seed in range(5):
        runs = _runs(seed)
        named, plain = Findings(), Findings()
        for run in runs:
            named.add(run)
            plain.add([tuple(finding) for finding in run])  # type: ignore[misc]
        assert list(plain) == list(named)
        assert all(type(finding) is GateFinding for finding in plain)
        assert plain.totals() == named.totals() and len(plain) == len(named)


def test_a_findings_english_is_described_as_shown_whole_then_cut() -> None:
    """`_describe` looks at the English's first 81 characters only: what it says equals the
    whole English with its line breaks shown as \\n, cut to 77 characters and "..." when
    longer than 80 (line breaks near the cut, texts of 79 to 83 characters, an identity
    that is the English)."""
    from l10n.gate.run import _describe

    rng = random.Random(15)
    for _ in range(3000):
        source = "".join(rng.choice("ab \n") for _ in range(rng.randrange(0, 90)))
        context = rng.choice([None, "ui:x", source])
        shown = source.replace("\n", "\\n")
        shown = shown if len(shown) <= 80 else shown[:77] + "..."
        expected = f'"{shown}"' if context in (None, source) else f'{context} "{shown}"'
        assert _describe(context, source) == expected, (context, source)
