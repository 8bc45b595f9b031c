"""A baseline: today's findings, recorded so that CI fails only on new ones.

A finding is identified by its rule, its file and the text it matched, never by its
line: adding a paragraph above it, or editing another sentence, leaves it recognised.
The same phrase flagged twice in a file is counted, so a third copy is still new.
Paths are stored relative to the baseline file, so the check may run from any folder.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

from claimlint.errors import ClaimlintError
from claimlint.findings import Finding
from claimlint.sha import sha256

VERSION = 1
DEFAULT_FILE = ".claimlint-baseline.json"


def match_key(rule: str, path: str, match: str) -> str:
    """Stable across line moves and whitespace or case changes inside the match."""
    text = " ".join(match.split()).casefold()
    return sha256(f"{rule}\0{path}\0{text}".encode("utf-8")).hexdigest()[:20]


def _relative(path: str, base: Path) -> str:
    if path.startswith("<"):  # <stdin>, <text>: not a file
        return path
    try:
        return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(os.path.abspath(path)).as_posix()


def fingerprint(finding: Finding, base: Path) -> str:
    return match_key(finding.rule, _relative(finding.path, base), finding.match)


def document(findings: list[Finding], baseline_path: str) -> dict[str, Any]:
    base = Path(baseline_path).resolve().parent
    counts: Counter[tuple[str, str, str, str]] = Counter()
    for finding in findings:
        counts[(_relative(finding.path, base), finding.rule, finding.match, fingerprint(finding, base))] += 1
    entries = [
        {"path": path, "rule": rule, "match": match, "fingerprint": key, "count": count}
        for (path, rule, match, key), count in sorted(counts.items())
    ]
    return {"version": VERSION, "tool": "claimlint", "findings": entries}


def write(findings: list[Finding], baseline_path: str) -> int:
    """Record exactly these findings (fixed ones drop out); returns how many."""
    from claimlint.fixes import write_atomic

    text = json.dumps(document(findings, baseline_path), indent=2, ensure_ascii=False) + "\n"
    write_atomic(baseline_path, text.encode("utf-8"))
    return len(findings)


def load(baseline_path: str) -> Counter[str]:
    """fingerprint -> how many findings it stands for; a bad file is a usage error (exit 2)."""
    try:
        data = json.loads(Path(baseline_path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ClaimlintError(f"{baseline_path}: baseline not found (create it with `claimlint baseline`)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ClaimlintError(f"{baseline_path}: cannot read the baseline: {error}") from None
    except json.JSONDecodeError as error:
        raise ClaimlintError(f"{baseline_path}:{error.lineno}: not JSON: {error.msg}") from None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise ClaimlintError(f"{baseline_path}: version: this claimlint reads baseline version {VERSION}")
    entries = data.get("findings")
    if not isinstance(entries, list):
        raise ClaimlintError(f"{baseline_path}: findings: must be a list")
    counts: Counter[str] = Counter()
    for index, entry in enumerate(entries):
        where = f"{baseline_path}: findings[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise ClaimlintError(f"{where}: fingerprint: must be a string")
        count = entry.get("count", 1)
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise ClaimlintError(f"{where}: count: must be a whole number of at least 1, not {count!r}")
        counts[entry["fingerprint"]] += count
    return counts


def apply(findings: list[Finding], baseline_path: str) -> tuple[list[Finding], int, int]:
    """(new findings, how many the baseline matched, how many baseline entries no longer occur)."""
    allowed = load(baseline_path)
    base = Path(baseline_path).resolve().parent
    kept: list[Finding] = []
    matched = 0
    for finding in findings:  # sorted, so the copies left over are the later ones
        key = fingerprint(finding, base)
        if allowed[key] > 0:
            allowed[key] -= 1
            matched += 1
        else:
            kept.append(finding)
    return kept, matched, sum(allowed.values())
