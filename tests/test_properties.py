"""Properties of linting any input: parsing never raises, and every finding points at a
range of the original file that holds what the rules matched.

tests/test_document.py checks the document layer's origin map character by character;
these tests check what a user sees, the findings of `lint_text`, with a small ruleset
whose rules fire on common letters so that random text produces findings.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimlint import rulesets
from claimlint.document import parse
from claimlint.engine import lint_text
from claimlint.findings import Finding
from claimlint.normalize import normalize
from claimlint.rules import Rule

LETTER_RULES = """
schema = 1
id = "letters"
title = "Rules that fire on common letters"

[[rule]]
id = "vowel-word"
category = "efficacy-overstatement"
severity = "warning"
summary = "x"
message = "'{match}' starts with {first}"
why = "x"
instead = "x"
patterns = ["(?P<first>[aeiou])[a-z]*"]
reviewed = 2026-11-23
[rule.examples]
bad = ["an"]
good = ["b"]
[[rule.references]]
title = "x"
url = "https://example.org/"

[[rule]]
id = "typography"
category = "absolute-safety"
severity = "error"
summary = "Spans that typography normalisation rewrites, and spans over line ends."
message = "'{match}'"
why = "x"
instead = "x"
patterns = ["[a-z]'[a-z]", "[a-z]-[a-z]", "\\\\.\\\\.\\\\.", "\\"[a-z]", "[a-z]\\\\s+[a-z]"]
reviewed = 2026-11-23
[rule.examples]
bad = ["it's"]
good = ["x"]
[[rule.references]]
title = "x"
url = "https://example.org/"

[[rule]]
id = "across-sentences"
category = "disease-claim"
severity = "info"
summary = "Words either side of a sentence end, within one block."
message = "'{match}'"
why = "x"
instead = "x"
patterns = ["[a-z]+[.!?]\\\\s+[a-z]+"]
within = "block"
negation = true
reviewed = 2026-11-23
[rule.examples]
bad = ["ab. cd"]
good = ["ab"]
[[rule.references]]
title = "x"
url = "https://example.org/"

[[rule]]
id = "promotion"
kind = "document"
category = "undisclosed-promotion"
severity = "warning"
summary = "The letter e, unless the document says ad."
message = "'{match}'"
why = "x"
instead = "x"
patterns = ["e+"]
disclosures = ["\\\\bad\\\\b"]
reviewed = 2026-11-23
[rule.examples]
bad = ["e"]
good = ["ad e"]
[[rule.references]]
title = "x"
url = "https://example.org/"
"""

# Pieces that stress the parsers: every line ending, BOMs, NULs, unterminated fences,
# comments and tags, entities, typography that normalisation rewrites, list markers.
FRAGMENTS = [
    "a", "e", "io", "it's", "a-b", "Zinc", "eat", " ", "\t", "\n", "\n\n", "\r\n", "\r", "\r\r\n", ".", "!", "?",
    "*", "_", "**", "`", "```", "```\n", "~~~\n", "#", "# ", "\n===\n", "\n---\n", "- ", "\n- ", "1. ", "\n> ",
    ">", "|", "| a | e |\n|---|---|\n", "[", "]", "(", ")", "[ea](http://e.com/(a))", "![alt e](i.png)",
    "<https://e.org>", "\\", "\\*", "&", "&amp;", "&ldquo;", "&#8220;", "&#x1F600;", "&#0;", "&bogus;", "<",
    "<p>", "</p>", "<b>", "</b>", "<br>", "<li>", "<ul>", "<td>", "<title>", "<head>", "<script>", "</script>",
    "<style>", "<pre>", "<code>", "<!--", "-->", "<!", "<![CDATA[", "<?", "\u2019", "\u201c", "\u2014",
    "\u2026", "\u00a0", "\u00ad", "\u200b", "\ufeff", "\x00", "\u00e9", "\U0001f600", "---\n", "+++\n", "    ",
    "<!-- claimlint-disable -->", "<!-- claimlint-disable-next-line -->\n", "# claimlint-disable-line\n", "\u2022 ",
]
NESTED_LIST = st.integers(1, 60).map(lambda depth: "".join(f"{'  ' * i}- item e{i}\n" for i in range(depth)))
NESTED_QUOTE = st.integers(1, 60).map(lambda depth: "> " * depth + "a quote, it's e\n")
NESTED_TAGS = st.integers(1, 400).flatmap(
    lambda depth: st.sampled_from(["div", "li", "b", "p", "span", "ul"]).map(
        lambda tag: f"<{tag}>" * depth + "eat it's e" + f"</{tag}>" * (depth // 2)
    )
)
SOURCES = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join),
    st.text(max_size=120),
    st.text(alphabet=st.sampled_from("aeiou tsn.\r\n\t'-\u2019\u2014\u2026\u00a0\x00\ufeff<>&*`#"), max_size=200),
    st.tuples(st.sampled_from(["", "\ufeff", "\r\n", "<ul>", "<!--", "```\n"]), NESTED_LIST).map("".join),
    NESTED_QUOTE,
    NESTED_TAGS,
)
MARKUP_SYNTAX = set("<>&*_`[]!\\#|~=+-:()\"'") | {"\n", "\r"}
NEWLINE = re.compile(r"\r\n|\r|\n")


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory) -> list[Rule]:
    path = tmp_path_factory.mktemp("rules") / "letters.toml"
    path.write_text(LETTER_RULES, encoding="utf-8")
    return [rule for ruleset in rulesets.load([str(path)]) for rule in ruleset.rules]


def source_range(source: str, finding: Finding) -> tuple[int, int]:
    """The [start, end) offsets of a finding in source, checking that its line and column
    exist: a column may point just past a line's last character, never further."""
    starts = [0] + [m.end() for m in NEWLINE.finditer(source)]

    def offset(line: int, column: int) -> int:
        assert 1 <= line <= len(starts), (line, len(starts))
        assert column >= 1
        line_end = starts[line] if line < len(starts) else len(source)
        at = starts[line - 1] + column - 1
        assert at <= line_end, (line, column, line_end)
        return at

    start = offset(finding.line, finding.column)
    end = offset(finding.end_line, finding.end_column)
    assert 0 <= start < end <= len(source), (start, end, len(source))
    return start, end


def holds(span: str, match: str) -> bool:
    """Does the source span, typography normalised, read as the match? A match may start
    or end inside a character that normalises to several ("\u2026" is "..."), so up to
    that many extra characters may stand at either end."""
    text = normalize(span)[0]
    head = len(normalize(span[0])[0]) - 1
    tail = len(normalize(span[-1])[0]) - 1
    return any(text[a : len(text) - b] == match for a in range(max(head, 0) + 1) for b in range(max(tail, 0) + 1))


def check(rules: list[Rule], source: str, markup: str) -> list[Finding]:
    path = {"text": "a.txt", "markdown": "a.md", "html": "a.html"}[markup]
    findings = lint_text(rules, source, path, markup).findings
    doc = parse(source, path, markup)
    for finding in findings:
        start, end = source_range(source, finding)
        span = source[start:end]
        assert finding.match  # rules never report an empty match
        # Every matched character comes from inside the reported range, in order, and
        # the range starts at the first and ends after the last.
        # (Several text offsets may share one source offset: "\u2026" is "...".)
        n = len(finding.match)
        assert [
            i
            for i in range(len(doc.text))
            if doc.source_offset(i) == start and doc.text.startswith(finding.match, i)
            and doc.source_span(i, i + n) == (start, end)
            and all(start <= doc.source_offset(k) < end for k in range(i, i + n))
        ], (finding, span)
        # What the range holds is the match, typography normalised: always in plain text,
        # and in Markdown and HTML wherever the range holds no markup syntax.
        if markup == "text" or not MARKUP_SYNTAX & set(span):
            assert holds(span, finding.match), (span, finding.match)
    return findings


@pytest.mark.parametrize("markup", ["text", "markdown", "html"])
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=SOURCES)
def test_findings_point_at_their_match_in_the_original(rules: list[Rule], markup: str, source: str) -> None:
    check(rules, source, markup)


@settings(max_examples=100, deadline=None)
@given(body=st.lists(st.sampled_from(["eat it", "a-e", "it\u2019s", "e\u2026", "a\u00a0e", "ea"]), min_size=1, max_size=12),
       endings=st.lists(st.sampled_from(["\n", "\r\n", "\r", " ", "\n\n", "\r\n\r\n"]), min_size=12, max_size=12),
       bom=st.booleans())
def test_mixed_line_endings_keep_lines_and_columns(rules: list[Rule], body: list[str], endings: list[str], bom: bool) -> None:
    source = ("\ufeff" if bom else "") + "".join(word + ending for word, ending in zip(body, endings))
    findings = check(rules, source, "text")
    assert findings  # "e" and the vowel words are everywhere
    # The same text with only LF endings gives the same findings on the same lines.
    lf = NEWLINE.sub("\n", source)
    assert [(f.rule, f.line, f.column, f.match) for f in findings] == [
        (f.rule, f.line, f.column, f.match.replace("\r\n", "\n")) for f in lint_text(rules, lf, "a.txt").findings
    ]


@pytest.mark.parametrize(
    ("source", "markup", "found"),
    [
        pytest.param("```\neat it\n" * 3, "markdown", True, id="unterminated-fence"),  # the middle one is prose
        pytest.param("Eat it.\n\n```\neat it\n", "markdown", True, id="unterminated-fence-is-code-to-the-end"),
        pytest.param("Eat it.\n\n<!-- eat it\n\nEat it.", "markdown", True, id="unterminated-md-comment"),
        pytest.param("<p>Eat it.<!-- eat it <p>eat", "html", True, id="unterminated-html-comment"),
        pytest.param("<p>Eat it.<script>eat it", "html", True, id="unterminated-script"),
        pytest.param("<p title='eat>Eat it.", "html", False, id="unterminated-attribute"),  # all inside the tag
        pytest.param("".join(f"{'  ' * i}- eat {i}\n" for i in range(400)), "markdown", True, id="list-400-deep"),
        pytest.param("> " * 400 + "eat it\n", "markdown", True, id="quote-400-deep"),  # read as plain text
        pytest.param("<div>" * 20_000 + "eat it" + "</div>" * 20_000, "html", True, id="div-20000-deep"),
        pytest.param("<li>" * 20_000 + "eat it", "html", True, id="unclosed-li-20000"),
        pytest.param("[" * 5_000 + "eat" + "]" * 5_000, "markdown", True, id="brackets-5000"),
        pytest.param("*" * 5_000 + "eat" + "*" * 5_000, "markdown", True, id="emphasis-5000"),
        pytest.param("\x00eat\x00 it\x00", "text", True, id="nuls"),
        pytest.param("\ufeff\ufeffeat\r\r\n\n\reat", "text", True, id="boms-and-every-line-end"),
    ],
)
def test_hostile_structure_parses(rules: list[Rule], source: str, markup: str, found: bool) -> None:
    assert bool(check(rules, source, markup)) == found


@pytest.mark.parametrize(
    ("source", "word"),
    [
        # markdown-it drops what lies past its nesting limit: claimlint parses again with a
        # higher one, and reads what nests past NESTING_CAP as plain text.
        pytest.param("".join(f"{'  ' * i}- item {i}\n" for i in range(10)) + "\nAfter it.\n", "After", id="list-10-deep"),
        pytest.param("> " * 20 + "Eat it.\n", "Eat", id="quote-20-deep"),
        pytest.param("> " * 60 + "Eat it.\n", "Eat", id="quote-60-deep"),
        pytest.param("".join(f"{'  ' * i}- item {i}\n" for i in range(45)) + "\nAfter it.\n", "After", id="list-45-deep"),
        pytest.param("> - " * 400 + "Eat it.\n\nAfter it.\n", "After", id="mixed-400-deep"),
        pytest.param("[" * 600 + "Eat" + "]" * 600 + "\n", "Eat", id="links-600-deep"),
    ],
)
def test_text_in_and_after_deep_nesting_is_linted(rules: list[Rule], source: str, word: str) -> None:
    findings = check(rules, source, "markdown")
    assert word in [f.match for f in findings if f.rule == "vowel-word"]
