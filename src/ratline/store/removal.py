"""Remove one document and every fact that rests only on it; keep what others support.

Why: a page ingested by mistake (a listing page, another war, a duplicate under
another name) must not stay in the corpus with its events and entities.  What the
document alone said goes: its mentions, reports, relations, tallies, routes,
conflicts and entity links, the events whose only reports were its own, the
aliases and entities no other document uses.  What other documents also say
stays: an event with reports from two documents loses this one's report and is
rebuilt from the rest (``eventmerge.recluster``), an alias keeps the dates of the
documents still using it.  The removal is recorded (``documents.removals``) so
re-ingesting the same text asks for ``--force``.  One transaction: all or nothing.
"""
from __future__ import annotations

from dataclasses import dataclass

from ratline.store import documents, eventmerge
from ratline.store.sqlite import Store, loads

# Tables whose rows are one document's facts and nothing else's.
_OWN_ROWS = ("mentions", "relations", "tallies", "conflicts", "routes", "entity_links")
CHUNK = 500


@dataclass
class Removal:
    """What a removal took away and what it rebuilt."""

    doc_id: str
    name: str
    reports: int = 0
    events_removed: int = 0
    events_rebuilt: int = 0
    facts: int = 0                 # mentions, relations, tallies, conflicts, routes, links
    aliases_removed: int = 0
    entities_removed: int = 0


def remove_document(store: Store, doc_id: str) -> Removal:
    """Remove ``doc_id`` (KeyError if not stored); see the module docstring for what goes."""
    with store.transaction() as conn:
        rows = store.query("SELECT doc_id, name, source FROM documents WHERE doc_id = ?", (doc_id,))
        if not rows:
            raise KeyError(f"no document {doc_id!r}")
        doc = rows[0]
        out = Removal(doc_id, doc["name"])
        linked = {r["entity_id"] for r in store.query(
            "SELECT DISTINCT entity_id FROM entity_links WHERE doc_id = ?", (doc_id,))}
        occurrences = _alias_occurrences(store, doc_id)
        _remove_reports(conn, store, doc_id, out)
        for table in _OWN_ROWS:
            out.facts += conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,)).rowcount
        out.aliases_removed = _refresh_aliases(conn, store, occurrences)
        out.entities_removed = _drop_unsupported(conn, store, linked, doc_id)
        conn.execute("DELETE FROM aliases WHERE doc_id = ?", (doc_id,))   # none left; kept honest
        conn.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))
        documents.record_removal(conn, doc)
    return out


def _keys(store: Store, doc_id: str) -> list[str]:
    return [eventmerge.report_key(doc_id, r["local_id"]) for r in store.query(
        "SELECT local_id FROM event_reports WHERE doc_id = ?", (doc_id,))]


def _remove_reports(conn, store: Store, doc_id: str, out: Removal) -> None:
    """The document's reports and the judgements and placements about them; events left
    without reports are deleted, events keeping others' reports are rebuilt."""
    keys = _keys(store, doc_id)
    events = sorted({r["event_id"] for r in store.query(
        "SELECT DISTINCT event_id FROM event_reports WHERE doc_id = ?", (doc_id,))})
    for part in _chunks(keys):
        marks = ", ".join("?" * len(part))
        conn.execute(f"DELETE FROM event_judgements WHERE report_a IN ({marks}) "
                     f"OR report_b IN ({marks})", part + part)
        conn.execute(f"DELETE FROM report_places WHERE report_id IN ({marks})", part)
    out.reports = conn.execute("DELETE FROM event_reports WHERE doc_id = ?", (doc_id,)).rowcount
    rest: set[str] = set()
    for part in _chunks(events):
        marks = ", ".join("?" * len(part))
        rest |= {eventmerge.report_key(r["doc_id"], r["local_id"]) for r in store.query(
            f"SELECT doc_id, local_id FROM event_reports WHERE event_id IN ({marks})", part)}
    if rest:
        out.events_rebuilt = len(eventmerge.recluster(conn, rest))
    for part in _chunks(events):
        marks = ", ".join("?" * len(part))
        out.events_removed += conn.execute(
            f"DELETE FROM events WHERE id IN ({marks}) AND NOT EXISTS "
            f"(SELECT 1 FROM event_reports r WHERE r.event_id = events.id)", part).rowcount


def _alias_occurrences(store: Store, doc_id: str) -> set[tuple[str, str]]:
    """(entity, alias) pairs this document used, as the store counted them when adding it
    (``rows.alias_occurrences``: the aliases, and the label only if the body prints it)."""
    body = store.query("SELECT body FROM documents WHERE doc_id = ?", (doc_id,))[0]["body"]
    out: set[tuple[str, str]] = set()
    for link in store.query("SELECT entity_id, name, aliases FROM entity_links WHERE doc_id = ?",
                            (doc_id,)):
        out |= {(link["entity_id"], a) for a in _used_names(link, body)}
    return out


def _used_names(link: dict, body: str | None) -> set[str]:
    """The names one entity link counts as aliases; ``body`` None skips the label check
    (the caller checks it)."""
    names = {(a or "").strip() for a in loads(link["aliases"], [])}
    label = (link["name"] or "").strip()
    if label and (body is None or link["name"] in body):
        names.add(label)
    return names - {""}


def _refresh_aliases(conn, store: Store, pairs: set[tuple[str, str]]) -> int:
    """Each alias the document used, dated again from the documents still using it
    (``Store._merge_aliases``: the earliest-dated, else first-stored, document is its
    source); deleted when none does.  Returns how many were deleted."""
    removed = 0
    by_entity: dict[str, set[str]] = {}
    for eid, alias in pairs:
        by_entity.setdefault(eid, set()).add(alias)
    for eid, aliases in sorted(by_entity.items()):
        users = _alias_users(store, eid, aliases)
        for alias in sorted(aliases):
            docs = users.get(alias, [])
            if not docs:
                removed += conn.execute("DELETE FROM aliases WHERE entity_id = ? AND alias = ?",
                                        (eid, alias)).rowcount
                continue
            dated = [d for d in docs if d["published"]]
            src = min(dated, key=lambda d: d["published"]) if dated else docs[0]
            first = src["published"] if dated else None
            last = max(d["published"] for d in dated) if dated else None
            conn.execute("UPDATE aliases SET doc_id = ?, first_seen = ?, last_seen = ? "
                         "WHERE entity_id = ? AND alias = ?",
                         (src["doc_id"], first, last, eid, alias))
    return removed


def _alias_users(store: Store, eid: str, aliases: set[str]) -> dict[str, list[dict]]:
    """For each alias, the remaining documents (in stored order) whose link to ``eid``
    uses it."""
    users: dict[str, list[dict]] = {}
    for link in store.query(
            "SELECT l.name, l.aliases, d.doc_id, d.published, d.body FROM entity_links l "
            "JOIN documents d ON d.doc_id = l.doc_id WHERE l.entity_id = ? "
            "ORDER BY d.ingested_at, d.doc_id", (eid,)):
        for alias in _used_names(link, link["body"]) & aliases:
            if not any(u["doc_id"] == link["doc_id"] for u in users.get(alias, [])):
                users.setdefault(alias, []).append(link)
    return users


def _drop_unsupported(conn, store: Store, linked: set[str], doc_id: str) -> int:
    """Delete the entities no remaining document links to; an entity the document
    introduced but others still name is credited to the first of them."""
    removed = 0
    for eid in sorted(linked):
        left = store.query("SELECT l.doc_id FROM entity_links l JOIN documents d ON "
                           "d.doc_id = l.doc_id WHERE l.entity_id = ? AND l.doc_id <> ? "
                           "ORDER BY d.ingested_at, d.doc_id LIMIT 1", (eid, doc_id))
        if not left:
            conn.execute("DELETE FROM aliases WHERE entity_id = ?", (eid,))
            removed += conn.execute("DELETE FROM entities WHERE id = ?", (eid,)).rowcount
        else:
            conn.execute("UPDATE entities SET created_by = ? WHERE id = ? AND created_by = ?",
                         (left[0]["doc_id"], eid, doc_id))
    return removed


def _chunks(items: list[str], size: int = CHUNK):
    for i in range(0, len(items), size):
        yield items[i:i + size]
