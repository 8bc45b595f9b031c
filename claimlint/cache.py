"""The on-disk cache of what corpus rules (fact, claim) extracted from each file.

One SQLite database, ``<cache-dir>/corpus.sqlite3``; ``cache-dir`` defaults to
``.claimlint_cache`` beside the configuration file (or in the working directory when
there is none) and can be changed with ``cache-dir = "..."`` or ``--cache-dir``;
``--no-cache`` turns the cache off. Rows are keyed by the file's real path and the
*rules hash* (claimlint's version and every corpus rule's options and expanded regexes)
and hold the content hash, the file's size and modification time, and the records as
JSON. A repeated run:

* takes a corpus file's records without reading it when its size and mtime match a row
  made from a read at least two seconds after the file was last modified (a file changed
  within the same clock tick as it was read is always re-read and re-hashed);
* otherwise reads it, and re-extracts only when its content hash differs;
* drops rows of files that no longer exist, so a deleted file's facts and claims vanish.

Concurrent runs: the database is in WAL mode, every write is one ``BEGIN IMMEDIATE``
transaction, a busy database is retried with back-off and then skipped (the run goes
on, uncached). A file that is not a database, or a malformed one, is moved aside
(``corpus.sqlite3.corrupt-<time>-<pid>``) and rebuilt. The ``schema_version`` table
names the layout; another version's tables are dropped and rebuilt.
"""
from __future__ import annotations

import json
import os
import sqlite3
import time
from itertools import repeat
from pathlib import Path
from typing import Any, Callable, TypeVar

from claimlint import paths
from claimlint.sha import sha256

SCHEMA_VERSION = 1
DB_NAME = "corpus.sqlite3"
RESULTS_DB = "results.sqlite3"  # the same layout: each file's local findings
BUSY_TIMEOUT = 5.0  # seconds SQLite waits on a lock before raising
RETRIES = 5
RACY_NS = 2_000_000_000  # a file modified this close to when it was cached is re-hashed
PREFETCH_BATCH = 500  # keys per prefetch query (SQLite allows 999 parameters before 3.32)
FLUSH_EVERY = 500  # rows held before they are written
LOAD_ALL_BYTES = 8 * 1024 * 1024  # a database up to this size is read whole when opened

_SCHEMA = """
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
    path TEXT NOT NULL,
    rules_hash TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    records TEXT NOT NULL,
    written_ns INTEGER NOT NULL,  -- when the file was read (the stat was taken just before)
    PRIMARY KEY (path, rules_hash)
);
"""
T = TypeVar("T")
_SCAN = json.JSONDecoder().scan_once  # (text, index) -> (value, end)


def content_hash(text: str, markup: str) -> str:
    return sha256(markup.encode("ascii", "replace") + b"\0" + text.encode("utf-8", "surrogatepass")).hexdigest()


path_key = paths.path_key  # (re-exported: callers and tests know it from here)


def forget_path_keys() -> None:
    """Start a new run: links may have changed since the last one (in the same process)."""
    paths.forget()


class _Busy(Exception):
    pass


def _is_busy(error: sqlite3.OperationalError) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


class Cache:
    """Records per (path, content hash, rules hash). Never raises on a cache problem:
    it disables itself and says why in ``notices``."""

    def __init__(self, directory: str | os.PathLike[str], rules_hash: str, name: str = DB_NAME) -> None:
        self.directory = Path(directory)
        self.name = name
        self.path = self.directory / name
        self.rules_hash = rules_hash
        self.notices: list[str] = []
        self.enabled = True
        self._conn: sqlite3.Connection | None = None
        # path -> (content hash, size, mtime_ns, records JSON or None, written_ns); the
        # records of stored rows are read from the database on a hit, not kept in memory.
        self._rows: dict[str, tuple[str, int, int, str | None, int]] = {}
        self._pending: dict[str, tuple[str, int, int, str, int]] = {}
        self._touched: dict[str, tuple[int, int, int]] = {}
        self._fetched: dict[str, str] = {}  # records read ahead by prefetch(), taken once
        self._seen: set[str] = set()  # keys of files found this run (they need no existence check)
        self._read_whole = False  # every row's records were read when the cache was opened
        self.hits = 0
        self.misses = 0
        self._open()

    # Opening, with recovery ----------------------------------------------------

    def _open(self) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._mark_directory()
        except OSError as error:
            self._disable(f"cannot create the cache directory: {error.strerror or error}")
            return
        for attempt in range(2):
            try:
                self._connect()
                self._load()
                return
            except sqlite3.DatabaseError as error:
                if isinstance(error, sqlite3.OperationalError) and _is_busy(error):
                    self._disable("the cache database is busy; running without it")
                    return
                self._close()
                if attempt == 0 and self._quarantine(error):
                    continue
                self._disable(f"the cache database cannot be used ({error}); running without it")
                return
            except _Busy:
                self._disable("the cache database is busy; running without it")
                return

    def _mark_directory(self) -> None:
        gitignore = self.directory / ".gitignore"
        if not gitignore.exists():
            gitignore.write_text("# Created by claimlint: the cache of extracted facts and claims.\n*\n", encoding="utf-8")
        tag = self.directory / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n# This directory is a cache created by claimlint.\n",
                encoding="utf-8",
            )

    def _connect(self) -> None:
        conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT, isolation_level=None)
        self._conn = conn
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
        mode = self._retry(lambda: conn.execute("PRAGMA journal_mode=WAL").fetchone())
        if mode is None:
            raise sqlite3.DatabaseError("cannot set the journal mode")
        conn.execute("PRAGMA synchronous=NORMAL")

        def create() -> None:
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                row = conn.execute("SELECT version FROM schema_version").fetchall()
                if not row:
                    conn.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
                elif len(row) != 1 or row[0][0] != SCHEMA_VERSION:
                    conn.execute("DROP TABLE IF EXISTS entries")
                    conn.execute("DELETE FROM schema_version")
                    conn.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
                    for statement in _SCHEMA.split(";"):
                        if statement.strip():
                            conn.execute(statement)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

        self._retry(create)

    def _load(self) -> None:
        assert self._conn is not None
        if self._stored_bytes() <= LOAD_ALL_BYTES:
            # A small database is read whole, records too: one query instead of one more
            # per 500 files (two queries cost twice one, on 2,000 rows).
            rows = self._conn.execute(
                "SELECT path, content_hash, size, mtime_ns, written_ns, records FROM entries WHERE rules_hash = ?",
                (self.rules_hash,),
            ).fetchall()
            self._rows = {path: (digest, size, mtime, None, written) for path, digest, size, mtime, written, _ in rows}
            self._fetched = {row[0]: row[5] for row in rows}
            self._read_whole = True
            return
        rows = self._conn.execute(
            "SELECT path, content_hash, size, mtime_ns, written_ns FROM entries WHERE rules_hash = ?",
            (self.rules_hash,),
        ).fetchall()
        self._rows = {path: (digest, size, mtime, None, written) for path, digest, size, mtime, written in rows}

    def _stored_bytes(self) -> int:
        total = 0
        for suffix in ("", "-wal"):
            try:
                total += os.path.getsize(f"{self.path}{suffix}")
            except OSError:
                pass
        return total

    def _records_of(self, key: str, row: tuple[str, int, int, str | None, int]) -> str | None:
        """The records JSON of a row: kept in memory for this run's rows, else read."""
        if row[3] is not None:
            return row[3]
        fetched = self._fetched.pop(key, None)
        if fetched is not None:
            return fetched
        if self._conn is None:
            return None
        try:
            found = self._conn.execute(
                "SELECT records FROM entries WHERE path = ? AND rules_hash = ?", (key, self.rules_hash)
            ).fetchone()
        except sqlite3.DatabaseError as error:
            self._damaged(error, "the cache database cannot be read; running without it")
            return None
        return None if found is None else found[0]

    def _quarantine(self, error: Exception, notice: bool = True) -> bool:
        """Move a damaged database aside so that the next open starts a new one."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.name}.corrupt-{stamp}-{os.getpid()}")
        try:
            if self.path.exists():
                os.replace(self.path, target)
            for suffix in ("-wal", "-shm", "-journal"):
                side = Path(str(self.path) + suffix)
                if side.exists():
                    try:
                        side.unlink()
                    except OSError:
                        pass
        except OSError:
            return False
        if notice:
            self.notices.append(f"the cache database was damaged ({error}); moved it to {target.name} and started a new one")
        return True

    def _retry(self, action: Callable[[], T]) -> T:
        delay = 0.05
        for attempt in range(RETRIES):
            try:
                return action()
            except sqlite3.OperationalError as error:
                if not _is_busy(error) or attempt == RETRIES - 1:
                    if _is_busy(error):
                        raise _Busy() from error
                    raise
                import random  # only a busy database needs it

                time.sleep(delay + random.uniform(0, delay))
                delay *= 2
        raise _Busy()  # pragma: no cover

    def _damaged(self, error: sqlite3.DatabaseError, why: str) -> None:
        """A failure while using the database: when it says the file is damaged (not busy,
        locked or out of disk), move it aside so that the next run starts a new one."""
        self._close()
        if not isinstance(error, sqlite3.OperationalError) and self._quarantine(error, notice=False):
            self._disable(f"{why} ({error}); moved it aside, the next run starts a new one")
            return
        self._disable(f"{why} ({error})")

    def _disable(self, why: str) -> None:
        self.enabled = False
        self.notices.append(why)
        self._close()

    def _close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
        self._conn = None

    # Lookups ---------------------------------------------------------------------

    def _decode(self, key: str, raw: str) -> dict[str, list[Any]] | None:
        # The C scanner itself: json.loads's checks and whitespace regexes took twice as
        # long as the scan on these short rows (written without whitespace by store()).
        try:
            data, end = _SCAN(raw, 0)
        except (ValueError, TypeError, StopIteration, RecursionError):
            return None
        if end != len(raw):
            return None
        if type(data) is not dict or not all(map(isinstance, data.values(), repeat(list))):
            return None
        return data

    def _unchanged(self, key: str, size: int, mtime_ns: int) -> tuple[str, int, int, str | None, int] | None:
        """The row of key when a file of this size and mtime may be taken from it unread."""
        row = self._rows.get(key)
        if row is None or key in self._pending:
            return None
        _digest, old_size, old_mtime, _raw, written = row
        if old_size < 0 or old_size != size or old_mtime != mtime_ns or mtime_ns >= written - RACY_NS:
            return None
        return row

    def prefetch(self, files: list[tuple[str, tuple[int, int]]]) -> None:
        """Read the records of the unchanged ones among (path, (size, mtime_ns)) in a few
        queries, for by_stat to take: one query per file was a tenth of a warm run."""
        if not self.enabled or self._conn is None or self._read_whole:
            return
        keys = []
        for path, (size, mtime) in files:
            key = path_key(path)
            row = self._unchanged(key, size, mtime)
            if row is not None and row[3] is None and key not in self._fetched:
                keys.append(key)
        for start in range(0, len(keys), PREFETCH_BATCH):
            batch = keys[start : start + PREFETCH_BATCH]
            try:
                found = self._conn.execute(
                    f"SELECT path, records FROM entries WHERE rules_hash = ? AND path IN ({','.join('?' * len(batch))})",
                    (self.rules_hash, *batch),
                ).fetchall()
            except sqlite3.DatabaseError as error:
                self._damaged(error, "the cache database cannot be read; running without it")
                return
            self._fetched.update(found)

    def drop_prefetched(self, path: str) -> None:
        """Forget records read ahead for a file that is being linted after all (the other
        cache missed): they would otherwise be held to the end of the run."""
        if self._fetched:
            self._fetched.pop(path_key(path), None)

    def by_stat(self, path: str, size: int, mtime_ns: int) -> dict[str, list[Any]] | None:
        """Records of an unchanged file, judged by size and mtime alone (no read)."""
        if not self.enabled:
            return None
        key = path_key(path)
        self._seen.add(key)
        row = self._unchanged(key, size, mtime_ns)
        if row is None:
            return None
        raw = self._records_of(key, row)
        records = None if raw is None else self._decode(key, raw)
        if records is not None:
            self.hits += 1
        return records

    def digest_of(self, path: str) -> str | None:
        """The content hash the cached row of path was made from (None: no row)."""
        if not self.enabled:
            return None
        row = self._rows.get(path_key(path))
        return None if row is None else row[0]

    def by_hash(self, path: str, digest: str, stat: tuple[int, int] | None = None) -> dict[str, list[Any]] | None:
        """Records of a file whose content hashes to digest; stat (taken before the file was
        read) refreshes the row so that the next run need not read it."""
        if not self.enabled:
            return None
        key = path_key(path)
        self._seen.add(key)
        row = self._rows.get(key)
        if row is None or row[0] != digest:
            self.misses += 1
            return None
        raw = self._records_of(key, row)
        records = None if raw is None else self._decode(key, raw)
        if records is None:
            self.misses += 1
            return None
        self.hits += 1
        if stat is not None and ((row[1], row[2]) != stat or stat[1] >= row[4] - RACY_NS):
            # Read again and unchanged: the row now vouches for this stat. A row made
            # within 2 s of the file's mtime was never trusted by its stat, and without
            # this new stamp the file was read again, and linted again, in every run.
            self._touched[key] = (stat[0], stat[1], time.time_ns())
        return records

    def store(self, path: str, digest: str, records: dict[str, list[Any]], stat: tuple[int, int] | None = None) -> None:
        """Remember records (written by flush()); stat must have been taken before reading."""
        if not self.enabled:
            return
        key = path_key(path)
        self._seen.add(key)
        size, mtime = stat if stat is not None else (-1, -1)
        try:
            raw = json.dumps(records, ensure_ascii=False, separators=(",", ":"))
        except (TypeError, ValueError):
            return
        self._pending[key] = (digest, size, mtime, raw, time.time_ns())
        self._touched.pop(key, None)
        if len(self._pending) >= FLUSH_EVERY:  # a large run writes as it goes: bounded memory
            self.flush(prune=False)

    # Writing -----------------------------------------------------------------------

    def flush(self, prune: bool = True) -> None:
        """Write what this run learnt in one transaction; drop rows of deleted files."""
        if not self.enabled or self._conn is None:
            return
        conn = self._conn
        gone: list[str] = []
        if prune:
            try:
                known = [row[0] for row in conn.execute("SELECT DISTINCT path FROM entries").fetchall()]
            except sqlite3.DatabaseError as error:
                self._damaged(error, "the cache database cannot be read; not updated")
                return
            # Files found this run exist; only the others are looked for.
            gone = [path for path in known if path not in self._seen and not os.path.exists(path)]
        if not self._pending and not self._touched and not gone:
            return

        def write() -> None:
            conn.execute("BEGIN IMMEDIATE")
            try:
                for key, (digest, size, mtime, raw, seen) in self._pending.items():
                    conn.execute("DELETE FROM entries WHERE path = ? AND rules_hash != ?", (key, self.rules_hash))
                    conn.execute(
                        "INSERT OR REPLACE INTO entries (path, rules_hash, content_hash, size, mtime_ns, records, written_ns)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (key, self.rules_hash, digest, size, mtime, raw, seen),
                    )
                for key, (size, mtime, seen) in self._touched.items():
                    conn.execute(
                        "UPDATE entries SET size = ?, mtime_ns = ?, written_ns = ? WHERE path = ? AND rules_hash = ?",
                        (size, mtime, seen, key, self.rules_hash),
                    )
                for key in gone:
                    conn.execute("DELETE FROM entries WHERE path = ?", (key,))
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

        try:
            self._retry(write)
        except _Busy:
            self.notices.append("the cache database stayed busy; this run's results were not cached")
            return
        except sqlite3.DatabaseError as error:
            self._damaged(error, "the cache database cannot be written; not updated")
            return
        for key, (digest, size, mtime, _raw, seen) in self._pending.items():
            self._rows[key] = (digest, size, mtime, None, seen)
        for key in gone:
            self._rows.pop(key, None)
        self._pending.clear()
        self._touched.clear()

    def close(self) -> None:
        self._close()

    def __enter__(self) -> Cache:  # noqa: PYI034  (Self needs Python 3.11 or typing_extensions)
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_CODE: str | None = None


def code_fingerprint() -> str:
    """A hash of claimlint's own source files: a cached result is only as good as the
    code that made it, and a development install changes code without a new version."""
    global _CODE
    if _CODE is None:
        package = os.path.dirname(os.path.realpath(__file__))
        digest = sha256()
        for relative in sorted(_sources(package, "")):
            digest.update(relative.encode("utf-8", "surrogateescape") + b"\0")
            try:
                with open(os.path.join(package, relative), "rb") as source:
                    digest.update(source.read())
            except OSError:
                digest.update(b"unreadable")
        _CODE = digest.hexdigest()
    return _CODE


def _sources(folder: str, prefix: str) -> list[str]:
    """The .py files under folder, relative to it ('/'-separated): os.scandir, not
    Path.rglob, which took three times as long on every run."""
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return found
    for entry in entries:
        if entry.name.endswith(".py") and entry.is_file():
            found.append(prefix + entry.name)
        elif entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
            found.extend(_sources(entry.path, f"{prefix}{entry.name}/"))
    return found


def rules_hash(rules: list[Any], version: str) -> str:
    """What cached records depend on: claimlint's version and code, and each corpus rule's
    extraction."""
    parts = [f"claimlint {version}", f"code {code_fingerprint()}", f"cache schema {SCHEMA_VERSION}"]
    for rule in sorted(rules, key=lambda r: r.id):
        checker = rule.checker
        detail = getattr(checker, "fingerprint", None)
        if detail is None:
            detail = json.dumps(rule.options, sort_keys=True, default=str)
        parts.append(f"{rule.id}\0{rule.kind}\0{detail}")
    return sha256("\n".join(parts).encode("utf-8")).hexdigest()


def local_rules_hash(rules: list[Any], version: str) -> str:
    """What cached findings depend on: claimlint's version and code, every local rule's
    metadata and options, and the bytes of the ruleset files they (and their shared
    terms) come from."""
    from claimlint.rulesets import bundled_dir

    files = sorted({rule.path for rule in rules} | {str(bundled_dir() / "terms.toml")})
    parts = [f"claimlint {version}", f"code {code_fingerprint()}", f"cache schema {SCHEMA_VERSION}"]
    for name in files:
        try:
            parts.append(f"{name}\0{sha256(Path(name).read_bytes()).hexdigest()}")
        except OSError:
            parts.append(f"{name}\0unreadable")
    for rule in sorted(rules, key=lambda r: r.id):
        meta = [rule.id, rule.kind, rule.category, rule.severity, rule.message, rule.suggestion, rule.fix, rule.ruleset]
        parts.append(json.dumps([meta, rule.options], sort_keys=True, default=str))
    return sha256("\n".join(parts).encode("utf-8")).hexdigest()
