"""Suppression directives in all three markups, as a table of (rule, line, suppressed?) rows."""
from __future__ import annotations

from pathlib import Path

import pytest

from claimlint import rulesets
from claimlint.engine import lint_text
from claimlint.suppress import parse

RULES = [r for rs in rulesets.load([str(Path(__file__).parent / "fixtures" / "basic.toml")]) for r in rs.rules]


def found(text: str, name: str) -> set[tuple[str, int]]:
    return {(f.rule, f.line) for f in lint_text(RULES, text, name).findings}


TEXT = """A miracle.

# claimlint-disable-next-line miracle-word
A miracle, clinically proven.

<!-- claimlint-disable efficacy-overstatement -->
A miracle, clinically proven.
<!-- claimlint-enable efficacy-overstatement -->

A miracle. # claimlint-disable-line
Zinc cures colds.
"""

MARKDOWN = """A miracle.

<!-- claimlint-disable-next-line miracle-word -->
A miracle, clinically proven.

<!-- claimlint-disable -->
A miracle, clinically proven.
<!-- claimlint-enable -->

A miracle. <!-- claimlint-disable-line basic -->
Zinc cures colds.
"""

HTML = """<p>A miracle.</p>
<!-- claimlint-disable-next-line miracle-word -->
<p>A miracle, clinically proven.</p>
<!-- claimlint-disable efficacy-overstatement -->
<p>A miracle, clinically proven.</p>
<!-- claimlint-enable -->
<p>A miracle. <!-- claimlint-disable-line --></p>
<p>Zinc cures colds.</p>
"""


@pytest.mark.parametrize(
    ("rule", "line", "suppressed"),
    [
        pytest.param("miracle-word", 1, False, id="before-any-directive"),
        pytest.param("miracle-word", 4, True, id="next-line-by-rule-id"),
        pytest.param("proven-claim", 4, False, id="next-line-only-named-rule"),
        pytest.param("miracle-word", 7, True, id="region-by-category"),
        pytest.param("proven-claim", 7, True, id="region-covers-every-rule-of-category"),
        pytest.param("cures-cold", 11, False, id="after-enable"),
    ],
)
def test_text_directives(rule: str, line: int, suppressed: bool) -> None:
    assert ((rule, line) not in found(TEXT, "a.txt")) == suppressed
    assert ((rule, line) not in found(MARKDOWN, "a.md")) == suppressed


def test_text_disable_line_hash_form_is_not_a_directive_mid_line() -> None:
    # In plain text only a whole line starting with # or // is a directive.
    assert ("miracle-word", 10) in found(TEXT, "a.txt")


def test_markdown_disable_line_by_ruleset() -> None:
    assert ("miracle-word", 10) not in found(MARKDOWN, "a.md")


@pytest.mark.parametrize(
    ("rule", "line", "suppressed"),
    [
        pytest.param("miracle-word", 1, False, id="plain"),
        pytest.param("miracle-word", 3, True, id="next-line"),
        pytest.param("proven-claim", 3, False, id="next-line-other-rule"),
        pytest.param("proven-claim", 5, True, id="region"),
        pytest.param("miracle-word", 7, True, id="same-line"),
        pytest.param("cures-cold", 8, False, id="after"),
    ],
)
def test_html_directives(rule: str, line: int, suppressed: bool) -> None:
    assert ((rule, line) not in found(HTML, "a.html")) == suppressed


def test_directive_lines_are_not_prose() -> None:
    assert parse("# claimlint-disable miracle-word\ntext\n", "text").items[0].targets == frozenset({"miracle-word"})
    assert found("# claimlint-disable-next-line\n\n\nA miracle.\n", "a.txt") == set()


def test_unclosed_disable_runs_to_end() -> None:
    (item,) = parse("a\n<!-- claimlint-disable -->\nb\nc\n", "markdown").items
    assert (item.first, item.last, item.targets) == (2, 4, frozenset())
