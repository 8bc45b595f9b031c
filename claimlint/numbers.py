"""Numbers as writers state them: "300", "1,000", "1.5", "three hundred", "six in ten", "a third"."""
from __future__ import annotations

import regex

from claimlint.casefold import fold_case
from claimlint.patterns import lazy_regex

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_FRACTIONS = {"half": 0.5, "a half": 0.5, "a third": 1 / 3, "one third": 1 / 3, "two thirds": 2 / 3,
              "a quarter": 0.25, "one quarter": 0.25, "three quarters": 0.75}

WORD_NUMBER = (
    r"(?:(?:" + "|".join(sorted(list(_UNITS) + list(_SCALES), key=len, reverse=True)) + r")"
    r"(?:[\s-]+(?:and[\s-]+)?(?:" + "|".join(sorted(list(_UNITS) + list(_SCALES), key=len, reverse=True)) + r"))*)"
)
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
NUMBER = rf"(?:{DIGITS}|{WORD_NUMBER})"
_NUMBER_RE = lazy_regex(rf"^(?:{NUMBER})$", regex.IGNORECASE)


def parse_number(text: str) -> float | None:
    """The value of a number written in digits or English words; None if it is neither."""
    text = fold_case(text.strip())
    if not text:
        return None
    cleaned = text.replace(",", "")
    try:
        return float(cleaned)
    except ValueError:
        pass
    if text in _FRACTIONS:
        return _FRACTIONS[text]
    total, current, seen = 0.0, 0.0, False
    for word in regex.split(r"[\s-]+", text):
        if word == "and" or not word:
            continue
        if word in _UNITS:
            current += _UNITS[word]
            seen = True
        elif word in _SCALES:
            current = (current or 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


def is_number(text: str) -> bool:
    return _NUMBER_RE.match(text.strip()) is not None
