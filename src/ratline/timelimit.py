"""A per-document time limit, so one pathological input cannot stall a batch.

Inputs are untrusted; a page built to trip a slow path (a megabyte with no line
break, markup nested a hundred thousand deep) must end as a skipped document
with a reason, not as an ingest that never finishes.  The limit is a real-time
timer (``SIGALRM``) that raises inside the running Python code; it exists only
in the main thread of a Unix process (elsewhere the work simply runs unbounded,
as before).  Work inside one long C call is interrupted when that call returns.
"""
from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager
from typing import Iterator

DEFAULT_SECONDS = 300.0
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


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``TimeLimitExceeded`` in the block once ``seconds`` have passed.

    Not re-entrant: an inner limit would replace an outer one (ratline never nests
    them)."""
    if not seconds or not _can_alarm():
        yield
        return

    def on_alarm(_signum, _frame):
        raise TimeLimitExceeded(f"took longer than the {seconds:g} s per-document time limit "
                                "(--time-limit / RATLINE_TIME_LIMIT)")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
