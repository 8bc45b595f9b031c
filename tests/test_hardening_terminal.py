"""What an article or a file name can do to the place the report is read: a CI log that
interprets GitHub workflow commands, or a terminal that interprets escape sequences."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimlint.cli import main

BASIC = str(Path(__file__).parent / "fixtures" / "basic.toml")


def test_workflow_commands_cannot_be_forged(tmp_path: Path) -> None:
    """A file name or article line holding a newline and `::error::` stays inside one
    annotation under GitHub Actions."""
    name = "a\n::error file=forged.md,line=1::forged,x.md"
    path = tmp_path / name
    path.write_text("A miracle.\n::error::forged too\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--no-config", "--no-cache", "--ruleset", BASIC, "--format", "github", str(path)])
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("::warning ")
    assert lines[0].startswith(f"::warning file={tmp_path}/a%0A%3A%3Aerror file=forged.md%2Cline=1%3A%3Aforged%2Cx.md,line=1,")
    assert "\n::error" not in result.stdout


def test_escape_sequences_in_an_article_do_not_reach_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"A miracle \x1b]0;PWNED\x07 and \x1b[2J\x1b[31mred\x1b[0m.\n")
    master, slave = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "claimlint", "--no-config", "--no-cache", "--ruleset", BASIC, str(path)],
        stdout=slave, stderr=subprocess.DEVNULL, env={**os.environ, "NO_COLOR": "1"},
    )
    os.close(slave)
    output = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the other end closed
            break
        if not chunk:
            break
        output += chunk
    os.close(master)
    process.wait(timeout=60)
    assert b"miracle-word" in output  # the excerpt was shown (a terminal)
    assert b"\x1b" not in output and b"\x07" not in output


def test_control_characters_are_shown_one_column_each() -> None:
    from claimlint.reporters import visible

    assert visible("plain text, tabs\tand all") == "plain text, tabs\tand all"
    assert visible("a\x1b]0;x\x07b\x1b[2J") == "a\u241b]0;x\u2407b\u241b[2J"
    assert visible("x\ny\rz\x7f\x9b\x00") == "x\u240ay\u240dz\u2421\ufffd\u2400"
    assert all(len(visible(chr(code))) == 1 for code in range(0x2000))
    assert not any(0 <= ord(ch) < 0x20 and ch != "\t" or 0x7F <= ord(ch) < 0xA0 for ch in visible("".join(map(chr, range(0x100)))))
