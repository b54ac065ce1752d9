"""Light rows of stored reports: what event blocking reads of a candidate before reading it
whole (date, place, type, quote, toll and the stored party ids), the cache that keeps them
from one document to the next, and the bound that lets most candidates go unread.

Kept apart from ``eventmerge`` (which stores and merges) because it is the part that grows
with the store: at 19,000 documents ~28,000 fitting pairs per 1,000 documents are scored
here on a stand-in, and only ~2,000 read whole (NOTES.md, "Session 16 helper: scale9").
"""
from __future__ import annotations

import json
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable

from ratline.store.eventcompare import CHUNK, Report, _chunks, report_key, split_key


def _key_chunks(keys: Iterable[str]) -> Iterable[tuple[str, list]]:
    """(WHERE clause, parameters) naming reports by key, a few hundred at a time.

    A chunk is padded to 8, 16, 32, ... keys (its last key again: one row either
    way), so a statement's text is one of a few and stays in the connection's
    statement cache (``sqlite.STATEMENT_CACHE``): preparing an OR of ~40 pairs
    cost about as much as reading the ~40 rows (the light read at 19,000
    documents, 0.78 -> 0.51 ms a document padded)."""
    pairs = [split_key(k) for k in keys]
    for part in _chunks(pairs, CHUNK // 2):
        size = 8
        while size < len(part):
            size *= 2
        part = part + part[-1:] * (min(size, CHUNK // 2) - len(part))
        yield (" OR ".join("(r.doc_id = ? AND r.local_id = ?)" for _ in part),
               [x for p in part for x in p])


LIGHT_SQL = (
    "SELECT r.doc_id, r.local_id, r.read_type, r.read_date, r.read_date_precision, "
    "r.read_location, r.read_admin1, r.read_country, r.read_lat, r.read_lon, "
    "r.read_where_precision, p.lat AS p_lat, p.lon AS p_lon, p.admin1 AS p_admin1, "
    "p.country AS p_country, p.where_precision AS p_prec, e.name AS loc_name, "
    "r.quote, r.killed_best, r.actors, r.targets "
    "FROM event_reports r "
    "LEFT JOIN report_places p ON p.report_id = r.doc_id || ':' || r.local_id "
    "LEFT JOIN entities e ON e.id = r.read_location"
)


LIGHT_CACHE = 20_000


class LightCache:
    """Light rows of stored reports kept from one document to the next (``_light_reports``).

    A stored report is a candidate of many later ones (its town, its parties, its
    days): at 19,000 documents ~7 in 10 light rows a document reads were read
    for one of the last ~500 documents.  What a light row holds is written
    once, with its document, and changed only when entity links move (relinks,
    re-resolution: the party ids, the place and its name) or the document is
    removed; whoever holds a cache clears it then, and whenever another writer
    may have written (``api.Corpus`` clears it with its resolver's index, and
    forgets the reports ``relink.apply`` says it changed before the document's
    events are merged: a relink rewrites only its documents' rows, and an entity
    it deletes is named by none).  The oldest rows go past ``size``: ~1.6 KB a
    row (28 MB of resident memory for the ~17,000 rows of 1,000 documents), and a
    cache of 20,000 rows hit as often as an unbounded one over 1,000 documents
    (72% of rows in the second half, against 59% for 10,000 and 37% for 5,000)."""

    def __init__(self, size: int = LIGHT_CACHE):
        self.rows: OrderedDict[str, tuple] = OrderedDict()
        self.size = size

    def clear(self) -> None:
        self.rows.clear()

    def forget(self, keys: Iterable[str]) -> None:
        for key in keys:
            self.rows.pop(key, None)


def _light_reports(conn: sqlite3.Connection, keys: Iterable[str],
                   cache: LightCache | None = None) -> tuple[dict[str, Report], dict]:
    """Reports with what ``_fits`` and ``_bound`` read (date, place, type, quote,
    toll): one indexed query, no document, parties left empty; and, by key, the
    row's party ids as stored (``actors`` and ``targets``, places among them),
    for ``_bound``.  Rows in ``cache`` are not read (nor parsed) again; the rows
    read are added to it."""
    out: dict[str, Report] = {}
    ids: dict[str, frozenset[str]] = {}
    rows = cache.rows if cache is not None else None
    missing = []
    for key in keys:
        hit = rows.get(key) if rows is not None else None
        if hit is None:
            missing.append(key)
            continue
        rows.move_to_end(key)
        out[key] = Report(*hit[0])          # a new one: ``_bound`` sets its parties
        ids[key] = hit[1]
    for where, params in _key_chunks(missing):
        # by position, not by name (a row by name costs a search of its columns,
        # ~20 a row here: half this loop's time at 19,000 documents); as ``_reading``
        for (doc_id, local_id, rtype, date, precision, loc, admin1, country, lat, lon, wprec,
             p_lat, p_lon, p_admin1, p_country, p_prec, loc_name, quote, killed, actors,
             targets) in conn.execute(f"{LIGHT_SQL} WHERE {where}", params):
            fallback = lat is None and p_lat is not None
            if fallback:
                admin1, country, lat, lon, wprec = p_admin1, p_country, p_lat, p_lon, p_prec
            key = report_key(doc_id, local_id)
            fields = (key, doc_id, local_id, "", "", rtype or "other", date,
                      precision if date else None, loc,
                      (loc_name if loc_name is not None else loc) if loc else None,
                      admin1, country, lat, lon, wprec, fallback, None, frozenset(), frozenset(),
                      quote or "", killed)
            out[key] = Report(*fields)
            ids[key] = _party_ids(actors, targets)
            if rows is not None:
                rows[key] = (fields, ids[key])
    if rows is not None:
        while len(rows) > cache.size:
            rows.popitem(last=False)
    return out, ids


def _bound(new: Report, light: Report, raw: frozenset[str]) -> Report:
    """``light`` as ``new`` would see it, for ``judge_pair`` to give the pair at
    least the verdict it gives the whole report: of the stored report's party ids
    (``raw``: its actors and targets as stored, places among them) the ones it
    shares with ``new`` (``new.parties`` holds no place, so a place drops out),
    the persons among them (an id is a person on both sides or neither: one
    ``entities`` row), and no others.  Every part of the score is then the whole
    report's (the same dates, place, type, quote and toll) but the party term,
    which is the same when a party is shared and 0 when none is (the whole
    report's is 0 or -.3): so a pair this proxy does not take (None, or under
    THRESHOLD) the whole report does not take either, and need not be read whole.
    ``light`` is changed in place (it is a row read for this document only)."""
    shared = new.parties & raw
    light.parties, light.persons = shared, new.persons & shared
    return light


def _party_ids(actors: str | None, targets: str | None) -> frozenset[str]:
    return frozenset(json.loads(actors or "[]")) | frozenset(json.loads(targets or "[]"))
