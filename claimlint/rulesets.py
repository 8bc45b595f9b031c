"""Loading rulesets: TOML files of rules, validated in full before any text is read."""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimlint.errors import RulesetError
from claimlint.kinds import KIND_MODULES, is_corpus_kind, kind_module
from claimlint.kinds.base import CompileContext
from claimlint.patterns import Terms, lazy_compilation
from claimlint.rules import RULE_ID, Rule, build_rule
from claimlint.schema import Field, Where, check_fields
from claimlint.tomlpos import LazyTomlMap, scan


SCHEMA_VERSION = 1
TERMS_FILE = "terms"
RULESET_FIELDS = {
    "schema": Field("int", required=True, doc=f"ruleset schema version; this claimlint reads {SCHEMA_VERSION}"),
    "id": Field("str", required=True),
    "title": Field("str", required=True),
    "description": Field("str", default=""),
    "terms": Field("table", default={}),
    "rule": Field("table-list", default=[]),
}
MAX_RULESET_BYTES = 16 * 1024 * 1024


class DeferredCheckers:
    """The checkers of one load's bundled local rules, all built on the first use of any
    of them. A warm run, whose files all come from the cache, never uses them (building
    them was a tenth of its time); any linting uses them all, and builds them together
    so that the literal prefilter's automaton is made once, not once per rule."""

    def __init__(self) -> None:
        self.pending: list[LazyChecker] = []

    def add(self, build: Any) -> "LazyChecker":
        checker = LazyChecker(self, build)
        self.pending.append(checker)
        return checker

    def build_all(self) -> None:
        pending, self.pending = self.pending, []
        with lazy_compilation(True):
            for checker in pending:
                checker.resolve()


class LazyChecker:
    """Stands in for a rule's checker until it is used (see DeferredCheckers)."""

    __slots__ = ("_group", "_build", "_real")

    def __init__(self, group: DeferredCheckers, build: Any) -> None:
        self._group = group
        self._build = build
        self._real: Any = None

    def resolve(self) -> Any:
        if self._real is None:
            if self._group.pending:
                self._group.build_all()
            if self._real is None:  # built alone (a sibling's build failed first)
                with lazy_compilation(True):
                    self._real = self._build()
            self._build = None
        return self._real

    def __getattr__(self, name: str) -> Any:
        return getattr(self.resolve(), name)


def build_checkers(rules: list[Rule]) -> None:
    """Build every deferred checker among rules now (before forking workers)."""
    for rule in rules:
        if isinstance(rule.checker, LazyChecker):
            rule.checker.resolve()


@dataclass
class Ruleset:
    """One ruleset file and its rules."""

    id: str
    title: str
    description: str
    path: str
    rules: list[Rule] = field(default_factory=list)


def bundled_dir() -> Path:
    """Inside the wheel the rulesets sit in the package; in a checkout, beside it."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rulesets", here.parent / "rulesets"):
        if candidate.is_dir():
            return candidate
    raise RulesetError(str(here / "rulesets"), "the bundled rulesets are missing from this installation")


def bundled_names() -> list[str]:
    return sorted(p.stem for p in bundled_dir().glob("*.toml") if p.stem != TERMS_FILE)


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise RulesetError(str(path), f"cannot read: {error.strerror or error}") from None
    if len(raw) > MAX_RULESET_BYTES:
        raise RulesetError(str(path), f"larger than {MAX_RULESET_BYTES // (1024 * 1024)} MB; refusing to load")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RulesetError(str(path), f"not UTF-8 (byte {error.start})") from None
    from claimlint.precompiled import parsed_toml

    parsed = parsed_toml(raw)  # a bundled file, parsed when claimlint was built
    if parsed is not None:
        return parsed, text
    if sys.version_info >= (3, 11):  # imported here: the bundled files come parsed
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        line = int(match.group(1)) if match else None
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        raise RulesetError(str(path), f"invalid TOML: {message}", line=line) from None
    except RecursionError:
        raise RulesetError(str(path), "invalid TOML: nested too deeply") from None


def shared_terms() -> Terms:
    path = bundled_dir() / f"{TERMS_FILE}.toml"
    if not path.exists():
        return Terms({})
    data, text = read_toml(path)
    where = Where(str(path), scan(text), ())
    values = check_fields(data, RULESET_FIELDS, where)
    return Terms(_check_terms(values["terms"], where))


def _check_terms(terms: dict[str, Any], where: Where) -> dict[str, list[str]]:
    for name, items in terms.items():
        if not re.match(r"^[a-z][a-z0-9_-]*$", name):
            raise where.error(("terms", name), "term names are lower-case words (a-z, 0-9, _ or -)")
        if not isinstance(items, list) or not items or not all(isinstance(i, str) and i.strip() for i in items):
            raise where.error(("terms", name), "must be a non-empty list of non-empty strings")
    return terms


def load_file(
    path: Path, shared: Terms, timeout: float, overrides: dict[str, dict[str, Any]] | None = None,
    deferred: DeferredCheckers | None = None,
) -> Ruleset:
    """deferred: build local rules' checkers on first use, in this group (bundled
    rulesets only: their rules are validated in full by the test suite)."""
    data, text = read_toml(path)
    positions = LazyTomlMap(text)
    where = Where(str(path), positions, ())
    values = check_fields(data, RULESET_FIELDS, where)
    if values["schema"] != SCHEMA_VERSION:
        raise where.error("schema", f"this claimlint reads ruleset schema {SCHEMA_VERSION}, not {values['schema']}")
    if not RULE_ID.match(values["id"]):
        raise where.error("id", f"{values['id']!r} is not a kebab-case id")
    terms = Terms(_check_terms(values["terms"], where), shared)
    ruleset = Ruleset(values["id"], values["title"], values["description"], str(path))
    seen: dict[str, Rule] = {}
    for index, table in enumerate(values["rule"]):
        rule_id = table.get("id") if isinstance(table.get("id"), str) else None
        rule_where = Where(str(path), positions, ("rule", index), rule_id)
        kind_name = table.get("kind", "pattern")
        module = kind_module(kind_name) if isinstance(kind_name, str) else None
        if module is None:
            raise rule_where.error("kind", f"unknown kind {kind_name!r} (known kinds: {', '.join(KIND_MODULES)})")
        overridden = bool(overrides and rule_id in overrides)
        if overridden:
            table = {**table, **overrides[rule_id]}  # type: ignore[index]
        rule = build_rule(table, module.FIELDS, rule_where, ruleset.id)
        if rule.id in seen:
            raise rule_where.error("id", f"duplicate rule id {rule.id!r} (first defined at line {seen[rule.id].line})")
        seen[rule.id] = rule
        ctx = CompileContext(terms, rule_where, timeout)
        if overridden:
            # The configuration's rule-options replaced some of this rule's options: they
            # are the user's, so they are checked in full now (a bundled file's own
            # patterns are checked by the test suite and compiled when first used).
            with lazy_compilation(False):
                try:
                    rule.checker = module.compile(rule, ctx)
                except RulesetError as error:
                    if error.key is not None and error.key.split("[")[0].split(".")[0] in overrides[rule_id]:  # type: ignore[index]
                        raise RulesetError(
                            error.path, f"{error.detail} (set by rule-options in the configuration)",
                            line=error.line, rule=error.rule, key=error.key,
                        ) from None
                    raise
        elif deferred is not None and not is_corpus_kind(rule.kind):
            rule.checker = deferred.add(lambda module=module, rule=rule, ctx=ctx: module.compile(rule, ctx))
        else:
            rule.checker = module.compile(rule, ctx)
        ruleset.rules.append(rule)
    return ruleset


def resolve(spec: str) -> list[Path]:
    """A ruleset given by bundled name, file or folder of .toml files."""
    path = Path(spec)
    if path.is_dir():
        files = sorted(p for p in path.glob("*.toml") if p.stem != TERMS_FILE)
        if not files:
            raise RulesetError(spec, "folder has no .toml rulesets")
        return files
    if path.is_file():
        return [path]
    candidate = bundled_dir() / f"{spec}.toml"
    if re.match(r"^[a-z][a-z0-9-]*$", spec) and candidate.is_file() and spec != TERMS_FILE:
        return [candidate]
    raise RulesetError(spec, f"no such ruleset file, folder or bundled name (bundled: {', '.join(bundled_names())})")


def load(
    specs: list[str],
    timeout: float = 1.0,
    overrides: dict[str, dict[str, Any]] | None = None,
    *,
    eager: bool = False,
) -> list[Ruleset]:
    """Load the named rulesets (default: every bundled one); ids must be unique across all.

    overrides (from the configuration's rule-options) replace a rule's kind options.
    """
    shared = shared_terms()
    paths: list[Path] = []
    for spec in specs or ["default"]:
        if spec == "default":
            paths.extend(bundled_dir() / f"{name}.toml" for name in bundled_names())
        else:
            paths.extend(resolve(spec))
    rulesets: list[Ruleset] = []
    owners: dict[str, str] = {}
    seen_paths: set[Path] = set()
    deferred = None if eager else DeferredCheckers()
    for path in paths:
        if path.resolve() in seen_paths:
            continue
        seen_paths.add(path.resolve())
        # Bundled patterns compile on first use (the test suite validates them all with
        # eager=True); a user's ruleset is validated in full before any text is read.
        bundled = not eager and path.resolve().parent == bundled_dir().resolve()
        with lazy_compilation(bundled):
            ruleset = load_file(path, shared, timeout, overrides, deferred if bundled else None)
        for rule in ruleset.rules:
            if rule.id in owners:
                raise RulesetError(
                    rule.path, f"duplicate rule id {rule.id!r} (also in {owners[rule.id]})", line=rule.line, rule=rule.id, key="id"
                )
            owners[rule.id] = rule.path
        rulesets.append(ruleset)
    return rulesets
