from __future__ import annotations

import pytest

from claimlint.document import Document, parse
from claimlint.markup.html import extract

HTML_LINES = [
    "<!DOCTYPE html>",  # 1
    "<html><head><title>Best Magnesium</title>",  # 2
    "<style>.secretstyle { color: red }</style>",  # 3
    "<script>var secretscript = '<p>x</p>';</script></head>",  # 4
    "<body>",  # 5
    "<h1>Sleep &amp; Calm</h1>",  # 6
    "<p>It is &ldquo;safe&rdquo; and <b>clin</b>ically tested.</p>",  # 7
    "<ul><li>First point</li><li>Second point</ul>",  # 8
    "<!-- secretcomment -->",  # 9
    "<table><tr><th>Dose</th><td>400&nbsp;mg</td></tr></table>",  # 10
    "<blockquote><p>Trusted by doctors</p></blockquote>",  # 11
    "<pre>secretpre</pre><p>Use <code>secretcode</code> daily.</p>",  # 12
    "<p class=\"secretattr\" title='secrettitle'>Attr para <img src=\"x.png\" alt=\"secretalt\">end</p>",  # 13
    "<template>secrettemplate</template><noscript>secretnoscript</noscript>"
    "<svg><text>secretsvg</text></svg>",  # 14
    "</body></html>",  # 15
    "",
]
NEWLINES = [pytest.param("\n", id="lf"), pytest.param("\r\n", id="crlf"), pytest.param("\r", id="cr")]


def page(newline: str = "\n") -> Document:
    return parse(newline.join(HTML_LINES), "page.html")


def locate(doc: Document, needle: str) -> tuple[int, int, int, int]:
    start = doc.text.index(needle)
    return doc.location(start, start + len(needle))


@pytest.mark.parametrize("newline", NEWLINES)
@pytest.mark.parametrize(
    ("needle", "expected"),
    [
        pytest.param("Magnesium", (2, 25, 2, 34), id="title"),
        pytest.param("Calm", (6, 17, 6, 21), id="heading-after-entity"),
        pytest.param("&", (6, 11, 6, 16), id="entity-covers-source"),
        pytest.param('"safe"', (7, 10, 7, 28), id="curly-entities"),
        pytest.param("clinically", (7, 36, 7, 50), id="word-split-by-inline-tag"),
        pytest.param("tested.", (7, 51, 7, 58), id="after-inline-tag"),
        pytest.param("Second", (8, 29, 8, 35), id="unclosed-li"),
        pytest.param("Dose", (10, 16, 10, 20), id="th"),
        pytest.param("400 mg", (10, 29, 10, 40), id="td-with-nbsp"),
        pytest.param("doctors", (11, 27, 11, 34), id="blockquote"),
        pytest.param("daily.", (12, 52, 12, 58), id="after-code"),
        pytest.param("end", (13, 86, 13, 89), id="after-img"),
    ],
)
def test_word_positions(needle: str, expected: tuple[int, int, int, int], newline: str) -> None:
    assert locate(page(newline), needle) == expected


@pytest.mark.parametrize(
    "needle",
    [
        pytest.param("secretstyle", id="style"),
        pytest.param("secretscript", id="script"),
        pytest.param("<p>", id="tag-inside-script"),
        pytest.param("secretcomment", id="comment"),
        pytest.param("secretpre", id="pre"),
        pytest.param("secretcode", id="code"),
        pytest.param("secretattr", id="attribute"),
        pytest.param("secrettitle", id="title-attribute"),
        pytest.param("secretalt", id="img-alt"),
        pytest.param("secrettemplate", id="template"),
        pytest.param("secretnoscript", id="noscript"),
        pytest.param("secretsvg", id="svg"),
        pytest.param("DOCTYPE", id="doctype"),
        pytest.param("&amp;", id="raw-entity"),
        pytest.param("<", id="any-tag"),
    ],
)
def test_excluded_text(needle: str) -> None:
    assert needle not in page().text


def test_block_kinds() -> None:
    doc = page()
    assert [(b.kind, doc.text[b.start : b.end]) for b in doc.blocks] == [
        ("title", "Best Magnesium"),
        ("heading", "Sleep & Calm"),
        ("paragraph", 'It is "safe" and clinically tested.'),
        ("list-item", "First point"),
        ("list-item", "Second point"),
        ("table-cell", "Dose"),
        ("table-cell", "400 mg"),
        ("quote", "Trusted by doctors"),
        ("paragraph", "Use   daily."),
        ("paragraph", "Attr para  end"),
    ]


def blocks(source: str) -> list[tuple[str, str]]:
    doc = parse(source, "x.html")
    return [(b.kind, doc.text[b.start : b.end]) for b in doc.blocks]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("<p>a</p><p>b</p>", [("paragraph", "a"), ("paragraph", "b")], id="adjacent-paragraphs"),
        pytest.param("Line one<br>Line two", [("paragraph", "Line one"), ("paragraph", "Line two")], id="br-splits"),
        pytest.param("<div>x<div>y</div>z</div>", [("paragraph", c) for c in "xyz"], id="nested-divs"),
        pytest.param("<p>a<p>b", [("paragraph", "a"), ("paragraph", "b")], id="unclosed-p"),
        pytest.param("<li><p>in item</p></li>", [("list-item", "in item")], id="p-inside-li"),
        pytest.param("<blockquote><ul><li>q</li></ul></blockquote>", [("list-item", "q")], id="innermost-context"),
        pytest.param("<li><h2>h</h2></li>", [("heading", "h")], id="heading-in-li"),
        pytest.param("<table><tr><td>a<td>b<tr><td>c</table>", [("table-cell", c) for c in "abc"], id="unclosed-cells"),
        pytest.param("<dl><dt>term<dd>definition</dl>", [("paragraph", "term"), ("paragraph", "definition")], id="dl"),
        pytest.param("<p>Use <code>x</code> and <pre>y</pre> z</p>", [("paragraph", "Use   and"), ("paragraph", "z")], id="pre-is-block"),
        pytest.param("<p>Use <code>x</p><p>after</p>", [("paragraph", "Use"), ("paragraph", "after")], id="unclosed-code-ends-with-p"),
        pytest.param("<title>T</title><p>body</p>", [("title", "T"), ("paragraph", "body")], id="title-without-head"),
        pytest.param("<head><title>T</title><meta x=1><p>body", [("title", "T"), ("paragraph", "body")], id="body-content-ends-head"),
        pytest.param("<head><link rel=x>hidden</head><body>shown", [("paragraph", "shown")], id="head-text-skipped"),
        pytest.param("mag<b>ne</b>sium", [("paragraph", "magnesium")], id="inline-tags-contribute-nothing"),
        pytest.param("<p>a <img src=x> b</p>", [("paragraph", "a   b")], id="img-is-space"),
        pytest.param("<p>  \n  </p><p>x</p>", [("paragraph", "x")], id="empty-block-dropped"),
        pytest.param("a &copy; &#8364; &#x41; &#65 b", [("paragraph", "a \u00a9 \u20ac A A b")], id="entities"),
        pytest.param("R&D &bogus; &amp", [("paragraph", "R&D &bogus; &")], id="unknown-and-legacy-entities"),
        pytest.param("x &nbsp;y", [("paragraph", "x  y")], id="nbsp-normalised"),
        pytest.param("<p>a<!-- c -->b</p>", [("paragraph", "ab")], id="comment-inside-word"),
        pytest.param("<script>if (a < b) {}</script>after", [("paragraph", "after")], id="script-with-lt"),
        pytest.param("<SCRIPT>x</SCRIPT><P>Upper</P>", [("paragraph", "Upper")], id="uppercase-tags"),
        pytest.param("<p>a</p><![CDATA[secret]]><p>b</p>", [("paragraph", "a"), ("paragraph", "b")], id="cdata"),
        pytest.param("<p>text <!-- never closed", [("paragraph", "text")], id="unterminated-comment"),
        pytest.param("<p>stray < sign</p>", [("paragraph", "stray < sign")], id="stray-lt"),
        pytest.param("<p>x <![weird> y</p>", [("paragraph", "x  y")], id="bogus-marked-section"),
        pytest.param("<p>tail <b", [("paragraph", "tail")], id="unterminated-tag"),
        pytest.param("<script>never closed <p>secret", [], id="unclosed-script"),
        pytest.param("", [], id="empty"),
    ],
)
def test_blocks(source: str, expected: list[tuple[str, str]]) -> None:
    assert blocks(source) == expected


@pytest.mark.parametrize(
    ("source", "needle", "expected"),
    [
        pytest.param("<p>\u00b5g caf\u00e9 \U0001f600 zinc</p>", "zinc", (1, 14, 1, 18), id="non-ascii"),
        pytest.param("<p>\ta\tzinc</p>", "zinc", (1, 7, 1, 11), id="tabs"),
        pytest.param("<p>one\r\ntwo zinc</p>", "zinc", (2, 5, 2, 9), id="crlf-inside-block"),
        pytest.param("<p>one\rtwo zinc</p>", "zinc", (2, 5, 2, 9), id="lone-cr-inside-block"),
        pytest.param("<p>one\r\ntwo</p>", "one\ntwo", (1, 4, 2, 4), id="crlf-span"),
        pytest.param("<p>&#x1F600; ok</p>", "\U0001f600", (1, 4, 1, 13), id="astral-charref"),
        pytest.param("<p>a&hellip;</p>", "a...", (1, 4, 1, 13), id="ellipsis-entity"),
    ],
)
def test_positions(source: str, needle: str, expected: tuple[int, int, int, int]) -> None:
    assert locate(parse(source, "x.html"), needle) == expected


def test_entity_piece_covers_entity() -> None:
    assert extract("<p>a&amp;b</p>") == [("paragraph", [(3, 4, None), (4, 9, "&"), (9, 10, None)])]


def test_deeply_nested_unclosed_tags() -> None:
    source = "<b>" * 5000 + "deep" + "<p>after</p>"
    assert blocks(source) == [("paragraph", "deep"), ("paragraph", "after")]
