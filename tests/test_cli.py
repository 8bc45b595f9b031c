"""The command line through its real entry point: exit codes, inputs, options, bad input."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from claimlint.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
BASIC = str(FIXTURES / "basic.toml")


def run(*args: str, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(main, ["--no-config", "--ruleset", BASIC, *args], input=input)


def article(tmp_path: Path, text: str, name: str = "a.txt") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("text", "args", "code"),
    [
        pytest.param("Plain words.\n", [], 0, id="clean-0"),
        pytest.param("A miracle.\n", [], 1, id="warning-fails-by-default"),
        pytest.param("A miracle.\n", ["--fail-on", "error"], 0, id="warning-below-fail-on-error"),
        pytest.param("It is clinically proven.\n", ["--fail-on", "error"], 1, id="error-at-fail-on-error"),
        pytest.param("A miracle.\n", ["--exit-zero"], 0, id="exit-zero"),
        pytest.param("A miracle.\n", ["--severity", "miracle-word=info"], 0, id="severity-override-below-threshold"),
        pytest.param("A miracle.\n", ["--severity", "miracle-word=off"], 0, id="severity-off"),
        pytest.param("A miracle.\n", ["--ignore", "efficacy-overstatement"], 0, id="ignore-category"),
        pytest.param("A miracle.\n", ["--select", "disease-claim"], 0, id="select-other-category"),
        pytest.param("A miracle.\n", ["--fail-on", "info", "--severity", "basic=info"], 1, id="fail-on-info"),
    ],
)
def test_exit_codes(tmp_path: Path, text: str, args: list[str], code: int) -> None:
    assert run(*args, article(tmp_path, text)).exit_code == code


def test_text_output_line_format(tmp_path: Path) -> None:
    path = article(tmp_path, "First line.\nA true miracle, clinically proven.\n")
    result = run("--format", "concise", path)
    assert result.stdout.splitlines() == [
        f"{path}:2:8: warning miracle-word 'miracle' is miracle wording",
        f"{path}:2:17: error proven-claim 'clinically proven' claims proof",
    ]


def test_summary_line(tmp_path: Path) -> None:
    result = run(article(tmp_path, "A miracle.\n"))
    assert "1 finding (0 error, 1 warning, 0 info) in 1 file" in result.output


def test_json_document(tmp_path: Path) -> None:
    path = article(tmp_path, "Zinc cures colds, a miracle.\n")
    data = json.loads(run("--format", "json", path).stdout)
    assert data["version"] == 1
    assert data["summary"] == {"files": 1, "findings": 2, "error": 1, "warning": 1, "info": 0}
    assert data["findings"][0] == {
        "path": path, "line": 1, "column": 6, "end_line": 1, "end_column": 17, "rule": "cures-cold",
        "category": "disease-claim", "severity": "error", "message": "'cures colds' is a disease claim",
        "match": "cures colds",
    }


def test_select_enables_rule_off_by_default(tmp_path: Path) -> None:
    long = (
        "Notwithstanding the aforementioned considerations, the pharmacokinetic characteristics of chelated "
        "magnesium formulations necessitate comprehensive individualised evaluation, particularly regarding "
        "gastrointestinal tolerability and concomitant pharmacotherapy.\n"
    )
    path = article(tmp_path, long)
    assert "long-paragraph" not in run(path).output
    result = run("--extend-select", "long-paragraph", "--format", "concise", path)
    assert "info long-paragraph reading grade" in result.output
    assert result.exit_code == 0  # info is below the default fail-on (warning)


def test_unknown_selector_is_a_usage_error(tmp_path: Path) -> None:
    result = run("--select", "no-such-rule", article(tmp_path, "x\n"))
    assert result.exit_code == 2
    assert "select: unknown rule, ruleset or category 'no-such-rule'" in result.output


def test_stdin_with_filename_picks_markup(tmp_path: Path) -> None:
    text = "Intro.\n\n```\nA miracle in code.\n```\n\nA `miracle` in code and a real miracle.\n"
    result = run("--format", "concise", "--stdin-filename", "docs/page.md", "-", input=text)
    assert result.stdout.splitlines() == ["docs/page.md:7:32: warning miracle-word 'miracle' is miracle wording"]
    assert result.exit_code == 1


def test_stdin_without_filename_is_text() -> None:
    result = run("--format", "concise", "-", input="A miracle.\n")
    assert result.stdout.startswith("<stdin>:1:3: warning miracle-word")


def test_folder_recursion_skips_hidden_and_other_extensions(tmp_path: Path) -> None:
    (tmp_path / "docs" / ".hidden").mkdir(parents=True)
    (tmp_path / "docs" / "node_modules").mkdir()
    for rel in ["docs/a.md", "docs/b.txt", "docs/c.html", "docs/.hidden/d.md", "docs/node_modules/e.md", "docs/f.py"]:
        (tmp_path / rel).write_text("A miracle.\n", encoding="utf-8")
    result = run("--format", "json", str(tmp_path / "docs"))
    paths = sorted(Path(f["path"]).name for f in json.loads(result.stdout)["findings"])
    assert paths == ["a.md", "b.txt", "c.html"]


def test_missing_path_exit_2_but_rest_linted(tmp_path: Path) -> None:
    result = run("--format", "concise", str(tmp_path / "nope.md"), article(tmp_path, "A miracle.\n"))
    assert result.exit_code == 2
    assert "nope.md: no such file or directory" in result.output
    assert "miracle-word" in result.output


def test_binary_file_skipped_rest_linted(tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x01miracle")
    result = run("--format", "concise", str(binary), article(tmp_path, "A miracle.\n"))
    assert result.exit_code == 2
    assert "image.txt: binary file (contains NUL bytes); skipped" in result.output
    assert "a.txt:1:3: warning miracle-word" in result.output


def test_invalid_utf8_linted_with_notice(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\xe9 miracle.\n".encode("latin-1"))
    result = run("--format", "concise", str(path))
    assert "notice" in result.output and "not valid UTF-8" in result.output
    assert f"{path}:1:6: warning miracle-word" in result.output
    assert result.exit_code == 1  # the notice does not make it a failed run


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("\ufeffA miracle.\n".encode("utf-16-le").replace(b"\xff\xfe\xff\xfe", b"\xff\xfe"))
    path.write_bytes(b"\xff\xfe" + "A miracle.\n".encode("utf-16-le"))
    assert f"{path}:1:3: warning miracle-word" in run("--format", "concise", str(path)).output


def test_crlf_bom_and_tab_positions(tmp_path: Path) -> None:
    path = tmp_path / "win.txt"
    path.write_bytes(b"\xef\xbb\xbfFirst line.\r\n\r\n\tIt is a miracle.\r\n")
    result = run("--format", "json", str(path))
    (finding,) = json.loads(result.stdout)["findings"]
    assert (finding["line"], finding["column"], finding["end_line"], finding["end_column"]) == (3, 10, 3, 17)


def test_regex_timeout_is_reported_not_fatal(tmp_path: Path) -> None:
    rules = (FIXTURES / "basic.toml").read_text(encoding="utf-8")
    # A lookahead RE2 drops, so that the regex module has to run (RE2 proves "(a|aa)+$" absent).
    rules = rules.replace('phrases = ["miracle", "wonder pill"]', 'patterns = ["(a|aa)+(?=c)"]')
    ruleset = tmp_path / "slow.toml"
    ruleset.write_text(rules, encoding="utf-8")
    slow = "a" * 64 + "b miracle.\n"
    cfg = tmp_path / ".claimlint.toml"
    cfg.write_text("regex-timeout = 0.05\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["--config", str(cfg), "--ruleset", str(ruleset), "--format", "concise", article(tmp_path, slow + "Zinc cures colds.\n")]
    )
    assert "rule 'miracle-word': a regex ran longer than 0.05s and was stopped" in result.output
    assert "cures-cold" in result.output  # the other rules still ran
    assert result.exit_code == 2


def test_python_dash_m(tmp_path: Path) -> None:
    path = article(tmp_path, "A miracle.\n")
    done = subprocess.run(
        [sys.executable, "-m", "claimlint", "--no-config", "--ruleset", BASIC, "--format", "concise", path],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 1
    assert done.stdout.startswith(f"{path}:1:3: warning miracle-word")


def _entry(*code: str, stdout: int | None = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "\n".join(code)], stdout=stdout, stderr=subprocess.PIPE, text=True, check=False)


def test_the_command_exits_quickly_without_losing_output_codes_or_exit_handlers(tmp_path: Path) -> None:
    """`claimlint` ends with os._exit after flushing and running the exit handlers
    (claimlint.cli.entry): the exit status, every byte of a long report and what atexit
    was asked to do must be the same as with an ordinary exit."""
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(60):
        (folder / f"{i}.md").write_text("A miracle. " * 40 + "\n", encoding="utf-8")
    args = ["--no-config", "--no-cache", "--ruleset", BASIC, "--format", "json", str(folder)]
    expected = CliRunner().invoke(main, args)
    done = _entry(
        "import atexit, sys",
        "atexit.register(lambda: print('exit handler ran', file=sys.stderr))",
        f"sys.argv = ['claimlint', *{args!r}]",
        "from claimlint.cli import entry",
        "entry()",
    )
    assert (done.returncode, done.stdout) == (expected.exit_code, expected.stdout) == (1, expected.stdout)
    assert len(done.stdout) > 100_000 and "exit handler ran" in done.stderr
    clean = _entry("import sys", "sys.argv = ['claimlint', '--version']", "from claimlint.cli import entry", "entry()")
    assert clean.returncode == 0 and clean.stdout.startswith("claimlint")
    error = _entry("import sys", "sys.argv = ['claimlint', '--no-config', '--ruleset', 'no-such-ruleset', '.']",
                   "from claimlint.cli import entry", "entry()")
    assert error.returncode == 2 and "no-such-ruleset" in error.stderr


def test_the_command_reports_a_closed_output_like_click(tmp_path: Path) -> None:
    """`claimlint ... | head -1`: the reader goes away; no traceback, status 1 (click's rule)."""
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(200):
        (folder / f"{i}.md").write_text("A miracle. " * 80 + "\n", encoding="utf-8")
    reader = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.readline()"], stdin=subprocess.PIPE)
    assert reader.stdin is not None
    done = subprocess.run(
        [sys.executable, "-m", "claimlint", "--no-config", "--no-cache", "--ruleset", BASIC, "--format", "json", str(folder)],
        stdout=reader.stdin, stderr=subprocess.PIPE, text=True, check=False,
    )
    reader.stdin.close()
    reader.wait()
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


def test_rules_lists_active_rules() -> None:
    result = CliRunner().invoke(main, ["rules", "--no-config", "--ruleset", BASIC])
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["miracle-word", "efficacy-overstatement", "warning"]
    assert not any(line.startswith("long-paragraph") for line in lines)  # off by default
    everything = CliRunner().invoke(main, ["rules", "--all", "--no-config", "--ruleset", BASIC])
    assert any(line.startswith("long-paragraph") for line in everything.stdout.splitlines())


def test_explain_sections() -> None:
    result = CliRunner().invoke(main, ["explain", "--no-config", "--ruleset", BASIC, "cures-cold"])
    assert result.exit_code == 0
    for heading in ("What it flags", "Why", "Example", "Use instead", "References"):
        assert f"\n{heading}\n" in result.output
    assert "✗ Zinc cures the common cold." in result.output


def test_explain_unknown_rule() -> None:
    result = CliRunner().invoke(main, ["explain", "--no-config", "--ruleset", BASIC, "nope"])
    assert result.exit_code == 2


def test_test_rules_passes_and_fails(tmp_path: Path) -> None:
    ok = CliRunner().invoke(main, ["test-rules", BASIC])
    assert ok.exit_code == 0 and "5 rules, 18 examples, 0 failed" in ok.output
    broken = tmp_path / "broken.toml"
    broken.write_text(
        (FIXTURES / "basic.toml").read_text(encoding="utf-8").replace('bad = ["A miracle pill.",', 'bad = ["A daily pill.",'),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["test-rules", str(broken)])
    assert result.exit_code == 1
    assert "rule 'miracle-word': bad example 1 produced no finding: 'A daily pill.'" in result.output


def test_markdown_positions_in_json() -> None:
    """Exact positions in a paragraph, a list item, link text and a table cell; nothing
    from front matter, a URL, a link title, code blocks, inline code or an autolink."""
    result = run("--format", "json", "--select", "miracle-word", str(FIXTURES / "positions.md"))
    found = [(f["line"], f["column"], f["end_line"], f["end_column"], f["match"]) for f in json.loads(result.stdout)["findings"]]
    assert found == [
        (7, 20, 7, 27, "miracle"),  # paragraph
        (9, 16, 9, 23, "miracle"),  # list item
        (10, 6, 10, 13, "miracle"),  # link text
        (14, 14, 14, 21, "miracle"),  # table cell
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param('phrases = ["miracle", "wonder pill"]', 'phrases = ["miracle"]\nshade = "x"', "basic.toml:18: rule 'miracle-word': key 'shade': unknown key", id="unknown-key"),
        pytest.param('phrases = ["miracle", "wonder pill"]', 'patterns = ["mir[acle"]', "basic.toml:17: rule 'miracle-word': key 'patterns[0]': bad regex 'mir[acle': unterminated character set at position 8", id="bad-regex"),
        pytest.param('id = "proven-claim"', 'id = "miracle-word"', "basic.toml:27: rule 'miracle-word': key 'id': duplicate rule id 'miracle-word' (first defined at line 9)", id="duplicate-id"),
    ],
)
def test_bad_ruleset_exits_2_naming_file_line_and_key(tmp_path: Path, old: str, new: str, expected: str) -> None:
    broken = tmp_path / "basic.toml"
    broken.write_text((FIXTURES / "basic.toml").read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["--no-config", "--ruleset", str(broken), article(tmp_path, "A miracle.\n")])
    assert result.exit_code == 2
    assert expected in result.output
