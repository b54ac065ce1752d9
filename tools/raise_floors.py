"""Raise eval/floors.json to the current scores (never lower a floor), or re-pin a set.

    python tools/raise_floors.py SET [SET ...]            # raise only
    python tools/raise_floors.py --repin SET [SET ...]    # set to the new scores

Each floor becomes max(old floor, score - margin): 0.02 under for the ratio measures,
0.05 under for the per-field accuracies of matched events, whose denominators are small.
A set with no table yet gets one.  ``--repin`` lowers to score - margin the floors the
current score falls below: only in the commit that makes the tool more honest or more general, with the
before/after table in its message (see eval/README.md); never for ``real*`` sets.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "eval"))

from corpora import corpora, predict  # noqa: E402
from ratline.evaluate import MEASURES, measures, score_dirs  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("sets", nargs="+")
    ap.add_argument("--repin", action="store_true")
    args = ap.parse_args(argv)
    path = REPO / "eval" / "floors.json"
    floors = json.loads(path.read_text(encoding="utf-8"))
    known = corpora()
    for name in args.sets:
        if args.repin and name.startswith("real"):
            raise SystemExit("the real pages' floors only go up")
        paths, gold = known[name]
        with tempfile.TemporaryDirectory() as tmp:
            predict(paths, Path(tmp))
            got = measures(score_dirs(gold, tmp))
        table = floors.setdefault(name, {})
        for m in MEASURES:
            margin = 0.05 if m.startswith("fields.") else 0.02
            target = max(0.0, round(got[m] - margin, 2))
            old = table.get(m)
            # a re-pin lowers only the floors the honest change now falls below
            new = target if (old is None or (args.repin and got[m] < old)) else max(old, target)
            if new != old:
                print(f"{name} {m}: {old} -> {new} (score {got[m]:.3f})")
                table[m] = new
    path.write_text(json.dumps(floors, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
