"""Typography normalisation that remembers where every character came from.

Rules match against the *normalised* prose so that a pattern written with a
plain ``'`` or ``-`` also matches copy typed with curly quotes or en dashes,
while findings are still reported at positions in the original file.  Every
output character therefore carries the index of the input character it was
produced from (its *origin*).

The full mapping is :data:`NORMALISATION_TABLE`:

===========================================  ==========================
input                                        output
===========================================  ==========================
``‘ ’ ‚ ‛ ′ ＇`` (curly/prime single quotes)   ``'``
``“ ” „ ‟ ″ « » ＂`` (curly/prime double)      ``"``
``‐ ‑ ‒ – — ― −`` (hyphens, dashes, minus)     ``-``
NBSP, narrow NBSP, U+2000-U+200A spaces        `` `` (space)
(en/em/thin/figure/hair...), U+205F,
ideographic space U+3000, tab, NUL
``…`` (ellipsis)                               ``...`` (3 chars, same origin)
soft hyphen U+00AD, ZWSP/ZWNJ/ZWJ              deleted
U+200B-U+200D, word joiner U+2060, U+FEFF
``\\r`` in ``\\r\\n``                            deleted (the ``\\n`` remains)
a lone ``\\r`` (old Mac line end)              ``\\n``
===========================================  ==========================
"""

from __future__ import annotations

import re
from typing import Dict, List, Tuple

__all__ = [
    "NORMALISATION_TABLE",
    "Edit",
    "normalize",
    "normalize_edits",
    "needs_normalisation",
]

_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\uff07"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\uff02"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_SPACES = (
    "\u00a0\u202f\u205f\u3000\t\x00"
    + "".join(chr(c) for c in range(0x2000, 0x200B))  # en quad .. hair space
)
_DELETED = "\u00ad\u200b\u200c\u200d\u2060\ufeff"

#: Character -> replacement.  An empty replacement means the character is
#: deleted.  ``"\r"`` is listed as deleted because that is what happens in the
#: common CRLF case; a lone ``"\r"`` becomes ``"\n"`` instead (see module doc).
NORMALISATION_TABLE: Dict[str, str] = {
    **{c: "'" for c in _SINGLE_QUOTES},
    **{c: '"' for c in _DOUBLE_QUOTES},
    **{c: "-" for c in _DASHES},
    **{c: " " for c in _SPACES},
    "\u2026": "...",
    **{c: "" for c in _DELETED},
    "\r": "",
}

# Same-length replacements never move characters, so they are applied after
# the length-changing edits without touching origins.
# (A regex sub touches only the matches; str.translate with a dict table costs
# a dict lookup for every character of the string.)
_ONE_TO_ONE_MAP = {c: r for c, r in NORMALISATION_TABLE.items() if len(r) == 1}
_ONE_TO_ONE = re.compile("[" + re.escape("".join(_ONE_TO_ONE_MAP)) + "]")


def _one_to_one(m: "re.Match[str]") -> str:
    return _ONE_TO_ONE_MAP[m.group()]


_ANY = re.compile("[" + re.escape("".join(NORMALISATION_TABLE)) + "]")
# Length-changing (or context-dependent) replacements: these need edits.  A
# single character class (no alternation) lets the regex engine scan fast.
_RESHAPE = re.compile("[" + re.escape("\r\u2026" + _DELETED) + "]")

#: An edit ``(start, end, replacement)`` on the input string: ``s[start:end]``
#: becomes ``replacement``, every character of which originates at ``start``.
Edit = Tuple[int, int, str]


def needs_normalisation(s: str) -> bool:
    """True when :func:`normalize` would change ``s``."""
    return _ANY.search(s) is not None


def normalize_edits(s: str) -> Tuple[str, List[Edit]]:
    """Normalise ``s``.  Returns the normalised string and the length-changing
    edits applied (in input order); characters outside the edits keep their
    relative order, so origins can be carried over run by run.

    Fast path: when nothing needs to change this is one regex search and
    returns ``(s, [])``.
    """
    if _ANY.search(s) is None:
        return s, []
    edits: List[Edit] = []
    parts: List[str] = []
    prev = 0
    for m in _RESHAPE.finditer(s):
        i = m.start()
        ch = s[i]
        if ch == "\r":
            # Either the \r of \r\n (deleted; the \n stays and keeps its own
            # origin) or a lone old-Mac line end (becomes \n).
            repl = "" if s.startswith("\n", i + 1) else "\n"
        elif ch == "\u2026":
            repl = "..."
        else:
            repl = ""
        parts.append(s[prev:i])
        parts.append(repl)
        prev = i + 1
        if not repl and edits and edits[-1][1] == i and not edits[-1][2]:
            edits[-1] = (edits[-1][0], i + 1, "")  # extend a run of deletions
        else:
            edits.append((i, i + 1, repl))
    if edits:
        parts.append(s[prev:])
        s = "".join(parts)
    return _ONE_TO_ONE.sub(_one_to_one, s), edits


def normalize(s: str) -> Tuple[str, List[int]]:
    """Normalise ``s``; return the new string and, per output character, the
    index in ``s`` it came from."""
    out, edits = normalize_edits(s)
    origin: List[int] = []
    prev = 0
    for start, end, repl in edits:
        origin.extend(range(prev, start))
        origin.extend([start] * len(repl))
        prev = end
    origin.extend(range(prev, len(s)))
    return out, origin
