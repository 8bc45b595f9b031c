"""What every kind's compile() receives, and what its checker yields."""
from __future__ import annotations

from dataclasses import dataclass

from claimlint.matching import Hit  # noqa: F401  (re-exported for kinds)
from claimlint.patterns import Terms
from claimlint.schema import Where


@dataclass
class CompileContext:
    """What a kind needs to compile a rule: the terms, where the rule is written, the regex timeout."""

    terms: Terms
    where: Where
    timeout: float
