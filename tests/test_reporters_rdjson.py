from __future__ import annotations

import io
import json
from typing import Any

from claimlint.engine import lint_text
from claimlint.reporters import Context
from claimlint.reporters.rdjson import write
from tests.goldens import integration_rules


def diagnostics(text: str) -> list[dict[str, Any]]:
    rules = integration_rules()
    result = lint_text(rules, text, "a.txt")
    out = io.StringIO()
    write(result, out, Context(rules={r.id: r for r in rules}, sources={"a.txt": text}))
    found: list[dict[str, Any]] = json.loads(out.getvalue())["diagnostics"]
    return found


def test_columns_count_utf8_bytes() -> None:
    # "Café — " is 7 code points but 10 bytes in UTF-8 (é: 2, the em dash: 3).
    [diag] = diagnostics("Café — clinically proven.\n")
    start, end = diag["location"]["range"]["start"], diag["location"]["range"]["end"]
    assert start == {"line": 1, "column": 11}
    assert end == {"line": 1, "column": 11 + len("clinically proven")}


def test_ascii_columns_are_unchanged_and_fix_is_a_suggestion() -> None:
    [diag] = diagnostics("It is clinically proven.\n")
    assert diag["location"]["range"]["start"] == {"line": 1, "column": 7}
    assert diag["severity"] == "WARNING"
    assert diag["code"]["value"] == "clinically-proven"
    assert diag["suggestions"] == [
        {"range": {"start": {"line": 1, "column": 7}, "end": {"line": 1, "column": 24}}, "text": "clinically studied"}
    ]


def test_no_suggestion_without_a_fix() -> None:
    [diag] = diagnostics("It cures insomnia.\n")
    assert "suggestions" not in diag
    assert diag["severity"] == "ERROR"
