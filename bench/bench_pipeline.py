"""End-to-end extraction speed: sentences per second on one core.

Not a test: run it by hand (``.venv/bin/python bench/bench_pipeline.py``).  The
documents are the project's demo corpus plus ../shared/corpus/seeds when present,
read once; each round extracts all of them.  The reference measured in the same
process is the cheapest thing any extractor must do — split the same bodies into
sentences and tokens — so the ratio says how many times that floor the whole
pipeline costs, independently of the machine.  A second reference is spaCy's own
``nlp.pipe`` over the same bodies with the pipeline the extractor loads (the sentence
layer's cost alone): the target is end to end at least half its speed.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from ratline.ingest import read_inputs
from ratline.mentions.text import split_sentences, tokenize
from ratline.parse.nlp import load_pipeline, model_name
from ratline.pipeline import extract
from ratline.schema import Document

ROOT = Path(__file__).resolve().parents[1]


def load_documents() -> list[Document]:
    paths = [str(ROOT / "corpus" / "demo")]
    seeds = ROOT.parent / "shared" / "corpus" / "seeds"
    if seeds.is_dir():
        paths.append(str(seeds))
    return [d for d in read_inputs(paths) if isinstance(d, Document)]


def reference(docs: list[Document]) -> int:
    n = 0
    for d in docs:
        for s in split_sentences(d.body):
            tokenize(s.text, s.start)
            n += 1
    return n


def spacy_pipe(docs: list[Document]) -> int:
    nlp = load_pipeline()
    for _ in nlp.pipe(d.body for d in docs):
        pass
    return sum(len(split_sentences(d.body)) for d in docs)


def pipeline(docs: list[Document]) -> int:
    n = 0
    for d in docs:
        x = extract(d)
        n += len(split_sentences(d.body))
        assert x.document is d
    return n


def timed(fn, docs, rounds: int) -> tuple[float, int]:
    times, n = [], 0
    for _ in range(rounds):
        t0 = time.perf_counter()
        n = fn(docs)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), n


def main(rounds: int = 7) -> None:
    docs = load_documents()
    pipeline(docs)                       # warm caches: dictionary, gazetteer, regexes
    t_ref, n = timed(reference, docs, rounds)
    t_nlp, _ = timed(spacy_pipe, docs, rounds)
    t_run, _ = timed(pipeline, docs, rounds)
    print(f"documents {len(docs)}, sentences {n}, rounds {rounds} (median)")
    print(f"reference (split + tokenize): {n / t_ref:10.0f} sentences/s")
    print(f"spaCy nlp.pipe ({model_name()}): {n / t_nlp:10.0f} sentences/s")
    print(f"pipeline  (extract):          {n / t_run:10.0f} sentences/s")
    print(f"ratio pipeline/reference time: {t_run / t_ref:.1f}x")
    print(f"pipeline speed / spaCy's own: {t_nlp / t_run:.2f} (target >= 0.5)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
