"""kind = "fact": extracting figures as writers state them, and comparing them with their
sources and across documents (majority, ties, within one document, reported paths)."""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from claimlint import rulesets
from claimlint.engine import Linter, lint_text
from claimlint.errors import RulesetError
from claimlint.sources import Source

HEADER = """
schema = 1
id = "facts-under-test"
title = "Facts under test"
"""

COMMON = """
category = "numeric-inconsistency"
severity = "warning"
summary = "s"
message = "{detail}"
why = "w"
instead = "i"
reviewed = 2026-11-23
[rule.examples]
bad = ["x"]
good = ["y"]
[[rule.references]]
title = "t"
url = "https://example.org/"
"""

REACTIONS = """
[[rule]]
id = "reactions"
kind = "fact"
fact = "mineral.reactions"
unit = "reactions"
patterns = ["(?:{{amount}}|{{vague}}(?:\\\\s+of)?)\\\\s+(?:biochemical\\\\s+|enzymatic\\\\s+)?(?:reactions|enzyme\\\\s+systems)\\\\b"]
subject = ["magnesium"]
others = ["zinc", "iron"]
""" + COMMON + """
[[rule.accepted]]
value = 300
label = "enzyme systems"
source = "Source A"
url = "https://example.org/a"
section = "Intro"
checked = 2026-11-23

[[rule.accepted]]
value = 600
label = "enzymatic reactions"
source = "Source B"
url = "https://example.org/b"
"""

SHARE = """
[[rule]]
id = "share"
kind = "fact"
fact = "mineral.shortfall-share"
unit = "%"
tolerance = 5
patterns = ["{{share}}\\\\s+(?:of\\\\s+)?(?:adults|Americans|people)\\\\s+(?:do\\\\s+not|don't|fall\\\\s+short)"]
subject = ["magnesium"]
""" + COMMON + """
[[rule.accepted]]
value = 48
source = "NIH ODS"
url = "https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/"
section = "Magnesium Intakes and Status"
checked = 2026-11-23
"""

DOSE = """
[[rule]]
id = "rda"
kind = "fact"
fact = "mineral.rda"
unit = "mg"
units = { mg = 1, g = 1000, milligrams = 1 }
compare = "none"
patterns = ["{{amount}}\\\\s*(?P<unit>mg|milligrams|g)\\\\b"]
requires = ["\\\\bRDA\\\\b"]
subject = ["magnesium"]
subject_scope = "document"
""" + COMMON + """
[[rule.accepted]]
value = 400
source = "NIH ODS"
url = "https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/"
[[rule.accepted]]
value = 420
source = "NIH ODS"
url = "https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/"
[[rule.accepted]]
value = 1000
source = "made up, for the unit test"
url = "https://example.org/"
"""

FREE = """
[[rule]]
id = "free"
kind = "fact"
fact = "mineral.count"
unit = "things"
patterns = ["{{amount}}\\\\s+things\\\\b"]
""" + COMMON


def load(tmp_path: Path, *tables: str) -> list:
    path = tmp_path / "facts.toml"
    path.write_text(HEADER + "".join(tables), encoding="utf-8")
    return [rule for ruleset in rulesets.load([str(path)]) for rule in ruleset.rules]


def records(rule, text: str) -> list[dict]:
    from claimlint.document import parse

    return rule.checker.extract(parse(text, "a.txt"))


def lint(rules, docs: dict[str, str], reported: set[str] | None = None):
    linter = Linter(rules)
    for path, text in docs.items():
        linter.add_source(Source(path, text), "text", report=reported is None or path in reported)
    return linter.finish().findings


# --- Extraction -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("Magnesium takes part in over 300 biochemical reactions.", 300, "over"),
        ("Magnesium runs 300+ enzymatic reactions.", 300, None),
        ("Magnesium drives more than three hundred reactions.", 300, "more than"),
        ("Magnesium is a cofactor in some 600 enzymatic reactions.", 600, "some"),
        ("Magnesium is involved in 1,000 reactions.", 1000, None),
    ],
)
def test_numbers_as_writers_state_them(tmp_path: Path, text: str, value: float, qualifier: str | None) -> None:
    rule = load(tmp_path, REACTIONS)[0]
    (rec,) = records(rule, text)
    assert rec["value"] == value
    assert rec["qualifier"] == qualifier
    assert rec["fact"] == "mineral.reactions"


def test_plus_sign_is_shown(tmp_path: Path) -> None:
    rule = load(tmp_path, REACTIONS)[0]
    (rec,) = records(rule, "Magnesium runs 300+ enzymatic reactions.")
    assert rec["shown"] == "300+ reactions"


def test_hundreds_of_is_vague_and_never_compared(tmp_path: Path) -> None:
    rules = load(tmp_path, REACTIONS)
    (rec,) = records(rules[0], "Magnesium is needed for hundreds of reactions.")
    assert rec["vague"] is True and rec["value"] is None
    found = lint(rules, {"a.txt": "Magnesium is needed for hundreds of reactions.", "b.txt": "Magnesium runs over 600 reactions."})
    assert found == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("For magnesium, 60% of adults do not get enough.", 60),
        ("For magnesium, six in ten adults fall short.", 60),
        ("For magnesium, nearly half of Americans don't get enough.", 50),
        ("For magnesium, two-thirds of people fall short.", 200 / 3),
        ("For magnesium, 40-50 percent of adults do not eat enough.", 40),
    ],
)
def test_shares(tmp_path: Path, text: str, value: float) -> None:
    rule = load(tmp_path, SHARE)[0]
    (rec,) = records(rule, text)
    assert rec["value"] == pytest.approx(value)


def test_range_and_units(tmp_path: Path) -> None:
    rule = load(tmp_path, DOSE)[0]
    (rec,) = records(rule, "The magnesium RDA is 400-420 mg.")
    assert (rec["value"], rec["high"]) == (400, 420)
    (rec,) = records(rule, "The magnesium RDA is 1.5 g, says nobody.")
    assert rec["value"] == 1500 and rec["unit"] == "mg"


def test_records_are_plain_json_with_location_and_sentence(tmp_path: Path) -> None:
    rule = load(tmp_path, REACTIONS)[0]
    text = "Intro line.\n\nMagnesium takes part in over 300 biochemical reactions. Then more."
    (rec,) = records(rule, text)
    assert json.loads(json.dumps(rec)) == rec
    assert (rec["line"], rec["column"]) == (3, 25)
    assert rec["match"] == "over 300 biochemical reactions"
    assert rec["sentence"] == "Magnesium takes part in over 300 biochemical reactions."


def test_a_figure_about_another_subject_is_skipped(tmp_path: Path) -> None:
    rule = load(tmp_path, REACTIONS)[0]
    assert records(rule, "Zinc takes part in over 600 enzymatic reactions; magnesium matters too.") == []
    assert records(rule, "Zinc is an essential mineral.") == []  # no subject at all


# --- Comparing -------------------------------------------------------------------------


def test_two_files_300_and_600_report_both_sides_with_related(tmp_path: Path) -> None:
    rules = load(tmp_path, REACTIONS)
    found = lint(rules, {
        "guides/sleep.md": "Magnesium plays a part in over 300 biochemical reactions.",
        "reviews/mg.md": "Magnesium helps run over 600 reactions in your body.",
    })
    assert sorted(f.path for f in found) == ["guides/sleep.md", "reviews/mg.md"]
    by_path = {f.path: f for f in found}
    assert [(r.path, r.line) for r in by_path["guides/sleep.md"].related] == [("reviews/mg.md", 1)]
    assert [(r.path, r.line) for r in by_path["reviews/mg.md"].related] == [("guides/sleep.md", 1)]
    assert "says over 600 reactions; 1 other article says over 300 (guides/sleep.md:1)" in by_path["reviews/mg.md"].message
    assert all(f.category == "numeric-inconsistency" and f.rule == "reactions" for f in found)


def test_the_outlier_is_reported_against_the_majority(tmp_path: Path) -> None:
    rules = load(tmp_path, REACTIONS)
    found = lint(rules, {
        "a.md": "Magnesium plays a part in over 300 biochemical reactions.",
        "b.md": "Magnesium is a cofactor in more than 300 enzyme systems.",
        "c.md": "Magnesium helps run over 600 reactions.",
    })
    (only,) = found
    assert only.path == "c.md"
    assert "2 other articles say" in only.message
    assert sorted((r.path, r.line) for r in only.related) == [("a.md", 1), ("b.md", 1)]


def test_within_one_document(tmp_path: Path) -> None:
    rules = load(tmp_path, REACTIONS)
    found = lint(rules, {"a.md": "Magnesium runs over 300 reactions.\n\nLater: magnesium runs over 600 reactions."})
    assert sorted(f.line for f in found) == [1, 3]
    assert any("this article also says over 600 (line 3)" in f.message for f in found)


def test_a_value_outside_every_source_is_reported_alone(tmp_path: Path) -> None:
    rules = load(tmp_path, REACTIONS)
    (only,) = lint(rules, {"a.md": "Magnesium drives 800 biochemical reactions."})
    assert "says 800 reactions" in only.message
    assert "Source A" in only.message and "Source B" in only.message
    assert only.related == ()


def test_tolerance_and_the_source_break_a_tie(tmp_path: Path) -> None:
    rules = load(tmp_path, SHARE)
    found = lint(rules, {"a.md": "Magnesium: 60% of adults do not get enough.\n\nFor magnesium, up to 50% of adults do not get enough."})
    (only,) = found  # 50 is within 5 of NIH's 48: only the 60 is reported
    assert only.line == 1
    assert "the source gives 48% (NIH ODS, Magnesium Intakes and Status, checked 2026-11-23)" in only.message
    assert "this article also says up to 50% (line 3)" in only.message
    assert [(r.path, r.line) for r in only.related] == [("a.md", 3)]


def test_the_source_outranks_a_majority(tmp_path: Path) -> None:
    rules = load(tmp_path, SHARE)
    found = lint(rules, {
        "a.md": "For magnesium, 70% of adults do not get enough.",
        "b.md": "For magnesium, 70% of adults do not get enough.",
        "c.md": "For magnesium, 48% of adults do not get enough.",
    })
    assert sorted(f.path for f in found) == ["a.md", "b.md"]


def test_no_majority_and_no_source_reports_every_side(tmp_path: Path) -> None:
    rules = load(tmp_path, FREE)
    found = lint(rules, {"a.md": "There are 3 things.", "b.md": "There are 5 things.", "c.md": "There are 5 things.", "d.md": "There are 3 things."})
    assert sorted(f.path for f in found) == ["a.md", "b.md", "c.md", "d.md"]
    found = lint(rules, {"a.md": "There are 3 things.", "b.md": "There are 5 things.", "c.md": "There are 5 things."})
    assert [f.path for f in found] == ["a.md"]


def test_compare_none_checks_only_the_sources(tmp_path: Path) -> None:
    rules = load(tmp_path, DOSE)
    found = lint(rules, {"a.md": "The magnesium RDA is 400 mg for young men.", "b.md": "The magnesium RDA is 420 mg for older men."})
    assert found == []
    (only,) = lint(rules, {"a.md": "The magnesium RDA is 350 mg."})
    assert "says 350 mg" in only.message and "the sourced figures are" in only.message


def test_findings_only_in_reported_files(tmp_path: Path) -> None:
    rules = load(tmp_path, REACTIONS)
    found = lint(
        rules,
        {"changed.md": "Magnesium helps run over 600 reactions.", "old.md": "Magnesium runs over 300 reactions.",
         "older.md": "Magnesium runs over 300 biochemical reactions."},
        reported={"changed.md"},
    )
    (only,) = found
    assert only.path == "changed.md"
    assert sorted(r.path for r in only.related) == ["old.md", "older.md"]


def test_message_template_fields(tmp_path: Path) -> None:
    rules = load(tmp_path, FREE.replace('message = "{detail}"', 'message = "[{fact}] {stated}: {detail}"'))
    found = lint(rules, {"a.md": "There are 3 things.\n\nThere are 4 things."})
    assert found and found[0].message.startswith("[mineral.count] 3 things: says 3 things;")


# --- Validation --------------------------------------------------------------------------


def _error(tmp_path: Path, table: str) -> RulesetError:
    with pytest.raises(RulesetError) as info:
        load(tmp_path, table)
    return info.value


def test_pattern_without_a_value_group_is_an_error(tmp_path: Path) -> None:
    error = _error(tmp_path, FREE.replace("{{amount}}\\\\s+things", "\\\\d+\\\\s+things"))
    assert error.key == "patterns" and "(?P<value>" in str(error)


def test_bad_accepted_url_names_the_key(tmp_path: Path) -> None:
    error = _error(tmp_path, SHARE.replace('url = "https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/"', 'url = "ods page"'))
    assert error.key == "accepted[0].url"
    assert error.line is not None


def test_unknown_key_in_accepted(tmp_path: Path) -> None:
    error = _error(tmp_path, SHARE.replace("value = 48", "value = 48\nvalu = 4"))
    assert error.key == "accepted[0].valu"


def test_bad_unit_factor_names_the_key(tmp_path: Path) -> None:
    error = _error(tmp_path, DOSE.replace("g = 1000", "g = -3"))
    assert error.key == "units.g"


def test_bad_fact_name(tmp_path: Path) -> None:
    error = _error(tmp_path, FREE.replace('fact = "mineral.count"', 'fact = "Mineral Count"'))
    assert error.key == "fact"


def test_missing_unit(tmp_path: Path) -> None:
    error = _error(tmp_path, FREE.replace('unit = "things"\n', ""))
    assert "unit" in str(error)


def test_lint_text_runs_a_fact_rule_alone(tmp_path: Path) -> None:
    rules = load(tmp_path, REACTIONS)
    result = lint_text(rules, textwrap.dedent("""\
        Magnesium runs over 300 reactions.
        Magnesium runs over 600 reactions.
    """))
    assert len(result.findings) == 2
