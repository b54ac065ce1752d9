"""Placing an event whose named place the gazetteer lacks (a facility, a hamlet)."""
from __future__ import annotations

from dataclasses import dataclass

from ratline.place.fallback import place_unplaced
from ratline.schema import Document, Entity, Event, Extraction, Mention, Span


@dataclass(frozen=True)
class P:
    name: str
    latitude: float
    longitude: float
    admin1: str | None
    country: str
    precision: int
    basis: str = "test"


KNOWN = {
    "Karbala": P("Karbala", 32.6, 44.0, "Karbala", "IQ", 1),
    "Zhari": P("Żary", 51.6, 15.1, "Lubusz", "PL", 1),          # a namesake abroad
    "Lower Shabelle": P("Lower Shabelle", 2.0, 44.8, "Lower Shabelle", "SO", 4),
    "Baghdad": P("Baghdad", 33.3, 44.4, "Baghdad", "IQ", 1),
    "Iraq": P("Iraq", 33.3, 44.4, None, "IQ", 6),
    "Afghanistan": P("Afghanistan", 34.5, 69.2, None, "AF", 6),
}


def lookup(name, country=None):
    return KNOWN.get(name)


def extraction(body: str, place: str, country: str, others: list[str] = ()) -> Extraction:
    doc = Document("d", "d.txt", "d.txt", None, body)
    ents = [Entity("loc", "place", place, [place], country)]
    mentions = [Mention(Span(body.index(place), body.index(place) + len(place), place), "place",
                        "loc", 0, "test")]
    for i, name in enumerate(others):
        start = body.index(name)
        ents.append(Entity(f"o{i}", "place", name, [name], country))
        mentions.append(Mention(Span(start, start + len(name), name), "place", f"o{i}", 0, "test"))
    ev = Event("e1", "raid", body, Span(0, len(body), body), location="loc")
    return Extraction(document=doc, entities=ents, mentions=mentions, events=[ev])


def test_fallback_place_named_in_the_same_sentence_gives_a_coarser_point():
    body = "Gunmen attacked the Provincial Joint Coordination Center in Karbala."
    got = place_unplaced(extraction(body, "Provincial Joint Coordination Center", "IQ",
                                    ["Karbala"]), lookup)["e1"]
    assert (got.admin1, got.country, got.where_precision) == ("Karbala", "IQ", 2)
    assert "same sentence" in got.basis and got.place_name == "Provincial Joint Coordination Center"


def test_fallback_a_known_place_inside_the_name():
    body = "The officer was held at Baghdad International Airport."
    got = place_unplaced(extraction(body, "Baghdad International Airport", "IQ"), lookup)["e1"]
    assert got.admin1 == "Baghdad" and got.where_precision == 2 and "inside" in got.basis


def test_fallback_refuses_a_namesake_abroad_and_falls_back_to_the_country():
    body = "Police arrested two men in Zhari district."
    got = place_unplaced(extraction(body, "Zhari", "AF"), lookup)["e1"]
    assert got.country == "AF" and got.where_precision == 6


def test_fallback_a_province_in_the_sentence_keeps_province_precision():
    body = "A car bomb hit the army base at Sabiid, in Lower Shabelle, on Saturday."
    got = place_unplaced(extraction(body, "Sabiid", "SO", ["Lower Shabelle"]), lookup)["e1"]
    assert got.where_precision == 4 and got.admin1 == "Lower Shabelle"


def test_fallback_placed_events_are_left_alone():
    ex = extraction("A raid in Karbala.", "Karbala", "IQ")
    ex.events[0].latitude, ex.events[0].longitude = 32.6, 44.0
    assert place_unplaced(ex, lookup) == {}
