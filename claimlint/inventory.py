"""`claimlint claims`: every figure and proposition the corpus rules extract, and where.

Editors use it to see at a glance which figure the site uses where: the values are
grouped by fact (then by the figure stated), the statements by claim (then polarity),
each with its location. Text for people, JSON (version 1) for tools:

    {"version": 1,
     "facts":  [{"fact", "rule", "unit", "accepted": [...], "values": [{"path", "line", "column",
                 "end_line", "end_column", "value", "high", "qualifier", "shown", "vague", "sourced",
                 "match", "sentence"}]}],
     "claims": [{"claim", "subject", "rule", "proposition", "statements": [{"path", "line", "column",
                 "end_line", "end_column", "polarity", "match", "sentence"}]}],
     "files": N, "problems": [{"path", "message", "failed"}]}

``sourced`` is true when the value matches one of the fact's sourced values, false when
it matches none, null when the fact has none (or the value is vague). ``polarity`` is
affirm, deny, hedged or scoped (hedged and scoped statements are never compared). A claim
stated per subject ("{subject} increases deep sleep") is listed once per subject.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO, Any

from claimlint.engine import Linter, Problem, is_corpus_rule
from claimlint.rules import Rule

VERSION = 1
_POLARITY_ORDER = {"affirm": 0, "deny": 1, "hedged": 2, "scoped": 3}
_POLARITY_WORD = {"affirm": "affirms", "deny": "denies", "hedged": "hedged", "scoped": "scoped"}


@dataclass
class Inventory:
    """Every fact and claim the corpus rules extracted, for `claimlint inventory`."""

    facts: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    files: int = 0
    problems: list[Problem] = field(default_factory=list)


def _location(path: str, record: dict[str, Any]) -> dict[str, Any]:
    return {
        "path": path,
        "line": record.get("line"),
        "column": record.get("column"),
        "end_line": record.get("end_line"),
        "end_column": record.get("end_column"),
    }


def collect(rules: list[Rule], files: Iterable[str], cache: Any = None, problems: Iterable[Problem] = ()) -> Inventory:
    """Extract the records of every corpus rule from files (using the cache when given)."""
    corpus_rules = [rule for rule in rules if is_corpus_rule(rule)]
    linter = Linter(corpus_rules, cache)
    linter.result.problems.extend(problems)
    count = 0
    for path in files:
        count += 1
        linter.add_path(path, report=False)
    if cache is not None:
        cache.flush()
        for notice in cache.notices:
            linter.result.problems.append(Problem(str(cache.directory), notice, failed=False))
        cache.close()
    return build(corpus_rules, linter.records, count, linter.result.problems)


def build(rules: list[Rule], records: dict[str, dict[str, list[dict[str, Any]]]], files: int = 0,
          problems: Iterable[Problem] = ()) -> Inventory:
    inventory = Inventory(files=files, problems=sorted(problems, key=lambda p: (p.path, p.message)))
    facts: dict[str, dict[str, Any]] = {}
    claims: dict[str, dict[str, Any]] = {}
    for rule in rules:
        checker = rule.checker
        describe = getattr(checker, "describe", None)
        if describe is None:
            continue
        info = describe()
        by_path = records.get(rule.id, {})
        if info.get("type") == "fact":
            entry = facts.setdefault(info["id"], {"fact": info["id"], "rule": rule.id, "unit": info.get("unit"),
                                                  "accepted": info.get("accepted", []), "values": []})
            accepts = getattr(checker, "accepts", lambda record: None)
            for path in sorted(by_path):
                for rec in by_path[path]:
                    entry["values"].append({
                        **_location(path, rec),
                        "value": rec.get("value"),
                        "high": rec.get("high"),
                        "qualifier": rec.get("qualifier"),
                        "shown": rec.get("shown"),
                        "vague": bool(rec.get("vague")),
                        "sourced": accepts(rec),
                        "match": rec.get("match"),
                        "sentence": rec.get("sentence"),
                    })
        elif info.get("type") == "claim":
            fixed = str(info.get("proposition"))
            stated = getattr(checker, "stated", lambda subject, fixed=fixed: fixed)
            for path in sorted(by_path):
                for rec in by_path[path]:
                    subject = rec.get("subject") if info.get("per_subject") else None
                    key = info["id"] + (f" ({subject})" if subject else "")
                    entry = claims.setdefault(key, {"claim": info["id"], "subject": subject, "rule": rule.id,
                                                    "proposition": stated(subject), "statements": []})
                    entry["statements"].append({
                        **_location(path, rec),
                        "polarity": rec.get("polarity"),
                        "match": rec.get("match"),
                        "sentence": rec.get("sentence"),
                    })
    inventory.facts = [facts[k] for k in sorted(facts) if facts[k]["values"]]
    for item in inventory.facts:
        item["values"].sort(key=lambda v: (v["vague"], v["value"] if v["value"] is not None else 0, v["path"], v["line"] or 0))
    inventory.claims = [claims[k] for k in sorted(claims) if claims[k]["statements"]]
    for item in inventory.claims:
        item["statements"].sort(key=lambda s: (_POLARITY_ORDER.get(s["polarity"], 9), s["path"], s["line"] or 0))
    return inventory


def to_json(inventory: Inventory) -> dict[str, Any]:
    return {
        "version": VERSION,
        "facts": inventory.facts,
        "claims": inventory.claims,
        "files": inventory.files,
        "problems": [{"path": p.path, "message": p.message, "failed": p.failed} for p in inventory.problems],
    }


def write_json(inventory: Inventory, out: IO[str]) -> None:
    json.dump(to_json(inventory), out, indent=2, ensure_ascii=False)
    out.write("\n")


def _where(item: dict[str, Any]) -> str:
    return f"{item['path']}:{item['line']}:{item['column']}"


def _quote(text: str | None, limit: int = 90) -> str:
    text = " ".join((text or "").split())
    return '"' + (text if len(text) <= limit else text[: limit - 1] + "…") + '"'


def _excerpt(sentence: str | None, match: str | None, width: int = 100) -> str:
    """The sentence, or a window of it around the match."""
    text = " ".join((sentence or "").split())
    found = " ".join((match or "").split())
    if len(text) <= width or not found or found not in text:
        return _quote(text, width)
    at = text.index(found)
    left = max(0, min(at - (width - len(found)) // 2, len(text) - width))
    shown = text[left : left + width]
    return '"' + ("…" if left else "") + shown + ("…" if left + width < len(text) else "") + '"'


def write_text(inventory: Inventory, out: IO[str]) -> None:
    blocks: list[list[str]] = []
    for fact in inventory.facts:
        lines = [f"{fact['fact']}  ({fact['unit']}; rule {fact['rule']})"]
        if fact["accepted"]:
            sourced = "; ".join(
                f"{a['shown']}{' ' + a['label'] if a.get('label') else ''} ({a['source']})" for a in fact["accepted"]
            )
            lines.append(f"  sourced: {sourced}")
        groups: dict[str, list[dict[str, Any]]] = {}
        for value in fact["values"]:
            groups.setdefault(value["shown"] or "?", []).append(value)
        width = max(len(shown) for shown in groups)
        for shown, values in groups.items():
            mark = ""
            if values[0]["sourced"] is False:
                mark = "  [not a sourced value]"
            elif values[0]["vague"]:
                mark = "  [vague: not compared]"
            files = len({v["path"] for v in values})
            lines.append(f"  {shown:<{width}}  {len(values)} in {files} file{'s' if files != 1 else ''}{mark}")
            for value in values:
                lines.append(f"    {_where(value)}  {_quote(value['match'], 60)}")
        blocks.append(lines)
    for claim in inventory.claims:
        subject = f" [{claim['subject']}]" if claim.get("subject") else ""
        lines = [f"{claim['claim']}{subject}  (rule {claim['rule']})", f"  proposition: {claim['proposition']}"]
        for statement in claim["statements"]:
            word = _POLARITY_WORD.get(statement["polarity"], statement["polarity"] or "?")
            lines.append(f"  {word:<8} {_where(statement)}  {_excerpt(statement['sentence'], statement['match'])}")
        blocks.append(lines)
    for index, lines in enumerate(blocks):
        if index:
            out.write("\n")
        out.write("\n".join(lines) + "\n")
    n_values = sum(len(f["values"]) for f in inventory.facts)
    n_statements = sum(len(c["statements"]) for c in inventory.claims)
    if not blocks:
        out.write(f"no facts or claims found in {inventory.files} file{'s' if inventory.files != 1 else ''}\n")
    else:
        out.write(
            f"\n{_n(len(inventory.facts), 'fact')} ({_n(n_values, 'value')}), {_n(len(inventory.claims), 'claim')}"
            f" ({_n(n_statements, 'statement')}) in {_n(inventory.files, 'file')}\n"
        )


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
