"""Reading and finding files: every bad input is reported and skipped, nothing hangs."""
from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from claimlint import sources
from claimlint.errors import FileProblem


@pytest.mark.parametrize(
    ("raw", "text", "notice"),
    [
        pytest.param(b"plain", "plain", None, id="utf8"),
        pytest.param(codecs.BOM_UTF8 + b"bom", "bom", None, id="utf8-bom-removed"),
        pytest.param(codecs.BOM_UTF16_LE + "wide".encode("utf-16-le"), "wide", None, id="utf16-le"),
        pytest.param(codecs.BOM_UTF16_BE + "wide".encode("utf-16-be"), "wide", None, id="utf16-be"),
        pytest.param(b"caf\xe9", "caf\u00e9", "not valid UTF-8 (first bad byte at offset 3); decoded as Latin-1 (Windows-1252)", id="latin1-fallback"),
    ],
)
def test_decode(raw: bytes, text: str, notice: str | None) -> None:
    source = sources.decode(raw, "x.txt")
    assert source.text == text
    assert source.notice == notice


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(b"GIF89a\x00\x01\x02", id="nul-early"),
        pytest.param(b"x" * 9000 + b"\x00" * 200, id="many-nuls-late"),
    ],
)
def test_binary_is_a_problem(raw: bytes) -> None:
    with pytest.raises(FileProblem, match="binary file"):
        sources.decode(raw, "x.txt")


def test_odd_utf16_is_a_problem() -> None:
    with pytest.raises(FileProblem, match="invalid UTF-16"):
        sources.decode(codecs.BOM_UTF16_LE + b"a\x00\x00\xd8", "x.txt")


def test_fifo_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(FileProblem, match="not a regular file"):
        sources.read(str(fifo))  # must not block waiting for a writer


def test_directory_and_missing(tmp_path: Path) -> None:
    with pytest.raises(FileProblem, match="is a directory"):
        sources.read(str(tmp_path))
    with pytest.raises(FileProblem, match="no such file"):
        sources.read(str(tmp_path / "gone.md"))


def test_file_disappearing_between_stat_and_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.md"
    path.write_text("x", encoding="utf-8")
    real_open = open

    def vanish(file: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if str(file) == str(path):
            raise FileNotFoundError(2, "No such file or directory", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", vanish)
    with pytest.raises(FileProblem, match="disappeared before it could be read"):
        sources.read(str(path))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.md"
    path.write_text("x", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(FileProblem, match="cannot read: Permission denied"):
        sources.read(str(path))


def test_symlink_loop_walked_once(tmp_path: Path) -> None:
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    (tmp_path / "docs" / "sub" / "a.md").write_text("x", encoding="utf-8")
    (tmp_path / "docs" / "sub" / "loop").symlink_to(tmp_path / "docs")
    files, problems = sources.discover([str(tmp_path / "docs")], [])
    assert [Path(f).name for f in files] == ["a.md"]
    assert problems == []


def test_discover_reports_missing_and_keeps_order(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text("x", encoding="utf-8")
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    files, problems = sources.discover([str(tmp_path / "b.md"), str(tmp_path / "nope"), str(tmp_path / "a.txt")], [])
    assert [Path(f).name for f in files] == ["b.md", "a.txt"]
    assert [p.reason for p in problems] == ["no such file or directory"]


def test_exclude_globs(tmp_path: Path) -> None:
    for rel in ["content/a.md", "content/drafts/b.md", "content/c.md"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    files, _ = sources.discover([str(tmp_path / "content")], ["drafts", "*/c.md"])
    assert [Path(f).name for f in files] == ["a.md"]


def _excluded_by_reference(path: str, patterns: list[str]) -> bool:
    """The rule discover applies: a glob matches the whole path or one of its parts."""
    import fnmatch

    return any(fnmatch.fnmatch(path, p) or any(fnmatch.fnmatch(part, p) for part in Path(path).parts) for p in patterns)


@pytest.mark.parametrize("seed", range(6))
def test_exclusion_is_the_glob_rule_on_every_part(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    """discover tries each file's own name and whole path only (its folders were tried when
    they were walked into): the result is the rule applied to every part of every path."""
    import random

    rng = random.Random(seed)
    names = ["drafts", "old", "content", "a", "b", "x1", "notes"]
    for i in range(40):
        depth = rng.randint(0, 3)
        folder = Path(*[rng.choice(names) for _ in range(depth)]) if depth else Path()
        target = tmp_path / "site" / folder / f"{rng.choice(['a', 'b', 'x', 'draft'])}{i}.{rng.choice(['md', 'txt'])}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("x", encoding="utf-8")
    globs = ["drafts", "*.txt", "x*", "*/old/*", "site", "b", "content/a*", "*draft*"]
    patterns = rng.sample(globs, rng.randint(1, 3))
    monkeypatch.chdir(tmp_path)
    for given in ["site", "./site/", str(tmp_path / "site"), "site/content", "site/drafts"]:
        if not Path(given).exists():
            continue
        found, _ = sources.discover([given], patterns)
        every = sources.discover([given], [])[0]
        expected = [f for f in every if not _excluded_by_reference(f, patterns)]
        assert found == expected, (given, patterns)
