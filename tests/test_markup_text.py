from __future__ import annotations

import pytest

from claimlint.document import parse
from claimlint.markup.text import extract, is_directive_line


def blocks(source: str) -> list[tuple[str, str]]:
    doc = parse(source, "copy.txt")
    return [(b.kind, doc.text[b.start : b.end]) for b in doc.blocks]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("One paragraph.", [("paragraph", "One paragraph.")], id="single"),
        pytest.param(
            "First para.\nstill first.\n\nSecond para.",
            [("paragraph", "First para.\nstill first."), ("paragraph", "Second para.")],
            id="blank-line-separates",
        ),
        pytest.param(
            "First para.\n \t \nSecond para.",
            [("paragraph", "First para."), ("paragraph", "Second para.")],
            id="whitespace-only-line-separates",
        ),
        pytest.param("Best Sleep Aid\n\nBody text.", [("heading", "Best Sleep Aid"), ("paragraph", "Body text.")], id="short-line-heading"),
        pytest.param("Key benefits:\n\nx.", [("paragraph", "Key benefits:"), ("paragraph", "x.")], id="colon-is-not-heading"),
        pytest.param("Buy it now!", [("paragraph", "Buy it now!")], id="terminated-is-not-heading"),
        pytest.param("w " * 50, [("paragraph", ("w " * 50).strip())], id="long-line-is-not-heading"),
        pytest.param(
            "Benefits:\n\u2022 Sleep better\n- Calm mind\n* Focus\n+ Energy",
            [
                ("paragraph", "Benefits:"),
                ("list-item", "Sleep better"),
                ("list-item", "Calm mind"),
                ("list-item", "Focus"),
                ("list-item", "Energy"),
            ],
            id="bullets-split-paragraph",
        ),
        pytest.param(
            "\u25e6 a\n\u25aa b\n\u2023 c\n\u00b7 d\n\u2013 e",
            [("list-item", c) for c in "abcde"],
            id="unicode-bullets",
        ),
        pytest.param(
            "1. Mix\n2) Drink\na) Rest",
            [("list-item", "Mix"), ("list-item", "Drink"), ("list-item", "Rest")],
            id="numbered-and-lettered",
        ),
        pytest.param(
            "   - indented bullet\n     continues here",
            [("list-item", "indented bullet\n     continues here")],
            id="bullet-continuation",
        ),
        pytest.param("J. Smith agrees.", [("paragraph", "J. Smith agrees.")], id="initial-is-not-bullet"),
        pytest.param("-5 mg is not a bullet.", [("paragraph", "-5 mg is not a bullet.")], id="dash-number-not-bullet"),
        pytest.param(
            "Claim one.\n# claimlint-disable overstatement\nClaim two.",
            [("paragraph", "Claim one."), ("paragraph", "Claim two.")],
            id="hash-directive-excluded",
        ),
        pytest.param(
            "Claim one.\n  // claimlint-disable-next-line\nClaim two.",
            [("paragraph", "Claim one."), ("paragraph", "Claim two.")],
            id="slash-directive-excluded",
        ),
        pytest.param(
            "<!-- claimlint-disable -->\nClaim.\n<!-- any comment -->",
            [("paragraph", "Claim.")],
            id="html-comment-line-excluded",
        ),
        pytest.param("# Not a directive heading", [("heading", "# Not a directive heading")], id="plain-hash-kept"),
        pytest.param("", [], id="empty"),
        pytest.param("\n\n  \n", [], id="blank"),
    ],
)
def test_blocks(source: str, expected: list[tuple[str, str]]) -> None:
    assert blocks(source) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("# claimlint-disable x", True, id="hash"),
        pytest.param("#claimlint-enable", True, id="hash-no-space"),
        pytest.param("// claimlint-disable-next-line", True, id="slashes"),
        pytest.param("  <!-- anything -->  ", True, id="html-comment"),
        pytest.param("# claim lint", False, id="not-directive"),
        pytest.param("text <!-- c -->", False, id="comment-not-whole-line"),
    ],
)
def test_is_directive_line(line: str, expected: bool) -> None:
    assert is_directive_line(line) is expected


def test_blocks_are_single_source_runs() -> None:
    source = "Title\n\npara one\npara two\n- item"
    assert extract(source) == [
        ("heading", [(0, 5, None)]),
        ("paragraph", [(7, 24, None)]),
        ("list-item", [(27, 31, None)]),
    ]


@pytest.mark.parametrize(
    ("source", "word", "expected"),
    [
        pytest.param("Intro.\n\nTake magnesium daily.", "magnesium", (3, 6, 3, 15), id="paragraph"),
        pytest.param("Intro.\r\n\r\nTake magnesium daily.", "magnesium", (3, 6, 3, 15), id="crlf"),
        pytest.param("Intro.\r\rTake magnesium daily.", "magnesium", (3, 6, 3, 15), id="lone-cr"),
        pytest.param("Take\tmagnesium\tdaily.", "magnesium", (1, 6, 1, 15), id="tab-is-one-column"),
        pytest.param("400 \u00b5g caf\u00e9 \U0001f600 zinc.", "zinc", (1, 15, 1, 19), id="non-ascii-code-points"),
        pytest.param("Lead:\n  \u2022 Cures colds\n", "Cures", (2, 5, 2, 10), id="bullet-item"),
        pytest.param("a\n# claimlint-disable\nSee zinc.", "zinc", (3, 5, 3, 9), id="after-directive"),
        pytest.param("one\ntwo magnesium", "two magnesium", (2, 1, 2, 14), id="second-line"),
        pytest.param("wrap\nacross", "wrap\nacross", (1, 1, 2, 7), id="span-across-lines"),
    ],
)
def test_positions(source: str, word: str, expected: tuple[int, int, int, int]) -> None:
    doc = parse(source, "copy.txt")
    start = doc.text.index(word)
    assert doc.location(start, start + len(word)) == expected


def test_huge_single_line_paragraph() -> None:
    source = "Magnesium may help. " * 50_000 + "Needle"
    doc = parse(source, "big.txt")
    start = doc.text.index("Needle")
    assert doc.location(start, start + 6) == (1, 1_000_001, 1, 1_000_007)
    assert len(doc.sentences) == 50_001
