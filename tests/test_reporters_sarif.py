from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path
from typing import Any

import jsonschema

from claimlint.engine import lint_text
from claimlint.reporters import Context
from claimlint.reporters.sarif import FINGERPRINT, document, write
from tests.goldens import DATA, integration_rules, sample

SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def validate(log: dict[str, Any]) -> None:
    validator = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_schema_file_is_the_official_one() -> None:
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    assert SCHEMA["id"].endswith("/sarif-schema-2.1.0.json")
    assert len(SCHEMA["definitions"]) == 52


def test_sample_validates() -> None:
    result, ctx = sample()
    out = io.StringIO()
    write(result, out, ctx)
    validate(json.loads(out.getvalue()))


def test_empty_run_validates() -> None:
    result, ctx = sample()
    result.findings, result.problems = [], []
    log = document(result, ctx)
    validate(log)
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_a_bad_log_is_rejected() -> None:
    # The validation is real: a result without a message is not SARIF.
    result, ctx = sample()
    log = document(result, ctx)
    del log["runs"][0]["results"][0]["message"]
    validator = jsonschema.Draft4Validator(SCHEMA)
    assert not validator.is_valid(log)


def test_driver_describes_each_rule() -> None:
    result, ctx = sample()
    rules = {r["id"]: r for r in document(result, ctx)["runs"][0]["tool"]["driver"]["rules"]}
    assert set(rules) == set(ctx.rules)
    rule = rules["cures-disease"]
    assert rule["name"] == "CuresDisease"
    assert rule["shortDescription"]["text"] == "A supplement said to cure a disease."
    assert rule["fullDescription"]["text"].startswith("Dietary supplements may not claim")
    assert "Instead: Describe a structure or function" in rule["help"]["text"]
    assert rule["helpUri"].startswith("https://www.fda.gov/")
    assert rule["defaultConfiguration"] == {"level": "error"}


def test_results_point_at_rules_and_regions() -> None:
    result, ctx = sample()
    log = document(result, ctx)
    run = log["runs"][0]
    for finding, sarif in zip(result.findings, run["results"]):
        assert run["tool"]["driver"]["rules"][sarif["ruleIndex"]]["id"] == finding.rule
        region = sarif["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (
            finding.line, finding.column, finding.end_line, finding.end_column
        )
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels["proven-formula"] == "note"


def test_cross_document_findings_have_related_locations() -> None:
    result, ctx = sample()
    results = [r for r in document(result, ctx)["runs"][0]["results"] if r["ruleId"] == "dose-conflict"]
    related = [r["relatedLocations"][0]["physicalLocation"] for r in results]
    assert [(p["artifactLocation"]["uri"], p["region"]["startLine"]) for p in related] == [
        ("articles/sleep.md", 5),
        ("articles/dose.txt", 3),
    ]


def test_fixes_only_where_the_rule_defines_a_safe_replacement() -> None:
    result, ctx = sample()
    fixed = {r["ruleId"] for r in document(result, ctx)["runs"][0]["results"] if "fixes" in r}
    assert fixed == {"clinically-proven", "proven-formula"}


def fingerprints(text: str) -> list[str]:
    rules = integration_rules()
    result = lint_text(rules, text, "article.md")
    log = document(result, Context(rules={r.id: r for r in rules}, sources={"article.md": text}))
    return [r["partialFingerprints"][FINGERPRINT] for r in log["runs"][0]["results"]]


def test_fingerprints_survive_lines_moving() -> None:
    before = fingerprints("Clinically proven tea.\n\nIt cures insomnia.\n")
    after = fingerprints("# New heading\n\nAn added paragraph.\n\nClinically proven tea.\n\nIt cures insomnia.\n")
    assert before == after
    assert len(set(before)) == 2


def test_repeated_phrases_get_distinct_fingerprints() -> None:
    keys = fingerprints("Clinically proven. Also clinically proven.\n")
    assert len(keys) == len(set(keys)) == 2


def test_paths_become_relative_uris() -> None:
    result, ctx = sample()
    result.findings = [dataclasses.replace(result.findings[0], path="./articles/my article.md")]
    log = document(result, ctx)
    assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "articles/my%20article.md"
    validate(log)
    assert Path("articles").as_posix() == "articles"
