"""JSON Lines: one finding per line, the same object as in the `json` format's findings list."""
from __future__ import annotations

import json
from typing import IO

from claimlint.engine import Result
from claimlint.reporters import Context


def write(result: Result, out: IO[str], ctx: Context) -> None:
    for finding in result.findings:
        out.write(json.dumps(finding.to_dict(), ensure_ascii=False, sort_keys=False) + "\n")
