from __future__ import annotations

import io
import json

from claimlint.reporters import json as json_reporter
from claimlint.reporters import jsonl
from tests.goldens import sample


def test_one_object_per_finding_matching_the_json_format() -> None:
    result, ctx = sample()
    out = io.StringIO()
    jsonl.write(result, out, ctx)
    lines = out.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == json_reporter.document(result)["findings"]
