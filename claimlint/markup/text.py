"""Prose extraction for plain text.

Blocks are separated by blank lines; a bullet line starts a new
"list-item" block (marker excluded); suppression-directive lines are not
prose.  Each block is one contiguous source run, so this is cheap even for
huge inputs: the work is per line, never per character.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, List, Optional, Tuple

if TYPE_CHECKING:
    from claimlint.document import Piece, RawBlock

__all__ = ["extract", "BULLET", "is_directive_line"]

# A line with its terminator; the empty match at the very end is filtered out.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
#: Bullet marker (after indentation) followed by a space/tab.  Letters only
#: take ")" so that an initial ("J. Smith") is not mistaken for a marker.
BULLET = re.compile(
    r"[ \t]*(?:[\u2022\u25e6\u25aa\u2023\u00b7*+\u2013-]|\d{1,3}[.)]|[a-zA-Z]\))[ \t]+(?=\S)"
)
_DIRECTIVE = re.compile(
    r"[ \t]*(?:<!--.*-->|(?:#|//)[ \t]*claimlint-.*)[ \t]*", re.DOTALL
)
_HEADING_MAX = 80


def is_directive_line(line: str) -> bool:
    """True for a whole-line suppression directive or HTML comment."""
    return _DIRECTIVE.fullmatch(line) is not None


def _kind(source: str, start: int, end: int, lines: int, kind: str) -> str:
    if kind != "paragraph" or lines != 1:
        return kind
    body = source[start:end].strip()
    if 0 < len(body) <= _HEADING_MAX and body[-1] not in ".!?:":
        return "heading"
    return kind


def extract(source: str) -> "List[RawBlock]":
    blocks: List[RawBlock] = []
    # Current block: (kind, start offset, end offset, number of lines).
    current: Optional[Tuple[str, int, int, int]] = None

    def flush() -> None:
        nonlocal current
        if current is not None:
            kind, start, end, lines = current
            piece: Piece = (start, end, None)
            blocks.append((_kind(source, start, end, lines, kind), [piece]))
            current = None

    for m in _LINE.finditer(source):
        line_start, line_full_end = m.span()
        if line_start == line_full_end:
            break  # the empty match at end of input
        line = m.group()
        body = line.rstrip("\r\n")
        line_end = line_start + len(body)  # excludes the line terminator
        if not body.strip() or is_directive_line(body):
            flush()
            continue
        bullet = BULLET.match(body)
        if bullet is not None:
            flush()
            current = ("list-item", line_start + bullet.end(), line_end, 1)
        elif current is None:
            current = ("paragraph", line_start, line_end, 1)
        else:
            kind, start, _, lines = current
            # The previous line's terminator stays inside the block as a
            # soft line break (normalisation turns CRLF into "\n").
            current = (kind, start, line_end, lines + 1)
    flush()
    return blocks
