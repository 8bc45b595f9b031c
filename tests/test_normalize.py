from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimlint.normalize import (
    NORMALISATION_TABLE,
    needs_normalisation,
    normalize,
    normalize_edits,
)


@pytest.mark.parametrize(
    ("raw", "expected", "origin"),
    [
        pytest.param("\u2018hi\u2019", "'hi'", [0, 1, 2, 3], id="curly-single"),
        pytest.param("\u201chi\u201d", '"hi"', [0, 1, 2, 3], id="curly-double"),
        pytest.param("\u201elow\u201f", '"low"', [0, 1, 2, 3, 4], id="low-and-reversed-double"),
        pytest.param("\u00abok\u00bb", '"ok"', [0, 1, 2, 3], id="guillemets"),
        pytest.param("5\u2032 6\u2033", "5' 6\"", [0, 1, 2, 3, 4], id="primes"),
        pytest.param("\u201ax\u201b\uff07", "'x''", [0, 1, 2, 3], id="other-single-quotes"),
        pytest.param("a\u2013b\u2014c", "a-b-c", [0, 1, 2, 3, 4], id="en-em-dash"),
        pytest.param("\u2010\u2011\u2012\u2015\u2212", "-----", [0, 1, 2, 3, 4], id="hyphens-minus"),
        pytest.param("400\u00a0mg", "400 mg", list(range(6)), id="nbsp"),
        pytest.param("a\u202fb\u2009c\u2007d", "a b c d", list(range(7)), id="narrow-thin-figure"),
        pytest.param("a\u2002b\u2003c\u3000d", "a b c d", list(range(7)), id="en-em-ideographic"),
        pytest.param("a\tb", "a b", [0, 1, 2], id="tab"),
        pytest.param("a\x00b", "a b", [0, 1, 2], id="nul"),
        pytest.param("wait\u2026", "wait...", [0, 1, 2, 3, 4, 4, 4], id="ellipsis-three-chars"),
        pytest.param("\u2026\u2026", "......", [0, 0, 0, 1, 1, 1], id="two-ellipses-own-origins"),
        pytest.param("mag\u00adne\u00adsium", "magnesium", [0, 1, 2, 4, 5, 7, 8, 9, 10], id="soft-hyphen"),
        pytest.param("a\u200b\u200c\u200db", "ab", [0, 4], id="zero-width"),
        pytest.param("a\u2060b\ufeffc", "abc", [0, 2, 4], id="word-joiner-bom"),
        pytest.param("a\r\nb", "a\nb", [0, 2, 3], id="crlf-keeps-lf-origin"),
        pytest.param("a\rb", "a\nb", [0, 1, 2], id="lone-cr-is-newline"),
        pytest.param("a\r\r\nb", "a\n\nb", [0, 1, 3, 4], id="cr-then-crlf"),
        pytest.param("\u201cZinc\u201d\u2014good\u2026\r\n", '"Zinc"-good...\n',
                     [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 11, 11, 13], id="mixed"),
    ],
)
def test_normalize(raw: str, expected: str, origin: list[int]) -> None:
    out, got_origin = normalize(raw)
    assert out == expected
    assert got_origin == origin


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("", id="empty"),
        pytest.param("Plain ASCII text.\nSecond line.", id="ascii"),
        pytest.param("Caf\u00e9 \u00b5g \U0001f600 \u00e9", id="non-ascii-untouched"),
    ],
)
def test_fast_path_returns_same_object(raw: str) -> None:
    out, edits = normalize_edits(raw)
    assert out is raw
    assert edits == []
    assert not needs_normalisation(raw)


@pytest.mark.parametrize(
    ("raw", "edits"),
    [
        pytest.param("a\u2019b", [], id="one-to-one-needs-no-edit"),
        pytest.param("a\u00ad\u200bb", [(1, 3, "")], id="deletion-run"),
        pytest.param("x\u2026", [(1, 2, "...")], id="ellipsis"),
        pytest.param("a\r\nb\rc", [(1, 2, ""), (4, 5, "\n")], id="carriage-returns"),
    ],
)
def test_normalize_edits(raw: str, edits: list[tuple[int, int, str]]) -> None:
    assert needs_normalisation(raw)
    assert normalize_edits(raw)[1] == edits


@pytest.mark.parametrize(
    ("char", "replacement"),
    [
        pytest.param("\u2019", "'", id="right-single-quote"),
        pytest.param("\u201c", '"', id="left-double-quote"),
        pytest.param("\u2014", "-", id="em-dash"),
        pytest.param("\u00a0", " ", id="nbsp"),
        pytest.param("\u2026", "...", id="ellipsis"),
        pytest.param("\u00ad", "", id="soft-hyphen-deleted"),
        pytest.param("\r", "", id="cr-deleted"),
    ],
)
def test_table_documents_mapping(char: str, replacement: str) -> None:
    assert NORMALISATION_TABLE[char] == replacement


def test_table_only_maps_to_ascii() -> None:
    # Rules are written against the ASCII forms; any other output would be a
    # character no rule could match.
    assert all(r.isascii() for r in NORMALISATION_TABLE.values())
    assert "\n" not in NORMALISATION_TABLE


_TYPOGRAPHY = st.text(
    alphabet=st.sampled_from(
        list("ab \n.\r") + list(NORMALISATION_TABLE) + ["\u00e9", "\U0001f600"]
    ),
    max_size=40,
)


@given(_TYPOGRAPHY)
def test_origins_are_consistent(raw: str) -> None:
    out, origin = normalize(raw)
    assert len(origin) == len(out)
    assert origin == sorted(origin)  # order is preserved
    for ch, o in zip(out, origin):
        src = raw[o]
        assert src == ch or ch in NORMALISATION_TABLE[src] or (src, ch) == ("\r", "\n")
    assert not any(c in out for c in NORMALISATION_TABLE)
    # Idempotent: normalised text needs no further work.
    assert normalize_edits(out)[0] is out
