"""Faults: a run interrupted by SIGINT or SIGTERM, two runs sharing one cache, a damaged
cache database, and --fix stopped half-way. The cache stays usable, no partial file is
left behind, and every article is either its old self or its new self.

tests/test_cache.py tests the Cache class (concurrent writers, a non-database file);
here the whole command runs, mostly in its own process.
"""
from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

import pytest
from click.testing import CliRunner

from claimlint import cache as cache_module
from claimlint.cache import DB_NAME
from claimlint.cli import main

INTEGRATION = str(Path(__file__).parent / "data" / "rules" / "integration.toml")
FACTS = [
    "Magnesium is involved in over 300 enzyme reactions.", "Magnesium is involved in over 600 enzyme reactions.",
    "The RDA of magnesium for adult men is 400 mg.", "The RDA of magnesium for adult men is 420 mg.",
    "Magnesium increases deep sleep.", "There is no evidence that magnesium increases deep sleep.",
    "Magnesium may support sleep and calm.",
]
FILLER = "Magnesium is a mineral found in nuts, seeds and leafy greens. Most adults get some from food. "


def write_corpus(folder: Path, count: int) -> list[Path]:
    folder.mkdir()
    rng = random.Random(count)
    paths = []
    for i in range(count):
        path = folder / f"a{i:04d}.md"
        path.write_text(f"# Article {i}\n\n{FILLER * 5}\n\n{' '.join(rng.sample(FACTS, 3))}\n\n{FILLER * 5}\n", encoding="utf-8")
        paths.append(path)
    return paths


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "claimlint", "--no-config", "--ruleset", "consistency", "--format", "json", *args]


def lint(*args: str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(main, command(*args)[3:])
    return result.exit_code, json.loads(result.stdout)


def assert_cache_whole(directory: Path) -> int:
    """The database opens, passes an integrity check; returns its number of rows."""
    with contextlib.closing(sqlite3.connect(str(directory / DB_NAME))) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        count: int = conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    return count


def holds_open(pid: int, path: Path) -> bool:
    """Does process pid have path open (Linux /proc)?"""
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}") == str(path):
                return True
        except OSError:
            continue
    return False


def leftovers(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.rglob("*") if p.name.startswith(".claimlint-") or p.name.endswith("-journal"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    """600 articles whose facts disagree, and the findings an uncached run reports."""
    folder = tmp_path_factory.mktemp("corpus") / "content"
    write_corpus(folder, 600)
    code, data = lint("--no-cache", str(folder))
    assert code == 1 and data["findings"] and data["problems"] == []
    return folder, data["findings"]


# --- SIGINT and SIGTERM ------------------------------------------------------------------


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["SIGINT", "SIGTERM"])
def test_an_interrupted_run_leaves_the_cache_usable(
    tmp_path: Path, corpus: tuple[Path, list[dict[str, Any]]], signum: int, code: int
) -> None:
    folder, expected = corpus
    directory = tmp_path / "cache"
    # A warm cache for a tenth of the corpus: the interrupted run has rows to read and rows to write.
    lint("--cache-dir", str(directory), *sorted(str(p) for p in folder.iterdir())[:60])
    rows_before = assert_cache_whole(directory)
    report = tmp_path / "report.json"
    process = subprocess.Popen(
        command("--cache-dir", str(directory), "-o", str(report), str(folder)),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    # Past start-up: the run holds the cache open (from before the first file is read to
    # after the last), so it is linting.
    deadline = time.monotonic() + 120  # hang guard
    while not holds_open(process.pid, directory / DB_NAME) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.3)
    assert process.poll() is None, "the run ended before it could be interrupted: make the corpus larger"
    process.send_signal(signum)
    out, err = process.communicate(timeout=120)
    assert process.returncode == code
    assert err == "claimlint: interrupted\n"  # one line, no traceback
    assert out == "" and not report.exists()  # no partial report
    assert leftovers(tmp_path) == []
    assert assert_cache_whole(directory) >= rows_before
    # The next run uses the cache and reports exactly what an uncached run does.
    again, data = lint("--cache-dir", str(directory), str(folder))
    assert (again, data["findings"], data["problems"]) == (1, expected, [])
    assert assert_cache_whole(directory) == len(list(folder.iterdir()))


def test_interrupted_while_writing_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C in the middle of the cache's one write transaction: it is rolled back, the
    database keeps what it had, and the next run fills it."""
    folder = tmp_path / "content"
    paths = write_corpus(folder, 30)
    directory = tmp_path / "cache"
    lint("--cache-dir", str(directory), *map(str, paths[:10]))
    assert assert_cache_whole(directory) == 10
    real_connect = sqlite3.connect

    class Breaking:
        """A connection that raises KeyboardInterrupt at the fifth INSERT."""

        def __init__(self, conn: sqlite3.Connection) -> None:
            self.conn, self.inserts = conn, 0

        def execute(self, sql: str, *args: Any) -> Any:
            if sql.startswith("INSERT OR REPLACE"):
                self.inserts += 1
                if self.inserts == 5:
                    raise KeyboardInterrupt
            return self.conn.execute(sql, *args)

        def __getattr__(self, name: str) -> Any:
            return getattr(self.conn, name)

    monkeypatch.setattr(cache_module.sqlite3, "connect", lambda *a, **k: Breaking(real_connect(*a, **k)))
    result = CliRunner().invoke(main, command("--cache-dir", str(directory), str(folder))[3:])
    assert (result.exit_code, result.stderr, result.stdout) == (130, "claimlint: interrupted\n", "")
    monkeypatch.setattr(cache_module.sqlite3, "connect", real_connect)
    assert assert_cache_whole(directory) == 10  # the half-done transaction left nothing
    code, data = lint("--cache-dir", str(directory), str(folder))
    assert (code, data["problems"]) == (1, [])
    assert assert_cache_whole(directory) == 30


# --- two runs, one cache ---------------------------------------------------------------------


def test_two_runs_share_one_cache(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    write_corpus(folder, 300)
    _, data = lint("--no-cache", str(folder))
    expected = data["findings"]
    directory = tmp_path / "cache"
    for round_ in ("cold", "warm"):
        runs = [
            subprocess.Popen(command("--cache-dir", str(directory), str(folder)), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)
        ]
        for process in runs:
            out, err = process.communicate(timeout=300)
            assert "Traceback" not in err
            data = json.loads(out)
            assert process.returncode == 1, (round_, err)
            assert data["findings"] == expected, round_
            assert not [p for p in data["problems"] if p["failed"]]
        assert assert_cache_whole(directory) == len(list(folder.iterdir()))


# --- a damaged cache ------------------------------------------------------------------------


def clobber(offset: Callable[[int], int], length: int) -> Callable[[Path], None]:
    def damage(db: Path) -> None:
        data = bytearray(db.read_bytes())
        start = offset(len(data))
        data[start : start + length] = bytes((i * 7 + 13) & 0xFF for i in range(length))
        db.write_bytes(bytes(data))

    return damage


def truncate(db: Path) -> None:
    db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])


def replace_with_folder(db: Path) -> None:
    db.unlink()
    db.mkdir()


def bad_rows(db: Path) -> None:
    with contextlib.closing(sqlite3.connect(str(db))) as conn, conn:
        conn.execute("UPDATE entries SET records = '{not json' WHERE rowid % 2 = 0")
        conn.execute("UPDATE entries SET records = '[1, 2]' WHERE rowid % 2 = 1")


@pytest.mark.parametrize(
    ("damage", "notice"),
    [
        pytest.param(clobber(lambda n: n // 3, 3000), "", id="pages-overwritten"),
        pytest.param(clobber(lambda n: n - 4096, 4096), "database disk image is malformed", id="last-page-overwritten"),
        pytest.param(clobber(lambda n: 0, 16), "file is not a database", id="header-overwritten"),
        pytest.param(truncate, "database disk image is malformed", id="truncated"),
        pytest.param(replace_with_folder, "unable to open database file", id="a-folder"),
        pytest.param(bad_rows, None, id="rows-with-bad-records"),
    ],
)
def test_a_damaged_cache_is_detected_and_rebuilt(tmp_path: Path, damage: Callable[[Path], None], notice: str | None) -> None:
    folder = tmp_path / "content"
    write_corpus(folder, 60)
    _, expected = lint("--no-cache", str(folder))
    directory = tmp_path / "cache"
    lint("--cache-dir", str(directory), str(folder))
    damage(directory / DB_NAME)
    code, data = lint("--cache-dir", str(directory), str(folder))
    assert (code, data["findings"]) == (1, expected["findings"])  # damage never changes the results
    if notice is None:
        assert data["problems"] == []
    else:
        (problem,) = data["problems"]
        assert not problem["failed"]
        assert problem["message"].startswith(f"the cache database was damaged ({notice}")
        assert f"); moved it to {DB_NAME}.corrupt-" in problem["message"]
        assert list(directory.glob(f"{DB_NAME}.corrupt-*"))
    assert assert_cache_whole(directory) == 60  # rebuilt in the same run
    code, data = lint("--cache-dir", str(directory), str(folder))
    assert (code, data["findings"], data["problems"]) == (1, expected["findings"], [])


def test_a_damaged_index_is_rebuilt(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    paths = write_corpus(folder, 60)
    directory = tmp_path / "cache"
    lint("--cache-dir", str(directory), str(folder))
    db = directory / DB_NAME
    with contextlib.closing(sqlite3.connect(str(db))) as conn:
        (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE type = 'index'").fetchone()
        (page,) = conn.execute("PRAGMA page_size").fetchone()
    clobber(lambda n: (root - 1) * page, page)(db)
    paths[0].write_text(FACTS[0] + "\n", encoding="utf-8")  # a changed file: the run writes
    for _ in range(2):
        lint("--cache-dir", str(directory), str(folder))
    assert assert_cache_whole(directory) == 60


# --- --fix stopped half-way ----------------------------------------------------------------

OLD = "Intro line.\n\nOur tea is clinically proven to help.\n"
NEW = "Intro line.\n\nOur tea is clinically studied to help.\n"


@pytest.mark.parametrize("where", ["os.fsync", "os.replace", "os.chmod"])
@pytest.mark.parametrize("nth", [1, 3, 5])
def test_fix_interrupted_in_write_leaves_files_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, nth: int) -> None:
    """Ctrl-C inside the atomic write of the nth file (after writing the temporary file,
    before or while renaming it): files before it are new, the rest old, nothing else left."""
    paths = []
    for i in range(5):
        path = tmp_path / f"a{i}.txt"
        path.write_text(OLD, encoding="utf-8")
        paths.append(path)
    name = where.split(".")[1]
    real = getattr(os, name)
    calls = []

    def interrupting(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        if len(calls) == nth:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, interrupting)
    result = CliRunner().invoke(main, ["--no-config", "--no-cache", "--ruleset", INTEGRATION, "--fix", *map(str, paths)])
    monkeypatch.setattr(os, name, real)
    assert (result.exit_code, result.stderr) == (130, "claimlint: interrupted\n")
    assert [p.read_text(encoding="utf-8") for p in paths] == [NEW] * (nth - 1) + [OLD] * (5 - nth + 1)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"a{i}.txt" for i in range(5)]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL], ids=["SIGTERM", "SIGINT", "SIGKILL"])
def test_fix_killed_mid_run_leaves_every_file_old_or_new(tmp_path: Path, signum: int) -> None:
    """A real signal while --fix rewrites 300 files: each is byte for byte its old or its
    new self. SIGTERM and SIGINT also remove the temporary file; SIGKILL cannot."""
    folder = tmp_path / "content"
    folder.mkdir()
    old = (OLD + FILLER * 200 + "\n").encode("utf-8")
    new = (NEW + FILLER * 200 + "\n").encode("utf-8")
    paths = [folder / f"a{i:03d}.txt" for i in range(300)]
    for path in paths:
        path.write_bytes(old)
    stamps = [p.stat().st_mtime_ns for p in paths[:5]]
    process = subprocess.Popen(
        [sys.executable, "-m", "claimlint", "--no-config", "--no-cache", "--ruleset", INTEGRATION, "--fix", str(folder)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 120  # hang guard
    while process.poll() is None and time.monotonic() < deadline:
        if [p.stat().st_mtime_ns for p in paths[:5]] != stamps:  # the first files are rewritten: writing has begun
            break
        time.sleep(0.002)
    finished_first = process.poll() is not None
    process.send_signal(signum)
    _, err = process.communicate(timeout=120)
    contents = [p.read_bytes() for p in paths]
    assert all(c in (old, new) for c in contents)
    assert new in contents
    assert "Traceback" not in err
    if finished_first:  # a fast machine: the run ended before the signal; nothing more to see
        return
    # At most the one temporary file being written: always after SIGKILL, rarely after
    # SIGINT/SIGTERM (see test_no_temporary_file_whenever_ctrl_c_comes).
    assert len([p for p in folder.iterdir() if p.name.startswith(".claimlint-")]) <= 1
    if signum == signal.SIGKILL:
        assert process.returncode == -signal.SIGKILL
    else:
        assert process.returncode == 128 + signum
        assert err.endswith("claimlint: interrupted\n")


def test_no_temporary_file_whenever_ctrl_c_comes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text(OLD, encoding="utf-8")
    real_open = os.open

    def created_then_interrupted(file: Any, *args: Any, **kwargs: Any) -> int:
        fd = real_open(file, *args, **kwargs)
        if Path(os.fsdecode(file)).name.startswith(".claimlint-"):
            raise KeyboardInterrupt  # as if the signal came just after the file was created
        return fd

    monkeypatch.setattr(os, "open", created_then_interrupted)
    result = CliRunner().invoke(main, ["--no-config", "--no-cache", "--ruleset", INTEGRATION, "--fix", str(path)])
    monkeypatch.setattr(os, "open", real_open)
    assert result.exit_code == 130 and path.read_text(encoding="utf-8") == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
