"""Benchmark of `ratline serve` (not a test): a generated store of 10,000 events
(``webcorpus.py``), the real app on a loopback port, and Debian's headless
chromium.  Prints:

* the one-time start-up cost: the first requests that build the in-process
  views (every event with its reports, the tallies' reconciliation, the
  search index), paid once per state of the corpus;
* the API: each request a distinct query (another as-of day, date window,
  dossier, search word), so no answer comes from the cache of an identical
  request; the median per endpoint and over all (target < 200 ms);
* the network view's first paint: from navigation start to cytoscape's first
  drawing of the graph, in a fresh browser context each run (target < 2 s).

    .venv/bin/python bench/bench_web.py [--events 10000] [--runs 20] [--db PATH]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "web"))

import webcorpus  # noqa: E402
from webdriving import chromium, running_app  # noqa: E402


def _timed(client: httpx.Client, url: str) -> float:
    t0 = time.perf_counter()
    response = client.get(url)
    response.raise_for_status()
    return (time.perf_counter() - t0) * 1000


def _queries(i: int) -> dict[str, str]:
    """The requests the pages make, the i-th variant of each."""
    year, month = 2005 + i % 10, 1 + i % 12
    since, until = f"{year}-{month:02d}-01", f"{year + 1}-{month:02d}-28"
    return {
        "network (as of a day)": f"/api/network?as_of={year}-{month:02d}-{10 + i % 18}",
        "network (kind + dates)": f"/api/network?kind=person,armed_group&since={since}&until={until}",
        "events (date window)": f"/api/events?since={since}&until={until}",
        "events (type)": f"/api/events?type=raid&since={year}",
        "timeline (date window)": f"/api/timeline?since={since}&until={until}",
        "routes (date window)": f"/api/routes?since={since}&until={until}",
        "dossier": f"/api/entities/bench_actor_{i * 7 % 300}",
        "document": f"/api/documents/bench{i * 37 % 1000:05d}",
        "search": f"/api/search?q=Brigade%20{i * 13 % 300}",
    }


def bench_api(base: str, runs: int) -> None:
    with httpx.Client(base_url=base, timeout=120) as client:
        print("start-up (first requests, once per state of the corpus):")
        for url in ("/api/events", "/api/timeline", "/api/search?q=Front", "/api/network"):
            print(f"  {url:<28} {_timed(client, url):8.0f} ms")
        times: dict[str, list[float]] = {}
        for i in range(runs):
            for name, url in _queries(i).items():
                times.setdefault(name, []).append(_timed(client, url))
    print(f"API, {runs} distinct queries each (median / max ms):")
    for name, values in times.items():
        print(f"  {name:<26} {statistics.median(values):8.1f} {max(values):8.1f}")
    every = [v for values in times.values() for v in values]
    print(f"  {'all requests':<26} {statistics.median(every):8.1f} {max(every):8.1f}   (target: median < 200)")


def bench_first_paint(base: str, runs: int) -> None:
    figures, nodes = [], 0
    with chromium() as browser:
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            page = context.new_page()
            page.goto(base + "/")
            page.wait_for_function("() => document.body.dataset.firstPaint !== undefined", timeout=60000)
            figures.append(float(page.evaluate("document.body.dataset.firstPaint")))
            nodes = int(page.evaluate("document.body.dataset.nodes"))
            context.close()
    print(f"network view first paint, {runs} runs, {nodes} actors: median "
          f"{statistics.median(figures):.0f} ms, min {min(figures):.0f}, max {max(figures):.0f}"
          "   (target: < 2000)")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--paints", type=int, default=5)
    ap.add_argument("--db", help="reuse (or create) this store instead of a temporary one")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db or Path(tmp) / "bench.db")
        if not db.exists():
            t0 = time.perf_counter()
            webcorpus.build(str(db), events=args.events)
            print(f"generated store: {args.events} events in {time.perf_counter() - t0:.1f} s ({db})")
        with running_app(str(db)) as base:
            bench_api(base, args.runs)
            bench_first_paint(base, args.paints)
    return 0


if __name__ == "__main__":
    sys.exit(main())
