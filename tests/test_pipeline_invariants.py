"""Invariants every extraction must keep, on real articles and on seeded garbage.

Every fact points at the words it rests on (``body[start:end] == quote``), figures are
ordered (low <= best <= high) and never negative, dates are ISO at a known precision,
and nothing crashes on text that is not an article at all.
"""
from __future__ import annotations

import datetime as dt
import random
import string
from pathlib import Path

import pytest

from ratline.ingest import read_inputs
from ratline.pipeline import extract
from ratline.schema import DATE_PRECISIONS, Document, EVENT_TYPES, RELATION_PREDICATES

REPO = Path(__file__).parents[1]
SEEDS = REPO / ".." / "shared" / "corpus" / "seeds"
WORDS = ("the raid killed captured Taliban in Kandahar on Monday at least 20 wounded al-Qaeda Abu Bakr said "
         "ISIS , . ; “ ” released kidnapped since April 2010 two Iraqi forces backed by leader of").split()


def _articles() -> list[Document]:
    paths = [str(REPO / "corpus" / "demo")] + ([str(SEEDS)] if SEEDS.is_dir() else [])
    return [d for d in read_inputs(paths) if isinstance(d, Document)]


def _garbage(seed: int) -> Document:
    rng = random.Random(seed)
    words = [rng.choice(WORDS + [rng.choice(string.printable)]) for _ in range(rng.randint(0, 150))]
    body = " ".join(words)
    if seed % 5 == 0:
        body = body.upper()
    if seed % 7 == 0:
        body = body.replace(" ", "\n\n")
    return Document(f"g{seed}", f"g{seed}", "seeded", None, body, published="2011-03-03" if seed % 2 else None)


def _check(x) -> None:
    body = x.document.body
    for item in [*x.events, *x.relations, *x.tallies]:
        assert body[item.span.start:item.span.end] == item.span.text == item.quote
    ids = {e.id for e in x.entities}
    for m in x.mentions:
        assert body[m.span.start:m.span.end] == m.span.text
        assert m.key in ids                  # no mention of an entity the report dropped
    for e in x.events:
        assert e.type in EVENT_TYPES
        assert e.location is None or e.location in ids
        assert set(e.actors) <= ids and set(e.targets) <= ids
        figures = [v for v in (e.killed_low, e.killed_best, e.killed_high, e.wounded, e.captured) if v is not None]
        assert all(v >= 0 for v in figures)
        ordered = [v for v in (e.killed_low, e.killed_best, e.killed_high) if v is not None]
        assert ordered == sorted(ordered)
        if e.date is not None:
            dt.date.fromisoformat(e.date)
            assert e.date_precision in DATE_PRECISIONS
    for r in x.relations:
        assert r.predicate in RELATION_PREDICATES
        assert r.subject in ids and r.object in ids and r.subject != r.object


@pytest.mark.parametrize("doc", _articles(), ids=lambda d: d.name)
def test_pipeline_invariants_on_articles(doc):
    _check(extract(doc))


@pytest.mark.parametrize("seed", range(120))
def test_pipeline_invariants_on_seeded_garbage(seed):
    _check(extract(_garbage(seed)))
