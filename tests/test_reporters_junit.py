from __future__ import annotations

import io
import xml.etree.ElementTree as ET

from claimlint.engine import Result
from claimlint.findings import Finding
from claimlint.reporters import Context
from claimlint.reporters.junit import write
from tests.goldens import sample


def parse(result: Result, ctx: Context) -> ET.Element:
    out = io.StringIO()
    write(result, out, ctx)
    return ET.fromstring(out.getvalue().encode("utf-8"))


def test_counts_match_the_findings() -> None:
    result, ctx = sample()
    root = parse(result, ctx)
    assert root.get("failures") == str(len(result.findings))
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == set(ctx.sources)
    assert suites["articles/clean.html"].get("failures") == "0"
    assert len(root.findall(".//failure")) == len(result.findings)


def test_control_characters_do_not_break_the_xml() -> None:
    bad = Finding("a.txt", 1, 1, 1, 2, "r", "readability", "info", "odd \x0b\x1b text <&>", "x")
    root = parse(Result(findings=[bad]), Context())
    failure = root.find(".//failure")
    assert failure is not None and failure.get("message") == "odd  text <&>"
