#!/usr/bin/env python3
"""Fuzz the claimlint command line with atheris (libFuzzer for Python).

One input becomes one *scenario*, one `claimlint check` run in a throw-away folder: up to
three article files (random text in UTF-8, UTF-8 with BOM, UTF-16 LE/BE with BOM or
Latin-1, or random bytes; .md, .txt, .html, ...), maybe standard input with a
--stdin-filename, maybe a configuration file with good and bad values, a ruleset (the
fuzz rules, the integration test rules, safety + consistency, every bundled ruleset, or
a user rule whose regex and message template are fuzzed) and random options (every
--format, --fix, --diff, --profile, --fail-on, --exit-zero,
--report-unused-suppressions, the cache on or off). The run must:

* end through its exit code (0, 1 or 2), never with an uncaught exception, and print
  no Python traceback;
* report every finding (json) inside the file it names, and in a plain-text file the
  text at that range, typography normalised, must be the finding's `match`;
* leave every file either untouched or fully rewritten and still decodable, with no
  temporary file behind (--fix);
* write an HTML report with no script, no event-handler attribute and no
  javascript:, vbscript: or data: URL.

    python fuzz/fuzz_cli.py CORPUS_DIR [libFuzzer flags]    fuzz (see fuzz/README.md)
    python fuzz/fuzz_cli.py --replay FILE_OR_DIR...         run raw inputs once
    python fuzz/fuzz_cli.py --export FILE_OR_DIR... > fuzz/cases.json
                                                            inputs as scenarios (JSON)

The test suite runs fuzz/cases.json through `execute` (no atheris needed).
"""
from __future__ import annotations

import base64
import codecs
import json
import os
import re
import shutil
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Callable, Iterator

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
FUZZ_RULES = HERE / "rules.toml"
INTEGRATION_RULES = ROOT / "tests" / "data" / "rules" / "integration.toml"

try:
    import atheris
except ImportError:  # execute() and the exported cases work without it
    atheris = None

if atheris is not None and __name__ == "__main__" and not {"--replay", "--export"} & set(sys.argv):
    with atheris.instrument_imports(include=["claimlint"]):
        import claimlint.cli  # noqa: F401
        import claimlint.engine  # noqa: F401
        import claimlint.reporters  # noqa: F401

from click.testing import CliRunner  # noqa: E402

from claimlint import rulesets, sources  # noqa: E402
from claimlint.cli import main  # noqa: E402
from claimlint.document import detect_markup  # noqa: E402
from claimlint.normalize import normalize  # noqa: E402

EXTENSIONS = [".md", ".txt", ".html", ".markdown", ".htm", ".text"]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16-le-bom", "utf-16-be-bom", "latin-1", "raw"]
FORMATS = ["json", "text", "concise", "jsonl", "github", "sarif", "rdjson", "junit", "html"]
RULESETS = ["fuzz", "integration", "safety+consistency", "default", "user"]
MODES = ["fix", "diff", "check", "check", "check", "check"]
CONFIG_KEYS = [
    "regex-timeout", "fail-on", "select", "extend-select", "ignore", "profile", "exclude", "extend-exclude",
    "corpus", "cache-dir", "rulesets", "no-such-key", "severity", "rule-options",
]
CONFIG_VALUES = [
    "0.001", "0.05", "1.0", "-1", "0", "1e309", '"x"', "true", "[]", '["ALL"]', '["nope"]', '"warning"', '"error"',
    '"bogus"', '"eu"', "{}", '["*"]', '["*.md"]', '"cache"', '["**/*.md"]', '["efficacy-overstatement"]', "[1, 2]",
]
USER_RULE = """schema = 1
id = "user"
title = "A fuzzed user rule"
[[rule]]
id = "user-rule"
category = "efficacy-overstatement"
severity = "warning"
summary = "x"
message = {message}
why = "x"
instead = "x"
patterns = [{pattern}]
reviewed = 2026-11-23
[rule.examples]
bad = ["x"]
good = ["y"]
[[rule.references]]
title = "x"
url = "https://example.org/"
"""
_NEWLINE = re.compile(r"\r\n|\r|\n")


@dataclass
class Scenario:
    """One claimlint run, JSON-serialisable (bytes as base64)."""

    ruleset: str = "fuzz"
    user_pattern: str = ""
    user_message: str = ""
    config: str | None = None
    cache: bool = False
    fmt: str = "json"
    mode: str = "check"
    flags: list[str] = field(default_factory=list)
    files: list[tuple[str, str]] = field(default_factory=list)  # (name, base64 bytes)
    stdin: str | None = None  # base64
    stdin_name: str | None = None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _pick(fdp: Any, items: list[Any]) -> Any:
    return items[fdp.ConsumeIntInRange(0, len(items) - 1)]


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16-le-bom":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le", "surrogatepass")
    if encoding == "utf-16-be-bom":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be", "surrogatepass")
    if encoding == "latin-1":
        return text.encode("latin-1", "replace")
    return text.encode(encoding, "surrogatepass")


def scenario_from(fdp: Any) -> Scenario:
    """Decode a libFuzzer input (through atheris.FuzzedDataProvider) into a scenario."""
    s = Scenario(ruleset=_pick(fdp, RULESETS))
    if s.ruleset == "user":
        s.user_pattern = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 40))
        s.user_message = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 40))
    if fdp.ConsumeIntInRange(0, 3) == 0:
        lines = [f"{_pick(fdp, CONFIG_KEYS)} = {_pick(fdp, CONFIG_VALUES)}" for _ in range(fdp.ConsumeIntInRange(0, 4))]
        if fdp.ConsumeBool():
            lines += ["[severity]", f"{json.dumps(fdp.ConsumeUnicodeNoSurrogates(12))} = {_pick(fdp, CONFIG_VALUES)}"]
        if fdp.ConsumeIntInRange(0, 7) == 0:
            lines.append(fdp.ConsumeUnicodeNoSurrogates(40))
        s.config = "\n".join(lines)
    s.cache = fdp.ConsumeBool()
    s.fmt = _pick(fdp, FORMATS)
    s.mode = _pick(fdp, MODES)
    if fdp.ConsumeBool():
        s.flags.append("--report-unused-suppressions")
    if fdp.ConsumeBool():
        s.flags += ["--profile", _pick(fdp, ["us", "eu", "uk"])]
    if fdp.ConsumeBool():
        s.flags += ["--fail-on", _pick(fdp, ["error", "warning", "info"])]
    if fdp.ConsumeBool():
        s.flags.append("--exit-zero")
    for index in range(fdp.ConsumeIntInRange(0, 3)):
        ext = _pick(fdp, EXTENSIONS)
        encoding = _pick(fdp, ENCODINGS)
        size = fdp.ConsumeIntInRange(0, 2000)
        raw = fdp.ConsumeBytes(size) if encoding == "raw" else _encode(fdp.ConsumeUnicodeNoSurrogates(size), encoding)
        s.files.append((f"article{index}{ext}", _b64(raw)))
    if fdp.ConsumeBool():
        s.stdin = _b64(fdp.ConsumeBytes(fdp.ConsumeIntInRange(0, 2000)))
        name = _pick(fdp, ["page.md", "page.html", "page.txt", None, "fuzzed"])
        s.stdin_name = fdp.ConsumeUnicodeNoSurrogates(20) if name == "fuzzed" else name
    return s


class Tags(HTMLParser):
    """Anything in a page that could run: script-like elements, on* handlers, script URLs."""

    ACTIVE = ("script", "iframe", "frame", "object", "embed", "img", "svg", "math", "base", "form", "link", "video", "audio")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.ACTIVE or (tag == "meta" and any(name == "http-equiv" for name, _ in attrs)):
            self.bad.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("srcdoc", "formaction"):
                self.bad.append(f"{tag} {name}=")
            if name in ("href", "src", "action", "xlink:href") and value is not None:
                scheme = re.sub(r"[\x00-\x20]", "", value).lower()
                if scheme.startswith(("javascript:", "vbscript:", "data:")):
                    self.bad.append(f"{tag} {name}={value}")


def active_content(page: str) -> list[str]:
    tags = Tags()
    tags.feed(page)
    tags.close()
    return tags.bad


def _offset(text: str, starts: list[int], line: int, column: int) -> int:
    assert 1 <= line <= len(starts), (line, len(starts))
    line_end = starts[line] if line < len(starts) else len(text)
    at = starts[line - 1] + column - 1
    assert starts[line - 1] <= at <= line_end, (line, column)
    return at


def holds(span: str, match: str) -> bool:
    """The span, typography normalised, reads as the match; a match may start or end
    inside a character that normalises to several ("\u2026" is "...")."""
    if not span:
        return match == ""
    text = normalize(span)[0]
    head = max(len(normalize(span[0])[0]) - 1, 0)
    tail = max(len(normalize(span[-1])[0]) - 1, 0)
    return any(text[a : len(text) - b] == match for a in range(head + 1) for b in range(tail + 1))


def check_findings(data: dict[str, Any], texts: dict[str, tuple[str, str]]) -> None:
    assert data["version"] == 1
    for finding in data["findings"]:
        assert finding["path"] in texts, finding["path"]
        text, markup = texts[finding["path"]]
        starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        start = _offset(text, starts, finding["line"], finding["column"])
        end = _offset(text, starts, finding["end_line"], finding["end_column"])
        assert 0 <= start <= end <= len(text), (start, end, len(text))
        if markup == "text" and finding["rule"] in ("fuzz-vowel-word", "fuzz-typography", "fuzz-block", "user-rule"):
            assert holds(text[start:end], finding["match"]), (text[start:end], finding["match"])


_real_load = rulesets.load
_loaded: dict[Any, Any] = {}


def _memo_load(specs: list[str], timeout: float = 1.0, overrides: Any = None) -> Any:
    """The bundled rulesets take half a second to load: load each combination once."""
    if any(str(spec).startswith(tempfile.gettempdir()) for spec in specs):
        return _real_load(specs, timeout, overrides)  # a fuzzed ruleset: load it every time
    key = (tuple(specs), timeout, json.dumps(overrides, sort_keys=True, default=str))
    if key not in _loaded:
        _loaded[key] = _real_load(specs, timeout, overrides)
    return _loaded[key]


def _ruleset_args(s: Scenario, folder: Path) -> list[str]:
    if s.ruleset == "user":
        ruleset = folder / "user.toml"
        text = USER_RULE.format(
            message=json.dumps(s.user_message, ensure_ascii=False), pattern=json.dumps(s.user_pattern, ensure_ascii=False)
        )
        ruleset.write_text(text, encoding="utf-8", errors="surrogatepass")
        specs = [str(ruleset)]
    else:
        specs = {"fuzz": [str(FUZZ_RULES)], "integration": [str(INTEGRATION_RULES)]}.get(s.ruleset, s.ruleset.split("+"))
    return [arg for spec in specs for arg in ("--ruleset", spec)]


def execute(s: Scenario) -> None:
    """Run one scenario in a throw-away folder; AssertionError (or the exception claimlint
    let escape) when an invariant does not hold."""
    folder = Path(tempfile.mkdtemp(prefix="claimlint-fuzz-"))
    here = os.getcwd()
    rulesets.load = _memo_load
    try:
        _execute(s, folder, lambda: os.chdir(folder))
    finally:
        rulesets.load = _real_load
        os.chdir(here)
        shutil.rmtree(folder, ignore_errors=True)


def _execute(s: Scenario, folder: Path, enter: Callable[[], None]) -> None:
    args = ["check", "--quiet", *_ruleset_args(s, folder)]
    if s.config is not None:
        config = folder / ".claimlint.toml"
        config.write_text(s.config, encoding="utf-8", errors="surrogatepass")
        args += ["--config", str(config)]
    else:
        args.append("--no-config")
    args += ["--cache-dir", str(folder / "cache")] if s.cache else ["--no-cache"]
    args += ["--format", s.fmt, *s.flags]
    if s.mode in ("fix", "diff"):
        args.append(f"--{s.mode}")
    written: dict[str, bytes] = {}
    for name, data in s.files:
        path = folder / name
        path.write_bytes(base64.b64decode(data))
        written[str(path)] = path.read_bytes()
        args.append(str(path))
    stdin = base64.b64decode(s.stdin) if s.stdin is not None else None
    if stdin is not None:
        if s.stdin_name and not s.stdin_name.startswith("-"):
            args += ["--stdin-filename", s.stdin_name]
        args.append("-")
    if not written and stdin is None:
        args.append(str(folder))  # never the default ".": that is wherever the fuzzer was started
    # Every path named is inside the throw-away folder and the run starts there, so --fix
    # can only ever rewrite fuzzed files.
    assert all(Path(path).parent == folder for path in written)
    enter()
    result = CliRunner().invoke(main, args, input=stdin, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    assert "Traceback" not in result.stderr, result.stderr

    if s.mode == "fix":
        leftovers = [p.name for p in folder.iterdir() if p.name.startswith(".claimlint-")]
        assert not leftovers, leftovers
        for path, raw in written.items():
            now = Path(path).read_bytes()
            if now != raw:
                sources.decode(now, path)  # a rewritten file still reads cleanly
    if s.mode == "check" and s.fmt == "json" and result.stdout.strip():
        texts: dict[str, tuple[str, str]] = {}
        for path, raw in written.items():
            _add_text(texts, path, raw, detect_markup(path))
        if stdin is not None:
            named = "--stdin-filename" in args
            name = s.stdin_name if named and s.stdin_name else "<stdin>"
            _add_text(texts, name, stdin, detect_markup(name) if named else "text")
        check_findings(json.loads(result.stdout), texts)
    if s.mode == "check" and s.fmt == "html" and result.stdout.strip():
        assert not active_content(result.stdout), active_content(result.stdout)


def _add_text(texts: dict[str, tuple[str, str]], path: str, raw: bytes, markup: str) -> None:
    try:
        texts[path] = (sources.decode(raw, path).text, markup)
    except Exception:  # noqa: BLE001  binary: claimlint reports it and lints nothing
        pass


def one_input(data: bytes) -> None:
    execute(scenario_from(atheris.FuzzedDataProvider(data)))


def _inputs(paths: list[str]) -> Iterator[Path]:
    for given in paths:
        yield from (sorted(Path(given).iterdir()) if Path(given).is_dir() else [Path(given)])


def load_cases(path: Path) -> list[Scenario]:
    return [Scenario(**{**case, "files": [tuple(f) for f in case["files"]]}) for case in json.loads(path.read_text("utf-8"))]


if __name__ == "__main__":
    if "--export" in sys.argv or "--replay" in sys.argv:
        if atheris is None:
            raise SystemExit("atheris is not installed (pip install atheris)")
        inputs = list(_inputs([a for a in sys.argv[1:] if a not in ("--export", "--replay")]))
        scenarios = [scenario_from(atheris.FuzzedDataProvider(p.read_bytes())) for p in inputs]
        if "--export" in sys.argv:
            json.dump([asdict(s) for s in scenarios], sys.stdout, ensure_ascii=True, indent=0)
            sys.stdout.write("\n")
        else:
            for scenario in scenarios:
                execute(scenario)
            print(f"replayed {len(scenarios)} inputs", file=sys.stderr)
        sys.exit(0)
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
