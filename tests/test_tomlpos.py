"""tomlpos finds the line of every key, array element and table, as tomllib would name them."""
from __future__ import annotations

import pytest

from claimlint.tomlpos import scan

TEXT = '''schema = 1
title = """a
multi-line "string" with [brackets] and = signs"""
[terms]
disease = ["a",   # a comment with "quotes" and [brackets]
  "b", 'c']

[[rule]]
id = "one"
patterns = [
  "a(",
  'b',
]
examples = { bad = ["x"], good = [
   "y"] }

[[rule]]
"quoted key" = 1
[rule.examples]
bad = """x
y"""
good = ["z"]
'''


@pytest.mark.parametrize(
    ("path", "line"),
    [
        pytest.param(("schema",), 1, id="top-key"),
        pytest.param(("terms",), 4, id="after-multiline-string"),
        pytest.param(("terms", "disease", 1), 6, id="array-element-on-next-line"),
        pytest.param(("terms", "disease", 2), 6, id="second-element-same-line"),
        pytest.param(("rule", 0), 8, id="array-of-tables"),
        pytest.param(("rule", 0, "patterns", 1), 12, id="element-in-multiline-array"),
        pytest.param(("rule", 0, "examples", "good", 0), 15, id="inline-table-array-element"),
        pytest.param(("rule", 1, "quoted key"), 18, id="quoted-key"),
        pytest.param(("rule", 1, "examples"), 19, id="sub-table-of-second-rule"),
        pytest.param(("rule", 1, "examples", "good"), 22, id="key-after-multiline-string"),
        pytest.param(("rule", 1, "examples", "good", 5), 22, id="unknown-element-falls-back-to-key"),
        pytest.param(("rule", 1, "nonexistent"), 17, id="unknown-key-falls-back-to-table"),
    ],
)
def test_line_for(path: tuple, line: int) -> None:
    assert scan(TEXT).line_for(path) == line
