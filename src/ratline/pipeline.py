"""The extraction pipeline as one pure function: a Document in, an Extraction out.

The CLI, the store, the evaluation gate and (later) Dask workers all call
``extract``/``extract_paths``; nothing here touches a database or a terminal.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from ratline.extract.events import EventExtractor, build_events
from ratline.extract.relations import date_relations, extract_relations
from ratline.extract.tallies import extract_tallies
from ratline.mentions.dictionary import ActorDictionary
from ratline.mentions.finder import DocMentions, MentionFinder
from ratline.mentions.numbers import find_quantities
from ratline.schema import Document, Entity, Extraction, Skipped
from ratline.timeparse.dates import find_dates
from ratline.timeparse.pubdate import infer_publication

_FINDER: MentionFinder | None = None


def _finder() -> MentionFinder:
    global _FINDER
    if _FINDER is None:
        _FINDER = MentionFinder()
    return _FINDER


def extract(doc: Document, finder: MentionFinder | None = None) -> Extraction:
    finder = finder or _finder()
    dm = finder.find(doc)
    if not doc.published:
        doc.published, doc.published_basis = infer_publication(doc.body, _active_ranges(dm, finder.dictionary))
    base = dt.date.fromisoformat(doc.published) if doc.published else None
    paragraphs = _paragraph_index(doc.body, dm)
    extractor = EventExtractor(dm, doc.body, base, find_dates, find_quantities, paragraphs)
    drafts = extractor.run()
    events, conflicts = build_events(drafts, dm, doc.published)
    tallies = extract_tallies(dm, base, find_dates, find_quantities)
    relations = extract_relations(dm)
    date_relations(relations, base, find_dates)
    entities = _entities(dm, events, relations, tallies)
    last = dm.sentences[-1].span.text if dm.sentences else None
    return Extraction(document=doc, entities=entities, mentions=dm.mentions, relations=relations,
                      events=events, tallies=tallies, conflicts=conflicts, body_last_sentence=last)


def extract_paths(paths: Iterable[str]) -> Iterator[Extraction | Skipped]:
    from ratline.ingest import read_inputs

    for item in read_inputs(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        try:
            yield extract(item)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop a run
            yield Skipped(item.source, f"extraction failed: {type(exc).__name__}: {exc}")


def _paragraph_index(body: str, dm: DocMentions) -> list[int]:
    out = []
    para = 0
    prev_end = 0
    for sent in dm.sentences:
        if "\n\n" in body[prev_end:sent.span.start] or (prev_end and "\n" in body[prev_end:sent.span.start]):
            para += 1
        out.append(para)
        prev_end = sent.span.end
    return out


def _active_ranges(dm: DocMentions, dictionary: ActorDictionary):
    """Periods during which the known actors named in the body existed (for undated pages)."""
    ranges = []
    for key in {m.key for m in dm.mentions}:
        actor = dictionary.actors.get(key)
        if actor is None or not actor.active:
            continue
        start, end = actor.active
        ranges.append((_month_start(start), _month_end(end) if end else None))
    return [r for r in ranges if r[0] is not None]


def _month_start(text: str | None):
    if not text:
        return None
    parts = [int(p) for p in str(text).split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, 1)


def _month_end(text: str):
    parts = [int(p) for p in str(text).split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 12, 31)
    nxt = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _entities(dm: DocMentions, events, relations, tallies) -> list[Entity]:
    return sorted(dm.entities.values(), key=lambda e: (e.type, e.name))
