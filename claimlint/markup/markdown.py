"""Prose extraction for Markdown (CommonMark + tables + strikethrough).

markdown-it gives block tokens with line ranges (``.map``) but inline tokens
without offsets, and its inline text is already unescaped and
entity-decoded.  So each inline token is *aligned* against the source: a
cursor walks forward from the first line of the block, skipping markup
characters, and every prose character emitted is a source character found at
the cursor (or an entity/escape that decodes to it).  Text is always taken
from the source, never from the token, so positions are exact by
construction; a character that cannot be aligned is dropped, not guessed.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Dict, List, Optional, Sequence

from markdown_it import MarkdownIt

from claimlint.document import line_starts

if TYPE_CHECKING:
    from markdown_it.token import Token

    from claimlint.document import Piece, RawBlock

__all__ = ["extract", "front_matter_end"]

# markdown-it stops reading at its nesting limit (CommonMark preset: 20 levels) and drops
# everything nested deeper, and whatever follows in the same container, without a word.
# A document that comes near the limit is parsed again with a higher one; past
# NESTING_CAP (markdown-it recurses per level: 500 levels overflow Python's stack) it is
# read as plain text, so that nothing in it goes unlinted.
NESTING = 40
NESTING_CAP = 160
_PARSERS: Dict[int, MarkdownIt] = {}


def _parser(limit: int) -> MarkdownIt:
    md = _PARSERS.get(limit)
    if md is None:
        md = MarkdownIt("commonmark", {"maxNesting": limit}).enable("table").enable("strikethrough")
        _PARSERS[limit] = md
    return md


def _tokens(feed: str) -> "Optional[List[Token]]":
    """markdown-it's tokens for feed, or None when it nests deeper than NESTING_CAP."""
    limit = NESTING
    while True:
        try:
            tokens = _parser(limit).parse(feed)
        except RecursionError:
            return None
        # A token one level short of the limit: markdown-it may have stopped there.
        if not tokens or max(tok.level for tok in tokens) < limit - 1:
            return tokens
        if limit >= NESTING_CAP:
            return None
        limit = min(limit * 2, NESTING_CAP)

_NL = re.compile(r"\r\n|\r|\n")
_FRONT_OPEN = re.compile(r"(---|\+\+\+)[ \t]*(?=\r\n|\r|\n)")
_FRONT_CLOSE: Dict[str, "re.Pattern[str]"] = {
    "---": re.compile(r"(?:\r\n|\r|\n)(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|\Z)"),
    "+++": re.compile(r"(?:\r\n|\r|\n)\+\+\+[ \t]*(?:\r\n|\r|\n|\Z)"),
}
# Container prefixes at the start of a block's first line: indentation,
# blockquote ">" and list markers, possibly nested ("> - 1. text").
_PREFIX = re.compile(r"(?:[ \t]*(?:>|[-+*](?=[ \t\r\n]|$)|\d{1,9}[.)](?=[ \t\r\n]|$)))*[ \t]*")
_ATX = re.compile(r"#{1,6}(?=[ \t\r\n]|$)[ \t]*")
_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});")
_ENTITY_OR_ESCAPE = re.compile(r"[&\\]")
# Markup characters the cursor may step over when the source does not match
# the next prose character (delimiters, brackets, escapes, table pipes,
# container prefixes on continuation lines, line ends).
_SKIP = frozenset("*_~[]!<>#|\\ \t\r\n")
_BLANKS = frozenset(" \t")
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# Resynchronising after an unexpected construct searches at most this far.
_LOOKAHEAD_WINDOW = 4096
_LOOKAHEAD_KEY = 8
_MAX_RESYNC_FAILURES = 8
_CODE_CLOSE: Dict[int, "re.Pattern[str]"] = {}
_DELIMITERS = frozenset(
    {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"}
)
_CONTEXT_OPEN = {
    "list_item_open": "list-item",
    "blockquote_open": "quote",
    "heading_open": "heading",
    "th_open": "table-cell",
    "td_open": "table-cell",
}
_CONTEXT_CLOSE = frozenset(
    {"list_item_close", "blockquote_close", "heading_close", "th_close", "td_close"}
)


def front_matter_end(source: str) -> int:
    """Offset just past a leading YAML (``---``) or TOML (``+++``) front
    matter block, or 0 when there is none."""
    m = _FRONT_OPEN.match(source)
    if m is None:
        return 0
    close = _FRONT_CLOSE[m.group(1)].search(source, m.end())
    return close.end() if close is not None else 0


def _common_prefix(t: str, j: int, src: str, p: int, limit: int) -> int:
    """Length of the longest common prefix of ``t[j:]`` and ``src[p:limit]``.

    Galloping then bisecting with ``startswith`` keeps this C-speed and
    proportional to the match length (not the token length), so a long
    token with many entities stays linear overall.
    """
    n = min(len(t) - j, limit - p)
    if n <= 0 or t[j] != src[p]:
        return 0
    good = 1
    size = 16
    while True:
        size = min(size, n)
        if src.startswith(t[j : j + size], p):
            good = size
            if size == n:
                return n
            size *= 2
        else:
            hi = size - 1
            break
    while good < hi:
        mid = (good + hi + 1) // 2
        if src.startswith(t[j : j + mid], p):
            good = mid
        else:
            hi = mid - 1
    return good


def _code_close(width: int) -> "re.Pattern[str]":
    pat = _CODE_CLOSE.get(width)
    if pat is None:
        pat = _CODE_CLOSE[width] = re.compile(r"(?<!`)`{%d}(?!`)" % width)
    return pat


def _skip_ws(src: str, i: int, limit: int) -> int:
    while i < limit and src[i] in " \t\r\n":
        i += 1
    return i


def _skip_destination(src: str, i: int, limit: int) -> Optional[int]:
    """``src[i] == "("``: return the offset after ``(dest "title")``."""
    i = _skip_ws(src, i + 1, limit)
    if i < limit and src[i] == "<":
        j = i + 1
        while j < limit and src[j] not in ">\r\n":
            j += 2 if src[j] == "\\" else 1
        if j >= limit or src[j] != ">":
            return None
        i = j + 1
    else:
        depth = 0
        while i < limit:
            c = src[i]
            if c == "\\":
                i += 2
                continue
            if c == "(":
                depth += 1
            elif c == ")":
                if depth == 0:
                    break
                depth -= 1
            elif c <= " " or c == "\x7f":
                break
            i += 1
    i = _skip_ws(src, i, limit)
    if i < limit and src[i] in "\"'(":
        close = ")" if src[i] == "(" else src[i]
        j = i + 1
        while j < limit and src[j] != close:
            j += 2 if src[j] == "\\" else 1
        if j >= limit:
            return None
        i = _skip_ws(src, j + 1, limit)
    if i < limit and src[i] == ")":
        return i + 1
    return None


def _skip_label(src: str, i: int, limit: int) -> Optional[int]:
    """``src[i] == "["``: return the offset after the matching ``]``."""
    j = i + 1
    while j < limit and src[j] != "]":
        if src[j] == "[":
            return None  # labels cannot nest; not a reference label
        j += 2 if src[j] == "\\" else 1
    return j + 1 if j < limit else None


class _Aligner:
    """Aligns one inline token's children to ``src`` before ``limit``."""

    def __init__(self, src: str, limit: int) -> None:
        self.src = src
        self.limit = limit
        self.pieces: List[Piece] = []

    # -- output -----------------------------------------------------------
    def _emit(self, start: int, end: int) -> None:
        pieces = self.pieces
        if pieces and pieces[-1][2] is None and pieces[-1][1] == start:
            pieces[-1] = (pieces[-1][0], end, None)
        else:
            pieces.append((start, end, None))

    def _emit_as(self, start: int, end: int, text: str) -> None:
        self.pieces.append((start, end, text))

    def _seek(self, p: int, char: str) -> int:
        """Step over markup characters up to ``char``; return its offset or -1."""
        src, limit = self.src, self.limit
        while p < limit and src[p] != char and src[p] in _SKIP:
            p += 1
        return p if p < limit and src[p] == char else -1

    # -- token handlers -----------------------------------------------------
    def run(self, children: Sequence["Token"], p: int) -> int:
        in_autolink = False
        for idx, tok in enumerate(children):
            if p >= self.limit:
                break
            typ = tok.type
            if in_autolink:
                in_autolink = typ != "link_close"
                continue
            if typ == "text":
                p = self.text(tok.content, p)
            elif typ in ("softbreak", "hardbreak"):
                p = self.newline(p)
            elif typ in _DELIMITERS:
                if self.src.startswith(tok.markup, p, self.limit):
                    p += len(tok.markup)
            elif typ == "code_inline":
                p = self.code(tok.markup, p)
            elif typ == "link_open":
                if tok.markup == "autolink" or tok.info == "auto":
                    p = self.autolink(p)
                    in_autolink = True
                else:
                    q = self._seek(p, "[")
                    if q >= 0:
                        p = q + 1
            elif typ == "link_close":
                nxt = children[idx + 1] if idx + 1 < len(children) else None
                p = self.link_tail(p, nxt)
            elif typ == "image":
                nxt = children[idx + 1] if idx + 1 < len(children) else None
                p = self.image(tok, p, nxt)
            elif typ == "html_inline":
                p = self.html_inline(tok.content, p)
            elif tok.content:
                # Unknown token kinds (plugins) are treated as plain text.
                p = self.text(tok.content, p)
        return p

    def text(self, t: str, p: int) -> int:
        src, limit = self.src, self.limit
        j, n = 0, len(t)
        special = -1  # offset of the next "&" or "\\" at or after p
        failures = 0
        while j < n and p < limit:
            if special < p:
                m = _ENTITY_OR_ESCAPE.search(src, p, limit)
                special = m.start() if m is not None else limit
            c, sc = t[j], src[p]
            if sc == "&":
                # Before the verbatim match: "&amp;" must not align its "&".
                m = _ENTITY.match(src, p, limit)
                if m is not None:
                    decoded = html.unescape(m.group())
                    if decoded != m.group() and t.startswith(decoded, j):
                        self._emit_as(p, m.end(), decoded)
                        j += len(decoded)
                        p = m.end()
                        continue
            elif sc == "\\" and p + 1 < limit and src[p + 1] == c and c in _ESCAPABLE:
                # A backslash escape reads as the escaped character itself
                # (and "\&amp;" as a literal "&", not an entity).
                self._emit(p + 1, p + 2)
                j += 1
                p += 2
                continue
            # A verbatim run stops before the next entity/escape so those
            # get decoded instead of matched character by character.
            k = _common_prefix(t, j, src, p, special if special > p else p + 1)
            if k:
                self._emit(p, p + k)
                j += k
                p += k
                continue
            if c == "\ufffd" and sc == "\x00":
                # markdown-it replaces NUL; normalisation turns it into a space.
                self._emit(p, p + 1)
                j += 1
                p += 1
            elif c in _BLANKS and sc in _BLANKS:
                self._emit(p, p + 1)  # e.g. a tab the parser expanded
                j += 1
                p += 1
            elif sc in _SKIP:
                p += 1
            elif c in _BLANKS:
                j += 1  # whitespace the parser synthesised
            else:
                q = self._resync(t, j, p)
                if q == p:
                    # Cannot be aligned: drop rather than mis-map.  After a
                    # few misses in a row the cursor is lost for this token;
                    # stop searching so a huge token stays linear.
                    failures += 1
                    if failures >= _MAX_RESYNC_FAILURES:
                        break
                    j += 1
                else:
                    failures = 0
                p = q
        return p

    def _resync(self, t: str, j: int, p: int) -> int:
        """Find the rest of the token a little further on (after a construct
        this aligner does not model).  Returns the new cursor, or ``p``
        unchanged when there is no safe candidate."""
        key = t[j : j + _LOOKAHEAD_KEY]
        if len(key) < 3:
            return p
        q = self.src.find(key, p, min(self.limit, p + _LOOKAHEAD_WINDOW))
        return q if q >= 0 else p

    def newline(self, p: int) -> int:
        m = _NL.search(self.src, p, self.limit)
        if m is None:
            return p
        if m.group() == "\r":
            self._emit_as(m.start(), m.end(), "\n")
        else:
            self._emit(m.end() - 1, m.end())  # the "\n" of "\n" or "\r\n"
        return m.end()

    def code(self, markup: str, p: int) -> int:
        q = self._seek(p, "`")
        if q < 0 or not self.src.startswith(markup, q, self.limit):
            return p
        m = _code_close(len(markup)).search(self.src, q + len(markup), self.limit)
        if m is None:
            return p
        self._emit_as(q, q + 1, " ")
        return m.end()

    def autolink(self, p: int) -> int:
        q = self._seek(p, "<")
        if q < 0:
            return p
        e = self.src.find(">", q, self.limit)
        if e < 0:
            return p
        self._emit_as(q, q + 1, " ")
        return e + 1

    def link_tail(self, p: int, nxt: Optional["Token"]) -> int:
        src, limit = self.src, self.limit
        q = self._seek(p, "]")
        if q < 0:
            return p
        q += 1
        if q < limit and src[q] == "(":
            e = _skip_destination(src, q, limit)
            return q if e is None else e
        if q < limit and src[q] == "[":
            e = _skip_label(src, q, limit)
            if e is None:
                return q
            # "[foo][bar]" where only foo is defined: "[bar]" is literal text
            # that the next token will read.
            if nxt is not None and nxt.type == "text" and nxt.content.startswith(src[q:e]):
                return q
            return e
        return q

    def image(self, tok: "Token", p: int, nxt: Optional["Token"]) -> int:
        q = self._seek(p, "!")
        if q < 0 or not self.src.startswith("![", q, self.limit):
            return p
        before = len(self.pieces)
        end = self.run(tok.children or [], q + 2)
        if not any(
            piece[2] is not None or self.src[piece[0] : piece[1]].strip()
            for piece in self.pieces[before:]
        ):
            del self.pieces[before:]
            self._emit_as(q, q + 1, " ")
        return self.link_tail(end, nxt)

    def html_inline(self, content: str, p: int) -> int:
        src, limit = self.src, self.limit
        q = self._seek(p, "<")
        if q < 0:
            return p
        if src.startswith(content, q, limit):
            end = q + len(content)
        else:
            # Multi-line inline HTML: the parser saw "\n" for "\r\n"/"\r"
            # and had container indentation / ">" stripped from continuation
            # lines, so walk it tolerantly, skipping extra source characters
            # only while in a line's leading whitespace.
            i, k = q, 0
            line_lead = False
            while k < len(content) and i < limit:
                c, sc = content[k], src[i]
                if c == sc:
                    i += 1
                    k += 1
                    line_lead = (line_lead or c == "\n") and c in " \t>\n"
                elif c == "\n" and sc == "\r":
                    i += 2 if src.startswith("\r\n", i) else 1
                    k += 1
                    line_lead = True
                elif line_lead and sc in " \t>":
                    i += 1
                elif line_lead and c in " \t":
                    k += 1  # a tab the parser expanded into spaces
                else:
                    return p
            if k < len(content):
                return p
            end = i
        self._emit_as(q, q + 1, " ")
        return end


def extract(source: str) -> "List[RawBlock]":
    fm_end = front_matter_end(source)
    # Blank the front matter but keep its line breaks so markdown-it's line
    # numbers stay those of the original source.
    feed = "".join(_NL.findall(source, 0, fm_end)) + source[fm_end:] if fm_end else source
    tokens = _tokens(feed)
    if tokens is None:  # nested too deep for a Markdown parser: read it as plain text
        from claimlint.markup.text import extract as extract_text

        return extract_text(source)
    starts = line_starts(source)

    def line_start(line: int) -> int:
        return starts[line] if line < len(starts) else len(source)

    blocks: List[RawBlock] = []
    contexts: List[str] = []
    heading_markup = ""
    cursor = 0  # blocks arrive in source order; never step backwards
    for tok in tokens:
        typ = tok.type
        if typ in _CONTEXT_OPEN:
            contexts.append(_CONTEXT_OPEN[typ])
            if typ == "heading_open":
                heading_markup = tok.markup
        elif typ in _CONTEXT_CLOSE:
            if contexts:
                contexts.pop()
        elif typ == "inline" and tok.map is not None and tok.children:
            kind = contexts[-1] if contexts else "paragraph"
            first = line_start(tok.map[0])
            limit = line_start(tok.map[1])
            p = max(cursor, first)
            if p >= limit:
                continue
            if p == first and kind != "table-cell":
                # Table rows continue from the previous cell; other blocks
                # start on a fresh line after their container prefixes.
                p = _PREFIX.match(source, p, limit).end()
                if kind == "heading" and heading_markup.startswith("#"):
                    atx = _ATX.match(source, p, limit)
                    if atx is not None:
                        p = atx.end()
            aligner = _Aligner(source, limit)
            cursor = max(cursor, aligner.run(tok.children, p))
            if aligner.pieces:
                blocks.append((kind, aligner.pieces))
    return blocks
