"""The literal prefilter must be sound: a unit it skips can never hold a match."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
import regex

from claimlint import casefold, prefilter
from claimlint.document import parse
from claimlint.prefilter import Prefilter, required_literals


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        pytest.param(r"(?<!\w)(?:clinically(?:\s+|\s*-\s*)proven)(?!\w)", {frozenset({"clinically"}), frozenset({"proven"})}, id="phrase-words"),
        pytest.param(r"(?:cures?|treats?)\s+(?:insomnia|migraines?)", {frozenset({"cure", "treat"}), frozenset({"insomnia", "migraine"})}, id="verb-and-disease"),
        pytest.param(r"Risk-Free", {frozenset({"risk-free"})}, id="lower-cased"),
        pytest.param(r"(?:very\s+)?safe", {frozenset({"safe"})}, id="optional-part-ignored"),
        pytest.param(r"no\s+(?:risk|harm)", {frozenset({"risk", "harm"})}, id="too-short-literal-dropped"),
        pytest.param(r"#1", None, id="only-short-literals"),
        pytest.param(r"\w+ly proven", {frozenset({"ly proven"})}, id="literal-after-class"),
        pytest.param(r"(?:abc|\d+)", None, id="branch-without-literal"),
        pytest.param(r"\Gfoo", None, id="regex-module-only-syntax"),
        pytest.param(r"(?:miracle)+", {frozenset({"miracle"})}, id="repeat-at-least-once"),
        pytest.param(r"(?:miracle)*cure", {frozenset({"cure"})}, id="repeat-zero-times-ignored"),
    ],
)
def test_required_literals(pattern: str, expected: set[frozenset[str]] | None) -> None:
    found = required_literals(pattern)
    assert (set(found) if found is not None else None) == expected


WORDS = ["cures", "treats", "insomnia", "migraine", "safe", "the", "and", "risk-free", "Risk", "free", "proven", "clinically"]
PATTERNS = [
    r"(?:cures?|treats?)\s+(?:insomnia|migraines?)",
    r"clinically\s+proven",
    r"risk[\s-]free",
    r"(?<!\w)(?:the|and)\s+(?:safe|free)",
]


@pytest.mark.parametrize("use_automaton", [True, False], ids=["aho-corasick", "str-find"])
@pytest.mark.parametrize("seed", range(20))
def test_prefilter_never_skips_a_matching_sentence(seed: int, use_automaton: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if not use_automaton:
        monkeypatch.setattr(prefilter, "ahocorasick", None)
    monkeypatch.setattr(prefilter, "INDEX", prefilter.LiteralIndex())
    rng = random.Random(seed)
    text = " ".join(
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 8))).capitalize() + "." for _ in range(40)
    )
    doc = parse(text, "a.txt")
    for source in PATTERNS:
        compiled = regex.compile(source, regex.IGNORECASE)
        chosen = Prefilter(required_literals(source)).units(doc.text, doc.unit_starts("sentence"), doc.sentences)
        assert chosen is not None
        kept = {(u.start, u.end) for u in chosen}
        for unit in doc.sentences:
            if compiled.search(doc.text, unit.start, unit.end):
                assert (unit.start, unit.end) in kept, (source, doc.text[unit.start : unit.end])


def test_shipped_analyses_match_the_bundled_patterns() -> None:
    """rulesets/prefilter-analyses.json caches both analyses (required literals, RE2
    translation) of every bundled pattern; regenerate it with `python -m claimlint.prefilter`
    after editing a ruleset."""
    import json

    from claimlint import rulesets
    from claimlint.superset import known_patterns

    shipped = json.loads((rulesets.bundled_dir() / prefilter.SHIPPED_NAME).read_text(encoding="utf-8"))
    from claimlint import quantities

    before = {id(p) for p in known_patterns()}  # other tests' patterns are not bundled ones
    loaded = rulesets.load(["default"], eager=False)
    rulesets.build_checkers([rule for ruleset in loaded for rule in ruleset.rules])  # all their patterns
    stale = []
    mine = [p for p in known_patterns() if id(p) not in before]
    assert len(mine) > 200
    keys = {prefilter._key(p.pattern, p.flags): p for p in [*mine, quantities._AMOUNT]}  # and a module's own
    for key, pattern in sorted(keys.items()):
        if shipped.get(key) != prefilter.analyse(pattern.pattern, pattern.flags):
            stale.append(pattern.pattern[:80])
    assert not stale, f"stale prefilter analyses for {stale[:5]}: run `python -m claimlint.prefilter`"


@pytest.mark.parametrize("use_automaton", [True, False], ids=["aho-corasick", "str-find"])
def test_letters_that_fold_to_a_literal_ignoring_case_keep_their_sentence(use_automaton: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    # The regex module matches "studies" in "ſtudies" (long s) and "i" in "İ" ignoring case;
    # lower() alone keeps them apart, and the sentence would have been skipped unsearched.
    if not use_automaton:
        monkeypatch.setattr(prefilter, "ahocorasick", None)
    monkeypatch.setattr(prefilter, "INDEX", prefilter.LiteralIndex())
    cases = [("studies show", "Many ſtudies show it."), ("insomnia", "It cures İnsomnia."), ("µg dose", "A 50 μg dose.")]
    for source, text in cases:
        assert regex.search(source, text, regex.IGNORECASE)
        doc = parse(text, "a.txt")
        chosen = Prefilter(required_literals(source)).units(doc.text, doc.unit_starts("sentence"), doc.sentences)
        assert chosen == doc.sentences, (source, text)


def test_the_fold_table_is_every_one_character_case_fold_that_lower_misses() -> None:
    import sys
    import unicodedata

    missed = {
        ch
        for ch in map(chr, range(sys.maxunicode + 1))
        if len(ch.casefold()) == 1 and len(ch.lower()) == 1 and ch.casefold() != ch.lower()
        and not unicodedata.name(ch, "").startswith("CHEROKEE")  # lower() and casefold() differ only in which case is kept
    }
    table = {chr(k) for k in casefold._FOLDS} - {"İ"}
    assert table == missed
    assert all(casefold.fold_in_place(ch) == casefold.fold_case(ch) == ch.casefold() for ch in missed)
    assert casefold.fold_in_place("İSTANBUL ſ µ") == casefold.fold_case("İSTANBUL ſ µ") == "istanbul s μ"
    assert casefold.fold_in_place("ǅ\u1e9e") == "ǆ\u00df"  # one character for one


def test_shipped_analyses_are_read_line_by_line_and_a_damaged_line_is_analysed_afresh(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from claimlint import rulesets

    pattern, flags = r"(?<!\w)(?:quercetin|resveratrol)\s+(?:reverses|halts)\s+ageing(?!\w)", 2
    good = prefilter.analyse(pattern, flags)
    key = prefilter._key(pattern, flags)
    folder = tmp_path / "rulesets"
    folder.mkdir()
    monkeypatch.setattr(rulesets, "bundled_dir", lambda: folder)
    monkeypatch.setattr(prefilter, "SEEN", {key: {"literals": None, "re2": None}, "other": {"literals": None, "re2": "x"}})
    prefilter.write_shipped(folder / prefilter.SHIPPED_NAME)
    text = (folder / prefilter.SHIPPED_NAME).read_text(encoding="utf-8")
    assert len(text.splitlines()) == 4  # "{", one line per entry, "}"
    monkeypatch.setattr(prefilter, "SEEN", {})
    monkeypatch.setattr(prefilter, "_shipped", None)
    # What the file says is taken as it is (it is a cache made by the same analysis) ...
    assert prefilter.analysis_for(pattern, flags) == (None, None)
    # ... and a damaged line is analysed afresh: never a wrong answer, only a slower one.
    (folder / prefilter.SHIPPED_NAME).write_text(text.replace('"re2": null}', '"re2": nu'), encoding="utf-8")
    monkeypatch.setattr(prefilter, "SEEN", {})
    monkeypatch.setattr(prefilter, "_shipped", None)
    literals, translated = prefilter.analysis_for(pattern, flags)
    assert translated == good["re2"] and [sorted(s) for s in literals or ()] == good["literals"]


def test_linting_with_the_bundled_rules_analyses_no_pattern_afresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every pattern the bundled rules search with is in the shipped analyses: one missing
    is analysed by Python's parser on first use, in every run (the fact rules' subject
    patterns were, ~8 ms a run)."""
    from claimlint import engine, rulesets

    article = tmp_path / "a.md"
    article.write_text(
        "# Minerals\n\nMagnesium takes part in over 300 reactions. Zinc, iron, calcium, iodine and selenium"
        " matter too; vitamin D, vitamin C, vitamin B12 and folate as well. Take 4000 IU of vitamin D"
        " daily.\n\nOne study (Smith, 2020) says it cures colds; we sell our own blend.\n",
        encoding="utf-8",
    )
    rules = [rule for ruleset in rulesets.load(["default"]) for rule in ruleset.rules]
    fresh: list[str] = []
    real = prefilter.analyse
    monkeypatch.setattr(prefilter, "analyse", lambda pattern, flags: fresh.append(pattern) or real(pattern, flags))
    monkeypatch.setattr(prefilter, "SEEN", {})
    examples = sorted(str(p) for p in (Path(__file__).resolve().parent.parent / "examples").iterdir() if p.is_file())
    result = engine.lint_files(rules, [str(article), *examples])
    assert result.findings
    assert not fresh, f"not in the shipped analyses: {fresh[0][:80]!r} (run `python -m claimlint.prefilter`)"
