"""Raise eval/floors.json to the current scores (never lower a floor).

Run after an improvement that the suite confirms, with predictions already
written by `ratline extract --json-dir`:

    python tools/raise_floors.py seeds /tmp/out demo /tmp/od heldout /tmp/oh

Each floor becomes max(old floor, score - margin): 0.02 under for the ratio
measures, 0.05 under for the per-field accuracies of matched events, whose
denominators are small.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ratline.evaluate import measures, score_dirs

REPO = Path(__file__).resolve().parents[1]
GOLD = {"seeds": REPO / ".." / "shared" / "corpus" / "gold", "demo": REPO / "tests" / "data" / "gold_own",
        "heldout": REPO / "tests" / "data" / "heldout" / "gold",
        "heldout2": REPO / "tests" / "data" / "heldout2" / "gold",
        "heldout3": REPO / "tests" / "data" / "heldout3" / "gold",
        "heldout4": REPO / "tests" / "data" / "heldout4" / "gold"}


def main(argv: list[str]) -> int:
    path = REPO / "eval" / "floors.json"
    floors = json.loads(path.read_text(encoding="utf-8"))
    for name, pred in zip(argv[::2], argv[1::2]):
        got = measures(score_dirs(GOLD[name], pred))
        table = floors[name]
        for m, old in table.items():
            margin = 0.05 if m.startswith("fields.") else 0.02
            new = max(old, round(got[m] - margin, 2))
            if new > old:
                print(f"{name} {m}: {old} -> {new} (score {got[m]:.3f})")
                table[m] = new
    path.write_text(json.dumps(floors, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
