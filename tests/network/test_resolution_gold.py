"""Cross-document resolution on the development set, checked against the gold entities.

Run with ``-s`` to see the counts.  Misses the resolver cannot help (the
extractor never named a form, or named it as another thing) are counted in
their own bins by ``ratline.resolve.audit``; the bounds below are today's
counts and may only go down.
"""
from __future__ import annotations

import json
from pathlib import Path

from ratline.api import Corpus
from ratline.evaluate.audit import audit, load_gold
from ratline.store import Store

SHARED = Path(__file__).resolve().parents[3] / "shared" / "corpus"


def _audit(path):
    with Store.open(path) as store:
        return audit(store, load_gold(SHARED / "gold", SHARED / "seeds"))


def test_resolution_gold_every_nameable_alias_pair_is_merged(seeds_db):
    result = _audit(seeds_db)
    print("\nalias audit on ../shared/corpus:", json.dumps(result.summary()))
    for kind, rows in result.misses.items():
        for row in rows:
            print(f"  {kind}: {row}")
    assert result.misses["resolution"] == []
    assert result.merged == result.pairs - len(result.misses["not_named"]) \
        - len(result.misses["named_elsewhere"])
    # every alias pair of every gold entity is merged, across all five files
    assert result.pairs >= 100 and result.merged == result.pairs
    assert result.misses["not_named"] == [] and result.misses["named_elsewhere"] == []


def test_resolution_gold_no_two_gold_entities_are_merged(seeds_db):
    result = _audit(seeds_db)
    print("\nfalse merges:", result.false_merges)
    assert result.false_merges == {"within_document": [], "resolution": []}


def test_resolution_gold_entities_before_and_after_resolution(seeds_db, copy_db):
    with Corpus(copy_db(seeds_db)) as corpus:
        report = corpus.reresolve()
    print(f"\n{report['document_entities']} document entities -> {report['entities_after']} entities")
    assert report["documents"] == 5
    assert report["entities_after"] < report["document_entities"] / 1.5
    # resolving again from what the documents said reproduces the ingest exactly
    assert report["links_changed"] == 0 and report["rows_changed"] == 0
    assert report["entities_before"] == report["entities_after"]
