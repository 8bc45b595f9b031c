"""Reporters turn a Result into text. They never match text and never decide exit codes."""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import IO, Protocol

from claimlint.engine import Result
from claimlint.rules import Rule

FORMATS = {
    "text": "claimlint.reporters.text",
    "concise": "claimlint.reporters.concise",
    "json": "claimlint.reporters.json",
    "jsonl": "claimlint.reporters.jsonl",
    "github": "claimlint.reporters.github",
    "sarif": "claimlint.reporters.sarif",
    "rdjson": "claimlint.reporters.rdjson",
    "junit": "claimlint.reporters.junit",
    "html": "claimlint.reporters.html",
}


@dataclass
class Context:
    """What a reporter may need besides the result: the rules, the terminal, the sources."""

    rules: dict[str, Rule] = field(default_factory=dict)
    color: bool = False
    terminal: bool = False
    sources: dict[str, str] = field(default_factory=dict)  # path -> source text, for excerpts


class Reporter(Protocol):
    def write(self, result: Result, out: IO[str], ctx: Context) -> None: ...


def reporter(name: str) -> Reporter:
    return importlib.import_module(FORMATS[name])  # type: ignore[return-value]


def summary(result: Result) -> str:
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in result.findings:
        counts[finding.severity] += 1
    total = len(result.findings)
    noun = "finding" if total == 1 else "findings"
    files = "file" if result.files == 1 else "files"
    line = f"{total} {noun} ({counts['error']} error, {counts['warning']} warning, {counts['info']} info) in {result.files} {files}"
    failed = sum(1 for p in result.problems if p.failed)
    if failed:
        line += f"; {failed} problem{'s' if failed != 1 else ''} (see above)"
    return line


# C0 controls, DEL and C1 controls, each shown as one visible character: U+2400 + code for
# C0 (ESC as the symbol for escape), U+2421 for DEL, U+FFFD for C1 (one column each, so
# the marker under an excerpt stays aligned).
_VISIBLE = {code: 0x2400 + code for code in range(0x20)} | {0x7F: 0x2421} | {code: 0xFFFD for code in range(0x80, 0xA0)}
_VISIBLE.pop(0x09)  # a tab moves the cursor, nothing more


def visible(text: str) -> str:
    """text fit for a terminal: an article (or a file name) can hold escape sequences that
    set the terminal's title, clear the screen or fake colours; they are shown, not obeyed."""
    return text.translate(_VISIBLE) if not text.isprintable() else text
