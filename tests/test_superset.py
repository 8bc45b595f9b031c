"""The RE2 translation must be a superset, and an accelerated search must give exactly the
regex module's own result: same match, same groups, for every bundled pattern."""
from __future__ import annotations

import random

import pytest
import regex

from claimlint import rulesets, superset
from claimlint.superset import Accelerated, accelerated, known_patterns, translate

pytestmark = pytest.mark.skipif(superset.re2 is None, reason="google-re2 is not installed")


@pytest.fixture(autouse=True)
def _re2_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """RE2 from the first search (by default a pattern waits for 30,000 characters)."""
    monkeypatch.setattr(superset, "WARMUP_CHARS", 0)

FLAGS = regex.IGNORECASE | regex.V0
# Characters that behave differently in RE2 and in the regex module, or that the copy
# RE2 reads replaces: non-ASCII letters and spaces, characters that fold into ASCII
# letters (dotted/dotless i, long s, Kelvin sign), controls, the placeholder byte itself.
ACCENTED = dict(zip("aeiouyncAEIOUYNC", "äéîöüÿñçÄÉÎÖÜŸÑÇ"))
AWKWARD = ["é", "É", "µ", "İ", "ı", "ſ", "K", "ß", "\u00a0", "\u2009", "\x01", "\x0b", "\x1c", "\t", "\n", "™", "½", "²", "٣", "日"]


def _same(a: regex.Match[str] | None, b: regex.Match[str] | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.span() == b.span() and a.groups() == b.groups() and a.groupdict() == b.groupdict()


@pytest.mark.parametrize(
    ("pattern", "texts"),
    [
        (r"(?<!\w)clinically(?:\s+|\s*-\s*)proven(?!\w)", ["It is clinically proven.", "clinically-proven", "xclinically proven"]),
        (r"\bcures?\s+(?:insomnia|migraines?)\b", ["It cures migraines.", "cure  insomnia", "cureinsomnia"]),
        (r"[^\W\d]+ly\s+safe", ["totally safe", "tötally safe", "2ly safe"]),
        (r"(?-i:FDA)[- ]approved", ["FDA-approved", "fda approved"]),
        # Letter properties: a non-ASCII letter is read as the word placeholder.
        (r"(?-i:\p{Lu}[\p{L}\x27-]{1,30}),\s+(?:19|20)\d{2}", ["(Hemilä, 2017)", "Émile, 2019", "Ünal-Øre, 2001", "x, 2017"]),
        (r"\b\p{Ll}+ly\b", ["hästly", "Ærly", "ly"]),
        (r"risk", ["RİSK", "riſk", "RISK", "ri\u017fk"]),
        (r"(?P<a>\d+)\s*mg(?:\s+of\s+(?P=a))?", ["take 200 mg of 200", "200mg"]),
        (r"(?P<x>a)|(?P<x>b)c", ["zbc", "za"]),
        (r"\p{Lu}\p{Ll}+ \(\d{4}\)", ["Smith (2019)", "Ölmez (2020)", "smith (2019)"]),
        (r"studies[^.!?]{0,200}show", ["Studies, as many readers know, show it.", "Studies end. Then show"]),
        (r"(?s)start.{0,5}end", ["start\nend", "start 123456 end"]),
        (r"caf\u00e9\s+n\u00e9e", ["café née", "cafe nee"]),
        (r"\x01", ["a\x01b", "aéb"]),
    ],
)
def test_accelerated_search_is_the_regex_search(pattern: str, texts: list[str]) -> None:
    compiled = regex.compile(pattern, FLAGS)
    fast = Accelerated(compiled)
    assert translate(pattern, FLAGS) is not None, "these patterns are meant to be translated"
    for text in texts:
        for pos in range(len(text) + 1):
            assert _same(fast.search(text, pos, len(text)), compiled.search(text, pos, len(text))), (pattern, text, pos)


@pytest.mark.parametrize(
    "pattern",
    [r"\p{Greek}", r"[^\p{L}]", r"\P{L}", r"(?V1)[[a-z]--[aeiou]]", r"(?f)strasse"],
)
def test_what_cannot_be_read_is_not_translated(pattern: str) -> None:
    assert translate(pattern, regex.IGNORECASE) is None
    compiled = regex.compile(pattern, regex.IGNORECASE)
    assert _same(Accelerated(compiled).search("Straße α b"), compiled.search("Straße α b"))


def test_start_anchor_patterns_are_searched_by_regex_alone() -> None:
    compiled = regex.compile(r"\G\s*mg", FLAGS)
    assert superset.uses_start_anchor(compiled.pattern)
    assert not superset.uses_start_anchor(r"\\G")
    fast = Accelerated(compiled)
    assert fast.scanner() is None
    assert _same(fast.search("200 mg", 3), compiled.search("200 mg", 3))
    assert fast.search("200 mg", 2) is None


def test_ascii_members_match_the_regex_module() -> None:
    import re._constants as C

    for category, members in superset._MEMBERS.items():
        cls = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_WORD: r"\w", C.CATEGORY_SPACE: r"\s"}[category]
        compiled = regex.compile(cls, FLAGS)
        assert "".join(chr(c) for c in range(128) if compiled.fullmatch(chr(c))) == members


def test_case_folds_across_ascii_match_the_regex_module() -> None:
    """Which non-ASCII characters match ASCII letters ignoring case (and vice versa)."""
    letters = regex.compile("[a-zA-Z]", FLAGS)
    outside = [c for c in range(128, 0x30000) if letters.fullmatch(chr(c))]
    assert sorted(superset._FOLDS_INTO_ASCII) == outside
    for code, ascii_letters in superset._FOLDS_INTO_ASCII.items():
        matched = {chr(a) for a in range(128) if regex.fullmatch(regex.escape(chr(code)), chr(a), FLAGS)}
        assert matched <= set(ascii_letters)
        assert set(ascii_letters) & superset._FOLDS_OUTSIDE_ASCII


def _bundled() -> list[object]:
    before = {id(p) for p in known_patterns()}  # other tests' patterns are not bundled ones
    loaded = rulesets.load(["default"], eager=False)
    rulesets.build_checkers([rule for ruleset in loaded for rule in ruleset.rules])
    from claimlint import quantities

    fresh = [p for p in known_patterns() if id(p) not in before] + [quantities._AMOUNT]  # and a module's own
    return sorted(fresh, key=lambda p: p.pattern)  # type: ignore[attr-defined]


def _vocabulary(pattern: str) -> list[str]:
    """Words the pattern is made of, so that random text actually matches it often."""
    words = regex.findall(r"[A-Za-z][A-Za-z']{1,}", regex.sub(r"\\[a-zA-Z]", " ", pattern))
    return sorted(set(words)) or ["word"]


def _random_text(rng: random.Random, vocabulary: list[str]) -> str:
    pieces = []
    for _ in range(rng.randint(5, 60)):
        roll = rng.random()
        if roll < 0.55:
            word = rng.choice(vocabulary)
            style = rng.random()
            if style < 0.1:
                word = word.upper()
            elif style < 0.2:
                word = word.capitalize()
            if rng.random() < 0.15:  # a letter with an accent: non-ASCII, still a letter
                at = rng.randrange(len(word))
                word = word[:at] + ACCENTED.get(word[at], word[at]) + word[at + 1 :]
            pieces.append(word)
        elif roll < 0.7:
            pieces.append(str(rng.choice([1, 2, 3, 10, 50, 100, 200, 300, 350, 400, 600, 1000, 2019])))
        elif roll < 0.85:
            pieces.append(rng.choice([".", ",", "-", "(", ")", ":", ";", "!", "?", "%", "mg", "IU", "'s", "not", "no"]))
        else:
            pieces.append(rng.choice(AWKWARD))
    glue = [" ", " ", " ", "", "  ", "-", "\n"]
    return "".join(piece + rng.choice(glue) for piece in pieces)


@pytest.mark.parametrize("seed", range(2))
def test_every_bundled_pattern_searches_exactly_as_regex(seed: int) -> None:
    """Random text made of each pattern's own words (so that many searches match), with
    the awkward characters mixed in, searched from every kind of offset."""
    rng = random.Random(seed)
    patterns = _bundled()
    assert len(patterns) > 200
    translated = 0
    for pattern in patterns:
        fast = accelerated(pattern)
        translated += fast.scanner() is not None
        real = pattern.compiled() if hasattr(pattern, "compiled") else pattern  # type: ignore[attr-defined]
        vocabulary = _vocabulary(pattern.pattern)  # type: ignore[attr-defined]
        for _ in range(5):
            text = _random_text(rng, vocabulary)
            start = rng.randint(0, len(text))
            end = rng.randint(start, len(text))
            assert _same(fast.search(text, start, end), real.search(text, start, end)), (pattern.pattern[:200], text, start, end)  # type: ignore[attr-defined]
            got = [m.span() for m in fast.finditer(text, start, end) if m.end() > m.start()]
            want = [m.span() for m in real.finditer(text, start, end) if m.end() > m.start()]  # type: ignore[attr-defined]
            assert got == want, (pattern.pattern[:200], text)  # type: ignore[attr-defined]
    # The rest use \G or only assert (unless_before = "$(?<=...)"): searched by regex alone.
    assert translated > 0.6 * len(patterns), "most bundled patterns should be translated"


def test_the_unit_scan_keeps_every_unit_that_matches() -> None:
    from claimlint.document import parse
    from claimlint.prefilter import Prefilter

    rng = random.Random(7)
    for pattern in _bundled()[::3]:
        vocabulary = _vocabulary(pattern.pattern)  # type: ignore[attr-defined]
        text = ". ".join(_random_text(rng, vocabulary) for _ in range(8))
        doc = parse(text, "a.txt")
        prefilter = Prefilter.for_pattern(pattern)
        chosen = prefilter.units(doc.text, doc.unit_starts("sentence"), doc.sentences)
        kept = None if chosen is None else {(u.start, u.end) for u in chosen}
        for unit in doc.sentences:
            if pattern.search(doc.text, unit.start, unit.end):  # type: ignore[attr-defined]
                assert kept is None or (unit.start, unit.end) in kept, (pattern.pattern[:200], doc.text[unit.start : unit.end])  # type: ignore[attr-defined]


def test_timeouts_still_apply_across_the_anchored_attempts() -> None:
    # RE2 finds the translation (the lookahead dropped) at every offset, and each
    # anchored attempt backtracks exponentially: one deadline covers them all.
    compiled = regex.compile(r"(a|aa)+(?=c)", FLAGS)
    fast = Accelerated(compiled)
    assert fast.scanner() is not None
    with pytest.raises(TimeoutError):
        fast.search("a" * 64 + "b", timeout=0.05)


def test_a_translation_is_compiled_once_its_searches_have_cost_about_as_much(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(superset, "WARMUP_CHARS", 30_000)
    monkeypatch.setattr(superset, "_COMPILED", {})
    compiled = regex.compile(r"(?<!\w)(?:melatonin|valerian)\s+(?:cures|fixes)(?!\w)", FLAGS)
    fast = Accelerated(compiled)
    text = "Some say valerian fixes sleep. " * 4
    warm = fast._scanner()
    price = warm._budget
    assert price == pytest.approx(superset.PRICE_BASE + superset.PRICE_PER_CHAR * len(warm.translated))
    assert _same(fast.search(text), compiled.search(text))
    assert warm.warming() and price - 0.01 < warm._budget < price  # the search was timed
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert warm.warming() and warm._seen == 2 * len(text)
    warm.spend(price, 0)  # as if the searches had taken that long
    assert not warm.warming()
    assert _same(fast.search(text, 5), compiled.search(text, 5))
    assert warm._scan  # compiled: later searches go through RE2
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in compiled.finditer(text)]


def test_a_search_expected_to_cost_more_than_the_budget_compiles_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ski rental with a forecast: a long first search is priced at FIRST_RATE, and later
    ones at the pattern's own measured rate; when the coming search alone would cost more
    than what is left of the budget, the translation is compiled before it."""
    monkeypatch.setattr(superset, "WARMUP_CHARS", 10**9)
    monkeypatch.setattr(superset, "_COMPILED", {})
    warm = superset.WarmScanner("(?:chamomile|lavender)")
    budget = warm._budget
    assert warm.warming(superset.LONG_SEARCH - 1)  # short: measured, not guessed
    assert warm.warming(int(budget / superset.FIRST_RATE) - 1)
    assert not warm.warming(max(superset.LONG_SEARCH, int(budget / superset.FIRST_RATE) + 10))
    warm.spend(budget / 10, 100)  # now known: budget/1000 a character, 0.9 budget left
    assert warm.warming(899) and not warm.warming(901)
    compiled = regex.compile(r"(?<!\w)(?:chamomile|lavender)\s+(?:cures|ends)(?!\w)", FLAGS)
    fast = Accelerated(compiled)
    document = "Some say lavender ends stress. " * 400
    assert _same(fast.search(document), compiled.search(document))
    assert fast._scanner()._scan  # a whole document at once: compiled first, then searched


def test_compiling_a_lazy_pattern_is_not_charged_to_its_translation(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first search of a LazyPattern compiles it (milliseconds for a big one): that is
    not time RE2 could save, so the warm-up does not count it."""
    from claimlint.patterns import LazyPattern

    clock = [0.0]
    monkeypatch.setattr(superset._time, "perf_counter", lambda: clock[0])
    monkeypatch.setattr(superset, "WARMUP_CHARS", 30_000)
    monkeypatch.setattr(superset, "_COMPILED", {})

    class SlowToCompile(LazyPattern):
        __slots__ = ()

        def compiled(self) -> regex.Pattern[str]:
            if self._compiled is None:
                clock[0] += 1.0  # compiling "takes" a second
            return super().compiled()

    lazy = SlowToCompile(r"(?<!\w)(?:ashwagandha|rhodiola)\s+(?:erases|ends)(?!\w)", FLAGS)
    fast = Accelerated(lazy)
    warm = fast._scanner()
    price = warm._budget
    assert fast.search("Rhodiola ends stress.").span() == (0, 13)
    assert warm.warming() and warm._budget == price  # the search itself took no (fake) time


def test_characters_alone_also_end_the_warm_up_and_a_compiled_translation_is_shared(monkeypatch: pytest.MonkeyPatch) -> None:
    from claimlint.prefilter import Prefilter

    monkeypatch.setattr(superset, "WARMUP_CHARS", 100)
    monkeypatch.setattr(superset, "PRICE_BASE", 1e9)
    monkeypatch.setattr(superset, "_COMPILED", {})
    compiled = regex.compile(r"(?<!\w)(?:zinc|iron)\s+(?:cures|fixes)(?!\w)", FLAGS)
    fast = Accelerated(compiled)
    prefilter = Prefilter.for_pattern(compiled)
    assert prefilter._scanner.ready(10) is None  # the prefilter waits too
    fast.search("x" * 60)
    assert fast._scanner().warming()
    fast.search("x" * 60)
    assert not fast._scanner().warming()
    fast.search("zinc cures")
    assert fast._scanner()._scan
    # The same translation, compiled for the search: the prefilter uses it at once.
    assert prefilter._scanner.ready(10) is not None


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"$(?<=\bno\s+)", True), (r"$(?<=a|b)", True), (r"$", True), (r"$[|(]x", True), (r"$(?<=[]|(])", True),
        (r"$(?<=a)|b", False), (r"$(?<=\()|a", False), (r"x$", False), (r"(?m)$(?<=a)", False), (r"$(?m:x)", False),
        (r"$(?x) a", False), (r"$(?V1)[[a]|b]", False),
    ],
)
def test_which_patterns_can_only_match_at_the_end(pattern: str, expected: bool) -> None:
    assert superset.end_anchored(pattern, regex.IGNORECASE | regex.V0) is expected
    assert not superset.end_anchored(pattern, regex.IGNORECASE | regex.V0 | regex.MULTILINE)


def test_end_anchored_searches_are_the_regex_searches() -> None:
    """unless_before tests ("$(?<=...)") are tried at the end only: same answers on every
    prefix of texts made of their own words, with final newlines, carriage returns and
    line separators, and with the search bounded on both sides."""
    rng = random.Random(7)
    patterns = [p for p in _bundled() if superset.end_anchored(p.pattern, p.flags)]  # type: ignore[attr-defined]
    assert len(patterns) >= 10
    found = 0
    for pattern in patterns:
        fast = Accelerated(pattern)
        real = pattern.compiled()  # type: ignore[attr-defined]
        vocabulary = _vocabulary(pattern.pattern)  # type: ignore[attr-defined]
        for _ in range(3):
            words = _random_text(rng, vocabulary)
            for end in range(0, len(words) + 1, 3):
                for tail in ("", " ", "\n", "\n\n", "\r\n", "\u2028", " \n"):
                    text = words[:end] + tail
                    start = rng.randint(0, len(text))
                    for pos, endpos in ((0, len(text)), (start, len(text)), (0, start)):
                        want = real.search(text, pos, endpos)
                        assert _same(fast.search(text, pos, endpos), want), (pattern.pattern[:120], text, pos, endpos)  # type: ignore[attr-defined]
                        found += want is not None
    assert found > 100, "the texts should make the lookbehinds match often"
    # ... and most of them were screened by RE2 first (end_tail).
    assert sum(Accelerated(p)._tail_scanner().now() is not None for p in patterns) >= 0.8 * len(patterns)


@pytest.mark.parametrize(
    ("pattern", "tail"),
    [
        (r"$(?<=\bno\s+)", r"(?:\bno\s+)$"), (r"$(?<=a|b)", r"(?:a|b)$"), (r"$(?<=[)(]x)", r"(?:[)(]x)$"),
        (r"$(?<=\)(?:x))", r"(?:\)(?:x))$"), (r"$(?<=a)(?<=b)", None), (r"$(?<!a)", None), (r"$", None), (r"x$(?<=a)", None),
    ],
)
def test_the_tail_re2_screens_an_end_anchored_lookbehind_with(pattern: str, tail: str | None) -> None:
    assert superset.end_tail(pattern, FLAGS) == tail


def test_findings_are_the_same_with_and_without_re2(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled examples and generated articles, with letters made non-ASCII (accents, long s, dotted capital I,
    micro sign) and non-ASCII spaces and quotes sprinkled in: every rule, RE2 from the
    first search, then the regex module alone (and the literal prefilter alone)."""
    from pathlib import Path

    from claimlint.engine import lint_text

    rules = [rule for loaded in rulesets.load(["default"]) for rule in loaded.rules]
    rng = random.Random(5)
    swaps = {**ACCENTED, "s": "ſ", "I": "İ", "µ": "μ"}
    import importlib.util

    root = Path(__file__).parents[1]
    spec = importlib.util.spec_from_file_location("generate_corpus", root / "benchmarks" / "generate_corpus.py")
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    sources = [(path.name, path.read_text(encoding="utf-8")) for path in sorted((root / "examples").rglob("*.*"))]
    sources += [(f"generated-{i}.md", generator.article(random.Random(i), 4000, True)) for i in range(8)]
    texts = []
    for name, source in sources:
        words = source.split(" ")
        for i, word in enumerate(words):
            roll = rng.random()
            if roll < 0.3 and word:
                at = rng.randrange(len(word))
                words[i] = word[:at] + swaps.get(word[at], word[at]) + word[at + 1 :]
            elif roll < 0.33:
                words[i] = word + rng.choice(["\u00a0", "\u2019", "\u201d", "\u2014", "é", "ß"])
        texts.append((name, " ".join(words)))

    def run() -> list[tuple[object, ...]]:
        found = []
        for name, text in texts:
            found += [(name, f.line, f.column, f.rule, f.match) for f in lint_text(rules, text, name).findings]
        return found

    with_re2 = run()
    monkeypatch.setattr(superset, "ENABLED", False)
    assert run() == with_re2
    assert len(with_re2) > 100
