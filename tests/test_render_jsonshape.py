"""Documents written through a Shape are what json.dumps writes for them, byte for byte."""

from __future__ import annotations

import json
import random

import pytest

from l10n.gate.findings import GateFinding
from l10n.render.check import _finding_json, _finding_shape, _finding_values
from l10n.render.ci import (
    _RESULT_INDENT,
    _sarif_result,
    _sarif_shapes,
    _sarif_values,
    sarif_rules,
)
from l10n.render.jsonshape import Shape

TEXTS = ["", "Apply", 'say "hi"', "back\\slash", "tab\there\nline", "\x1b[31mred\x7f",
         "ünïcödé ελληνικά", "\u2028\u202e", "100% %s %(name)s", "\ue000 0 \ue000",
         "é" * 300]  # fmt: skip


def _text(rng: random.Random) -> str:
    return "".join(rng.choice(TEXTS) for _ in range(rng.randrange(0, 4)))


def _findings(seed: int, count: int) -> list[GateFinding]:
    rng = random.Random(seed)
    findings = []
    for _ in range(count):
        source = _text(rng)
        for _ in range(rng.randrange(1, 4)):  # a unit's findings share its English
            findings.append(
                GateFinding(
                    rng.choice(["catalogs/ro/LC_MESSAGES/ui.po", "catalogs/ro", _text(rng)]),
                    rng.choice([0, 1, 12, 100_000]),
                    rng.choice(["missing", "stale", "markdown", "out-of-date", "no-such-check"]),
                    _text(rng),
                    rng.choice(["ro", "", "sv"]),
                    rng.choice(["ui", ""]),
                    rng.choice(["error", "warning"]),
                    source,
                    _text(rng),
                    rng.choice(["", "ui", "articles/x"]),
                )
            )
    return findings


def test_json_findings_are_written_as_the_encoder_writes_them() -> None:
    encode = json.JSONEncoder(ensure_ascii=False).encode
    shape = _finding_shape()
    for seed in range(5):
        for finding in _findings(seed, 300):
            assert shape(_finding_values(finding)) == encode(_finding_json(finding))


def test_sarif_results_are_written_as_an_indented_dump() -> None:
    index = {str(rule["id"]): position for position, rule in enumerate(sarif_rules())}
    shapes = _sarif_shapes()
    for seed in range(5):
        for finding in _findings(seed, 300):
            values = _sarif_values(finding, index)
            dumped = json.dumps(_sarif_result(values), indent=2, ensure_ascii=False)
            expected = dumped.replace("\n", "\n" + _RESULT_INDENT)
            assert shapes[bool(finding.line)](values) == expected


def test_values_of_any_kind_at_any_indent() -> None:
    def build(*values: object) -> object:
        first, second, third = values
        return {"a": [first, {"b": second}], "%s": "%", "c": third}

    for indent in (None, 0, 2, 4):
        shape = Shape(build, 3, indent)
        for values in [(1, None, ""), ("x", True, "%"), (2.5, False, 0), (-7, 1e300, "é\x00")]:
            assert shape(values) == json.dumps(build(*values), indent=indent, ensure_ascii=False)
        with pytest.raises(TypeError):
            shape(([1], None, ""))


def test_a_field_the_document_leaves_out() -> None:
    def build(*values: object) -> object:
        first, second = values
        return {"a": first, **({"b": second} if second else {})}

    shape = Shape(lambda first, second: build(first, ""), 2, 2, "  ")
    assert shape(("x", "y")) == json.dumps({"a": "x"}, indent=2).replace("\n", "\n  ")
