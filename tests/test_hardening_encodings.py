"""Every encoding a content repository holds is linted or reported, never a traceback:
UTF-8 with and without BOM, UTF-16 LE/BE with BOM, Latin-1 (Windows-1252) with a notice,
mostly-UTF-8 with bad bytes with a notice, binary and broken UTF-16 reported and skipped.

tests/test_sources.py tests `decode` itself; here the files go through the command line.
"""
from __future__ import annotations

import codecs
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimlint.cli import main

BASIC = str(Path(__file__).parent / "fixtures" / "basic.toml")
TEXT = "Title line\n\n\u201cIt is a miracle,\u201d she said \u2014 clinically\u00a0proven.\n"
# (line, column, end column, rule) of the findings in TEXT, whatever the encoding.
EXPECTED = [(3, 10, 17, "miracle-word"), (3, 31, 48, "proven-claim")]


def encoded(text: str, encoding: str) -> bytes:
    return {
        "utf-8": lambda t: t.encode("utf-8"),
        "utf-8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        "utf-16-le": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
        "utf-16-be": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
        "windows-1252": lambda t: t.encode("cp1252"),
    }[encoding](text)


def findings(path: Path) -> tuple[int, list[tuple[int, int, int, str]], list[dict[str, object]]]:
    result = CliRunner().invoke(main, ["--no-config", "--ruleset", BASIC, "--format", "json", str(path)])
    assert "Traceback" not in result.output
    data = json.loads(result.stdout)
    rows = [(f["line"], f["column"], f["end_column"], f["rule"]) for f in data["findings"]]
    return result.exit_code, rows, data["problems"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be", "windows-1252"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_same_findings_in_every_encoding(tmp_path: Path, encoding: str, newline: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(encoded(TEXT.replace("\n", newline), encoding))
    code, rows, problems = findings(path)
    assert rows == EXPECTED
    assert code == 1
    if encoding == "windows-1252":
        # Curly quotes (0x93/0x94), the em dash (0x97) and NBSP (0xa0) were read as such:
        # the rules saw "clinically proven" across the no-break space.
        assert problems == [{
            "path": str(path), "failed": False,
            "message": f"not valid UTF-8 (first bad byte at offset {path.read_bytes().index(0x93)}); decoded as Latin-1 (Windows-1252)",
        }]
    else:
        assert problems == []


def test_mostly_utf8_with_a_bad_byte_keeps_its_utf8(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes("Caf\u00e9 \u2014 a miracle.\n".encode("utf-8") + b"Bad \xff byte, a miracle.\n")
    code, rows, problems = findings(path)
    assert rows == [(1, 10, 17, "miracle-word"), (2, 15, 22, "miracle-word")]
    assert [p["message"] for p in problems] == [
        "not valid UTF-8 (first bad byte at offset 25); decoded with replacement characters"
    ]
    assert code == 1  # a notice does not fail the run


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        pytest.param(b"", None, id="empty"),
        pytest.param(codecs.BOM_UTF8, None, id="utf8-bom-only"),
        pytest.param(codecs.BOM_UTF16_LE, None, id="utf16-bom-only"),
        pytest.param(codecs.BOM_UTF16_BE + b"\x00a\x00", "invalid UTF-16 at byte 4", id="utf16-odd-length"),
        pytest.param(codecs.BOM_UTF16_LE + b"\x00\xd8a\x00", "invalid UTF-16 at byte 2", id="utf16-lone-surrogate"),
        pytest.param(b"\x00" * 10, "binary file (contains NUL bytes); skipped", id="nul-bytes"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes); skipped", id="png"),
        pytest.param(codecs.BOM_UTF32_LE + "a miracle".encode("utf-32-le"), "UTF-32 is not supported (save it as UTF-8); skipped", id="utf32"),
    ],
)
def test_odd_files_are_linted_or_reported(tmp_path: Path, raw: bytes, message: str | None) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(raw)
    other = tmp_path / "other.txt"
    other.write_text("A miracle.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--no-config", "--ruleset", BASIC, "--format", "concise", str(path), str(other)])
    assert "Traceback" not in result.output
    assert result.stdout == f"{other}:1:3: warning miracle-word 'miracle' is miracle wording\n"  # the rest is linted
    if message is None:
        assert result.exit_code == 1 and "claimlint: error" not in result.stderr
    else:
        assert f"claimlint: error: {path}: {message}" in result.stderr
        assert result.exit_code == 2


def test_every_encoding_through_the_real_entry_point(tmp_path: Path) -> None:
    """One run of the installed command over a folder of every encoding: it finishes,
    prints no traceback, lints what it can, reports the rest, and exits 2."""
    folder = tmp_path / "content"
    folder.mkdir()
    for encoding in ["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be", "windows-1252"]:
        (folder / f"{encoding}.md").write_bytes(encoded(TEXT.replace("\n", "\r\n"), encoding))
    (folder / "binary.txt").write_bytes(b"GIF89a\x00\x01miracle")
    (folder / "broken-utf16.html").write_bytes(codecs.BOM_UTF16_LE + b"<\x00p\x00>")
    done = subprocess.run(
        [sys.executable, "-m", "claimlint", "--no-config", "--ruleset", BASIC, "--format", "json", str(folder)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert "Traceback" not in done.stderr
    assert done.returncode == 2
    data = json.loads(done.stdout)
    by_file: dict[str, list[tuple[int, int, int, str]]] = {}
    for f in data["findings"]:
        by_file.setdefault(Path(f["path"]).name, []).append((f["line"], f["column"], f["end_column"], f["rule"]))
    assert by_file == {f"{e}.md": EXPECTED for e in ["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be", "windows-1252"]}
    assert sorted((Path(p["path"]).name, p["failed"]) for p in data["problems"]) == [
        ("binary.txt", True), ("broken-utf16.html", True), ("windows-1252.md", False)
    ]
    assert f"claimlint: error: {folder / 'binary.txt'}: binary file (contains NUL bytes); skipped" in done.stderr
