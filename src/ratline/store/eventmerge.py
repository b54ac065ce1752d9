"""One event per real event: reports merged across documents, and the user's say.

A *report* is one document's account of a happening (a row of
``event_reports``, id ``<doc_id>:<local id>``); an *event* is a group of
reports judged to tell of the same happening (a row of ``events``).  Merging is
never destructive: every decision is a row of ``event_judgements`` (same / not
same, the rule, a score, machine or user), and events are the groups those
judgements make.  So a merge can always be explained and undone, and a user's
judgement survives new documents.

When a document is stored, each of its reports is compared with stored
reports of other documents:

1. **Blocking** (SQL, through indexes — never a scan of every report): reports
   whose date could overlap (a ``read_date`` range), or, when either is
   undated, that name the same place or share a party (actor or target, the
   ``report_parties`` table); each of a compatible type group and, when both
   are placed, of the same country; a pair dated only to the year with a place
   unknown (at most .55 without a shared party or a toll of 10 or more) must
   share a party or that toll.  Blocking loses no pair the rules below could
   accept, and finds every pair that could score 0.6 from either side, so the
   cost per document does not grow with the store.
2. **Compatibility** — any "no" rules the pair out:
   dates overlap at their precision (the same day, or the next; a week around
   an "about" date; the month; the year); places are the same, nested (a
   province or country holding the other), or within 25 km; types are
   compatible (attacks among themselves, a raid with an arrest, a kidnapping
   with an attack; releases and ``other`` only with their own kind, ``other``
   only with the same wording or the same day).  A report joins an event only
   if it is compatible with every report already in it.
3. **Score** (sum of the evidence; 0.6 to merge): same day .35, next day .1,
   same week .2, month .15, year .05; same place .3, within 25 km .25 (.15
   for two exact towns), nested .1; same type .15, both attacks .1, raid and
   arrest or kidnapping and attack .05; a shared named person .25, shared
   groups .1 (+.05 each more, up to .2), both naming parties but none shared
   -.3 (two operations); the same wording (a repeated passage) .3; the same
   death toll .15 when 10 or more, else .05.
4. **Assignment**: every pair scoring 0.6 or more is recorded as a machine
   "same" judgement.  A report joins the best-scoring group it fits, and an
   event takes at most one report of a document — the extractor has already
   decided what one document tells as one event.

Events are then rebuilt as groups: user "same" judgements first, then the
machine's by descending score (ties by report key), never joining two groups a
user judged apart, and — for the machine — never two reports of one document
nor two groups with a pair that is not compatible (a report the user tied to
others counts as placed by the user: its own reading keeps nothing out).  The
groups are a function of the stored reports and judgements alone, and the
affected component is rebuilt whole each time, so the events do not depend on
the order documents arrive in (a report stored between two near reports no
longer sides with whichever came first).  An event keeps an id it already had
when it can (the id of one of its reports), so ids stay stable as documents
arrive.

The code: comparing two reports (``Report``, ``compare``: steps 2 and 3) is
``store/eventcompare.py``, blocking (step 1) ``store/candidates.py``; this module
loads reports, records judgements and builds the groups.
"""
from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timezone

from ratline.store.candidates import candidate_keys
# comparing two reports (pure) lives in eventcompare; its names stay importable from here
from ratline.store.eventcompare import (  # noqa: F401
    ATTACKS, CHUNK, NEAR_KM, PRECISION_ORDER, THRESHOLD, TYPE_ORDER, WORDING, Report, Verdict,
    _chunks, _dates, _fits, _flat, _places, _same_wording, _types, compare, date_window,
    judge_pair, report_key, split_key)
from ratline.store.eventcompare import compatible as compatible_pair
# the light rows blocking reads before a whole read live in lightrows; names stay importable here
from ratline.store.lightrows import (  # noqa: F401
    LIGHT_CACHE, LIGHT_SQL, LightCache, _bound, _key_chunks, _light_reports, _party_ids)

REPORT_SQL = (
    "SELECT r.doc_id, r.local_id, r.event_id, r.quote, r.char_start, r.actors, r.targets, "
    "r.killed_best, r.read_type, r.read_date, r.read_date_precision, r.read_location, "
    "r.read_admin1, r.read_country, r.read_lat, r.read_lon, r.read_where_precision, "
    "p.place_name AS p_name, p.lat AS p_lat, p.lon AS p_lon, p.admin1 AS p_admin1, "
    "p.country AS p_country, p.where_precision AS p_prec, p.basis AS p_basis, "
    "d.ingested_at, d.name AS doc FROM event_reports r "
    "JOIN documents d ON d.doc_id = r.doc_id "
    "LEFT JOIN report_places p ON p.report_id = r.doc_id || ':' || r.local_id"
)


class EventError(ValueError):
    """A merge or split the user asked for cannot be done (unknown id, nothing to split)."""


def _entity_info(conn: sqlite3.Connection, ids: set[str]) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for part in _chunks(sorted(ids)):
        marks = ", ".join("?" * len(part))
        for row in conn.execute(f"SELECT id, type, name FROM entities WHERE id IN ({marks})", part):
            out[row[0]] = (row[1], row[2])
    return out


def _reading(r, place_name: str | None) -> dict:
    """A report's own reading of the event from its row: where the row has no point
    of its own, the fallback point (``report_places``, the ``p_`` columns)."""
    fallback = r["read_lat"] is None and r["p_lat"] is not None
    loc = r["read_location"]
    return dict(
        key=report_key(r["doc_id"], r["local_id"]), doc_id=r["doc_id"], local_id=r["local_id"],
        type=r["read_type"] or "other", date=r["read_date"],
        precision=r["read_date_precision"] if r["read_date"] else None, location=loc,
        place_name=place_name if loc else None,
        admin1=r["p_admin1"] if fallback else r["read_admin1"],
        country=r["p_country"] if fallback else r["read_country"],
        lat=r["p_lat"] if fallback else r["read_lat"],
        lon=r["p_lon"] if fallback else r["read_lon"],
        where_precision=r["p_prec"] if fallback else r["read_where_precision"],
        fallback=fallback)


def load_reports(conn: sqlite3.Connection, where: str, params: list) -> dict[str, Report]:
    rows = [dict(r) for r in conn.execute(f"{REPORT_SQL} WHERE {where}", params)]
    ids: set[str] = set()
    for r in rows:
        r["actors"], r["targets"] = json.loads(r["actors"] or "[]"), json.loads(r["targets"] or "[]")
        ids.update(r["actors"], r["targets"])
        if r["read_location"]:
            ids.add(r["read_location"])
    info = _entity_info(conn, ids)
    out = {}
    for r in rows:
        parties = frozenset(p for p in r["actors"] + r["targets"]
                            if info.get(p, ("", ""))[0] != "place")
        loc = r["read_location"]
        reading = _reading(r, info.get(loc, ("", loc))[1])
        out[reading["key"]] = Report(
            **reading, event_id=r["event_id"], doc=r["doc"],
            place_basis=r["p_basis"] if reading["fallback"] else None,
            parties=parties,
            persons=frozenset(p for p in parties if info.get(p, ("",))[0] == "person"),
            quote=r["quote"] or "", killed_best=r["killed_best"],
            order=(r["ingested_at"] or "", r["doc"] or "", r["char_start"] or 0),
            labels={p: info[p][1] for p in parties if info.get(p, ("",))[0] == "person"},
        )
    return out


def reports_by_key(conn: sqlite3.Connection, keys: Iterable[str]) -> dict[str, Report]:
    out: dict[str, Report] = {}
    for where, params in _key_chunks(keys):
        out.update(load_reports(conn, where, params))
    return out


# ----------------------------------------------------------------- storing a document

def integrate(conn: sqlite3.Connection, doc_id: str, placements: dict | None = None,
              cache: LightCache | None = None) -> list[str]:
    """Merge a just-stored document's reports into the stored events.

    ``placements`` (local event id -> ``place.fallback.Placement``) are kept in
    ``report_places``.  ``cache``: light rows of stored reports read for earlier
    documents, still as stored (see ``LightCache``).  Returns the ids of the
    events the document's reports now belong to.
    """
    for local, p in (placements or {}).items():
        conn.execute(
            "INSERT INTO report_places (report_id, place_name, admin1, country, lat, lon, "
            "where_precision, basis) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (report_id) "
            "DO NOTHING", (report_key(doc_id, local), p.place_name, p.admin1, p.country,
                           p.latitude, p.longitude, p.where_precision, p.basis))
    new = load_reports(conn, "r.doc_id = ?", [doc_id])
    loaded = dict(new)           # every report read so far, for recluster not to read it again
    for key, other, verdict in list(_pairs(conn, new, loaded, cache)):
        _judge(conn, key, other, "same", verdict.rule, verdict.score, "machine")
    return recluster(conn, set(new), loaded)


def rejudge(conn: sqlite3.Connection, keys: set[str]) -> list[str]:
    """Judge stored reports again whose parties changed (``store/relink.py`` moved an
    entity's links): their machine judgements are made anew from the reports as they
    now read, and the events they touch rebuilt, so the events are those an ingest
    in which the links had been so from the start gives."""
    if not keys:
        return []
    partners: set[str] = set()
    for part in _chunks(sorted(keys)):
        marks = ", ".join("?" * len(part))
        for a, b in conn.execute(
                f"SELECT report_a, report_b FROM event_judgements WHERE judged_by = 'machine' "
                f"AND (report_a IN ({marks}) OR report_b IN ({marks}))", part + part).fetchall():
            partners.update((a, b))
            conn.execute("DELETE FROM event_judgements WHERE report_a = ? AND report_b = ? "
                         "AND judged_by = 'machine'", (a, b))
    reports = reports_by_key(conn, keys)
    by_doc: dict[str, dict[str, Report]] = {}
    for key, rep in reports.items():          # one document at a time: _pairs leaves
        by_doc.setdefault(rep.doc_id, {})[key] = rep     # out the reports it is given
    for doc_id in sorted(by_doc):
        for key, other, verdict in list(_pairs(conn, by_doc[doc_id])):
            _judge(conn, key, other, "same", verdict.rule, verdict.score, "machine")
    return recluster(conn, set(reports) | partners)


def _pairs(conn: sqlite3.Connection, new: dict[str, Report], loaded: dict | None = None,
           cache: LightCache | None = None):
    """(new report, stored report, verdict) for every stored report of another
    document that scores at least THRESHOLD with a new one, in key order.

    Pairwise, not "the best event": which reports are judged the same then
    depends only on the two reports, not on which events happened to exist
    when the document came, so the judgements — and the groups built from
    them — are the same in any ingest order.  The stored reports loaded are
    added to ``loaded`` when given."""
    found = {key: candidate_keys(conn, rep) for key, rep in new.items()}
    # blocking is by index and coarse (a shared party finds reports of that party
    # in every town of the country): rule out the pairs whose dates, places or
    # types cannot agree on light rows before loading the rest, and the pairs
    # that cannot score THRESHOLD whatever parties the stored report has beyond
    # those it shares (``_bound``: mostly two undated reports of a shared party
    # whose quotes differ, ~24 of 25 fitting pairs at 19,000 documents)
    light, ids = (_light_reports(conn, set().union(*found.values()) - set(new), cache)
                  if found else ({}, {}))
    kept: dict[str, set[str]] = {}
    for key, others in found.items():
        kept[key] = set()
        for o in sorted(others):
            cand = light.get(o)
            if cand is None or cand.doc_id == new[key].doc_id or not _fits(new[key], cand):
                continue
            proxy = judge_pair(new[key], _bound(new[key], cand, ids[o]), floor=THRESHOLD)
            if proxy is not None and proxy.score >= THRESHOLD:
                kept[key].add(o)
    stored = reports_by_key(conn, set().union(*kept.values())) if kept else {}
    if loaded is not None:
        loaded.update(stored)
    for key in sorted(new):
        for other in sorted(kept[key]):
            cand = stored.get(other)
            if cand is None or cand.doc_id == new[key].doc_id:
                continue
            verdict = judge_pair(new[key], cand, floor=THRESHOLD)
            if verdict is not None and verdict.score >= THRESHOLD:
                yield key, other, verdict


def _judge(conn: sqlite3.Connection, x: str, y: str, judgement: str, rule: str,
           score: float | None, by: str) -> None:
    a, b = sorted((x, y))
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    conn.execute(
        "INSERT INTO event_judgements (report_a, report_b, judgement, rule, score, judged_by, "
        "made_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (report_a, report_b, judged_by) "
        "DO UPDATE SET judgement = excluded.judgement, rule = excluded.rule, "
        "score = excluded.score, made_at = excluded.made_at",
        (a, b, judgement, rule, score, by, now))


# ----------------------------------------------------------------- groups from judgements

def _closure(conn: sqlite3.Connection, seeds: set[str]) -> set[str]:
    """Every report a change to ``seeds`` can affect: their events' members and
    everything linked to them by a judgement, transitively."""
    seen: set[str] = set()
    todo = set(seeds)
    while todo:
        batch = sorted(todo - seen)
        if not batch:
            break
        seen.update(batch)
        todo = set()
        events: set[str] = set()
        for where, params in _key_chunks(batch):      # the event ids only: no full load
            events.update(e for (e,) in conn.execute(
                f"SELECT r.event_id FROM event_reports r WHERE {where}", params))
        for part in _chunks(sorted(events)):
            marks = ", ".join("?" * len(part))
            todo.update(report_key(d, l) for d, l in conn.execute(
                f"SELECT doc_id, local_id FROM event_reports WHERE event_id IN ({marks})", part))
        for part in _chunks(batch):
            marks = ", ".join("?" * len(part))
            for a, b in conn.execute(
                    f"SELECT report_a, report_b FROM event_judgements WHERE report_a IN ({marks}) "
                    f"OR report_b IN ({marks})", part + part):
                todo.update((a, b))
    return seen


def _judgements_among(conn: sqlite3.Connection, keys: set[str]) -> list[dict]:
    out, seen = [], set()
    for part in _chunks(sorted(keys)):
        marks = ", ".join("?" * len(part))
        for row in conn.execute(
                f"SELECT * FROM event_judgements WHERE report_a IN ({marks})", part):
            row = dict(row)
            ident = (row["report_a"], row["report_b"], row["judged_by"])
            if row["report_b"] in keys and ident not in seen:
                seen.add(ident)
                out.append(row)
    return out


def groups(reports: dict[str, Report], judgements: list[dict]) -> list[set[str]]:
    """Events as groups of reports (pure): see the module docstring for the order."""
    parent = {k: k for k in reports}
    members = {k: {k} for k in reports}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    apart = {(j["report_a"], j["report_b"]) for j in judgements
             if j["judged_by"] == "user" and j["judgement"] == "not_same"}

    fits: dict[tuple[str, str], bool] = {}

    def compatible(x: str, y: str) -> bool:
        pair = (x, y) if x <= y else (y, x)
        if pair not in fits:
            fits[pair] = compatible_pair(reports[x], reports[y])
        return fits[pair]

    def blocked(ga: set[str], gb: set[str], machine: bool) -> bool:
        # every pair across the two groups, so only when the user judged any apart
        # (the groups of a much-reported event grow with the store)
        if apart and any((min(x, y), max(x, y)) in apart for x in ga for y in gb):
            return True
        if not machine:
            return False
        if {reports[x].doc_id for x in ga} & {reports[y].doc_id for y in gb}:
            return True
        # a report the user tied to others is where the user put it: its own
        # reading (a date the user overruled) does not keep the machine's out
        return not all(compatible(x, y) for x in ga - user_tied for y in gb - user_tied)

    same = [j for j in judgements if j["judgement"] == "same"]
    user_tied = {k for j in same if j["judged_by"] == "user" for k in (j["report_a"], j["report_b"])}
    user = sorted((j for j in same if j["judged_by"] == "user"), key=lambda j: j["made_at"])
    machine = sorted((j for j in same if j["judged_by"] != "user"),
                     key=lambda j: (-(j["score"] or 0), j["report_a"], j["report_b"]))
    for j, is_machine in [(j, False) for j in user] + [(j, True) for j in machine]:
        ra, rb = find(j["report_a"]), find(j["report_b"])
        if ra == rb or blocked(members[ra], members[rb], is_machine):
            continue
        parent[rb] = ra
        members[ra] |= members.pop(rb)
    return sorted((members[k] for k in members if find(k) == k),
                  key=lambda g: min(reports[x].order for x in g))


def recluster(conn: sqlite3.Connection, seeds: set[str],
              loaded: dict[str, Report] | None = None) -> list[str]:
    """Rebuild the events the reports in ``seeds`` can affect; returns their ids.

    ``loaded``: reports already read in this transaction, as they still stand
    (only judgements were written since), so they are not read again."""
    keys = _closure(conn, seeds)
    reports = {k: loaded[k] for k in keys if loaded and k in loaded}
    reports.update(reports_by_key(conn, keys - set(reports)))
    judgements = [j for j in _judgements_among(conn, set(reports))]
    old_ids = {r.event_id for r in reports.values()}
    result = []
    for group in groups(reports, judgements):
        members = [reports[k] for k in group]
        event_id = _choose_id(members)
        _write_event(conn, event_id, members)
        for m in members:
            if m.event_id != event_id:
                conn.execute("UPDATE event_reports SET event_id = ? WHERE doc_id = ? AND local_id = ?",
                             (event_id, m.doc_id, m.local_id))
        if group & seeds:
            result.append(event_id)
    for part in _chunks(sorted(old_ids)):
        marks = ", ".join("?" * len(part))
        conn.execute(f"DELETE FROM events WHERE id IN ({marks}) AND NOT EXISTS "
                     f"(SELECT 1 FROM event_reports r WHERE r.event_id = events.id)", part)
    return result


def _choose_id(members: list[Report]) -> str:
    keys = {m.key for m in members}
    held = Counter(m.event_id for m in members if m.event_id in keys)
    order = {m.key: m.order for m in members}
    if held:
        return min(held, key=lambda k: (-held[k], order[k]))
    return min(members, key=lambda m: m.order).key


def _write_event(conn: sqlite3.Connection, event_id: str, members: list[Report]) -> None:
    types = Counter(m.type for m in members)
    etype = min(types, key=lambda t: (-types[t], TYPE_ORDER.index(t) if t in TYPE_ORDER else 99))
    basis = [f"type {etype} ({types[etype]} of {len(members)} reports)"]
    dated = [m for m in members if m.date]
    date = prec = None
    if dated:
        dates = Counter((m.date, m.precision) for m in dated)
        pick = min(dated, key=lambda m: (PRECISION_ORDER.get(m.precision or "day", 3),
                                         -dates[(m.date, m.precision)], m.order))
        date, prec = pick.date, pick.precision
        basis.append(f"date {date} ({prec}) from {pick.doc}")
    placed = [m for m in members if m.lat is not None] or [m for m in members if m.location]
    loc = admin1 = country = lat = lon = wprec = None
    if placed:
        where = Counter(m.location for m in placed)
        pick = min(placed, key=lambda m: (m.where_precision or 9, -where[m.location], m.order))
        loc, admin1, country = pick.location, pick.admin1, pick.country
        lat, lon, wprec = pick.lat, pick.lon, pick.where_precision
        how = f"; {pick.place_basis}" if pick.fallback else ""
        basis.append(f"place {pick.place_name or loc} (where_prec {wprec}{how}) from {pick.doc}")
    if len(members) > 1:
        basis.append(f"{len(members)} reports")
    conn.execute(
        "INSERT INTO events (id, type, date, date_precision, location, admin1, country, lat, lon, "
        "where_precision, basis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE "
        "SET type = excluded.type, date = excluded.date, date_precision = excluded.date_precision, "
        "location = excluded.location, admin1 = excluded.admin1, country = excluded.country, "
        "lat = excluded.lat, lon = excluded.lon, where_precision = excluded.where_precision, "
        "basis = excluded.basis",
        (event_id, etype, date, prec, loc, admin1, country, lat, lon, wprec, " | ".join(basis)))


# ----------------------------------------------------------------- the user's judgements

def _members(conn: sqlite3.Connection, event_id: str) -> dict[str, Report]:
    members = load_reports(conn, "r.event_id = ?", [event_id])
    if not members:
        raise EventError(f"no event {event_id!r} (see `ratline events --format json`)")
    return members


def resolve_report(conn: sqlite3.Connection, ref: str) -> str:
    """A report id as a user may type it: ``<doc_id>:<local id>`` or ``<doc name>:<local id>``."""
    doc, _, local = ref.rpartition(":")
    if not doc or not local:
        raise EventError(f"a report is <document id or name>:<event id>, not {ref!r}")
    row = conn.execute("SELECT doc_id FROM event_reports WHERE doc_id = ? AND local_id = ?",
                       (doc, local)).fetchone()
    if row is None:
        row = conn.execute("SELECT r.doc_id FROM event_reports r JOIN documents d ON "
                           "d.doc_id = r.doc_id WHERE d.name = ? AND r.local_id = ?",
                           (doc, local)).fetchone()
    if row is None:
        raise EventError(f"no report {ref!r}")
    return report_key(row[0], local)


def merge(conn: sqlite3.Connection, first: str, second: str) -> str:
    """A user's judgement: the two events are one.  Returns the merged event's id."""
    a, b = _members(conn, first), _members(conn, second)
    if first == second:
        raise EventError("that is one event already")
    for x in a:
        for y in b:
            lo, hi = sorted((x, y))
            conn.execute("DELETE FROM event_judgements WHERE report_a = ? AND report_b = ? "
                         "AND judged_by = 'user' AND judgement = 'not_same'", (lo, hi))
    _judge(conn, _anchor(a, first), _anchor(b, second), "same", "user merge", 1.0, "user")
    recluster(conn, set(a) | set(b))
    return _event_of(conn, _anchor(a, first))


def split(conn: sqlite3.Connection, event_id: str, report_ref: str) -> tuple[str, str]:
    """A user's judgement: this report tells of another event than the rest.

    The rest stay together (the user has looked at them); returns the ids of
    the event left and of the report's own new event.
    """
    members = _members(conn, event_id)
    key = resolve_report(conn, report_ref)
    if key not in members:
        raise EventError(f"report {key} is not part of event {event_id}")
    rest = sorted((k for k in members if k != key), key=lambda k: members[k].order)
    if not rest:
        raise EventError(f"event {event_id} has only that report: nothing to split")
    for other in rest:
        lo, hi = sorted((key, other))
        conn.execute("DELETE FROM event_judgements WHERE report_a = ? AND report_b = ? "
                     "AND judged_by = 'user' AND judgement = 'same'", (lo, hi))
        _judge(conn, key, other, "not_same", "user split", 1.0, "user")
    for other in rest[1:]:
        _judge(conn, rest[0], other, "same", "user split (kept together)", 1.0, "user")
    recluster(conn, set(members))
    return _event_of(conn, rest[0]), _event_of(conn, key)


def _anchor(members: dict[str, Report], event_id: str) -> str:
    return event_id if event_id in members else min(members.values(), key=lambda m: m.order).key


def _event_of(conn: sqlite3.Connection, key: str) -> str:
    doc_id, local = split_key(key)
    return conn.execute("SELECT event_id FROM event_reports WHERE doc_id = ? AND local_id = ?",
                        (doc_id, local)).fetchone()[0]


def judgements_for(conn: sqlite3.Connection, keys: Iterable[str]) -> list[dict]:
    """The judgements between reports of one event, for showing why it is one."""
    return sorted(_judgements_among(conn, set(keys)),
                  key=lambda j: (j["judged_by"] != "user", j["made_at"], j["report_a"]))
