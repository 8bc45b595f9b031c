"""The default format. On a terminal: findings grouped under their file, each with the
offending line and a marker under the match. Piped or redirected: plain concise lines,
so grep and editors' problem matchers read it."""
from __future__ import annotations

from typing import IO

from claimlint.engine import Result
from claimlint.findings import Finding
from claimlint.reporters import Context, visible
from claimlint.reporters.common import Lines
from claimlint.reporters.concise import line_of

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def _excerpt(finding: Finding, source: str) -> list[str]:
    # Lines, not str.splitlines(): the latter also breaks at form feeds and U+2028,
    # which would put the excerpt on a different line than the finding names.
    lines = Lines(source)
    if not 1 <= finding.line <= len(lines.starts):
        return []
    text = lines.line_text(finding.line).replace("\t", " ")
    start = finding.column - 1
    end = finding.end_column - 1 if finding.end_line == finding.line else len(text)
    # Long paragraphs on one line: show a window around the match.
    left = max(0, start - 60)
    right = min(len(text), max(end, start + 1) + 60)
    shown = ("…" if left else "") + visible(text[left:right]) + ("…" if right < len(text) else "")
    offset = start - left + (1 if left else 0)
    marker = " " * offset + "^" * max(1, min(end, right) - start)
    return ["    " + shown, "    " + marker]


def _entry(finding: Finding, ctx: Context) -> str:
    where = f"{finding.line}:{finding.column}"
    message = visible(finding.message)
    if not ctx.color:
        return f"  {where:<8} {finding.severity:<8} {finding.rule}  {message}"
    colour = _COLOURS[finding.severity]
    return (
        f"  {_DIM}{where:<8}{_RESET} {colour}{finding.severity:<8}{_RESET} "
        f"{_DIM}{finding.rule}{_RESET}  {message}"
    )


def write(result: Result, out: IO[str], ctx: Context) -> None:
    if not ctx.terminal:
        for finding in result.findings:
            out.write(line_of(finding) + "\n")
        return
    current = None
    for finding in result.findings:
        if finding.path != current:
            if current is not None:
                out.write("\n")
            current = finding.path
            path = visible(finding.path)
            out.write((f"{_BOLD}{path}{_RESET}" if ctx.color else path) + "\n")
        out.write(_entry(finding, ctx) + "\n")
        if finding.path in ctx.sources:
            for line in _excerpt(finding, ctx.sources[finding.path]):
                out.write("  " + line + "\n")
        for item in finding.related:
            out.write(f"      = see {visible(item.path)}:{item.line}:{item.column}: {visible(item.message)}\n")
