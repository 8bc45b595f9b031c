"""What the machine-readable reporters share: positions in the source, paths as URIs, rule text."""
from __future__ import annotations

import os
import re
from bisect import bisect_right
from pathlib import Path, PurePath
from typing import Callable
from urllib.parse import quote

from claimlint.findings import Finding
from claimlint.reporters import Context
from claimlint.rules import Rule

# The same line breaks the document model counts, so line numbers agree with findings.
_NEWLINE = re.compile(r"\r\n|\r|\n")
TOOL_NAME = "claimlint"


class Lines:
    """Line starts of one source text: 1-based (line, column) to offsets and back.

    Columns count code points, as findings do; formats that count otherwise
    (rdjson: UTF-8 bytes) convert through the line's text.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]

    def offset(self, line: int, column: int) -> int:
        line = min(max(line, 1), len(self.starts))
        return min(self.starts[line - 1] + max(column, 1) - 1, len(self.text))

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def line_text(self, line: int) -> str:
        if not 1 <= line <= len(self.starts):
            return ""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def utf8_column(self, line: int, column: int) -> int:
        return len(self.line_text(line)[: column - 1].encode("utf-8")) + 1


def lines_for(ctx: Context, path: str, cache: dict[str, Lines]) -> Lines | None:
    if path not in cache and path in ctx.sources:
        cache[path] = Lines(ctx.sources[path])
    return cache.get(path)


def display_path(path: str) -> str:
    """Forward slashes and no leading ./, so CI annotations and URIs match the repository."""
    text = path.replace(os.sep, "/") if os.sep != "/" else path
    while text.startswith("./"):
        text = text[2:]
    return text


def uri(path: str) -> str:
    """A relative URI for paths under the working directory (what code scanning expects),
    a file: URI otherwise."""
    if os.path.isabs(path):
        try:
            relative = os.path.relpath(path)
        except ValueError:  # another drive on Windows
            return Path(path).as_uri()
        if relative.startswith(".."):
            return Path(path).as_uri()
        path = relative
    return quote(display_path(PurePath(path).as_posix()), safe="/")


def help_url(rule: Rule | None) -> str | None:
    """The first reference: the source that explains why the rule exists."""
    if rule is None or not rule.references:
        return None
    return rule.references[0].url


def plain(text: str) -> str:
    """Rule prose from TOML with its hard line wraps joined into paragraphs."""
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def occurrence_keys(findings: list[Finding], key: Callable[[Finding], str]) -> list[str]:
    """key(finding) plus ':n', n counting equal keys in order: unique yet line-independent."""
    seen: dict[str, int] = {}
    out = []
    for finding in findings:
        base = key(finding)
        seen[base] = seen.get(base, 0) + 1
        out.append(f"{base}:{seen[base]}")
    return out

