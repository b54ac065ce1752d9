"""The resolver under a user's judgements, which outrank its own rules.

A user reviews the machine's links and says two things (``ratline merge``,
``ratline split``, stored by ``store/judgements.py``):

* ``same(A, B)`` — A and B are one real thing.  Whatever the machine would
  attach to B goes to A instead (chains are followed: same(A, B) and
  same(B, C) send C to A).
* ``split(E, NAME)`` — NAME does not denote E.  A document entity that the
  machine (after merges) would attach to E, and whose label — or every one
  of whose names — is NAME (compared by ``names.norm``), goes to the split's
  own entity instead.  A document entity called "Sami al-Askari" that also
  uses "Askari" stays with E: only entities known by NAME alone move.

``JudgedIndex`` applies them inside ``_link``, the one place every document
entity passes through, so a judgement holds for documents ingested later and
for a corpus resolved again from scratch.  The machine's own rule and
evidence are kept in the link's evidence, after the user's.

Pure: no database here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ratline.resolve.crossdoc import CanonicalIndex, Link, _Tables
from ratline.resolve.names import norm
from ratline.schema import Entity

SAME = "same"
SPLIT = "split"


@dataclass(frozen=True)
class Judgement:
    """One user decision (see the module docstring)."""

    id: str
    kind: str                # same | split
    entity_id: str           # same: the entity kept; split: the entity the name leaves
    other: str               # same: the entity merged in; split: the name's own entity
    name: str | None = None  # split: the name as the user wrote it
    key: str | None = None   # split: its matching key (names.norm)


def split_key(name: str, person: bool) -> str:
    return norm(name, person=person)


class JudgedIndex(CanonicalIndex):
    """A ``CanonicalIndex`` whose links obey the user's judgements."""

    def __init__(self, dictionary_ids: Iterable[str] = (),
                 judgements: Iterable[Judgement] = ()) -> None:
        super().__init__(dictionary_ids)
        self._parent: dict[str, str] = {}
        self._splits: dict[str, list[Judgement]] = {}
        self._reserved: set[str] = set()
        self._named: set[str] = set()           # every entity a judgement names
        for j in judgements:
            self._named |= {j.entity_id, j.other}
            if j.kind == SAME:
                self._union(j.entity_id, j.other)
            elif j.kind == SPLIT:
                self._reserved.add(j.other)
        for j in judgements:      # after all merges: a split of B means a split of B's group
            if j.kind == SPLIT:
                self._splits.setdefault(self.representative(j.entity_id), []).append(j)

    # -- merges as a union-find; the first-named entity of a judgement wins ----
    def representative(self, cid: str) -> str:
        seen = []
        while cid in self._parent:
            seen.append(cid)
            cid = self._parent[cid]
        for s in seen:
            self._parent[s] = cid
        return cid

    def _union(self, keep: str, other: str) -> None:
        a, b = self.representative(keep), self.representative(other)
        if a != b:
            self._parent[b] = a

    def merged_away(self) -> set[str]:
        """Ids that a judgement sends to another entity."""
        return {cid for cid in self._parent if self.representative(cid) != cid}

    def split_targets(self) -> dict[str, list[Judgement]]:
        return self._splits

    # -- the override ------------------------------------------------------------
    def _link(self, ent: Entity, staged: _Tables) -> Link:
        link = super()._link(ent, staged)
        target = self.representative(link.entity_id)
        rule, why = link.rule, link.evidence
        if target != link.entity_id:
            rule = "user_merge"
            why = f"user: {link.entity_id} is {target}; machine: {link.rule} {link.evidence or ''}"
        split = self._split_for(target, ent)
        if split is not None:
            rule = "user_split"
            why = f"user: {split.name!r} is not {target}; machine: {link.rule} {link.evidence or ''}"
            target = split.other
        if target == link.entity_id and rule == link.rule:
            return link
        exists = self._get(target, staged) is not None
        return Link(ent.id, target, rule, 100.0, new=not exists, evidence=why.strip())

    def _split_for(self, cid: str, ent: Entity) -> Judgement | None:
        person = ent.type == "person"
        label = split_key(ent.name, person)
        keys = {split_key(a, person) for a in ent.aliases} - {""}
        for j in self._splits.get(cid, ()):
            if label == j.key or (keys and keys == {j.key}):
                return j
        return None

    def _user_judged(self, cid: str) -> bool:
        return cid in self._named or self.representative(cid) in self._named

    def _taken(self, candidate: str, staged: _Tables) -> bool:
        return super()._taken(candidate, staged) or candidate in self._reserved
