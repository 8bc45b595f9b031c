"""The stable JSON document (schema documented in the README, version 1)."""
from __future__ import annotations

import json
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import IO, Callable

from claimlint import __version__
from claimlint.engine import Result
from claimlint.findings import Finding
from claimlint.reporters import Context

SCHEMA_VERSION = 1


def document(result: Result) -> dict[str, object]:
    return {**document_without_findings(result), "findings": [f.to_dict() for f in result.findings]}


def document_without_findings(result: Result) -> dict[str, object]:
    """The document, its keys in order, with an empty findings list."""
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in result.findings:
        counts[finding.severity] += 1
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "claimlint", "version": __version__},
        "findings": [],
        "problems": [{"path": p.path, "message": p.message, "failed": p.failed} for p in result.problems],
        "summary": {"files": result.files, "findings": len(result.findings), **counts},
    }


_SLOT = "\u0000findings\u0000"
_BATCH = 2000  # findings written per write call


def _finding(f: Finding, e: Callable[[str], str] = encode_basestring) -> str:
    """One finding exactly as json.dumps(f.to_dict(), indent=2) writes it inside the
    document's findings list, written directly: the json module's indenting encoder is
    pure Python, and was two-fifths of a warm run reporting 79,000 findings."""
    text = (
        f'{{\n      "path": {e(f.path)},\n      "line": {f.line:d},\n      "column": {f.column:d},\n'
        f'      "end_line": {f.end_line:d},\n      "end_column": {f.end_column:d},\n      "rule": {e(f.rule)},\n'
        f'      "category": {e(f.category)},\n      "severity": {e(f.severity)},\n      "message": {e(f.message)},\n'
        f'      "match": {e(f.match)}'
    )
    if f.suggestion is not None:
        text += f',\n      "suggestion": {e(f.suggestion)}'
    if f.related:
        items = [
            f'        {{\n          "path": {e(r.path)},\n          "line": {r.line:d},\n          "column": {r.column:d},\n'
            f'          "message": {e(r.message)}\n        }}'
            for r in f.related
        ]
        text += ',\n      "related": [\n' + ",\n".join(items) + "\n      ]"
    if f.fix is not None:
        text += f',\n      "fix": {{\n        "replacement": {e(f.fix.replacement)}\n      }}'
    return text + "\n    }"


def write(result: Result, out: IO[str], ctx: Context) -> None:
    """The document exactly as json.dumps(document(result), indent=2) would write it, with
    the findings written in batches: a large run's report is never held in memory whole."""
    data = document_without_findings(result)
    if not result.findings:
        out.write(json.dumps(data, indent=2, ensure_ascii=False))
        out.write("\n")
        return
    data["findings"] = [_SLOT]
    head, tail = json.dumps(data, indent=2, ensure_ascii=False).split(json.dumps(_SLOT), 1)
    out.write(head)
    findings = result.findings
    for start in range(0, len(findings), _BATCH):
        if start:
            out.write(",\n    ")
        out.write(",\n    ".join([_finding(f) for f in findings[start : start + _BATCH]]))
    out.write(tail)
    out.write("\n")
