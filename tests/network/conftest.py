"""Databases for the network tests, built once per session from real reports.

``seeds_db``: the five development articles (../shared/corpus/seeds), when the
checkout sits beside ``shared``.  ``resolution_db``: the hard cases of
``tests/data/resolution`` except r05 (kept back to be ingested later).
Tests that change a database work on a copy (``copy_db``).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ratline.api import Corpus

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "corpus"
RESOLUTION = REPO / "tests" / "data" / "resolution"


def _build(path: Path, inputs: list[Path]) -> Path:
    with Corpus(path) as corpus:
        report = corpus.ingest([str(p) for p in inputs], progress=False)
    assert not report.skipped, report.skipped
    return path


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory) -> Path:
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"no development set at {seeds}")
    return _build(tmp_path_factory.mktemp("seeds") / "seeds.db", sorted(seeds.glob("*.txt")))


@pytest.fixture(scope="session")
def resolution_db(tmp_path_factory) -> Path:
    inputs = sorted(p for p in RESOLUTION.glob("r0*.txt") if not p.name.startswith("r05"))
    return _build(tmp_path_factory.mktemp("resolution") / "r.db", inputs)


@pytest.fixture
def copy_db(tmp_path):
    """copy_db(path) -> a private copy of a session database."""
    def copy(path: Path) -> Path:
        target = tmp_path / path.name
        shutil.copy(path, target)
        return target
    return copy
