"""Cache keys are real paths: claimlint.paths finds them with fewer system calls than
os.path.realpath, and must give exactly its answer."""
from __future__ import annotations

import glob
import os
from pathlib import Path

import pytest

from claimlint import paths


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "real" / "sub").mkdir(parents=True)
    (tmp_path / "real" / "a.md").write_text("abc", encoding="utf-8")
    (tmp_path / "real" / "sub" / "b.md").write_text("b", encoding="utf-8")
    try:
        (tmp_path / "linked").symlink_to(tmp_path / "real", target_is_directory=True)
        (tmp_path / "real" / "link.md").symlink_to(tmp_path / "real" / "sub" / "b.md")
        (tmp_path / "real" / "broken.md").symlink_to(tmp_path / "nowhere.md")
    except (OSError, NotImplementedError):
        pytest.skip("no symbolic links here")
    monkeypatch.chdir(tmp_path / "real")
    paths.forget()
    return tmp_path


NAMES = [
    "a.md", "./a.md", "sub/../a.md", "sub/b.md", "link.md", "../linked/a.md", "../linked/sub/b.md",
    "../linked/link.md", "../real/./sub/b.md", "broken.md", "missing.md",
]


@pytest.mark.parametrize("stat_first", [True, False])
def test_keys_are_realpath_s_answers(tree: Path, stat_first: bool) -> None:
    names = NAMES + [str(tree / "linked" / "sub" / "b.md"), str(tree / "real" / "link.md")]
    for name in names:
        if stat_first:
            paths.stat_file(name)
        assert paths.path_key(name) == os.path.realpath(name), name


def test_stat_goes_through_links_and_a_broken_one_is_none(tree: Path) -> None:
    assert paths.stat_file("a.md") == (3, os.stat("a.md").st_mtime_ns)
    assert paths.stat_file("link.md") == (1, os.stat("sub/b.md").st_mtime_ns)
    assert paths.stat_file("broken.md") is None and paths.stat_file("missing.md") is None


def test_a_new_run_forgets_what_it_learnt(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert paths.path_key("a.md") == str((tree / "real" / "a.md").resolve())
    monkeypatch.chdir(tree / "real" / "sub")
    paths.forget()
    assert paths.path_key("b.md") == str((tree / "real" / "sub" / "b.md").resolve())
    (tree / "real" / "a.md").unlink()
    (tree / "real" / "a.md").symlink_to(tree / "real" / "sub" / "b.md")
    paths.forget()
    assert paths.path_key("../a.md") == os.path.realpath("../a.md")


def test_regular_file_is_isfile_and_its_stat_is_used_once(tree: Path) -> None:
    for name in ["a.md", "link.md", "sub", "broken.md", "missing.md", "../linked"]:
        assert paths.regular_file(name) == os.path.isfile(name), name
    paths.forget()
    assert paths.regular_file("a.md")
    (tree / "real" / "a.md").write_text("longer now", encoding="utf-8")
    first, second = paths.stat_file("a.md"), paths.stat_file("a.md")
    assert first is not None and first[0] == 3  # the stat regular_file took, used once ...
    assert second is not None and second[0] == len("longer now")  # ... then a fresh one
    assert paths.regular_file("link.md") and paths.path_key("link.md") == os.path.realpath("link.md")


def test_corpus_files_are_named_as_relpath_names_them(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimlint.engine import corpus_files

    root = str(tree / "real")
    patterns = ["**/*.md", "./sub/*.md", "sub/../*.md", str(tree / "linked" / "*.md"), "../real/a.md", "../linked/sub/b.md"]
    for where in (tree / "real", tree / "real" / "sub", tree):
        monkeypatch.chdir(where)
        expected = []
        for pattern in patterns:
            full = pattern if os.path.isabs(pattern) else os.path.join(root, pattern)
            for found in sorted(glob.glob(full, recursive=True)):
                relative = os.path.relpath(found)
                expected.append(found if relative.startswith("..") else relative)
        assert corpus_files(patterns, root) == expected, where
