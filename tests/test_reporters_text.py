from __future__ import annotations

import io

from claimlint.reporters import Context
from claimlint.reporters import text as text_reporter
from tests.goldens import sample


def render(**flags: bool) -> str:
    result, ctx = sample()
    out = io.StringIO()
    text_reporter.write(result, out, Context(rules=ctx.rules, sources=ctx.sources, **flags))
    return out.getvalue()


def test_piped_output_is_plain_concise_lines() -> None:
    lines = render().splitlines()
    assert lines[0] == "articles/dose.txt:3:48: warning dose-conflict '400 mg' disagrees with another article"
    assert all(line.startswith("articles/") for line in lines)
    assert "\033[" not in render()


def test_terminal_output_groups_by_file_with_excerpts() -> None:
    out = render(terminal=True)
    assert out.splitlines()[0] == "articles/dose.txt"
    assert "\narticles/sleep.md\n" in out
    assert "      Our magnesium blend is clinically proven and cures insomnia.\n" in out
    assert "\n                             ^^^^^^^^^^^^^^^^^\n" in out
    assert "\033[" not in out


def test_colour_only_when_asked() -> None:
    assert "\033[31merror" in render(terminal=True, color=True)
