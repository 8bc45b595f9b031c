"""Prose extraction for HTML.

Uses the stdlib tokenizer with ``convert_charrefs=False`` so every data run
arrives verbatim (its source offset is exact) and every entity arrives
separately (its decoded characters can be attributed to the entity's ``&``).
Tags, attributes, comments and non-prose elements (script, style, code...)
contribute nothing; block-level tags delimit blocks.
"""

from __future__ import annotations

import html
import re
from html.entities import html5 as _HTML5
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Dict, List, Optional, Tuple

if TYPE_CHECKING:
    from claimlint.document import Piece, RawBlock

__all__ = ["extract", "BLOCK_TAGS", "SKIP_TAGS"]

#: Tags that end the current block and start a new one.
BLOCK_TAGS = frozenset(
    """
    p div li h1 h2 h3 h4 h5 h6 td th tr br blockquote section article header
    footer aside nav dt dd dl figcaption figure caption table thead tbody tfoot
    ul ol main form hr title pre address details summary fieldset legend body
    html head
    """.split()
)
#: Elements whose content is never prose.  ``head`` is special-cased so that
#: its ``title`` is still read.
SKIP_TAGS = frozenset(
    "script style pre code template noscript svg math iframe textarea head".split()
)
# Removing these would fuse the words around them, so they read as a space
# (an image without its alt text, or a code sample in a sentence).
_SPACER_TAGS = frozenset("img code svg math iframe input object video audio canvas".split())
_VOID_TAGS = frozenset(
    "area base br col embed hr img input link meta param source track wbr "
    "basefont frame keygen".split()
)
_KIND_OF_CONTEXT: Dict[str, str] = {
    "li": "list-item",
    "td": "table-cell",
    "th": "table-cell",
    "blockquote": "quote",
    "title": "title",
    **{f"h{i}": "heading" for i in range(1, 7)},
}
# Implied end tags: opening the key closes an open element in the value set,
# provided none of the "scope" elements lies in between (HTML's own rules,
# simplified) - so an unclosed <li> or <td> does not swallow its siblings.
_IMPLIED: Dict[str, Tuple[frozenset, frozenset]] = {
    "li": (frozenset({"li"}), frozenset({"ul", "ol", "menu"})),
    "dt": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "dd": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "td": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "th": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "tr": (frozenset({"tr", "td", "th"}), frozenset({"table", "thead", "tbody", "tfoot"})),
}
_HEAD_CONTENT = frozenset(
    "head html title meta link style script base noscript template".split()
)
_ENTITY = re.compile(r"&([a-zA-Z][-.a-zA-Z0-9]*)(;?)")
_CHARREF = re.compile(r"&#(?:[0-9]+|[xX][0-9a-fA-F]+);?")
_NEWLINE = re.compile(r"\n")


class _Extractor(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self._source = source
        # getpos() counts lines by "\n" only (a lone "\r" is not a line
        # break to it) and columns in characters, so convert with "\n" only.
        self._nl_starts = [0] + [m.end() for m in _NEWLINE.finditer(source)]
        self._stack: List[str] = []
        self._counts: Dict[str, int] = {}
        self._contexts: List[str] = []
        self._skip = False
        self._closing = False
        self._broken = False
        self._pieces: List[Piece] = []
        self.blocks: List[RawBlock] = []

    # -- positions -----------------------------------------------------
    def _offset(self) -> int:
        line, col = self.getpos()
        return self._nl_starts[line - 1] + col

    # -- block bookkeeping ---------------------------------------------
    def _flush(self) -> None:
        if self._pieces:
            kind = _KIND_OF_CONTEXT[self._contexts[-1]] if self._contexts else "paragraph"
            self.blocks.append((kind, self._pieces))
            self._pieces = []

    def _recompute_skip(self) -> None:
        counts = self._counts
        self._skip = any(counts.get(t) for t in SKIP_TAGS if t != "head") or (
            bool(counts.get("head")) and not counts.get("title")
        )

    def _push(self, tag: str) -> None:
        self._stack.append(tag)
        self._counts[tag] = self._counts.get(tag, 0) + 1
        if tag in _KIND_OF_CONTEXT:
            self._contexts.append(tag)

    def _pop_to(self, index: int) -> None:
        """Pop the stack down to (and including) ``index``."""
        while len(self._stack) > index:
            tag = self._stack.pop()
            self._counts[tag] -= 1
            if tag in _KIND_OF_CONTEXT and self._contexts:
                self._contexts.pop()

    def _find(self, tags: frozenset, scope: frozenset = frozenset()) -> int:
        """Index of the innermost open element in ``tags``, or -1 if a
        ``scope`` element (or nothing) comes first."""
        stack = self._stack
        for i in range(len(stack) - 1, -1, -1):
            tag = stack[i]
            if tag in tags:
                return i
            if tag in scope:
                return -1
        return -1

    def _spacer(self) -> None:
        if self._pieces:
            off = self._offset()
            self._pieces.append((off, off + 1, " "))

    # -- HTMLParser callbacks ------------------------------------------
    def handle_starttag(self, tag: str, attrs: List[Tuple[str, Optional[str]]]) -> None:
        if self._counts.get("head") and tag not in _HEAD_CONTENT:
            # A missing </head>: body content implicitly ends the head.
            self._flush()
            self._pop_to(self._stack.index("head"))
        if tag in BLOCK_TAGS:
            self._flush()
            if self._stack and self._stack[-1] == "p":
                self._pop_to(len(self._stack) - 1)
            implied = _IMPLIED.get(tag)
            if implied is not None:
                i = self._find(*implied)
                if i >= 0:
                    self._pop_to(i)
        elif tag in _SPACER_TAGS and not self._skip:
            self._spacer()
        if tag not in _VOID_TAGS:
            self._push(tag)
        self._recompute_skip()

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self._flush()
        if self._counts.get(tag):
            # An end tag closes its element and anything left open inside it
            # (so an unclosed <code> ends with its paragraph).
            self._pop_to(self._find(frozenset((tag,))))
            self._recompute_skip()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        off = self._offset()
        if self._closing:
            # At end of input the tokenizer flushes an unterminated comment
            # or tag as data ("<" then the rest); that is markup, not prose.
            if self._broken or data.startswith("<"):
                self._broken = True
                return
            if data.startswith("&"):
                # A final legacy entity without ";" ("&amp" at EOF).
                m = _ENTITY.match(self._source, off)
                if m is not None and m.end() == off + len(data):
                    self.handle_entityref(m.group(1))
                    return
        if self._source.startswith(data, off):
            self._pieces.append((off, off + len(data), None))

    def handle_entityref(self, name: str) -> None:
        if self._skip:
            return
        off = self._offset()
        m = _ENTITY.match(self._source, off)
        if m is None:
            return
        key = m.group(1) + m.group(2)
        decoded = _HTML5.get(key)
        if decoded is None:  # unknown entity: browsers show it verbatim
            self._pieces.append((off, m.end(), None))
        else:
            self._pieces.append((off, m.end(), decoded))

    def handle_charref(self, name: str) -> None:
        if self._skip:
            return
        off = self._offset()
        m = _CHARREF.match(self._source, off)
        if m is None:
            return
        self._pieces.append((off, m.end(), html.unescape(m.group().rstrip(";") + ";")))

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        # The stdlib raises AssertionError on unknown "<![keyword"; treat such
        # a section as a bogus comment ending at the next ">".
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            j = self.rawdata.find(">", i)
            return -1 if j < 0 else j + 1

    def finish(self) -> List[RawBlock]:
        self._closing = True
        self.close()
        self._flush()
        return self.blocks


def extract(source: str) -> "List[RawBlock]":
    parser = _Extractor(source)
    try:
        parser.feed(source)
        return parser.finish()
    except Exception:
        # The stdlib tokenizer has a few assertion paths on malformed
        # declarations; keep whatever prose was read before it gave up.
        parser._flush()
        return parser.blocks
