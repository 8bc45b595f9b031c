"""Regex timeouts without a clock read inside every search.

The regex module's own ``timeout`` argument reads the process's CPU clock when a search
starts and while it runs. That is a system call: on the benchmark machine it adds 3-5 µs
to every search, and a run makes some 700 searches per article, so about a tenth of a cold
run went to reading the clock.

While :func:`guard` is active (in the main thread of a process that can signal its threads),
a search only stores its deadline in ``WATCH.deadline``. A watchdog thread wakes every
``TICK`` seconds; when the stored deadline has passed, it sends ``SIGNAL`` to the main
thread, whose handler raises ``TimeoutError`` inside the search. The regex module releases
the GIL while it matches and checks for signals as it goes, so a runaway search is stopped
like the regex module's own timeout stops it (tests/test_watchdog.py runs one). Anywhere
else (another thread, a platform without ``pthread_kill``), ``WATCH.active`` is False and
searches pass their timeout to the regex module as before.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

SIGNAL = getattr(signal, "SIGUSR2", None)  # rarely used by anything else (SIGALRM is pytest-timeout's)
TICK = 0.05  # seconds between the watchdog's looks: a timeout fires up to this much late


class _Watch:
    __slots__ = ("active", "deadline")

    def __init__(self) -> None:
        self.active = False  # True while guard() is on in this process's main thread
        self.deadline: float | None = None  # time.monotonic() by which the search must end


WATCH = _Watch()
_lock = threading.Lock()  # held while the thread signals and while guard() restores the handler
_on = threading.Event()  # set while a guard is active: the thread sleeps on it otherwise
_thread_pid: int | None = None


_SUPPORTED = SIGNAL is not None and all(hasattr(signal, name) for name in ("pthread_kill", "pthread_sigmask", "sigpending", "sigwait"))


def available() -> bool:
    """Whether this thread can be stopped by the watchdog."""
    return (
        _SUPPORTED
        and threading.current_thread() is threading.main_thread()
        and SIGNAL not in signal.pthread_sigmask(signal.SIG_BLOCK, [])  # blocked: it would never arrive
    )


def _handler(signum: int, frame: Any) -> None:
    deadline = WATCH.deadline
    # The signal may arrive after that search ended (the thread looked just before):
    # only a search that is still past its deadline is stopped.
    if WATCH.active and deadline is not None and time.monotonic() >= deadline:
        WATCH.deadline = None
        raise TimeoutError("regex timed out")


def _watch(main: int) -> None:
    while True:
        _on.wait()
        time.sleep(TICK)
        with _lock:
            deadline = WATCH.deadline
            if WATCH.active and deadline is not None and time.monotonic() >= deadline:
                signal.pthread_kill(main, SIGNAL)  # type: ignore[arg-type]


def _start_thread() -> None:
    global _thread_pid
    if _thread_pid != os.getpid():  # none yet in this process (a forked worker has none)
        threading.Thread(target=_watch, args=(threading.main_thread().ident,), name="claimlint-watchdog", daemon=True).start()
        _thread_pid = os.getpid()


def _after_fork() -> None:
    # The parent's thread does not exist here, and it may have held the lock at the fork.
    global _lock, _on
    _lock = threading.Lock()
    _on = threading.Event()
    WATCH.active = False
    WATCH.deadline = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork)


@contextmanager
def guard() -> Iterator[None]:
    """Searches made inside are stopped by the watchdog instead of the regex module's
    clock; nested or unavailable: nothing changes."""
    if WATCH.active or not available():
        yield
        return
    previous = signal.signal(SIGNAL, _handler)  # type: ignore[arg-type]
    if previous is None:  # a handler set outside Python: it cannot be put back from here
        previous = signal.SIG_DFL
    _start_thread()
    WATCH.deadline = None
    WATCH.active = True
    _on.set()
    try:
        yield
    finally:
        WATCH.active = False
        WATCH.deadline = None
        _on.clear()
        with _lock:  # the thread is not between its look and its signal
            _restore(previous)


def _restore(previous: Any) -> None:
    # A signal the thread sent may not have arrived yet, and SIGUSR2's default action ends
    # the process: block it, take it if it is pending, and only then restore the handler.
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, [SIGNAL])  # type: ignore[list-item]
    try:
        if SIGNAL in signal.sigpending():
            signal.sigwait([SIGNAL])  # type: ignore[list-item]
        signal.signal(SIGNAL, previous)  # type: ignore[arg-type]
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
