"""The watchdog that stops runaway regex searches in place of the regex module's clock."""
from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
import regex

from claimlint import watchdog
from claimlint.engine import Linter
from claimlint.matching import RegexTimeout, find_all, search
from claimlint.rulesets import load

pytestmark = pytest.mark.skipif(not watchdog.available(), reason="no thread signals on this platform")

# The regex module backtracks through every way of splitting the a's (2^n) before failing;
# RE2 cannot rule it out (its translation drops the lookahead), so the regex module runs.
RUNAWAY = regex.compile(r"(?:a|aa)+(?=c)")
TEXT = "a" * 60 + "b"


def test_a_guarded_runaway_search_is_stopped_near_its_timeout() -> None:
    with watchdog.guard():
        assert watchdog.WATCH.active
        start = time.monotonic()
        with pytest.raises(RegexTimeout, match="rule 'slow': a regex ran longer than 0.2s"):
            search(RUNAWAY, TEXT, 0, len(TEXT), "slow", 0.2)
        took = time.monotonic() - start
        assert watchdog.WATCH.deadline is None
        # The guard stays usable: a quick search after the stopped one is not disturbed.
        assert search(regex.compile("b"), TEXT, 0, len(TEXT), "quick", 0.2).start() == 60
    assert 0.2 <= took < 0.2 + 10 * watchdog.TICK + 1.0
    assert not watchdog.WATCH.active


def test_find_all_gives_each_match_its_own_deadline() -> None:
    text = ("a" * 20 + "c ") * 3 + TEXT
    with watchdog.guard(), pytest.raises(RegexTimeout):
        find_all(RUNAWAY, text, 0, len(text), "slow", 0.2)
    with watchdog.guard():
        assert [m.span() for m in find_all(RUNAWAY, text, 0, 66, "slow", 0.2)] == [(0, 20), (22, 42), (44, 64)]


def test_the_guard_puts_the_previous_handler_back_and_does_not_nest() -> None:
    def mine(signum: int, frame: object) -> None:
        pass

    before = signal.signal(watchdog.SIGNAL, mine)
    try:
        with watchdog.guard():
            assert signal.getsignal(watchdog.SIGNAL) is watchdog._handler
            with watchdog.guard():
                assert watchdog.WATCH.active
            assert watchdog.WATCH.active  # the inner guard did not end the outer one
        assert signal.getsignal(watchdog.SIGNAL) is mine
    finally:
        signal.signal(watchdog.SIGNAL, before)


def test_a_signal_still_on_its_way_when_the_guard_ends_does_not_end_the_process() -> None:
    # SIGUSR2's default action ends the process. The signal is held back (blocked) until the
    # guard has ended and the default is back, as if the watchdog had sent it just then.
    code = textwrap.dedent(
        """
        import signal, threading
        from claimlint import watchdog

        with watchdog.guard():
            assert watchdog.WATCH.active
            signal.pthread_sigmask(signal.SIG_BLOCK, [watchdog.SIGNAL])
            signal.pthread_kill(threading.main_thread().ident, watchdog.SIGNAL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [watchdog.SIGNAL])
        print("still here", signal.getsignal(watchdog.SIGNAL) == signal.SIG_DFL)
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert (done.returncode, done.stdout.strip()) == (0, "still here True"), done.stderr


def test_a_signal_blocked_by_the_caller_leaves_timeouts_to_the_regex_module() -> None:
    signal.pthread_sigmask(signal.SIG_BLOCK, [watchdog.SIGNAL])
    try:
        with watchdog.guard():
            assert not watchdog.WATCH.active
            with pytest.raises(RegexTimeout):
                search(RUNAWAY, TEXT, 0, len(TEXT), "slow", 0.2)
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [watchdog.SIGNAL])


def test_outside_the_main_thread_the_regex_module_keeps_the_time() -> None:
    seen: list[object] = []

    def lint() -> None:
        with watchdog.guard():
            seen.append(watchdog.WATCH.active)
            try:
                search(RUNAWAY, TEXT, 0, len(TEXT), "slow", 0.2)
            except RegexTimeout as error:
                seen.append(str(error))

    worker = threading.Thread(target=lint)
    worker.start()
    worker.join(60)
    assert seen == [False, "rule 'slow': a regex ran longer than 0.2s and was stopped"]


BASIC = Path(__file__).parent / "fixtures" / "basic.toml"


@pytest.mark.parametrize("jobs", [1, 2])
def test_worker_processes_stop_runaway_searches_too(tmp_path: Path, jobs: int) -> None:
    ruleset = tmp_path / "slow.toml"
    # A lookahead RE2 drops, so that the regex module has to run (as in test_cli).
    rules_text = BASIC.read_text(encoding="utf-8").replace('phrases = ["miracle", "wonder pill"]', 'patterns = ["(a|aa)+(?=c)"]')
    ruleset.write_text(rules_text, encoding="utf-8")
    rules = [rule for loaded in load([str(ruleset)], timeout=0.2) for rule in loaded.rules]
    paths = []
    for i in range(40):  # enough files for two workers
        path = tmp_path / f"a{i:02}.txt"
        path.write_text(("a" * 60 + "b.\n\n" if i % 10 == 3 else "") + "Zinc cures colds.\n", encoding="utf-8")
        paths.append(str(path))
    linter = Linter(rules, jobs=jobs)
    linter.add_paths(paths)
    assert linter.workers == jobs
    stopped = sorted(p.path for p in linter.result.problems)
    assert stopped == [paths[3], paths[13], paths[23], paths[33]]
    assert all("rule 'miracle-word': a regex ran longer than 0.2s" in p.message for p in linter.result.problems)
    assert sum(f.rule == "cures-cold" for f in linter.result.findings) == 40
