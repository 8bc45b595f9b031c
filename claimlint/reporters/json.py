"""The stable JSON document (schema documented in the README, version 1)."""
from __future__ import annotations

import json
from typing import IO

from claimlint import __version__
from claimlint.engine import Result
from claimlint.reporters import Context

SCHEMA_VERSION = 1


def document(result: Result) -> dict[str, object]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in result.findings:
        counts[finding.severity] += 1
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "claimlint", "version": __version__},
        "findings": [f.to_dict() for f in result.findings],
        "problems": [{"path": p.path, "message": p.message, "failed": p.failed} for p in result.problems],
        "summary": {"files": result.files, "findings": len(result.findings), **counts},
    }


def write(result: Result, out: IO[str], ctx: Context) -> None:
    # One write: json.dump would make millions of small writes on a large report (10x slower).
    out.write(json.dumps(document(result), indent=2, ensure_ascii=False))
    out.write("\n")
