"""Score every annotated set in one run and print one line per set.

    .venv/bin/python tools/score_sets.py [SET ...] [--misses] [--keep DIR]

Sets (``eval/corpora.py``): seeds, demo, heldout..heldoutN, real (bare .txt),
real.jsonl (the crawler's JSON lines with each page's URL), world, world.jsonl.
A held-out set whose first blind run is not yet recorded is scored only when named.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))

from corpora import corpora, predict, sealed, still_blind  # noqa: E402
from ratline.evaluate import measures, score_dirs  # noqa: E402

COLUMNS = ("events_core.f1", "events.f1", "relations.f1", "tallies.f1", "entities.recall",
           "fields.type", "fields.date", "fields.actors", "published")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("sets", nargs="*")
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--keep", type=Path)
    args = ap.parse_args(argv)
    known = corpora()
    # a blind or sealed set is scored only when named
    names = args.sets or [n for n in known if not still_blind(n) and not sealed(n)]
    print(f"{'set':<12}" + "".join(f"{c.replace('.f1', '').replace('entities.', 'ent.').replace('fields.', 'f.'):>15}" for c in COLUMNS))
    for name in names:
        paths, gold = known[name]
        with tempfile.TemporaryDirectory() as tmp:
            out = args.keep / name if args.keep else Path(tmp)
            out.mkdir(parents=True, exist_ok=True)
            skipped = predict(paths, out)
            misses: list[str] | None = [] if args.misses else None
            totals = score_dirs(gold, out, misses)
        m = measures(totals)
        core = totals["events_core"]
        print(f"{name:<12}" + "".join(f"{m[c]:>15.3f}" for c in COLUMNS)
              + f"   core tp {core['tp']}/{core['gold']} pred {core['pred']}"
              + f"  pub {totals['published'][0]}/{totals['published'][1]}")
        for line in skipped:
            print(f"   skipped: {line}")
        if misses and not sealed(name):
            print("\n".join(misses))
        elif misses:
            print(f"   (misses of {name} are sealed: see its README)")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
