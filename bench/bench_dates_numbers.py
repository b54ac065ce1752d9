"""Micro-benchmark: sentences per second for find_dates + find_quantities.

The whole pipeline must reach 2,000 sentences/s per core, so these two
per-sentence scanners need to be an order of magnitude faster than that.
Runs over the body sentences of the sample articles (bodies cut before the
author bio / comments) and prints sentences/s for each scanner and both.

    .venv/bin/python bench/bench_dates_numbers.py [--seconds 3] [--runs 5]
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import statistics
import time
from pathlib import Path

from ratline.mentions.numbers import find_quantities
from ratline.timeparse.dates import find_dates

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "seeds"
_SENT = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"‘(])|\n+")
_BODY_END = re.compile(r"^(?:Bill Roggio is|\d+ Comments)", re.MULTILINE)
BASE = dt.date(2008, 11, 18)


def sample_sentences() -> list[str]:
    """Body sentences of the sample articles (headline dropped, tail cut)."""
    out: list[str] = []
    for f in sorted(SEEDS.glob("*.txt")):
        body = f.read_text(encoding="utf-8").split("\n", 1)[-1]
        m = _BODY_END.search(body)
        body = body[: m.start()] if m else body
        out += [s for s in _SENT.split(body) if s.strip()]
    return out


def rate(fn, sentences: list[str], seconds: float) -> float:
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        for s in sentences:
            fn(s)
        n += len(sentences)
    return n / (time.perf_counter() - t0)


def rates(fn, sentences: list[str], seconds: float, runs: int) -> tuple[float, float]:
    """(best, median) over several runs: shared machines make single runs noisy."""
    got = sorted(rate(fn, sentences, seconds / runs) for _ in range(runs))
    return got[-1], statistics.median(got)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=3.0, help="time per scanner, split over runs")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    sentences = sample_sentences()
    if not sentences:
        raise SystemExit(f"no sample sentences under {SEEDS}")
    both = lambda s: (find_dates(s, BASE), find_quantities(s))  # noqa: E731
    print(f"{len(sentences)} sample sentences, {sum(map(len, sentences)) / len(sentences):.0f} chars on average")
    for name, fn in (("find_dates", lambda s: find_dates(s, BASE)),
                     ("find_quantities", find_quantities),
                     ("find_dates+find_quantities", both)):
        best, med = rates(fn, sentences, args.seconds, args.runs)
        print(f"{name:28s} {best:>10,.0f} sentences/s best, {med:>10,.0f} median")


if __name__ == "__main__":
    main()
