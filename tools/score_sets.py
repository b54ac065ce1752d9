"""Score every annotated set in one run and print one line per set.

    .venv/bin/python tools/score_sets.py [SET ...] [--misses] [--keep DIR]

Sets: seeds, demo, heldout..heldout4, real (bare .txt), real.jsonl (the crawler's
JSON lines with each page's URL), world, world.jsonl, and any blind set under
tests/data/.  Predictions are written to a temporary folder (or ``--keep DIR``)
and scored with ratline.evaluate, the same measures as the reference scorer.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from ratline.evaluate import measures, score_dirs
from ratline.pipeline import extract_paths
from ratline.schema import Skipped

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpus"
DATA = REPO / "tests" / "data"
SUFFIXES = {".txt", ".html", ".htm"}


def corpora() -> dict[str, tuple[list[Path], Path]]:
    """name -> (input paths, gold folder)."""
    sets: dict[str, tuple[list[Path], Path]] = {}

    def folder(name: str, articles: Path, gold: Path) -> None:
        if articles.is_dir() and gold.is_dir():
            sets[name] = (sorted(p for p in articles.iterdir() if p.suffix.lower() in SUFFIXES), gold)

    folder("seeds", SHARED / "seeds", SHARED / "gold")
    folder("demo", REPO / "corpus" / "demo", DATA / "gold_own")
    for sub in sorted(DATA.glob("heldout*")):
        folder(sub.name, sub / "articles", sub / "gold")
    for name in ("real", "world"):
        folder(name, SHARED / name / "articles", SHARED / name / "gold")
        pages = SHARED / name / "pages.jsonl"
        if pages.exists():
            sets[f"{name}.jsonl"] = ([pages], SHARED / name / "gold")
    return sets


def predict(paths: list[Path], out: Path) -> list[str]:
    skipped = []
    for item in extract_paths([str(p) for p in paths]):
        if isinstance(item, Skipped):
            skipped.append(f"{item.source}: {item.reason}")
            continue
        doc = item.to_interchange()
        stem = Path(item.document.name).stem
        (out / f"{stem}.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return skipped


COLUMNS = ("events_core.f1", "events.f1", "relations.f1", "tallies.f1", "entities.recall",
           "fields.date", "fields.actors", "published")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("sets", nargs="*")
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--keep", type=Path)
    args = ap.parse_args(argv)
    known = corpora()
    names = args.sets or list(known)
    print(f"{'set':<12}" + "".join(f"{c.replace('.f1', '').replace('entities.', 'ent.'):>15}" for c in COLUMNS))
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
        if misses:
            print("\n".join(misses))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
