"""Kill ``ratline ingest`` with SIGKILL a hundred times at random moments, resume, and
check the database against an uninterrupted run.

Not a test: run it by hand (``.venv/bin/python bench/bench_kill_resume.py [KILLS]``,
default 100).  Ingests the demo corpus and ../shared/corpus/seeds.  After every kill
the database must pass SQLite's integrity and foreign-key checks with no orphan or
duplicated rows; at the end, after a last uninterrupted run, every table's count must
equal the reference run's.  Prints the number of kills and what was found.
"""
from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from crash.killrun import counts, kill_at_random, problems, run_to_end  # noqa: E402


def main(kills: int) -> int:
    inputs = [str(ROOT / "corpus" / "demo")]
    seeds = ROOT.parent / "shared" / "corpus" / "seeds"
    if seeds.is_dir():
        inputs.append(str(seeds))
    rng = random.Random(2026)
    with tempfile.TemporaryDirectory(prefix="ratline-kill-") as tmp:
        ref, db = Path(tmp) / "ref.db", Path(tmp) / "killed.db"
        t0 = time.perf_counter()
        run_to_end(ref, inputs)
        full = time.perf_counter() - t0
        print(f"uninterrupted run: {full:.1f} s, counts {counts(ref)}", flush=True)
        done, found = 0, []
        while done < kills:
            # any moment of a full run; the run resumes from what the kills left, so later
            # kills land on later documents
            delays = kill_at_random(db, inputs, 1, 1.0, full, rng)
            if not delays:               # the run finished first: start over from empty
                for f in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
                    f.unlink(missing_ok=True)
                continue
            done += 1
            found += [f"after kill {done}: {p}" for p in problems(db)]
            if done % 10 == 0:
                print(f"{done} kills, {counts(db)['documents']} documents stored now, "
                      f"problems so far: {len(found)}", flush=True)
        run_to_end(db, inputs)
        found += problems(db)
        same = counts(db) == counts(ref)
        print(f"{done} SIGKILLs; problems: {found or 'none'}; counts equal the uninterrupted run: {same}")
        if not same:
            print("reference", counts(ref), "\nresumed  ", counts(db))
        return 0 if same and not found else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100))
