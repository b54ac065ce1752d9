"""Running tallies beside the stored events in their window; on hand-made
extractions, then on the development set (../shared/corpus) with the demo corpus."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from ratline.api import Corpus
from ratline.ingest import read_inputs
from ratline.pipeline import extract
from ratline.reconcile import to_text
from ratline.schema import Document, Entity, Event, Extraction, Span, Tally

REPO = Path(__file__).parents[1]
SHARED = REPO / ".." / "shared" / "corpus"


def doc_with(name: str, published: str, events: list[tuple], tally: tuple | None = None) -> Extraction:
    """events: (date, killed, captured); tally: (since, killed, captured)."""
    body = " ".join(f"Raid number {i} on the Zed Brigade." for i in range(len(events))) + \
        (" Troops have killed many since spring." if tally else "")
    doc = Document(name, name, name, None, body, published=published)
    ents = [Entity("zed", "armed_group", "Zed Brigade", ["Zed Brigade"], "IQ", basis="name")]
    out = Extraction(document=doc, entities=ents)
    for i, (date, killed, captured) in enumerate(events):
        text = f"Raid number {i} on the Zed Brigade."
        start = body.index(text)
        out.events.append(Event(f"e{i + 1}", "raid", text, Span(start, start + len(text), text),
                                date=date, date_precision="day", targets=["zed"],
                                killed_low=killed, killed_best=killed, killed_high=killed,
                                captured=captured, location=None))
    if tally:
        text = "Troops have killed many since spring."
        start = body.index(text)
        out.tallies.append(Tally("zed", tally[0], tally[1], tally[2], [], text,
                                 Span(start, start + len(text), text)))
    return out


def test_reconcile_tally_explained_by_its_events_is_not_flagged(tmp_path):
    with Corpus(tmp_path / "r.db") as corpus:
        corpus.add(doc_with("a", "2009-02-01", [("2009-01-05", 3, 1), ("2009-01-20", 4, None)]))
        corpus.add(doc_with("b", "2009-03-01", [("2008-12-30", 50, 50)], ("2009-01-01", 7, 1)))
        (t,) = corpus.tallies()
    assert t["events_sum"] == {"killed": 7, "captured": 1}
    assert t["verdict"] == {"killed": "matches", "captured": "matches"} and not t["flagged"]
    assert [e["date"] for e in t["events"]] == ["2009-01-05", "2009-01-20"]   # not the one before
    assert t["events_without_figure"]["captured"] == 1


def test_reconcile_events_beyond_the_tally_are_flagged(tmp_path):
    with Corpus(tmp_path / "r.db") as corpus:
        corpus.add(doc_with("a", "2009-02-01", [("2009-01-05", 30, None)], ("2009-01-01", 7, None)))
        (t,) = corpus.tallies()
    assert t["verdict"]["killed"] == "exceeds" and t["flagged"]
    assert t["verdict"]["captured"] == "no figure"
    assert "FLAG" in to_text([t])


@pytest.fixture(scope="module")
def development(tmp_path_factory):
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared/corpus is not beside this checkout")
    db = tmp_path_factory.mktemp("dev") / "dev.db"
    with Corpus(db) as corpus:
        for doc in read_inputs([str(SHARED / "seeds"), str(REPO / "corpus" / "demo")]):
            corpus.add(extract(doc))
    return db


def test_reconcile_seed_tally_91_112_beside_its_window(development):
    with Corpus(development) as corpus:
        tallies = corpus.tallies()
    t = next(t for t in tallies if t["reported"] == {"killed": 91, "captured": 112})
    assert (t["since"], t["until"]) == ("2007-04-27", "2007-06-30")
    raids = [e for e in t["events"] if e["type"] == "raid" and e["place"] == "Sadr City"]
    # the June 30 raids target the tally's subject (the secret cells); the June 29 raid is
    # reported against "the same network", which the gold gives as the Qazali network only
    assert {e["date"] for e in raids} >= {"2007-06-30"}
    assert all("2007-04-27" <= e["date"] <= "2007-06-30" for e in t["events"])
    assert t["events_sum"]["killed"] == sum(e["killed"] or 0 for e in t["events"])
    assert t["events_sum"]["killed"] < 91 and t["flagged"]       # the events cannot explain it
    assert t["previous"] and t["previous"]["reported"] == {"killed": 47, "captured": 88}


def test_reconcile_events_shared_by_two_gold_files_are_stored_once(development):
    """Gold events in two files with the same type, date and place and a common
    side are one real event: the reports we read of them must share an event."""
    gold = {p.stem: json.loads(p.read_text(encoding="utf-8"))
            for p in sorted((SHARED / "gold").glob("*.json"))}
    with Corpus(development) as corpus:
        events = corpus.events()
    event_of_quote = [(r["doc"].rsplit(".", 1)[0], " ".join(r["quote"].split()), e["event_id"])
                      for e in events for r in e["reports"]]

    def ours(stem: str, quote: str) -> str | None:
        quote = " ".join(quote.split())
        hits = [eid for doc, q, eid in event_of_quote if doc == stem and (q in quote or quote in q)]
        return hits[0] if hits else None

    checked = 0
    names = sorted(gold)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            for x in gold[a]["events"]:
                for y in gold[b]["events"]:
                    same = (x["type"], x["date"], x["location"]) == (y["type"], y["date"], y["location"])
                    sides = set(x["targets"]) & set(y["targets"]) if x["targets"] and y["targets"] \
                        else set(x["actors"]) & set(y["actors"])
                    if not same or not sides:
                        continue
                    ea, eb = ours(a, x["quote"]), ours(b, y["quote"])
                    if ea and eb:
                        assert ea == eb, (a, x["id"], b, y["id"])
                        checked += 1
    assert checked >= 3


def test_reconcile_every_event_with_a_named_place_is_placed(development):
    with Corpus(development) as corpus:
        events = corpus.events()
    named = [e for e in events if e["location"]]
    assert named and all(e["lat"] is not None and e["where_precision"] for e in named)
