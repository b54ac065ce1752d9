"""Golden end-to-end test: every file of ``corpus/demo/`` through the whole pipeline.

The interchange JSON of each document is compared with ``tests/golden/<stem>.json``.
After an intended change of behaviour, look at the diff, then rewrite the files with

    RATLINE_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py

and review ``git diff tests/golden`` before committing them.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ratline.ingest import read_inputs
from ratline.ingest.reader import KNOWN_EXT
from ratline.pipeline import extract
from ratline.schema import Skipped

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpus" / "demo"
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("RATLINE_UPDATE_GOLDEN", "") not in ("", "0")


def _demo_files() -> list[Path]:
    if not DEMO.is_dir():
        return []
    # the extensions a folder run reads: README.md and other notes are not documents
    return sorted(p for p in DEMO.iterdir()
                  if p.is_file() and not p.name.startswith(".") and p.name.lower().endswith(KNOWN_EXT))


def _golden_path(src: Path) -> Path:
    return GOLDEN / f"{src.stem}.json"


def _interchange(src: Path) -> dict:
    items = list(read_inputs([str(src)]))
    assert len(items) == 1, f"{src.name}: expected one document, got {len(items)}"
    (doc,) = items
    assert not isinstance(doc, Skipped), f"{src.name} was skipped: {doc.reason}"
    data = extract(doc).to_interchange()
    return json.loads(json.dumps(data, ensure_ascii=False))     # tuples -> lists, as on disk


def _dump(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("src", _demo_files(), ids=lambda p: p.name)
def test_golden_demo_document(src: Path):
    got = _interchange(src)
    path = _golden_path(src)
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(_dump(got), encoding="utf-8")
        return
    assert path.exists(), f"no golden file {path.name}; run with RATLINE_UPDATE_GOLDEN=1 to create it"
    want = json.loads(path.read_text(encoding="utf-8"))
    # compare section by section so a failure says where the output moved
    for key in sorted(set(want) | set(got)):
        assert got.get(key) == want.get(key), (
            f"{src.name}: '{key}' differs from {path.name} "
            f"(RATLINE_UPDATE_GOLDEN=1 rewrites it after review)")


def test_golden_files_match_demo_corpus():
    """A golden file whose document left the demo corpus is stale."""
    stems = {p.stem for p in _demo_files()}
    orphans = sorted(p.name for p in GOLDEN.glob("*.json") if p.stem not in stems) if GOLDEN.is_dir() else []
    if UPDATE:
        for name in orphans:
            (GOLDEN / name).unlink()
        return
    assert orphans == [], f"golden files without a demo document: {orphans}"


def test_golden_output_is_deterministic():
    files = _demo_files()
    if not files:
        pytest.skip("corpus/demo is empty")
    src = files[0]
    assert _interchange(src) == _interchange(src)
