"""Typed fields of rule tables, and the one place their values are checked."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any, Callable

from claimlint.errors import RulesetError
from claimlint.tomlpos import TomlMap


@dataclass(frozen=True)
class Field:
    """One key of a TOML table: its type, whether it is required, its default."""

    type: str  # str | bool | int | number | date | str-list | table | table-list | choice
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    doc: str = ""


@dataclass
class Where:
    """Enough context to name the file, line, rule and key of a bad value."""

    path: str
    positions: TomlMap
    base: tuple  # the TOML path of the table being checked, e.g. ("rule", 3)
    rule: str | None = None
    shown_from: int | None = None  # keys are named from this depth of base (default: base's own)

    def sub(self, *keys: object) -> "Where":
        start = len(self.base) if self.shown_from is None else self.shown_from
        return Where(self.path, self.positions, self.base + tuple(keys), self.rule, start)

    def error(self, key: str | tuple, message: str) -> RulesetError:
        keys = (key,) if isinstance(key, str) else tuple(key)
        line = self.positions.line_for(self.base + keys)
        start = len(self.base) if self.shown_from is None else self.shown_from
        keys = (self.base + keys)[start:]
        shown = keys[0] if keys else None
        for part in keys[1:]:
            shown = f"{shown}[{part}]" if isinstance(part, int) else f"{shown}.{part}"
        return RulesetError(self.path, message, line=line, rule=self.rule, key=shown)


_CHECKS: dict[str, tuple[str, Callable[[Any], bool]]] = {
    "str": ("a string", lambda v: isinstance(v, str)),
    "bool": ("true or false", lambda v: isinstance(v, bool)),
    "int": ("a whole number", lambda v: isinstance(v, int) and not isinstance(v, bool)),
    "number": ("a number", lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)),
    "date": ("a date (YYYY-MM-DD, unquoted)", lambda v: isinstance(v, _dt.date)),
    "table": ("a table", lambda v: isinstance(v, dict)),
    "table-list": ("an array of tables", lambda v: isinstance(v, list) and all(isinstance(x, dict) for x in v)),
    "choice": ("one of the listed values", lambda v: isinstance(v, str)),
}


def check_fields(table: dict[str, Any], fields: dict[str, Field], where: Where) -> dict[str, Any]:
    """Validate table against fields: unknown keys, missing keys and types are errors."""
    for key in table:
        if key not in fields:
            known = ", ".join(sorted(fields))
            raise where.error(key, f"unknown key (known keys: {known})")
    values: dict[str, Any] = {}
    for key, spec in fields.items():
        if key not in table:
            if spec.required:
                raise where.error((), f"missing required key {key!r}")
            values[key] = list(spec.default) if isinstance(spec.default, (list, tuple)) else spec.default
            continue
        values[key] = check_value(table[key], spec, where, key)
    return values


def check_value(value: Any, spec: Field, where: Where, key: str) -> Any:
    if spec.type == "str-list":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise where.error(key, f"must be a list of strings, not {type(value).__name__}")
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                raise where.error((key, index), "must be a non-empty string")
        return value
    description, ok = _CHECKS[spec.type]
    if not ok(value):
        raise where.error(key, f"must be {description}, not {type(value).__name__} {value!r}")
    if spec.type == "str" and spec.required and not value.strip():
        raise where.error(key, "must not be empty")
    if spec.type == "choice" and value not in spec.choices:
        raise where.error(key, f"must be one of {', '.join(spec.choices)}, not {value!r}")
    return value
