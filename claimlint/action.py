"""The GitHub Action's step (`python -m claimlint.action`, run by action.yml).

Reads the inputs from CLAIMLINT_* variables, prints annotations (`--format github`),
optionally writes SARIF, and reports to the job: `findings` and `sarif-file` outputs
and a summary table. GitHub shows only the first few annotations of each kind per step,
so the summary lists more of them. The exit code is claimlint's: 1 fails the step.
"""
from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from collections import Counter
from typing import IO, Mapping

from claimlint.findings import SEVERITIES

ANNOTATION = re.compile(r"^::(?P<level>error|warning|notice) (?P<props>[^:]*line=[^:]*)::(?P<message>.*)$")
SUMMARY_ROWS = 50


def _words(value: str) -> list[str]:
    return shlex.split(value.replace("\n", " "))


def _unescape(text: str) -> str:
    return text.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _append(path: str | None, text: str) -> None:
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(text)


def _summary(annotations: list[re.Match[str]]) -> str:
    counts = Counter(m["level"] for m in annotations)
    lines = [
        "### claimlint",
        "",
        f"{counts['error']} errors, {counts['warning']} warnings, {counts['notice']} notices.",
    ]
    if annotations:
        lines += ["", "| Where | Level | Finding |", "| --- | --- | --- |"]
        for match in annotations[:SUMMARY_ROWS]:
            props = dict(item.split("=", 1) for item in match["props"].split(","))
            where = f"{_unescape(props.get('file', ''))}:{props.get('line', '')}"
            message = _unescape(match["message"]).splitlines()[0]  # the rest is "Instead: ..."
            lines.append(f"| {_cell(where)} | {match['level']} | {_cell(message)} |")
        if len(annotations) > SUMMARY_ROWS:
            lines.append(f"\n…and {len(annotations) - SUMMARY_ROWS} more; see the annotations or the SARIF results.")
    return "\n".join(lines) + "\n"


def main(env: Mapping[str, str] = os.environ, out: IO[str] = sys.stdout) -> int:
    paths = _words(env.get("CLAIMLINT_PATHS", "")) or ["."]
    command = [sys.executable, "-m", "claimlint", "check", *_words(env.get("CLAIMLINT_ARGS", ""))]
    fail_on = env.get("CLAIMLINT_FAIL_ON", "").strip()
    if fail_on:
        if fail_on not in SEVERITIES:
            out.write(f"::error title=claimlint::fail-on must be one of {', '.join(SEVERITIES)}, not {fail_on!r}\n")
            return 2
        command += ["--fail-on", fail_on]
    sarif_file = ""
    if env.get("CLAIMLINT_SARIF", "false").strip().lower() in ("true", "yes", "1"):
        sarif_file = env.get("CLAIMLINT_SARIF_FILE", "").strip() or "claimlint.sarif"
        sarif = subprocess.run([*command, "--format", "sarif", "--output-file", sarif_file, "--exit-zero", "--quiet", "--", *paths])
        if sarif.returncode != 0:
            return sarif.returncode
    # GITHUB_ACTIONS=true in the child too: `auto` would pick github anyway; be explicit.
    run = subprocess.run([*command, "--format", "github", "--", *paths], stdout=subprocess.PIPE, text=True, encoding="utf-8")
    out.write(run.stdout)
    out.flush()
    annotations = [m for line in run.stdout.splitlines() if (m := ANNOTATION.match(line))]
    _append(env.get("GITHUB_OUTPUT"), f"findings={len(annotations)}\n" + (f"sarif-file={sarif_file}\n" if sarif_file else ""))
    _append(env.get("GITHUB_STEP_SUMMARY"), _summary(annotations))
    return run.returncode


if __name__ == "__main__":
    sys.exit(main())
