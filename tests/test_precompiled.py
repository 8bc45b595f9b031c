"""The shipped compiled forms of the bundled patterns: fresh, identical in behaviour to a
fresh compile, and ignored when they were made for another regex version."""
from __future__ import annotations

import pytest
import regex

from claimlint import precompiled
from claimlint.patterns import SHORT_PATTERN, LazyPattern


def test_the_shipped_file_matches_the_bundled_patterns() -> None:
    """rulesets/compiled-patterns.bin is made by `python -m claimlint.precompiled`; run it
    after editing a bundled ruleset (or upgrading regex)."""
    table = precompiled.load()
    if not table:
        pytest.skip(f"the shipped file was made for another regex version than {regex.__version__}")
    wanted = precompiled.bundled_patterns()
    missing = [p for p in wanted if p not in table]
    assert not missing, f"{len(missing)} bundled patterns have no compiled form, e.g. {missing[0][0][:80]!r}"
    # Records are keyed by the pattern's text and flags, so an edited pattern is missing,
    # never wrong. (Their bytes vary between runs: the regex module orders some sets by hash.)


SAMPLES = [
    "Magnesium cures insomnia and prevents migraines in adults.",
    "Take 800 mg of zinc twice a day (Smith et al., 2019); studies show it works for everyone.",
    "Our café-tested formula is 100% safe, risk-free and ſafe; 3 in 10 people are deficient.",
]


def test_rebuilt_patterns_behave_as_compiled_ones() -> None:
    table = precompiled.load()
    if not table:
        pytest.skip("no compiled forms for this regex version")
    for pattern, flags in list(table)[::5]:
        rebuilt = precompiled.compile(pattern, flags)
        assert rebuilt is not None
        fresh = regex.compile(pattern, flags)
        assert rebuilt.groupindex == fresh.groupindex and rebuilt.flags == fresh.flags
        for text in SAMPLES:
            assert [(m.span(), m.groupdict()) for m in rebuilt.finditer(text)] == \
                   [(m.span(), m.groupdict()) for m in fresh.finditer(text)]


def test_another_regex_version_means_compiling_as_usual(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(precompiled, "_table", None)
    monkeypatch.setattr(regex, "__version__", "0.0.0-not-this-one")
    assert precompiled.load() == {}
    lazy = LazyPattern(r"(?<!\w)miracle(?!\w)", regex.IGNORECASE | regex.V0)
    assert lazy.search("A MIRACLE cure").span() == (2, 9)
    monkeypatch.setattr(precompiled, "_table", None)


def test_a_damaged_file_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    from pathlib import Path

    bad = Path(str(tmp_path)) / "compiled-patterns.bin"
    bad.write_bytes(precompiled.MAGIC + b'{"regex": "%s"}\n' % regex.__version__.encode() + b"not zlib")
    monkeypatch.setattr(precompiled, "_path", lambda: bad)
    monkeypatch.setattr(precompiled, "_table", None)
    assert precompiled.load() == {}
    monkeypatch.setattr(precompiled, "_table", None)


def test_bundled_rulesets_are_shipped_parsed_and_identical() -> None:
    """rulesets/parsed-rulesets.json holds what tomllib makes of each bundled file (made by
    `python -m claimlint.precompiled`); an edited file is missing from it, never wrong."""
    import tomllib

    from claimlint.rulesets import bundled_dir

    for toml in sorted(bundled_dir().glob("*.toml")):
        raw = toml.read_bytes()
        shipped = precompiled.parsed_toml(raw)
        assert shipped is not None, f"{toml.name} is not in {precompiled.PARSED_NAME}: run python -m claimlint.precompiled"
        assert shipped == tomllib.loads(raw.decode("utf-8")), toml.name
    assert precompiled.parsed_toml(b'id = "changed"\n') is None


def test_another_regex_version_records_to_the_user_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    """First run after a regex upgrade: compiled as usual, recorded in the user's cache
    folder at exit; the next process rebuilds from there."""
    from pathlib import Path

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(regex, "__version__", "9999.1.1")
    monkeypatch.setattr(precompiled, "_table", None)
    monkeypatch.setattr(precompiled, "_new", {})
    source = r"(?<!\w)(?:cures?|treats?|heals?|prevents?)\s+(?P<what>insomnia|colds?|the\s+flu)(?!\w)"
    assert len(source) > SHORT_PATTERN  # shorter ones are compiled directly, never recorded
    lazy = LazyPattern(source, regex.IGNORECASE | regex.V0)
    assert lazy.search("It cures colds.").group("what") == "colds"
    precompiled.save_new()
    target = precompiled.user_file()
    assert Path(str(tmp_path)) in target.parents and target.exists()
    monkeypatch.setattr(precompiled, "_table", None)
    rebuilt = precompiled.compile(source, regex.IGNORECASE | regex.V0)
    assert rebuilt is not None and rebuilt.search("It treats insomnia").group("what") == "insomnia"
    monkeypatch.setattr(precompiled, "_table", None)


def test_a_short_pattern_does_not_read_the_shipped_forms(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(precompiled, "_table", None)
    lazy = LazyPattern(r"^[a-z]+(?:-[a-z]+)*$", regex.V0)
    assert lazy.match("dotted-name") and precompiled._table is None


def test_a_run_decodes_only_the_records_it_uses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(precompiled, "_table", None)
    table = precompiled.load()
    if not table:
        pytest.skip("no compiled forms for this regex version")
    pattern, flags = next(iter(table))
    assert precompiled.compile(pattern, flags) is not None
    assert list(table._decoded) == [(pattern, flags)]
    monkeypatch.setattr(precompiled, "_table", None)


def test_a_damaged_record_is_compiled_as_usual(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    from pathlib import Path

    source = r"(?<!\w)(?:soothes?|calms?)\s+(?P<what>nerves|the\s+mind)(?!\w)"
    flags = regex.IGNORECASE | regex.V0
    good = Path(str(tmp_path)) / "good.bin"
    precompiled.write(good, precompiled.record([(source, flags)]))
    assert precompiled.Records([precompiled._read(good)]).get((source, int(flags))) is not None
    raw = good.read_bytes()
    bad = Path(str(tmp_path)) / "compiled-patterns.bin"
    bad.write_bytes(raw[:-6] + b"\x00" * 6)  # the last (only) record's block is damaged
    monkeypatch.setattr(precompiled, "_path", lambda: bad)
    monkeypatch.setattr(precompiled, "_table", None)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert (source, int(flags)) in precompiled.load()
    assert precompiled.compile(source, flags) is None
    lazy = LazyPattern(source, flags)
    assert lazy.search("It calms the mind.").group("what") == "the mind"
    monkeypatch.setattr(precompiled, "_table", None)
    monkeypatch.setattr(precompiled, "_new", {})


def test_a_file_in_the_earlier_layout_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    import json
    import marshal
    import zlib
    from pathlib import Path

    source = r"(?<!\w)(?:soothes?|calms?)\s+(?P<what>nerves|the\s+mind)(?!\w)"
    flags = regex.IGNORECASE | regex.V0
    old = Path(str(tmp_path)) / "compiled-patterns.bin"
    header = json.dumps({"regex": regex.__version__, "patterns": 1}).encode()
    old.write_bytes(precompiled.MAGIC + header + b"\n" + zlib.compress(marshal.dumps(precompiled.record([(source, flags)]))))
    monkeypatch.setattr(precompiled, "_path", lambda: old)
    monkeypatch.setattr(precompiled, "_table", None)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert len(precompiled.load()) == 0
    monkeypatch.setattr(precompiled, "_table", None)
