"""`path:line:col: severity rule-id message`, one finding per line."""
from __future__ import annotations

from typing import IO

from claimlint.engine import Result
from claimlint.findings import Finding
from claimlint.reporters import Context, visible


def line_of(finding: Finding) -> str:
    return f"{finding.path}:{finding.line}:{finding.column}: {finding.severity} {finding.rule} {finding.message}"


def write(result: Result, out: IO[str], ctx: Context) -> None:
    for finding in result.findings:
        line = line_of(finding)
        out.write((visible(line) if ctx.terminal else line) + "\n")  # piped: exactly as found
