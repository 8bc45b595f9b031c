"""Sentence segmentation inside one block of prose.

Deliberately rule-based and conservative: a missed split only makes a
sentence-scoped rule look at a slightly longer span, while a wrong split
(after "Dr." or inside "3.5 mg") would separate a claim from its subject.
"""

from __future__ import annotations

import re
from typing import List, Tuple

__all__ = ["split_sentences", "ABBREVIATIONS"]

#: Words that, followed by ".", do not end a sentence even when the next word
#: is capitalised ("Dr. Smith", "e.g. Vitamin C", "Fig. 3").  Lower-case, no
#: final dot.  Dotted forms ("U.S.", "Ph.D.") are recognised generically.
ABBREVIATIONS = frozenset(
    """
    e.g i.e eg ie dr mr mrs ms mx prof st vs al fig figs approx cf inc ltd jr sr
    ca est ed eds vol dept univ corp co
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)
# Abbreviations that only hold before a number ("No. 5" but "No. That is").
_NUMERIC_ABBREVIATIONS = frozenset({"no", "nos", "p", "pp", "ref", "eq"})
# A capital letter after these is a name of something, not an initial, so
# "rich in vitamin D. Take it daily" does split.
_LETTER_NAMED = frozenset({"vitamin", "vitamins", "type", "group", "hepatitis", "omega"})

# A terminator, optional closing quotes/brackets, whitespace, and (checked in
# C) something that could start a sentence: an ASCII capital, digit, opening
# quote/bracket, or any non-ASCII character (re has no \p{Lu}; the capital
# test for those is done in Python).
_TERMINATOR = re.compile(
    r"[.!?]+[\"'\)\]\u201d\u2019\u00bb]*(\s+)(?=[A-Z0-9\"'(\[\u201c\u2018\u00ab]|[^\x00-\x7f])"
)
_BULLET_LINE = re.compile(
    r"\n(?=[ \t]*(?:[\u2022\u25e6\u25aa\u2023\u00b7*+\u2013-]|\d{1,3}[.)]|[a-zA-Z]\))[ \t])"
)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_OPENERS = frozenset("\"'([\u201c\u2018\u00ab")
_LEADING_PUNCT = "\"'([\u201c\u2018\u00ab"
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
# Bounds how far back we look for the word before a full stop, so a long run
# without spaces cannot make segmentation quadratic.
_MAX_WORD = 128


def _token_start(seg: str, end: int) -> int:
    """Start of the whitespace-delimited token ending at ``end``."""
    lo = max(0, end - _MAX_WORD)
    # Three bounded C-level scans beat a Python loop; other whitespace
    # (e.g. a form feed) merely makes the token look longer.
    start = max(seg.rfind(" ", lo, end), seg.rfind("\n", lo, end), seg.rfind("\t", lo, end))
    return start + 1 if start >= 0 else lo


def _is_abbreviation(seg: str, word_start: int, dot: int, next_char: str) -> bool:
    """Whether the "." at ``dot`` ends an abbreviation or initial rather than
    the sentence (``next_char`` starts the following word)."""
    word = seg[word_start:dot].lstrip(_LEADING_PUNCT)
    if not word:
        return False
    lower = word.lower()
    if lower in ABBREVIATIONS:
        return True
    if lower in _NUMERIC_ABBREVIATIONS:
        return next_char.isdigit()
    if word.isdigit():
        # "1. Mix" at the start of a line is a list marker, not a sentence.
        return len(word) <= 3 and (word_start == 0 or seg[word_start - 1] == "\n")
    if len(word) == 1:
        if not word.isupper():
            return False
        # "J. Smith" is an initial; "vitamin D. Take" ends a sentence.
        prev_end = word_start
        while prev_end > 0 and seg[prev_end - 1].isspace():
            prev_end -= 1
        prev = seg[_token_start(seg, prev_end) : prev_end].lstrip(_LEADING_PUNCT)
        return not prev[:1].islower() and prev.lower() not in _LETTER_NAMED
    return "." in word and _DOTTED.fullmatch(word) is not None  # U.S. / Ph.D.


def _boundaries(seg: str) -> List[int]:
    """Offsets in ``seg`` where a new sentence starts, ascending."""
    cuts: List[int] = []
    for m in _TERMINATOR.finditer(seg):
        nxt = m.end()
        ch = seg[nxt]
        if ch > "\x7f" and not (ch.isupper() or ch.isdigit() or ch in _OPENERS):
            continue
        term = m.start()
        # Only a single "." can belong to an abbreviation ("!", "?" and "..."
        # always end the sentence here).
        if seg[term] == "." and seg[term + 1] != "." and _is_abbreviation(
            seg, _token_start(seg, term), term, ch
        ):
            continue
        cuts.append(m.start(1))
    if "\n" in seg:
        extra = [m.start() for m in _BULLET_LINE.finditer(seg)]
        extra.extend(m.start() for m in _BLANK_LINE.finditer(seg))
        if extra:
            cuts = sorted(set(cuts).union(extra))
    return cuts


def split_sentences(text: str, start: int, end: int) -> List[Tuple[int, int]]:
    """Split ``text[start:end]`` into sentence spans (absolute offsets),
    each trimmed of surrounding whitespace; empty spans are dropped."""
    seg = text[start:end]
    spans: List[Tuple[int, int]] = []
    prev = 0
    cuts = _boundaries(seg)
    cuts.append(len(seg))
    for cut in cuts:
        piece = seg[prev:cut]
        stripped = piece.strip()
        if stripped:
            s = start + prev + len(piece) - len(piece.lstrip())
            spans.append((s, s + len(stripped)))
        prev = cut
    return spans
