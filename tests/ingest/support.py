"""Shared paths for the ingest tests.

The five sample pages live in ../shared/corpus (beside the repo, as in CI); their
gold JSON says where each body ends and whether comments follow.
"""
from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "corpus"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def seed_names() -> list[str]:
    return sorted(p.name for p in SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


def gold_for(name: str) -> dict:
    return json.loads((GOLD / name.replace(".txt", ".json")).read_text(encoding="utf-8"))
