"""Size and file-system hazards: huge lines, huge sentences, huge folders, symlink loops,
unreadable paths, files that vanish, FIFOs and devices. Each is linted or gets a clear
message, the run finishes, and the exit code says which.

Heavy cases run by default only when they take a few seconds; the slower ones run with
CLAIMLINT_HEAVY=1 (`CLAIMLINT_HEAVY=1 python -m pytest tests/test_hardening_size.py`).
Timeouts on subprocesses are hang guards, not timing assertions.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from claimlint import sources
from claimlint.cli import main

BASIC = str(Path(__file__).parent / "fixtures" / "basic.toml")
MB = 1024 * 1024
heavy = pytest.mark.skipif(not os.environ.get("CLAIMLINT_HEAVY"), reason="heavy: set CLAIMLINT_HEAVY=1 to run")
as_root = os.geteuid() == 0


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["--no-config", "--no-cache", "--ruleset", BASIC, *args])


def claimlint(*args: str, stdin: int | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in its own process, with a generous hang guard."""
    return subprocess.run(
        [sys.executable, "-m", "claimlint", "--no-config", "--no-cache", "--ruleset", BASIC, *args],
        capture_output=True, text=True, timeout=600, check=False, stdin=stdin,
    )


def findings(stdout: str) -> list[tuple[str, int, int, str]]:
    return [(Path(f["path"]).name, f["line"], f["column"], f["rule"]) for f in json.loads(stdout)["findings"]]


# --- one huge line ------------------------------------------------------------------


@pytest.mark.parametrize(("suffix", "head", "tail"), [(".txt", "", ""), (".md", "", ""), (".html", "<p>", "</p>")])
def test_a_50_mb_file_with_no_line_break(tmp_path: Path, suffix: str, head: str, tail: str) -> None:
    """Long words, no sentence end, no line end: linear work, bounded memory, and the
    positions at both ends of the line are right."""
    chunk = "x" * 999 + " "
    body = head + "A miracle " + chunk * (50 * MB // len(chunk) + 1) + "and a miracle" + tail
    path = tmp_path / f"huge{suffix}"
    path.write_text(body, encoding="ascii")
    assert path.stat().st_size >= 50 * MB
    done = claimlint("--format", "json", str(path))
    assert "Traceback" not in done.stderr
    last = len(body) - len("miracle" + tail) + 1
    assert findings(done.stdout) == [(path.name, 1, len(head) + 3, "miracle-word"), (path.name, 1, last, "miracle-word")]
    assert done.returncode == 1


@heavy
def test_a_50_mb_single_line_of_short_sentences(tmp_path: Path) -> None:
    sentence = "Magnesium may support sleep and calm. "
    path = tmp_path / "huge.txt"
    body = "A miracle. " + sentence * (50 * MB // len(sentence)) + "A miracle."
    path.write_text(body, encoding="ascii")
    done = claimlint("--format", "json", str(path))
    assert findings(done.stdout) == [(path.name, 1, 3, "miracle-word"), (path.name, 1, len(body) - 7, "miracle-word")]
    assert done.returncode == 1


def test_a_file_over_the_size_cap_is_skipped_with_a_message(tmp_path: Path) -> None:
    big = tmp_path / "huge.md"
    with open(big, "wb") as handle:  # sparse: nothing is written, nothing is read
        handle.truncate(sources.MAX_FILE_BYTES + 1)
    small = tmp_path / "small.md"
    small.write_text("A miracle.\n", encoding="utf-8")
    result = run("--format", "concise", str(big), str(small))
    assert f"claimlint: error: {big}: larger than 64 MB; skipped" in result.stderr
    assert result.stdout == f"{small}:1:3: warning miracle-word 'miracle' is miracle wording\n"
    assert result.exit_code == 2


def test_standard_input_is_read_up_to_the_size_cap() -> None:
    # `claimlint - < /dev/zero` would otherwise read until memory runs out.
    with open("/dev/zero", "rb") as zero:
        done = claimlint("--format", "concise", "-", stdin=zero.fileno())
    assert done.stderr.startswith("claimlint: error: <stdin>: larger than 64 MB; skipped\n")
    assert (done.returncode, done.stdout) == (2, "")


# --- one huge sentence --------------------------------------------------------------


def test_a_1_mb_single_sentence(tmp_path: Path) -> None:
    words = "Magnesium may support sleep and calm with no side effects, a miracle of zinc, "
    count = MB // len(words)
    path = tmp_path / "sentence.txt"
    path.write_text(words * count + "end.\n", encoding="ascii")
    result = run("--format", "json", str(path))
    found = findings(result.stdout)
    assert len(found) == count
    assert found[-1] == (path.name, 1, (count - 1) * len(words) + words.index("miracle") + 1, "miracle-word")
    assert result.exit_code == 1


# --- many files ---------------------------------------------------------------------


def many_files(folder: Path, count: int) -> None:
    """count small articles in one folder, hard links to two files (cheap to make);
    every thousandth holds a finding."""
    folder.mkdir()
    plain = [folder.parent / f"plain{k}.txt" for k in range(count // 50_000 + 1)]  # a file takes 65,000 links
    for path in plain:
        path.write_text("Plain words about sleep.\n", encoding="utf-8")
    hit = folder.parent / "hit.txt"
    hit.write_text("A miracle.\n", encoding="utf-8")
    for i in range(count):
        os.link(hit if i % 1000 == 0 else plain[i // 50_000], folder / f"a{i:06d}.txt")


@pytest.mark.parametrize("count", [pytest.param(10_000, id="10k"), pytest.param(100_000, id="100k", marks=heavy)])
def test_many_small_files_in_one_folder(tmp_path: Path, count: int) -> None:
    folder = tmp_path / "content"
    many_files(folder, count)
    done = claimlint("--format", "concise", str(folder))
    assert done.stdout.count("miracle-word") == count // 1000
    assert done.stderr.strip() == f"{count // 1000} findings (0 error, {count // 1000} warning, 0 info) in {count} files"
    assert done.returncode == 1


# --- links, permissions, vanishing files, FIFOs and devices -------------------------


def test_symlink_loops_and_broken_links(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "sub" / "a.md").write_text("A miracle.\n", encoding="utf-8")
    (docs / "sub" / "up").symlink_to(docs)  # a loop through the parent
    (docs / "here").symlink_to(".")  # a loop onto itself
    (docs / "self.md").symlink_to("self.md")  # a link to itself
    (docs / "gone.md").symlink_to("nowhere.md")  # a broken link
    done = claimlint("--format", "concise", str(docs))
    assert done.stdout == f"{docs / 'sub' / 'a.md'}:1:3: warning miracle-word 'miracle' is miracle wording\n"  # once
    assert f"claimlint: error: {docs / 'gone.md'}: broken symbolic link (to nowhere.md)" in done.stderr
    assert f"claimlint: error: {docs / 'self.md'}: cannot read: Too many levels of symbolic links" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.returncode == 2


@pytest.mark.skipif(as_root, reason="root reads files whatever their permissions")
def test_unreadable_file_and_folder(tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("A miracle.\n", encoding="utf-8")
    secret.chmod(0)
    closed = tmp_path / "closed"
    closed.mkdir()
    (closed / "b.md").write_text("A miracle.\n", encoding="utf-8")
    closed.chmod(0)
    ok = tmp_path / "ok.md"
    ok.write_text("A miracle.\n", encoding="utf-8")
    try:
        result = run("--format", "concise", str(tmp_path))
    finally:
        closed.chmod(0o755)
        secret.chmod(0o644)
    assert f"claimlint: error: {secret}: cannot read: Permission denied" in result.stderr
    assert f"claimlint: error: {closed}: cannot list: Permission denied" in result.stderr
    assert result.stdout == f"{ok}:1:3: warning miracle-word 'miracle' is miracle wording\n"
    assert result.exit_code == 2


def test_permission_denied_is_reported_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same, with the permission errors simulated (root ignores file modes)."""
    secret = tmp_path / "secret.md"
    secret.write_text("A miracle.\n", encoding="utf-8")
    closed = tmp_path / "closed"
    closed.mkdir()
    (closed / "b.md").write_text("A miracle.\n", encoding="utf-8")
    ok = tmp_path / "ok.md"
    ok.write_text("A miracle.\n", encoding="utf-8")
    real_open, real_scandir = open, os.scandir

    def guarded_open(file: object, *args: object, **kwargs: object) -> object:
        if str(file) == str(secret):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    def guarded_scandir(path: object = ".") -> object:
        if str(path) == str(closed):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(sources, "open", guarded_open, raising=False)
    monkeypatch.setattr(os, "scandir", guarded_scandir)
    result = run("--format", "concise", str(tmp_path))
    assert f"claimlint: error: {secret}: cannot read: Permission denied" in result.stderr
    assert f"claimlint: error: {closed}: cannot list: Permission denied" in result.stderr
    assert result.stdout == f"{ok}:1:3: warning miracle-word 'miracle' is miracle wording\n"
    assert result.exit_code == 2


def test_a_file_that_disappears_during_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / name).write_text("A miracle.\n", encoding="utf-8")
    real_discover = sources.discover

    def discover_then_delete(paths: list[str], exclude: list[str]) -> object:
        found = real_discover(paths, exclude)
        (tmp_path / "b.md").unlink()  # gone after it was found, before it is read
        return found

    monkeypatch.setattr(sources, "discover", discover_then_delete)
    result = run("--format", "concise", str(tmp_path))
    assert f"claimlint: error: {tmp_path / 'b.md'}: no such file" in result.stderr
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == [str(tmp_path / "a.md"), str(tmp_path / "c.md")]
    assert result.exit_code == 2


def test_a_file_that_disappears_before_fix_writes_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimlint import fixes

    rules = str(Path(__file__).parent / "data" / "rules" / "integration.toml")
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    for path in (a, b):
        path.write_text("It is clinically proven.\n", encoding="utf-8")
    real_write = fixes.write_fixes

    def delete_then_write(result: fixes.FixResult) -> None:
        a.unlink()
        real_write(result)

    monkeypatch.setattr(fixes, "write_fixes", delete_then_write)
    outcome = CliRunner().invoke(main, ["--no-config", "--no-cache", "--ruleset", rules, "--fix", str(a), str(b)])
    assert "Traceback" not in outcome.output
    assert b.read_text(encoding="utf-8") == "It is clinically studied.\n"
    assert not a.exists()
    assert f"{a}: not fixed: cannot read it again" in outcome.stderr
    assert f"claimlint: error: {a}: no such file" in outcome.stderr  # linted again after the fix
    assert outcome.exit_code == 2


def test_fifos_devices_and_sockets_are_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    os.mkfifo(folder / "inner.md")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "sock.md"))
    ok = folder / "ok.md"
    ok.write_text("A miracle.\n", encoding="utf-8")
    try:
        done = claimlint("--format", "concise", str(fifo), "/dev/null", "/dev/zero", "/dev/urandom", str(folder))
    finally:
        server.close()
    for path in (fifo, "/dev/null", "/dev/zero", "/dev/urandom", folder / "inner.md", folder / "sock.md"):
        assert f"claimlint: error: {path}: not a regular file (FIFO, device or socket); skipped" in done.stderr
    assert done.stdout == f"{ok}:1:3: warning miracle-word 'miracle' is miracle wording\n"
    assert done.returncode == 2
