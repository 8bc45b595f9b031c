from __future__ import annotations

import pytest

from claimlint.document import Document, parse
from claimlint.markup.markdown import extract, front_matter_end

MD_LINES = [
    "---",  # 1
    "title: secretfront",  # 2
    "---",  # 3
    "# Magnesium guide ##",  # 4
    "",  # 5
    "Our **magnesium** formula is *clinically* proven.",  # 6
    "",  # 7
    "- first item",  # 8
    "  - nested glycinate",  # 9
    "    1. deeper citrate",  # 10
    "",  # 11
    "> Doctors recommend it.",  # 12
    "> > Nested quote text.",  # 13
    "",  # 14
    "| Dose | Effect |",  # 15
    "|------|--------|",  # 16
    "| 400 mg | sleepy |",  # 17
    "",  # 18
    'See [the study](https://example.com/a_(b) "t") and ![a capsule photo](img.png).',  # 19
    "",  # 20
    "```",  # 21
    "fencedsecret",  # 22
    "```",  # 23
    "",  # 24
    "    indentedsecret",  # 25
    "",  # 26
    "Inline `codesecret` and <https://autolinksecret.com> and <!-- commentsecret --> end.",  # 27
    "",  # 28
    "[ref]: https://refsecret.com",  # 29
    "Read [the trial][ref] now.",  # 30
    "",  # 31
    "Setext heading",  # 32
    "==============",  # 33
    "<div>",  # 34
    "htmlblocksecret",  # 35
    "</div>",  # 36
    "",
]
NEWLINES = [pytest.param("\n", id="lf"), pytest.param("\r\n", id="crlf"), pytest.param("\r", id="cr")]


def md(newline: str = "\n") -> Document:
    return parse(newline.join(MD_LINES), "guide.md")


def locate(doc: Document, needle: str, nth: int = 0) -> tuple[int, int, int, int]:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(needle, start + 1)
    return doc.location(start, start + len(needle))


@pytest.mark.parametrize("newline", NEWLINES)
@pytest.mark.parametrize(
    ("needle", "expected"),
    [
        pytest.param("Magnesium", (4, 3, 4, 12), id="heading"),
        pytest.param("guide", (4, 13, 4, 18), id="heading-before-closing-hashes"),
        pytest.param("magnesium", (6, 7, 6, 16), id="paragraph-strong"),
        pytest.param("clinically", (6, 31, 6, 41), id="paragraph-emphasis"),
        pytest.param("magnesium formula is clinically", (6, 7, 6, 41), id="span-over-markup"),
        pytest.param("first", (8, 3, 8, 8), id="list-item"),
        pytest.param("glycinate", (9, 12, 9, 21), id="nested-list-item"),
        pytest.param("citrate", (10, 15, 10, 22), id="nested-ordered-item"),
        pytest.param("Doctors", (12, 3, 12, 10), id="blockquote"),
        pytest.param("Nested", (13, 5, 13, 11), id="nested-blockquote"),
        pytest.param("Effect", (15, 10, 15, 16), id="table-header-cell"),
        pytest.param("400 mg", (17, 3, 17, 9), id="table-cell"),
        pytest.param("sleepy", (17, 12, 17, 18), id="table-second-cell"),
        pytest.param("the study", (19, 6, 19, 15), id="link-text"),
        pytest.param("and", (19, 48, 19, 51), id="after-link-with-parens-in-url"),
        pytest.param("capsule", (19, 56, 19, 63), id="image-alt"),
        pytest.param("end.", (27, 81, 27, 85), id="after-code-autolink-comment"),
        pytest.param("trial", (30, 11, 30, 16), id="reference-link-text"),
        pytest.param("now.", (30, 23, 30, 27), id="after-reference-link"),
        pytest.param("Setext", (32, 1, 32, 7), id="setext-heading"),
    ],
)
def test_word_positions(needle: str, expected: tuple[int, int, int, int], newline: str) -> None:
    assert locate(md(newline), needle) == expected


@pytest.mark.parametrize(
    "needle",
    [
        pytest.param("secretfront", id="yaml-front-matter"),
        pytest.param("title:", id="front-matter-key"),
        pytest.param("fencedsecret", id="fenced-code"),
        pytest.param("indentedsecret", id="indented-code"),
        pytest.param("codesecret", id="inline-code"),
        pytest.param("autolinksecret", id="autolink"),
        pytest.param("commentsecret", id="html-comment"),
        pytest.param("refsecret", id="reference-definition"),
        pytest.param("example.com", id="link-destination"),
        pytest.param('"t"', id="link-title"),
        pytest.param("img.png", id="image-destination"),
        pytest.param("[ref]", id="reference-label"),
        pytest.param("htmlblocksecret", id="html-block"),
        pytest.param("#", id="heading-marks"),
        pytest.param("*", id="emphasis-marks"),
        pytest.param("|", id="table-pipes"),
        pytest.param("---", id="table-delimiter-row"),
        pytest.param("===", id="setext-underline"),
        pytest.param(">", id="quote-marks"),
    ],
)
def test_excluded_text(needle: str) -> None:
    assert needle not in md().text


def test_block_kinds() -> None:
    doc = md()
    assert [(b.kind, doc.text[b.start : b.end]) for b in doc.blocks] == [
        ("heading", "Magnesium guide"),
        ("paragraph", "Our magnesium formula is clinically proven."),
        ("list-item", "first item"),
        ("list-item", "nested glycinate"),
        ("list-item", "deeper citrate"),
        ("quote", "Doctors recommend it."),
        ("quote", "Nested quote text."),
        ("table-cell", "Dose"),
        ("table-cell", "Effect"),
        ("table-cell", "400 mg"),
        ("table-cell", "sleepy"),
        ("paragraph", "See the study and a capsule photo."),
        ("paragraph", "Inline   and   and   end."),
        ("paragraph", "Read the trial now."),
        ("heading", "Setext heading"),
    ]


def text_of(source: str) -> str:
    return parse(source, "x.md").text


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("mag*ne*sium", "magnesium", id="intraword-emphasis"),
        pytest.param("mag__ne__sium and **bold**", "mag__ne__sium and bold", id="intraword-underscore-is-literal"),
        pytest.param("_word_ and ~~old~~ text", "word and old text", id="underscore-and-strike"),
        pytest.param("take`x`now", "take now", id="code-contributes-space"),
        pytest.param("mag<b>ne</b>sium", "mag ne sium", id="inline-html-contributes-space"),
        pytest.param("see ![](x.png)here", "see  here", id="image-without-alt-is-space"),
        pytest.param("Visit <https://x.com> now", "Visit   now", id="autolink-removed"),
        pytest.param("Mail <me@example.com> now", "Mail   now", id="email-autolink-removed"),
        pytest.param("\\*not emphasis\\*", "*not emphasis*", id="backslash-escapes"),
        pytest.param("a \\\\ b", "a \\ b", id="escaped-backslash"),
        pytest.param("\\&amp; literal", "&amp; literal", id="escaped-entity"),
        pytest.param("Salt &amp; pepper &copy; &#8364; &#x41;", "Salt & pepper \u00a9 \u20ac A", id="entities"),
        pytest.param("&ldquo;safe&rdquo;", '"safe"', id="entity-then-normalised"),
        pytest.param("R&D &bogus; done", "R&D &bogus; done", id="non-entities-kept"),
        pytest.param("line one  \nline two", "line one\nline two", id="hard-break-spaces"),
        pytest.param("line one\\\nline two", "line one\nline two", id="hard-break-backslash"),
        pytest.param("soft\nbreak", "soft\nbreak", id="soft-break"),
        pytest.param("[x](a(b(c))) y", "x y", id="nested-parens-destination"),
        pytest.param("[x](<a b> 'ti)tle') y", "x y", id="angle-destination-and-title"),
        pytest.param("[x](u (paren title)) y", "x y", id="paren-title"),
        pytest.param("[trial][] and [Trial]\n\n[trial]: /u", "trial and Trial", id="collapsed-and-shortcut"),
        pytest.param("[foo][bar]\n\n[foo]: /u", "[foo][bar]", id="undefined-full-reference-is-literal"),
        pytest.param("[foo][bar][baz]\n\n[baz]: /u", "[foo]bar", id="literal-then-full-reference"),
        pytest.param("[foo] [bar]\n\n[foo]: /u", "foo [bar]", id="shortcut-then-literal"),
        pytest.param("[not a link] here", "[not a link] here", id="literal-brackets"),
        pytest.param("| a \\| b | c |\n|---|---|", "a | b\n\nc", id="escaped-table-pipe"),
        pytest.param("a\x00b", "a b", id="nul"),
        pytest.param("\u201cZinc\u201d \u2014 it works\u2026", '"Zinc" - it works...', id="typography"),
        pytest.param("<!-- claimlint-disable -->\nText", "Text", id="comment-html-block"),
        pytest.param("Text <!-- a\nmulti-line comment --> after", "Text   after", id="multiline-inline-comment"),
        pytest.param("-\ttab item", "tab item", id="tab-after-marker"),
        pytest.param("#\tTab heading", "Tab heading", id="tab-after-hash"),
        pytest.param("---\nTitle here\n---\n", "", id="empty-front-matter-like"),
    ],
)
def test_extracted_text(source: str, expected: str) -> None:
    assert text_of(source) == expected


@pytest.mark.parametrize(
    ("source", "needle", "expected"),
    [
        pytest.param("Take\tzinc daily.", "zinc", (1, 6, 1, 10), id="tab-one-column"),
        pytest.param("-\ttab item", "item", (1, 7, 1, 11), id="tab-list-item"),
        pytest.param("Contains 400 \u00b5g of caf\u00e9 extract \U0001f600 daily.", "daily", (1, 35, 1, 40), id="non-ascii"),
        pytest.param("Contains 400 \u00b5g of zinc.", "\u00b5g", (1, 14, 1, 16), id="micro-sign"),
        pytest.param("# \u00c9t\u00e9 \U0001f600 guide", "guide", (1, 9, 1, 14), id="non-ascii-heading"),
        pytest.param("Salt &amp; pepper", "&", (1, 6, 1, 11), id="entity-spans-source"),
        pytest.param("Salt &amp; pepper", "Salt & pepper", (1, 1, 1, 18), id="span-through-entity"),
        pytest.param("&ldquo;safe&rdquo;", '"safe"', (1, 1, 1, 19), id="span-ends-on-entity"),
        pytest.param("\\*not\\*", "*not*", (1, 2, 1, 8), id="escapes"),
        pytest.param("line one\r\nline two", "line one\nline two", (1, 1, 2, 9), id="crlf-softbreak"),
        pytest.param("a\r\n\r\n- item\r\n  - sub item\r\n", "sub", (4, 5, 4, 8), id="crlf-nested-list"),
        pytest.param("> - quoted item\n>   more", "more", (2, 5, 2, 9), id="list-in-quote-continuation"),
        pytest.param("- > quote in list\n  > again", "again", (2, 5, 2, 10), id="quote-in-list-continuation"),
        pytest.param("> | a | b |\n> |---|---|\n> | cell | d |", "cell", (3, 5, 3, 9), id="table-in-quote"),
        pytest.param("Setext two\n---\n\nBody", "two", (1, 8, 1, 11), id="setext-dash"),
        pytest.param("## Zinc facts ###   \n", "facts", (1, 9, 1, 14), id="closing-hashes"),
        pytest.param("   ### Indented heading", "heading", (1, 17, 1, 24), id="indented-atx"),
        pytest.param("+++\r\ntitle = 'x'\r\n+++\r\nBody text.", "Body", (4, 1, 4, 5), id="toml-front-matter-crlf"),
        pytest.param("---\ntitle: x\n...\nBody text.", "Body", (4, 1, 4, 5), id="yaml-dots-close"),
        pytest.param("First\nlazy continuation", "lazy", (2, 1, 2, 5), id="paragraph-line-two"),
        pytest.param("> quoted\nlazy line", "lazy", (2, 1, 2, 5), id="lazy-quote-continuation"),
        pytest.param("1. one\n2. two\n10. ten", "ten", (3, 5, 3, 8), id="ordered-list"),
        pytest.param("See [a (b) c](https://x.org/p_(q)_r) and zinc.", "zinc", (1, 42, 1, 46), id="link-parens"),
        pytest.param("[**bold** link](u) x", "link", (1, 11, 1, 15), id="emphasis-in-link"),
        pytest.param("![alt *em* text](u) x", "text", (1, 12, 1, 16), id="emphasis-in-alt"),
        pytest.param("Use `a` and `` b` `` then zinc", "zinc", (1, 27, 1, 31), id="code-spans"),
        pytest.param("Mix <span\nclass='x'>zinc</span> well", "zinc", (2, 11, 2, 15), id="multiline-inline-html"),
    ],
)
def test_positions(source: str, needle: str, expected: tuple[int, int, int, int]) -> None:
    assert locate(parse(source, "x.md"), needle) == expected


@pytest.mark.parametrize(
    ("source", "kinds"),
    [
        pytest.param("> - quoted item", ["list-item"], id="list-in-quote"),
        pytest.param("- > quote in list", ["quote"], id="quote-in-list"),
        pytest.param("- # heading in list", ["heading"], id="heading-in-list"),
        pytest.param("> | a |\n> |---|\n> | b |", ["table-cell", "table-cell"], id="table-in-quote"),
        pytest.param("- para one\n\n  para two", ["list-item", "list-item"], id="loose-list"),
        pytest.param("Title\n=====\n\nBody.", ["heading", "paragraph"], id="setext"),
    ],
)
def test_kinds(source: str, kinds: list[str]) -> None:
    assert [b.kind for b in parse(source, "x.md").blocks] == kinds


@pytest.mark.parametrize(
    ("source", "end"),
    [
        pytest.param("---\na: 1\n---\nBody", 13, id="yaml"),
        pytest.param("---\r\na: 1\r\n---\r\nBody", 16, id="yaml-crlf"),
        pytest.param("---\na: 1\n...\nBody", 13, id="yaml-dots"),
        pytest.param("+++\na = 1\n+++\nBody", 14, id="toml"),
        pytest.param("---\n---\nBody", 8, id="empty"),
        pytest.param("---\na: 1\n---", 12, id="at-eof"),
        pytest.param("---\nno closing fence\n", 0, id="unclosed"),
        pytest.param("Body\n---\na\n---\n", 0, id="not-at-start"),
        pytest.param(" ---\na\n---\n", 0, id="indented-fence"),
        pytest.param("+++\na\n---\n", 0, id="mismatched-fences"),
    ],
)
def test_front_matter_end(source: str, end: int) -> None:
    assert front_matter_end(source) == end


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("---\ntitle: yamlsecret\n---\nBody.", id="yaml"),
        pytest.param("---  \r\ntitle: yamlsecret\r\n...\r\nBody.", id="yaml-crlf-dots"),
        pytest.param("+++\ntitle = 'tomlsecret'\n+++\nBody.", id="toml"),
    ],
)
def test_front_matter_excluded(source: str) -> None:
    assert text_of(source) == "Body."


def test_front_matter_keeps_line_numbers() -> None:
    doc = parse("---\ntitle: a\ntags: [b]\n---\n\n# Heading\n", "x.md")
    assert doc.text == "Heading"
    assert locate(doc, "Heading") == (6, 3, 6, 10)


def test_unclosed_front_matter_is_content() -> None:
    assert text_of("---\nVisible text\n") == "Visible text"


def test_pieces_never_overlap_and_stay_in_order() -> None:
    source = "\n".join(MD_LINES)
    last = 0
    for _kind, pieces in extract(source):
        for start, end, _text in pieces:
            assert last <= start < end <= len(source)
            last = end


def test_long_line_with_markup() -> None:
    unit = "Take *zinc* and `code` &amp; [link](u) daily. "
    words = unit * 2000
    source = words + "Needle"
    doc = parse(source, "long.md")
    assert locate(doc, "Needle") == (1, len(words) + 1, 1, len(words) + 7)
    last = len(unit) * 1999
    assert locate(doc, "zinc", nth=1999) == (1, last + 7, 1, last + 11)
    assert locate(doc, "&", nth=1999) == (1, last + 24, 1, last + 29)
