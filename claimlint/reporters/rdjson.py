"""Reviewdog Diagnostic Format (rdjson): `claimlint --format rdjson | reviewdog -f=rdjson`.

Reviewdog counts columns in UTF-8 bytes, so columns are converted through the source
line; the range end is exclusive, as ours is.
"""
from __future__ import annotations

import json
from typing import IO, Any

from claimlint.engine import Result
from claimlint.findings import Finding
from claimlint.fixes import edit_for
from claimlint.reporters import Context
from claimlint.reporters.common import TOOL_NAME, Lines, display_path, help_url, lines_for

SEVERITIES = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def position(lines: Lines | None, line: int, column: int) -> dict[str, int]:
    return {"line": line, "column": lines.utf8_column(line, column) if lines is not None else column}


def diagnostic(finding: Finding, ctx: Context, lines: Lines | None, cache: dict[str, Lines]) -> dict[str, Any]:
    code: dict[str, str] = {"value": finding.rule}
    url = help_url(ctx.rules.get(finding.rule))
    if url:
        code["url"] = url
    data: dict[str, Any] = {
        "message": finding.message,
        "location": {
            "path": display_path(finding.path),
            "range": {
                "start": position(lines, finding.line, finding.column),
                "end": position(lines, finding.end_line, finding.end_column),
            },
        },
        "severity": SEVERITIES[finding.severity],
        "code": code,
    }
    edit = edit_for(finding, lines.text) if lines is not None else None
    if edit is not None and lines is not None:
        start, end = lines.position(edit.start), lines.position(edit.end)
        data["suggestions"] = [
            {"range": {"start": position(lines, *start), "end": position(lines, *end)}, "text": edit.text}
        ]
    if finding.related:
        data["related_locations"] = [
            {
                "message": item.message,
                "location": {
                    "path": display_path(item.path),
                    "range": {"start": position(lines_for(ctx, item.path, cache), item.line, item.column)},
                },
            }
            for item in finding.related
        ]
    return data


def write(result: Result, out: IO[str], ctx: Context) -> None:
    cache: dict[str, Lines] = {}
    document = {
        "source": {"name": TOOL_NAME},
        "diagnostics": [diagnostic(f, ctx, lines_for(ctx, f.path, cache), cache) for f in result.findings],
    }
    out.write(json.dumps(document, indent=2, ensure_ascii=False))
    out.write("\n")
