"""Doses as writers state them: amounts with units, ranges, counts and frequencies.

This module only reads numbers; what a dose is *of*, and whether it is recommended,
is the `limit` kind's business. The pieces:

* :func:`find_amounts`: "500 mg", "100-200 mg", "between 300 and 400 mg",
  "1,000 mcg", "1.5 g", "two grams", "10,000 IU", "500 mg to 1 g".
* :func:`find_frequency`: "once or twice daily" (2 a day), "every 8 hours" (3),
  "per day" (1), "weekly" (1/7), "in divided doses" (a daily total, split).
* :func:`find_count`: "2 capsules of 250 mg", "two 250 mg capsules", "2 x 200 mg",
  "250 mg each" (the amount is per unit; how many units are taken).
* :func:`read_dose` puts them together: the most a day's intake can reach.

Every regex is linear: repetitions are bounded or separated by mandatory tokens (no
nested quantifiers over the same characters), and callers search windows of at most a
sentence.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from claimlint.casefold import fold_case
from claimlint.numbers import DIGITS, WORD_NUMBER, parse_number
from claimlint.patterns import lazy_regex
from claimlint.superset import accelerated

FLAGS = regex.IGNORECASE | regex.V0

# Canonical units and the words that write them, longest first so "mg" never
# stops "mgs" or "milligrams" half-way.
_UNIT_WORDS: dict[str, str] = {
    "milligrams": "mg", "milligram": "mg", "mgs": "mg", "mg": "mg",
    "micrograms": "mcg", "microgram": "mcg", "mcg": "mcg", "\u00b5g": "mcg", "\u03bcg": "mcg", "ug": "mcg",
    "grams": "g", "gram": "g", "gms": "g", "gm": "g", "g": "g",
    "international units": "iu", "international unit": "iu", "i.u.": "iu", "iu": "iu", "units": "iu",
}
_MASS_IN_MG = {"g": 1000.0, "mg": 1.0, "mcg": 0.001}
UNIT = r"(?:" + "|".join(
    regex.escape(word).replace(r"\ ", r"\s{1,3}") for word in sorted(_UNIT_WORDS, key=len, reverse=True)
) + r")(?![\w\u00b5\u03bc])"
# A label's nutrient-specific unit suffix: mcg DFE (folate), mcg RAE (vitamin A),
# mg NE (niacin), mg alpha-TE (vitamin E).
# Upper case only: "500 mg at bedtime" has no qualifier.
QUALIFIER = r"(?-i:DFE|RAE|NE|(?:alpha|a|\u03b1)-?TE)(?!\w)"

NUM = rf"(?:{DIGITS}|{WORD_NUMBER})"
# A number starts a token: not "B6 100", "D3", "K2-MK7", "3.5" from ".5".
_NUM_START = r"(?:(?<![\w.,/-])|(?<=\d[ \t]?[x\u00d7][ \t]?))"

_AMOUNT = lazy_regex(
    rf"{_NUM_START}(?:(?P<pre>between|from)\s{{1,3}})?"
    rf"(?P<lo>{NUM})(?:[ \t]{{0,2}}-?[ \t]{{0,2}}(?P<lounit>{UNIT}))?"
    rf"(?:[ \t]{{0,3}}(?P<sep>-|\u2013|\u2014|to|or|and)[ \t]{{0,3}}(?P<hi>{NUM}))?"
    rf"[ \t]{{0,2}}-?[ \t]{{0,2}}(?P<unit>{UNIT})(?:[ \t]{{1,2}}(?P<qual>{QUALIFIER}))?",
    FLAGS,
)
_AMOUNT_FAST = accelerated(_AMOUNT)  # registered now: its analysis is shipped (python -m claimlint.prefilter)
# Amounts per body weight or per volume cannot be turned into a daily dose.
# (Patterns used with .match(pos) need no "^": match is anchored at pos, "^" is not.)
_NOT_A_DOSE_AFTER = lazy_regex(
    r"\s{0,2}(?:/|per\s+|a\s+)\s{0,2}(?:k?g\b|kilo|kilogram|lb\b|pound|d?l\b|ml\b|milliliter|millilitre|liter|litre|"
    r"100\s*(?:g|grams|ml|kcal|calories)\b|1,?000\s*(?:kcal|calories)\b|kcal|serving\s+of\s+food)",
    FLAGS,
)

_DENOMINATOR_BEFORE = lazy_regex(r"(?<!\w)(?:per|/)\s{0,2}$", FLAGS)


@dataclass(frozen=True)
class Amount:
    """An amount with a unit, as written; low == high unless it is a range."""

    start: int
    end: int
    low: float
    high: float
    unit: str  # mg | mcg | g | iu
    text: str
    qualifier: str | None = None  # DFE, RAE, NE, TE (upper-cased)


def _unit(word: str) -> str:
    return _UNIT_WORDS[" ".join(fold_case(word).split())]


def convert(value: float, unit: str, target: str, iu_per_unit: float | None = None) -> float | None:
    """value in unit as target (mg or mcg); IU needs the nutrient's IU per target unit."""
    if unit == "iu":
        return value / iu_per_unit if iu_per_unit else None
    if unit not in _MASS_IN_MG or target not in _MASS_IN_MG:
        return None
    return value * _MASS_IN_MG[unit] / _MASS_IN_MG[target]


def _between_words(words: str, value: float) -> tuple[float, float]:
    """'between two and three' reads as one number word-wise (five); split it into a range."""
    parts = regex.split(r"\s+and\s+", words, maxsplit=1, flags=regex.IGNORECASE)
    if len(parts) == 2:
        low, high = parse_number(parts[0]), parse_number(parts[1])
        if low is not None and high is not None and high > low:
            return low, high
    return value, value


def find_amounts(text: str, pos: int = 0, endpos: int | None = None) -> list[Amount]:
    """Every amount with a unit in text[pos:endpos], positions into text."""
    endpos = len(text) if endpos is None else endpos
    found: list[Amount] = []
    # Sped up by the pattern's RE2 translation (claimlint.superset), with the same matches:
    # the regex module alone spent a tenth of a cold run here, one sentence at a time.
    for m in _AMOUNT_FAST.finditer(text, pos, endpos):
        amount = _amount(text, m)
        if amount is None or _NOT_A_DOSE_AFTER.match(text, amount.end, endpos):
            continue
        if _DENOMINATOR_BEFORE.search(text, max(pos, amount.start - 6), amount.start):
            continue  # "270 mg per 100 g": the 100 g is what the amount is per
        found.append(amount)
    return found


def _amount(text: str, m: regex.Match[str]) -> Amount | None:
    unit = _unit(m.group("unit"))
    high = parse_number(m.group("hi") or m.group("lo"))
    if high is None:
        return None
    qualifier = m.group("qual") if m.group("qual") else None
    if qualifier is not None and qualifier.endswith("TE"):
        qualifier = "TE"  # alpha-TE, a-TE: alpha-tocopherol equivalents
    start = m.start()
    if m.group("hi") is None:
        single_low, single_high = high, high
        if m.group("pre") and fold_case(m.group("pre")) == "between":
            single_low, single_high = _between_words(m.group("lo"), high)
        return Amount(start, m.end(), single_low, single_high, unit, text[start : m.end()], qualifier)
    low = parse_number(m.group("lo"))
    # "300 and 400 mg" is a range only after "between"; otherwise keep the second amount.
    if low is None or (fold_case(m.group("sep")) == "and" and not m.group("pre")):
        start = m.start("hi")
        return Amount(start, m.end(), high, high, unit, text[start : m.end()], qualifier)
    if m.group("lounit"):
        converted = convert(low, _unit(m.group("lounit")), unit) if unit != "iu" else None
        if _unit(m.group("lounit")) == unit:
            converted = low
        if converted is None:  # "400 IU to 10 mcg": two amounts, keep the second
            start = m.start("hi")
            return Amount(start, m.end(), high, high, unit, text[start : m.end()], qualifier)
        low = converted
    if low > high:  # "10 to 5 mg" is not a range anyone writes; read the larger as the top
        low, high = high, low
    return Amount(start, m.end(), low, high, unit, text[start : m.end()], qualifier)


# --- frequency -------------------------------------------------------------------

_SMALL = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve)"
_TIMES_WORD = r"(?:once|twice|thrice)"
_TIMES = (
    rf"(?:up\s+to\s+)?(?P<a>{_TIMES_WORD}|{_SMALL})(?P<ax>\s{{0,2}}(?:x|\u00d7|times?|doses?))?"
    rf"(?:\s{{0,2}}(?:or|to|-)\s{{0,2}}(?P<b>{_TIMES_WORD}|{_SMALL})(?P<bx>\s{{0,2}}(?:x|\u00d7|times?|doses?))?)?"
)
# "a day", "per 24 hours", "/d": the bare "d" only after a slash ("a D3 softgel" is no period).
_PERIOD_DAY = r"(?:(?:a|an|per|each|every|in\s+a)\s{1,2}(?:day|24\s{0,2}hours?)|/\s{0,2}(?:day|d|24\s{0,2}h))(?!\w)"
_PERIOD = (
    r"(?:\s{0,2}(?:(?:a|an|per|each|every|in\s+a)\s{1,2}|/\s{0,2})(?P<per>day|d|24\s{0,2}h(?:ours?)?|night|week|wk|month)(?!\w)"
    r"|\s{1,2}(?P<adv>daily|nightly|weekly|monthly)(?!\w))"
)
_FREQUENCIES: list[tuple[str, regex.Pattern[str]]] = [
    ("times", lazy_regex(rf"(?<!\w){_TIMES}{_PERIOD}", FLAGS)),
    ("hours", lazy_regex(
        rf"(?<!\w)every\s{{1,3}}(?P<a>{_SMALL})(?:\s{{0,2}}(?:-|to|or)\s{{0,2}}(?P<b>{_SMALL}))?\s{{0,2}}(?:hours?|hrs?|h)(?!\w)",
        FLAGS,
    )),
    ("other-day", lazy_regex(
        r"(?<!\w)(?:every\s+other\s+day|on\s+alternate\s+days|every\s+(?:2|two|second)\s+days)(?!\w)", FLAGS
    )),
    ("split", lazy_regex(
        rf"(?<!\w)(?:(?:in|into|across|as|over)\s{{1,3}}(?:{_SMALL}|divided|split|several|multiple|smaller|separate)\s{{1,3}}"
        r"(?:divided\s+|smaller\s+|separate\s+)?doses|divided\s+doses|split\s+(?:into|across|over|throughout))(?!\w)",
        FLAGS,
    )),
    ("meals", lazy_regex(
        r"(?<!\w)(?:(?:with|at)\s+(?:each|every|all)\s+(?:of\s+your\s+)?meals?|with\s+(?:your\s+)?(?:three\s+)?(?:main\s+)?meals|"
        r"(?:with|at)\s+breakfast,\s+lunch,?\s+and\s+dinner)(?!\w)",
        FLAGS,
    )),
    ("two-a-day", lazy_regex(
        r"(?<!\w)(?:(?:once\s+|each\s+|every\s+)?(?:in\s+the\s+)?(?:morning|a\.?m\.?)\s+and\s+(?:once\s+)?(?:(?:in\s+the\s+)?(?:evening|afternoon)|"
        r"(?:at\s+)?night|(?:at\s+)?bedtime|before\s+bed|p\.?m\.?)|breakfast\s+and\s+(?:dinner|supper|lunch))(?!\w)",
        FLAGS,
    )),
    ("latin", lazy_regex(r"(?<!\w)(?:[bB]\.[iI]\.[dD]\.?|[tT]\.[iI]\.[dD]\.?|[qQ]\.[iI]\.[dD]\.?|BID|TID|QID)(?!\w)", regex.V0)),
    ("week", lazy_regex(r"(?<!\w)(?:(?:once\s+)?(?:a|per|each|every|/)\s{0,2}(?:week|wk)|weekly)(?!\w)", FLAGS)),
    ("month", lazy_regex(r"(?<!\w)(?:(?:once\s+)?(?:a|per|each|every|/)\s{0,2}month|monthly)(?!\w)", FLAGS)),
    ("day", lazy_regex(
        rf"(?<!\w)(?:once\s+)?(?:daily|nightly|every\s+day|each\s+day|{_PERIOD_DAY}|"
        r"(?:a|per|each|every|at)\s+night|(?:every|each)\s+(?:morning|evening|night)|before\s+(?:bed|bedtime|sleep|sleeping)|"
        r"at\s+bedtime|in\s+the\s+(?:morning|evening)|once(?!\s+(?:or|to|-)))(?!\w)",
        FLAGS,
    )),
]
_COUNTED = {"once": 1.0, "twice": 2.0, "thrice": 3.0}
_LATIN = {"b": 2.0, "t": 3.0, "q": 4.0}


@dataclass(frozen=True)
class Frequency:
    """How often a dose is taken: '3 times a day', 'twice weekly'."""

    start: int
    end: int
    times: float  # the most doses in one period
    period_days: float  # 1 a day, 7 a week, 30 a month
    split: bool  # "in divided doses": the amount is already the day's total
    text: str

    @property
    def per_day(self) -> float:
        return 1.0 if self.split else self.times / self.period_days


def _small(word: str | None) -> float | None:
    if word is None:
        return None
    word = fold_case(word)
    return _COUNTED.get(word, parse_number(word))


def _frequency(kind: str, m: regex.Match[str]) -> Frequency | None:
    times, period, split = 1.0, 1.0, False
    if kind == "times":
        a, b = _small(m.group("a")), _small(m.group("b"))
        counted = any(m.group(g) for g in ("ax", "bx")) or fold_case(m.group("a")) in _COUNTED
        if a is None or not counted:
            return None
        times = max(a, b or 0.0)
        per = fold_case(m.group("per") or m.group("adv") or "day")
        period = 7.0 if per.startswith(("week", "wk")) else 30.0 if per.startswith("month") else 1.0
    elif kind == "hours":
        a, b = _small(m.group("a")), _small(m.group("b"))
        shortest = min(x for x in (a, b) if x) if (a or b) else None
        if not shortest:
            return None
        times = max(1.0, 24.0 / shortest)
    elif kind == "other-day":
        times, period = 1.0, 2.0
    elif kind == "split":
        split = True
    elif kind == "meals":
        times = 3.0
    elif kind == "two-a-day":
        times = 2.0
    elif kind == "latin":
        times = _LATIN[fold_case(m.group(0)[0])]
    elif kind == "week":
        period = 7.0
    elif kind == "month":
        period = 30.0
    return Frequency(m.start(), m.end(), times, period, split, m.group(0))


def find_frequencies(text: str, pos: int = 0, endpos: int | None = None) -> list[Frequency]:
    """Every frequency in text[pos:endpos], in order; overlapping readings keep the longest."""
    endpos = len(text) if endpos is None else endpos
    found: list[Frequency] = []
    for kind, pattern in _FREQUENCIES:
        for m in pattern.finditer(text, pos, endpos):
            freq = _frequency(kind, m)
            if freq is not None:
                found.append(freq)
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Frequency] = []
    for freq in found:
        if kept and freq.start < kept[-1].end:
            continue
        kept.append(freq)
    return kept


def find_frequency(text: str, pos: int, endpos: int) -> Frequency | None:
    """The first frequency in text[pos:endpos]."""
    found = find_frequencies(text, pos, endpos)
    return found[0] if found else None


# --- counts of capsules, tablets, servings ------------------------------------------

UNIT_NOUN = (
    r"(?:capsules?|caps|vcaps?|veg(?:gie)?\s?caps?|tablets?|tabs?|softgels?|soft\s?gels?|gel\s?caps?|gummies|gummy|pills?|"
    r"lozenges?|chewables?|drops?|sachets?|packets?|sticks?|scoops?|servings?|teaspoons?|tsp|tablespoons?|tbsp|"
    r"sprays?|pumps?|ampoules?|vials?|doses?)"
)
_COUNT_NUM = rf"(?:{_SMALL}|an?|a\s+single)(?:\s{{0,2}}(?:-|to|or)\s{{0,2}}{_SMALL})?"
# Before the amount: "2 capsules of", "two capsules containing", "2 x", "take two".
_COUNT_BEFORE = lazy_regex(
    rf"(?<!\w)(?P<c>{_COUNT_NUM})\s{{1,2}}{UNIT_NOUN}\s{{1,2}}(?:of|containing|with|at|providing|delivering)\s{{1,2}}"
    rf"(?:(?:about|approximately|around|roughly|each|elemental)\s{{1,2}})?$"
    rf"|(?<!\w)(?P<x>{_SMALL})\s{{0,2}}(?:x|\u00d7|\*)\s{{0,2}}$"
    rf"|(?<!\w)(?P<n>{_COUNT_NUM})\s{{1,2}}$",
    FLAGS,
)
_NOUN_AFTER = lazy_regex(rf"\s{{0,2}}-?\s{{0,2}}{UNIT_NOUN}(?!\w)", FLAGS)
_X_AFTER = lazy_regex(
    rf"\s{{0,2}}(?:x|\u00d7)\s{{0,2}}(?P<c>{_SMALL})(?!\w)(?!\s{{0,2}}times)", FLAGS
)
# The amount is per unit: "250 mg each", "250 mg per capsule", "each capsule contains 250 mg".
_PER_UNIT_AFTER = lazy_regex(
    rf"\s{{0,2}}(?:\([^()]{{0,30}}\)\s{{0,2}})?(?:\)\s{{0,2}})?(?:each|apiece|per\s+{UNIT_NOUN}|in\s+(?:each|every|one|a)\s+{UNIT_NOUN}|an?\s+{UNIT_NOUN})(?!\w)",
    FLAGS,
)
_PER_UNIT_BEFORE = lazy_regex(
    rf"(?<!\w)each\s{{1,2}}(?:contains?|containing|provides?|providing|delivers?|delivering|supplies|supplying|with)\s{{1,2}}"
    rf"(?:(?:about|approximately|around|roughly)\s{{1,2}})?$|"
    rf"(?<!\w)(?:each|every|per|one|a\s+single|1)\s{{1,2}}{UNIT_NOUN}\s{{0,2}}(?:\(|,)?\s{{0,2}}"
    rf"(?:contains?|provides?|has|delivers?|supplies|gives|offers|is|=|:)?\s{{0,2}}"
    rf"(?:(?:about|approximately|around|roughly|up\s+to)\s{{1,2}})?$",
    FLAGS,
)
_UNITS_TAKEN = lazy_regex(rf"(?<!\w)(?P<c>{_COUNT_NUM})\s{{1,2}}{UNIT_NOUN}(?!\w)", FLAGS)
MAX_COUNT = 20.0  # more than this many capsules at once is a misreading


@dataclass(frozen=True)
class Count:
    """How many units are taken at once: '2 capsules'."""

    units: float  # the most units (capsules, tablets, servings) taken at once
    start: int
    end: int
    text: str


def _count_value(text: str) -> float | None:
    text = fold_case(text).strip()
    if text in ("a", "an", "a single") or text.startswith("a single"):
        return 1.0
    parts = regex.split(r"\s*(?:-|\bto\b|\bor\b)\s*", text)  # not inside "four"
    values = [v for v in (_small(p) for p in parts if p) if v is not None]
    if not values or max(values) <= 0 or max(values) > MAX_COUNT:
        return None
    return max(values)


def find_count(text: str, amount: Amount, lo: int, hi: int) -> Count | None:
    """How many units of amount are taken at once, when the amount is per unit."""
    before_lo = max(lo, amount.start - 60)
    m = _COUNT_BEFORE.search(text, before_lo, amount.start)
    if m is not None:
        if m.group("c") or m.group("x"):
            value = _count_value(m.group("c") or m.group("x"))
            if value is not None:
                return Count(value, m.start(), amount.end, text[m.start() : amount.end])
        elif m.group("n") and _NOUN_AFTER.match(text, amount.end, hi):
            value = _count_value(m.group("n"))
            noun = _NOUN_AFTER.match(text, amount.end, hi)
            if value is not None and noun is not None:
                return Count(value, m.start(), noun.end(), text[m.start() : noun.end()])
    x = _X_AFTER.match(text, amount.end, hi)
    if x is not None:
        value = _count_value(x.group("c"))
        if value is not None:
            return Count(value, amount.start, x.end(), text[amount.start : x.end()])
    per_unit = _PER_UNIT_AFTER.match(text, amount.end, hi) or _PER_UNIT_BEFORE.search(text, before_lo, amount.start)
    if per_unit is None:
        return None
    best: Count | None = None
    for taken in _UNITS_TAKEN.finditer(text, lo, hi):
        if taken.start() <= per_unit.start() < taken.end() or per_unit.start() <= taken.start() < per_unit.end():
            continue  # "each capsule" itself is not a count
        value = _count_value(taken.group("c"))
        if value is not None and (best is None or value > best.units):
            best = Count(value, taken.start(), taken.end(), taken.group(0))
    return best


# --- a dose ----------------------------------------------------------------------


@dataclass(frozen=True)
class Dose:
    """An amount, with the count and frequency that multiply it when the text gives them."""

    amount: Amount
    count: Count | None = None
    frequency: Frequency | None = None

    @property
    def units(self) -> float:
        return self.count.units if self.count else 1.0

    @property
    def per_day(self) -> float:
        return self.frequency.per_day if self.frequency else 1.0

    @property
    def daily_high(self) -> float:
        """The most this dose adds up to in a day, in the amount's unit."""
        return self.amount.high * self.units * self.per_day

    @property
    def daily_low(self) -> float:
        return self.amount.low * self.units * self.per_day

    @property
    def start(self) -> int:
        return min(self.amount.start, self.count.start if self.count else self.amount.start)

    @property
    def end(self) -> int:
        ends = [self.amount.end]
        if self.count:
            ends.append(self.count.end)
        if self.frequency and self.frequency.start >= self.amount.end:
            ends.append(self.frequency.end)
        return max(ends)


def read_dose(text: str, amount: Amount, lo: int, hi: int, *, after_end: int | None = None, before_start: int | None = None) -> Dose:
    """The dose around amount within text[lo:hi].

    The frequency is the first one after the amount, before after_end (the caller stops
    it at the next amount of something else); failing that, one before the amount from
    before_start (the caller allows it only when no other amount comes between).
    """
    count = find_count(text, amount, lo, hi)
    search_from = max(amount.end, count.end if count else amount.end)
    freq = find_frequency(text, search_from, min(hi, after_end if after_end is not None else hi))
    if freq is None and before_start is not None:
        earlier = find_frequencies(text, before_start, amount.start)
        freq = earlier[-1] if earlier else None
    return Dose(amount, count, freq)


def read_doses(text: str) -> list[Dose]:
    """Every dose in a short text, each amount's frequency found before the next amount.

    A convenience for tests and tools; the limit kind decides windows itself.
    """
    amounts = find_amounts(text)
    doses = []
    for index, amount in enumerate(amounts):
        after_end = amounts[index + 1].start if index + 1 < len(amounts) else len(text)
        before = 0 if index == 0 else None
        doses.append(read_dose(text, amount, 0, len(text), after_end=after_end, before_start=before))
    return doses


def format_amount(value: float) -> str:
    """1000 -> '1,000'; 2.5 -> '2.5'; 0.333 -> '0.33'."""
    if value >= 100 or float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


UNIT_LABEL = {"mg": "mg", "mcg": "mcg", "g": "g", "iu": "IU"}
