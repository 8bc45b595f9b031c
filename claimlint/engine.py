"""Running rules over documents. The engine never prints: it returns findings and problems."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Mapping

from claimlint import suppress
from claimlint.document import Document, detect_markup, parse
from claimlint.errors import FileProblem
from claimlint.findings import Finding, Fix
from claimlint.matching import Hit, RegexTimeout, format_message
from claimlint.paths import forget as forget_paths
from claimlint.paths import stat_file
from claimlint.rules import Rule
from claimlint.sources import Source, read
from claimlint.watchdog import guard


@dataclass(frozen=True)
class Problem:
    """A file or cache that could not be used as asked (failed) or a notice about one."""

    path: str
    message: str
    failed: bool = True  # False: a notice that does not change the exit code


@dataclass
class Result:
    """Everything a run found: findings, problems and the number of files linted."""

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
    """Does the rule compare documents (its kind's checker has extract and compare)?"""
    from claimlint.kinds import is_corpus_kind

    return is_corpus_kind(rule.kind)


@dataclass
class FileOutcome:
    """What linting one file gave: made in this process or in a worker (so: picklable)."""

    path: str
    report: bool
    stat: tuple[int, int] | None = None
    markup: str | None = None
    digest: str = ""
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    suppressions: suppress.Suppressions | None = None
    records: dict[str, list[Any]] | None = None  # None: unchanged since cached (digest matched)
    text: str | None = None  # kept only when asked (--fix, --diff)
    unread: bool = False  # the file could not be read: nothing else is set
    clean_read: bool = True  # decoded without a notice: safe to cache


class Texts(Mapping[str, str]):
    """The text of every reported file, in the order linted: kept ones as they were
    linted, the others read again on first use (reporters need few of them)."""

    def __init__(self, kept: dict[str, str | None]) -> None:
        self._kept = kept

    def __getitem__(self, path: str) -> str:
        text = self._kept[path]
        if text is None:
            try:
                text = read(path).text
            except FileProblem:
                text = ""
            self._kept[path] = text
        return text

    def __iter__(self) -> Iterator[str]:
        return iter(self._kept)

    def __len__(self) -> int:
        return len(self._kept)

    def __contains__(self, path: object) -> bool:
        return path in self._kept


def stat_of(path: str) -> tuple[int, int] | None:
    """(size, mtime_ns) through a link, or None (see claimlint.paths.stat_file)."""
    return stat_file(path)


def lint_source(
    local: list[Rule], corpus: list[Rule], source: Source, markup: str | None = None, report: bool = True,
    stat: tuple[int, int] | None = None, cached_digest: str | None = None, keep_text: bool = False,
) -> FileOutcome:
    """Run the local rules on one source (when reported) and extract the corpus rules'
    records, unless its content hash equals cached_digest (the cache has them)."""
    with guard():  # regex timeouts by the watchdog, not a clock read in every search
        return _lint_source(local, corpus, source, markup, report, stat, cached_digest, keep_text)


def _lint_source(
    local: list[Rule], corpus: list[Rule], source: Source, markup: str | None, report: bool,
    stat: tuple[int, int] | None, cached_digest: str | None, keep_text: bool,
) -> FileOutcome:
    from claimlint.cache import content_hash

    kind = markup or detect_markup(source.path)
    out = FileOutcome(source.path, report, stat, markup, content_hash(source.text, kind), clean_read=source.notice is None)
    if source.notice:
        out.problems.append(Problem(source.path, source.notice, failed=False))
    if keep_text:
        out.text = source.text
    doc = None
    if report:
        doc = parse(source.text, source.path, markup)
        out.suppressions = suppress.parse(source.text, doc.markup)
        for rule in local:
            try:
                out.findings.extend(to_finding(rule, doc, hit) for hit in rule.checker.check(doc))
            except RegexTimeout as error:
                out.problems.append(Problem(doc.path, f"{error}; the rule was skipped for this file"))
    if not corpus or (cached_digest is not None and cached_digest == out.digest):
        return out
    if doc is None:
        doc = parse(source.text, source.path, markup)
    out.records = {}
    for rule in corpus:
        try:
            out.records[rule.id] = list(rule.checker.extract(doc))
        except RegexTimeout as error:
            out.problems.append(Problem(doc.path, f"{error}; the rule was skipped for this file"))
    return out


# In a worker process: the rules, inherited from the parent when it forked.
_WORKER_RULES: tuple[list[Rule], list[Rule]] | None = None


def _work(task: tuple[str, bool, tuple[int, int] | None, str | None, bool]) -> FileOutcome:
    path, report, stat, cached_digest, keep_text = task
    assert _WORKER_RULES is not None
    try:
        source = read(path)
    except FileProblem as problem:
        return FileOutcome(path, report, stat, problems=[Problem(problem.path, problem.reason)], unread=True)
    return lint_source(*_WORKER_RULES, source, None, report, stat, cached_digest, keep_text)


def _worker_start() -> None:
    # Ctrl-C reaches the whole process group: the parent alone handles it (and stops us).
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def worker_count(jobs: int, files: int) -> int:
    """jobs = 0: one worker per available core, when there are enough files to pay for
    starting them; 1: this process only."""
    if jobs == 1 or files < 2:
        return 1
    if "fork" not in _start_methods():
        return 1  # workers inherit the compiled rules by forking; elsewhere, one process
    if jobs <= 0:
        try:
            cores = len(os.sched_getaffinity(0))
        except AttributeError:  # pragma: no cover - not Linux
            cores = os.cpu_count() or 1
        return max(1, min(cores, files // MIN_FILES_PER_WORKER))
    return max(1, min(jobs, files))


MIN_FILES_PER_WORKER = 16
PREFETCH_CHUNK = 500  # files stat'ed, and their cached rows read, at a time


def _start_methods() -> list[str]:
    import multiprocessing

    return multiprocessing.get_all_start_methods()


class Linter:
    """Lints documents, in this process or in worker processes, then compares what corpus
    rules extracted from them. Output never depends on the number of workers: outcomes
    are taken in the order of the files, and findings are sorted at the end."""

    def __init__(self, rules: list[Rule], cache: Any = None, results: Any = None, jobs: int = 1, keep_texts: bool = False) -> None:
        self.rules = rules
        self.cache = cache  # claimlint.cache.Cache or None: records of corpus rules by file
        self.results = results  # claimlint.cache.Cache or None: findings of local rules by file
        self.jobs = jobs
        self.keep_texts = keep_texts
        self.local = [r for r in rules if not is_corpus_rule(r)]
        self.corpus_rules = [r for r in rules if is_corpus_rule(r)]
        self._corpus_ids = {r.id for r in self.corpus_rules}
        self.names = {r.id: (r.id, r.ruleset, r.category) for r in rules}
        self.result = Result()
        self.records: dict[str, dict[str, list[Any]]] = {r.id: {} for r in self.corpus_rules}
        self.reported: set[str] = set()
        self.suppressions: dict[str, suppress.Suppressions] = {}
        self.texts: dict[str, str | None] = {}  # every reported path; its text when kept
        self.workers = 1
        self._strings: dict[str, str] = {}  # one copy of each message and match text
        forget_paths()  # a new run: links may have changed since the last one

    def add_source(
        self, source: Source, markup: str | None = None, report: bool = True, stat: tuple[int, int] | None = None
    ) -> None:
        """Lint text already read (stat: (size, mtime_ns) taken before it was read)."""
        cacheable = self._cacheable(source.path)
        cached_digest = self.cache.digest_of(source.path) if self.cache is not None and cacheable and self.corpus_rules else None
        outcome = lint_source(self.local, self.corpus_rules, source, markup, report, stat, cached_digest, True)
        self._absorb(outcome, cacheable)

    def add_path(self, path: str, report: bool = True) -> None:
        self.add_paths([path], report)

    def add_paths(self, paths: list[str], report: bool = True) -> None:
        """Lint files (report=False: only extract corpus records from them); files
        unchanged since the cache saw them are not even read."""
        tasks = []
        for start in range(0, len(paths), PREFETCH_CHUNK):
            chunk = [(path, stat_of(path)) for path in paths[start : start + PREFETCH_CHUNK]]
            known = [(path, stat) for path, stat in chunk if stat is not None]
            for cache in (self.cache if self.corpus_rules else None, self.results if report else None):
                if cache is not None:
                    cache.prefetch(known)
            for path, stat in chunk:
                if stat is not None and self._from_cache(path, report, stat):
                    continue
                for cache in (self.cache, self.results):
                    if cache is not None:
                        cache.drop_prefetched(path)
                cached_digest = self.cache.digest_of(path) if self.cache is not None and self.corpus_rules else None
                tasks.append((path, report, stat, cached_digest, self.keep_texts))
        for outcome in self._run(tasks):
            self._absorb(outcome, self._cacheable(outcome.path))

    def _run(self, tasks: list[tuple[str, bool, tuple[int, int] | None, str | None, bool]]) -> Iterable[FileOutcome]:
        global _WORKER_RULES
        _WORKER_RULES = (self.local, self.corpus_rules)
        count = worker_count(self.jobs, len(tasks))
        self.workers = max(self.workers, count)
        if count == 1:
            for task in tasks:
                yield _work(task)
            return
        import multiprocessing

        from claimlint.rulesets import build_checkers
        from claimlint.superset import compile_all

        build_checkers(self.local)  # once, here: the workers inherit the checkers
        compile_all()  # and the compiled patterns
        pool = multiprocessing.get_context("fork").Pool(count, initializer=_worker_start)
        try:
            chunk = max(1, min(8, len(tasks) // (count * 8)))
            yield from pool.imap(_work, tasks, chunksize=chunk)
            pool.close()
        finally:
            pool.terminate()
            pool.join()

    def _shared(self, findings: list[Finding]) -> list[Finding]:
        """The findings, holding one copy of each distinct message and match text: the same
        claim repeated across a large corpus gives the same strings thousands of times, and
        findings from workers or the cache arrive as separate copies."""
        table = self._strings
        for finding in findings:
            # Frozen dataclass: the swap keeps the value, only the object changes.
            object.__setattr__(finding, "message", table.setdefault(finding.message, finding.message))
            object.__setattr__(finding, "match", table.setdefault(finding.match, finding.match))
        return findings

    def _cacheable(self, path: str) -> bool:
        return os.path.isfile(path)

    def _from_cache(self, path: str, report: bool, stat: tuple[int, int]) -> bool:
        """Take an unchanged file's outcome from the caches, without reading it."""
        records = None
        if self.corpus_rules:
            if self.cache is None:
                return False
            records = self.cache.by_stat(path, *stat)  # only complete records are stored
            if records is None:
                return False
        saved = None
        if report:
            if self.results is None:
                return False
            saved = self.results.by_stat(path, *stat)
            if saved is None:
                return False
            try:
                rows, directives = saved["findings"], saved["suppressions"]  # lists (see Cache._decode)
                findings = [Finding.from_row(item) for item in rows] if rows else None
                sups = suppress.Suppressions.from_list(directives) if directives else None
            except (KeyError, TypeError, ValueError):
                return False
            # Most files of a repository in use have neither: nothing to keep for them.
            if findings:
                self.result.findings.extend(self._shared(findings))
            self.result.files += 1
            self.reported.add(path)
            if sups is not None:
                self.suppressions[path] = sups
            self.texts[path] = None
        if records is not None:
            self._keep_records(path, records)
        return True

    def _keep_records(self, path: str, records: dict[str, list[Any]]) -> None:
        """Keep a file's non-empty records for the comparisons (an empty list adds nothing
        to them, and the cache does not store one)."""
        kept = self.records
        for rule_id, items in records.items():
            if items and rule_id in kept:
                kept[rule_id][path] = items

    def _absorb(self, outcome: FileOutcome, cacheable: bool) -> None:
        self.result.problems.extend(outcome.problems)
        if outcome.unread:
            return
        path = outcome.path
        if outcome.report:
            self.result.files += 1
            self.result.findings.extend(self._shared(outcome.findings))
            self.reported.add(path)
            self.texts[path] = outcome.text
            if outcome.suppressions is not None:
                self.suppressions[path] = outcome.suppressions
        cacheable = cacheable and outcome.clean_read
        if self.corpus_rules:
            records = outcome.records
            if records is None and self.cache is not None:
                records = self.cache.by_hash(path, outcome.digest, outcome.stat)
            if records is None:
                # The cache forgot them between the lookup and now: extract here.
                source = Source(path, outcome.text) if outcome.text is not None else None
                if source is None:
                    try:
                        source = read(path)
                    except FileProblem as problem:
                        self.result.problems.append(Problem(problem.path, problem.reason))
                        return
                records = lint_source([], self.corpus_rules, source, outcome.markup, False).records or {}
            elif outcome.records is not None and cacheable and self.cache is not None and self._corpus_ids <= records.keys():
                # Complete: the rules hash names every corpus rule, so a rule missing from
                # a stored row means "nothing found", and empty lists are left out (a
                # clean article's row was 555 bytes of them, decoded in every warm run).
                self.cache.store(path, outcome.digest, {key: items for key, items in records.items() if items}, outcome.stat)
            self._keep_records(path, records)
        if outcome.report and cacheable and self.results is not None and all(not p.failed for p in outcome.problems):
            self.results.store(path, outcome.digest, {
                "findings": [finding.to_row() for finding in outcome.findings],
                "suppressions": outcome.suppressions.to_list() if outcome.suppressions is not None else [],
            }, outcome.stat)

    def finish(self) -> Result:
        for rule in self.corpus_rules:
            self.result.findings.extend(rule.checker.compare(rule, self.records[rule.id], self.reported))
        for cache in (self.cache, self.results):
            if cache is None:
                continue
            cache.flush()
            for notice in cache.notices:
                self.result.problems.append(Problem(str(cache.directory), notice, failed=False))
            cache.notices = []
            cache.close()
        kept = []
        for finding in self.result.findings:
            sup = self.suppressions.get(finding.path)
            if sup is not None and sup.suppressed(finding.line, self.names[finding.rule]):
                continue
            kept.append(finding)
        # Duplicates dropped in order, not through a set: the findings arrive file by file
        # in long sorted runs, which the sort then merges (three times faster on 79k findings).
        self.result.findings = sorted(dict.fromkeys(kept), key=Finding.sort_key)
        self.result.problems.sort(key=lambda p: (p.path, p.message))
        return self.result


def corpus_files(patterns: list[str], root: str) -> list[str]:
    import glob  # only a configuration with `corpus` globs needs it

    files: list[str] = []
    cwd = os.getcwd()
    prefix = cwd.rstrip(os.sep) + os.sep
    for pattern in patterns:
        full = pattern if os.path.isabs(pattern) else os.path.join(root, pattern)
        for found in sorted(glob.glob(full, recursive=True)):
            # os.path.relpath(found), without its two abspath calls for the usual case (a
            # normalised path below the working folder): a tenth of a pre-commit run.
            if found.startswith(prefix) and os.path.normpath(found) == found:
                relative = found[len(prefix) :]
            else:
                relative = os.path.relpath(found, cwd)
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


def open_results(settings: Any, rules: list[Rule]) -> Any:
    """The cache of each file's findings from the local rules (None: --no-cache)."""
    local = [r for r in rules if not is_corpus_rule(r)]
    if not local or not getattr(settings, "use_cache", True):
        return None
    from claimlint import __version__
    from claimlint.cache import RESULTS_DB, Cache, local_rules_hash

    return Cache(settings.cache_dir, local_rules_hash(local, __version__), RESULTS_DB)


def lint_files(
    rules: list[Rule],
    files: Iterable[str],
    corpus: Iterable[str] = (),
    problems: Iterable[FileProblem] = (),
    cache: Any = None,
    results: Any = None,
    jobs: int = 1,
) -> Result:
    linter = Linter(rules, cache, results, jobs)
    for problem in problems:
        linter.result.problems.append(Problem(problem.path, problem.reason))
    targets = list(files)
    wanted = {os.path.realpath(p) for p in targets}
    linter.add_paths(targets)
    linter.add_paths([p for p in corpus if os.path.realpath(p) not in wanted and os.path.isfile(p)], report=False)
    return linter.finish()


def lint_text(rules: list[Rule], text: str, path: str = "<text>", markup: str | None = None) -> Result:
    linter = Linter(rules)
    linter.add_source(Source(path, text), markup)
    return linter.finish()
