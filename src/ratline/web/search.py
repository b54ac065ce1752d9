"""Full-text search over entities, events and document text (SQLite FTS5).

Why an index in memory rather than a table in the corpus file: the server
may be read-only (no write token) and must not change the user's database
to answer a query; FTS5 is SQLite's, not part of the portable schema.  The
index is rebuilt when the corpus changes (``Corpus`` fingerprint), which for a
corpus of thousands of documents takes about a second.
"""
from __future__ import annotations

import re
import sqlite3
import threading
from typing import Any

# FTS5 snippet markers: control characters no document text holds, so the
# page can split on them and put every piece in place as text.
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"


class SearchIndex:
    """One in-memory FTS5 table: kind (entity/event/document), ref (its id), title, text."""

    def __init__(self) -> None:
        self.conn = sqlite3.connect(":memory:", check_same_thread=False)
        self.conn.execute("CREATE VIRTUAL TABLE hits USING fts5(kind UNINDEXED, ref UNINDEXED, "
                          "title, text, tokenize = 'unicode61 remove_diacritics 2')")
        self.lock = threading.Lock()

    @classmethod
    def build(cls, store) -> "SearchIndex":
        index = cls()
        rows: list[tuple[str, str, str, str]] = []
        aliases: dict[str, list[str]] = {}
        # explicit orders: ties in the ranking come out the same on every backend
        for r in store.query("SELECT entity_id, alias FROM aliases ORDER BY entity_id, alias"):
            aliases.setdefault(r["entity_id"], []).append(r["alias"])
        for r in store.query("SELECT id, type, name FROM entities"):
            rows.append(("entity", r["id"], r["name"],
                         f"{r['type']} " + " ".join(aliases.get(r["id"], []))))
        for r in store.query("SELECT e.id, e.type, e.date, r.quote FROM events e "
                             "JOIN event_reports r ON r.event_id = e.id "
                             "ORDER BY r.doc_id, r.local_id"):
            rows.append(("event", r["id"], f"{r['type']} {r['date'] or 'undated'}", r["quote"]))
        for r in store.query("SELECT doc_id, name, title, body FROM documents"):
            rows.append(("document", r["doc_id"], r["title"] or r["name"], r["body"]))
        with index.lock:
            index.conn.executemany("INSERT INTO hits VALUES (?, ?, ?, ?)", rows)
        return index

    def search(self, text: str, limit: int = 50) -> list[dict[str, Any]]:
        """Hits best first; each word of ``text`` must occur (prefixes match)."""
        query = _fts_query(text)
        if not query:
            return []
        with self.lock:
            rows = self.conn.execute(
                "SELECT kind, ref, title, snippet(hits, 3, ?, ?, '…', 24) FROM hits "
                "WHERE hits MATCH ? ORDER BY CASE kind WHEN 'entity' THEN 0 WHEN 'event' "
                "THEN 1 ELSE 2 END, rank LIMIT ?", (MARK_OPEN, MARK_CLOSE, query, limit)).fetchall()
        seen, out = set(), []
        for kind, ref, title, snippet in rows:
            if (kind, ref) in seen:      # an event with several reports: its best one
                continue
            seen.add((kind, ref))
            out.append({"kind": kind, "id": ref, "title": title, "snippet": snippet})
        return out


def _fts_query(text: str) -> str:
    """A user's words as an FTS5 query: each word quoted (no operator injection), as a prefix."""
    words = re.findall(r"\w+", text or "")
    return " ".join(f'"{w}"*' for w in words[:12])
