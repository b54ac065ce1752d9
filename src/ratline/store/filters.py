"""Event filters by names as people write them: places at any level, actors with their parts.

Why: an analyst types ``--place Iraq`` or ``--place Nineveh``, not ISO codes or
gazetteer ids, and expects every event inside it; ``--actor "Islamic State"
--include-parts`` should bring in ISWAP and IS-Sahel, which the reporting states
are part of it.  The place test reads the project's gazetteer (country names and
aliases, provinces, towns) and the stored place entities; the actor test follows
the stored ``part_of``/``front_for`` relations.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ratline.resolve.names import fold
from ratline.store import eventsummary, queries
from ratline.store.sqlite import Store

# Relations whose subject is a part of their object: a unit, a branch, a front.
PART_PREDICATES = ("part_of", "front_for")


@dataclass
class PlaceFilter:
    """The places a user's name stands for: countries, provinces and towns."""

    text: str
    countries: set[str] = field(default_factory=set)                 # ISO2
    provinces: set[tuple[str, str]] = field(default_factory=set)     # (ISO2, folded name)
    towns: set[tuple[str | None, str]] = field(default_factory=set)  # (ISO2, folded name)
    entity_ids: set[str] = field(default_factory=set)

    def __call__(self, ev: dict[str, Any]) -> bool:
        country, admin1 = ev.get("country"), ev.get("admin1")
        if ev.get("location") in self.entity_ids or country in self.countries:
            return True
        if admin1 and ((country, fold(admin1)) in self.provinces
                       or (None, fold(admin1)) in self.provinces):
            return True
        place = ev.get("place")
        return bool(place) and ((country, fold(place)) in self.towns
                                or (None, fold(place)) in self.towns)


def place_filter(store: Store, text: str) -> PlaceFilter:
    """Everything ``text`` can name: a country (name, alias, ISO2/ISO3 code), the
    provinces of that name, the town the gazetteer takes it for, stored place
    entities of that name; and, as before, a province or country written as stored."""
    text = text.strip()
    f = PlaceFilter(text)
    ids = queries.find_entities(store, text)
    if ids:
        marks = ", ".join("?" * len(ids))
        f.entity_ids = {r["id"] for r in store.query(
            f"SELECT id FROM entities WHERE type = 'place' AND id IN ({marks})", ids)}
    f.provinces.add((None, fold(text)))
    try:
        _add_gazetteer_places(f, text)
    except Exception:   # no gazetteer data installed: the stored names still filter
        pass
    if len(text) == 2 and text.isalpha():
        f.countries.add(text.upper())
    if f.countries:     # a country's name is no town: keep its own test only
        f.towns.clear()
    return f


def _add_gazetteer_places(f: PlaceFilter, text: str) -> None:
    from ratline.place.gazetteer import Gazetteer
    from ratline.place.names import exact_key, loose_from_exact
    gz = Gazetteer.default()
    code = gz.countries.code(text)
    if code:
        f.countries.add(code)
        return
    ek = exact_key(text)
    for province, exact in gz.provinces.index.match(text, ek, loose_from_exact(ek)):
        if exact:
            f.provinces.add((province.country, fold(province.name)))
    place = gz.lookup(text)
    if place is None:
        f.towns.add((None, fold(text)))
    elif place.feature == "province":
        f.provinces.add((place.country, fold(place.admin1 or place.name)))
    elif place.feature != "country":
        f.towns |= {(place.country, fold(place.name)), (place.country, fold(text))}


def actor_ids(store: Store, text: str, include_parts: bool = False) -> set[str]:
    """The entities ``text`` names (id, name or any alias) and, with ``include_parts``,
    every entity the reporting makes a part or front of one of them, transitively."""
    ids = set(queries.find_entities(store, text))
    if not include_parts or not ids:
        return ids
    marks = ", ".join("?" * len(PART_PREDICATES))
    edges = store.query(f"SELECT DISTINCT subject, object FROM relations "
                        f"WHERE predicate IN ({marks})", list(PART_PREDICATES))
    parts: dict[str, set[str]] = {}
    for e in edges:
        parts.setdefault(e["object"], set()).add(e["subject"])
    todo = list(ids)
    while todo:
        for sub in parts.get(todo.pop(), ()):
            if sub not in ids:
                ids.add(sub)
                todo.append(sub)
    return ids


def event_test(store: Store, *, place: str | None = None, actor: str | None = None,
               include_parts: bool = False, type_: str | None = None,
               doc: str | None = None, min_killed: int | None = None
               ) -> Callable[[dict[str, Any]], bool]:
    """One predicate for all the name-based filters (each None leaves it out); ``doc``
    is a document id already chosen (``naming.choose_document``)."""
    tests: list[Callable[[dict[str, Any]], bool]] = []
    if place:
        tests.append(place_filter(store, place))
    if actor:
        ids = actor_ids(store, actor, include_parts)
        tests.append(lambda ev: bool(ids & set(ev["actors"] + ev["targets"])))
    if type_:
        tests.append(lambda ev: ev["type"] == type_)
    if doc:
        tests.append(lambda ev: any(r["doc_id"] == doc for r in ev["reports"]))
    if min_killed is not None:
        tests.append(lambda ev: _most_killed(ev) >= min_killed)
    return lambda ev: all(t(ev) for t in tests)


def _most_killed(ev: dict[str, Any]) -> int:
    """The event's best killed figure (the median of its reports', ``eventsummary``), else
    its low one; -1 when no report gives a figure (unknown is not zero)."""
    fig = eventsummary.figures(ev["reports"])
    best = fig["killed_best"] if fig["killed_best"] is not None else fig["killed_low"]
    return -1 if best is None else best
