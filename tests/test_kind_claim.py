"""kind = "claim": a proposition affirmed in one place and denied in another, across
documents and within one; hedged, scoped and other-subject sentences are not the same
proposition; questions state nothing."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimlint import rulesets
from claimlint.document import parse
from claimlint.engine import Linter
from claimlint.errors import RulesetError
from claimlint.sources import Source

RULESET = r'''
schema = 1
id = "claims-under-test"
title = "Claims under test"

[terms]
deep = ["deep sleep", "slow-wave sleep", "re:\\bSWS\\b", "re:\\bN3\\b", "delta sleep"]

[[rule]]
id = "deep-sleep"
kind = "claim"
category = "contradiction"
severity = "warning"
summary = "s"
message = "{detail}"
why = "w"
instead = "i"
reviewed = 2026-11-23
claim = "magnesium.deep-sleep"
proposition = "Magnesium increases deep sleep"
subject = ["magnesium"]
others = ["CBD", "melatonin", "glycine"]
affirm = [
    "(?:increas|boost|improv|enhanc|support)\\w*\\s+(?:\\w+\\s+){0,3}?{{deep}}",
    "\\bmore\\s+{{deep}}",
]
deny = [
    "\\bno\\s+evidence\\s+that\\s+(?:\\w+\\s+){0,4}?{{deep}}",
    "(?:does\\s+not|doesn't)\\s+(?:increase|improve)\\s+{{deep}}",
]
unless = ["polysomnograph\\w*"]

[rule.examples]
bad = ["x"]
good = ["y"]

[[rule.references]]
title = "t"
url = "https://example.org/"
'''


@pytest.fixture
def rules(tmp_path: Path) -> list:
    path = tmp_path / "claims.toml"
    path.write_text(RULESET, encoding="utf-8")
    return [rule for ruleset in rulesets.load([str(path)]) for rule in ruleset.rules]


def extract(rules: list, text: str, markup: str = "text") -> list[dict]:
    return rules[0].checker.extract(parse(text, "a.txt", markup))


def polarities(rules: list, text: str, markup: str = "text") -> list[str]:
    return [r["polarity"] for r in extract(rules, text, markup)]


def lint(rules: list, docs: dict[str, str], reported: set[str] | None = None):
    linter = Linter(rules)
    for path, text in docs.items():
        linter.add_source(Source(path, text), "text", report=reported is None or path in reported)
    return linter.finish().findings


def test_fires_across_documents_on_both_sides_with_related(rules: list) -> None:
    found = lint(rules, {
        "a.md": "Taking magnesium increases deep sleep.",
        "b.md": "Intro.\n\nThere is no evidence that magnesium increases deep sleep.",
        "c.md": "Magnesium boosts slow-wave sleep, readers say.",
    })
    assert sorted((f.path, f.line) for f in found) == [("a.md", 1), ("b.md", 3), ("c.md", 1)]
    by_path = {f.path: f for f in found}
    assert [(r.path, r.line) for r in by_path["a.md"].related] == [("b.md", 3)]
    assert sorted((r.path, r.line) for r in by_path["b.md"].related) == [("a.md", 1), ("c.md", 1)]
    assert "denies that magnesium increases deep sleep; 2 other articles affirm it" in by_path["b.md"].message
    assert all(f.category == "contradiction" for f in found)


def test_fires_within_one_document(rules: list) -> None:
    found = lint(rules, {"a.md": "Magnesium increases deep sleep.\n\nMagnesium does not increase deep sleep."})
    assert sorted(f.line for f in found) == [1, 3]
    assert any("this article denies it at line 3" in f.message for f in found)


def test_one_side_only_is_quiet(rules: list) -> None:
    assert lint(rules, {"a.md": "Magnesium increases deep sleep.", "b.md": "Magnesium boosts N3 sleep too."}) == []
    assert lint(rules, {"a.md": "There is no evidence that magnesium increases deep sleep."}) == []


def test_synonyms_are_one_proposition(rules: list) -> None:
    found = lint(rules, {"a.md": "Magnesium increases SWS.", "b.md": "Magnesium does not increase delta sleep."})
    assert len(found) == 2


def test_hedged_scope_is_not_the_same_proposition(rules: list) -> None:
    text = (
        "Studies using polysomnography do not show that magnesium increases deep sleep. "
        "CBD may support deep sleep. Magnesium may increase deep sleep."
    )
    assert polarities(rules, text) == ["scoped", "hedged"]
    assert lint(rules, {"a.md": text, "b.md": "There is no evidence that magnesium increases deep sleep."}) == []


def test_another_subject_is_not_this_subject(rules: list) -> None:
    assert extract(rules, "Magnesium is popular. CBD increases deep sleep.") == []
    assert polarities(rules, "Unlike melatonin, magnesium increases deep sleep.") == ["affirm"]
    assert polarities(rules, "Unlike magnesium, melatonin increases deep sleep.") == []


def test_questions_state_nothing(rules: list) -> None:
    assert extract(rules, "Does magnesium increase deep sleep?") == []


def test_elliptical_list_item_takes_the_subject_of_the_document(rules: list) -> None:
    text = "# Magnesium for sleep\n\nWhat studies highlight:\n\n- Better rest: increases deep sleep and sleep time\n"
    (rec,) = extract(rules, text, "markdown")
    assert rec["polarity"] == "affirm" and rec["line"] == 5


def test_a_sentence_with_no_subject_that_is_not_elliptical_is_skipped(rules: list) -> None:
    assert extract(rules, "Magnesium guide.\n\nOur gummies help real users increase deep sleep.") == []


def test_pronoun_takes_the_previous_sentence_subject(rules: list) -> None:
    assert polarities(rules, "Magnesium is a mineral. It increases deep sleep.") == ["affirm"]
    assert polarities(rules, "Melatonin is a hormone. It increases deep sleep.") == []


def test_negated_affirmation_is_a_denial(rules: list) -> None:
    assert polarities(rules, "It is a myth that magnesium increases deep sleep.") == ["deny"]


def test_records_are_plain_json(rules: list) -> None:
    (rec,) = extract(rules, "Intro.\n\nMagnesium increases deep sleep.")
    assert json.loads(json.dumps(rec)) == rec
    assert rec["claim"] == "magnesium.deep-sleep"
    assert (rec["line"], rec["column"]) == (3, 11)
    assert rec["sentence"] == "Magnesium increases deep sleep."


def test_only_reported_files_get_findings(rules: list) -> None:
    found = lint(
        rules,
        {"new.md": "Magnesium increases deep sleep.", "old.md": "Magnesium does not increase deep sleep."},
        reported={"new.md"},
    )
    assert [(f.path, [(r.path, r.line) for r in f.related]) for f in found] == [("new.md", [("old.md", 1)])]


def test_validation_names_the_key(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(RULESET.replace(r'"\\bmore\\s+{{deep}}",', r'"\\bmore\\s+({{deep}}",'), encoding="utf-8")
    with pytest.raises(RulesetError) as info:
        rulesets.load([str(path)])
    assert info.value.key == "affirm[1]"
    path.write_text(RULESET.replace('deny = [', 'denial = ['), encoding="utf-8")
    with pytest.raises(RulesetError) as info:
        rulesets.load([str(path)])
    assert info.value.key == "denial"
    path.write_text(RULESET.replace('claim = "magnesium.deep-sleep"', 'claim = "Deep Sleep!"'), encoding="utf-8")
    with pytest.raises(RulesetError) as info:
        rulesets.load([str(path)])
    assert info.value.key == "claim"


PER_SUBJECT = RULESET.replace(
    'claim = "magnesium.deep-sleep"\nproposition = "Magnesium increases deep sleep"\nsubject = ["magnesium"]\nothers = ["CBD", "melatonin", "glycine"]',
    'claim = "deep-sleep"\nproposition = "{subject} increases deep sleep"\nsubject = ["magnesium", "CBD", "cannabidiol", "melatonin", "re:magnesium\\\\s+glycinate"]\n'
    'per_subject = true\naliases = { CBD = ["CBD", "cannabidiol"], magnesium = ["re:magnesium(?:\\\\s+glycinate)?"] }',
)


@pytest.fixture
def per_subject(tmp_path: Path) -> list:
    assert PER_SUBJECT != RULESET
    path = tmp_path / "per-subject.toml"
    path.write_text(PER_SUBJECT, encoding="utf-8")
    return [rule for ruleset in rulesets.load([str(path)]) for rule in ruleset.rules]


def test_per_subject_claims_are_compared_per_subject(per_subject: list) -> None:
    assert lint(per_subject, {"a.md": "CBD increases deep sleep.", "b.md": "Magnesium does not increase deep sleep."}) == []
    found = lint(per_subject, {
        "a.md": "CBD increases deep sleep.",
        "b.md": "Cannabidiol does not increase deep sleep.",
        "c.md": "Magnesium glycinate increases deep sleep.",
        "d.md": "There is no evidence that magnesium increases deep sleep.",
    })
    assert sorted(f.path for f in found) == ["a.md", "b.md", "c.md", "d.md"]
    by_path = {f.path: f for f in found}
    assert [r.path for r in by_path["a.md"].related] == ["b.md"]
    assert [r.path for r in by_path["d.md"].related] == ["c.md"]
    assert "affirms that CBD increases deep sleep" in by_path["a.md"].message
    assert "denies that magnesium increases deep sleep" in by_path["d.md"].message


def test_per_subject_records_name_the_subject(per_subject: list) -> None:
    (rec,) = extract(per_subject, "Cannabidiol increases deep sleep.")
    assert rec["subject"] == "CBD"
    (rec,) = extract(per_subject, "Melatonin increases deep sleep.")
    assert rec["subject"] == "melatonin"


def test_per_subject_needs_the_subject_in_the_proposition(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(PER_SUBJECT.replace('proposition = "{subject} increases deep sleep"', 'proposition = "It increases deep sleep"'), encoding="utf-8")
    with pytest.raises(RulesetError) as info:
        rulesets.load([str(path)])
    assert info.value.key == "proposition"
    path.write_text(PER_SUBJECT.replace('CBD = ["CBD", "cannabidiol"]', 'CBD = "cannabidiol"'), encoding="utf-8")
    with pytest.raises(RulesetError) as info:
        rulesets.load([str(path)])
    assert info.value.key == "aliases.CBD"


def test_a_scope_narrows_its_own_clause_only(rules: list) -> None:
    assert polarities(rules, "In studies using polysomnography, magnesium did not increase deep sleep.") == ["scoped"]
    assert polarities(rules, "Polysomnography studies found no change, so there is no evidence that magnesium increases deep sleep.") == ["deny"]
    assert polarities(rules, "There is no evidence from polysomnography that magnesium increases deep sleep.") == ["scoped"]
