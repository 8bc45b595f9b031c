"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

`::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=T::message`. GitHub decodes
%25, %0D and %0A in the message, and additionally %3A and %2C in property values, where
a bare ':' or ',' would end the value.
"""
from __future__ import annotations

from typing import IO

from claimlint.engine import Result
from claimlint.findings import Finding
from claimlint.reporters import Context
from claimlint.reporters.common import TOOL_NAME, display_path, plain

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{level} {props}::{escape_data(message)}" if props else f"::{level}::{escape_data(message)}"


def annotation(finding: Finding, ctx: Context) -> str:
    message = finding.message
    rule = ctx.rules.get(finding.rule)
    if rule is not None and rule.instead:
        message += "\n\nInstead: " + plain(rule.instead)
    for item in finding.related:
        message += f"\nSee {display_path(item.path)}:{item.line}:{item.column}" + (f": {item.message}" if item.message else "")
    properties: dict[str, object] = {
        "file": display_path(finding.path),
        "line": finding.line,
        "col": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
        "title": f"{TOOL_NAME} ({finding.rule})",
    }
    return command(LEVELS[finding.severity], properties, message)


def write(result: Result, out: IO[str], ctx: Context) -> None:
    for problem in result.problems:
        level = "error" if problem.failed else "notice"
        out.write(command(level, {"file": display_path(problem.path), "title": TOOL_NAME}, problem.message) + "\n")
    for finding in result.findings:
        out.write(annotation(finding, ctx) + "\n")
