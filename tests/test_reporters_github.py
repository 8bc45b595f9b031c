from __future__ import annotations

import io

import pytest

from claimlint.engine import Result
from claimlint.findings import Finding
from claimlint.reporters import Context
from claimlint.reporters.github import command, escape_data, escape_property, write


def finding(**changes: object) -> Finding:
    base: dict[str, object] = dict(
        path="a.md", line=2, column=3, end_line=2, end_column=9, rule="r", category="disease-claim",
        severity="error", message="m", match="x",
    )
    base.update(changes)
    return Finding(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        pytest.param("plain words", "plain words", "plain words", id="left-alone"),
        pytest.param("100%", "100%25", "100%25", id="percent"),
        pytest.param("a\r\nb", "a%0D%0Ab", "a%0D%0Ab", id="newlines"),
        pytest.param("x: y, z", "x: y, z", "x%3A y%2C z", id="colon-comma-only-in-properties"),
        pytest.param("%0A", "%250A", "%250A", id="already-looks-escaped"),
    ],
)
def test_escaping(text: str, data: str, prop: str) -> None:
    assert escape_data(text) == data
    assert escape_property(text) == prop


def test_command_without_properties() -> None:
    assert command("warning", {}, "hi") == "::warning::hi"


@pytest.mark.parametrize(("severity", "level"), [("error", "error"), ("warning", "warning"), ("info", "notice")])
def test_severity_maps_to_annotation_level(severity: str, level: str) -> None:
    out = io.StringIO()
    write(Result(findings=[finding(severity=severity)]), out, Context())
    assert out.getvalue().startswith(f"::{level} file=a.md,line=2,col=3,endLine=2,endColumn=9,title=claimlint (r)::m")


def test_hostile_path_and_message_cannot_break_the_command() -> None:
    out = io.StringIO()
    write(Result(findings=[finding(path="odd,name:1.md", message="50% off\n::error::fake")]), out, Context())
    line = out.getvalue()
    assert line.count("\n") == 1
    assert "file=odd%2Cname%3A1.md," in line
    assert line.endswith("::50%25 off%0A::error::fake\n")
