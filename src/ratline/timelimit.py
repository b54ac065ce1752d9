"""A per-document time limit, so one pathological input cannot stall a batch.

Inputs are untrusted; a page built to trip a slow path (a megabyte with no line
break, markup nested a hundred thousand deep) must end as a skipped document
with a reason, not as an ingest that never finishes.  The limit is a real-time
timer (``SIGALRM``) that raises inside the running Python code in the main
thread of a Unix process.  In any other thread (a Dask worker runs its tasks in
a thread pool) a timer thread raises the same exception asynchronously in the
working thread (CPython's ``PyThreadState_SetAsyncExc``), so a document skipped
for time serially is skipped for time on a worker too.  Either way, work inside
one long C call is interrupted when that call returns.
"""
from __future__ import annotations

import ctypes
import os
import signal
import threading
from contextlib import contextmanager
from typing import Iterator

DEFAULT_SECONDS = 300.0
REPEAT = 0.1        # past the limit, raise again this often until the work stops
_chosen: list[float | None] = []      # set by ``choose`` (the CLI's --time-limit)


class TimeLimitExceeded(Exception):
    """The document took longer than the limit; the message says how long that was."""


def choose(seconds: float | None) -> None:
    """This process's limit from now on (None or 0: no limit)."""
    _chosen[:] = [seconds if seconds and seconds > 0 else None]


def default_seconds() -> float | None:
    """The chosen limit, else ``$RATLINE_TIME_LIMIT`` in seconds (0 or 'none': no
    limit), else 300 s."""
    if _chosen:
        return _chosen[0]
    raw = os.environ.get("RATLINE_TIME_LIMIT", "").strip().lower()
    if not raw:
        return DEFAULT_SECONDS
    if raw in ("0", "none", "off"):
        return None
    try:
        value = float(raw)
    except ValueError:
        return DEFAULT_SECONDS
    return value if value > 0 else None


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _message(seconds: float) -> str:
    return (f"took longer than the {seconds:g} s per-document time limit "
            "(--time-limit / RATLINE_TIME_LIMIT)")


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``TimeLimitExceeded`` in the block once ``seconds`` have passed.

    Not re-entrant: an inner limit would replace an outer one (ratline never nests
    them)."""
    if not seconds:
        yield
        return
    if not _can_alarm():
        with _thread_limit(seconds):
            yield
        return

    def on_alarm(_signum, _frame):
        raise TimeLimitExceeded(_message(seconds))

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT)     # again, should one raise be dropped
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class _ThreadTimeLimitExceeded(TimeLimitExceeded):
    """Raised asynchronously (no arguments can be passed that way): carries the
    message of the limit in force, set by ``_thread_limit`` before it is raised."""

    message = ""

    def __init__(self, *args) -> None:
        super().__init__(*(args or (self.message,)))


@contextmanager
def _thread_limit(seconds: float) -> Iterator[None]:
    """The limit for a thread that is not the main one: a watcher raises in it.

    It raises again every ``REPEAT`` seconds until the block ends, because a raise
    that lands in a garbage-collector callback is printed and dropped by Python
    (Dask's worker installs one).  A lock orders the watcher against the end of the
    block, and an exception set but not yet delivered when the block ends is
    withdrawn, so it never escapes later."""
    target = ctypes.c_ulong(threading.get_ident())
    lock, stop, state = threading.Lock(), threading.Event(), {"done": False, "fired": False}
    exc = type("TimeLimitExceeded", (_ThreadTimeLimitExceeded,), {"message": _message(seconds)})

    def watch() -> None:
        wait = seconds
        while not stop.wait(wait):
            with lock:
                if state["done"]:
                    return
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, ctypes.py_object(exc))
            wait = REPEAT

    threading.Thread(target=watch, daemon=True, name="ratline-time-limit").start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
            stop.set()
            if state["fired"]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, None)
