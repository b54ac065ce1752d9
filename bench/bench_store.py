"""Does the store step cost the same per document however much is stored?

Not a test: run it by hand::

    .venv/bin/python bench/bench_store.py [N] [--profile] [--db PATH]

Generates ``N`` documents (default 2000) with ``bench/corpusgen.py`` (35% retold), extracts
them once (cached as a pickle beside the database, since extraction is not
what is measured), then stores them one by one through ``Corpus.add`` — the
store step: resolve entities, write rows, merge events — and prints its
ms/doc over the first and last few hundred documents and their ratio (flat
cost: ratio ~ 1; the cost growing with the store: ratio >> 1).  Then times the
read side on the full store: a filtered ``events`` query (by actor, by place,
by date window), ``show`` (an entity's dossier) and building the network
graph.  ``--profile`` prints cProfile's top entries of the late store steps.
"""
from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import pickle
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpusgen import documents  # noqa: E402
from ratline import Corpus  # noqa: E402
from ratline.ingest import document_from_text  # noqa: E402
from ratline.pipeline import extract  # noqa: E402


def extractions(n: int, seed: int, cache: Path, span_days: int | None = None) -> list:
    """The corpus's extractions, from ``cache`` when it was made for the same n and seed."""
    if cache.exists():
        with cache.open("rb") as fh:
            stored_n, stored_seed, out = pickle.load(fh)
        if (stored_n, stored_seed) == (n, seed):
            return out
    out = []
    t0 = time.perf_counter()
    dense = {"start": dt.date(2010, 1, 1), "span_days": span_days} if span_days else {}
    for i, (name, text) in enumerate(documents(n, seed, retell=0.35, **dense)):
        out.append(extract(document_from_text(text, name, name)))
        if (i + 1) % 200 == 0:
            print(f"  extracted {i + 1}/{n} ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    with cache.open("wb") as fh:
        pickle.dump((n, seed, out), fh)
    return out


def store_all(corpus: Corpus, exs: list, profile_from: int | None) -> tuple[list[float], str]:
    """Seconds of each document's store step; the profile of those from ``profile_from`` on."""
    times, prof = [], cProfile.Profile()
    for i, ex in enumerate(exs):
        on = profile_from is not None and i >= profile_from
        if on:
            prof.enable()
        t0 = time.perf_counter()
        corpus.add(ex)
        times.append(time.perf_counter() - t0)
        if on:
            prof.disable()
    text = ""
    if profile_from is not None:
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(18)
        text = buf.getvalue()
    return times, text


def timed(label: str, fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    size = len(result) if hasattr(result, "__len__") else "-"
    print(f"  {label:<38} {best * 1000:8.1f} ms  ({size} items)")
    return best


def busiest(corpus: Corpus, etype: str) -> str:
    row = corpus.store.query(
        "SELECT l.entity_id FROM entity_links l JOIN entities e ON e.id = l.entity_id "
        "WHERE e.type = ? GROUP BY l.entity_id ORDER BY COUNT(*) DESC, l.entity_id LIMIT 1",
        (etype,))
    return row[0]["entity_id"]


def queries(corpus: Corpus) -> None:
    group, place = busiest(corpus, "armed_group"), busiest(corpus, "place")
    person = busiest(corpus, "person")
    print("read queries (best of 3):")
    timed(f"events(actor={group})", lambda: corpus.events(actor=group))
    timed(f"events(place={place})", lambda: corpus.events(place=place))
    timed("events(since/until one month)", lambda: corpus.events(since="2008-06-01",
                                                                 until="2008-06-30"))
    timed("events() all", lambda: corpus.events())
    timed(f"show {group}", lambda: corpus.dossier(group))
    timed(f"show {person}", lambda: corpus.dossier(person))
    timed("graph()", lambda: corpus.network.graph().nodes, repeat=1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", nargs="?", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--span-days", type=int, default=None,
                    help="days every report falls within (default: each war's years; "
                         "fewer: a denser, more topical corpus)")
    ap.add_argument("--window", type=int, default=300, help="documents in the early/late window")
    ap.add_argument("--db", default="/tmp/bench_store.db")
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--reads-only", action="store_true",
                    help="time the read queries on the existing --db, storing nothing")
    ap.add_argument("--store-only", type=int, default=None, metavar="K",
                    help="store only the first K documents of the (cached) corpus")
    args = ap.parse_args()
    db = Path(args.db)
    if args.reads_only:
        with Corpus(db, create=False) as corpus:
            queries(corpus)
        return
    exs = extractions(args.n, args.seed, db.with_suffix(f".{args.n}.{args.seed}.{args.span_days}.pickle"),
                      args.span_days)
    exs = exs[:args.store_only] if args.store_only else exs
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    with Corpus(db) as corpus:
        w = min(args.window, len(exs) // 2)
        times, prof = store_all(corpus, exs, len(exs) - w if args.profile else None)
        early, late = sum(times[:w]) / w * 1000, sum(times[-w:]) / w * 1000
        print(f"store step, {len(exs)} documents: first {w} {early:.1f} ms/doc, "
              f"last {w} {late:.1f} ms/doc, late/early ratio {late / early:.2f} (flat = 1)")
        summary = corpus.summary()
        print(f"stored: {summary['events']} events, {summary['entities']} entities, "
              f"{summary['event_reports']} reports")
        queries(corpus)
    if prof:
        print(prof)


if __name__ == "__main__":
    main()
