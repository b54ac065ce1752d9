"""Side-by-side check on a peer's human-coded sentences (PLOVER gold standard records).

Each of the 322 sentences is extracted as its own one-sentence document.  Where the
coders recorded a number of dead or injured, an event of ours must carry it; where
they coded a violent event with dead, we must find an event at all.  The set was
coded by others, for another ontology, about other wars: it keeps the casualty rules
honest.  Floors live in eval/plover_floors.json and only go up.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from ratline.pipeline import extract
from ratline.schema import Document

REPO = Path(__file__).parents[1]
GSR = REPO / ".." / "shared" / "external" / "plover_gsr" / "PLOVER_GSR_CAMEO.txt"
FLOORS = json.loads((REPO / "eval" / "plover_floors.json").read_text(encoding="utf-8"))


def _records() -> list[dict]:
    if not GSR.exists():
        pytest.skip(f"{GSR} not beside the checkout")
    return [r for r in json.loads(GSR.read_text(encoding="utf-8")) if isinstance(r, dict) and r.get("text")]


def _events(record: dict):
    doc = Document(doc_id=record["id"], name=record["id"], source="plover-gsr", title=None,
                   body=record["text"], published="2000-06-15")
    return extract(doc).events


@pytest.fixture(scope="module")
def scored() -> dict[str, tuple[int, int]]:
    dead, injured, found = [0, 0], [0, 0], [0, 0]
    for r in _records():
        if not (r.get("dead") or r.get("injured")):
            continue
        events = _events(r)
        found[1] += 1
        found[0] += bool(events)
        if r.get("dead"):
            # a running total "since last July" is a tally, not one event
            dead[1] += 1
            dead[0] += any(int(r["dead"]) in (e.killed_best, e.killed_low) for e in events)
        if r.get("injured"):
            injured[1] += 1
            injured[0] += any(e.wounded == int(r["injured"]) for e in events)
    return {"dead": tuple(dead), "injured": tuple(injured), "violent_event_found": tuple(found)}


@pytest.mark.parametrize("measure", ["dead", "injured", "violent_event_found"])
def test_plover_gsr_casualty_figures_stay_above_floors(scored, measure):
    ok, n = scored[measure]
    assert n > 0, f"no PLOVER records with {measure}"
    print(f"PLOVER GSR {measure}: {ok}/{n}")
    assert ok / n >= FLOORS[measure], f"{measure} {ok}/{n} below floor {FLOORS[measure]}"


def test_plover_gsr_a_number_not_stated_stays_null():
    """Sentences whose coders recorded no dead must not get an invented death toll of 0."""
    for r in _records():
        if r.get("dead"):
            continue
        for e in _events(r):
            assert e.killed_best != 0 or "no one" in r["text"].lower() or "nobody" in r["text"].lower(), r["text"]
