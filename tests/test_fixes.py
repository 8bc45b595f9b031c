"""--fix and --diff: only rules that opt in, and nothing else in the file changes."""
from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from claimlint import fixes
from claimlint.cli import main
from claimlint.engine import lint_text
from tests.goldens import RULESET, integration_rules

RULES = integration_rules()


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    outcome = CliRunner().invoke(main, ["check", "--no-config", "--ruleset", str(RULESET), *args], input=stdin)
    return outcome.exit_code, outcome.stdout, outcome.stderr


@pytest.mark.parametrize(
    ("original", "replacement", "expected"),
    [
        pytest.param("clinically proven", "clinically studied", "clinically studied", id="lower-left-alone"),
        pytest.param("Clinically proven", "clinically studied", "Clinically studied", id="capitalised"),
        pytest.param("CLINICALLY PROVEN", "clinically studied", "CLINICALLY STUDIED", id="shouted"),
        pytest.param("Clinically proven", "Studied", "Studied", id="replacement-keeps-its-own-case"),
    ],
)
def test_match_case(original: str, replacement: str, expected: str) -> None:
    assert fixes.match_case(original, replacement) == expected


@pytest.mark.parametrize(
    ("text", "path", "fixed"),
    [
        pytest.param("It is clinically proven.\n", "a.txt", "It is clinically studied.\n", id="plain-text"),
        pytest.param("It is **clinically** proven.\n", "a.md", None, id="markup-inside-the-span"),
        pytest.param("It is clinically&nbsp;proven.\n", "a.html", None, id="entity-inside-the-span"),
        pytest.param("It is clinically\u00a0proven.\n", "a.txt", "It is clinically studied.\n", id="typography-is-fine"),
    ],
)
def test_only_plain_prose_spans_are_fixed(text: str, path: str, fixed: str | None) -> None:
    result = lint_text(RULES, text, path)
    assert [f.rule for f in result.findings] == ["clinically-proven"]
    planned = fixes.fix_texts(result.findings, {path: text})
    assert planned.changed.get(path, (text, None))[1] == fixed


def test_overlapping_fixes_wait_for_the_next_run() -> None:
    text = "A clinically proven formula.\n"
    result = lint_text(RULES, text, "a.txt")
    assert {f.rule for f in result.findings} == {"clinically-proven", "proven-formula"}
    planned = fixes.fix_texts(result.findings, {"a.txt": text})
    assert planned.changed["a.txt"][1] == "A clinically studied formula.\n"
    assert [f.rule for f in planned.fixed] == ["clinically-proven"]


def test_rules_without_a_fix_are_never_fixed() -> None:
    text = "It cures insomnia.\n"
    result = lint_text(RULES, text, "a.txt")
    assert result.findings and not fixes.fix_texts(result.findings, {"a.txt": text}).changed


SURROUNDINGS = st.text(alphabet=st.sampled_from(list("ab é—\u00a0\r\n\t\"'")), max_size=40)


@settings(max_examples=40, deadline=None)
@given(before=SURROUNDINGS, after=SURROUNDINGS)
def test_nothing_but_the_span_changes(before: str, after: str) -> None:
    text = f"{before} clinically proven.{after}"
    result = lint_text(RULES, text, "a.txt")
    planned = fixes.fix_texts(result.findings, {"a.txt": text})
    assert planned.changed["a.txt"][1] == f"{before} clinically studied.{after}"


@pytest.mark.parametrize(
    ("prefix", "codec"),
    [
        pytest.param(b"", "utf-8", id="utf-8"),
        pytest.param(codecs.BOM_UTF8, "utf-8", id="utf-8-bom"),
        pytest.param(codecs.BOM_UTF16_LE, "utf-16-le", id="utf-16-le"),
        pytest.param(codecs.BOM_UTF16_BE, "utf-16-be", id="utf-16-be"),
    ],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_fix_keeps_encoding_line_endings_and_mode(tmp_path: Path, prefix: bytes, codec: str, newline: str) -> None:
    lines = ["Café notes", "", "Our tea is clinically proven — and cures insomnia.", "No trailing newline"]
    path = tmp_path / "article.txt"
    path.write_bytes(prefix + newline.join(lines).encode(codec))
    os.chmod(path, 0o640)
    code, out, err = run("--fix", str(path))
    expected = newline.join(lines).replace("clinically proven", "clinically studied")
    assert path.read_bytes() == prefix + expected.encode(codec)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert "fixed 1 finding in 1 file" in err
    # Linted again after the fix: what is left, at its new position.
    assert out == f"{path}:3:37: error cures-disease 'cures insomnia' is a disease claim, which a supplement may not make\n"
    assert code == 1
    assert [p.name for p in tmp_path.iterdir()] == ["article.txt"]  # no temporary file left


def test_invalid_utf8_is_never_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    raw = b"Caf\xe9 tea is clinically proven.\n"
    path.write_bytes(raw)
    code, out, err = run("--fix", str(path))
    assert path.read_bytes() == raw
    assert "not valid UTF-8" in err
    assert "clinically-proven" in out


def test_files_are_untouched_without_fix(tmp_path: Path) -> None:
    path = tmp_path / "article.md"
    path.write_bytes(b"It is clinically proven.\r\n")
    before = os.stat(path)
    for args in ([], ["--format", "json"], ["--diff"]):
        run(*args, str(path))
    after = os.stat(path)
    assert path.read_bytes() == b"It is clinically proven.\r\n"
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)


def test_diff_shows_the_change_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# Tea\n\nIt is clinically proven.\n", encoding="utf-8")
    code, out, err = run("--diff", str(path))
    assert code == 1
    assert out == (
        f"--- a/{path}\n+++ b/{path}\n@@ -1,3 +1,3 @@\n # Tea\n \n-It is clinically proven.\n+It is clinically studied.\n"
    )
    assert "1 fix available in 1 file" in err
    assert run("--diff", str(tmp_path / "nothing.md"))[0] == 2  # missing file: still a usage error
    (tmp_path / "clean.md").write_text("Fine.\n", encoding="utf-8")
    assert run("--diff", str(tmp_path / "clean.md"))[:2] == (0, "")


def test_fix_writes_through_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text("It is clinically proven.\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    run("--fix", str(link))
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "It is clinically studied.\n"


def test_fix_on_standard_input_prints_the_fixed_text() -> None:
    code, out, _ = run("--fix", "--stdin-filename", "draft.md", "-", stdin="Clinically proven tea.\n")
    assert (code, out) == (0, "Clinically studied tea.\n")


def test_write_atomic_keeps_the_old_file_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")

    def broken(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        fixes.write_atomic(str(path), b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_baselined_findings_are_not_fixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("It is clinically proven.\n", encoding="utf-8")
    CliRunner().invoke(main, ["baseline", "--no-config", "--ruleset", str(RULESET), "a.md"])
    Path("a.md").write_text("It is clinically proven.\n\nStill clinically proven.\n", encoding="utf-8")
    code, out, _ = run("--fix", "--baseline", ".claimlint-baseline.json", "a.md")
    # Only the new finding is fixed; the recorded one is left as it was.
    assert Path("a.md").read_text(encoding="utf-8") == "It is clinically proven.\n\nStill clinically studied.\n"
    assert (code, out) == (0, "")


def test_a_temporary_name_taken_by_someone_else_is_never_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"old\n")
    monkeypatch.setattr(os, "urandom", lambda n: b"\x00" * n)  # every attempt picks the same name
    theirs = tmp_path / f".claimlint-{os.getpid()}-{'00' * 6}.tmp"
    theirs.write_bytes(b"not ours")
    with pytest.raises(FileExistsError):
        fixes.write_atomic(str(target), b"new\n")
    assert theirs.read_bytes() == b"not ours" and target.read_bytes() == b"old\n"
    theirs.unlink()
    fixes.write_atomic(str(target), b"new\n")  # the name is free again
    assert target.read_bytes() == b"new\n" and sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
