"""Rebuild the per-document interchange JSON from the database.

The export must not depend on the extraction having been kept anywhere else:
the database is the record.  Entity ids in the output are the canonical ids,
so the same group carries the same id in every file (as in the gold files);
names and aliases are the ones this document used (kept in entity_links).
"""
from __future__ import annotations

from typing import Any

from ratline.store.sqlite import Store, loads


def document_interchange(store: Store, doc: dict[str, Any]) -> dict[str, Any]:
    did = doc["doc_id"]
    return {
        "doc": doc["name"],
        "title": doc["title"],
        "published": doc["published"],
        "published_basis": doc["published_basis"],
        "published_precision": doc["published_precision"],
        "body_last_sentence": doc["body_last_sentence"],
        "has_comments": bool(doc["has_comments"]),
        "entities": _entities(store, did),
        "relations": [
            {"subject": r["subject"], "predicate": r["predicate"], "object": r["object"],
             "quote": r["quote"], "basis": r["basis"], "date": r["date"],
             "date_precision": r["date_precision"], "since": r["valid_since"], "until": r["valid_until"],
             "start": r["char_start"], "end": r["char_end"]}
            for r in store.query("SELECT * FROM relations WHERE doc_id = ? "
                                 "ORDER BY char_start, char_end", (did,))
        ],
        "events": _events(store, did),
        "tallies": [
            {"subject": t["subject"], "since": t["since"], "killed": t["killed"],
             "captured": t["captured"], "by": loads(t["by_actors"], []), "quote": t["quote"],
             "basis": t["basis"], "start": t["char_start"], "end": t["char_end"]}
            for t in store.query("SELECT * FROM tallies WHERE doc_id = ? "
                                 "ORDER BY char_start, char_end", (did,))
        ],
        "claims_in_conflict": _conflicts(store, did),
    }


def export_documents(store: Store) -> list[dict[str, Any]]:
    docs = store.query("SELECT doc_id, name, title, published, published_basis, published_precision, "
                       "body_last_sentence, has_comments FROM documents ORDER BY name, doc_id")
    return [document_interchange(store, d) for d in docs]


def _entities(store: Store, did: str) -> list[dict[str, Any]]:
    """One entry per canonical entity; two local entities that resolved to the
    same canonical one are folded together (their aliases united)."""
    out: dict[str, dict[str, Any]] = {}
    for link in store.query("SELECT * FROM entity_links WHERE doc_id = ? "
                            "ORDER BY local_id", (did,)):
        aliases = loads(link["aliases"], [])
        ent = out.get(link["entity_id"])
        if ent is None:
            out[link["entity_id"]] = {
                "id": link["entity_id"], "type": link["type"], "name": link["name"],
                "aliases": list(aliases), "country": link["country"], "basis": link["basis"],
            }
        else:
            ent["aliases"].extend(a for a in [link["name"], *aliases] if a not in ent["aliases"])
    return list(out.values())


def _events(store: Store, did: str) -> list[dict[str, Any]]:
    # the event as this document read it (read_*), not the merged view in events;
    # rows written before those columns existed fall back to the events row
    rows = store.query(
        "SELECT COALESCE(r.read_type, e.type) AS type, "
        + ", ".join(f"CASE WHEN r.read_type IS NULL THEN e.{c} ELSE r.read_{c} END AS {c}"
                    for c in ("date", "date_precision", "location", "admin1", "country", "lat",
                              "lon", "where_precision"))
        + ", r.* FROM event_reports r JOIN events e ON e.id = r.event_id "
        "WHERE r.doc_id = ? ORDER BY r.char_start, r.char_end", (did,))
    return [
        {"id": r["local_id"], "type": r["type"], "quote": r["quote"], "date": r["date"],
         "date_precision": r["date_precision"], "date_text": r["date_text"],
         "location": r["location"], "admin1": r["admin1"], "country": r["country"],
         "latitude": r["lat"], "longitude": r["lon"], "where_precision": r["where_precision"],
         "actors": loads(r["actors"], []), "targets": loads(r["targets"], []),
         "killed_low": r["killed_low"], "killed_best": r["killed_best"],
         "killed_high": r["killed_high"], "wounded": r["wounded"], "captured": r["captured"],
         "casualty_side_note": r["casualty_side_note"], "claim_source": r["claim_source"],
         "basis": r["basis"], "start": r["char_start"], "end": r["char_end"]}
        for r in rows
    ]


def _conflicts(store: Store, did: str) -> list[dict[str, Any]]:
    # conflicts name the report ("<doc_id>:<local id>"), which stays put when
    # the report is merged into an event of another document
    local = {f"{did}:{r['local_id']}": r["local_id"] for r in store.query(
        "SELECT local_id FROM event_reports WHERE doc_id = ?", (did,))}
    return [
        {"about": local.get(c["event_id"], c["event_id"]), "claims": loads(c["claims"], [])}
        for c in store.query("SELECT event_id, claims FROM conflicts WHERE doc_id = ?", (did,))
    ]
