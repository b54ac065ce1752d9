"""Everything the corpus says about one entity, each fact with its source.

A dossier is what an analyst reads before trusting a name: every alias with
the dates it was first and last seen (and a sentence using it), why each
document's mention was attached to this entity, its relations, the events it
took part in or was targeted by, and the tallies kept about it.

It lives on the graph side, not in the store, because it is a view: it counts
independent sources and reads a relation's period with the graph's own rules
(``graph/build.py``); the store knows the schema and nothing above it.
"""
from __future__ import annotations

from typing import Any

from ratline.graph.build import independent_sources, period
from ratline.store.queries import EVENT_SQL, report_from_row, sentence_around
from ratline.store.sqlite import Store, loads


def dossier(store: Store, entity_id: str) -> dict[str, Any]:
    rows = store.query("SELECT id, type, name, country, created_by FROM entities WHERE id = ?",
                       (entity_id,))
    if not rows:
        raise KeyError(entity_id)
    ent = rows[0]
    names = _Names(store)
    return {
        "id": ent["id"], "type": ent["type"], "name": ent["name"], "country": ent["country"],
        "aliases": _aliases(store, entity_id),
        "links": [
            {"doc": r["doc"], "local_id": r["local_id"], "name": r["name"], "rule": r["rule"],
             "score": r["score"], "evidence": r["evidence"]}
            for r in store.query(
                "SELECT d.name AS doc, l.local_id, l.name, l.rule, l.score, l.evidence "
                "FROM entity_links l "
                "JOIN documents d ON d.doc_id = l.doc_id WHERE l.entity_id = ? "
                "ORDER BY d.published, d.name", (entity_id,))
        ],
        "relations": _relations(store, entity_id, names),
        "events": _events(store, entity_id, names),
        "tallies": _tallies(store, entity_id, names),
        "judgements": _judgements(store, entity_id),
    }


class _Names(dict):
    """Entity names looked up by id as the dossier meets them (a primary-key read
    each, cached), not the whole entities table per dossier."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def get(self, key, default=None):
        if key not in self:
            rows = self.store.query("SELECT name FROM entities WHERE id = ?", (key,))
            self[key] = rows[0]["name"] if rows else None
        value = self[key]
        return default if value is None else value


def _judgements(store: Store, entity_id: str) -> list[dict[str, Any]]:
    """The user's merge/split decisions naming this entity (undone ones too)."""
    return [{"id": r["id"], "kind": r["kind"], "entity_id": r["entity_id"], "other": r["other"],
             "name": r["name"], "note": r["note"], "made_at": r["made_at"],
             "active": bool(r["active"])}
            for r in store.query("SELECT * FROM entity_judgements WHERE entity_id = ? OR other = ? "
                                 "ORDER BY made_at", (entity_id, entity_id))]


def _aliases(store: Store, entity_id: str) -> list[dict[str, Any]]:
    out = []
    for a in store.query(
            "SELECT a.alias, a.first_seen, a.last_seen, a.doc_id, d.name AS doc, d.body "
            "FROM aliases a JOIN documents d ON d.doc_id = a.doc_id "
            "WHERE a.entity_id = ? ORDER BY a.first_seen, a.alias", (entity_id,)):
        out.append({"alias": a["alias"], "first_seen": a["first_seen"],
                    "last_seen": a["last_seen"], "doc": a["doc"], "doc_id": a["doc_id"],
                    "quote": _alias_quote(store, entity_id, a)})
    return out


def _alias_quote(store: Store, entity_id: str, a: dict[str, Any]) -> str | None:
    """The sentence where the alias was read: its mention if stored, else its
    first occurrence in the body; None when the alias is only an entity label."""
    hit = store.query("SELECT char_start, char_end FROM mentions WHERE doc_id = ? "
                      "AND entity_key = ? AND text = ? ORDER BY char_start LIMIT 1",
                      (a["doc_id"], entity_id, a["alias"]))
    if hit:
        return sentence_around(a["body"], hit[0]["char_start"], hit[0]["char_end"])
    pos = a["body"].find(a["alias"])
    if pos >= 0:
        return sentence_around(a["body"], pos, pos + len(a["alias"]))
    return None


def _relations(store: Store, entity_id: str, names: dict[str, str]) -> list[dict[str, Any]]:
    """Each reported relation with its quote; ``sources`` counts the independent
    documents reporting the same (subject, predicate, object), ``period`` what
    the quote says of when it held (see ``ratline.graph.build``)."""
    rows = store.query(
        "SELECT r.*, d.name AS doc, d.published FROM relations r "
        "JOIN documents d ON d.doc_id = r.doc_id "
        "WHERE r.subject = ? OR r.object = ? ORDER BY d.published, d.name, r.char_start",
        (entity_id, entity_id))
    edges: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for r in rows:
        edges.setdefault((r["subject"], r["predicate"], r["object"]), []).append(r)
    # once per edge, not once per row: a busy edge has hundreds of reporting rows
    sources = {key: independent_sources(group) for key, group in edges.items()}
    out = []
    for r in rows:
        p = period(r["quote"], r["published"], r["predicate"])
        out.append({
            "subject": r["subject"], "subject_name": names.get(r["subject"], r["subject"]),
            "predicate": r["predicate"], "object": r["object"],
            "object_name": names.get(r["object"], r["object"]), "date": r["date"],
            "date_precision": r["date_precision"], "start_date": p.start, "end_date": p.end,
            "current": p.current, "former": p.ended,
            "sources": sources[(r["subject"], r["predicate"], r["object"])],
            "quote": r["quote"], "doc": r["doc"], "doc_id": r["doc_id"],
            "start": r["char_start"], "end": r["char_end"]})
    return out


def _events(store: Store, entity_id: str, names: dict[str, str]) -> list[dict[str, Any]]:
    """Reports naming the entity as actor or target (``report_parties``) or
    happening at it (``events.location``): two index lookups, no text search."""
    by_party = store.query(
        EVENT_SQL + " JOIN report_parties p ON p.doc_id = r.doc_id AND p.local_id = r.local_id "
        "WHERE p.entity_id = ?", (entity_id,))
    at_place = store.query(EVENT_SQL + " WHERE e.location = ?", (entity_id,))
    seen: set[tuple[str, str]] = set()
    rows = []
    for row in by_party + at_place:
        if (row["doc_id"], row["local_id"]) not in seen:
            seen.add((row["doc_id"], row["local_id"]))
            rows.append(row)
    rows.sort(key=lambda r: (r["date"] is None, r["date"] or "", r["published"] or "",
                             r["doc"] or "", r["char_start"]))
    out = []
    for row in rows:
        rep = report_from_row(row)
        roles = [role for role, hit in (("actor", entity_id in rep["actors"]),
                                        ("target", entity_id in rep["targets"]),
                                        ("location", row["location"] == entity_id)) if hit]
        if not roles:
            continue
        out.append({
            "event_id": row["event_id"], "role": "/".join(roles), "type": row["type"],
            "date": row["date"], "date_precision": row["date_precision"],
            "place": names.get(row["location"], row["location"]) if row["location"] else None,
            "admin1": row["admin1"], "country": row["country"],
            "actor_names": [names.get(a, a) for a in rep["actors"]],
            "target_names": [names.get(t, t) for t in rep["targets"]],
            **{k: rep[k] for k in ("killed_low", "killed_best", "killed_high", "wounded",
                                   "captured", "claim_source", "quote", "doc", "doc_id", "start", "end")},
        })
    return out


def _tallies(store: Store, entity_id: str, names: dict[str, str]) -> list[dict[str, Any]]:
    out = []
    for t in store.query(
            "SELECT t.*, d.name AS doc FROM tallies t JOIN documents d ON d.doc_id = t.doc_id "
            "WHERE t.subject = ? OR t.by_actors LIKE ? ORDER BY t.since, d.published",
            (entity_id, f'%"{entity_id}"%')):
        by = loads(t["by_actors"], [])
        roles = [r for r, hit in (("subject", t["subject"] == entity_id),
                                  ("by", entity_id in by)) if hit]
        if not roles:
            continue
        out.append({
            "role": "/".join(roles), "subject": t["subject"],
            "subject_name": names.get(t["subject"], t["subject"]) if t["subject"] else None,
            "since": t["since"], "killed": t["killed"], "captured": t["captured"],
            "by": by, "by_names": [names.get(b, b) for b in by],
            "quote": t["quote"], "doc": t["doc"], "doc_id": t["doc_id"],
            "start": t["char_start"], "end": t["char_end"],
        })
    return out
