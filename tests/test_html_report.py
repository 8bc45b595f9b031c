"""The editors' report: structure and escaping without a browser, then rendering in
headless Chromium (Debian's `chromium`; skipped when it is not installed)."""
from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from claimlint.cli import main
from claimlint.reporters.common import Lines
from claimlint.reporters.html import render
from claimlint.reporters.html_style import colours
from tests.goldens import RULESET, sample

HOSTILE = """# Sleep tips <script>window.__pwned = true</script>

<img src="x" onerror="window.__pwned = true"> This clinically proven tea cures insomnia.

A line with "quotes" & <b>tags</b> that is clinically proven.
"""


class Marks(HTMLParser):
    """Collects each highlight's findings and text, and every element name."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.marks: list[tuple[str, str]] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "mark":
            self._open = [dict(attrs)["data-findings"] or "", ""]

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self._open is not None:
            self.marks.append((self._open[0], self._open[1]))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[1] += data


def highlighted_text(page: str) -> dict[int, str]:
    parser = Marks()
    parser.feed(page)
    texts: dict[int, str] = {}
    for numbers, text in parser.marks:
        for number in numbers.split():
            texts[int(number)] = texts.get(int(number), "") + text
    return texts


def test_highlights_cover_exactly_the_findings() -> None:
    result, ctx = sample()
    texts = highlighted_text(render(result, ctx))
    for number, finding in enumerate(result.findings, start=1):
        lines = Lines(ctx.sources[finding.path])
        expected = lines.text[lines.offset(finding.line, finding.column) : lines.offset(finding.end_line, finding.end_column)]
        assert texts[number] == expected == finding.match


def test_cross_document_findings_link_to_each_other() -> None:
    result, ctx = sample()
    page = render(result, ctx)
    numbers = {f.path: n for n, f in enumerate(result.findings, start=1) if f.rule == "dose-conflict"}
    assert f'<a class="xref" href="#f-{numbers["articles/sleep.md"]}">articles/sleep.md:5:29</a>' in page
    assert f'<a class="xref" href="#f-{numbers["articles/dose.txt"]}">articles/dose.txt:3:48</a>' in page


def test_counts_per_category() -> None:
    result, ctx = sample()
    page = render(result, ctx)
    assert '<td><span class="swatch"></span>disease-claim</td><td>2</td>' in page
    assert '<span class="chip cat-numeric-inconsistency">numeric-inconsistency: 1</span>' in page


def write_report(folder: Path) -> Path:
    (folder / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    here = os.getcwd()
    os.chdir(folder)  # the report names the article by the path given: a relative one
    try:
        outcome = CliRunner().invoke(main, ["report", "--no-config", "--ruleset", str(RULESET), "-o", "report.html", "hostile.md"])
    finally:
        os.chdir(here)
    assert outcome.exit_code == 0, outcome.output
    return folder / "report.html"


def test_article_markup_is_escaped(tmp_path: Path) -> None:
    page = write_report(tmp_path).read_text(encoding="utf-8")
    parser = Marks()
    parser.feed(page)
    assert "script" not in parser.tags and "img" not in parser.tags and "b" not in parser.tags
    assert "&lt;script&gt;window.__pwned = true&lt;/script&gt;" in page
    assert 'onerror=&quot;window.__pwned' in page
    assert sorted(highlighted_text(page).values()) == ["clinically proven", "clinically proven", "cures insomnia"]


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PROBE = """<script>
const out = {pwned: window.__pwned === true, scripts: document.scripts.length, marks: []};
for (const m of document.querySelectorAll("mark.hl")) {
  const box = m.getBoundingClientRect();
  out.marks.push({findings: m.dataset.findings, text: m.textContent, line: m.closest(".ln").id,
                  width: box.width, height: box.height, background: getComputedStyle(m).backgroundColor});
}
const pre = document.createElement("pre");
pre.id = "probe";
pre.textContent = JSON.stringify(out);
document.body.appendChild(pre);
</script>"""


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
        "--disable-extensions", "--hide-scrollbars", f"--user-data-dir={profile}", "--window-size=1280,1000",
    ]
    return subprocess.run([CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=60, check=True)


def probe_data(dom: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(html.unescape(dom.split('<pre id="probe">', 1)[1].split("</pre>", 1)[0]))
    return data


def rgb(colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(colour[i : i + 2], 16) for i in (1, 3, 5)))


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_report_renders_in_chromium(tmp_path: Path) -> None:
    result, ctx = sample()
    page = tmp_path / "sample.html"
    page.write_text(render(result, ctx), encoding="utf-8")
    probe = tmp_path / "probe.html"
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = chromium("--dump-dom", probe.as_uri(), profile=tmp_path / "profile").stdout
    data = probe_data(dom)
    assert data["scripts"] == 1  # the probe itself: the report has none
    by_finding: dict[int, list[dict[str, Any]]] = {}
    for mark in data["marks"]:
        assert mark["width"] > 0 and mark["height"] > 0
        for number in mark["findings"].split():
            by_finding.setdefault(int(number), []).append(mark)
    docs = {path: n for n, path in enumerate(sorted(ctx.sources), start=1)}
    for number, finding in enumerate(result.findings, start=1):
        marks = by_finding[number]
        assert "".join(m["text"] for m in marks) == finding.match
        assert marks[0]["line"] == f"d{docs[finding.path]}-L{finding.line}"
        if marks[0]["findings"] == str(number):
            assert marks[0]["background"] == rgb(colours(finding.category)[0])

    shot = tmp_path / "report.png"
    chromium(f"--screenshot={shot}", page.as_uri(), profile=tmp_path / "profile")
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1280, 1000)
    assert len(png) > 20_000  # a blank page compresses to far less
    keep = os.environ.get("CLAIMLINT_SCREENSHOT_DIR")
    if keep:  # CI can keep the picture as an artifact
        shutil.copy(shot, Path(keep) / "html-report.png")


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_hostile_article_does_not_run_in_chromium(tmp_path: Path) -> None:
    report = write_report(tmp_path)
    probe = tmp_path / "probe.html"
    probe.write_text(report.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = chromium("--dump-dom", probe.as_uri(), profile=tmp_path / "profile").stdout
    data = probe_data(dom)
    assert data["pwned"] is False
    assert data["scripts"] == 1
    assert sorted(m["text"] for m in data["marks"]) == ["clinically proven", "clinically proven", "cures insomnia"]


def test_a_saved_report_is_not_linted_as_an_article(tmp_path: Path) -> None:
    report = write_report(tmp_path)
    outcome = CliRunner().invoke(main, ["check", "--no-config", "--ruleset", str(RULESET), str(report)])
    assert (outcome.exit_code, outcome.stdout) == (0, "")
