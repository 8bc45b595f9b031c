"""The corpus cache: records per (path, content hash, rules hash) in SQLite; edits invalidate,
deleted files drop out, unchanged files are not read, damage is moved aside, concurrent
runs do not corrupt it."""
from __future__ import annotations

import multiprocessing
import os
import sqlite3
import time
from pathlib import Path

import pytest

from claimlint import cache as cache_module
from claimlint import engine, rulesets
from claimlint.cache import DB_NAME, Cache, content_hash
from claimlint.engine import lint_files

RULES = ("consistency",)


@pytest.fixture(scope="module")
def rules() -> list:
    loaded = rulesets.load(list(RULES))
    return [rule for ruleset in loaded for rule in ruleset.rules]


def old_mtime(path: Path, seconds: int = 3600) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past))


def rows(directory: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(str(directory / DB_NAME)) as conn:
        return sorted(conn.execute("SELECT path, content_hash FROM entries").fetchall())


class Counter:
    """Counts extract() calls of every corpus rule."""

    def __init__(self, rules: list, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[str] = []
        for rule in rules:
            if engine.is_corpus_rule(rule):
                original = rule.checker.extract

                def wrapped(doc, _original=original):
                    self.calls.append(doc.path)
                    return _original(doc)

                monkeypatch.setattr(rule.checker, "extract", wrapped)


def test_store_and_lookup_survive_a_new_process(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_text("x", encoding="utf-8")
    digest = content_hash("x", "markdown")
    with Cache(tmp_path / "c", "rules-1") as first:
        assert first.by_hash(str(target), digest) is None
        first.store(str(target), digest, {"r": [{"v": 1}]}, (1, 2))
        first.flush()
    second = Cache(tmp_path / "c", "rules-1")
    assert second.by_hash(str(target), digest) == {"r": [{"v": 1}]}
    assert second.by_hash(str(target), content_hash("y", "markdown")) is None
    assert Cache(tmp_path / "c", "rules-2").by_hash(str(target), digest) is None  # other rules, other records
    assert (tmp_path / "c" / ".gitignore").read_text().strip().endswith("*")


class _Counting:
    """A connection that counts the queries made through it."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.queries: list[str] = []

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
        self.queries.append(sql)
        return self.conn.execute(sql, *args)

    def __getattr__(self, name: str) -> object:
        return getattr(self.conn, name)


@pytest.mark.parametrize("whole", [True, False])
def test_a_small_database_is_read_whole_a_large_one_ahead(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, whole: bool) -> None:
    files = []
    for i in range(3):
        target = tmp_path / f"{i}.md"
        target.write_text("x" * i, encoding="utf-8")
        old_mtime(target)
        files.append((str(target), (i, os.stat(target).st_mtime_ns)))
    with Cache(tmp_path / "c", "h") as first:
        for i, (path, stat) in enumerate(files):
            first.store(path, f"d{i}", {"r": [{"v": i}]} if i else {}, stat)
        first.flush()
    if not whole:
        monkeypatch.setattr(cache_module, "LOAD_ALL_BYTES", -1)
    second = Cache(tmp_path / "c", "h")
    counting = _Counting(second._conn)
    second._conn = counting
    second.prefetch(files)
    assert [second.by_stat(path, *stat) for path, stat in files] == [{}, {"r": [{"v": 1}]}, {"r": [{"v": 2}]}]
    assert len(counting.queries) == (0 if whole else 1)
    second.close()


def test_editing_a_file_invalidates_its_entry(tmp_path: Path, rules: list, monkeypatch: pytest.MonkeyPatch) -> None:
    a = tmp_path / "a.md"
    b = tmp_path / "b.md"
    a.write_text("Magnesium runs over 300 biochemical reactions.\n", encoding="utf-8")
    b.write_text("Magnesium runs over 300 reactions too.\n", encoding="utf-8")
    counter = Counter(rules, monkeypatch)
    directory = tmp_path / "cache"
    first = lint_files(rules, [str(a)], [str(b)], cache=Cache(directory, "h"))
    assert first.findings == []
    n = len(counter.calls)
    assert n > 0
    lint_files(rules, [str(a)], [str(b)], cache=Cache(directory, "h"))
    assert len(counter.calls) == n  # nothing re-extracted
    b.write_text("Magnesium runs over 600 reactions, we now say.\n", encoding="utf-8")
    result = lint_files(rules, [str(a)], [str(b)], cache=Cache(directory, "h"))
    assert set(counter.calls[n:]) == {str(b)}  # only the edited file
    (finding,) = [f for f in result.findings if f.rule == "magnesium-reactions-count"]
    assert finding.path == str(a) and [r.path for r in finding.related] == [str(b)]


def test_an_unchanged_corpus_file_is_not_read(tmp_path: Path, rules: list, monkeypatch: pytest.MonkeyPatch) -> None:
    a = tmp_path / "a.md"
    b = tmp_path / "b.md"
    a.write_text("Magnesium runs over 600 reactions.\n", encoding="utf-8")
    b.write_text("Magnesium runs over 300 biochemical reactions.\n", encoding="utf-8")
    old_mtime(b)
    lint_files(rules, [str(a)], [str(b)], cache=Cache(tmp_path / "c", "h"))
    reads: list[str] = []
    real_read = engine.read
    monkeypatch.setattr(engine, "read", lambda path: reads.append(path) or real_read(path))
    result = lint_files(rules, [str(a)], [str(b)], cache=Cache(tmp_path / "c", "h"))
    assert reads == [str(a)]
    assert [f.path for f in result.findings if f.category == "numeric-inconsistency"] == [str(a)]


def test_a_file_changed_in_the_same_tick_is_rehashed(tmp_path: Path, rules: list) -> None:
    # Same size, same mtime, different content: the row was written within 2 s of the
    # file's mtime, so the stat is not trusted.
    a = tmp_path / "a.md"
    b = tmp_path / "b.md"
    a.write_text("Magnesium runs over 600 reactions.\n", encoding="utf-8")
    b.write_text("Magnesium runs over 300 reactions.\n", encoding="utf-8")
    stamp = time.time()
    os.utime(b, (stamp, stamp))
    assert lint_files(rules, [str(a)], [str(b)], cache=Cache(tmp_path / "c", "h")).findings
    b.write_text("Magnesium runs over 600 reactions.\n", encoding="utf-8")
    os.utime(b, (stamp, stamp))
    assert lint_files(rules, [str(a)], [str(b)], cache=Cache(tmp_path / "c", "h")).findings == []


def test_a_file_cached_in_the_same_tick_is_trusted_once_read_again_unchanged(tmp_path: Path, rules: list, monkeypatch: pytest.MonkeyPatch) -> None:
    """The row of a file read within 2 s of its mtime is not trusted by its stat; when a
    later run reads the file and finds it unchanged, the row is stamped anew, and the run
    after that takes it from the cache unread (it used to read it, and lint it, forever)."""
    a = tmp_path / "a.md"
    b = tmp_path / "b.md"
    a.write_text("Magnesium runs over 600 reactions.\n", encoding="utf-8")
    b.write_text("Magnesium runs over 300 reactions.\n", encoding="utf-8")
    stamp = time.time()
    os.utime(b, (stamp, stamp))
    lint_files(rules, [str(a)], [str(b)], cache=Cache(tmp_path / "c", "h"))  # b read in the same tick
    reads: list[str] = []
    real_read = engine.read
    monkeypatch.setattr(engine, "read", lambda path: reads.append(path) or real_read(path))
    monkeypatch.setattr(cache_module.time, "time_ns", lambda: int((stamp + 10) * 1e9))  # 10 s later
    lint_files(rules, [str(a)], [str(b)], cache=Cache(tmp_path / "c", "h"))
    assert str(b) in reads  # not trusted yet: read, found unchanged, stamped
    reads.clear()
    result = lint_files(rules, [str(a)], [str(b)], cache=Cache(tmp_path / "c", "h"))
    assert reads == [str(a)]  # b is trusted now (a, reported, has no findings cache here)
    assert [f.path for f in result.findings if f.category == "numeric-inconsistency"] == [str(a)]


def test_a_deleted_file_drops_out(tmp_path: Path, rules: list) -> None:
    a = tmp_path / "a.md"
    b = tmp_path / "b.md"
    a.write_text("Magnesium runs over 600 reactions.\n", encoding="utf-8")
    b.write_text("Magnesium runs over 300 reactions.\n", encoding="utf-8")
    directory = tmp_path / "c"
    assert lint_files(rules, [str(a)], [str(b)], cache=Cache(directory, "h")).findings
    assert {Path(p).name for p, _ in rows(directory)} == {"a.md", "b.md"}
    b.unlink()
    assert lint_files(rules, [str(a)], [], cache=Cache(directory, "h")).findings == []
    assert {Path(p).name for p, _ in rows(directory)} == {"a.md"}


def test_a_damaged_database_is_moved_aside_and_rebuilt(tmp_path: Path, rules: list) -> None:
    directory = tmp_path / "c"
    directory.mkdir()
    (directory / DB_NAME).write_bytes(b"this is not a database, just some bytes" * 100)
    a = tmp_path / "a.md"
    a.write_text("Magnesium runs over 600 reactions.\n\nMagnesium runs over 300 reactions.\n", encoding="utf-8")
    result = lint_files(rules, [str(a)], cache=Cache(directory, "h"))
    assert len([f for f in result.findings if f.category == "numeric-inconsistency"]) == 2
    notices = [p for p in result.problems if not p.failed]
    assert any("damaged" in p.message for p in notices)
    assert not any(p.failed for p in result.problems)
    assert list(directory.glob(DB_NAME + ".corrupt-*"))
    assert len(rows(directory)) == 1


def test_another_schema_version_is_rebuilt(tmp_path: Path) -> None:
    directory = tmp_path / "c"
    with Cache(directory, "h") as first:
        first.store(str(tmp_path / "x"), "d", {"r": []})
        first.flush(prune=False)
    with sqlite3.connect(str(directory / DB_NAME)) as conn:
        conn.execute("UPDATE schema_version SET version = 999")
    second = Cache(directory, "h")
    assert second.enabled
    with sqlite3.connect(str(directory / DB_NAME)) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(cache_module.SCHEMA_VERSION,)]
        assert conn.execute("SELECT COUNT(*) FROM entries").fetchone() == (0,)


def test_a_busy_database_does_not_stop_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "BUSY_TIMEOUT", 0.05)
    monkeypatch.setattr(cache_module, "RETRIES", 2)
    directory = tmp_path / "c"
    target = tmp_path / "a.md"
    target.write_text("x", encoding="utf-8")
    mine = Cache(directory, "h")
    blocker = sqlite3.connect(str(directory / DB_NAME), isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        mine.store(str(target), "d", {"r": []})
        mine.flush()
        assert any("busy" in notice for notice in mine.notices)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    mine.flush()
    assert rows(directory) == [(os.path.realpath(target), "d")]


def _writer(directory: str, worker: int, files: list[str]) -> None:
    for round_ in range(5):
        cache = Cache(directory, "h")
        for name in files:
            cache.store(name, f"{worker}-{round_}", {"rule": [{"worker": worker, "round": round_}]})
        cache.flush(prune=False)
        cache.close()


def test_concurrent_runs_do_not_corrupt_the_cache(tmp_path: Path) -> None:
    directory = tmp_path / "c"
    files = [str(tmp_path / f"f{i}.md") for i in range(30)]
    for name in files:
        Path(name).write_text("x", encoding="utf-8")
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(str(directory), w, files)) for w in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(120)
        assert process.exitcode == 0
    with sqlite3.connect(str(directory / DB_NAME)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT COUNT(*) FROM entries").fetchone() == (len(files),)
    cache = Cache(directory, "h")
    assert cache.enabled and not cache.notices
    for path, digest in rows(directory):
        (record,) = cache.by_hash(path, digest)["rule"]  # every row whole: its records match its hash
        assert digest == f"{record['worker']}-{record['round']}"


def test_an_unwritable_cache_directory_is_a_notice(tmp_path: Path, rules: list) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    a = tmp_path / "a.md"
    a.write_text("Magnesium runs over 600 reactions.\n", encoding="utf-8")
    result = lint_files(rules, [str(a)], cache=Cache(blocker / "cache", "h"))
    assert any(not p.failed and "cache" in p.message for p in result.problems)
    assert not any(p.failed for p in result.problems)


@pytest.mark.parametrize("raw", ['{"r": [1]} x', '[1]', '{"r": 1}', '{"r": [1]', "", b'{"r": []}', "not json"])
def test_a_damaged_row_is_a_miss(tmp_path: Path, raw: object) -> None:
    target = tmp_path / "a.md"
    target.write_text("x", encoding="utf-8")
    old_mtime(target)
    stat = (1, os.stat(target).st_mtime_ns)
    with Cache(tmp_path / "c", "h") as first:
        first.store(str(target), "d", {"r": [{"v": 1}]}, stat)
        first.flush()
    with sqlite3.connect(str(tmp_path / "c" / DB_NAME)) as conn:
        conn.execute("UPDATE entries SET records = ?", (raw,))
    again = Cache(tmp_path / "c", "h")
    assert again.by_stat(str(target), *stat) is None
    assert again.by_hash(str(target), "d") is None
    again.close()
