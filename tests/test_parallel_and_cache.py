"""The output never depends on how the work was done: one process or several, no cache,
a cold cache, a warm one, a warm one after edits. Each run's standard output and
standard error are compared byte for byte."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimlint import engine
from claimlint.cli import main

ROOT = Path(__file__).resolve().parent.parent
PAST = time.time() - 3600  # older than the cache's "modified while read" window


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated articles (Markdown and text, claims of every kind, cross-document
    disagreements), the bundled examples, a suppression, a Latin-1 file, a binary file."""
    root = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate_corpus.py"), str(root / "gen"),
                    "--files", "48", "--size-kb", "3"], check=True, capture_output=True)
    shutil.copytree(ROOT / "examples", root / "examples")
    (root / "suppressed.md").write_text(
        "# Notes\n\n<!-- claimlint-disable-next-line -->\nZinc is clinically proven to cure colds.\n\n"
        "Magnesium takes part in over 600 reactions in the body.\n", encoding="utf-8")
    (root / "latin1.txt").write_bytes("Caf\xe9 owners say melatonin cures insomnia.\n".encode("latin-1"))
    (root / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    return root


@pytest.fixture(params=["read whole", "read ahead"])
def cache_reads(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways the cache reads stored rows: a small database whole when opened, a
    large one 500 rows at a time as files are looked up."""
    from claimlint import cache as cache_module

    if request.param == "read ahead":
        monkeypatch.setattr(cache_module, "LOAD_ALL_BYTES", -1)
    return str(request.param)


def _age(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, (PAST, PAST))


def run(folder: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", "--no-config", "--format", "json", str(folder), *args])
    assert result.exit_code in (1, 2), result.output
    return result.exit_code, result.stdout, result.stderr


def test_output_is_identical_across_workers_and_cache_states(corpus: Path, tmp_path: Path) -> None:
    work = tmp_path / "c"
    shutil.copytree(corpus, work)
    _age(work)
    expected = run(work, "--no-cache", "--jobs", "1")
    assert '"numeric-inconsistency"' in expected[1] and '"disease-claim"' in expected[1]
    assert "binary file" in expected[2] and "latin1.txt" in expected[2]
    for jobs in ("2", "3", "0"):
        assert run(work, "--no-cache", "--jobs", jobs) == expected, f"--jobs {jobs}"
    cache = tmp_path / "cache"
    for label, jobs in (("cold", "2"), ("warm", "2"), ("warm, one process", "1")):
        assert run(work, "--cache-dir", str(cache), "--jobs", jobs) == expected, label
    assert (cache / "results.sqlite3").exists() and (cache / "corpus.sqlite3").exists()


def test_a_warm_cache_follows_edits(corpus: Path, tmp_path: Path, cache_reads: str) -> None:
    work = tmp_path / "c"
    shutil.copytree(corpus, work)
    _age(work)
    cache = tmp_path / "cache"
    run(work, "--cache-dir", str(cache))
    victim = sorted((work / "gen").rglob("*.md"))[3]
    victim.write_text(victim.read_text(encoding="utf-8") + "\nIron is a miracle cure for fatigue.\n", encoding="utf-8")
    os.utime(victim, (PAST + 60, PAST + 60))
    (work / "suppressed.md").unlink()
    renamed = sorted((work / "gen").rglob("*.txt"))[0]
    renamed.rename(renamed.with_name("renamed.txt"))
    _age(work)
    warm = run(work, "--cache-dir", str(cache), "--jobs", "2")
    assert warm == run(work, "--no-cache", "--jobs", "1")
    findings = json.loads(warm[1])["findings"]
    assert any(f["rule"] == "miracle-claim" and f["path"].endswith(victim.name) for f in findings)
    assert not any(f["path"].endswith("suppressed.md") for f in findings)
    assert any(f["path"].endswith("renamed.txt") for f in findings)


def test_unchanged_files_are_not_read_on_a_warm_run(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache_reads: str) -> None:
    work = tmp_path / "c"
    shutil.copytree(corpus / "gen", work)
    _age(work)
    cache = tmp_path / "cache"
    first = run(work, "--cache-dir", str(cache), "--jobs", "1")
    read: list[str] = []
    real = engine.read
    monkeypatch.setattr(engine, "read", lambda path: read.append(path) or real(path))
    assert run(work, "--cache-dir", str(cache), "--jobs", "1") == first
    assert read == []


def test_a_rule_change_invalidates_cached_findings(corpus: Path, tmp_path: Path) -> None:
    work = tmp_path / "c"
    shutil.copytree(corpus / "examples", work)
    _age(work)
    cache = tmp_path / "cache"
    run(work, "--cache-dir", str(cache))
    assert run(work, "--cache-dir", str(cache), "--severity", "disease=info") == run(work, "--no-cache", "--severity", "disease=info")
    assert run(work, "--cache-dir", str(cache), "--select", "safety") == run(work, "--no-cache", "--select", "safety")


def test_workers_are_used_only_when_they_pay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    assert engine.worker_count(1, 5000) == 1  # --jobs 1: this process only
    assert engine.worker_count(4, 3) == 3  # never more workers than files
    assert engine.worker_count(0, 5000) == 4  # default: one per core
    assert engine.worker_count(0, 40) == 2  # ... with at least 16 files each
    assert engine.worker_count(0, 20) == 1


def test_a_large_run_writes_the_cache_as_it_goes(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows are written in batches (not all held to the end) and read back on a hit."""
    from claimlint import cache as cache_module

    monkeypatch.setattr(cache_module, "FLUSH_EVERY", 3)
    work = tmp_path / "c"
    shutil.copytree(corpus / "gen", work)
    _age(work)
    folder = tmp_path / "cache"
    first = run(work, "--cache-dir", str(folder), "--jobs", "1")
    assert run(work, "--cache-dir", str(folder), "--jobs", "2") == first
    opened = cache_module.Cache(folder, "unused-hash", cache_module.RESULTS_DB)
    assert opened.enabled and opened._rows == {}  # another rules hash: nothing of ours
    opened.close()


def test_cached_results_are_keyed_by_claimlint_s_own_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """A development install changes code without a new version: the cache must notice."""
    from claimlint import cache as cache_module
    from claimlint import rulesets

    rules = [rule for ruleset in rulesets.load(["safety"]) for rule in ruleset.rules]
    before = cache_module.local_rules_hash(rules, "1.0")
    monkeypatch.setattr(cache_module, "_CODE", "another build")
    assert cache_module.local_rules_hash(rules, "1.0") != before
    corpus_before = cache_module.rules_hash(rules, "1.0")
    monkeypatch.setattr(cache_module, "_CODE", "yet another build")
    assert cache_module.rules_hash(rules, "1.0") != corpus_before


def test_cached_finding_rows_round_trip_and_damaged_rows_are_refused() -> None:
    from claimlint.findings import Finding, Fix, Related

    findings = [
        Finding("a.md", 3, 1, 3, 9, "r", "disease-claim", "error", "m é", "cures"),
        Finding("b.md", 1, 2, 4, 5, "r", "contradiction", "warning", "m", "x", "say y",
                (Related("c.md", 7, 1, "there"), Related("d.md", 2, 3)), Fix(4, 9, "z")),
    ]
    rows = json.loads(json.dumps([f.to_row() for f in findings]))  # as the cache stores them
    back = [Finding.from_row(row) for row in rows]
    assert back == findings and [f.fix for f in back] == [f.fix for f in findings]
    assert back[1].related[0] == Related("c.md", 7, 1, "there")
    good = rows[0]
    for at, value in [(1, "3"), (2, True), (4, 1.5), (0, None), (9, 7), (10, 3)]:
        damaged = list(good)
        damaged[at] = value
        with pytest.raises(ValueError):
            Finding.from_row(damaged)
    with pytest.raises(ValueError):
        Finding.from_row(good[:-1])


def test_rows_read_ahead_are_not_kept_for_files_linted_after_all(corpus: Path, tmp_path: Path, cache_reads: str) -> None:
    """A change to the corpus rules' code misses every corpus row while the findings rows
    still hit: the findings read ahead for those files must not be held to the end."""
    from claimlint import cache as cache_module
    from claimlint import rulesets

    rules = [rule for ruleset in rulesets.load(["default"]) for rule in ruleset.rules]
    files = sorted(str(p) for p in corpus.rglob("*") if p.is_file())
    results = cache_module.Cache(tmp_path / "c", cache_module.local_rules_hash([r for r in rules if not engine.is_corpus_rule(r)], "t"), cache_module.RESULTS_DB)
    first = engine.Linter(rules, cache_module.Cache(tmp_path / "c", "corpus-a"), results)
    first.add_paths(files)
    first.finish()
    time.sleep(2.1)  # rows are trusted by size and mtime only for files older than 2 s
    results = cache_module.Cache(tmp_path / "c", results.rules_hash, cache_module.RESULTS_DB)
    second = engine.Linter(rules, cache_module.Cache(tmp_path / "c", "corpus-b"), results)  # every corpus row misses
    second.add_paths(files)
    assert results.hits == 0 and results._fetched == {}
    second.finish()
