"""Golden files for every output format, rendered from one sample run."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from claimlint import cli
from claimlint.reporters import FORMATS, Context, reporter
from tests.goldens import assert_golden, sample

CASES = [
    pytest.param("concise", {}, "sample.concise", id="concise"),
    pytest.param("text", {}, "sample.text", id="text-piped"),
    pytest.param("text", {"terminal": True}, "sample.text-terminal", id="text-terminal"),
    pytest.param("text", {"terminal": True, "color": True}, "sample.text-color", id="text-colour"),
    pytest.param("json", {}, "sample.json", id="json"),
    pytest.param("jsonl", {}, "sample.jsonl", id="jsonl"),
    pytest.param("github", {}, "sample.github", id="github"),
    pytest.param("sarif", {}, "sample.sarif", id="sarif"),
    pytest.param("rdjson", {}, "sample.rdjson", id="rdjson"),
    pytest.param("junit", {}, "sample.junit.xml", id="junit"),
    pytest.param("html", {}, "sample.html", id="html"),
]


def render(fmt: str, **flags: bool) -> str:
    result, ctx = sample()
    ctx = Context(rules=ctx.rules, sources=ctx.sources, **flags)
    out = io.StringIO()
    reporter(fmt).write(result, out, ctx)
    return out.getvalue()


@pytest.mark.parametrize(("fmt", "flags", "golden"), CASES)
def test_format_matches_golden(fmt: str, flags: dict[str, bool], golden: str) -> None:
    assert_golden(golden, render(fmt, **flags))


def test_every_format_has_a_golden() -> None:
    assert {case.values[0] for case in CASES} == set(FORMATS)


def test_cli_offers_every_format() -> None:
    assert cli.FORMAT_NAMES == ("auto", *FORMATS)


def test_output_is_deterministic() -> None:
    assert render("sarif") == render("sarif")
    assert render("html") == render("html")


def check(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str]:
    from click.testing import CliRunner

    from tests.goldens import DATA, RULESET

    runner = CliRunner(env={"GITHUB_ACTIONS": None, "NO_COLOR": None, **(env or {})})
    outcome = runner.invoke(cli.main, ["check", "--no-config", "--ruleset", str(RULESET), *args, str(DATA / "articles" / "dose.txt")])
    return outcome.exit_code, outcome.stdout


@pytest.mark.parametrize(
    ("env", "args", "prefix"),
    [
        pytest.param({}, [], "/", id="auto-is-text"),
        pytest.param({"GITHUB_ACTIONS": "true"}, [], "::warning file=", id="auto-is-github-on-actions"),
        pytest.param({"GITHUB_ACTIONS": "false"}, [], "/", id="only-true-counts"),
        pytest.param({"GITHUB_ACTIONS": "true"}, ["--format", "concise"], "/", id="explicit-format-wins"),
    ],
)
def test_auto_format(env: dict[str, str], args: list[str], prefix: str) -> None:
    code, out = check(args, env)
    assert code == 1
    assert out.startswith(prefix)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("no_color", "coloured"),
    [pytest.param(None, True, id="colour"), pytest.param("", True, id="empty-no-color-is-unset"), pytest.param("1", False, id="no-color")],
)
def test_colour_on_a_terminal_unless_no_color(monkeypatch: pytest.MonkeyPatch, no_color: str | None, coloured: bool) -> None:
    from tests.goldens import DATA, RULESET

    screen = Terminal()
    monkeypatch.setattr("sys.stdout", screen)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    options = {"config": None, "no_config": True, "ruleset": (str(RULESET),)}
    cli.run_check([str(DATA / "articles" / "dose.txt")], "auto", False, None, True, options)
    assert ("\033[" in screen.getvalue()) is coloured
    assert screen.getvalue().startswith(("\033[1m", str(DATA)))  # grouped: the file name first


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.sarif"
    code, out = check(["--format", "sarif", "--output-file", str(target)])
    assert (code, out) == (1, "")
    assert target.read_text(encoding="utf-8").startswith('{\n  "$schema"')


@pytest.mark.parametrize("count", [0, 1, 2000, 4501])
def test_the_json_report_is_written_in_batches_exactly_as_one_document(count: int) -> None:
    import io
    import json as json_module

    from claimlint.engine import Problem, Result
    from claimlint.findings import Finding, Fix, Related
    from claimlint.reporters import Context
    from claimlint.reporters import json as json_reporter

    related = [(), (Related("b.md", 3, 4, "says so"),), (Related("b.md", 3, 4), Related('q"\\.md', 10**12, 0, "\u2028\t\x00"))]
    findings = [
        Finding(f"a{i % 7}.md", i, 1, i, 9, "rule-x", "disease-claim", "error", f"message é {i} \"quoted\"\n\x7f", "cures",
                "say 'supports'" if i % 2 else None, related[i % 3], Fix(0, 1, "x\u00e9\"") if i % 5 == 0 else None)
        for i in range(count)
    ]
    result = Result(findings=findings, problems=[Problem("c.txt", "binary file")], files=7)
    out = io.StringIO()
    json_reporter.write(result, out, Context(rules={}, color=False, terminal=False, sources={}))
    got, want = out.getvalue(), json_module.dumps(json_reporter.document(result), indent=2, ensure_ascii=False) + "\n"
    if got != want:  # a short report: pytest's own diff of two megabyte strings takes minutes
        at = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
        pytest.fail(f"differs at {at}: {got[at - 60 : at + 60]!r} != {want[at - 60 : at + 60]!r}")
