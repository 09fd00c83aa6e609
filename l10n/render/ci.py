"""The gate's result for CI systems: GitHub annotations and job summary, SARIF, Markdown.

- `github`: GitHub shows at most 10 error and 10 warning annotations of a step and drops the
  rest without a word, so only the 10 most important of each are annotations (errors first;
  missing before stale, before the other findings), then one notice with the totals; the
  whole list goes to the job summary (`$GITHUB_STEP_SUMMARY`) as a Markdown table.
- `sarif`: SARIF 2.1.0 for code scanning (`github/codeql-action/upload-sarif`): one rule per
  finding kind and check, results with a level, a message, the file and line, and partial
  fingerprints that stay the same from run to run while the finding does.
- `markdown`: a pull-request comment: per language, the state of the units the pull request
  adds or changes (`--changed-since`), or of all units, and the findings.

Text from catalogs is data: escaped for each format (workflow-command escapes, Markdown
and HTML in tables, JSON in SARIF), and control characters never reach the output raw.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import re
from collections.abc import Iterable, Iterator, Sequence

from l10n.checks.registry import CHECKS
from l10n.coverage.stats import Counts
from l10n.gate.policy import ERROR, FINDING_DESCRIPTIONS, WARNING
from l10n.gate.run import GateFinding, GateResult
from l10n.render.controls import escape_controls
from l10n.render.jsonshape import Shape
from l10n.version import tool_version

ANNOTATIONS_PER_LEVEL = 10  # what GitHub shows of a step, per level
SUMMARY_ROWS = 1000  # GitHub takes at most 1 MiB of summary per step
_RANK = {"conflict": 0, "missing": 1, "stale": 2, "out-of-date": 3, "coverage": 4,
         "needs-review": 5, "copy": 6}  # fmt: skip
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def importance(finding: GateFinding) -> tuple[int, int, str, int, str]:
    """Sort key: errors first, then missing, stale, … and quality checks last."""
    return (
        0 if finding.severity == ERROR else 1,
        _RANK.get(finding.finding, len(_RANK)),
        finding.path,
        finding.line,
        finding.identity,
    )


# -- GitHub -------------------------------------------------------------------------------


def render_check_github(result: GateResult) -> str:
    """The 10 most important errors and warnings as annotations, then a notice of totals."""
    errors = _most_important(result, ANNOTATIONS_PER_LEVEL, ERROR)
    warnings = _most_important(result, ANNOTATIONS_PER_LEVEL, WARNING)
    lines = [_annotation(finding) for finding in (*errors, *warnings)]
    shown = len(errors) + len(warnings)
    verdict = "passed" if result.passed else "failed"
    totals = f"{_plural(result.error_count, 'error')}, {_plural(result.warning_count, 'warning')}"
    rest = len(result.findings) - shown
    more = (
        f"; the {_plural(rest, 'other finding')} are in the job summary and in "
        "`l10n check` run locally"
        if rest
        else ""
    )
    lines.append(f"::notice title={_escape_property(f'l10n check {verdict}')}::"
                 f"{_escape_data(totals + more)}")  # fmt: skip
    return "\n".join(lines) + "\n"


def _annotation(finding: GateFinding) -> str:
    command = "error" if finding.severity == ERROR else "warning"
    on_file = finding.path.endswith((".po", ".pot"))
    properties = {
        "file": finding.path if on_file else "",
        "line": str(finding.line) if finding.line else "",
        "title": f"l10n {finding.finding}" + (f" ({finding.language})" if finding.language else ""),
    }
    rendered = ",".join(
        f"{name}={_escape_property(value)}" for name, value in properties.items() if value
    )
    return f"::{command} {rendered}::{_escape_data(finding.message)}"


def _escape_data(text: str) -> str:
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return escape_controls(escaped)


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_step_summary(result: GateResult) -> str:
    """The job summary: totals, then every finding (up to SUMMARY_ROWS) as a table."""
    verdict = "passed" if result.passed else "failed"
    lines = [
        f"### l10n check {verdict}: {_plural(result.error_count, 'error')}, "
        f"{_plural(result.warning_count, 'warning')}",
        "",
    ]
    if result.findings:
        lines += _findings_table(_most_important(result, SUMMARY_ROWS))
    if len(result.findings) > SUMMARY_ROWS:
        more = len(result.findings) - SUMMARY_ROWS
        lines += ["", f"… and {more} more: run `l10n check` locally."]
    return "\n".join(lines) + "\n"


def _most_important(result: GateResult, count: int, severity: str = "") -> list[GateFinding]:
    """The first `count` findings (errors, or warnings: all but errors) by importance, as
    sorting them all gives them; a large site's findings are read once, never held."""
    findings: Iterable[GateFinding] = result.findings
    if severity:
        errors = severity == ERROR
        findings = (finding for finding in findings if (finding.severity == ERROR) == errors)
    return heapq.nsmallest(count, findings, key=importance)


def _findings_table(findings: Sequence[GateFinding]) -> list[str]:
    rows = ["| | File | Finding | Language | Message |", "|---|---|---|---|---|"]
    for finding in findings:
        mark = "❌" if finding.severity == ERROR else "⚠️"
        cells = (finding.location, finding.finding, finding.language, finding.message)
        rows.append(f"| {mark} | " + " | ".join(markdown_cell(cell) for cell in cells) + " |")
    return rows


def markdown_cell(text: str) -> str:
    """A table cell that shows `text` literally: no markup, no HTML, one line."""
    text = escape_controls(text.replace("\r\n", "\n").replace("\n", " "))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


# -- SARIF --------------------------------------------------------------------------------


def sarif_rules() -> list[dict[str, object]]:
    """One rule per gate finding kind and per quality check, described from their homes."""
    rules: list[dict[str, object]] = []
    for finding, (name, description) in FINDING_DESCRIPTIONS.items():
        rules.append(_rule(finding, name, description))
    for check in CHECKS:
        silence = f"Silence it for one entry with the flag `ignore-{check.id}`."
        rules.append(_rule(check.id, check.name, check.description, silence))
    return rules


def _rule(rule_id: str, name: str, description: str, extra: str = "") -> dict[str, object]:
    help_text = f"{description} {extra}".strip()
    return {
        "id": rule_id,
        "name": "".join(word.capitalize() for word in re.split(r"[^A-Za-z0-9]+", name) if word),
        "shortDescription": {"text": name},
        "fullDescription": {"text": description},
        "help": {"text": help_text, "markdown": help_text},
    }


def render_check_sarif(result: GateResult) -> str:
    """The findings as one SARIF 2.1.0 run."""
    return "".join(check_sarif_parts(result))


def check_sarif_parts(result: GateResult) -> Iterator[str]:
    """`render_check_sarif` piece by piece: the document as `json.dumps(indent=2)` writes
    it, each result dumped on its own and indented to its place (JSON strings hold no line
    breaks), so that the results are never one list (a large site's are gigabytes)."""
    rules = sarif_rules()
    index = {str(rule["id"]): position for position, rule in enumerate(rules)}
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "l10n",
                        "version": tool_version(),
                        "informationUri": "https://pypi.org/project/l10n-workflow/",
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "the site"}}},
                "results": [],
            }
        ],
    }
    # "results" is the run's last field: its empty list ends the document
    head, tail = json.dumps(document, indent=2, ensure_ascii=False).rsplit("[]", 1)
    yield head + "["
    shapes = _sarif_shapes()
    separator = "\n" + _RESULT_INDENT
    for finding in result.findings:
        yield separator + shapes[bool(finding.line)](_sarif_values(finding, index))
        separator = ",\n" + _RESULT_INDENT
    yield ("\n" + _RESULT_INDENT[:-2] + "]" if result.findings else "]") + tail + "\n"


_RESULT_INDENT = " " * 8  # a result's depth: document, runs, a run, its results
_SARIF_FIELDS = ("rule", "rule_index", "level", "text", "uri", "line", "fingerprint",
                 "language", "kind", "identity")  # fmt: skip


def _sarif_values(finding: GateFinding, index: dict[str, int]) -> tuple[object, ...]:
    """A finding's values in a SARIF result (`_SARIF_FIELDS`)."""
    rule = finding.finding if finding.finding in index else "checks"
    return (
        rule,
        index[rule],
        "error" if finding.severity == ERROR else "warning",
        escape_controls(finding.message),
        finding.path,
        finding.line,
        fingerprint(finding),
        finding.language,
        finding.kind,
        finding.identity,
    )


def _sarif_result(values: Sequence[object]) -> dict[str, object]:
    """A SARIF result of these values (`_SARIF_FIELDS`): the region only with a line."""
    rule, rule_index, level, text, uri, line, found, language, kind, identity = values
    location: dict[str, object] = {"artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"}}
    if line:
        location["region"] = {"startLine": line}
    return {
        "ruleId": rule,
        "ruleIndex": rule_index,
        "level": level,
        "message": {"text": text},
        "locations": [{"physicalLocation": location}],
        "partialFingerprints": {"l10nFinding/v1": found},
        "properties": {"language": language, "kind": kind, "identity": identity},
    }


def _sarif_shapes() -> dict[bool, Shape]:
    """A SARIF result with a line (True) and without, indented to its place."""
    line = _SARIF_FIELDS.index("line")

    def unlined(*values: object) -> dict[str, object]:
        return _sarif_result((*values[:line], 0, *values[line + 1 :]))

    fields = len(_SARIF_FIELDS)
    return {
        True: Shape(lambda *values: _sarif_result(values), fields, 2, _RESULT_INDENT),
        False: Shape(unlined, fields, 2, _RESULT_INDENT),
    }


def fingerprint(finding: GateFinding) -> str:
    """The same for the same finding in every run: what and where, never the line number."""
    parts = (finding.finding, finding.path, finding.language, finding.identity, finding.source)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


# -- Markdown for a pull request ----------------------------------------------------------

COMMENT_FINDINGS = 50


def render_check_markdown(result: GateResult) -> str:
    """A pull-request comment: per language the state of the changed units, then findings."""
    verdict = "✅ passed" if result.passed else "❌ failed"
    lines = [f"## Translations: l10n check {verdict}", ""]
    if result.changed_since is not None:
        changed = result.changed_counts
        total = max((counts.total for counts in changed.values()), default=0)
        lines.append(
            f"**{_plural(total, 'string')}** added or changed since "
            f"`{markdown_cell(result.changed_since)}`."
        )
        table: Iterable[tuple[str, Counts]] = ((code, changed.get(code, Counts()))
                                               for code in result.languages)  # fmt: skip
    else:
        lines.append("All strings of the site.")
        table = ((code, _language_counts(result, code)) for code in result.languages)
    lines += [
        "",
        "| Language | Translated | Needs review | Stale | Missing | Errors | Warnings |",
        "|---|---|---|---|---|---|---|",
    ]
    summary = result.summary()
    for code, counts in table:
        totals = summary.get(code, {"errors": 0, "warnings": 0})
        lines.append(
            f"| {markdown_cell(code)} | {counts.done} of {counts.total} | {counts.needs_review} "
            f"| {counts.stale} | {counts.missing} | {totals['errors']} | {totals['warnings']} |"
        )
    if result.findings:
        shown = _most_important(result, COMMENT_FINDINGS)
        lines += [
            "",
            f"<details><summary>{_plural(len(result.findings), 'finding')}"
            + (f" (the first {len(shown)})" if len(shown) < len(result.findings) else "")
            + "</summary>",
            "",
            *_findings_table(shown),
            "",
            "</details>",
        ]
    return "\n".join(lines) + "\n"


def _language_counts(result: GateResult, code: str) -> Counts:
    counts = Counts()
    stats = result.stats.languages.get(code)
    if stats is not None:
        for kind in result.kinds:
            counts.add(stats.kinds[kind])
    return counts


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
