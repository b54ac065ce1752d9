"""Cross-document entity resolution: one canonical entity per real thing.

Each document's extraction has its own entities (ids local to the document,
except dictionary-known actors, which carry their stable dictionary id).  This
module attaches every document entity to a corpus-level canonical entity, and
says why, so a user can audit or overrule each decision:

1. ``dictionary`` — a dictionary-known actor keeps its dictionary id: same id,
   same entity.
2. ``alias`` — same type and a shared normalised name or alias (see
   ``names.norm``: case, diacritics, punctuation, "the"/"al"/"el", titles).
3. ``fuzzy`` — same type and rapidfuzz ``token_sort_ratio`` >= 92 between
   normalised names (spelling variants), looked up through a lossless block
   (``blocking.py``), not by scoring every stored name.
4. ``translit`` — same type and every word a romanisation variant of the
   other's (``names.translit_score``: Qais al-Khazali / Qays Qazali, Basra /
   Basrah, Qods / Quds), found through a consonant-skeleton block.
5. ``acronym`` — a group written as an acronym (JAM, AAH, KH, IRGC-QF) and a
   group of the same type whose name has those initials, only when exactly
   one such group is known.
6. ``surname_unique`` — a person named only by a surname ("Qazali") joins a
   person with a full name only when exactly one such person holds that
   surname (in the same document if any does, else in the corpus); with two
   or more it goes to a separate "surname only" entity (``surname_ambiguous``)
   rather than guessing.
7. ``new`` — nothing matched: a new canonical entity.

People are never merged when their given names differ (Qais vs Laith Qazali),
and a full name never merges into a surname-only entity, because sharing a
surname is not evidence of being the same person; surnames and given names
are compared up to romanisation (Qazali = Khazali, Qais = Kais).  Entities
whose countries are both known and differ never merge by any name rule.

**Order.**  Rules 2-4 are symmetric for a pair of names; the first and sixth
are not, and would make the result depend on which document came first.  So
``rejudgements`` says, after each plan, which earlier links the new document
makes wrong, and the store moves them (``store/relink.py``): a name shared
with a dictionary entity that arrives later goes to it (``absorb``); a
surname-only entity joins the full name that has just become the only holder
of its surname (``join``); bare surnames that joined the only holder part
from it once a second holder arrives (``part``).  The links are then those a
corpus gets in any order: a bare surname is with the corpus's unique holder,
or with the other bare uses of that surname.

Planning is pure: ``CanonicalIndex.plan`` reads the index and returns a
``Resolution`` without changing it; ``commit`` applies it once the store has
written the document.  A document whose transaction fails therefore leaves no
trace in the index either.  Every ``Link`` carries ``evidence``: the names that
matched, so a reviewer sees why, not only by which rule.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from rapidfuzz import fuzz

from ratline.resolve.blocking import FuzzyBlock
from ratline.resolve.names import (
    PersonName, acronym_key, fold, given_names_agree, initials_keys, loose, norm, person_name,
    same_word, skeleton_key, translit_score,
)
from ratline.schema import Entity

FUZZY_CUTOFF = 92.0
FUZZY_LIMIT = 10
IN_DOCUMENT = " in this document"     # the end of a surname_unique link's evidence made so


@dataclass
class Canonical:
    """A corpus-level entity as the resolver sees it."""

    id: str
    type: str
    name: str
    country: str | None = None


@dataclass(frozen=True)
class Link:
    """Why a document entity was attached to a canonical entity."""

    local_id: str
    entity_id: str
    rule: str
    score: float | None
    new: bool
    evidence: str | None = None      # which names matched ("'Basra' ~ 'Basrah'")


@dataclass(frozen=True)
class Rejudgement:
    """Earlier links a new document makes wrong (see the module docstring)."""

    kind: str                          # absorb | join | part
    target: str | None                 # the entity the moved links go to (part: None = new)
    sources: tuple[str, ...]           # the entities whose links are re-judged
    keys: frozenset[str]               # absorb: the shared names (norm); join/part: the surname
    why: str
    holders: tuple[tuple[str, str | None], ...] = ()   # part: (id, country) of every holder


@dataclass
class Resolution:
    """The plan for one document: links, entities to create, names learnt."""

    links: dict[str, Link] = field(default_factory=dict)
    new_entities: list[Canonical] = field(default_factory=list)
    names: list[tuple[str, str, list[str]]] = field(default_factory=list)
    staged: "_Tables | None" = field(default=None, repr=False, compare=False)

    def canonical(self, ref: str | None) -> str | None:
        """Canonical id for a local reference; unknown references pass through."""
        if ref is None:
            return None
        link = self.links.get(ref)
        return link.entity_id if link else ref


class _Tables:
    """Lookup tables over a set of canonical entities and their names."""

    def __init__(self) -> None:
        self.entities: dict[str, Canonical] = {}
        self.by_norm: dict[tuple[str, str], list[str]] = defaultdict(list)
        # type -> every normalised name, blocked for the fuzzy rule (blocking.py)
        self.choices: dict[str, FuzzyBlock] = defaultdict(lambda: FuzzyBlock(FUZZY_CUTOFF))
        self.choice_ids: dict[str, list[str]] = defaultdict(list)
        self.persons: dict[str, list[PersonName]] = defaultdict(list)
        self.by_surname: dict[str, list[str]] = defaultdict(list)
        self.by_bare: dict[str, list[str]] = defaultdict(list)     # bare surname -> ids
        self.dictionary: set[str] = set()       # ids a dictionary link made or joined
        # (type, consonant skeleton) -> [(entity id, name)]: translit blocking
        self.by_skeleton: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        # (type, letters) -> ids written that way as an acronym / having those initials
        self.by_acronym: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.by_initials: dict[tuple[str, str], list[str]] = defaultdict(list)

    def add_name(self, entity_id: str, etype: str, text: str) -> None:
        is_person = etype == "person"
        key = norm(text, person=is_person)
        if not key or entity_id in self.by_norm[(etype, key)]:
            return
        self.by_norm[(etype, key)].append(entity_id)
        self.choices[etype].add(key)
        self.choice_ids[etype].append(entity_id)
        self.by_skeleton[(etype, skeleton_key(text, is_person))].append((entity_id, text))
        if is_person:
            pname = person_name(text)
            if pname is not None:
                self.persons[entity_id].append(pname)
                surname = loose(pname.surname)
                held = self.by_bare if pname.bare else self.by_surname
                if entity_id not in held[surname]:
                    held[surname].append(entity_id)
            return
        acro = acronym_key(text)
        if acro and entity_id not in self.by_acronym[(etype, acro)]:
            self.by_acronym[(etype, acro)].append(entity_id)
        for initials in initials_keys(text):
            if entity_id not in self.by_initials[(etype, initials)]:
                self.by_initials[(etype, initials)].append(entity_id)


def _bare(ent: Entity) -> bool:
    """A person named by a surname alone."""
    if ent.type != "person":
        return False
    names = [p for p in (person_name(t) for t in [ent.name, *ent.aliases]) if p]
    return bool(names) and all(p.bare for p in names)


def _countries_agree(a: str | None, b: str | None) -> bool:
    return not a or not b or a.upper() == b.upper()


def _slug(text: str) -> str:
    return re.sub(r"\W+", "_", fold(text)).strip("_")


class CanonicalIndex:
    """All canonical entities of a corpus, indexed for the rules above."""

    def __init__(self, dictionary_ids: Iterable[str] = ()) -> None:
        self._base = _Tables()
        self._dictionary_ids = frozenset(dictionary_ids)

    # -- building -----------------------------------------------------------
    def add(self, entity: Canonical, names: Iterable[str] = ()) -> None:
        """Load an existing canonical entity (e.g. from the database)."""
        self._base.entities[entity.id] = entity
        for text in [entity.name, *names]:
            self._base.add_name(entity.id, entity.type, text)

    def mark_dictionary(self, ids: Iterable[str]) -> None:
        """Stored entities a dictionary link made or joined (their name wins others)."""
        self._base.dictionary.update(ids)

    def __contains__(self, entity_id: str) -> bool:
        return entity_id in self._base.entities

    def __len__(self) -> int:
        return len(self._base.entities)

    def is_dictionary(self, ent: Entity) -> bool:
        """A dictionary-known actor: its id is stable across documents."""
        return (ent.basis or "").lower().startswith("dictionary") or ent.id in self._dictionary_ids

    # -- planning -----------------------------------------------------------
    def plan(self, entities: Iterable[Entity]) -> Resolution:
        """Decide, without changing the index, where each entity belongs."""
        staged = _Tables()
        res = Resolution(staged=staged)
        entities = list(entities)
        # a bare surname is judged once every full name of the document is known
        for ent in [e for e in entities if not _bare(e)] + [e for e in entities if _bare(e)]:
            link = self._link(ent, staged)
            if link.rule == "dictionary":
                staged.dictionary.add(link.entity_id)
            res.links[ent.id] = link
            if link.new:
                canon = Canonical(link.entity_id, ent.type, ent.name, ent.country)
                staged.entities[canon.id] = canon
                res.new_entities.append(canon)
            names = [ent.name, *ent.aliases]
            for text in names:
                staged.add_name(link.entity_id, self._type_of(link.entity_id, staged) or ent.type, text)
            res.names.append((link.entity_id, ent.type, names))
        return res

    def commit(self, res: Resolution) -> None:
        """Apply a plan whose document has been stored."""
        for canon in res.new_entities:
            self._base.entities[canon.id] = canon
        if res.staged is not None:
            self._base.dictionary |= res.staged.dictionary
        for entity_id, etype, names in res.names:
            etype = self._type_of(entity_id) or etype
            for text in names:
                self._base.add_name(entity_id, etype, text)

    # -- earlier links a plan makes wrong ------------------------------------------
    def rejudgements(self, res: Resolution) -> list[Rejudgement]:
        """What the planned document changes in links made before it (pure: the
        store applies them, ``store/relink.py``), so that the links do not depend on
        which document came first.  Entities a user judged are left alone."""
        staged = res.staged or _Tables()
        out: list[Rejudgement] = []
        surnames: set[str] = set()
        for entity_id, etype, names in res.names:
            if etype == "person":
                surnames |= {loose(p.surname) for p in map(person_name, names) if p and not p.bare}
            elif entity_id in staged.dictionary and not self._user_judged(entity_id):
                out += self._absorb(entity_id, etype, {norm(t) for t in names} - {""}, staged)
        for surname in sorted(surnames):
            out += self._surname_rejudgements(surname, staged)
        return out

    def settled(self) -> list[Rejudgement]:
        """Every re-judgement the whole index calls for, as if each name had just
        arrived: for a corpus resolved again in one pass (``judgements.reresolve``),
        whose links then agree with those an ingest in any order leaves."""
        out: list[Rejudgement] = []
        names: dict[str, set[str]] = {}
        for (etype, key), ids in self._base.by_norm.items():
            for cid in ids:
                if cid in self._base.dictionary or cid in self._dictionary_ids:
                    names.setdefault(cid, set()).add(key)
        for cid in sorted(names):
            canon = self._base.entities.get(cid)
            if canon is not None and not self._user_judged(cid):
                out += self._absorb(cid, canon.type, names[cid], _Tables())
        for surname in sorted(set(self._base.by_surname) | set(self._base.by_bare)):
            out += self._surname_rejudgements(surname, _Tables(), settle=True)
        return out

    def _absorb(self, target: str, etype: str, keys: set[str], staged: _Tables) -> list[Rejudgement]:
        """Stored non-dictionary entities sharing a name with dictionary entity ``target``."""
        canon = self._get(target, staged)
        found: dict[str, set[str]] = {}
        for key in keys:
            for cid in self._base.by_norm.get((etype, key), ()):
                other = self._base.entities.get(cid)
                if (cid == target or cid in self._base.dictionary or cid in self._dictionary_ids
                        or other is None or self._user_judged(cid)
                        or not _countries_agree(other.country, canon.country if canon else None)):
                    continue
                found.setdefault(cid, set()).add(key)
        return [Rejudgement("absorb", target, (cid,), frozenset(shared),
                            f"shared name {', '.join(repr(k) for k in sorted(shared))} with "
                            f"{self._label(target, staged)!r}, a dictionary entity (judged again "
                            f"when it arrived)")
                for cid, shared in sorted(found.items())]

    def _surname_rejudgements(self, surname: str, staged: _Tables,
                              settle: bool = False) -> list[Rejudgement]:
        """``join`` and ``part`` for one surname; ``settle``: ``part`` from every holder
        once there are two (not only when the second has just arrived)."""
        holders = [h for h in self._surname_holders(surname, staged) if not self._user_judged(h)]
        before = [h for h in self._base.by_surname.get(surname, ()) if h in holders]
        out: list[Rejudgement] = []
        bare = [b for b in self._base.by_bare.get(surname, ())
                if not self._full_names(b, staged) and not self._user_judged(b)]
        for b in bare:      # a surname-only entity and, now, its surname's only holder
            country = self._get(b, staged).country if self._get(b, staged) else None
            mine = [h for h in holders if _countries_agree(self._get(h, staged).country, country)]
            if len(mine) == 1:
                out.append(Rejudgement("join", mine[0], (b,), frozenset([surname]),
                                       f"surname held only by {self._label(mine[0], staged)!r} "
                                       f"(judged again when that name arrived)"))
        if settle:
            before = holders
        if before and (settle or len(holders) > len(before)) and len(holders) >= 2:
            target = next((b for b in bare if not any(r.sources == (b,) for r in out)), None)
            out.append(Rejudgement(
                "part", target, tuple(before), frozenset([surname]),
                "surname held by " + ", ".join(repr(self._label(h, staged)) for h in holders)
                + ": not guessed (judged again when the second holder arrived)",
                tuple((h, self._get(h, staged).country) for h in holders)))
        return out

    def _user_judged(self, cid: str) -> bool:
        """An entity a user's judgement names (a subclass knows them)."""
        return False

    def new_id(self, ent: Entity) -> str:
        """An id for a new entity named like ``ent`` that no entity holds."""
        return self._new_id(ent, _Tables())

    # -- rules ----------------------------------------------------------------
    def _link(self, ent: Entity, staged: _Tables) -> Link:
        if self.is_dictionary(ent):
            exists = self._get(ent.id, staged) is not None
            return Link(ent.id, ent.id, "dictionary", 100.0, new=not exists,
                        evidence=f"dictionary id {ent.id}")
        if ent.type == "person":
            found = self._match_person(ent, staged)
        else:
            found = (self._match_alias(ent, staged) or self._match_fuzzy(ent, staged)
                     or self._match_translit(ent, staged) or self._match_acronym(ent, staged))
        if found:
            return found
        return Link(ent.id, self._new_id(ent, staged), "new", None, new=True)

    def _match_alias(self, ent: Entity, staged: _Tables) -> Link | None:
        keys = {norm(t) for t in [ent.name, *ent.aliases]} - {""}
        shared: dict[str, list[str]] = {}
        for key in sorted(keys):
            for cid in self._ids_for(ent.type, key, staged):
                if self._country_ok(cid, ent, staged):
                    shared.setdefault(cid, []).append(key)
        if not shared:
            return None
        best = max(shared, key=lambda cid: len(shared[cid]))   # ties: first seen wins
        return Link(ent.id, best, "alias", 100.0, new=False,
                    evidence="shared name " + ", ".join(repr(k) for k in shared[best]))

    def _match_fuzzy(self, ent: Entity, staged: _Tables) -> Link | None:
        best: tuple[float, str, str] | None = None
        for text in [ent.name, *ent.aliases]:
            key = norm(text)
            if not key:
                continue
            for cid, score, theirs in self._fuzzy(ent.type, key, staged):
                if self._country_ok(cid, ent, staged) and (best is None or score > best[0]):
                    best = (score, cid, f"{key!r} ~ {theirs!r}")
        if best is None:
            return None
        return Link(ent.id, best[1], "fuzzy", round(best[0], 1), new=False, evidence=best[2])

    def _match_translit(self, ent: Entity, staged: _Tables,
                        ok=None) -> Link | None:
        """Every word a romanisation variant (same consonant skeleton first)."""
        person = ent.type == "person"
        best: tuple[float, str, str] | None = None
        for text in [ent.name, *ent.aliases]:
            skel = skeleton_key(text, person)
            if not skel.strip():
                continue
            for cid, theirs in self._skeleton_hits(ent.type, skel, staged):
                score = translit_score(text, theirs, person)
                if score is None or (best is not None and score <= best[0]):
                    continue
                if self._country_ok(cid, ent, staged) and (ok is None or ok(cid)):
                    best = (score, cid, f"{text!r} ~ {theirs!r}")
        if best is None:
            return None
        return Link(ent.id, best[1], "translit", best[0], new=False, evidence=best[2])

    def _match_acronym(self, ent: Entity, staged: _Tables) -> Link | None:
        """An acronym and a full name with those initials, when only one fits."""
        for text in [ent.name, *ent.aliases]:
            acro = acronym_key(text)
            if acro:
                pairs = [(cid, f"{text!r} = initials of {self._label(cid, staged)!r}")
                         for cid in self._multi(self._tables(staged), "by_initials",
                                                (ent.type, acro))]
            else:
                pairs = [(cid, f"{self._label(cid, staged)!r} = initials of {text!r}")
                         for key in initials_keys(text)
                         for cid in self._multi(self._tables(staged), "by_acronym",
                                                (ent.type, key))]
            found = {cid: why for cid, why in pairs if self._country_ok(cid, ent, staged)}
            if len(found) == 1:
                cid, why = next(iter(found.items()))
                return Link(ent.id, cid, "acronym", 100.0, new=False, evidence=why)
        return None

    def _match_person(self, ent: Entity, staged: _Tables) -> Link | None:
        names = [p for p in (person_name(t) for t in [ent.name, *ent.aliases]) if p]
        full = [p for p in names if not p.bare]
        if full:
            return self._match_full_name(ent, full, staged)
        if names:
            return self._match_surname(ent, names[0], staged)
        return None

    def _match_full_name(self, ent: Entity, full: list[PersonName], staged: _Tables) -> Link | None:
        for pname in full:
            for cid in self._ids_for("person", pname.full, staged):
                if self._person_ok(cid, full, staged) and self._country_ok(cid, ent, staged):
                    return Link(ent.id, cid, "alias", 100.0, new=False,
                                evidence=f"shared name {pname.full!r}")
        best: tuple[float, str, str] | None = None
        for pname in full:
            for cid, score, theirs in self._fuzzy("person", pname.full, staged):
                if best is not None and score <= best[0]:
                    continue
                if self._person_ok(cid, full, staged) and self._country_ok(cid, ent, staged):
                    best = (score, cid, f"{pname.full!r} ~ {theirs!r}")
        if best is not None:
            return Link(ent.id, best[1], "fuzzy", round(best[0], 1), new=False, evidence=best[2])
        return self._match_translit(ent, staged, ok=lambda cid: self._person_ok(cid, full, staged))

    def _match_surname(self, ent: Entity, bare: PersonName, staged: _Tables) -> Link | None:
        surname = loose(bare.surname)
        here = [cid for cid in staged.by_surname.get(surname, ())
                if self._country_ok(cid, ent, staged)]
        if len(here) == 1:          # the full name this document gives
            return Link(ent.id, here[0], "surname_unique", 100.0, new=False,
                        evidence=f"surname {bare.surname!r} held only by "
                                 f"{self._label(here[0], staged)!r}{IN_DOCUMENT}")
        holders = here or [cid for cid in self._surname_holders(surname, staged)
                           if self._country_ok(cid, ent, staged)]
        if len(holders) == 1:
            return Link(ent.id, holders[0], "surname_unique", 100.0, new=False,
                        evidence=f"surname {bare.surname!r} held only by "
                                 f"{self._label(holders[0], staged)!r}")
        # No single full-name holder: gather under a surname-only entity.
        for cid in self._ids_for("person", bare.full, staged):
            if not self._full_names(cid, staged) and self._country_ok(cid, ent, staged):
                rule = "surname_ambiguous" if holders else "alias"
                return Link(ent.id, cid, rule, float(len(holders)) if holders else 100.0, new=False,
                            evidence=self._ambiguity(bare, holders, staged))
        if holders:
            return Link(ent.id, self._new_id(ent, staged), "surname_ambiguous",
                        float(len(holders)), new=True,
                        evidence=self._ambiguity(bare, holders, staged))
        return None

    # -- helpers --------------------------------------------------------------
    def _tables(self, staged: _Tables | None) -> tuple[_Tables, ...]:
        return (self._base, staged) if staged is not None else (self._base,)

    def _get(self, cid: str, staged: _Tables | None = None) -> Canonical | None:
        for tables in self._tables(staged):
            if cid in tables.entities:
                return tables.entities[cid]
        return None

    def _type_of(self, cid: str, staged: _Tables | None = None) -> str | None:
        canon = self._get(cid, staged)
        return canon.type if canon else None

    def _ids_for(self, etype: str, key: str, staged: _Tables) -> list[str]:
        out: list[str] = []
        for tables in self._tables(staged):
            for cid in tables.by_norm.get((etype, key), ()):
                if cid not in out:
                    out.append(cid)
        return out

    def _ambiguity(self, bare: PersonName, holders: list[str], staged: _Tables) -> str | None:
        if not holders:
            return f"shared name {bare.full!r}"
        return (f"surname {bare.surname!r} held by " +
                ", ".join(repr(self._label(h, staged)) for h in holders) + ": not guessed")

    def _label(self, cid: str, staged: _Tables | None = None) -> str:
        canon = self._get(cid, staged)
        return canon.name if canon else cid

    @staticmethod
    def _multi(tables: tuple[_Tables, ...], attr: str, key: tuple[str, str]) -> list[str]:
        out: list[str] = []
        for t in tables:
            for cid in getattr(t, attr).get(key, ()):
                if cid not in out:
                    out.append(cid)
        return out

    def _skeleton_hits(self, etype: str, skel: str, staged: _Tables) -> list[tuple[str, str]]:
        return [hit for t in self._tables(staged) for hit in t.by_skeleton.get((etype, skel), ())]

    def _fuzzy(self, etype: str, key: str, staged: _Tables) -> list[tuple[str, float, str]]:
        hits: list[tuple[str, float, str]] = []
        for tables in self._tables(staged):
            choices = tables.choices.get(etype)
            if not choices:
                continue
            for choice, score, idx in choices.extract(key, FUZZY_LIMIT):
                hits.append((tables.choice_ids[etype][idx], float(score), choice))
        hits.sort(key=lambda h: -h[1])
        return hits

    def _full_names(self, cid: str, staged: _Tables) -> list[PersonName]:
        return [p for tables in self._tables(staged) for p in tables.persons.get(cid, ()) if not p.bare]

    def _person_ok(self, cid: str, full: list[PersonName], staged: _Tables) -> bool:
        """A close full-name pair with agreeing given names, and no pair that
        shares a surname under different given names."""
        theirs = self._full_names(cid, staged)
        if not theirs:
            return False        # never merge a full name into a surname-only entity
        close = False
        for mine in full:
            for other in theirs:
                agree = given_names_agree(mine.given or "", other.given or "")
                if same_word(mine.surname, other.surname) and not agree:
                    return False
                if agree and (mine.full == other.full
                              or fuzz.token_sort_ratio(mine.full, other.full) >= FUZZY_CUTOFF
                              or translit_score(mine.full, other.full) is not None):
                    close = True
        return close

    def _surname_holders(self, surname: str, staged: _Tables) -> list[str]:
        out: list[str] = []
        for tables in self._tables(staged):
            for cid in tables.by_surname.get(surname, ()):
                if cid not in out:
                    out.append(cid)
        return out

    def _country_ok(self, cid: str, ent: Entity, staged: _Tables) -> bool:
        canon = self._get(cid, staged)
        return canon is None or _countries_agree(canon.country, ent.country)

    def _new_id(self, ent: Entity, staged: _Tables) -> str:
        base = _slug(norm(ent.name, person=ent.type == "person") or ent.name) or "entity"
        candidate, n = base, 2
        while self._taken(candidate, staged):
            candidate, n = f"{base}_{n}", n + 1
        return candidate

    def _taken(self, candidate: str, staged: _Tables) -> bool:
        """An id a new entity may not get (a subclass may reserve more)."""
        return self._get(candidate, staged) is not None or candidate in self._dictionary_ids
