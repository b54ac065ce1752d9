"""Crash safety: ``ingest`` killed with SIGKILL at random moments, then resumed, leaves
no partial document, no orphan row, no duplicate, and the same counts as a run that was
never interrupted (a few kills here; ``bench/bench_kill_resume.py`` does a hundred)."""
from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from .killrun import counts, kill_at_random, problems, run_to_end

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds not found")
def test_kill_resume_sigkill_then_resume_equals_an_uninterrupted_run(tmp_path):
    inputs = [str(SEEDS)]
    reference = tmp_path / "ref.db"
    t0 = time.monotonic()
    assert run_to_end(reference, inputs) == 0
    full = time.monotonic() - t0
    killed = tmp_path / "killed.db"
    rng = random.Random(11)
    # kill points drawn inside the time a whole run takes here, not fixed seconds: a faster
    # extractor finished the samples before a fixed delay and nothing was killed
    delays = kill_at_random(killed, inputs, kills=3, lo=0.3 * full, hi=0.9 * full, rng=rng)
    if not delays:       # the reference run was slowed by other load: kill earlier, on a fresh file
        killed = tmp_path / "killed-early.db"
        delays = kill_at_random(killed, inputs, kills=3, lo=0.05 * full, hi=0.3 * full, rng=rng)
    assert delays, "no run was killed: the seeds ingest faster than the shortest delay"
    assert problems(killed) == []                     # consistent right after the kills
    assert run_to_end(killed, inputs) == 0            # resumes
    assert problems(killed) == []
    assert counts(killed) == counts(reference)
