"""Many extraction results from a few: the store step measured at corpus scale.

Extraction runs at ~15 documents/s on this machine's two cores, so a 10-minute
benchmark cannot extract 20,000 documents.  What the store step (resolve, write,
merge events) costs per document depends on what is already stored, not on how
the extraction was made, so ``make bench`` extracts a few thousand generated
documents once and feeds the store ``variants`` of them.

Variant 0 of a document is its extraction as it is.  Variant ``v > 0`` changes,
with a generator seeded by (seed, v, doc_id), every fact event blocking and
entity resolution key on:

- **dates**: the document is moved to a publication date drawn like the corpus
  generator's (``corpusgen.published``: uniform over its war's years) and every
  date in it (events, relations, tallies) by the same number of days, so the
  stream is as dense per country-day as a generated corpus of the same size;
  month and year dates stay the first of their month or year;
- **places**: each placed event's town becomes a town of the same country seen
  in the base extractions (its entity, coordinates, province), one mapping per
  document, the name replaced in the quote and body;
- **people**: every person the extractor named from the text (``person_*``) gets
  a name drawn from the generator's name lists (a new id, aliases, quote and body
  text), so people recur across documents about as often as in the generator;
- **figures**: killed counts move by -2..+2 (never below 0).

Groups, forces and types stay: they are the corpus's vocabulary.  Character
spans are not realigned after a name is replaced (the store keeps them but the
store step does not read them).  The same base, count and seed give the same
stream.
"""
from __future__ import annotations

import copy
import datetime as dt
import hashlib
import pickle
import random
import re
from collections.abc import Iterator
from dataclasses import replace

import corpusgen
from ratline.schema import Entity, Extraction

_CODE = re.compile(r"_([a-z]{2})\.(?:txt|html)$")


def _shift(date: str | None, precision: str | None, days: int) -> str | None:
    if not date or len(date) < 10:
        return date
    try:
        d = dt.date.fromisoformat(date[:10]) + dt.timedelta(days=days)
    except ValueError:
        return date
    if precision == "month":
        d = d.replace(day=1)
    elif precision == "year":
        d = d.replace(month=1, day=1)
    return d.isoformat() + date[10:]


def _slug(name: str) -> str:
    return "person_" + re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


class Variants:
    """The base extractions (pickled: a copy to change is one ``pickle.loads``) and
    what variants draw on: towns per country (from the base's placed events) and the
    generator's wars and name lists."""

    def __init__(self, base: list[bytes], seed: int = 2026):
        self.base, self.seed = base, seed
        self.wars = {w.code: w for w in corpusgen.wars()}
        self.towns: dict[str, dict[str, tuple]] = {}
        for blob in base:
            ex = pickle.loads(blob)
            ents = {e.id: e for e in ex.entities}
            for ev in ex.events:
                ent = ents.get(ev.location or "")
                if ent is not None and ev.latitude is not None and ev.country and (ev.where_precision or 9) <= 3:
                    self.towns.setdefault(ev.country, {}).setdefault(ent.id, (
                        ent, ev.admin1, ev.country, ev.latitude, ev.longitude, ev.where_precision))
        self.town_lists = {c: [t[k] for k in sorted(t)] for c, t in self.towns.items()}
        self.given = sorted({g for w in self.wars.values() for g in w.people[0]})
        self.family = sorted({f for w in self.wars.values() for f in w.people[1]})

    def stream(self, n: int) -> Iterator[Extraction]:
        """``n`` extractions: variant 0 of every base document, then variant 1, ..."""
        v = 0
        while True:
            for blob in self.base:
                if n <= 0:
                    return
                n -= 1
                yield pickle.loads(blob) if v == 0 else self.variant(pickle.loads(blob), v)
            v += 1

    def variant(self, ex: Extraction, v: int) -> Extraction:
        """Variant ``v`` of ``ex`` (changed in place: pass a copy)."""
        doc = ex.document
        rng = random.Random(f"{self.seed}:{v}:{doc.doc_id}")
        # dates
        days = self._days(ex, rng)
        text: dict[str, str] = {}               # old surface text -> new
        ids: dict[str, str] = {}                # old entity id -> new
        # people
        extra: list[Entity] = []
        for ent in ex.entities:
            if ent.type != "person" or not ent.id.startswith("person_"):
                continue
            name = f"{rng.choice(self.given)} {rng.choice(self.family)}"
            for old in {ent.name, *ent.aliases}:
                if old:
                    text[old] = name
            old_last, new_last = ent.name.split()[-1], name.split()[-1]
            if len(old_last) > 3:
                text.setdefault(old_last, new_last)
            ids[ent.id] = _slug(name)
            ent.id, ent.name, ent.aliases = _slug(name), name, [name]
        # places
        for ev in ex.events:
            towns = self.town_lists.get(ev.country or "")
            if not towns or ev.latitude is None or (ev.where_precision or 9) > 3 or not ev.location:
                continue
            if ev.location not in ids:
                ent = rng.choice(towns)[0]
                ids[ev.location] = ent.id
                old = next((e for e in ex.entities if e.id == ev.location), None)
                if old is not None and old.name and old.name != ent.name:
                    text.setdefault(old.name, ent.name)
                if all(e.id != ent.id for e in ex.entities + extra):
                    extra.append(copy.deepcopy(ent))
            new_id = ids[ev.location]
            _, ev.admin1, ev.country, ev.latitude, ev.longitude, ev.where_precision = \
                self.towns[ev.country][new_id]
        ex.entities += extra
        sub = _substituter(text)
        canon = lambda i: ids.get(i, i) if i else i       # noqa: E731
        for ev in ex.events:
            ev.location = canon(ev.location)
            ev.actors = [canon(a) for a in ev.actors]
            ev.targets = [canon(t) for t in ev.targets]
            ev.quote = sub(ev.quote)
            ev.date = _shift(ev.date, ev.date_precision, days)
            for side in ("killed_low", "killed_best", "killed_high"):
                if getattr(ev, side) is not None:
                    setattr(ev, side, max(0, getattr(ev, side) + rng.randint(-2, 2)))
        for r in ex.relations:
            r.subject, r.object, r.quote = canon(r.subject), canon(r.object), sub(r.quote)
            r.date = _shift(r.date, r.date_precision, days)
            r.since, r.until = _shift(r.since, None, days), _shift(r.until, None, days)
        for t in ex.tallies:
            t.subject, t.quote, t.since = canon(t.subject), sub(t.quote), _shift(t.since, None, days)
            t.by = [canon(b) for b in t.by] if isinstance(t.by, list) else canon(t.by)
        for m in ex.mentions:
            m.key = canon(m.key)
        for r in ex.routes:
            r.origin, r.destination, r.mover = canon(r.origin), canon(r.destination), canon(r.mover)
        ex.document = replace(
            doc, doc_id=hashlib.sha256(f"{doc.doc_id}/{v}".encode()).hexdigest()[:16],
            name=re.sub(r"(\.\w+)$", rf"_v{v}\1", doc.name), body=sub(doc.body),
            published=_shift(doc.published, doc.published_precision, days))
        return ex

    def _days(self, ex: Extraction, rng: random.Random) -> int:
        """Days to move the document by: to a publication date of its war drawn the
        generator's way, or up to three years either way for another document."""
        m = _CODE.search(ex.document.name)
        war = self.wars.get(m.group(1).upper()) if m else None
        published = ex.document.published
        if war is None or not published:
            return rng.randint(-3 * 365, 3 * 365)
        return (corpusgen.published(war, rng) - dt.date.fromisoformat(published[:10])).days


def _substituter(text: dict[str, str]):
    if not text:
        return lambda s: s
    pattern = re.compile("|".join(re.escape(k) for k in sorted(text, key=len, reverse=True)))
    return lambda s: pattern.sub(lambda m: text[m.group(0)], s) if s else s
