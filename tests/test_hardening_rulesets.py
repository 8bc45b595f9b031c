"""Rulesets a team writes itself are data: a runaway regex is stopped and named, thousands
of rules load, broken TOML fails cleanly, and nothing in a ruleset makes claimlint read
or write other files, run a program or evaluate code.

tests/test_cli.py already checks a catastrophic regex in `patterns`; here every other
place a user regex is searched is checked too.
"""
from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from claimlint import rulesets
from claimlint.cli import main
from claimlint.engine import lint_text
from claimlint.matching import format_message

ROOT = Path(__file__).resolve().parent.parent
BASIC = Path(__file__).parent / "fixtures" / "basic.toml"

RULE = """
[[rule]]
id = "{id}"
kind = "{kind}"
category = "efficacy-overstatement"
severity = "warning"
summary = "s"
message = {message}
why = "w"
instead = "i"
reviewed = 2026-11-23
{body}
[rule.examples]
bad = ["a miracle"]
good = ["x"]
[[rule.references]]
title = "t"
url = "https://example.org/"
"""


def ruleset(*rules: str, rid: str = "user") -> str:
    return f'schema = 1\nid = "{rid}"\ntitle = "User rules"\n' + "".join(rules)


def rule(rule_id: str, body: str, kind: str = "pattern", message: str = "'{match}'") -> str:
    return RULE.format(id=rule_id, kind=kind, body=body, message=json.dumps(message))


def invoke(tmp_path: Path, rules_text: str, *args: str, config: str = "", command: str = "check") -> Result:
    path = tmp_path / "user.toml"
    path.write_text(rules_text, encoding="utf-8")
    cfg = tmp_path / "claimlint.toml"
    cfg.write_text(config, encoding="utf-8")
    cache = ["--no-cache"] if command == "check" else []
    return CliRunner().invoke(main, [command, "--config", str(cfg), *cache, "--ruleset", str(path), *args])


# --- runaway regexes -----------------------------------------------------------------

# Exponential on "aaaa...ab". A lookahead, not "$": RE2 (claimlint.superset) proves
# "(a|aa)+$" absent from this text without running it, but not a pattern whose only
# obstacle is a lookahead it drops, so the regex module has to try (and is stopped).
SLOW = json.dumps("(a|aa)+(?=c)")
RUNAWAY = "a" * 64 + "b a miracle."


@pytest.mark.parametrize(
    ("kind", "body"),
    [
        pytest.param("pattern", f'phrases = ["miracle"]\nunless = [{SLOW}]', id="unless-sentence"),
        pytest.param("pattern", f'phrases = ["miracle"]\nunless = [{SLOW}]\nunless_scope = "document"', id="unless-document"),
        pytest.param("pattern", f'phrases = ["miracle"]\nrequires = [{SLOW}]\nrequires_scope = "block"', id="requires-block"),
        pytest.param("pattern", f'phrases = ["miracle"]\nunless_before = [{SLOW}]', id="unless-before"),
        pytest.param("pattern", 'patterns = ["(a|aa)+\\\\s"]\nunless_after = ["(b|bb)+(?=d)"]', id="unless-after"),
        # A lookahead, because RE2 (claimlint.superset) proves "(?:a|aa)+(?:x|miracle)" absent
        # from this text without running it; its translation drops the lookahead and matches.
        pytest.param("pattern", 'patterns = ["(?:a|aa)+(?=x|miracle)"]', id="patterns-nested"),
        pytest.param("document", f'phrases = ["miracle"]\ndisclosures = [{SLOW}]', id="document-disclosures"),
    ],
)
def test_a_runaway_regex_is_stopped_and_named(tmp_path: Path, kind: str, body: str) -> None:
    article = tmp_path / "a.txt"
    text = RUNAWAY + (" " + "b" * 64 + "c" if "unless-after" in body or "bb" in body else "")
    article.write_text(text + "\n\nZinc cures colds.\n", encoding="utf-8")
    rules_text = ruleset(rule("runaway", body, kind)) + BASIC.read_text(encoding="utf-8").split('title = "Test rules"', 1)[1]
    result = invoke(tmp_path, rules_text, "--format", "concise", str(article), config="regex-timeout = 0.05\n")
    assert "Traceback" not in result.output
    assert (
        f"claimlint: error: {article}: rule 'runaway': a regex ran longer than 0.05s and was stopped;"
        " the rule was skipped for this file"
    ) in result.stderr
    assert "cures-cold 'cures colds'" in result.stdout  # the other rules still ran
    assert result.exit_code == 2


# --- many rules, broken TOML ----------------------------------------------------------


def test_thousands_of_rules_load_and_run(tmp_path: Path) -> None:
    count = 3000
    rules_text = ruleset(*(
        rule(f"r{i}", f'phrases = ["word{i}"]' if i % 2 else f'patterns = ["\\\\bword{i}(?:s|es)?\\\\b"]', message=f"{{match}} {i}")
        for i in range(count)
    ))
    article = tmp_path / "a.txt"
    article.write_text("word1 and word2 and word2998s and word2999.\n", encoding="utf-8")
    result = invoke(tmp_path, rules_text, "--format", "concise", str(article))
    assert [line.split(" warning ")[1] for line in result.stdout.splitlines()] == [
        "r1 word1 1", "r2 word2 2", "r2998 word2998s 2998", "r2999 word2999 2999"
    ]
    assert result.exit_code == 1


HEAD = 'schema = 1\nid = "deep"\ntitle = "t"\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(HEAD + "description = " + "[" * 100_000 + "]" * 100_000, "invalid TOML: nested too deeply", id="arrays-100k"),
        pytest.param(HEAD + "description = " + "[" * 500 + "]" * 500, "invalid TOML: nested too deeply", id="arrays-500"),
        pytest.param(HEAD + "x = " + "{a = " * 50_000 + "1" + "}" * 50_000, "invalid TOML: nested too deeply", id="inline-tables-50k"),
        pytest.param(HEAD + ".".join(["a"] * 5_000) + " = 1", "key 'a': unknown key", id="dotted-key-5k"),
        pytest.param(HEAD + "[" + ".".join(["a"] * 5_000) + "]", "key 'a': unknown key", id="table-header-5k"),
        pytest.param(HEAD + "[terms]\n" + ".".join(["t"] * 5_000) + " = 1", "must be a non-empty list", id="terms-5k"),
        pytest.param(HEAD + "# " + "x" * (17 * 1024 * 1024), "larger than 16 MB; refusing to load", id="17-mb"),
        pytest.param(HEAD + 'description = "' + "\\u0000" * 10, "", id="unterminated-string"),
        pytest.param("\ufeff\x00\xff", "", id="garbage"),
    ],
)
def test_deep_or_enormous_toml_fails_cleanly(tmp_path: Path, text: str, message: str) -> None:
    """Through the real command: exit 2 with one line naming the file, no traceback."""
    path = tmp_path / "deep.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    article = tmp_path / "a.txt"
    article.write_text("A miracle.\n", encoding="utf-8")
    for args in (["--no-config", "--ruleset", str(path)], ["--config", str(path)]):
        done = subprocess.run(
            [sys.executable, "-m", "claimlint", *args, str(article)], capture_output=True, text=True, timeout=300, check=False
        )
        assert done.returncode == 2
        assert done.stdout == ""
        assert done.stderr.startswith(f"claimlint: error: {path}") and done.stderr.count("\n") == 1, done.stderr
        if args[0] == "--no-config":
            assert message in done.stderr


# --- rulesets are data --------------------------------------------------------------------

PAYLOADS = [
    "$(touch PWNED)", "`touch PWNED`", "; touch PWNED", "{__import__('os').system('touch PWNED')}",
    "__import__('os').system('touch PWNED')", "../../../../etc/passwd", "/etc/passwd", "file:///etc/passwd",
    "{match.__class__.__mro__}", "{0.__init__.__globals__}", "{match!r:>999999999}", "%s%s%s%n", "${HOME}",
    "<script>window.__pwned=1</script>", "\x1b]0;title\x07\x1b[2J",
]
# Every payload, as a TOML basic string.
P = [json.dumps(p) for p in PAYLOADS]


def hostile_ruleset() -> str:
    listed = ", ".join(P)
    body = f"""phrases = ["miracle"]
unless = [{json.dumps("__import__")}, {json.dumps("/etc/passwd")}]
suggestion = {P[0]}
fix = {{ replace = {P[3]} }}"""
    text = ruleset(rule("hostile", body, message=" ".join(PAYLOADS) + " {match}"), rid="hostile")
    text = text.replace('title = "User rules"', f"title = {P[1]}\ndescription = {P[5]}\n[terms]\nx = [{listed}]", 1)
    text = text.replace('summary = "s"', f"summary = {P[2]}").replace('why = "w"', f"why = {P[4]}")
    text = text.replace('instead = "i"', f"instead = {P[6]}").replace('title = "t"', f"title = {P[7]}")
    return text.replace('url = "https://example.org/"', 'url = "https://example.org/../../etc/passwd"')


class Audit:
    """Records what the interpreter does (PEP 578 audit events) while it is on."""

    events: list[tuple[str, tuple[Any, ...]]] | None = None
    installed = False

    @classmethod
    def hook(cls, event: str, args: tuple[Any, ...]) -> None:
        if cls.events is not None:
            cls.events.append((event, args))

    @classmethod
    @contextlib.contextmanager
    def recording(cls) -> Iterator[list[tuple[str, tuple[Any, ...]]]]:
        if not cls.installed:  # an audit hook cannot be removed: install one, switch it on and off
            sys.addaudithook(cls.hook)
            cls.installed = True
        cls.events = []
        try:
            yield cls.events
        finally:
            cls.events = None


SPAWN = ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty", "pty.spawn",
         "os.startfile", "ctypes.dlopen", "ctypes.dlsym", "webbrowser.open", "socket.connect", "urllib.Request")
WRITES = ("os.remove", "os.rename", "os.rmdir", "os.mkdir", "os.symlink", "os.link", "os.chmod", "os.chown",
          "os.truncate", "shutil.rmtree", "shutil.copyfile", "shutil.move")


def allowed_reads() -> tuple[str, ...]:
    import site

    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, str(ROOT), *site.getsitepackages(), site.getusersitepackages()}
    return tuple(os.path.realpath(p) + os.sep for p in paths)


def test_a_ruleset_cannot_read_write_or_run_anything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Load a ruleset full of shell, Python, path and format-string payloads and run every
    command over an article with it, recording the interpreter's audit events: no process,
    no code compiled from the ruleset, no file opened outside the article folder, the
    ruleset and the installation, nothing written but the article (--fix) and the report."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    rules_path = work / "hostile.toml"
    rules_path.write_text(hostile_ruleset(), encoding="utf-8")
    article = work / "a.txt"
    article.write_text("It is a miracle.\n", encoding="utf-8")
    report = work / "report.html"
    commands = [
        ["check", "--no-config", "--no-cache", "--ruleset", str(rules_path), "--format", "json", str(article)],
        ["check", "--no-config", "--no-cache", "--ruleset", str(rules_path), "--format", "text", str(article)],
        ["report", "--no-config", "--no-cache", "--ruleset", str(rules_path), "-o", str(report), str(article)],
        ["rules", "--no-config", "--all", "--ruleset", str(rules_path), "--format", "json"],
        ["explain", "--no-config", "--ruleset", str(rules_path), "hostile"],
        ["test-rules", str(rules_path)],
        ["check", "--no-config", "--no-cache", "--ruleset", str(rules_path), "--fix", str(article)],
    ]
    results: list[Result] = []
    with Audit.recording() as events:
        for command in commands:
            results.append(CliRunner().invoke(main, command))
    for result in results:
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert "Traceback" not in result.output

    opened = {os.path.realpath(os.fsdecode(a[0])) for e, a in events if e == "open" and isinstance(a[0], (str, bytes))}
    assert {str(rules_path), str(article)} <= opened  # the recording saw the run
    assert [e for e, _ in events if e.startswith(SPAWN)] == []
    compiled = [args for e, args in events if e == "compile"]
    assert not [a for a in compiled if any(p.encode() in (a[0] if isinstance(a[0], bytes) else str(a[0]).encode()) for p in ("PWNED", "__globals__"))]
    reads_outside, writes = [], []
    allowed = allowed_reads()
    for event, args in events:
        if event == "open" and isinstance(args[0], (str, bytes)):
            path = os.path.realpath(os.fsdecode(args[0]))
            mode = args[1] or "r"
            writing = any(c in str(mode) for c in "wax+") or (isinstance(args[2], int) and args[2] & (os.O_WRONLY | os.O_RDWR))
            if writing:
                writes.append(path)
            elif not (path + os.sep).startswith((str(work) + os.sep, *allowed)) and not path.startswith("/dev/urandom"):
                reads_outside.append(path)
        elif event.startswith(WRITES):
            writes.append(os.path.realpath(os.fsdecode(args[0])) if isinstance(args[0], (str, bytes)) else str(args))
    assert reads_outside == []
    # (os.makedirs of the article's own folder, exist_ok, shows as a write of that folder)
    assert not [p for p in writes if p not in (str(article), str(report), str(work)) and not Path(p).name.startswith(".claimlint-")]
    assert not [p for p in tmp_path.rglob("*PWNED*")] and not Path("PWNED").exists()
    assert sorted(p.name for p in work.iterdir()) == ["a.txt", "hostile.toml", "report.html"]

    # The payloads came out as text, unevaluated: in the JSON message and in the fix.
    (finding,) = json.loads(results[0].stdout)["findings"]
    assert finding["message"] == " ".join(PAYLOADS) + " miracle"
    assert article.read_text(encoding="utf-8") == "It is a {__import__('os').system('touch PWNED')}.\n"
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in report.read_text(encoding="utf-8")
    assert "<script>" not in report.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("key", "value"),
    [
        pytest.param("include", '"../../etc/passwd"', id="include"),
        pytest.param("import", '"os"', id="import"),
        pytest.param("extends", '"/etc/passwd"', id="extends"),
        pytest.param("command", '"rm -rf /"', id="command"),
        pytest.param("plugin", '"evil:main"', id="plugin"),
    ],
)
def test_a_ruleset_cannot_name_other_files_or_code(tmp_path: Path, key: str, value: str) -> None:
    for text in (ruleset(rule("r", 'phrases = ["miracle"]')).replace('title = "User rules"', f'title = "t"\n{key} = {value}'),
                 ruleset(rule("r", f'phrases = ["miracle"]\n{key} = {value}'))):
        result = invoke(tmp_path, text, str(tmp_path / "missing.txt"))
        assert result.exit_code == 2
        assert f"key '{key}': unknown key" in result.stderr or f"key 'rule[0].{key}': unknown key" in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        pytest.param("'{match}' is bad", "'miracle' is bad", id="match"),
        pytest.param("{first} then {match}", "m then miracle", id="named-group"),
        pytest.param("{{match}} is literal", "{match} is literal", id="escaped-braces"),
        pytest.param("{unknown} stays", "{unknown} stays", id="unknown-name"),
        pytest.param("{match.__class__}", "{match.__class__}", id="attribute"),
        pytest.param("{match.__class__.__mro__}", "{match.__class__.__mro__}", id="attribute-chain"),
        pytest.param("{0.__init__.__globals__}", "{0.__init__.__globals__}", id="positional-attribute"),
        pytest.param("{match[0]}", "{match[0]}", id="item"),
        pytest.param("{match!r}", "{match!r}", id="conversion"),
        pytest.param("{match:>999999999}", "{match:>999999999}", id="huge-width"),
        pytest.param("{", "{", id="lone-brace"),
        pytest.param("{}{0}", "{}{0}", id="positional"),
    ],
)
def test_messages_fill_names_only(template: str, expected: str) -> None:
    import regex  # type: ignore[import-untyped]

    m = regex.search(r"(?P<first>m)iracle", "a miracle")
    assert format_message(template, m) == expected


def test_message_attribute_access_through_the_engine(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(ruleset(rule("r", 'patterns = ["(?P<word>mira)cle"]', message="{match.__class__} {word.__len__} {match}")), encoding="utf-8")
    rules = [r for rs in rulesets.load([str(path)]) for r in rs.rules]
    (finding,) = lint_text(rules, "A miracle.", "a.txt").findings
    assert finding.message == "{match.__class__} {word.__len__} miracle"
