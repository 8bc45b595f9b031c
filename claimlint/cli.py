"""The command line: options become Settings, a function does the work and returns the exit code."""
from __future__ import annotations

import io
import os
import signal
import sys
import threading
from dataclasses import replace
from typing import Any

import click

from claimlint import __version__
from claimlint.config import Settings, discover
from claimlint.errors import ClaimlintError, FileProblem
from claimlint.findings import SEVERITIES, at_or_above
from claimlint.rules import COMMON_FIELDS, PROFILES, Rule

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED, EXIT_TERMINATED = 128 + signal.SIGINT, 128 + signal.SIGTERM  # 130, 143: the shell's convention
# The reporters' names, kept here so that `--help` does not import the engine (a test
# checks them against reporters.FORMATS).
FORMAT_NAMES = ("auto", "text", "concise", "json", "jsonl", "github", "sarif", "rdjson", "junit", "html")


def _split(values: tuple[str, ...]) -> list[str]:
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def load_rules(settings: Settings, *, every: bool = False) -> list[Rule]:
    """The active rules for these settings (every=True: all loaded rules, for explain/test-rules)."""
    from claimlint import rulesets
    from claimlint.selection import select_rules

    loaded = rulesets.load(settings.rulesets, settings.regex_timeout, settings.rule_options)
    all_rules = {rule.id: rule for ruleset in loaded for rule in ruleset.rules}
    for rule_id, options in settings.rule_options.items():
        if rule_id not in all_rules:
            raise ClaimlintError(f"{settings.config_path}: rule-options: unknown rule {rule_id!r}")
        common = sorted(set(options) & set(COMMON_FIELDS))
        if common:
            raise ClaimlintError(
                f"{settings.config_path}: rule-options.{rule_id}: {', '.join(common)} cannot be changed here"
                " (use severity, select or ignore)"
            )
    if every:
        return list(all_rules.values())
    return select_rules(
        loaded,
        select=settings.select,
        extend_select=settings.extend_select,
        ignore=settings.ignore,
        severity=settings.severity,
        profile=settings.profile,
    )


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised wherever the run is, so that it unwinds like Ctrl-C: temporary
    files are removed, an open cache transaction is rolled back."""


def _terminate(signum: int, frame: Any) -> None:
    raise Terminated()


class DefaultGroup(click.Group):
    """`claimlint FILES` means `claimlint check FILES`, as with ruff's old default."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        previous = None
        if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
            previous = signal.signal(signal.SIGTERM, _terminate)
        try:
            return super().main(*args, **kwargs)
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)

    def invoke(self, ctx: click.Context) -> Any:
        # Ctrl-C or SIGTERM: one line, no traceback, and an exit code that says which
        # (click's own handling would print "Aborted!" and exit 1, the findings code).
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as interrupt:
            click.echo("claimlint: interrupted", err=True)
            ctx.exit(EXIT_TERMINATED if isinstance(interrupt, Terminated) else EXIT_INTERRUPTED)


def _settings(ctx_obj: dict[str, Any], **cli: Any) -> Settings:
    settings = discover(cli.pop("config"), cli.pop("no_config"))
    if cli.get("ruleset"):
        settings.rulesets = list(cli["ruleset"])
    if cli.get("select"):
        settings.select = _split(cli["select"])
    if cli.get("extend_select"):
        settings.extend_select += _split(cli["extend_select"])
    if cli.get("ignore"):
        settings.ignore += _split(cli["ignore"])
    for item in cli.get("severity") or ():
        selector, _, level = item.partition("=")
        if level not in (*SEVERITIES, "off"):
            raise click.BadParameter(f"{item!r}: use SELECTOR=error|warning|info|off", param_hint="--severity")
        settings.severity[selector.strip()] = level
    if cli.get("fail_on"):
        settings.fail_on = cli["fail_on"]
    if cli.get("profile"):
        settings.profile = cli["profile"]
    if cli.get("no_cache"):
        settings.use_cache = False
    if cli.get("cache_dir"):
        from pathlib import Path

        settings.cache_dir = Path(cli["cache_dir"])
    return settings


def common_options(func: Any) -> Any:
    options = [
        click.option("--config", type=click.Path(dir_okay=False), help="Configuration file (.claimlint.toml or pyproject.toml)."),
        click.option("--no-config", is_flag=True, help="Ignore configuration files."),
        click.option("--ruleset", multiple=True, metavar="NAME|PATH", help="Bundled ruleset name, TOML file or folder (repeatable)."),
        click.option("--select", multiple=True, metavar="SELECTORS", help="Only these rule ids, ruleset ids or categories."),
        click.option("--extend-select", multiple=True, metavar="SELECTORS", help="Also these (including rules off by default)."),
        click.option("--ignore", multiple=True, metavar="SELECTORS", help="Not these rule ids, ruleset ids or categories."),
        click.option("--severity", multiple=True, metavar="SELECTOR=LEVEL", help="Override severity: error, warning, info or off."),
        click.option("--profile", type=click.Choice(PROFILES), help="Jurisdiction: us (default), eu or uk."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def cache_options(func: Any) -> Any:
    """The corpus cache (facts and claims extracted per file): see `claimlint.cache`."""
    func = click.option("--cache-dir", type=click.Path(file_okay=False), metavar="DIR",
                        help="Where the corpus cache lives (default: .claimlint_cache beside the configuration).")(func)
    return click.option("--no-cache", is_flag=True, help="Neither read nor write the corpus cache.")(func)


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimlint")
def main() -> None:
    """Lint health and supplement copy for overstatement, disease claims, misattributed
    evidence, over-limit doses, hidden promotion and claims that disagree across articles.

    `claimlint PATHS` is short for `claimlint check PATHS`.
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@common_options
@cache_options
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), default="auto", show_default=True,
              help="auto: github when GITHUB_ACTIONS=true, text otherwise.")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False), help="Write the report to this file, not standard output.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Report only findings not recorded in FILE (see `claimlint baseline`).")
@click.option("--fix", is_flag=True, help="Apply the replacements rules mark as safe, then report what is left.")
@click.option("--diff", "show_diff", is_flag=True, help="Print what --fix would change as a unified diff; write nothing.")
@click.option("--report-unused-suppressions", is_flag=True, help="Report claimlint-disable directives that suppress nothing (info).")
@click.option("--fail-on", type=click.Choice(SEVERITIES), help="Lowest severity that fails the run (default: warning).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (errors still exit 2).")
@click.option("--stdin-filename", metavar="PATH", help="Path to report (and markup to assume) for text read from '-'.")
@click.option("--quiet", "-q", is_flag=True, help="No summary line.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes (0: one per core when there are enough files; 1: none).")
def check(paths: tuple[str, ...], fmt: str, exit_zero: bool, stdin_filename: str | None, quiet: bool, **options: Any) -> None:
    """Lint article files and folders (- reads standard input)."""
    sys.exit(_guard(lambda: run_check(list(paths), fmt, exit_zero, stdin_filename, quiet, options)))


def _guard(action: Any) -> int:
    try:
        return int(action())
    except ClaimlintError as error:
        click.echo(f"claimlint: error: {error}", err=True)
        return EXIT_ERROR


def run_check(paths: list[str], fmt: str, exit_zero: bool, stdin_filename: str | None, quiet: bool, options: dict[str, Any]) -> int:
    from claimlint import engine, sources
    from claimlint.reporters import Context, reporter, summary, visible

    settings = _settings({}, **options)
    rules = load_rules(settings)
    keep = bool(options.get("fix") or options.get("show_diff"))
    linter = engine.Linter(rules, engine.open_cache(settings, rules), engine.open_results(settings, rules),
                           jobs=options.get("jobs") or 0, keep_texts=keep)
    if not paths:
        paths = ["."]
    file_paths = [p for p in paths if p != "-"]
    files, problems = sources.discover(file_paths, settings.exclude)
    for problem in problems:
        linter.result.problems.append(engine.Problem(problem.path, problem.reason))
    if "-" in paths:
        name = stdin_filename or "<stdin>"
        try:
            source = sources.read_stdin(sys.stdin.buffer, name)
        except FileProblem as problem:
            linter.result.problems.append(engine.Problem(name, problem.reason))
        else:
            linter.add_source(source, None if stdin_filename else "text")
    linter.add_paths(files)
    from claimlint.paths import path_key, regular_file

    wanted = {path_key(path) for path in files}
    linter.add_paths([path for path in engine.corpus_files(settings.corpus, str(settings.root))
                      if regular_file(path) and path_key(path) not in wanted], report=False)
    texts = engine.Texts(linter.texts)
    result = linter.finish()
    from claimlint import adopt  # unused suppressions, baseline, --fix and --diff

    outcome = adopt.after_lint(result, linter, texts, rules, options, settings.fail_on, (stdin_filename or "<stdin>") if "-" in paths else None)
    if outcome.relint:
        return run_check(paths, fmt, exit_zero, stdin_filename, quiet, {**options, "fix": False})
    rules = outcome.rules

    for problem in result.problems:
        label = "error" if problem.failed else "notice"
        line = f"claimlint: {label}: {problem.path}: {problem.message}"
        click.echo(visible(line) if sys.stderr.isatty() else line, err=True)
    if outcome.exit_code is not None:  # baseline written, diff shown or standard input fixed
        return EXIT_ERROR if any(p.failed for p in result.problems) else outcome.exit_code
    output_file = options.get("output_file")
    buffer = io.StringIO()  # a report file is written whole, atomically, at the end
    stdout = buffer if output_file else sys.stdout
    terminal = stdout.isatty()
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    color = terminal and not os.environ.get("NO_COLOR")  # no-color.org: set and not empty
    ctx = Context(rules={r.id: r for r in rules}, color=color, terminal=terminal, sources=texts)
    reporter(fmt).write(result, stdout, ctx)
    if output_file:
        from claimlint.fixes import write_atomic

        write_atomic(output_file, buffer.getvalue().encode("utf-8"))
    if not quiet and fmt in ("text", "concise"):
        click.echo(summary(result), err=True)

    if any(p.failed for p in result.problems):
        return EXIT_ERROR
    failing = [f for f in result.findings if at_or_above(f.severity, settings.fail_on)]
    return EXIT_FINDINGS if failing and not exit_zero else EXIT_CLEAN


@main.command("baseline")
@click.argument("paths", nargs=-1, type=click.Path())
@common_options
@cache_options
@click.option("--output-file", "-o", "baseline_out", type=click.Path(dir_okay=False), default=".claimlint-baseline.json",
              show_default=True, help="The baseline file to write.")
def baseline_command(paths: tuple[str, ...], baseline_out: str, **options: Any) -> None:
    """Record today's findings so that `check --baseline FILE` fails only on new ones."""
    options["write_baseline"] = baseline_out
    sys.exit(_guard(lambda: run_check(list(paths), "concise", True, None, True, options)))


@main.command("report")
@click.argument("paths", nargs=-1, type=click.Path())
@common_options
@cache_options
@click.option("--output-file", "-o", type=click.Path(dir_okay=False), default="claimlint-report.html", show_default=True)
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), metavar="FILE", help="Leave out findings recorded in FILE.")
def report_command(paths: tuple[str, ...], **options: Any) -> None:
    """Write the review report for editors: one HTML page with every article, its flagged
    passages highlighted and explained. Same as `check --format html -o FILE --exit-zero`."""

    def action() -> int:
        code = run_check(list(paths), "html", True, None, True, options)
        if code != EXIT_ERROR:
            click.echo(f"claimlint: wrote {options['output_file']}", err=True)
        return code

    sys.exit(_guard(action))


@main.command("rules")
@common_options
@click.option("--all", "show_all", is_flag=True, help="Every loaded rule, active or not.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_command(show_all: bool, fmt: str, **options: Any) -> None:
    """List the active rules: id, category, severity and summary."""

    def action() -> int:
        import json

        rules = load_rules(_settings({}, **options), every=show_all)
        if fmt == "json":
            rows = [
                {"id": r.id, "ruleset": r.ruleset, "kind": r.kind, "category": r.category, "severity": r.severity,
                 "default": r.default, "profiles": r.profiles, "summary": r.summary}
                for r in rules
            ]
            click.echo(json.dumps(rows, indent=2))
            return EXIT_CLEAN
        width = max((len(r.id) for r in rules), default=10)
        for r in rules:
            click.echo(f"{r.id:<{width}}  {r.category:<24} {r.severity:<8} {r.summary}")
        click.echo(f"{len(rules)} rules", err=True)
        return EXIT_CLEAN

    sys.exit(_guard(action))


@main.command()
@click.argument("rule_id")
@click.option("--config", type=click.Path(dir_okay=False), help="Configuration file.")
@click.option("--no-config", is_flag=True)
@click.option("--ruleset", multiple=True, metavar="NAME|PATH")
def explain(rule_id: str, **options: Any) -> None:
    """Explain a rule: what it flags, why, an example, what to write instead, references."""

    def action() -> int:
        from claimlint.explain import explain as render

        rules = {r.id: r for r in load_rules(_settings({}, **options), every=True)}
        if rule_id not in rules:
            raise ClaimlintError(f"unknown rule {rule_id!r} (see `claimlint rules --all`)")
        click.echo(render(rules[rule_id]), nl=False)
        return EXIT_CLEAN

    sys.exit(_guard(action))


@main.command("test-rules")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
def test_rules(paths: tuple[str, ...]) -> None:
    """Run every rule's examples: bad ones must fire the rule, good ones must not."""

    def action() -> int:
        from claimlint.testrules import run_examples

        settings = replace(Settings(), rulesets=list(paths))
        rules = load_rules(settings, every=True)
        count, failures = run_examples(rules)
        for failure in failures:
            click.echo(str(failure))
        click.echo(f"{len(rules)} rules, {count} examples, {len(failures)} failed")
        return EXIT_FINDINGS if failures else EXIT_CLEAN

    sys.exit(_guard(action))


@main.command("claims")
@click.argument("paths", nargs=-1, type=click.Path())
@common_options
@cache_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def claims_command(paths: tuple[str, ...], fmt: str, **options: Any) -> None:
    """List every fact and claim the corpus rules extract, with its value or polarity and
    location, grouped by fact (default paths: the configured corpus, else the current folder)."""

    def action() -> int:
        from claimlint import engine, inventory, sources

        settings = _settings({}, **options)
        rules = [r for r in load_rules(settings) if engine.is_corpus_rule(r)]
        if paths:
            files, problems = sources.discover(list(paths), settings.exclude)
        elif settings.corpus:
            files, problems = engine.corpus_files(settings.corpus, str(settings.root)), []
        else:
            files, problems = sources.discover(["."], settings.exclude)
        found = inventory.collect(
            rules, files, engine.open_cache(settings, rules), [engine.Problem(p.path, p.reason) for p in problems]
        )
        for problem in found.problems:
            click.echo(f"claimlint: {'error' if problem.failed else 'notice'}: {problem.path}: {problem.message}", err=True)
        out = sys.stdout
        if fmt == "json":
            inventory.write_json(found, out)
        else:
            inventory.write_text(found, out)
        return EXIT_ERROR if any(p.failed for p in found.problems) else EXIT_CLEAN

    sys.exit(_guard(action))


def entry() -> None:
    """The `claimlint` command (and `python -m claimlint`): main(), then a quick exit.

    When a run is over, the interpreter's own teardown frees every module, rule, pattern
    and cached row one by one: about 45 ms, a tenth of a warm re-run. Here the output is
    flushed and the exit handlers run (so nothing registered with atexit is lost), then
    the process ends without the teardown. Tests call main() itself and are unaffected.
    """
    import atexit

    try:
        main()
        code: Any = 0
    except SystemExit as stop:
        code = stop.code
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)  # what SystemExit("message") prints
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            code = code or 120  # Python's own exit status when the final flush fails
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_exit_handlers is None:  # pragma: no cover - not CPython: the usual exit
        sys.exit(code)
    run_exit_handlers()
    os._exit(code)
