"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

The driver lists every active rule with its metadata; each result has its region,
related locations for findings that point at other articles, a partial fingerprint that
does not contain the line (so an alert survives text moving above it), and a fix when
the rule defines a safe replacement. Columns count Unicode code points, as declared in
run.columnKind.
"""
from __future__ import annotations

import json
from typing import IO, Any

from claimlint import __version__
from claimlint.baseline import match_key
from claimlint.engine import Result
from claimlint.findings import Finding
from claimlint.fixes import edit_for
from claimlint.reporters import Context
from claimlint.reporters.common import TOOL_NAME, Lines, display_path, help_url, lines_for, occurrence_keys, plain, uri
from claimlint.rules import Rule

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# Our own key: GitHub recomputes `primaryLocationLineHash` itself and warns when a tool's differs.
FINGERPRINT = "claimlintMatch/v1"


def rule_name(rule_id: str) -> str:
    return "".join(part.capitalize() for part in rule_id.split("-"))


def help_markdown(rule: Rule) -> str:
    parts = [f"**{rule.summary}**", "", "### Why", plain(rule.why), "", "### Use instead", plain(rule.instead)]
    if rule.bad:
        parts += ["", "### Example", *[f"- ✗ {example}" for example in rule.bad]]
    parts += ["", "### References", *[f"- [{ref.title}]({ref.url})" + (f", {ref.section}" if ref.section else "") for ref in rule.references]]
    return "\n".join(parts)


def descriptor(rule: Rule) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": rule.id,
        "name": rule_name(rule.id),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": plain(rule.why)},
        "help": {"text": f"{plain(rule.why)}\n\nInstead: {plain(rule.instead)}", "markdown": help_markdown(rule)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.category, rule.ruleset], "category": rule.category, "ruleset": rule.ruleset},
    }
    url = help_url(rule)
    if url:
        data["helpUri"] = url
    return data


def region(line: int, column: int, end_line: int, end_column: int) -> dict[str, int]:
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": max(end_column, 1)}


def physical(path: str, place: dict[str, int]) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": {"uri": uri(path)}, "region": place}}


def fix_of(finding: Finding, lines: Lines | None) -> dict[str, Any] | None:
    edit = edit_for(finding, lines.text) if lines is not None else None
    if edit is None or lines is None:
        return None
    (line, column), (end_line, end_column) = lines.position(edit.start), lines.position(edit.end)
    return {
        "description": {"text": f"Replace with '{edit.text}'"},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": uri(finding.path)},
                "replacements": [
                    {"deletedRegion": region(line, column, end_line, end_column), "insertedContent": {"text": edit.text}}
                ],
            }
        ],
    }


def result_of(finding: Finding, index: int | None, key: str, lines: Lines | None) -> dict[str, Any]:
    data: dict[str, Any] = {"ruleId": finding.rule}
    if index is not None:
        data["ruleIndex"] = index
    data.update(
        {
            "level": LEVELS[finding.severity],
            "message": {"text": finding.message},
            "locations": [physical(finding.path, region(finding.line, finding.column, finding.end_line, finding.end_column))],
            "partialFingerprints": {FINGERPRINT: key},
        }
    )
    if finding.related:
        data["relatedLocations"] = [
            {"id": n, **physical(item.path, {"startLine": item.line, "startColumn": item.column}), "message": {"text": item.message or finding.message}}
            for n, item in enumerate(finding.related, start=1)
        ]
    fix = fix_of(finding, lines)
    if fix is not None:
        data["fixes"] = [fix]
    data["properties"] = {"category": finding.category, "match": finding.match}
    return data


def document(result: Result, ctx: Context) -> dict[str, Any]:
    rules = sorted(ctx.rules.values(), key=lambda r: r.id)
    index = {rule.id: n for n, rule in enumerate(rules)}
    keys = occurrence_keys(result.findings, lambda f: match_key(f.rule, display_path(f.path), f.match))
    cache: dict[str, Lines] = {}
    notifications = [
        {"level": "error" if p.failed else "note", "message": {"text": p.message}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(p.path)}}}]}
        for p in result.problems
    ]
    run: dict[str, Any] = {
        "tool": {"driver": {"name": TOOL_NAME, "version": __version__, "semanticVersion": __version__, "rules": [descriptor(r) for r in rules]}},
        "invocations": [{"executionSuccessful": not any(p.failed for p in result.problems), "toolExecutionNotifications": notifications}],
        "columnKind": "unicodeCodePoints",
        "results": [
            result_of(f, index.get(f.rule), key, lines_for(ctx, f.path, cache)) for f, key in zip(result.findings, keys)
        ],
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def write(result: Result, out: IO[str], ctx: Context) -> None:
    out.write(json.dumps(document(result, ctx), indent=2, ensure_ascii=False))
    out.write("\n")

