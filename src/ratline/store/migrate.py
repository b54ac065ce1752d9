"""Bring a database written by an older ratline up to the current schema.

``schema.sql`` only says ``CREATE TABLE IF NOT EXISTS``, so a file made before a
column was added keeps its old tables and the first insert naming the new
column fails.  Before the schema script runs, :func:`add_missing_columns`
compares each existing table with its declaration and adds what is missing
with ``ALTER TABLE ... ADD COLUMN`` (portable to PostgreSQL).  A column
declared ``NOT NULL`` without a default cannot be added to a filled table; it
is added without the constraint.  :func:`backfill` then fills new columns
whose values can be derived from rows already stored.  Tables are the same:
:func:`missing_tables`, asked before the schema script runs, names the tables
an older file lacks, and :func:`backfill_tables` fills those that are derived
from stored rows (``report_parties`` from the reports' actor/target lists).
"""
from __future__ import annotations

import json
import re

from ratline.store.rows import PARTY_INSERT, PLACE_COLUMNS, name_keys, party_rows, place_cell

_TABLE = re.compile(r"CREATE TABLE IF NOT EXISTS (\w+) \((.*?)\n\);", re.DOTALL)
_COLUMN = re.compile(r"^\s+(\w+)\s+(TEXT|INTEGER|REAL)\b(.*?),?\s*$")

# New column -> the statement that fills it for rows written before it existed.
_READ_COLUMNS = ("type", "date", "date_precision", "location", "admin1", "country", "lat", "lon",
                 "where_precision")
BACKFILL = {
    ("event_reports", "read_type"): (
        "UPDATE event_reports SET "
        + ", ".join(f"read_{c} = (SELECT e.{c} FROM events e WHERE e.id = event_reports.event_id)"
                    for c in _READ_COLUMNS)
        + " WHERE read_type IS NULL"),
    ("entities", "name_norm"): lambda conn: _entity_name_keys(conn),
    ("report_parties", "undated"): (
        "UPDATE report_parties SET undated = CASE WHEN (SELECT r.read_date FROM event_reports r "
        "WHERE r.doc_id = report_parties.doc_id AND r.local_id = report_parties.local_id) IS NULL "
        "THEN 1 ELSE 0 END"),
}


def declared_columns(sql: str) -> dict[str, list[tuple[str, str]]]:
    """table -> [(column, declaration)] in the order ``sql`` declares them."""
    out: dict[str, list[tuple[str, str]]] = {}
    for table, body in _TABLE.findall(re.sub(r"--[^\n]*", "", sql)):
        cols = []
        for line in body.splitlines():
            m = _COLUMN.match(line)
            if m and m.group(1).upper() not in ("PRIMARY", "UNIQUE", "FOREIGN"):
                cols.append((m.group(1), f"{m.group(1)} {m.group(2)}{m.group(3)}".strip()))
        out[table] = cols
    return out


def add_missing_columns(conn, sql: str, dialect) -> list[tuple[str, str]]:
    """Add declared columns an existing table lacks; returns (table, column) added.
    ``dialect`` lists a table's columns and writes a declaration in its types."""
    added = []
    for table, cols in declared_columns(sql).items():
        have = dialect.table_columns(conn, table)
        if not have:            # the table does not exist yet: the schema script makes it
            continue
        for name, decl in cols:
            if name in have:
                continue
            if "NOT NULL" in decl.upper() and "DEFAULT" not in decl.upper():
                decl = re.sub(r"\s+NOT NULL", "", decl, flags=re.IGNORECASE)
            decl = re.sub(r"\s+REFERENCES\s+\w+\s*\(\w+\)", "", decl, flags=re.IGNORECASE)
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {dialect.column_decl(decl)}")
            added.append((table, name))
    return added


def _entity_name_keys(conn) -> None:
    """Name keys are Python (names.norm), not SQL: computed row by row."""
    conn.executemany("UPDATE entities SET name_norm = ?, name_norm_person = ? WHERE id = ?",
                     [(*name_keys(name), eid) for eid, name in
                      conn.execute("SELECT id, name FROM entities").fetchall()])


def _party_places(conn) -> None:
    """``report_parties.loc``/``cell`` from each row's report (``rows.place_cell``
    is Python, not SQL: computed report by report)."""
    conn.executemany(
        "UPDATE report_parties SET loc = ?, cell = ? WHERE doc_id = ? AND local_id = ?",
        [(loc, place_cell(loc, lat, lon, precision), doc_id, local_id)
         for doc_id, local_id, loc, lat, lon, precision in conn.execute(
             "SELECT doc_id, local_id, read_location, read_lat, read_lon, read_where_precision "
             "FROM event_reports").fetchall()])


# one fill for both columns (added together); ``backfill`` runs it once
BACKFILL[("report_parties", "loc")] = BACKFILL[("report_parties", "cell")] = _party_places


def backfill(conn, added: list[tuple[str, str]]) -> None:
    done = set()
    for key in added:
        fill = BACKFILL.get(key)
        if fill in done:
            continue
        done.add(fill)
        if callable(fill):
            fill(conn)
        elif fill:
            conn.execute(fill)


def missing_tables(conn, sql: str, dialect) -> list[str]:
    """Declared tables the database does not have yet (all of them for a new file)."""
    return [t for t in declared_columns(sql) if not dialect.table_columns(conn, t)]


def rebuild_report_parties(conn) -> int:
    """``report_parties`` anew from every report's actors/targets; returns the rows.

    Used for a file that predates the table and after entity ids are rewritten
    (a re-resolution), the two times the lists and the table could disagree."""
    conn.execute("DELETE FROM report_parties")
    rows = []
    for doc_id, local_id, actors, targets, read_date, *place in conn.execute(
            "SELECT doc_id, local_id, actors, targets, read_date, " + PLACE_COLUMNS
            + " FROM event_reports").fetchall():
        rows += party_rows(doc_id, local_id, json.loads(actors or "[]"), json.loads(targets or "[]"),
                           read_date, tuple(place))
    conn.executemany(PARTY_INSERT, rows)
    return len(rows)


TABLE_BACKFILL = {"report_parties": rebuild_report_parties}


def backfill_tables(conn, new: list[str]) -> None:
    """Fill tables just created that derive from rows an older file already holds."""
    for table in new:
        if table in TABLE_BACKFILL:
            TABLE_BACKFILL[table](conn)
