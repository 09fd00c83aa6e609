"""Renderers of the gate's result: compiler-style text, JSON, JUnit XML (and, from
l10n.render.ci, GitHub annotations, SARIF and Markdown).

The JSON of `l10n check --format json` is a contract (version 1; fields are only added):

    {"version": 1, "passed": false, "changed_since": null | "REV",
     "languages": ["ro", ...], "kinds": ["menu", "ui", "article"],
     "summary": {"ro": {"errors": 37, "warnings": 8}, ...},
     "findings": [{"path": "catalogs/ro/LC_MESSAGES/menu.po", "line": 109 | null,
                   "severity": "error" | "warning",
                   "finding": "missing" | "stale" | "needs-review" | "copy" | "coverage"
                              | "out-of-date" | "conflict" | <check id>,
                   "language": "ro" | null, "kind": "menu" | null,
                   "domain": "menu" | null, "identity": "footer:/cookie-policy" | null,
                   "source": "Cookie Policy" | null, "message": "..."}, ...],
     "status": <exactly `l10n status --format json` for the same languages>}

Findings are sorted by path, line, finding and identity.

Bad input (exit status 2) is a document too, so a CI job that reads stdout sees it:

    {"version": 1, "passed": false, "error": {"path": "catalogs/ro/LC_MESSAGES/ui.po" | null,
     "line": 12 | null, "message": "unresolved merge conflict (...)"}, "findings": []}
"""

from __future__ import annotations

import itertools
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from l10n.errors import L10nError
from l10n.gate.policy import ERROR
from l10n.gate.run import OUT_OF_DATE, GateFinding, GateResult
from l10n.render.ci import (
    _escape_data,
    _escape_property,
    check_sarif_parts,
    render_check_github,
    render_check_markdown,
    render_check_sarif,
)
from l10n.render.jsonshape import Shape

JSON_VERSION = 1
LINES_PER_PART = 1024  # findings' lines given at once by check_text_parts


def render_check_text(result: GateResult) -> str:
    """One finding per line (`path:line: finding: identity "English"`), then a summary."""
    return "".join(check_text_parts(result))


def check_text_parts(result: GateResult) -> Iterator[str]:
    """`render_check_text` piece by piece (a large site's report is never one string), the
    findings some thousand lines a piece (a piece a line cost more than the lines)."""
    lines = _text_lines(result.findings)
    while block := list(itertools.islice(lines, LINES_PER_PART)):
        yield "\n".join(block) + "\n"
    if result.findings:
        yield "\n"
    stats = result.stats.languages
    for code, totals in result.summary().items():
        coverage = ", ".join(
            f"{kind} {stats[code].kinds[kind].coverage:.1%}"
            for kind in result.kinds
            if code in stats and stats[code].kinds[kind].total
        )
        name = code or "catalogs"
        yield (
            f"{name}: {_plural(totals['errors'], 'error')}, "
            f"{_plural(totals['warnings'], 'warning')}"
            + (f" (coverage: {coverage})" if coverage else "")
            + "\n"
        )
    if result.out_of_date:
        yield "catalogs are out of date with the content: run `l10n sync`\n"
    scope = f" (units changed since {result.changed_since})" if result.changed_since else ""
    verdict = "passed" if result.passed else "failed"
    yield (
        f"check {verdict}{scope}: {_plural(result.error_count, 'error')}, "
        f"{_plural(result.warning_count, 'warning')}\n"
    )


def _text_lines(findings: Iterable[GateFinding]) -> Iterator[str]:
    """Each finding's line (`path:line: [warning: ]finding: message`), made in one
    expression: a call or two in Python per line was a fifth of rendering a large report."""
    return (
        f"{path}:{line}: {'' if severity == ERROR else 'warning: '}{finding}: {message}"
        if line
        else f"{path}: {'' if severity == ERROR else 'warning: '}{finding}: {message}"
        for path, line, finding, _, _, _, severity, _, message, _ in findings
    )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def check_json(result: GateResult) -> dict[str, object]:
    """The documented JSON of `l10n check --format json` (see docs in the README)."""
    document = _head_json(result)
    document["findings"] = [_finding_json(finding) for finding in result.findings]
    document["status"] = result.stats.as_json()
    return document


def _head_json(result: GateResult) -> dict[str, object]:
    return {
        "version": JSON_VERSION,
        "passed": result.passed,
        "changed_since": result.changed_since,
        "languages": list(result.languages),
        "kinds": list(result.kinds),
        "summary": result.summary(),
    }


_FINDING_KEYS = ("path", "line", "severity", "finding", "language", "kind", "domain",
                 "identity", "source", "message")  # fmt: skip


def _finding_json(finding: GateFinding) -> dict[str, object]:
    return _finding_document(_finding_values(finding))


def _finding_document(values: Sequence[object]) -> dict[str, object]:
    return dict(zip(_FINDING_KEYS, values, strict=True))


def _finding_shape() -> Shape:
    """A finding's JSON as `json.dumps` writes it."""
    return Shape(lambda *values: _finding_document(values), len(_FINDING_KEYS))


def _finding_values(finding: GateFinding) -> tuple[object, ...]:
    """A finding's values in the JSON (`_FINDING_KEYS`); a field it may lack is null then."""
    return (
        finding.path,
        finding.line or None,
        finding.severity,
        finding.finding,
        finding.language or None,
        finding.kind or None,
        finding.domain or None,
        finding.identity or None,
        finding.source or None,
        finding.message,
    )


def render_check_json(result: GateResult) -> str:
    """`check_json`, indented, with one finding per line."""
    return "".join(check_json_parts(result))


def check_json_parts(result: GateResult) -> Iterator[str]:
    """`render_check_json` piece by piece.

    Python's JSON encoder is written in C only when it does not indent: the findings (by
    the hundred thousand on a large site) are each written on a line of their own, as it
    writes them (`Shape`).
    """
    head = json.dumps(_head_json(result), indent=2, ensure_ascii=False).removesuffix("\n}")
    yield head + ',\n  "findings": ['
    shape = _finding_shape()
    separator = "\n    "
    for finding in result.findings:
        yield separator + shape(_finding_values(finding))
        separator = ",\n    "
    yield "\n  ]" if result.findings else "]"
    # JSON strings hold no line breaks: indenting every line nests the status one level.
    status = json.dumps(result.stats.as_json(), indent=2, ensure_ascii=False)
    yield ',\n  "status": ' + status.replace("\n", "\n  ") + "\n}\n"


def render_check_junit(result: GateResult) -> str:
    """JUnit XML: a suite per language, a test case per kind; failures list the strings."""
    suites = ET.Element("testsuites", name="l10n check")
    for code in result.languages:
        suite = ET.SubElement(suites, "testsuite", name=code)
        own = [f for f in result.findings if f.language == code]
        for kind in result.kinds:
            _test_case(suite, code, kind, [f for f in own if f.kind == kind])
        _test_case(suite, code, "catalogs", [f for f in own if f.finding == OUT_OF_DATE])
        _count(suite)
    stray = [f for f in result.findings if not f.language]
    if stray:
        suite = ET.SubElement(suites, "testsuite", name="templates")
        _test_case(suite, "templates", "catalogs", stray)
        _count(suite)
    _count(suites)
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def _test_case(suite: ET.Element, code: str, name: str, findings: list[GateFinding]) -> None:
    case = ET.SubElement(suite, "testcase", classname=f"l10n.{code}", name=name)
    errors = [f for f in findings if f.severity == ERROR]
    if errors:
        kinds = sorted({f.finding for f in errors})
        failure = ET.SubElement(
            case,
            "failure",
            type=",".join(kinds),
            message=f"{_plural(len(errors), 'string')} "
            + ("fails" if len(errors) == 1 else "fail")
            + " the policy",
        )
        failure.text = "\n".join(_text_lines(errors))
    warnings = [f for f in findings if f.severity != ERROR]
    if warnings:
        ET.SubElement(case, "system-out").text = "\n".join(_text_lines(warnings))


def _count(element: ET.Element) -> None:
    cases = list(element.iter("testcase"))
    element.set("tests", str(len(cases)))
    element.set("failures", str(sum(1 for case in cases if case.find("failure") is not None)))
    element.set("errors", "0")


def render_check_error(format_name: str, error: L10nError) -> str:
    """What stdout says of bad input in each format (text: nothing, stderr says it)."""
    where = error.location(relative=True)
    path = where.rsplit(":", 1)[0] if error.line is not None else where
    if format_name == "json":
        document = {
            "version": JSON_VERSION,
            "passed": False,
            "error": {"path": path or None, "line": error.line, "message": error.message},
            "findings": [],
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if format_name == "github":
        properties = {"file": path, "line": str(error.line or ""), "title": "l10n error"}
        rendered = ",".join(
            f"{name}={_escape_property(value)}" for name, value in properties.items() if value
        )
        return f"::error {rendered}::{_escape_data(error.message)}\n"
    if format_name == "sarif":
        notification: dict[str, Any] = {"level": "error", "message": {"text": error.message}}
        if path:
            region = {"region": {"startLine": error.line}} if error.line is not None else {}
            physical = {"artifactLocation": {"uri": path}, **region}
            notification["locations"] = [{"physicalLocation": physical}]
        run = {
            "tool": {"driver": {"name": "l10n"}},
            "invocations": [
                {"executionSuccessful": False, "toolExecutionNotifications": [notification]}
            ],
            "results": [],
        }
        sarif = {"version": "2.1.0", "runs": [run]}
        return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"
    if format_name == "markdown":
        where = f"`{path}:{error.line}`" if error.line is not None else f"`{path}`"
        return f"**l10n check: bad input** {where if path else ''}: {error.message}\n"
    if format_name == "junit":
        suites = ET.Element("testsuites", name="l10n check", tests="1", failures="0", errors="1")
        suite = ET.SubElement(suites, "testsuite", name="l10n", tests="1", failures="0", errors="1")
        case = ET.SubElement(suite, "testcase", classname="l10n", name="input")
        failed = ET.SubElement(case, "error", type="bad-input", message=error.message)
        failed.text = error.describe()
        ET.indent(suites)
        return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
    return ""


RENDERERS: dict[str, Callable[[GateResult], str]] = {
    "text": render_check_text,
    "json": render_check_json,
    "github": render_check_github,
    "junit": render_check_junit,
    "sarif": render_check_sarif,
    "markdown": render_check_markdown,
}
# The same, piece by piece: what `l10n check` writes and keeps without joining it.
PARTS: dict[str, Callable[[GateResult], Iterable[str]]] = {
    "text": check_text_parts,
    "json": check_json_parts,
    "github": lambda result: [render_check_github(result)],
    "junit": lambda result: [render_check_junit(result)],
    "sarif": check_sarif_parts,
    "markdown": lambda result: [render_check_markdown(result)],
}
# The formats whose reports show a finding's English (`GateFinding.source`): JSON's
# "source", SARIF's fingerprints. The gate leaves it out for the others (`GateOptions`).
SOURCES_SHOWN = frozenset({"json", "sarif"})
