"""The HTML report shows hostile articles, file names and rule texts as text: no script,
no event handler and no javascript: link survives, and in a browser none runs.

tests/test_html_report.py checks a <script> and an onerror= in one Markdown article;
here every place text from outside reaches the page is attacked at once, and the
browser probe also clicks every link.
"""
from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimlint.cli import main

JS = "window.__pwned=(window.__pwned||0)+1"
ATTACKS = [
    f"<script>{JS}</script>",
    f"<img src=x onerror=\"{JS}\">",
    f"<svg onload=\"{JS}\"><circle/></svg>",
    f"<iframe srcdoc=\"<script>parent.{JS}</script>\"></iframe>",
    f"<a href=\"javascript:{JS}\">a miracle link</a>",
    f"<a href=\"  JaVaScRiPt:{JS}\">a miracle link</a>",
    f"<body onload=\"{JS}\">",
    f"<meta http-equiv=\"refresh\" content=\"0;url=javascript:{JS}\">",
    f"</style><script>{JS}</script>",
    f"</title><script>{JS}</script>",
    f"--><script>{JS}</script><!--",
    f"\"><script>{JS}</script>",
    f"'><img src=x onerror={JS}>",
    f"<object data=\"javascript:{JS}\"></object>",
    f"<form action=\"javascript:{JS}\"><button>a miracle</button></form>",
]
MARKDOWN = "\n\n".join(
    [
        "# A miracle <script>" + JS + "</script>",
        *(f"A miracle here: {attack}" for attack in ATTACKS),
        f"[a miracle](javascript:{JS}) and ![a miracle](javascript:{JS}) and <javascript:{JS}>",
        f"[a miracle][ref]\n\n[ref]: javascript:{JS}",
        "```html\n<script>" + JS + "</script> a miracle\n```",
    ]
) + "\n"
HTML_ARTICLE = "<html><head><title>A miracle</title></head><body>" + "".join(f"<p>A miracle {a}</p>" for a in ATTACKS) + "</body></html>"
TEXT = "\n\n".join(f"A miracle {a}" for a in ATTACKS) + "\n"
HOSTILE_NAME = "x\"><svg onload=\"window.__pwned=1\">.md"
RULES = """schema = 1
id = "hostile"
title = "<script>{js}</script>"
[[rule]]
id = "miracle"
category = "efficacy-overstatement"
severity = "warning"
summary = "<img src=x onerror={js}>"
message = "'{{match}}' <script>{js}</script> <a href='javascript:{js}'>x</a>"
why = "</style><script>{js}</script>"
instead = "\\"><svg onload={js}>"
suggestion = "<iframe srcdoc='<script>{js}</script>'>"
phrases = ["miracle"]
reviewed = 2026-11-23
[rule.examples]
bad = ["a miracle"]
good = ["x"]
[[rule.references]]
title = "<script>{js}</script>"
url = "https://example.org/\\"><script>{js}</script>"
""".replace("{js}", JS.replace('"', '\\"'))


class Active(HTMLParser):
    """Everything in a page that could run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.found: list[str] = []
        self.text: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in ("script", "img", "svg", "iframe", "object", "embed", "form", "base", "link", "frame", "math"):
            self.found.append(f"<{tag}>")
        if tag == "meta" and any(name == "http-equiv" for name, _ in attrs):
            self.found.append("<meta http-equiv>")
        for name, value in attrs:
            if name.startswith("on") or name in ("srcdoc", "formaction", "style"):
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "data") and value is not None:
                url = re.sub(r"[\x00-\x20]", "", value).lower()
                if not url.startswith(("#", "https://", "http://")):
                    self.found.append(f"<{tag} {name}={value!r}>")


def write_report(tmp_path: Path) -> tuple[Path, str]:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.md").write_text(MARKDOWN, encoding="utf-8")
    (folder / "b.html").write_text(HTML_ARTICLE, encoding="utf-8")
    (folder / "c.txt").write_text(TEXT, encoding="utf-8")
    (folder / HOSTILE_NAME).write_text("A miracle.\n", encoding="utf-8")
    rules = tmp_path / "hostile.toml"
    rules.write_text(RULES, encoding="utf-8")
    report = tmp_path / "report.html"
    result = CliRunner().invoke(
        main,
        ["report", "--no-config", "--no-cache", "--ruleset", str(rules), "-o", str(report), str(folder), "-"],
        input=f"A miracle <script>{JS}</script>\n",
    )
    assert result.exit_code == 0, result.output
    return report, report.read_text(encoding="utf-8")


def test_the_report_has_nothing_that_runs(tmp_path: Path) -> None:
    _, page = write_report(tmp_path)
    parser = Active()
    parser.feed(page)
    parser.close()
    assert parser.found == []
    assert "style" in parser.tags and "mark" in parser.tags  # the page itself is intact
    # Every hostile text is on the page as text: the article lines, the file name, the rule's fields.
    text = "".join(parser.text)
    for attack in ATTACKS:
        assert attack in text
    assert HOSTILE_NAME in text
    assert f"<script>{JS}</script> <a href='javascript:{JS}'>x</a>" in text  # the message
    assert f"</style><script>{JS}</script>" in text  # why
    assert page.count("<style>") == 1 and page.count("</style>") == 1


def test_references_must_be_web_links(tmp_path: Path) -> None:
    rules = tmp_path / "r.toml"
    rules.write_text(RULES.replace('url = "https://example.org/', 'url = "javascript:alert(1)//'), encoding="utf-8")
    result = CliRunner().invoke(main, ["report", "--no-config", "--ruleset", str(rules), "-o", str(tmp_path / "r.html"), str(rules)])
    assert result.exit_code == 2
    assert "key 'references[0].url': must be an http(s) URL, not 'javascript:alert(1)//" in result.stderr


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PROBE = """<script>
const before = window.__pwned || 0;
let clicked = 0;
for (const a of document.querySelectorAll("a")) {
  if (a.protocol !== "http:" && a.protocol !== "https:") { a.click(); clicked += 1; }
}
setTimeout(() => {
  const pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify({before: before, after: window.__pwned || 0, clicked: clicked,
    scripts: document.scripts.length, frames: window.frames.length, location: location.protocol});
  document.body.appendChild(pre);
}, 500);
</script>"""


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_nothing_runs_in_a_browser_even_when_every_link_is_clicked(tmp_path: Path) -> None:
    _, page = write_report(tmp_path)
    probe = tmp_path / "probe.html"
    probe.write_text(page.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
             "--disable-extensions", f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=3000"]
    assert CHROMIUM is not None
    done = subprocess.run([CHROMIUM, *flags, "--dump-dom", probe.as_uri()], capture_output=True, text=True, timeout=120, check=True)
    data = json.loads(html.unescape(done.stdout.split('<pre id="probe">', 1)[1].split("</pre>", 1)[0]))
    assert data["before"] == 0 and data["after"] == 0
    assert data["clicked"] > 10  # the highlights' links were clicked
    assert data["scripts"] == 1  # the probe; the report has none
    assert data["frames"] == 0
    assert data["location"] == "file:"  # no link navigated away
