"""Settings: configuration files found upward from the working directory, then CLI options."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimlint.errors import RulesetError
from claimlint.findings import SEVERITIES
from claimlint.rules import PROFILES
from claimlint.rulesets import read_toml
from claimlint.schema import Field, Where, check_fields
from claimlint.tomlpos import scan

CONFIG_FIELDS: dict[str, Field] = {
    "rulesets": Field("str-list", default=[], doc="bundled names, files or folders; default: every bundled ruleset"),
    "select": Field("str-list", default=[], doc="only these rules, rulesets or categories"),
    "extend-select": Field("str-list", default=[], doc="add these (also rules that are off by default)"),
    "ignore": Field("str-list", default=[], doc="drop these rules, rulesets or categories"),
    "severity": Field("table", default={}, doc="{ selector = 'error'|'warning'|'info'|'off' }"),
    "fail-on": Field("choice", default="warning", choices=SEVERITIES),
    "profile": Field("choice", default="us", choices=PROFILES),
    "corpus": Field("str-list", default=[], doc="globs of every article to compare claims across"),
    "exclude": Field("str-list", default=[], doc="globs of paths never linted"),
    "extend-exclude": Field("str-list", default=[]),
    "regex-timeout": Field("number", default=1.0, doc="seconds one regex search may take"),
    "rule-options": Field("table", default={}, doc="{ rule-id = { option = value } }"),
    "cache-dir": Field("str", default=".claimlint_cache"),
}
DEFAULT_EXCLUDE = ["node_modules", "venv", ".venv", "__pycache__", "_build", "site-packages"]


@dataclass
class Settings:
    """The run's settings: the configuration file's, then the command line's on top."""

    rulesets: list[str] = field(default_factory=list)
    select: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "warning"
    profile: str = "us"
    corpus: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    regex_timeout: float = 1.0
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    cache_dir: Path = Path(".claimlint_cache")
    use_cache: bool = True
    root: Path = field(default_factory=Path.cwd)  # where the configuration file was found
    config_path: str | None = None


def find_config(start: Path) -> tuple[Path, tuple] | None:
    """The nearest .claimlint.toml, or pyproject.toml with [tool.claimlint], from start upward."""
    for folder in [start, *start.parents]:
        dotfile = folder / ".claimlint.toml"
        if dotfile.is_file():
            return dotfile, ()
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                if "[tool.claimlint" in pyproject.read_text(encoding="utf-8", errors="replace"):
                    return pyproject, ("tool", "claimlint")
            except OSError:
                continue
    return None


def load_settings(path: Path, base: tuple) -> Settings:
    data, text = read_toml(path)
    for key in base:
        data = data.get(key, {})
    if not isinstance(data, dict):
        raise RulesetError(str(path), "[tool.claimlint] must be a table")
    where = Where(str(path), scan(text), base)
    values = check_fields(data, CONFIG_FIELDS, where)
    for selector, level in values["severity"].items():
        if level not in (*SEVERITIES, "off"):
            raise where.error(("severity", selector), f"must be one of {', '.join(SEVERITIES)}, off; not {level!r}")
    for rule_id, options in values["rule-options"].items():
        if not isinstance(options, dict):
            raise where.error(("rule-options", rule_id), "must be a table of option = value")
    settings = Settings(
        rulesets=values["rulesets"],
        select=values["select"],
        extend_select=values["extend-select"],
        ignore=values["ignore"],
        severity=dict(values["severity"]),
        fail_on=values["fail-on"],
        profile=values["profile"],
        corpus=values["corpus"],
        exclude=(values["exclude"] or list(DEFAULT_EXCLUDE)) + values["extend-exclude"],
        regex_timeout=float(values["regex-timeout"]),
        rule_options=values["rule-options"],
        root=path.parent.resolve(),
        config_path=str(path),
    )
    settings.cache_dir = settings.root / values["cache-dir"]
    # Rulesets named by relative path are relative to the configuration file.
    settings.rulesets = [
        str(settings.root / spec) if ("/" in spec or spec.endswith(".toml")) and not Path(spec).is_absolute() else spec
        for spec in settings.rulesets
    ]
    return settings


def discover(config: str | None, no_config: bool, cwd: Path | None = None) -> Settings:
    if no_config:
        return Settings()
    if config is not None:
        path = Path(config)
        if not path.is_file():
            raise RulesetError(config, "configuration file not found")
        base: tuple = ("tool", "claimlint") if path.name == "pyproject.toml" else ()
        return load_settings(path, base)
    found = find_config((cwd or Path.cwd()).resolve())
    if found is None:
        return Settings()
    return load_settings(*found)
