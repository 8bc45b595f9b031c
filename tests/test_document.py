from __future__ import annotations

import html
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimlint.document import BLOCK_SEPARATOR, Document, Unit, build_document, detect_markup, parse
from claimlint.normalize import NORMALISATION_TABLE, normalize


@pytest.mark.parametrize(
    ("path", "markup"),
    [
        pytest.param("a.md", "markdown", id="md"),
        pytest.param("dir/A.MARKDOWN", "markdown", id="markdown-upper"),
        pytest.param("a.mdown", "markdown", id="mdown"),
        pytest.param("a.mkd", "markdown", id="mkd"),
        pytest.param("a.html", "html", id="html"),
        pytest.param("a.htm", "html", id="htm"),
        pytest.param("a.xhtml", "html", id="xhtml"),
        pytest.param("a.txt", "text", id="txt"),
        pytest.param("README", "text", id="no-extension"),
        pytest.param("notes.md.bak", "text", id="last-extension-wins"),
        pytest.param("-", "text", id="stdin"),
    ],
)
def test_detect_markup(path: str, markup: str) -> None:
    assert detect_markup(path) == markup


@pytest.mark.parametrize(
    ("path", "markup", "expected_text"),
    [
        pytest.param("a.md", None, "Bold claim", id="detected-markdown"),
        pytest.param("a.txt", None, "**Bold** claim", id="detected-text"),
        pytest.param("a.txt", "markdown", "Bold claim", id="explicit-overrides-path"),
        pytest.param("a.md", "html", "**Bold** claim", id="explicit-html"),
    ],
)
def test_parse_dispatch(path: str, markup: str | None, expected_text: str) -> None:
    doc = parse("**Bold** claim", path, markup)
    assert doc.text == expected_text
    assert doc.path == path
    assert doc.markup == (markup or detect_markup(path))
    assert doc.source == "**Bold** claim"


def test_unknown_markup_raises() -> None:
    with pytest.raises(ValueError, match="unknown markup"):
        parse("x", "a.txt", "rst")


SAMPLE = "Title\n\nFirst claim. Dr. Who agrees.\nIt cures colds!\n\n- item one\n"


def test_blocks_and_sentences() -> None:
    doc = parse(SAMPLE, "a.txt")
    assert doc.text == "Title\n\nFirst claim. Dr. Who agrees.\nIt cures colds!\n\nitem one"
    assert doc.blocks == [Unit(0, 5, "heading"), Unit(7, 51, "paragraph"), Unit(53, 61, "list-item")]
    assert [(doc.text[s.start : s.end], s.kind) for s in doc.sentences] == [
        ("Title", "heading"),
        ("First claim.", "paragraph"),
        ("Dr. Who agrees.", "paragraph"),
        ("It cures colds!", "paragraph"),
        ("item one", "list-item"),
    ]


@pytest.mark.parametrize(
    ("offset", "block", "sentence"),
    [
        pytest.param(0, Unit(0, 5, "heading"), Unit(0, 5, "heading"), id="first-char"),
        pytest.param(4, Unit(0, 5, "heading"), Unit(0, 5, "heading"), id="last-char-of-block"),
        pytest.param(5, None, None, id="separator"),
        pytest.param(6, None, None, id="separator-2"),
        pytest.param(19, Unit(7, 51, "paragraph"), None, id="between-sentences"),
        pytest.param(20, Unit(7, 51, "paragraph"), Unit(20, 35, "paragraph"), id="second-sentence"),
        pytest.param(60, Unit(53, 61, "list-item"), Unit(53, 61, "list-item"), id="last-char"),
        pytest.param(61, None, None, id="end-of-text"),
        pytest.param(-1, None, None, id="negative"),
    ],
)
def test_block_and_sentence_of(offset: int, block: Unit | None, sentence: Unit | None) -> None:
    doc = parse(SAMPLE, "a.txt")
    assert doc.block_of(offset) == block
    assert doc.sentence_of(offset) == sentence


def test_blocks_separated_by_blank_line_with_previous_end_origin() -> None:
    source = "<p>one</p><p>two</p>"
    doc = parse(source, "a.html")
    assert doc.text == "one" + BLOCK_SEPARATOR + "two"
    assert [doc.source_offset(i) for i in range(len(doc.text))] == [3, 4, 5, 6, 6, 13, 14, 15]


@pytest.mark.parametrize(
    ("source", "line_col"),
    [
        pytest.param("ab\ncd", [(1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (2, 3)], id="lf"),
        pytest.param("ab\r\ncd", [(1, 1), (1, 2), (1, 3), (1, 4), (2, 1), (2, 2), (2, 3)], id="crlf"),
        pytest.param("a\rb\n\rc", [(1, 1), (1, 2), (2, 1), (2, 2), (3, 1), (4, 1), (4, 2)], id="mixed"),
        pytest.param("\tx\u00e9\U0001f600y", [(1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (1, 6)], id="code-points"),
    ],
)
def test_line_col(source: str, line_col: list[tuple[int, int]]) -> None:
    doc = parse(source, "a.txt")
    assert [doc.line_col(i) for i in range(len(source) + 1)] == line_col


@pytest.mark.parametrize(
    ("source", "path", "needle", "expected"),
    [
        pytest.param("Take zinc.", "a.txt", "zinc", (1, 6, 1, 10), id="end-column-exclusive"),
        pytest.param("Take zinc.", "a.txt", "z", (1, 6, 1, 7), id="single-char"),
        pytest.param("a\r\nb\r\nTake\tzinc", "a.txt", "zinc", (3, 6, 3, 10), id="crlf-and-tab"),
        pytest.param("A line\r\nwraps", "a.txt", "line\nwraps", (1, 3, 2, 6), id="span-over-crlf"),
        pytest.param("\u00b5g caf\u00e9 \U0001f600 zinc", "a.txt", "zinc", (1, 11, 1, 15), id="non-ascii"),
        pytest.param("It\u2019s safe", "a.txt", "It's", (1, 1, 1, 5), id="normalised-quote"),
        pytest.param("Wait\u2026 what", "a.txt", "...", (1, 5, 1, 6), id="ellipsis-one-source-char"),
        pytest.param("mag\u00adne\u00adsium!", "a.txt", "magnesium", (1, 1, 1, 12), id="soft-hyphens-inside"),
        pytest.param("Salt &amp; pepper", "a.md", "&", (1, 6, 1, 11), id="entity-end-after-semicolon"),
        pytest.param("<p>Zinc</p>", "a.html", "Zinc", (1, 4, 1, 8), id="html"),
    ],
)
def test_location(source: str, path: str, needle: str, expected: tuple[int, int, int, int]) -> None:
    doc = parse(source, path)
    start = doc.text.index(needle)
    assert doc.location(start, start + len(needle)) == expected


def test_empty_span_location() -> None:
    doc = parse("Take zinc.", "a.txt")
    assert doc.location(5, 5) == (1, 6, 1, 6)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("Zinc.\n", 5, id="end-of-last-char"),
        pytest.param("Zinc &amp;", 10, id="after-entity"),
        pytest.param("", 0, id="empty"),
        pytest.param("```\ncode\n```\n", 13, id="no-prose-is-len-source"),
    ],
)
def test_source_offset_at_end(source: str, expected: int) -> None:
    doc = parse(source, "a.md")
    assert doc.source_offset(len(doc.text)) == expected


@pytest.mark.parametrize("offset", [pytest.param(-1, id="negative"), pytest.param(6, id="past-end")])
def test_source_offset_out_of_range(offset: int) -> None:
    doc = parse("Zinc.", "a.txt")
    with pytest.raises(IndexError):
        doc.source_offset(offset)


def test_origin_array_matches_source_offset() -> None:
    doc = parse("# T\u2019s\n\nA &ldquo;b&rdquo;\u2026 c\r\nd <!-- x --> e\n", "a.md")
    assert list(doc.origin) == [doc.source_offset(i) for i in range(len(doc.text))]
    assert len(doc.origin) == len(doc.text)


def test_build_document_from_pieces() -> None:
    source = "xx&amp;yy\u2026zz"
    doc = build_document(
        source,
        "p",
        "html",
        [("paragraph", [(0, 2, None), (2, 7, "&"), (7, 9, None)]), ("heading", [(9, 12, None)])],
    )
    assert doc.text == "xx&yy\n\n...zz"
    assert list(doc.origin) == [0, 1, 2, 7, 8, 9, 9, 9, 9, 9, 10, 11]
    assert doc.blocks == [Unit(0, 5, "paragraph"), Unit(7, 12, "heading")]
    assert doc.location(0, 3) == (1, 1, 1, 8)


def test_whitespace_only_blocks_are_dropped() -> None:
    doc = build_document("a   b", "p", "text", [("paragraph", [(1, 4, None)]), ("paragraph", [(4, 5, None)])])
    assert doc.text == "b"
    assert doc.blocks == [Unit(0, 1, "paragraph")]


def test_blocks_are_trimmed() -> None:
    doc = parse("<p>\n   Zinc helps.\n  </p>", "a.html")
    assert doc.text == "Zinc helps."
    assert doc.location(0, len(doc.text)) == (2, 4, 2, 15)


@pytest.mark.parametrize("markup", ["text", "markdown", "html"])
def test_one_megabyte_single_line_is_not_quadratic(markup: str) -> None:
    import time

    source = "Magnesium may support sleep and calm. " * 27_000  # ~1 MB, one line
    started = time.perf_counter()
    doc = parse(source, "big", markup)
    elapsed = time.perf_counter() - started
    assert len(doc.sentences) == 27_000
    assert doc.location(len(doc.text) - 5, len(doc.text)) == (1, len(source) - 5, 1, len(source))
    # Takes well under a second; anything quadratic takes hours on 1 MB.
    assert elapsed < 10


# --- property tests -----------------------------------------------------------

_FRAGMENTS = [
    "a", "Zinc", " ", "\t", "\n", "\n\n", "\r\n", "\r", ".", "!", "?", ":", "*", "_", "~~", "`", "```\n",
    "#", "# ", "\n===\n", "\n---\n", "- ", "\n- ", "1. ", "\n> ", ">", "|", "| a | b |\n|---|---|\n",
    "[", "]", "(", ")", "[x](http://e.com/(a))", "![alt](i.png)", "![](i.png)", "<https://x.org>",
    "[r]", "\n[r]: /u\n", "\\", "\\*", "&", "&amp;", "&ldquo;", "&#8220;", "&#x1F600;", "&#0;", "&bogus;",
    "<", "<p>", "</p>", "<b>", "</b>", "<br>", "<li>", "<td>", "<title>", "<head>", "<script>", "</script>",
    "<code>", "<!--", "-->", "<!", "<![", "<![CDATA[", "<?", "\u2019", "\u201c", "\u2014", "\u2026", "\u00a0",
    "\u00ad", "\u200b", "\ufeff", "\x00", "\u00b5g", "\u00e9", "\U0001f600", "---\n", "+++\n", "  ", "    ",
    "# claimlint-disable\n", "\u2022 ",
]
_SOURCES = st.one_of(
    st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map("".join),
    st.text(max_size=60),
)
_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][-.A-Za-z0-9]*);?")
# Removed inline code, HTML, autolinks and alt-less images read as one space
# attributed to their first source character.
_PLACEHOLDER_ORIGINS = "<`!"


def _char_is_explained(char: str, source: str, o: int) -> bool:
    src = source[o]
    if src == char:
        return True
    if char in NORMALISATION_TABLE.get(src, "\x01"):
        return True
    if (src, char) in {("\r", "\n"), ("\x00", " ")}:
        return True
    if char == " " and src in _PLACEHOLDER_ORIGINS:
        return True
    if src == "&":
        m = _ENTITY.match(source, o)
        if m is not None:
            entity = m.group() if m.group().endswith(";") else m.group() + ";"
            return char in normalize(html.unescape(entity))[0]
    return False


@pytest.mark.parametrize("markup", ["text", "markdown", "html"])
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=_SOURCES)
def test_every_text_char_maps_back_to_its_source(markup: str, source: str) -> None:
    doc = parse(source, "fuzz", markup)
    assert len(doc.origin) == len(doc.text)
    previous_block_end = 0
    for block in doc.blocks:
        assert previous_block_end <= block.start < block.end <= len(doc.text)
        assert doc.text[previous_block_end : block.start] == ("" if block is doc.blocks[0] else BLOCK_SEPARATOR)
        assert doc.text[block.start : block.end].strip() == doc.text[block.start : block.end]
        previous_block_end = block.end
    assert previous_block_end == len(doc.text)
    for i, char in enumerate(doc.text):
        o = doc.source_offset(i)
        assert 0 <= o <= len(source)
        if doc.block_of(i) is None:
            assert char == "\n"  # block separator
            continue
        assert o < len(source)
        assert _char_is_explained(char, source, o), (i, char, source[o])
        line, col, end_line, end_col = doc.location(i, i + 1)
        assert (line, col) <= (end_line, end_col)
    assert doc.source_offset(len(doc.text)) <= len(source)
    for sentence in doc.sentences:
        block = doc.block_of(sentence.start)
        assert block is not None and sentence.end <= block.end and sentence.kind == block.kind
    blocks_with_sentences = {id(doc.block_of(s.start)) for s in doc.sentences}
    assert all(id(b) in blocks_with_sentences for b in doc.blocks)


@pytest.mark.parametrize("markup", ["text", "markdown", "html"])
@settings(max_examples=100, deadline=None)
@given(source=_SOURCES)
def test_origins_never_go_backwards(markup: str, source: str) -> None:
    doc = parse(source, "fuzz", markup)
    origin = list(doc.origin)
    assert origin == sorted(origin)
