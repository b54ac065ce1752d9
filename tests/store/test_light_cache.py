"""``eventmerge.LightCache``: the light rows of stored reports that ``api.Corpus``
keeps from one document to the next must never be read stale.  A relink (a bare
surname joining its only holder) rewrites a stored report's party ids while a
document is stored: the rows read before it must be forgotten, or a later
document's pair with the relinked report is judged on the old ids and lost.
(The relinking document's own pairs with it are judged again by
``eventmerge.rejudge`` from fresh rows whatever the cache holds.)"""
from __future__ import annotations

import hashlib

from ratline.api import Corpus
from ratline.schema import Document, Entity, Event, Extraction, Span

QUOTE = "A house was raided in Basra and two men were taken away by armed men in uniforms."


def _doc(name: str, quote: str, person: str | None) -> Extraction:
    body = quote + (f" {person} was named by the police." if person else "")
    doc = Document(doc_id=hashlib.sha256(body.encode()).hexdigest()[:16], name=name,
                   source=name, title=name, body=body, published="2008-05-13")
    ents = [Entity("basra", "place", "Basra", ["Basra"], "IQ", basis="gazetteer")]
    if person:
        ents.append(Entity("p0", "person", person, [person], "IQ", basis="name"))
    ev = Event(id="e1", type="raid", quote=quote, span=Span(0, len(quote), quote),
               date=None, date_precision=None, location="basra", admin1="Basra", country="IQ",
               latitude=30.5, longitude=47.8, where_precision=1,
               actors=["p0"] if person else [], basis="test")
    return Extraction(document=doc, entities=ents, events=[ev])


DOCS = [
    _doc("a.txt", QUOTE, "Qazali"),                      # a bare surname: its own entity
    _doc("c.txt", QUOTE, None),                          # the same passage: reads a's row
    _doc("b.txt", "Gunmen led by Qais Qazali stormed a police post in Basra at dawn.",
         "Qais Qazali"),                                 # relinks a's Qazali to him
    _doc("d.txt", "Police said Qais Qazali was behind the abduction of two men in Basra.",
         "Qais Qazali"),                                 # pairs with a through him
]


def _judged(path, size: int | None) -> tuple[set, set]:
    """(events, machine judgements), by document names."""
    with Corpus(path) as corpus:
        if size is not None:
            corpus._light.size = size
        for ex in DOCS:
            corpus.add(ex)
        names = {r["doc_id"]: r["name"] for r in corpus.store.query("SELECT doc_id, name FROM documents")}
        events: dict[str, set[str]] = {}
        for r in corpus.store.query("SELECT event_id, doc_id FROM event_reports"):
            events.setdefault(r["event_id"], set()).add(names[r["doc_id"]])
        pairs = {frozenset({names[r["report_a"].split(":")[0]], names[r["report_b"].split(":")[0]]})
                 for r in corpus.store.query("SELECT report_a, report_b FROM event_judgements")}
        return {frozenset(g) for g in events.values()}, pairs


def test_a_relinked_report_is_not_judged_on_its_cached_row(tmp_path):
    events, pairs = _judged(tmp_path / "cached.db", None)
    # c shares a's passage; b and d share the person a's bare surname turns out to be
    assert frozenset({"a.txt", "d.txt"}) in pairs
    assert events == {frozenset({"a.txt", "b.txt", "c.txt", "d.txt"})}
    assert (events, pairs) == _judged(tmp_path / "uncached.db", 0)
