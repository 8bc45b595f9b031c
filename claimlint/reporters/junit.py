"""JUnit XML for CI dashboards: one test suite per article, one failed test case per finding.

Articles without findings appear as a single passing case, so a dashboard counts them.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import IO

from claimlint.engine import Result
from claimlint.findings import Finding
from claimlint.reporters import Context
from claimlint.reporters.common import TOOL_NAME, display_path

# XML 1.0 cannot carry most control characters, even escaped.
_XML_ILLEGAL = {c: None for c in range(32) if c not in (9, 10, 13)}


def clean(text: str) -> str:
    return text.translate(_XML_ILLEGAL)


def case(suite: ET.Element, finding: Finding) -> None:
    path = display_path(finding.path)
    element = ET.SubElement(
        suite,
        "testcase",
        name=clean(f"{finding.rule} at line {finding.line}, column {finding.column}"),
        classname=clean(f"{TOOL_NAME}.{path}"),
        file=clean(path),
        line=str(finding.line),
    )
    failure = ET.SubElement(element, "failure", message=clean(finding.message), type=finding.severity)
    lines = [f"{path}:{finding.line}:{finding.column}: {finding.severity} {finding.rule} {finding.message}"]
    lines += [f"see {display_path(r.path)}:{r.line}:{r.column}: {r.message}" for r in finding.related]
    failure.text = clean("\n".join(lines))


def write(result: Result, out: IO[str], ctx: Context) -> None:
    by_path: dict[str, list[Finding]] = {path: [] for path in ctx.sources}
    for finding in result.findings:
        by_path.setdefault(finding.path, []).append(finding)
    root = ET.Element("testsuites", name=TOOL_NAME, tests="0", failures=str(len(result.findings)), errors="0")
    total = 0
    for path, findings in sorted(by_path.items()):
        tests = max(len(findings), 1)
        total += tests
        suite = ET.SubElement(
            root, "testsuite", name=clean(display_path(path)), tests=str(tests), failures=str(len(findings)), errors="0", skipped="0"
        )
        for finding in findings:
            case(suite, finding)
        if not findings:
            ET.SubElement(suite, "testcase", name="no findings", classname=clean(f"{TOOL_NAME}.{display_path(path)}"), file=clean(display_path(path)))
    root.set("tests", str(total))
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
