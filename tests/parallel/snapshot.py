"""What two stores must share to be 'the same corpus': the comparison the parallel
ingest tests make between a Dask run and a serial one."""
from __future__ import annotations

import sqlite3
from pathlib import Path


def snapshot(db: Path | str) -> dict[str, object]:
    """Documents, entities (with their ids), events as the sets of reports they merge,
    and relations, each as a sorted list so a difference prints readably."""
    with sqlite3.connect(db) as conn:
        rows = lambda sql: sorted(conn.execute(sql).fetchall())  # noqa: E731
        members: dict[str, list[tuple[str, str]]] = {}
        for event_id, doc_id, local_id in conn.execute(
                "SELECT event_id, doc_id, local_id FROM event_reports"):
            members.setdefault(event_id, []).append((doc_id, local_id))
        kinds = dict(conn.execute("SELECT id, type || '|' || coalesce(date, '') || '|' || "
                                  "coalesce(location, '') FROM events"))
        return {
            "documents": rows("SELECT doc_id, name FROM documents"),
            "entities": rows("SELECT id, type, name, coalesce(country, '') FROM entities"),
            "aliases": rows("SELECT * FROM aliases"),
            "events": sorted((kinds[e], tuple(sorted(m))) for e, m in members.items()),
            "relations": rows("SELECT doc_id, subject, predicate, object, char_start, char_end "
                              "FROM relations"),
        }
