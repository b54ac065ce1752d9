"""A generated corpus for the web benchmark: N events in N/10 documents, each a
made-up report naming actors from a fixed pool (300), restating three of the
600 relations among them, with a tally and a route along one of 40 corridors, stored through the real store and resolver (``Store.add``) so the app
reads what it reads in use.  Cross-document event merging is skipped: it is
ingest's cost, not the server's, and a store of 10,000 merged events is what
is measured either way.

Deterministic (seeded), so two runs measure the same store.
"""
from __future__ import annotations

import datetime as dt
import random

from ratline.api import Corpus
from ratline.schema import Document, Entity, Event, Extraction, Relation, Route, Span, Tally

KINDS = ("armed_group", "state_force", "person", "government")
EVENT_TYPES = ("raid", "armed_clash", "airstrike", "ied_attack", "arrest", "kidnapping")
PREDICATES = ("supports", "member_of", "leads", "part_of", "allied_with", "splinter_of")
CARGO = (("weapons", "weapons"), ("fighters", "people"), ("money", "money"), ("recruits", "training"))


def _actors(rng: random.Random, n: int) -> list[Entity]:
    return [Entity(id=f"bench_actor_{i}", type=KINDS[i % len(KINDS)],
                   name=f"{rng.choice(['Northern', 'Red', 'Free', 'Iron', 'Desert'])} "
                        f"{rng.choice(['Brigade', 'Front', 'Battalion', 'Network'])} {i}",
                   basis="dictionary:bench") for i in range(n)]


def _places(rng: random.Random, n: int) -> list[tuple[Entity, float, float]]:
    return [(Entity(id=f"bench_place_{i}", type="place", name=f"Town {i}", basis="dictionary:bench"),
             rng.uniform(29.5, 37.0), rng.uniform(38.5, 48.0)) for i in range(n)]


def _true_relations(rng: random.Random, actors: list[Entity], per_actor: int = 2):
    """The network the reports describe: each actor in a few relations, each
    relation reported by many documents (as in real reporting, where the same
    ties are restated), not a new random tie per sentence."""
    return [(a, PREDICATES[rng.randrange(len(PREDICATES))], rng.choice(actors))
            for a in actors for _ in range(per_actor)]


def _document(rng, i, actors, places, start, ties, corridors) -> Extraction:
    day = start + dt.timedelta(days=i * 3650 // 1000 + rng.randint(0, 2))
    events, relations = [], []
    named = rng.sample(actors, 6)
    spots = rng.sample(places, 4)
    body = f"Report {i}. "
    for k in range(10):
        actor, target = named[k % 6], named[(k + 1) % 6]
        place, lat, lon = spots[k % 4]
        sentence = (f"{actor.name} attacked {target.name} in {place.name} on "
                    f"{day.isoformat()}, killing {k + 1} people. ")
        s = len(body)
        body += sentence
        events.append(Event(id=f"e{k}", type=EVENT_TYPES[(i + k) % len(EVENT_TYPES)], quote=sentence.strip(),
                            span=Span(s, s + len(sentence) - 1, sentence.strip()), date=day.isoformat(),
                            date_precision="day", location=place.id, country="IQ", latitude=lat,
                            longitude=lon, where_precision=1, actors=[actor.id], targets=[target.id],
                            killed_low=k + 1, killed_best=k + 1, killed_high=k + 1, basis="bench"))
    for a, predicate, b in rng.sample(ties, 3):
        named += [x for x in (a, b) if x not in named]
        sentence = f"{a.name} {predicate} {b.name}. "
        s = len(body)
        body += sentence
        relations.append(Relation(subject=a.id, predicate=predicate,
                                  object=b.id, quote=sentence.strip(),
                                  span=Span(s, s + len(sentence) - 1, sentence.strip()), basis="bench"))
    (o, olat, olon), (d, dlat, dlon) = rng.choice(corridors)
    cargo, kind = CARGO[i % len(CARGO)]
    sentence = f"{named[0].name} smuggled {cargo} from {o.name} to {d.name}. "
    s = len(body)
    body += sentence
    route = Route(origin=o.id, origin_name=o.name, origin_lat=olat, origin_lon=olon, destination=d.id,
                  destination_name=d.name, destination_lat=dlat, destination_lon=dlon, cargo=cargo,
                  cargo_kind=kind, mover=named[0].id, quote=sentence.strip(),
                  span=Span(s, s + len(sentence) - 1, sentence.strip()), basis="bench")
    sentence = f"{named[0].name} has killed {i % 90 + 10} since {start.isoformat()}."
    s = len(body)
    body += sentence
    tally = Tally(subject=named[1].id, since=start.isoformat(), killed=i % 90 + 10, captured=None,
                  by=[named[0].id], quote=sentence, span=Span(s, len(body), sentence), basis="bench")
    doc = Document(doc_id=f"bench{i:05d}", name=f"bench_{i:05d}.txt", source="bench", title=f"Report {i}",
                   body=body, published=day.isoformat(), published_basis="bench",
                   published_precision="day")
    ents = named + list({p.id: p for p in [p for p, _, _ in spots] + [o, d]}.values())
    return Extraction(document=doc, entities=ents, events=events, relations=relations,
                      tallies=[tally], routes=[route])


def build(path: str, events: int = 10_000, actors: int = 300, places: int = 80, seed: int = 7) -> None:
    """Write a store of ``events`` events at ``path`` (which must not exist yet)."""
    rng = random.Random(seed)
    pool, spots = _actors(rng, actors), _places(rng, places)
    ties = [t for t in _true_relations(rng, pool) if t[0] is not t[2]]
    corridors = [tuple(rng.sample(spots, 2)) for _ in range(40)]     # routes keep to a few corridors
    start = dt.date(2005, 1, 1)
    with Corpus(path) as corpus:
        for i in range(events // 10):
            ex = _document(rng, i, pool, spots, start, ties, corridors)
            res = corpus.index.plan(ex.entities)
            if corpus.store.add(ex, res):
                corpus.index.commit(res)
