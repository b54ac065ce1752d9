"""Small hand-built extractions for the store tests (no pipeline needed)."""
from __future__ import annotations

import hashlib

import pytest

from ratline.schema import (
    Claim, Conflict, Document, Entity, Event, Extraction, Mention, Relation, Span, Tally,
)


def span_of(body: str, text: str) -> Span:
    start = body.index(text)
    return Span(start, start + len(text), text)


def make_extraction(body: str, name: str, published: str | None = "2007-06-30",
                    entities: list[Entity] | None = None) -> Extraction:
    """An extraction of ``body`` with one of each record kind, offsets real."""
    doc = Document(
        doc_id=hashlib.sha256(body.encode()).hexdigest()[:16], name=name, source=f"/in/{name}",
        title="Raid on the network", body=body, published=published,
        published_basis="test", has_comments=True, comments=["Reader says: hi"],
        boilerplate=["Donate now"],
    )
    ents = entities if entities is not None else [
        Entity("mahdi_army", "armed_group", "Mahdi Army", ["Mahdi Army", "Jaysh al-Mahdi"],
               "IQ", basis="dictionary:actors.yaml"),
        Entity("p1", "person", "Qais Qazali", ["Qais Qazali", "Qazali"], "IQ", basis="name"),
        Entity("iraqi_forces", "state_force", "Iraqi Security Forces", ["Iraqi forces"], "IQ",
               basis="dictionary:actors.yaml"),
        Entity("sadr_city", "place", "Sadr City", ["Sadr City"], "IQ", basis="gazetteer"),
    ]
    raid = "Iraqi forces raided a Mahdi Army cell in Sadr City, killing 5."
    lead = "Qais Qazali leads the Mahdi Army cell."
    tally = "Iraqi forces have captured 12 Mahdi Army members since April 27, 2007."
    for ent in ents:                      # like a real extraction: only forms in the body
        ent.aliases = [a for a in ent.aliases if a in body]
    mentions = []
    for ent in ents:
        for alias in ent.aliases:
            if alias in body:
                mentions.append(Mention(span_of(body, alias), ent.type, ent.id, 0, "test"))
    ex = Extraction(document=doc, entities=ents, mentions=mentions, body_last_sentence=tally)
    if raid in body:
        ex.events.append(Event(
            id="e1", type="raid", quote=raid, span=span_of(body, raid), date="2007-06-30",
            date_precision="day", date_text="Saturday", location="sadr_city", admin1="Baghdad",
            country="IQ", latitude=33.39, longitude=44.46, where_precision=1,
            actors=["iraqi_forces"], targets=["mahdi_army"], killed_low=5, killed_best=5,
            killed_high=5, claim_source="MNF-I press release", basis="test"))
        ex.conflicts.append(Conflict("e1", [Claim("MNF-I", "5 gunmen"), Claim("official", "8 civilians")]))
    if lead in body:
        ex.relations.append(Relation("p1", "leads", "mahdi_army", lead, span_of(body, lead), "test"))
    if tally in body:
        ex.tallies.append(Tally("mahdi_army", "2007-04-27", None, 12, ["iraqi_forces"], tally,
                                span_of(body, tally), "test"))
    return ex


BODY_A = ("Iraqi forces raided a Mahdi Army cell in Sadr City, killing 5. "
          "Qais Qazali leads the Mahdi Army cell. "
          "Iraqi forces have captured 12 Mahdi Army members since April 27, 2007.")
BODY_B = ("Qais Qazali leads the Mahdi Army cell. "
          "Officials said the Jaysh al-Mahdi was quiet in Sadr City.")


@pytest.fixture
def make():
    """The builder itself, for tests that need their own bodies or entities."""
    return make_extraction


@pytest.fixture
def extraction_a() -> Extraction:
    return make_extraction(BODY_A, "a.txt", "2007-06-30")


@pytest.fixture
def extraction_b() -> Extraction:
    return make_extraction(BODY_B, "b.txt", "2008-01-15")
