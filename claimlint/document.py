"""The prose view of one input file.

A markup extractor (``claimlint.markup.*``) reports which source characters
are prose, grouped into blocks.  :func:`parse` concatenates them into
``Document.text`` (blocks separated by ``"\\n\\n"`` so that no rule can match
across a block boundary), normalises typography, and keeps for every text
character the source offset it came from so findings can be reported at
exact line/column positions in the original file.

The origin map is stored run-length encoded: almost all prose is copied
verbatim from the source, so it is a handful of runs "text[t:t+n] comes from
source[s:s+n]" (step 1) plus runs whose characters all come from one source
offset (step 0: a decoded entity, an expanded ellipsis, a block separator).
Building it costs per run, not per character; ``Document.origin`` expands it
into a per-character array on demand.
"""

from __future__ import annotations

import os
import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Dict, List, Optional, Sequence, Tuple

from claimlint.normalize import Edit, normalize_edits
from claimlint.sentences import split_sentences

if TYPE_CHECKING:
    from typing import Callable

__all__ = [
    "Unit",
    "Document",
    "Piece",
    "RawBlock",
    "BLOCK_SEPARATOR",
    "detect_markup",
    "line_starts",
    "parse",
    "build_document",
]

# What the markup extractors return.  A piece ``(start, end, None)`` means
# ``source[start:end]`` is prose verbatim; ``(start, end, text)`` means the
# source span (an entity, a removed code span...) reads as ``text``, every
# character of which is attributed to ``start``.  Plain tuples keep the
# extractors free of a runtime import of this module.
Piece = Tuple[int, int, Optional[str]]
RawBlock = Tuple[str, List[Piece]]
# One run of the origin map: (text offset, source offset, step).  Text
# offset ``t + k`` (until the next run) comes from ``source + k * step``.
_Run = Tuple[int, int, int]

BLOCK_SEPARATOR = "\n\n"

_MARKUP_BY_EXT = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
_NEWLINE = re.compile(r"\r\n|\r|\n")
_LF = re.compile(r"\n")


def line_starts(source: str) -> List[int]:
    """Offsets at which lines start; a line ends at ``\r\n``, ``\r`` or
    ``\n``."""
    # Without a lone "\r" the lines are exactly those split at "\n", which a
    # literal search finds several times faster than the alternation.
    cr = source.count("\r")
    pattern = _LF if cr == 0 or cr == source.count("\r\n") else _NEWLINE
    return [0] + [m.end() for m in pattern.finditer(source)]


@dataclass(frozen=True)
class Unit:
    """A span of a document's text: a sentence or a block."""

    start: int  # offset into Document.text (inclusive)
    end: int  # offset into Document.text (exclusive)
    kind: str  # heading | paragraph | list-item | table-cell | quote | title


class Document:
    """Prose text of a file plus the mapping back to source positions."""

    __slots__ = (
        "path",
        "markup",
        "source",
        "text",
        "blocks",
        "sentences",
        "_run_text",
        "_run_src",
        "_run_step",
        "_extent",
        "_origin",
        "_line_starts",
        "_block_starts",
        "_sentence_starts",
    )

    def __init__(
        self,
        path: str,
        markup: str,
        source: str,
        text: str,
        runs: Sequence[_Run],
        blocks: List[Unit],
        sentences: List[Unit],
        extent: Optional[Dict[int, int]] = None,
    ) -> None:
        if text and (not runs or runs[0][0] != 0):
            raise ValueError("the origin runs must start at text offset 0")
        self.path = path
        self.markup = markup
        self.source = source
        self.text = text
        self.blocks = blocks
        self.sentences = sentences
        self._run_text = array("l", [r[0] for r in runs])
        self._run_src = array("l", [r[1] for r in runs])
        self._run_step = bytes(r[2] for r in runs)
        # Source offset -> end of the source construct for characters that
        # were decoded from several source characters (``&amp;``), so a span
        # ending on one ends after the whole construct.
        self._extent: Dict[int, int] = extent or {}
        self._origin: Optional[array] = None
        self._line_starts = line_starts(source)
        self._block_starts = [u.start for u in blocks]
        self._sentence_starts = [u.start for u in sentences]

    def __repr__(self) -> str:
        return (
            f"Document(path={self.path!r}, markup={self.markup!r}, "
            f"blocks={len(self.blocks)}, sentences={len(self.sentences)})"
        )

    @property
    def origin(self) -> array:
        """Per-character origins: ``origin[i]`` is the source offset of
        ``text[i]``.  Built on first use (``source_offset`` does not need it)."""
        if self._origin is None:
            out = array("l")
            bounds = list(self._run_text[1:]) + [len(self.text)]
            for t, src, step, nxt in zip(self._run_text, self._run_src, self._run_step, bounds):
                if step:
                    out.extend(range(src, src + nxt - t))
                else:
                    out.extend((src,) * (nxt - t))
            self._origin = out
        return self._origin

    def source_offset(self, i: int) -> int:
        """Source offset of ``text[i]``; ``i == len(text)`` gives the offset
        just after the last prose character (``len(source)`` if no prose)."""
        n = len(self.text)
        if 0 <= i < n:
            k = bisect_right(self._run_text, i) - 1
            return self._run_src[k] + (i - self._run_text[k]) * self._run_step[k]
        if i == n:
            return self._source_end_of(n - 1) if n else len(self.source)
        raise IndexError(f"text offset {i} out of range 0..{n}")

    def _source_end_of(self, i: int) -> int:
        o = self.source_offset(i)
        return self._extent.get(o, o + 1)

    def source_span(self, start: int, end: int) -> Tuple[int, int]:
        """Source ``[src_start, src_end)`` covering text ``[start, end)``."""
        src_start = self.source_offset(start)
        if end <= start:
            return src_start, src_start
        return src_start, self._source_end_of(end - 1)

    def line_col(self, source_offset: int) -> Tuple[int, int]:
        """1-based (line, column) of a source offset; columns count code
        points, a tab is one column."""
        line = bisect_right(self._line_starts, source_offset)
        return line, source_offset - self._line_starts[line - 1] + 1

    def location(self, start: int, end: int) -> Tuple[int, int, int, int]:
        """(line, column, end_line, end_column) of text ``[start, end)``;
        the end column is exclusive."""
        src_start, src_end = self.source_span(start, end)
        line, col = self.line_col(src_start)
        end_line, end_col = self.line_col(src_end)
        return line, col, end_line, end_col

    @staticmethod
    def _unit_at(
        units: Sequence[Unit], starts: Sequence[int], offset: int
    ) -> Optional[Unit]:
        k = bisect_right(starts, offset) - 1
        if k >= 0 and units[k].start <= offset < units[k].end:
            return units[k]
        return None

    def block_of(self, text_offset: int) -> Optional[Unit]:
        return self._unit_at(self.blocks, self._block_starts, text_offset)

    def sentence_of(self, text_offset: int) -> Optional[Unit]:
        return self._unit_at(self.sentences, self._sentence_starts, text_offset)

    def unit_starts(self, within: str) -> Sequence[int]:
        """The start offsets of the sentences (within="sentence") or blocks, for bisecting."""
        return self._sentence_starts if within == "sentence" else self._block_starts


def detect_markup(path: str) -> str:
    """Markup from the file extension: markdown, html, or text."""
    return _MARKUP_BY_EXT.get(os.path.splitext(path)[1].lower(), "text")


def _extractor(markup: str) -> "Callable[[str], List[RawBlock]]":
    # Imported lazily: the extractors import this module's type aliases.
    if markup == "markdown":
        from claimlint.markup.markdown import extract
    elif markup == "html":
        from claimlint.markup.html import extract
    elif markup == "text":
        from claimlint.markup.text import extract
    else:
        raise ValueError(f"unknown markup {markup!r}")
    return extract


def _apply_edits(runs: List[_Run], edits: List[Edit], length: int) -> List[_Run]:
    """Re-express ``runs`` (over a string of ``length``) in the coordinates
    of that string after ``edits``."""
    out: List[_Run] = []
    n_runs = len(runs)
    k = 0  # index of the run containing the current position
    shift = 0  # new offset - old offset for unedited characters
    prev = 0

    def seek(pos: int) -> int:
        nonlocal k
        while k + 1 < n_runs and runs[k + 1][0] <= pos:
            k += 1
        return k

    def copy(a: int, b: int) -> None:
        j = seek(a)
        while j < n_runs and runs[j][0] < b:
            t, src, step = runs[j]
            first = max(t, a)
            out.append((first + shift, src + (first - t) * step, step))
            j += 1

    for start, end, repl in edits:
        if start > prev:
            copy(prev, start)
        if repl:
            t, src, step = runs[seek(start)]
            out.append((start + shift, src + (start - t) * step, 0))
        shift += len(repl) - (end - start)
        prev = end
    if prev < length:
        copy(prev, length)
    return out


def build_document(
    source: str, path: str, markup: str, raw_blocks: List[RawBlock]
) -> Document:
    """Assemble a Document from extractor output (exposed for testing)."""
    parts: List[str] = []
    runs: List[_Run] = []
    extent: Dict[int, int] = {}
    blocks: List[Unit] = []
    pos = 0
    prev_end = 0  # source offset just after the previous block
    for kind, pieces in raw_blocks:
        chunk: List[str] = []
        block_runs: List[_Run] = []
        r = 0
        for start, end, repl in pieces:
            if repl is None:
                if end > start:
                    chunk.append(source[start:end])
                    block_runs.append((r, start, 1))
                    r += end - start
            elif repl:
                chunk.append(repl)
                block_runs.append((r, start, 0))
                r += len(repl)
                if end > start + 1:
                    extent[start] = end
        raw = "".join(chunk)
        norm, edits = normalize_edits(raw)
        if edits:
            block_runs = _apply_edits(block_runs, edits, len(raw))
        # Blocks are trimmed so a Unit spans prose, not markup whitespace.
        stripped = norm.strip()
        if not stripped:
            continue
        lead = len(norm) - len(norm.lstrip())
        stop = lead + len(stripped)
        if blocks:
            parts.append(BLOCK_SEPARATOR)
            runs.append((pos, prev_end, 0))
            pos += len(BLOCK_SEPARATOR)
        last_src = 0
        for i, (t, src, step) in enumerate(block_runs):
            nxt = block_runs[i + 1][0] if i + 1 < len(block_runs) else len(norm)
            if nxt <= lead or t >= stop:
                continue
            first = max(t, lead)
            runs.append((pos + first - lead, src + (first - t) * step, step))
            last_src = src + (min(nxt, stop) - 1 - t) * step
        parts.append(stripped)
        blocks.append(Unit(pos, pos + len(stripped), kind))
        pos += len(stripped)
        prev_end = extent.get(last_src, last_src + 1)

    text = "".join(parts)
    sentences = [
        Unit(s, e, block.kind)
        for block in blocks
        for s, e in split_sentences(text, block.start, block.end)
    ]
    return Document(path, markup, source, text, runs, blocks, sentences, extent)


def parse(source: str, path: str, markup: Optional[str] = None) -> Document:
    """Parse ``source`` (already decoded, BOM removed) as ``markup``
    (detected from ``path`` when None)."""
    if markup is None:
        markup = detect_markup(path)
    return build_document(source, path, markup, _extractor(markup)(source))
