"""Turn one document's Extraction into table rows (pure, no database).

Kept apart from the SQL so the same rows can go to SQLite now and PostgreSQL
later, and so the mapping from records to columns is testable on its own.
Local entity ids are replaced by canonical ids through the document's
``Resolution``; local event ids become corpus-wide ``<doc_id>:<local id>``.
"""
from __future__ import annotations

import json
import math
from datetime import datetime, timezone
from typing import Any

from ratline.resolve.crossdoc import Resolution
from ratline.resolve.names import norm
from ratline.schema import Extraction

# Column order of each table, as written by ``rows_for``.
COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id", "name", "source", "title", "body", "published", "published_basis",
                  "published_precision", "has_comments", "comments", "boilerplate", "body_last_sentence", "fmt", "url",
                  "author", "ingested_at"),
    "entities": ("id", "type", "name", "country", "created_by", "name_norm", "name_norm_person"),
    "entity_links": ("doc_id", "local_id", "entity_id", "rule", "score", "type", "name",
                     "aliases", "country", "basis", "evidence"),
    "mentions": ("doc_id", "char_start", "char_end", "text", "kind", "entity_key", "sentence",
                 "basis"),
    "relations": ("doc_id", "subject", "predicate", "object", "quote", "char_start", "char_end",
                  "basis", "date", "date_precision", "valid_since", "valid_until"),
    "events": ("id", "type", "date", "date_precision", "location", "admin1", "country", "lat",
               "lon", "where_precision"),
    "event_reports": ("event_id", "doc_id", "local_id", "quote", "char_start", "char_end",
                      "date_text", "actors", "targets", "killed_low", "killed_best", "killed_high",
                      "wounded", "captured", "casualty_side_note", "claim_source", "basis",
                      "read_type", "read_date", "read_date_precision", "read_location",
                      "read_admin1", "read_country", "read_lat", "read_lon",
                      "read_where_precision"),
    "report_parties": ("doc_id", "local_id", "entity_id", "role", "undated", "loc", "cell"),
    "tallies": ("doc_id", "subject", "since", "killed", "captured", "by_actors", "quote",
                "char_start", "char_end", "basis"),
    "conflicts": ("doc_id", "event_id", "claims"),
    "routes": ("doc_id", "origin", "origin_name", "origin_lat", "origin_lon", "destination",
               "destination_name", "destination_lat", "destination_lon", "cargo", "cargo_kind",
               "mover", "quote", "char_start", "char_end", "basis"),
}
# Parents before children, so foreign keys hold at every statement.
TABLE_ORDER = ("documents", "entities", "entity_links", "mentions", "relations", "events",
               "event_reports", "report_parties", "tallies", "conflicts", "routes")


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def event_id(doc_id: str, local_id: str) -> str:
    return f"{doc_id}:{local_id}"


def name_keys(name: str) -> tuple[str, str]:
    """``entities.name_norm`` and ``name_norm_person`` of a name."""
    return norm(name), norm(name, person=True)


PARTY_INSERT = ("INSERT INTO report_parties (doc_id, local_id, entity_id, role, undated, loc, "
                "cell) VALUES (?, ?, ?, ?, ?, ?, ?)")

# The event_reports columns ``party_rows`` takes as a report's place, in order.
PLACE_COLUMNS = "read_location, read_lat, read_lon, read_where_precision"

# ``report_parties.cell``: the report's point on a grid of CELL_DEG degrees, or
# ANYWHERE when ``candidates._near`` keeps the report whatever its point (no
# place, no point, or a place coarser than a town: see ``place_cell``).
CELL_DEG = 0.25
ANYWHERE = -1


def grid_index(lat: float, lon: float) -> tuple[int, int]:
    """The (row, column) of a point's grid cell: each monotone in its coordinate
    (float addition, division and floor never reverse an order), so every point of
    a box lies in a row and a column between those of the box's corners."""
    return math.floor((lat + 90.0) / CELL_DEG), math.floor((lon + 180.0) / CELL_DEG)


def grid_cell(lat: float, lon: float) -> int:
    """The grid cell of a point as one integer (``cell_id``)."""
    return cell_id(*grid_index(lat, lon))


def cell_id(row: int, col: int) -> int:
    """One integer for a cell.  Two cells can share one only for points off the
    globe (a column outside 0-1439); that would make a far row a candidate to
    test, never lose one."""
    return row * 2000 + col


def place_cell(location, lat, lon, where_precision) -> int:
    """``report_parties.cell`` of a report read at ``location`` (lat, lon, precision):
    ANYWHERE where ``candidates._near``'s SQL keeps the report whatever the box (a
    NULL place, point or precision, a precision outside 1-3), else ``grid_cell``.
    Anything odd (a non-finite or non-numeric point) is ANYWHERE too: that only
    makes the row a candidate to test, never loses one."""
    if location is None or lat is None or lon is None or where_precision is None:
        return ANYWHERE
    if any(isinstance(v, int) and not -2 ** 63 <= v < 2 ** 63 for v in (lat, lon, where_precision)):
        return ANYWHERE                   # stored as NULL (``sqlite._storable``)
    try:
        if where_precision >= 4 or where_precision < 1:
            return ANYWHERE
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        return ANYWHERE
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return ANYWHERE
    return grid_cell(lat, lon)


def party_rows(doc_id: str, local_id: str, actors: list, targets: list,
               read_date: str | None, place: tuple = (None, None, None, None)) -> list[tuple]:
    """``report_parties`` rows of one report: each canonical id once per role, with
    whether the report's own date is unknown, and its place (``place``: the report's
    read_location, read_lat, read_lon, read_where_precision) as the row's ``loc``
    and ``cell``, so event merging rules out far towns on the index."""
    loc, cell = place[0], place_cell(*place)
    out = []
    for role, ids in (("actor", actors), ("target", targets)):
        for entity_id in dict.fromkeys(i for i in ids if i):
            out.append((doc_id, local_id, entity_id, role, int(read_date is None), loc, cell))
    return out


def rows_for(ex: Extraction, res: Resolution, now: str | None = None) -> dict[str, list[tuple]]:
    """All rows one document contributes, table by table (aliases excepted:
    they are merged into existing rows, see ``Store``)."""
    doc = ex.document
    did = doc.doc_id
    canon = res.canonical
    now = now or datetime.now(timezone.utc).isoformat(timespec="seconds")
    local_events = {e.id for e in ex.events}
    ents = {e.id: e for e in ex.entities}

    rows: dict[str, list[tuple]] = {t: [] for t in TABLE_ORDER}
    rows["documents"].append((
        did, doc.name, doc.source, doc.title, doc.body, doc.published, doc.published_basis,
        doc.published_precision, int(bool(doc.has_comments)), dumps(doc.comments), dumps(doc.boilerplate),
        ex.body_last_sentence, doc.fmt, doc.url, doc.author, now,
    ))
    for c in res.new_entities:
        rows["entities"].append((c.id, c.type, c.name, c.country, did, *name_keys(c.name)))
    for link in res.links.values():
        e = ents[link.local_id]
        rows["entity_links"].append((
            did, link.local_id, link.entity_id, link.rule, link.score, e.type, e.name,
            dumps(e.aliases), e.country, e.basis, link.evidence,
        ))
    for m in ex.mentions:
        rows["mentions"].append((did, m.span.start, m.span.end, m.span.text, m.kind,
                                 canon(m.key), m.sentence, m.basis))
    for r in ex.relations:
        rows["relations"].append((did, canon(r.subject), r.predicate, canon(r.object), r.quote,
                                  r.span.start, r.span.end, r.basis, r.date, r.date_precision,
                                  r.since, r.until))
    for e in ex.events:
        eid = event_id(did, e.id)
        rows["events"].append((eid, e.type, e.date, e.date_precision, canon(e.location),
                               e.admin1, e.country, e.latitude, e.longitude, e.where_precision))
        rows["event_reports"].append((
            eid, did, e.id, e.quote, e.span.start, e.span.end, e.date_text,
            dumps([canon(a) for a in e.actors]), dumps([canon(t) for t in e.targets]),
            e.killed_low, e.killed_best, e.killed_high, e.wounded, e.captured,
            e.casualty_side_note, e.claim_source, e.basis,
            # the report's own reading; the events row becomes the merged view
            e.type, e.date, e.date_precision, canon(e.location), e.admin1, e.country,
            e.latitude, e.longitude, e.where_precision,
        ))
        rows["report_parties"] += party_rows(
            did, e.id, [canon(a) for a in e.actors], [canon(t) for t in e.targets], e.date,
            (canon(e.location), e.latitude, e.longitude, e.where_precision))
    for t in ex.tallies:
        by = t.by if isinstance(t.by, list) else ([t.by] if t.by else [])
        rows["tallies"].append((did, canon(t.subject), t.since, t.killed, t.captured,
                                dumps([canon(b) for b in by]), t.quote, t.span.start,
                                t.span.end, t.basis))
    for c in ex.conflicts:
        about = event_id(did, c.about) if c.about in local_events else c.about
        claims = [{"source": cl.source, "says": cl.says} for cl in c.claims]
        rows["conflicts"].append((did, about, dumps(claims)))
    for r in ex.routes:
        rows["routes"].append((did, canon(r.origin), r.origin_name, r.origin_lat, r.origin_lon,
                               canon(r.destination), r.destination_name, r.destination_lat,
                               r.destination_lon, r.cargo, r.cargo_kind, canon(r.mover), r.quote,
                               r.span.start, r.span.end, r.basis))
    return rows


def alias_occurrences(ex: Extraction, res: Resolution) -> list[tuple[str, str, str]]:
    """(canonical id, alias, entity type) for every name this document uses.

    Aliases are surface forms by contract; the entity's label (often a
    dictionary's canonical name) counts only if the body actually uses it, so
    "first seen" never dates a name that no document printed.
    """
    out: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    body = ex.document.body
    for e in ex.entities:
        cid = res.canonical(e.id)
        label = [e.name] if e.name and e.name in body else []
        for alias in [*label, *e.aliases]:
            alias = (alias or "").strip()
            if alias and (cid, alias) not in seen:
                seen.add((cid, alias))
                out.append((cid, alias, e.type))
    return out
