"""Coordinates for an event whose named place the gazetteer does not know.

Extraction gives an event the most specific place its text names, and that is
often a facility or a hamlet GeoNames lacks ("the Provincial Joint
Coordination Center in Karbala", "Mairamri village", "Zhari district").  A
conflict coder then codes the event to the nearest place that can be found and
says so with a coarser precision; this module does the same, trying in order:

1. the name itself, in the document's country (places files may hold it);
2. a known place inside the name ("Baghdad International Airport" -> Baghdad):
   near that point, where_prec 2 (3 when the name is an administrative unit
   such as "Gwoza Local Government Area");
3. the most specific other place named in the report's own sentence
   ("... Center in Karbala" -> Karbala; "Sabiid, in Lower Shabelle" -> the
   province): a town gives where_prec 2, a district 3, a province 4, a
   country 6;
4. the document's country, where_prec 6.

A candidate outside the document's country is refused (Zhari district is not
Żary, Poland).  The document's country is the location entity's own, else
the country its place names and placed events most often lie in.  Every result says
which rule chose it in ``basis``.  Pure: an Extraction in, placements out.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ratline.schema import Event, Extraction

# where_prec of the point an unknown place is coded to, by the precision of the
# place found: a town -> near it (2); a city district -> the district around it
# (3); provinces and countries keep theirs.
COARSER = {1: 2, 2: 3, 3: 3, 4: 4, 5: 5, 6: 6}
_ADMIN_WORDS = re.compile(r"\b(?:district|local government area|lga|county|governorate|"
                          r"municipality|region|prefecture|province|state)\b", re.IGNORECASE)
_UNIT_AFTER = re.compile(r"\s+(province|governorate|state|region)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Z][\w'’-]*")


@dataclass(frozen=True)
class Placement:
    place_name: str
    latitude: float
    longitude: float
    admin1: str | None
    country: str | None
    where_precision: int
    basis: str


Lookup = Callable[[str, "str | None"], object]


def default_lookup() -> Lookup:
    from ratline.place.gazetteer import Gazetteer
    return Gazetteer.default().lookup


def country_name(iso2: str) -> str | None:
    try:
        from ratline.place.gazetteer import Gazetteer
        country = Gazetteer.default().countries.by_iso.get(iso2)
    except (ImportError, OSError, ValueError):   # no gazetteer data: the country cannot be named
        return None
    return country.name if country else None


def place_unplaced(ex: Extraction, lookup: Lookup | None = None) -> dict[str, Placement]:
    """local event id -> placement, for events naming a place without coordinates."""
    todo = [e for e in ex.events if e.location and e.latitude is None]
    if not todo:
        return {}
    lookup = lookup or default_lookup()
    ents = {e.id: e for e in ex.entities}
    doc_country = _document_country(ex, ents)
    out: dict[str, Placement] = {}
    for ev in todo:
        ent = ents.get(ev.location)
        name = ent.name if ent is not None else ev.location
        hint = (ent.country if ent is not None else None) or ev.country or doc_country
        found = (_by_name(name, hint, lookup) or _inside_name(name, hint, lookup)
                 or _in_sentence(ev, ex, hint, lookup) or _country(hint, lookup))
        if found is not None:
            out[ev.id] = found
    return out


def _document_country(ex: Extraction, ents: dict) -> str | None:
    """The country the document is mostly about: its place mentions, then its placed events."""
    counted: Counter[str] = Counter()
    for m in ex.mentions:
        ent = ents.get(m.key)
        if m.kind == "place" and ent is not None and ent.country:
            counted[ent.country] += 1
    for e in ex.events:
        if e.country and e.latitude is not None:
            counted[e.country] += 1
    return counted.most_common(1)[0][0] if counted else None


def _ok(place, hint: str | None) -> bool:
    return place is not None and (hint is None or getattr(place, "country", None) == hint)


def _placement(place, precision: int, basis: str, name: str) -> Placement:
    return Placement(name, place.latitude, place.longitude, place.admin1, place.country,
                     precision, basis)


def _by_name(name: str, hint: str | None, lookup: Lookup) -> Placement | None:
    place = lookup(name, hint)
    if _ok(place, hint):
        return _placement(place, place.precision, f"the name itself ({place.basis})", place.name)
    return None


def _inside_name(name: str, hint: str | None, lookup: Lookup) -> Placement | None:
    words = _WORD.findall(name)
    for size in range(len(words) - 1, 0, -1):
        for i in range(len(words) - size + 1):
            part = " ".join(words[i:i + size])
            place = lookup(part, hint)
            if _ok(place, hint):
                prec = COARSER.get(place.precision, place.precision)
                if _ADMIN_WORDS.search(name) and prec < 3:
                    prec = 3
                return _placement(place, prec, f"{place.name}, named inside {name!r}", name)
    return None


def _in_sentence(ev: Event, ex: Extraction, hint: str | None,
                 lookup: Lookup) -> Placement | None:
    """The most specific place named in the event's quotation, nearest first."""
    anchor = _anchor(ev, ex)
    best = None
    for m in ex.mentions:
        if m.kind != "place" or m.key == ev.location:
            continue
        if m.span.start < ev.span.start or m.span.end > ev.span.end:
            continue
        place = None
        unit = _UNIT_AFTER.match(ex.document.body, m.span.end)
        if unit:                       # "Idlib province": the province, not the city
            place = lookup(f"{m.span.text} {unit.group(1)}", hint)
        if not _ok(place, hint):
            place = lookup(m.span.text, hint)
        if not _ok(place, hint):
            continue
        prec = COARSER.get(place.precision, place.precision)
        distance = abs(m.span.start - anchor)
        if best is None or (prec, distance) < best[0]:
            best = ((prec, distance), place, prec)
    if best is None:
        return None
    _, place, prec = best
    return _placement(place, prec, f"{place.name}, named in the same sentence",
                      _name_of(ev, ex))


def _anchor(ev: Event, ex: Extraction) -> int:
    for m in ex.mentions:
        if m.key == ev.location and ev.span.start <= m.span.start < ev.span.end:
            return m.span.start
    return ev.span.start


def _name_of(ev: Event, ex: Extraction) -> str:
    for e in ex.entities:
        if e.id == ev.location:
            return e.name
    return ev.location or ""


def _country(hint: str | None, lookup: Lookup) -> Placement | None:
    if not hint:
        return None
    name = country_name(hint) or hint
    place = lookup(name, hint)
    if place is None or getattr(place, "precision", None) != 6 or place.country != hint:
        return None
    return _placement(place, 6, f"the document's country ({place.name})", place.name)
