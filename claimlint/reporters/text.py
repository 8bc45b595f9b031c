"""The default format: concise lines, and on a terminal the line excerpt with a marker."""
from __future__ import annotations

from typing import IO

from claimlint.engine import Result
from claimlint.findings import Finding
from claimlint.reporters import Context
from claimlint.reporters.concise import line_of

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def _excerpt(finding: Finding, source: str) -> list[str]:
    lines = source.splitlines()
    if not 1 <= finding.line <= len(lines):
        return []
    text = lines[finding.line - 1].replace("\t", " ")
    start = finding.column - 1
    end = finding.end_column - 1 if finding.end_line == finding.line else len(text)
    # Long paragraphs on one line: show a window around the match.
    left = max(0, start - 60)
    right = min(len(text), max(end, start + 1) + 60)
    shown = ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")
    offset = start - left + (1 if left else 0)
    marker = " " * offset + "^" * max(1, min(end, right) - start)
    return ["    " + shown, "    " + marker]


def write(result: Result, out: IO[str], ctx: Context) -> None:
    for finding in result.findings:
        head = line_of(finding)
        if ctx.color:
            colour = _COLOURS[finding.severity]
            head = (
                f"{_BOLD}{finding.path}:{finding.line}:{finding.column}:{_RESET} "
                f"{colour}{finding.severity}{_RESET} {_DIM}{finding.rule}{_RESET} {finding.message}"
            )
        out.write(head + "\n")
        if ctx.terminal and finding.path in ctx.sources:
            for line in _excerpt(finding, ctx.sources[finding.path]):
                out.write(line + "\n")
            for item in finding.related:
                out.write(f"    = see {item.path}:{item.line}:{item.column}: {item.message}\n")
