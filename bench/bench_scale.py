"""Ingest at corpus scale: end to end, beside references timed in the same run.

Not a test: ``make bench`` (under 10 minutes) or ``make bench-quick`` (under 60 s), or
``.venv/bin/python bench/bench_scale.py [--docs N] [--budget SECONDS] [--sample N]``.

It generates ``--docs`` synthetic reports (``bench/corpusgen.py``; 20,000 by default)
after the real samples (``corpus/demo`` and ``../shared/corpus/seeds``), then:

1. **references and one core**, over ``--sample`` documents spread evenly over that
   input order: a bare read + sentence split (``read_inputs`` and the mention finder's
   splitter), spaCy's ``nlp.pipe`` with the pipeline the extractor loads, and
   ``extract`` itself, all in this process, so ratios do not depend on the machine;
2. **Dask speed-up**: extraction of the first ``--speedup-docs`` of that sample on a
   ``LocalCluster`` of one worker process and on one of two, in turns (``--rounds``),
   so other work on the machine weighs on both alike; the median ratio is printed;
3. **end to end**: ``Corpus.ingest`` of the whole input order on that two-worker
   cluster into a fresh SQLite store, until every document is in or the time budget
   is spent.  It prints documents/s, sentences/s, the store step's ms/doc (resolve,
   write, merge events; in this process) for the first and the last thousand
   documents, and peak resident memory of this process and of each worker.
4. **the store step at scale**: ``--store-docs`` (20,000) extraction results fed
   one by one to ``Corpus.add`` in a fresh SQLite store, with the cluster closed
   (in ``Corpus.batch``, as ``ingest`` stores extractions that are already waiting:
   a transaction per ~100 documents, each document under a savepoint):
   the extractions [3] made, then variants of them (``bench/variants.py``: dates,
   towns, people and figures changed, seeded), since extracting 20,000 documents
   takes longer than the whole budget.  It prints the store step's ms/doc for the
   first and the last thousand beside one-core extraction per document ([1], same
   run), then times filtered ``events`` and ``show`` on the full store (target
   under 200 ms).

What a budget left out is said in the output: the documents generated, the number
ingested and the rate that would be needed to ingest all of them in the time.
"""
from __future__ import annotations

import argparse
import logging
import pickle
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import corpusgen  # noqa: E402
from variants import Variants  # noqa: E402

from ratline.api import Corpus  # noqa: E402
from ratline.ingest import read_inputs  # noqa: E402
from ratline.mentions.text import split_sentences  # noqa: E402
from ratline.parallel import extract_in_order  # noqa: E402
from ratline.parse.nlp import load_pipeline, model_name  # noqa: E402
from ratline.pipeline import extract  # noqa: E402
from ratline.schema import Document  # noqa: E402


def real_inputs() -> list[str]:
    seeds = ROOT.parent / "shared" / "corpus" / "seeds"
    return [str(ROOT / "corpus" / "demo")] + ([str(seeds)] if seeds.is_dir() else [])


def peak_rss_mb(field: str = "VmHWM") -> float:
    """This process's peak resident memory (``VmHWM``; ``ru_maxrss`` would carry a
    spawning parent's figure into a worker process), or ``VmRSS``, the current one."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- 1. references over a sample -------------------------------------------------
def read_and_split(paths: list[str]) -> tuple[float, list[Document], int]:
    """The floor any ingest pays: read every document and split it into sentences."""
    t0 = time.perf_counter()
    docs = [d for d in read_inputs(paths) if isinstance(d, Document)]
    sentences = sum(len(split_sentences(d.body)) for d in docs)
    return time.perf_counter() - t0, docs, sentences


def nlp_pipe(docs: list[Document]) -> float:
    nlp = load_pipeline()
    list(nlp.pipe(["Warm up."]))
    t0 = time.perf_counter()
    for _ in nlp.pipe(d.body for d in docs):
        pass
    return time.perf_counter() - t0


def extract_serial(docs: list[Document]) -> float:
    t0 = time.perf_counter()
    for d in docs:
        extract(d)
    return time.perf_counter() - t0


# -- 2. Dask speed-up --------------------------------------------------------------
def on_cluster(client, docs: list[Document]) -> float:
    t0 = time.perf_counter()
    for _ in extract_in_order(client, iter(docs), extract, None):
        pass
    return time.perf_counter() - t0


def warm(client, doc: Document) -> None:
    """Every worker loads its models before the clock starts (a real run pays that once)."""
    client.run(lambda: extract(doc) and None)


def worker_maxrss_mb(client) -> list[float]:
    rss = client.run(peak_rss_mb)
    return sorted(rss.values())


def _speedup(docs: list[Document], rounds: int):
    """Extraction of the same documents on a one-worker and a two-worker cluster, taken
    in turns (1, 2, 1, 2, ...) so that load from other work on the machine falls on
    both alike; each pair's ratio is printed and their median is the speed-up.
    Returns both clusters (still running: the two-worker one serves the ingest)."""
    from dask.distributed import Client, LocalCluster

    kw = dict(threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0", silence_logs=40)
    one, two = LocalCluster(n_workers=1, **kw), LocalCluster(n_workers=2, **kw)
    n_sent = sum(len(split_sentences(d.body)) for d in docs)
    print(f"\n[2] Dask extraction of the same {len(docs)} documents ({n_sent:,} sentences), "
          f"LocalCluster of worker processes, {rounds} rounds taken in turns")
    ratios = []
    with Client(one) as c1, Client(two) as c2:
        warm(c1, docs[0])
        warm(c2, docs[0])
        cpu, wall = 0.0, 0.0
        for r in range(rounds):
            t1 = on_cluster(c1, docs)
            before = c2.run(time.process_time)
            t2 = on_cluster(c2, docs)
            after = c2.run(time.process_time)
            cpu, wall = cpu + sum(after[w] - before[w] for w in after), wall + t2
            ratios.append(t1 / t2)
            _rate(f"round {r + 1}: 1 worker", t1, len(docs), n_sent)
            _rate(f"round {r + 1}: 2 workers", t2, len(docs), n_sent)
    print(f"  speed-up 2 workers / 1 worker: {statistics.median(ratios):.2f}x median "
          f"({', '.join(f'{x:.2f}' for x in ratios)}; target >= 1.8 on 2 idle cores)")
    print(f"  the two workers got {cpu:.1f} CPU-seconds in {wall:.1f} s: {cpu / wall:.2f} cores' worth "
          f"(2.0 on an idle machine; the rest went to other work); {cpu / rounds / len(docs) * 1000:.0f} "
          "CPU-ms per document", flush=True)
    return one, two, ratios


# -- 3. end to end -----------------------------------------------------------------
def ingest_until(db: Path, inputs: list[str], scheduler: str, seconds: float) -> dict:
    """``Corpus.ingest`` on the cluster; per-document store times, stopped at the budget.
    The extractions stored are kept (pickled) for [4]."""
    store_ms: list[float] = []
    kept: list[bytes] = []
    rss: list[float] = []                   # resident memory after each thousand stored
    sentences = [0]
    end = time.perf_counter() + seconds

    read_ms: list[float] = []

    def reader(paths):
        items = read_inputs(paths)
        while time.perf_counter() < end:    # past the budget: read no more
            t0 = time.perf_counter()
            item = next(items, None)
            read_ms.append((time.perf_counter() - t0) * 1000)
            if item is None:
                return
            if isinstance(item, Document):
                sentences[0] += len(split_sentences(item.body))
            yield item

    corpus = Corpus(db, reader=reader)
    add = corpus.add

    def timed_add(extraction):
        t0 = time.perf_counter()
        try:
            return add(extraction)
        finally:
            store_ms.append((time.perf_counter() - t0) * 1000)
            kept.append(pickle.dumps(extraction))
            if len(store_ms) % 1000 == 0:
                rss.append(peak_rss_mb("VmRSS"))

    corpus.add = timed_add
    t0 = time.perf_counter()
    with corpus:
        report = corpus.ingest(inputs, progress=False, scheduler=scheduler)
    return {"seconds": time.perf_counter() - t0, "stored": report.stored,
            "skipped": len(report.skipped), "store_ms": store_ms, "sentences": sentences[0],
            "read_ms": read_ms, "kept": kept,
            "rss": rss + [peak_rss_mb("VmRSS")]}


# -- 4. the store step at scale -----------------------------------------------------
def store_at_scale(db: Path, base: list[bytes], n: int, seconds: float) -> dict:
    """``Corpus.add`` of ``n`` extractions (the base, then its variants) into a fresh
    store, one at a time, until done or ``seconds`` are spent; then the read queries."""
    variants = Variants(base)
    store_ms: list[float] = []
    end = time.perf_counter() + seconds
    with Corpus(db) as corpus:
        t0 = time.perf_counter()
        with corpus.batch():         # as ingest stores results that are waiting
            for ex in variants.stream(n):
                if time.perf_counter() > end:
                    break
                t1 = time.perf_counter()
                corpus.add(ex)
                store_ms.append((time.perf_counter() - t1) * 1000)
        wall = time.perf_counter() - t0
        reads = read_queries(corpus)
        summary = corpus.summary()
    return {"store_ms": store_ms, "wall": wall, "reads": reads, "summary": summary,
            "base": len(base), "rss": peak_rss_mb("VmRSS")}


def _busiest(corpus: Corpus, etype: str) -> str | None:
    rows = corpus.store.query(
        "SELECT p.entity_id FROM report_parties p JOIN entities e ON e.id = p.entity_id "
        "WHERE e.type = ? GROUP BY p.entity_id ORDER BY COUNT(*) DESC, p.entity_id LIMIT 1", (etype,))
    return rows[0]["entity_id"] if rows else None


def read_queries(corpus: Corpus) -> list[tuple[str, float, int]]:
    """(label, best of 3 in ms, rows) of the reads an analyst makes of a full store:
    events of the busiest armed group, of the busiest town, of one month, and the
    ``show`` dossier of the busiest group and person."""
    group, person = _busiest(corpus, "armed_group"), _busiest(corpus, "person")
    town = corpus.store.query("SELECT location FROM events WHERE location IS NOT NULL "
                              "AND where_precision <= 3 GROUP BY location "
                              "ORDER BY COUNT(*) DESC, location LIMIT 1")
    town = town[0]["location"] if town else None
    month = corpus.store.query("SELECT substr(date, 1, 7) AS m FROM events WHERE date IS NOT NULL "
                               "GROUP BY m ORDER BY COUNT(*) DESC, m LIMIT 1")
    out = []
    cases = [(f"events --actor {group}", lambda: corpus.events(actor=group), group),
             (f"events --place {town}", lambda: corpus.events(place=town), town)]
    if month:
        m = month[0]["m"]
        cases.append((f"events --since {m}-01 --until {m}-28", lambda: corpus.events(
            since=f"{m}-01", until=f"{m}-28"), m))
    cases += [(f"show {group}", lambda: corpus.dossier(group), group),
              (f"show {person}", lambda: corpus.dossier(person), person)]
    for label, fn, subject in cases:
        if subject is None:
            continue
        best, size = float("inf"), 0
        for _ in range(3):
            t0 = time.perf_counter()
            result = fn()
            best = min(best, time.perf_counter() - t0)
            size = len(result) if isinstance(result, list) else len(result.get("events", []) or [])
        out.append((label, best * 1000, size))
    return out


def block(ms: list[float], first: bool, n: int = 1000) -> tuple[float, str]:
    """Mean ms/doc of the first or last ``n`` documents stored; of the first and last
    half when fewer than ``2n`` were (the two blocks never overlap)."""
    n = min(n, len(ms) // 2) or len(ms)
    part = ms[:n] if first else ms[-n:]
    lo = 1 if first else len(ms) - len(part) + 1
    return statistics.fmean(part) if part else float("nan"), f"{lo:,}-{lo + len(part) - 1:,}"


def reset_peak() -> None:
    """Start this process's peak-memory count afresh (Linux: ``clear_refs`` 5), so the
    ingest's peak is not the sample phase's."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


# -- the run -------------------------------------------------------------------------
def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=20_000, help="generated documents (default 20,000)")
    ap.add_argument("--sample", type=int, default=200, help="documents for the references and the speed-up")
    ap.add_argument("--rounds", type=int, default=3, help="turns of 1 and 2 workers for the speed-up")
    ap.add_argument("--speedup-docs", type=int, default=50, help="documents of the sample each turn extracts")
    ap.add_argument("--budget", type=float, default=240, help="seconds for the end-to-end ingest")
    ap.add_argument("--store-docs", type=int, default=20_000,
                    help="extraction results [4] feeds the store (the ingest's, then variants)")
    ap.add_argument("--store-budget", type=float, default=330, help="seconds for [4]'s store step")
    ap.add_argument("--total", type=float, default=540,
                    help="seconds the run may take before [3]'s or [4]'s budget is cut (default 540; "
                         "the reads of [4] come after)")
    args = ap.parse_args()
    started = time.perf_counter()
    from dask.distributed import Client

    logging.getLogger("distributed").setLevel(logging.ERROR)     # no cluster chatter in the figures

    with tempfile.TemporaryDirectory(prefix="ratline-scale-") as tmp:
        t0 = time.perf_counter()
        corpusgen.write(Path(tmp) / "gen", args.docs)
        inputs = real_inputs() + [str(Path(tmp) / "gen")]
        print(f"machine: {_machine()}")
        print(f"corpus: {args.docs:,} generated documents + the real samples ({', '.join(inputs[:-1])}); "
              f"generated in {time.perf_counter() - t0:.1f} s", flush=True)

        sample_paths = _sample_paths(inputs, args.sample)
        t_read, docs, n_sent = read_and_split(sample_paths)
        t_nlp = nlp_pipe(docs)
        extract(docs[0])                                    # warm: dictionary, gazetteer, matchers
        t_ext = extract_serial(docs)
        print(f"\n[1] sample: {len(docs)} documents spread over the corpus, {n_sent:,} sentences; one core, this process")
        _rate("reference read + sentence split", t_read, len(docs), n_sent)
        _rate(f"reference spaCy nlp.pipe ({model_name()})", t_nlp, len(docs), n_sent)
        _rate("extract (one core)", t_ext, len(docs), n_sent)
        print(f"  ratio extract / read+split: {t_ext / t_read:.1f}x; extract / nlp.pipe: {t_ext / t_nlp:.2f}x",
              flush=True)

        one, two, _ = _speedup(docs[: args.speedup_docs], args.rounds)
        one.close()
        with two, Client(two) as client:
            budget = min(args.budget, args.total - (time.perf_counter() - started))
            reset_peak()
            run = ingest_until(Path(tmp) / "scale.db", inputs, two.scheduler_address, budget)
            run["budget"], run["inputs"] = budget, len(_sample_paths(inputs, 10**9))
            workers_mb = worker_maxrss_mb(client)
        _report_ingest(run, args, t_read / n_sent, t_nlp / n_sent, t_ext / n_sent, workers_mb)
        ext_ms_doc = t_ext / len(docs) * 1000
        left = args.total - (time.perf_counter() - started)
        scale = store_at_scale(Path(tmp) / "store.db", run.pop("kept"), args.store_docs,
                               min(args.store_budget, left))
        _report_scale(scale, args.store_docs, ext_ms_doc)
    print(f"\nbench run time: {time.perf_counter() - started:.0f} s")
    return 0


def _report_ingest(run: dict, args, read_s: float, nlp_s: float, ext_s: float, workers_mb) -> None:
    docs, sent, secs = run["stored"] + run["skipped"], run["sentences"], run["seconds"]
    ms = run["store_ms"]
    total = run["inputs"]
    left = "all" if docs >= total else f"budget of {run['budget']:.0f} s reached; {total - docs:,} not ingested"
    print("\n[3] end to end: Corpus.ingest on the 2-worker cluster, store in this process (SQLite)")
    print(f"  documents: {run['stored']:,} stored, {run['skipped']} skipped, in {secs:.1f} s ({left})")
    _rate("ingest end to end (2 workers)", secs, docs, sent)
    if sent:
        per = secs / sent
        print(f"  per sentence vs the sample's one-core references: {per / read_s:.1f}x read+split, "
              f"{per / nlp_s:.2f}x nlp.pipe, {per / ext_s:.2f}x one-core extract")
    for first in (True, False):
        mean, which = block(ms, first)
        print(f"  store step (resolve + write + merge), {'first' if first else 'last'} documents stored "
              f"({which}): {mean:.1f} ms/doc "
              f"= {mean / 1000 / (ext_s * sent / max(docs, 1)):.2f}x one-core extraction per doc")
    if ms:
        read = sum(run["read_ms"]) / max(docs, 1)
        client = statistics.fmean(ms) + read
        print(f"  the single writer spends {read:.0f} ms/doc reading + {statistics.fmean(ms):.0f} storing: "
              f"at most {1000 / client:.1f} docs/s "
              f"whatever the workers; extraction on one worker core takes {ext_s * sent / max(docs, 1) * 1000:.0f} ms/doc")
    print(f"  peak memory (VmHWM) during the ingest: this process {peak_rss_mb():.0f} MB; workers "
          + ", ".join(f"{m:.0f} MB" for m in workers_mb))
    print("  resident memory of this process after each thousand stored, then at the end: "
          + ", ".join(f"{m:.0f}" for m in run["rss"]) + " MB")
    if docs < total and docs:
        print(f"  to ingest all {total:,} in {run['budget']:.0f} s would need {total / run['budget']:.0f} docs/s "
              f"(measured {docs / secs:.1f})")


def _report_scale(run: dict, wanted: int, ext_ms_doc: float) -> None:
    ms = run["store_ms"]
    print(f"\n[4] store step at scale: Corpus.add of {len(ms):,} extraction results into a fresh "
          f"SQLite store, one at a time, the cluster closed ({run['base']:,} from [3], the rest their "
          "variants: bench/variants.py)")
    if len(ms) < wanted:
        print(f"  budget reached: {len(ms):,} of {wanted:,} stored")
    if not ms:
        return
    print(f"  {len(ms) / run['wall']:.1f} docs/s; {run['summary']['events']:,} events, "
          f"{run['summary']['entities']:,} entities; resident memory {run['rss']:.0f} MB")
    first, which_first = block(ms, True)
    last, which_last = block(ms, False)
    for mean, which in ((first, which_first), (last, which_last)):
        print(f"  store step, documents {which}: {mean:.1f} ms/doc = {mean / ext_ms_doc:.2f}x "
              f"one-core extraction per doc ({ext_ms_doc:.0f} ms, sample [1])")
    print(f"  last / first: {last / first:.2f} (flat = 1; target: under 0.20x extraction at 20,000)")
    print("  read queries on the full store (best of 3; target under 200 ms):")
    for label, best, size in run["reads"]:
        print(f"    {label:<52} {best:8.1f} ms  ({size} events)")


def _sample_paths(inputs: list[str], n: int) -> list[str]:
    """``n`` files spread evenly over the input order (real samples, then generated
    ones), so the sample has the corpus's mix of styles, wars and lengths."""
    files = [str(f) for p in inputs for f in sorted(Path(p).rglob("*")) if f.suffix in (".txt", ".html")]
    step = max(1, len(files) // max(n, 1))
    return files[::step][:n]


def _rate(label: str, seconds: float, docs: int, sentences: int) -> None:
    print(f"  {label:<42} {seconds:8.1f} s  {docs / seconds:8.1f} docs/s  {sentences / seconds:9.0f} sentences/s")


def _machine() -> str:
    import os
    load = os.getloadavg()
    return f"{os.cpu_count()} cores, load average {load[0]:.1f} at start (other work shares these cores)"


if __name__ == "__main__":
    sys.exit(main())
