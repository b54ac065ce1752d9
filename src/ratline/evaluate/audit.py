"""Check cross-document resolution against gold entities shared across files.

Gold annotations (``../shared/corpus/gold``) give each real thing one id in
every file and list the surface forms the body uses for it.  Two questions:

* **alias pairs**: for every gold entity, every pair of its forms (across all
  files) should be names of one stored canonical entity;
* **false merges**: no stored entity should carry forms of two gold entities.

Not every miss is the resolver's.  Each is put in one of these bins, so a
report can say precisely whose it is:

* ``not_named`` — a form is no stored entity's name: the extractor never
  produced it as a name (descriptions such as "elements of his Mahdi Army");
* ``named_elsewhere`` — the extractor or its dictionary gave the two forms
  different identities: they only sit on document entities of different
  types, or of different dictionary actors (e.g. "British" read as the United
  Kingdom, a government, "British forces" as the British Armed Forces), or
  on document entities that also carry another gold entity's forms;
* ``resolution`` — both forms sit on document entities that are this gold
  entity alone, of one type and not two different dictionary actors, yet
  those were not merged: the resolver's miss.

Forms that two gold entities share ("US" for the US military and the US
government) say nothing about either and are left out.  A form matches a
name by the scorer's normalisation (``evaluate.name_key``) or, for people, by
the resolver's own (titles dropped).  False merges are ``within_document``
when one document entity already carried both gold entities' forms (the
extractor's doing) and ``resolution`` otherwise.

It sits with the evaluation code, not in ``resolve/``: it reads a stored corpus
and gold files, while the resolver is a pure stage that knows no database.
"""
from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ratline.evaluate import name_key
from ratline.resolve.names import norm
from ratline.store.sqlite import Store, loads


def _keys(text: str, person: bool) -> set[str]:
    keys = {name_key(text)}
    if person:
        keys.add(norm(text, person=True))
    return keys - {""}


@dataclass
class AliasAudit:
    pairs: int = 0
    merged: int = 0
    misses: dict[str, list[str]] = field(default_factory=lambda: {
        "not_named": [], "named_elsewhere": [], "resolution": []})
    false_merges: dict[str, list[str]] = field(default_factory=lambda: {
        "within_document": [], "resolution": []})
    ambiguous_forms: list[str] = field(default_factory=list)
    gold_entities: int = 0
    document_entities: int = 0
    entities: int = 0

    def summary(self) -> dict[str, Any]:
        return {"gold_entities": self.gold_entities, "alias_pairs": self.pairs,
                "merged": self.merged,
                "missed": {k: len(v) for k, v in self.misses.items()},
                "false_merges": {k: len(v) for k, v in self.false_merges.items()},
                "ambiguous_forms": len(self.ambiguous_forms),
                "document_entities": self.document_entities, "entities": self.entities}


def load_gold(gold_dir: str | Path, bodies_dir: str | Path | None = None
              ) -> dict[str, dict[str, Any]]:
    """gold id -> {"type", "forms"}: forms are the names and aliases that occur
    in the article body (when ``bodies_dir`` has it), else all of them."""
    gold: dict[str, dict[str, Any]] = {}
    for path in sorted(Path(gold_dir).glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        body = None
        if bodies_dir is not None:
            candidate = Path(bodies_dir) / (path.stem + ".txt")
            body = candidate.read_text(encoding="utf-8") if candidate.exists() else None
        for ent in doc.get("entities") or []:
            g = gold.setdefault(ent["id"], {"type": ent.get("type"), "forms": set()})
            for form in [ent.get("name"), *(ent.get("aliases") or [])]:
                if form and (body is None or form in body):
                    g["forms"].add(form)
    return gold


def audit(store: Store, gold: dict[str, dict[str, Any]]) -> AliasAudit:
    out = AliasAudit(gold_entities=len(gold))
    # which gold entities each normalised form belongs to
    owners: dict[str, set[str]] = {}
    for gid, g in gold.items():
        for form in g["forms"]:
            for k in _keys(form, g["type"] == "person"):
                owners.setdefault(k, set()).add(gid)
    out.ambiguous_forms = sorted(k for k, o in owners.items() if len(o) > 1)

    def owned(names: set[str]) -> set[str]:
        return {next(iter(owners[k])) for k in names if k in owners and len(owners[k]) == 1}

    # names of each document entity and each canonical entity
    doc_ents: list[tuple[str, set[str], str, str | None]] = []   # (canonical id, keys, type, dictionary id)
    canon: dict[str, set[str]] = {}
    for r in store.query("SELECT local_id, entity_id, type, name, aliases, basis FROM entity_links"):
        person = r["type"] == "person"
        keys: set[str] = set()
        for n in [r["name"], *loads(r["aliases"], [])]:
            keys |= _keys(n, person) | _keys(n, True)
        known = r["local_id"] if (r["basis"] or "").startswith("dictionary") else None
        doc_ents.append((r["entity_id"], keys, r["type"], known))
        canon.setdefault(r["entity_id"], set()).update(keys)
    for r in store.query("SELECT a.entity_id, a.alias, e.type FROM aliases a "
                         "JOIN entities e ON e.id = a.entity_id"):
        canon.setdefault(r["entity_id"], set()).update(_keys(r["alias"], True)
                                                       | _keys(r["alias"], False))
    out.document_entities = len(doc_ents)
    out.entities = store.count("entities")

    for gid, g in sorted(gold.items()):
        person = g["type"] == "person"
        forms = sorted({min(_keys(f, person)): f for f in g["forms"]
                        if all(len(owners.get(k, ())) <= 1 for k in _keys(f, person))}.values())
        for a, b in itertools.combinations(forms, 2):
            ka, kb = _keys(a, person), _keys(b, person)
            out.pairs += 1
            if any(ka & names and kb & names for names in canon.values()):
                out.merged += 1
                continue
            where = f"{gid}: {a!r} / {b!r}"
            with_a = [d for d in doc_ents if ka & d[1]]
            with_b = [d for d in doc_ents if kb & d[1]]
            if not with_a or not with_b:
                out.misses["not_named"].append(where)
                continue
            mergeable = any(
                owned(da[1]) == owned(db[1]) == {gid} and da[2] == db[2]
                and not (da[3] and db[3] and da[3] != db[3])
                for da in with_a for db in with_b)
            out.misses["resolution" if mergeable else "named_elsewhere"].append(where)

    for cid, names in sorted(canon.items()):
        held = owned(names)
        if len(held) < 2:
            continue
        where = f"{cid}: {', '.join(sorted(held))}"
        if any(cid == d[0] and len(owned(d[1])) > 1 for d in doc_ents):
            out.false_merges["within_document"].append(where)
        else:
            out.false_merges["resolution"].append(where)
    return out
