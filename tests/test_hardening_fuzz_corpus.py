"""The fuzzer's kept inputs, replayed with the fuzzer's own checks (see fuzz/README.md).

fuzz/corpus/ holds the raw libFuzzer inputs (to start the next fuzzing run from);
fuzz/cases.json holds the same inputs decoded into scenarios, so that this replay needs
neither atheris nor libFuzzer.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from dataclasses import asdict
from pathlib import Path
from types import ModuleType

import pytest

FUZZ = Path(__file__).resolve().parent.parent / "fuzz"


def fuzz_cli() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_cli", FUZZ / "fuzz_cli.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("fuzz_cli", module)
    spec.loader.exec_module(module)
    return module


FUZZ_CLI = fuzz_cli()
CASES = FUZZ_CLI.load_cases(FUZZ / "cases.json")


def test_the_corpus_is_kept_small() -> None:
    inputs = list((FUZZ / "corpus").iterdir())
    assert 50 <= len(inputs) == len(CASES)
    assert sum(p.stat().st_size for p in inputs) < 256 * 1024


@pytest.mark.parametrize("index", range(len(CASES)))
def test_replay(index: int) -> None:
    FUZZ_CLI.execute(CASES[index])


def test_cases_are_the_corpus_decoded() -> None:
    atheris = pytest.importorskip("atheris")
    decoded = [
        asdict(FUZZ_CLI.scenario_from(atheris.FuzzedDataProvider(path.read_bytes())))
        for path in sorted((FUZZ / "corpus").iterdir())
    ]
    assert json.loads(json.dumps(decoded)) == json.loads((FUZZ / "cases.json").read_text(encoding="utf-8"))
