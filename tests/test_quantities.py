"""Reading doses: amounts, ranges, units, counts and frequencies, and what a day adds up to."""
from __future__ import annotations

import time

import pytest

from claimlint.quantities import (
    convert,
    find_amounts,
    find_count,
    find_frequencies,
    format_amount,
    read_doses,
)

# text -> (low, high, unit, daily maximum in that unit) of the first dose in it
CASES = [
    # single amounts and units
    pytest.param("500 mg", (500, 500, "mg", 500), id="mg"),
    pytest.param("500mg", (500, 500, "mg", 500), id="mg-no-space"),
    pytest.param("500-mg tablet", (500, 500, "mg", 500), id="mg-hyphenated"),
    pytest.param("250 milligrams", (250, 250, "mg", 250), id="milligrams"),
    pytest.param("1 milligram", (1, 1, "mg", 1), id="milligram"),
    pytest.param("1.5 g", (1.5, 1.5, "g", 1.5), id="decimal-grams"),
    pytest.param("3 grams", (3, 3, "g", 3), id="grams"),
    pytest.param("two grams", (2, 2, "g", 2), id="word-number"),
    pytest.param("three hundred milligrams", (300, 300, "mg", 300), id="word-number-hundreds"),
    pytest.param("1,000 mg", (1000, 1000, "mg", 1000), id="thousands-comma"),
    pytest.param("50 mcg", (50, 50, "mcg", 50), id="mcg"),
    pytest.param("50 \u00b5g", (50, 50, "mcg", 50), id="micro-sign"),
    pytest.param("50 \u03bcg", (50, 50, "mcg", 50), id="greek-mu"),
    pytest.param("50 ug", (50, 50, "mcg", 50), id="ug"),
    pytest.param("50 micrograms", (50, 50, "mcg", 50), id="micrograms"),
    pytest.param("2,000 IU", (2000, 2000, "iu", 2000), id="iu"),
    pytest.param("10,000 international units", (10000, 10000, "iu", 10000), id="international-units"),
    pytest.param("50,000 units", (50000, 50000, "iu", 50000), id="units"),
    # ranges
    pytest.param("100\u2013200 mg", (100, 200, "mg", 200), id="en-dash-range"),
    pytest.param("100-200 mg", (100, 200, "mg", 200), id="hyphen-range"),
    pytest.param("100 - 200 mg", (100, 200, "mg", 200), id="spaced-range"),
    pytest.param("100 to 200 mg", (100, 200, "mg", 200), id="to-range"),
    pytest.param("between 300 and 400 mg", (300, 400, "mg", 400), id="between-and"),
    pytest.param("from 400 to 420 mg of magnesium", (400, 420, "mg", 420), id="from-to"),
    pytest.param("400-420 mg (for men)", (400, 420, "mg", 420), id="range-with-parenthesis"),
    pytest.param("100 mg to 200 mg", (100, 200, "mg", 200), id="unit-on-both-ends"),
    pytest.param("500 mg to 1 g", (0.5, 1, "g", 1), id="mixed-units"),
    pytest.param("200 or 400 mg", (200, 400, "mg", 400), id="or-range"),
    pytest.param("2,000-5,000 IU", (2000, 5000, "iu", 5000), id="iu-range"),
    pytest.param("300 and 400 mg", (400, 400, "mg", 400), id="and-without-between-is-not-a-range"),
    pytest.param("between two and three grams", (2, 3, "g", 3), id="between-word-numbers"),
    pytest.param("one hundred and fifty mg", (150, 150, "mg", 150), id="and-inside-a-number"),
    # frequencies
    pytest.param("100-200 mg once or twice daily", (100, 200, "mg", 400), id="once-or-twice-daily"),
    pytest.param("100-200 mg, once or twice daily", (100, 200, "mg", 400), id="comma-once-or-twice"),
    pytest.param("200 mg twice a day", (200, 200, "mg", 400), id="twice-a-day"),
    pytest.param("200 mg three times daily", (200, 200, "mg", 600), id="three-times-daily"),
    pytest.param("200 mg 2-3 times per day", (200, 200, "mg", 600), id="two-to-three-times"),
    pytest.param("200 mg up to 4 times a day", (200, 200, "mg", 800), id="up-to-four-times"),
    pytest.param("200 mg 2x/day", (200, 200, "mg", 400), id="2x-per-day"),
    pytest.param("200 mg every 8 hours", (200, 200, "mg", 600), id="every-8-hours"),
    pytest.param("200 mg every 6 to 8 hours", (200, 200, "mg", 800), id="every-6-to-8-hours"),
    pytest.param("200 mg per day", (200, 200, "mg", 200), id="per-day"),
    pytest.param("200 mg a day", (200, 200, "mg", 200), id="a-day"),
    pytest.param("200 mg/day", (200, 200, "mg", 200), id="slash-day"),
    pytest.param("200 mg daily", (200, 200, "mg", 200), id="daily"),
    pytest.param("200 mg before bed", (200, 200, "mg", 200), id="before-bed"),
    pytest.param("200 mg with each meal", (200, 200, "mg", 600), id="with-each-meal"),
    pytest.param("200 mg morning and evening", (200, 200, "mg", 400), id="morning-and-evening"),
    pytest.param("200 mg once in the morning and once at night", (200, 200, "mg", 400), id="once-and-once"),
    pytest.param("200 mg b.i.d.", (200, 200, "mg", 400), id="bid"),
    pytest.param("600 mg per day in divided doses", (600, 600, "mg", 600), id="divided-doses"),
    pytest.param("600 mg/day, split into three doses", (600, 600, "mg", 600), id="split-doses"),
    pytest.param("50,000 IU once a week", (50000, 50000, "iu", 50000 / 7), id="weekly"),
    pytest.param("1,000 mg every other day", (1000, 1000, "mg", 500), id="every-other-day"),
    pytest.param("50,000 IU monthly", (50000, 50000, "iu", 50000 / 30), id="monthly"),
    # counts of capsules and tablets
    pytest.param("take 2 capsules of 250 mg", (250, 250, "mg", 500), id="n-capsules-of"),
    pytest.param("take two 250 mg capsules daily", (250, 250, "mg", 500), id="two-250-mg-capsules"),
    pytest.param("take 2 x 200 mg", (200, 200, "mg", 400), id="n-x-amount"),
    pytest.param("2x200mg", (200, 200, "mg", 400), id="n-x-amount-unspaced"),
    pytest.param("200 mg x 2 daily", (200, 200, "mg", 400), id="amount-x-n"),
    pytest.param("2 capsules (250 mg each) twice daily", (250, 250, "mg", 1000), id="each-with-frequency"),
    pytest.param("Each capsule contains 250 mg; take 1-2 capsules daily.", (250, 250, "mg", 500), id="per-capsule-count-later"),
    pytest.param("Take two capsules twice daily; each capsule contains 250 mg.", (250, 250, "mg", 1000), id="count-and-frequency-first"),
    pytest.param("One capsule provides 500 mg.", (500, 500, "mg", 500), id="one-capsule-provides"),
    pytest.param("Take 1-2 capsules (each providing 200 mg) nightly.", (200, 200, "mg", 400), id="each-providing"),
    pytest.param("120 mg (elemental) per capsule; take 2-3 capsules.", (120, 120, "mg", 360), id="per-capsule-after-parenthesis"),
    pytest.param("take four 250 mg capsules", (250, 250, "mg", 1000), id="four-is-not-split-at-or"),
    pytest.param("500 mg per dose, up to 3 doses daily", (500, 500, "mg", 1500), id="doses-daily"),
    pytest.param("2 g each morning and evening", (2, 2, "g", 4), id="each-morning-and-evening"),
    pytest.param("Take 2 capsules (500 mg) daily.", (500, 500, "mg", 500), id="parenthesised-total-is-not-per-capsule"),
    # qualifiers stay with the amount
    pytest.param("1,667 mcg DFE", (1667, 1667, "mcg", 1667), id="dfe"),
    pytest.param("900 mcg RAE", (900, 900, "mcg", 900), id="rae"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_first_dose(text: str, expected: tuple[float, float, str, float]) -> None:
    doses = read_doses(text)
    assert doses, f"no dose found in {text!r}"
    dose = doses[0]
    low, high, unit, daily = expected
    assert (dose.amount.low, dose.amount.high, dose.amount.unit) == (pytest.approx(low), pytest.approx(high), unit)
    assert dose.daily_high == pytest.approx(daily)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Take it 30-60 minutes before bedtime.", id="minutes"),
        pytest.param("A 2012 trial of 46 elderly adults.", id="year-and-count"),
        pytest.param("Vitamin B6 and vitamin D3 and K2-MK7.", id="vitamin-names"),
        pytest.param("Magnesium plays a role in over 300 reactions.", id="count-without-unit"),
        pytest.param("Give 5 mg/kg of body weight.", id="per-kilogram"),
        pytest.param("Give 10 mg per kg daily.", id="per-kg-words"),
        pytest.param("Serum levels of 25 mg/dL.", id="concentration"),
        pytest.param("Almonds contain 270 mg per 100 g.", id="per-100-g-food-label"),
        pytest.param("Sleep spindles of 11-16 Hz.", id="other-unit"),
    ],
)
def test_no_dose(text: str) -> None:
    assert read_doses(text) == []


def test_amount_positions_and_text() -> None:
    text = "Take 100-200 mg of magnesium, once or twice daily."
    (amount,) = find_amounts(text)
    assert text[amount.start : amount.end] == amount.text == "100-200 mg"
    (dose,) = read_doses(text)
    assert text[dose.start : dose.end] == "100-200 mg of magnesium, once or twice daily"


@pytest.mark.parametrize(
    ("text", "unit", "daily"),
    [
        # Letters the patterns match ignoring case but lower() does not map to ASCII: 'İU'
        # was looked up as 'i̇u' and ended the run with a KeyError.
        pytest.param("Take 5000 \u0130U daily.", "iu", 5000, id="dotted-capital-I"),
        pytest.param("Take 400 MG ſix times a day.", "mg", 2400, id="long-s"),
        pytest.param("Take 50 µg daily.", "mcg", 50, id="micro-sign"),
        pytest.param("Take 50 \u03bcg daily.", "mcg", 50, id="greek-mu"),
    ],
)
def test_units_and_counts_read_ignoring_case_like_the_patterns(text: str, unit: str, daily: float) -> None:
    (dose,) = read_doses(text)
    assert (dose.amount.unit, dose.daily_high) == (unit, daily)


def test_several_amounts_each_keep_their_frequency() -> None:
    doses = read_doses("Take 200 mg at night and 100 mg twice a day.")
    assert [d.daily_high for d in doses] == [200, 200]


def test_frequency_before_the_first_amount() -> None:
    (dose,) = read_doses("Twice a day, take 300 mg.")
    assert dose.daily_high == 600


@pytest.mark.parametrize(
    ("text", "per_day"),
    [
        pytest.param("once daily", 1, id="once-daily"),
        pytest.param("twice weekly", 2 / 7, id="twice-weekly"),
        pytest.param("three times a week", 3 / 7, id="three-times-a-week"),
        pytest.param("every 4 hours", 6, id="every-4-hours"),
        pytest.param("every 12 hours", 2, id="every-12-hours"),
        pytest.param("nightly", 1, id="nightly"),
        pytest.param("TID", 3, id="tid"),
        pytest.param("in two divided doses", 1, id="divided"),
    ],
)
def test_frequency(text: str, per_day: float) -> None:
    (freq,) = find_frequencies(text)
    assert freq.per_day == pytest.approx(per_day)


def test_a_count_needs_a_unit_noun_or_a_multiplier() -> None:
    text = "In 2 weeks, take 250 mg."
    (amount,) = find_amounts(text)
    assert find_count(text, amount, 0, len(text)) is None


@pytest.mark.parametrize(
    ("value", "unit", "target", "iu", "expected"),
    [
        pytest.param(1, "g", "mg", None, 1000, id="g-mg"),
        pytest.param(500, "mcg", "mg", None, 0.5, id="mcg-mg"),
        pytest.param(10, "mg", "mcg", None, 10000, id="mg-mcg"),
        pytest.param(4000, "iu", "mcg", 40, 100, id="vitamin-d-iu"),
        pytest.param(10000, "iu", "mcg", 10 / 3, 3000, id="vitamin-a-iu"),
        pytest.param(400, "iu", "mcg", None, None, id="iu-without-factor"),
    ],
)
def test_convert(value: float, unit: str, target: str, iu: float | None, expected: float | None) -> None:
    result = convert(value, unit, target, iu)
    assert result == (None if expected is None else pytest.approx(expected))


@pytest.mark.parametrize(
    ("value", "shown"),
    [(1000, "1,000"), (2.5, "2.5"), (7142.857, "7,143"), (0.333, "0.33"), (40, "40")],
)
def test_format_amount(value: float, shown: str) -> None:
    assert format_amount(value) == shown


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("1" * 20000 + " mg", id="long-digit-run"),
        pytest.param("1 " * 5000 + "mg", id="many-numbers"),
        pytest.param("one two three " * 2000 + "mg", id="many-number-words"),
        pytest.param("100-200 mg or " * 2000, id="many-ranges"),
        pytest.param("every " * 5000 + "hours", id="many-every"),
        pytest.param("2 x " * 3000 + "200 mg", id="many-multipliers"),
    ],
)
def test_no_catastrophic_backtracking(text: str) -> None:
    started = time.perf_counter()
    read_doses(text)
    assert time.perf_counter() - started < 2.0
