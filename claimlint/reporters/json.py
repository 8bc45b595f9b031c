"""The stable JSON document (schema documented in the README, version 1)."""
from __future__ import annotations

import json
from typing import IO

from claimlint import __version__
from claimlint.engine import Result
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
_BATCH = 2000  # findings encoded per json.dumps call (one call each was 5x slower)


def write(result: Result, out: IO[str], ctx: Context) -> None:
    """The document as json.dumps(indent=2) would write it, but with the findings encoded
    in batches: a large run's report is never held in memory whole."""
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
        # A batch as a list indented like the document's own: "[\n  {...},\n  {...}\n]"
        # becomes the list's items, each line two spaces deeper.
        batch = json.dumps([f.to_dict() for f in findings[start : start + _BATCH]], indent=2, ensure_ascii=False)
        if start:
            out.write(",\n    ")
        out.write(batch[4:-2].replace("\n", "\n  "))
    out.write(tail)
    out.write("\n")
