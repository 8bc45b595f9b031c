"""Running rules over documents. The engine never prints: it returns findings and problems."""
from __future__ import annotations

import glob
import os
from dataclasses import dataclass, field
from typing import Any, Iterable

from claimlint import suppress
from claimlint.document import Document, detect_markup, parse
from claimlint.errors import FileProblem
from claimlint.findings import Finding, Fix
from claimlint.matching import Hit, RegexTimeout, format_message
from claimlint.rules import Rule
from claimlint.sources import Source, read


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    failed: bool = True  # False: a notice that does not change the exit code


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0


def to_finding(rule: Rule, doc: Document, hit: Hit) -> Finding:
    line, column, end_line, end_column = doc.location(hit.start, hit.end)
    extra: dict[str, Any] = dict(hit.extra or {})
    m = extra.pop("m", None)
    message = hit.message or format_message(rule.message, m, **extra)
    fix = None
    if rule.fix is not None:
        fix = Fix(doc.source_offset(hit.start), doc.source_offset(hit.end - 1) + 1, rule.fix)
    return Finding(
        path=doc.path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        rule=rule.id,
        category=rule.category,
        severity=rule.severity,
        message=message,
        match=doc.text[hit.start : hit.end],
        suggestion=rule.suggestion,
        fix=fix,
    )


def is_corpus_rule(rule: Rule) -> bool:
    return hasattr(rule.checker, "compare")


class Linter:
    """Lints documents one at a time, then compares what corpus rules extracted from them."""

    def __init__(self, rules: list[Rule], cache: Any = None) -> None:
        self.rules = rules
        self.cache = cache  # claimlint.cache.Cache or None: records of corpus rules by file
        self.local = [r for r in rules if not is_corpus_rule(r)]
        self.corpus_rules = [r for r in rules if is_corpus_rule(r)]
        self.names = {r.id: (r.id, r.ruleset, r.category) for r in rules}
        self.result = Result()
        self.records: dict[str, dict[str, list[Any]]] = {r.id: {} for r in self.corpus_rules}
        self.reported: set[str] = set()
        self.suppressions: dict[str, suppress.Suppressions] = {}

    def add_source(
        self, source: Source, markup: str | None = None, report: bool = True, stat: tuple[int, int] | None = None
    ) -> None:
        """stat: (size, mtime_ns) of the file taken before it was read, for the cache."""
        if source.notice:
            self.result.problems.append(Problem(source.path, source.notice, failed=False))
        doc = None
        if report:
            doc = parse(source.text, source.path, markup)
            self.result.files += 1
            self.reported.add(doc.path)
            self.suppressions[doc.path] = suppress.parse(source.text, doc.markup)
            for rule in self.local:
                try:
                    self.result.findings.extend(to_finding(rule, doc, hit) for hit in rule.checker.check(doc))
                except RegexTimeout as error:
                    self.result.problems.append(Problem(doc.path, f"{error}; the rule was skipped for this file"))
        if not self.corpus_rules:
            return
        cacheable = self.cache is not None and source.notice is None and os.path.isfile(source.path)
        digest = ""
        if cacheable:
            from claimlint.cache import content_hash

            digest = content_hash(source.text, markup or detect_markup(source.path))
            cached = self.cache.by_hash(source.path, digest, stat)
            if cached is not None and all(rule.id in cached for rule in self.corpus_rules):
                for rule in self.corpus_rules:
                    self.records[rule.id][source.path] = cached[rule.id]
                return
        if doc is None:
            doc = parse(source.text, source.path, markup)
        extracted: dict[str, list[Any]] = {}
        for rule in self.corpus_rules:
            try:
                extracted[rule.id] = self.records[rule.id][doc.path] = list(rule.checker.extract(doc))
            except RegexTimeout as error:
                self.result.problems.append(Problem(doc.path, f"{error}; the rule was skipped for this file"))
        if cacheable and len(extracted) == len(self.corpus_rules):
            self.cache.store(source.path, digest, extracted, stat)

    def add_path(self, path: str, report: bool = True) -> None:
        stat = None
        if self.cache is not None and self.corpus_rules:
            try:
                info = os.stat(path)
                stat = (info.st_size, info.st_mtime_ns)
            except OSError:
                pass
            if stat is not None and not report:
                # An unchanged corpus file is not even read.
                cached = self.cache.by_stat(path, *stat)
                if cached is not None and all(rule.id in cached for rule in self.corpus_rules):
                    for rule in self.corpus_rules:
                        self.records[rule.id][path] = cached[rule.id]
                    return
        try:
            source = read(path)
        except FileProblem as problem:
            self.result.problems.append(Problem(problem.path, problem.reason))
            return
        self.add_source(source, report=report, stat=stat)

    def finish(self) -> Result:
        for rule in self.corpus_rules:
            self.result.findings.extend(rule.checker.compare(rule, self.records[rule.id], self.reported))
        if self.cache is not None:
            self.cache.flush()
            for notice in self.cache.notices:
                self.result.problems.append(Problem(str(self.cache.directory), notice, failed=False))
            self.cache.notices = []
            self.cache.close()
        kept = []
        for finding in self.result.findings:
            sup = self.suppressions.get(finding.path)
            if sup is not None and sup.suppressed(finding.line, self.names[finding.rule]):
                continue
            kept.append(finding)
        self.result.findings = sorted(set(kept))
        self.result.problems.sort(key=lambda p: (p.path, p.message))
        return self.result


def corpus_files(patterns: list[str], root: str) -> list[str]:
    files: list[str] = []
    for pattern in patterns:
        full = pattern if os.path.isabs(pattern) else os.path.join(root, pattern)
        for found in sorted(glob.glob(full, recursive=True)):
            relative = os.path.relpath(found)
            files.append(found if relative.startswith("..") else relative)
    return files


def open_cache(settings: Any, rules: list[Rule]) -> Any:
    """The corpus cache for these settings (None: no corpus rules, or --no-cache)."""
    corpus_rules = [r for r in rules if is_corpus_rule(r)]
    if not corpus_rules or not getattr(settings, "use_cache", True):
        return None
    from claimlint import __version__
    from claimlint.cache import Cache, rules_hash

    return Cache(settings.cache_dir, rules_hash(corpus_rules, __version__))


def lint_files(
    rules: list[Rule],
    files: Iterable[str],
    corpus: Iterable[str] = (),
    problems: Iterable[FileProblem] = (),
    cache: Any = None,
) -> Result:
    linter = Linter(rules, cache)
    for problem in problems:
        linter.result.problems.append(Problem(problem.path, problem.reason))
    targets = list(files)
    wanted = {os.path.realpath(p) for p in targets}
    for path in targets:
        linter.add_path(path)
    for path in corpus:
        if os.path.realpath(path) not in wanted and os.path.isfile(path):
            linter.add_path(path, report=False)
    return linter.finish()


def lint_text(rules: list[Rule], text: str, path: str = "<text>", markup: str | None = None) -> Result:
    linter = Linter(rules)
    linter.add_source(Source(path, text), markup)
    return linter.finish()
