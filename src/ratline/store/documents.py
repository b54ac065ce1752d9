"""The stored documents as an analyst lists and reads them, and the record of removals.

Why a module of its own: ``queries.py`` answers questions about facts; this one
answers "what have I put in here?" — one row per document with how many facts
rest on it — which is what a user reads before removing a page ingested by
mistake.  Portable SQL with ``?`` placeholders, like the rest of the store.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from ratline.store import queries
from ratline.store.sqlite import Store, loads

# Facts counted per document: (key in the listing, table).
_COUNTED = (("events", "event_reports"), ("entities", "entity_links"),
            ("relations", "relations"), ("tallies", "tallies"), ("mentions", "mentions"))


def listing(store: Store) -> list[dict[str, Any]]:
    """Every stored document, oldest publication first (undated last), with its counts."""
    rows = store.query(
        "SELECT doc_id, name, title, published, published_basis, source, url, fmt, ingested_at "
        "FROM documents ORDER BY (published IS NULL), published, name")
    counts = {key: _count_by_doc(store, table) for key, table in _COUNTED}
    for r in rows:
        for key, _table in _COUNTED:
            r[key] = counts[key].get(r["doc_id"], 0)
    return rows


def _count_by_doc(store: Store, table: str) -> dict[str, int]:
    return {r["doc_id"]: r["n"] for r in store.query(
        f"SELECT doc_id, COUNT(*) AS n FROM {table} GROUP BY doc_id")}


def view(store: Store, doc_id: str) -> dict[str, Any] | None:
    """One document as ``queries.document`` gives it, plus what a reader needs to judge
    it: the page furniture (boilerplate) apart from the body and the comments, the
    source path and format, and the counts of the listing."""
    doc = queries.document(store, doc_id)
    if doc is None:
        return None
    row = store.query("SELECT source, fmt, boilerplate, author, ingested_at FROM documents "
                      "WHERE doc_id = ?", (doc_id,))[0]
    doc.update(source=row["source"], fmt=row["fmt"], author=row["author"],
               ingested_at=row["ingested_at"], furniture=loads(row["boilerplate"], []))
    for key, table in _COUNTED:
        doc[key] = store.query(f"SELECT COUNT(*) AS n FROM {table} WHERE doc_id = ?",
                               (doc_id,))[0]["n"]
    return doc


# -- removals ---------------------------------------------------------------------
def removal_of(store: Store, doc_id: str) -> dict[str, Any] | None:
    """The record of a removed document (name, source, when), or None."""
    rows = store.query("SELECT doc_id, name, source, removed_at FROM removals WHERE doc_id = ?",
                       (doc_id,))
    return rows[0] if rows else None


def record_removal(conn, doc: dict[str, Any]) -> None:
    """Note that the user removed ``doc`` (inside the removal's transaction)."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    conn.execute("DELETE FROM removals WHERE doc_id = ?", (doc["doc_id"],))
    conn.execute("INSERT INTO removals (doc_id, name, source, removed_at) VALUES (?, ?, ?, ?)",
                 (doc["doc_id"], doc["name"], doc["source"], now))


def forget_removal(conn, doc_id: str) -> None:
    """A forced re-ingest stored the document again: it is no longer removed."""
    conn.execute("DELETE FROM removals WHERE doc_id = ?", (doc_id,))
