"""Does extraction time grow linearly with the length of the input?

Not a test: run it by hand (``.venv/bin/python bench/bench_linear.py [KB...]``,
default 10 100 1000).  Each size is a plain-text report made of varied English
news sentences on ONE line (the shape that once took more than ten minutes for
1 MB), read by ``ingest`` and extracted by the pipeline.  Prints seconds per
size, the time per KB, and the ratio of each step's time to the size ratio
(1.0 = linear; 10.0 for a tenfold size = quadratic).
"""
from __future__ import annotations

import sys
import time

from ratline.ingest import document_from_text
from ratline.pipeline import extract

SENTENCES = [
    "Gunmen killed three soldiers at a checkpoint near Basra on Tuesday, police said.",
    "The convoy passed the market in Amara without incident, officials said.",
    "Iraqi troops detained five suspected militants in a raid in Kut on Monday.",
    "A roadside bomb wounded two policemen on the highway south of Baghdad.",
    "The ministry said the operation would continue for several weeks.",
    "Residents reported heavy gunfire overnight in the old quarter of the city.",
]


def text_of(size: int) -> str:
    line, n = [], 0
    while n < size:
        s = SENTENCES[len(line) % len(SENTENCES)]
        line.append(s)
        n += len(s) + 1
    return "Report\n\n" + " ".join(line)[:size] + "\n"


def main(sizes_kb: list[int]) -> None:
    extract(document_from_text("Warm up\n\nA man was killed in Basra on Monday.\n", "w", "w"))
    rows = []
    for kb in sizes_kb:
        text = text_of(kb * 1000)
        t0 = time.perf_counter()
        doc = document_from_text(text, f"{kb}kb.txt", f"{kb}kb.txt")
        t1 = time.perf_counter()
        x = extract(doc)
        t2 = time.perf_counter()
        rows.append((kb, t1 - t0, t2 - t1, len(x.events)))
        print(f"{kb:>6} KB  read {t1 - t0:7.2f} s  extract {t2 - t1:8.2f} s  "
              f"{(t2 - t1) / kb * 1000:7.1f} ms/KB  events {len(x.events)}", flush=True)
    for (a, _, ta, _), (b, _, tb, _) in zip(rows, rows[1:]):
        print(f"{a} -> {b} KB: size x{b / a:g}, time x{tb / ta:.1f}  "
              f"(time ratio / size ratio = {tb / ta / (b / a):.2f}; 1.0 is linear)")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10, 100, 1000])
