"""Ruleset validation: every error names file, line, rule and key, and exits 2."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from claimlint import rulesets
from claimlint.cli import main
from claimlint.errors import RulesetError

GOOD_RULE = '''
[[rule]]
id = "miracle-word"
category = "efficacy-overstatement"
severity = "warning"
summary = "Miracle wording."
message = "'{match}' is miracle wording"
why = "Nothing is a miracle."
instead = "Describe the measured effect."
phrases = ["miracle"]
reviewed = 2026-11-23
[rule.examples]
bad = ["A miracle pill.", "This miracle powder."]
good = ["A daily pill.", "A powder."]
[[rule.references]]
title = "FTC Health Products Compliance Guidance"
url = "https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance"
'''
HEADER = 'schema = 1\nid = "mine"\ntitle = "Mine"\n'


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def load_error(path: Path) -> str:
    with pytest.raises(RulesetError) as info:
        rulesets.load([str(path)])
    return str(info.value)


def test_valid_ruleset_loads(tmp_path: Path) -> None:
    (ruleset,) = [r for r in rulesets.load([str(write(tmp_path, GOOD_RULE))]) if r.id == "mine"]
    assert [rule.id for rule in ruleset.rules] == ["miracle-word"]
    assert ruleset.rules[0].line == 5


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            GOOD_RULE.replace('phrases = ["miracle"]', 'phrases = ["miracle"]\ncolour = "red"'),
            "mine.toml:14: rule 'miracle-word': key 'colour': unknown key",
            id="unknown-key",
        ),
        pytest.param(
            GOOD_RULE.replace('phrases = ["miracle"]', 'patterns = ["ok", "mir(acle"]'),
            "mine.toml:13: rule 'miracle-word': key 'patterns[1]': bad regex 'mir(acle': missing ) at position 8",
            id="bad-regex",
        ),
        pytest.param(
            GOOD_RULE + GOOD_RULE,
            "mine.toml:23: rule 'miracle-word': key 'id': duplicate rule id 'miracle-word' (first defined at line 5)",
            id="duplicate-id",
        ),
        pytest.param(
            GOOD_RULE.replace('message = "\'{match}\' is miracle wording"\n', ""),
            "mine.toml:5: rule 'miracle-word': missing required key 'message'",
            id="missing-message",
        ),
        pytest.param(
            GOOD_RULE.replace('category = "efficacy-overstatement"', 'category = "hype"'),
            "mine.toml:7: rule 'miracle-word': key 'category': must be one of absolute-safety,",
            id="bad-category",
        ),
        pytest.param(
            GOOD_RULE.replace('url = "https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance"', 'url = "see FTC site"'),
            "rule 'miracle-word': key 'references[0].url': must be an http(s) URL, not 'see FTC site'",
            id="reference-without-url",
        ),
        pytest.param(
            GOOD_RULE.replace('bad = ["A miracle pill.", "This miracle powder."]\n', ""),
            "rule 'miracle-word': key 'examples': missing required key 'bad'",
            id="missing-examples",
        ),
        pytest.param(
            GOOD_RULE.replace('reviewed = 2026-11-23', 'reviewed = "last year"'),
            "rule 'miracle-word': key 'reviewed': must be a date",
            id="reviewed-not-a-date",
        ),
        pytest.param(
            GOOD_RULE.replace('id = "miracle-word"', 'id = "Miracle_Word"'),
            "key 'id': 'Miracle_Word' is not a kebab-case id",
            id="id-not-kebab-case",
        ),
        pytest.param(
            GOOD_RULE.replace('phrases = ["miracle"]', 'kind = "sorcery"\nphrases = ["miracle"]'),
            "key 'kind': unknown kind 'sorcery'",
            id="unknown-kind",
        ),
        pytest.param(
            GOOD_RULE.replace('phrases = ["miracle"]', 'patterns = ["{{nonesuch}} cure"]'),
            "key 'patterns[0]': unknown term {{nonesuch}}",
            id="unknown-term",
        ),
        pytest.param(
            "[[rule]\nid = 1\n",
            "mine.toml:4: invalid TOML",
            id="toml-syntax",
        ),
    ],
)
def test_ruleset_errors_name_file_line_rule_and_key(tmp_path: Path, body: str, expected: str) -> None:
    assert expected in load_error(write(tmp_path, body))


def test_schema_version_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(HEADER.replace("schema = 1", "schema = 7") + GOOD_RULE, encoding="utf-8")
    assert "mine.toml:1: key 'schema': this claimlint reads ruleset schema 1, not 7" in load_error(path)


def test_duplicate_id_across_files(tmp_path: Path) -> None:
    first = write(tmp_path, GOOD_RULE)
    second = tmp_path / "other.toml"
    second.write_text(HEADER.replace('"mine"', '"other"') + GOOD_RULE, encoding="utf-8")
    with pytest.raises(RulesetError, match=r"duplicate rule id 'miracle-word' \(also in .*mine.toml\)"):
        rulesets.load([str(first), str(second)])


def test_cli_reports_ruleset_error_with_exit_2(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_RULE.replace('phrases = ["miracle"]', 'patterns = ["(unclosed"]'))
    article = tmp_path / "a.txt"
    article.write_text("A miracle.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--no-config", "--ruleset", str(path), str(article)])
    assert result.exit_code == 2
    assert "mine.toml:13: rule 'miracle-word': key 'patterns[0]': bad regex '(unclosed': missing )" in result.output


def test_unknown_ruleset_name_is_a_usage_error() -> None:
    with pytest.raises(RulesetError, match="no such ruleset file, folder or bundled name"):
        rulesets.load(["no-such-ruleset"])


def test_folder_of_rulesets(tmp_path: Path) -> None:
    write(tmp_path, GOOD_RULE)
    loaded = rulesets.load([str(tmp_path)])
    assert [r.id for r in loaded] == ["mine"]
