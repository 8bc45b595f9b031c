"""Lower-casing as the regex module's case-insensitive matching sees letters.

A rule matched ignoring case may find 'İU' for "IU", 'ſtudies' for "studies" or 'µg' for
"μg". ``str.lower()`` keeps those apart from their ASCII (or Greek) partners: looked up by
``lower()``, 'İU' became 'i̇u' (two characters for 'İ') and no unit table had it, which
ended the run with a KeyError. The characters below are the ones whose one-character case
folding differs from their lower case (tests/test_prefilter.py checks the list against
``str.casefold``), and the dotted capital I.
"""
from __future__ import annotations

_FOLDS = str.maketrans({
    "µ": "μ", "ſ": "s", "\u0345": "ι", "ς": "σ", "ϐ": "β", "ϑ": "θ", "ϕ": "φ", "ϖ": "π", "ϰ": "κ", "ϱ": "ρ",
    "ϵ": "ε", "\u1c80": "в", "\u1c81": "д", "\u1c82": "о", "\u1c83": "с", "\u1c84": "т", "\u1c85": "т",
    "\u1c86": "ъ", "\u1c87": "ѣ", "\u1c88": "ꙋ", "ẛ": "ṡ", "\u1fbe": "ι", "İ": "i",
})


def fold_case(text: str) -> str:
    """text lower-cased, with the folds above (for looking matched words up)."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLDS).lower()


def fold_in_place(text: str) -> str:
    """The same, one character for one (offsets into it are offsets into text): a
    character whose lower case is longer (none but 'İ' among letters) stays as it is
    unless folded above."""
    if text.isascii():
        return text.lower()
    folded = text.translate(_FOLDS)
    lower = folded.lower()
    if len(lower) != len(folded):
        lower = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in folded)
    return lower
