"""Read-side queries behind ``Corpus``: events, entities, dossiers, counts.

Every fact returned carries its quote, offsets and the name of the document
it was read in — a fact without a source is a bug.  Filters that need JSON
(actors/targets) are applied in Python after a portable SQL pre-filter, so the
same code can later run over PostgreSQL.
"""
from __future__ import annotations

import re
from typing import Any

from rapidfuzz import fuzz, process

from ratline.resolve.names import fold, norm
from ratline.store.sqlite import Store, loads
from ratline.store import eventsummary

EVENT_SQL = (
    "SELECT e.id AS event_id, e.type, e.date, e.date_precision, e.location, e.admin1, "
    "e.country, e.lat, e.lon, e.where_precision, r.local_id, r.quote, r.char_start, r.char_end, "
    "r.date_text, r.actors, r.targets, r.killed_low, r.killed_best, r.killed_high, r.wounded, "
    "r.captured, r.casualty_side_note, r.claim_source, r.basis, d.name AS doc, d.doc_id, "
    "d.published, e.basis AS event_basis, r.read_type, r.read_date, r.read_date_precision, "
    "r.read_location, r.read_admin1, r.read_country, r.read_where_precision "
    "FROM events e JOIN event_reports r ON r.event_id = e.id "
    "JOIN documents d ON d.doc_id = r.doc_id"
)
_REPORT_KEYS = ("doc", "doc_id", "local_id", "quote", "start", "end", "date_text", "actors",
                "targets", "killed_low", "killed_best", "killed_high", "wounded", "captured",
                "casualty_side_note", "claim_source", "basis")


def entity_names(store: Store) -> dict[str, str]:
    return {r["id"]: r["name"] for r in store.query("SELECT id, name FROM entities")}


def find_entities(store: Store, text: str) -> list[str]:
    """Canonical ids a user's name or id refers to, best first.

    Exact id, then a normalised name/alias (titles dropped, as for people),
    then — only if nothing matched exactly — the closest spelling (>= 85).
    Ranked by how many documents link to the entity.
    """
    text = (text or "").strip()
    if not text:
        return []
    if store.query("SELECT id FROM entities WHERE id = ?", (text,)):
        return [text]
    keys = list({norm(text), norm(text, person=True)} - {""})
    ids: list[str] = []
    if keys:
        marks = ", ".join("?" * len(keys))
        ids = [r["entity_id"] for r in store.query(
            f"SELECT DISTINCT entity_id FROM aliases WHERE norm IN ({marks})", keys)]
        by_name = [r["id"] for r in store.query(
            f"SELECT id FROM entities WHERE name_norm IN ({marks}) "
            f"OR name_norm_person IN ({marks}) ORDER BY id", keys + keys)]
        ids += [i for i in by_name if i not in ids]
    if not ids and keys:
        rows = store.query("SELECT entity_id, norm FROM aliases")
        choices = [r["norm"] for r in rows]
        for _, _, idx in process.extract(keys[0], choices, scorer=fuzz.token_sort_ratio,
                                         score_cutoff=85, limit=5):
            if rows[idx]["entity_id"] not in ids:
                ids.append(rows[idx]["entity_id"])
    return _by_document_count(store, ids)


def _by_document_count(store: Store, ids: list[str]) -> list[str]:
    if len(ids) < 2:
        return ids
    marks = ", ".join("?" * len(ids))
    counts = {r["entity_id"]: r["n"] for r in store.query(
        f"SELECT entity_id, COUNT(DISTINCT doc_id) AS n FROM entity_links "
        f"WHERE entity_id IN ({marks}) GROUP BY entity_id", ids)}
    return sorted(ids, key=lambda i: -counts.get(i, 0))


def events(store: Store, actor: str | None = None, since: str | None = None,
           until: str | None = None, place: str | None = None,
           disputed: bool = False, limit: int | None = None, offset: int = 0,
           **named: Any) -> list[dict[str, Any]]:
    """Events (one dict each, with its reports), oldest first; undated last.

    Figures are the span of the reports' (``eventsummary``); ``disputed``
    keeps only events whose sources disagree.  ``place`` and ``actor`` are names
    as people write them (``filters``: a place at any level, an actor with its
    aliases and, with ``include_parts``, its parts); ``named`` takes the other
    filters (type_, doc, min_killed).  Dates, actors, places, type and document
    are SQL over indexes (``events.date``, ``location``/``admin1``/``country``,
    the ``report_parties`` join table), so a narrow question reads only its
    events however large the store; ``limit``/``offset`` page through them in
    (date, id) order (``min_killed`` is applied to the page)."""
    from ratline.store.filters import event_test, place_filter
    where, params = _event_filters(store, actor, since, until, named.pop("include_parts", False),
                                   named.get("type_"), named.get("doc"))
    if where is None:
        return []
    near = None
    if place:
        near = place_filter(store, place)
        clause, values = _place_clause(store, near)
        if clause is None:
            return []
        where.append(clause)
        params += values
    if limit is not None:
        ids = [r["id"] for r in store.query(
            "SELECT e.id FROM events e" + _where(where)
            + " ORDER BY (e.date IS NULL), e.date, e.id LIMIT ? OFFSET ?",
            [*params, int(limit), int(offset)])]
        if not ids:
            return []
        where, params = [f"e.id IN ({', '.join('?' * len(ids))})"], ids
    rows = store.query(EVENT_SQL + _where(where) + " ORDER BY (e.date IS NULL), e.date, "
                       "d.published, d.name, r.char_start", params)
    grouped: dict[str, dict[str, Any]] = {}
    for row in rows:
        report = report_from_row(row)
        ev = grouped.get(row["event_id"])
        if ev is None:
            ev = grouped[row["event_id"]] = _event_head(row, report)
        else:
            ev["reports"].append(report)
            for side in ("actors", "targets"):
                ev[side] += [a for a in report[side] if a not in ev[side]]
    out = list(grouped.values())
    names = names_of(store, {i for ev in out for i in [*ev["actors"], *ev["targets"],
                                                        ev["location"]] if i})
    for ev in out:
        ev["place"] = names.get(ev["location"], ev["location"]) if ev["location"] else None
        ev["actor_names"] = [names.get(a, a) for a in ev["actors"]]
        ev["target_names"] = [names.get(t, t) for t in ev["targets"]]
    keep = event_test(store, min_killed=named.get("min_killed"))
    out = [ev for ev in out if keep(ev) and (near is None or near(ev))]
    if limit is None:
        out.sort(key=lambda e: (e["date"] is None, e["date"] or ""))
    eventsummary.annotate(store, out)
    return [e for e in out if e["disputed"]] if disputed else out


def _where(clauses: list[str]) -> str:
    return " WHERE " + " AND ".join(clauses) if clauses else ""


def _event_filters(store: Store, actor: str | None, since: str | None, until: str | None,
                   include_parts: bool, type_: str | None, doc: str | None
                   ) -> tuple[list[str] | None, list[Any]]:
    """SQL conditions on ``events e`` for the filters; None when one matches nothing."""
    from ratline.store.filters import actor_ids
    where: list[str] = []
    params: list[Any] = []
    if since:
        where.append("e.date >= ?")
        params.append(str(since))
    if until:
        where.append("e.date <= ?")
        params.append(_end_of(str(until)))
    if type_:
        where.append("e.type = ?")
        params.append(type_)
    if doc:
        where.append("e.id IN (SELECT r3.event_id FROM event_reports r3 WHERE r3.doc_id = ?)")
        params.append(doc)
    if actor:
        ids = sorted(actor_ids(store, actor, include_parts))
        if not ids:
            return None, []
        where.append("e.id IN (SELECT r2.event_id FROM report_parties p JOIN event_reports r2 "
                     "ON r2.doc_id = p.doc_id AND r2.local_id = p.local_id "
                     f"WHERE p.entity_id IN ({', '.join('?' * len(ids))}))")
        params += ids
    return where, params


def names_of(store: Store, ids: set[str]) -> dict[str, str]:
    """Entity id -> name for just these ids (not the whole table)."""
    out: dict[str, str] = {}
    ordered = sorted(ids)
    for i in range(0, len(ordered), 500):
        part = ordered[i:i + 500]
        for r in store.query(f"SELECT id, name FROM entities WHERE id IN "
                             f"({', '.join('?' * len(part))})", part):
            out[r["id"]] = r["name"]
    return out


def _end_of(date: str) -> str:
    """The last day string of a partial date, so --until 2007 includes December."""
    parts = date.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-12-31"
    if len(parts) == 2:
        return f"{parts[0]}-{parts[1]}-31"
    return date


def report_from_row(row: dict[str, Any]) -> dict[str, Any]:
    rep = {k: row.get(k) for k in _REPORT_KEYS}
    rep["start"], rep["end"] = row["char_start"], row["char_end"]
    rep["actors"] = loads(row["actors"], [])
    rep["targets"] = loads(row["targets"], [])
    if "read_type" in row:           # the event as this report read it
        rep["report_id"] = f"{row['doc_id']}:{row['local_id']}"
        rep["reported"] = {k: row[f"read_{k}"] for k in (
            "type", "date", "date_precision", "location", "admin1", "country", "where_precision")}
    return rep


def _event_head(row: dict[str, Any], report: dict[str, Any]) -> dict[str, Any]:
    """Event-level fields plus the first report's figures and quote."""
    head = {
        "event_id": row["event_id"], "type": row["type"], "date": row["date"],
        "date_precision": row["date_precision"], "location": row["location"],
        "place": None,                              # named by the caller, in one query
        "admin1": row["admin1"], "country": row["country"], "lat": row["lat"],
        "lon": row["lon"], "where_precision": row["where_precision"],
        "event_basis": row.get("event_basis"),
    }
    head.update({k: report[k] for k in _REPORT_KEYS if k not in ("local_id",)})
    head["actors"] = list(report["actors"])
    head["targets"] = list(report["targets"])
    head["reports"] = [report]
    return head


def _place_clause(store: Store, near) -> tuple[str | None, list[Any]]:
    """An SQL superset of the events a ``filters.PlaceFilter`` keeps, through the
    ``events`` indexes; (None, []) if none can match.  The few distinct provinces and
    the place entities are matched in Python (folding is not SQL); the filter itself
    is applied to the rows afterwards, so this only has to lose nothing."""
    province_names = {name for _, name in near.provinces}
    admins = [r["admin1"] for r in store.query(
        "SELECT DISTINCT admin1 FROM events WHERE admin1 IS NOT NULL") if fold(r["admin1"]) in province_names]
    town_names = {name for _, name in near.towns}
    # by the name key's index: norm() is a function of fold(), so a place whose folded
    # name is one of the towns has one of their keys (the fold test then decides)
    keys = sorted({norm(name) for name in town_names})
    towns = [r["id"] for r in store.query(
        f"SELECT id, name FROM entities WHERE type = 'place' AND name_norm IN ({', '.join('?' * len(keys))})",
        keys) if fold(r["name"]) in town_names] if keys else []
    parts, params = [], []
    for column, values in (("e.location", sorted(set(near.entity_ids) | set(towns))),
                           ("e.admin1", admins), ("e.country", sorted(near.countries))):
        if values:
            parts.append(f"{column} IN ({', '.join('?' * len(values))})")
            params += values
    if not parts:
        return None, []
    return "(" + " OR ".join(parts) + ")", params


def entities(store: Store, kind: str | None = None) -> list[dict[str, Any]]:
    """Canonical entities with their aliases and how many documents name them."""
    sql = ("SELECT e.id, e.type, e.name, e.country, COUNT(DISTINCT l.doc_id) AS documents "
           "FROM entities e LEFT JOIN entity_links l ON l.entity_id = e.id")
    params: list[Any] = []
    if kind:
        sql += " WHERE e.type = ?"
        params.append(kind)
    sql += " GROUP BY e.id, e.type, e.name, e.country ORDER BY e.type, e.name"
    rows = store.query(sql, params)
    aliases: dict[str, list[str]] = {}
    for r in store.query("SELECT entity_id, alias FROM aliases ORDER BY first_seen, alias"):
        aliases.setdefault(r["entity_id"], []).append(r["alias"])
    for r in rows:
        r["aliases"] = aliases.get(r["id"], [])
    return rows


def entity_publication_days(store: Store) -> dict[str, list[str]]:
    """For each entity, the publication days of the documents naming it (one per
    document, sorted): how many had named it by a given day is a bisection."""
    days: dict[str, list[str]] = {}
    for r in store.query("SELECT DISTINCT l.entity_id, l.doc_id, d.published FROM entity_links l "
                         "JOIN documents d ON d.doc_id = l.doc_id WHERE d.published IS NOT NULL"):
        days.setdefault(r["entity_id"], []).append(r["published"])
    for found in days.values():
        found.sort()
    return days


def routes(store: Store, doc_id: str | None = None) -> list[dict[str, Any]]:
    """Reported movements (``extract/routes.py``), each with its quotation, document
    and publication date (those of one document with ``doc_id``); ``mover`` is
    given by name too."""
    names = entity_names(store)
    out = []
    where, params = ("WHERE r.doc_id = ? ", (doc_id,)) if doc_id else ("", ())
    for r in store.query(
            "SELECT r.*, d.name AS doc, d.published FROM routes r JOIN documents d "
            f"ON d.doc_id = r.doc_id {where}ORDER BY d.published, d.name, r.char_start", params):
        r["start"], r["end"] = r.pop("char_start"), r.pop("char_end")
        r["mover_id"] = r["mover"]
        r["mover"] = names.get(r["mover"], r["mover"]) if r["mover"] else None
        r["origin"] = r.pop("origin_name") or (names.get(r["origin"]) if r["origin"] else None)
        r["destination"] = r.pop("destination_name")
        out.append(r)
    return out


def document(store: Store, doc_id: str) -> dict[str, Any] | None:
    """A stored document with every fact read in it, each with its offsets and
    a line saying what it is; reader comments apart (they are never evidence)."""
    rows = store.query("SELECT * FROM documents WHERE doc_id = ?", (doc_id,))
    if not rows:
        return None
    d = rows[0]
    names = entity_names(store)
    facts = (_relation_facts(store, doc_id, names) + _event_facts(store, doc_id)
             + _tally_facts(store, doc_id) + _route_facts(store, doc_id))
    facts.sort(key=lambda f: f["start"])
    return {"doc_id": d["doc_id"], "name": d["name"], "title": d["title"], "url": d["url"],
            "published": d["published"], "published_basis": d["published_basis"],
            "body": d["body"], "comments": loads(d["comments"], []), "facts": facts}


def _fact(kind: str, row: dict[str, Any], what: str, **extra) -> dict[str, Any]:
    return {"kind": kind, "start": row["char_start"], "end": row["char_end"],
            "quote": row["quote"], "what": what, **extra}


def _relation_facts(store: Store, doc_id: str, names: dict[str, str]) -> list[dict[str, Any]]:
    return [_fact("relation", r, f"{names.get(r['subject'], r['subject'])} {r['predicate']} "
                                 f"{names.get(r['object'], r['object'])}")
            for r in store.query("SELECT * FROM relations WHERE doc_id = ?", (doc_id,))]


def _event_facts(store: Store, doc_id: str) -> list[dict[str, Any]]:
    return [_fact("event", r, r["type"] + (f", killed {r['killed_best']}"
                                           if r["killed_best"] is not None else ""),
                  event_id=r["event_id"])
            for r in store.query("SELECT r.*, e.type FROM event_reports r JOIN events e "
                                 "ON e.id = r.event_id WHERE r.doc_id = ?", (doc_id,))]


def _tally_facts(store: Store, doc_id: str) -> list[dict[str, Any]]:
    return [_fact("tally", r, f"tally: killed {r['killed']}, captured {r['captured']} "
                              f"since {r['since']}")
            for r in store.query("SELECT * FROM tallies WHERE doc_id = ?", (doc_id,))]


def _route_facts(store: Store, doc_id: str) -> list[dict[str, Any]]:
    return [{"kind": "route", "start": r["start"], "end": r["end"], "quote": r["quote"],
             "what": f"{r['cargo'] or 'movement'} from {r['origin'] or '?'} to {r['destination']}"}
            for r in routes(store, doc_id)]


def summary(store: Store) -> dict[str, Any]:
    counts = {t: store.count(t) for t in (
        "documents", "entities", "aliases", "mentions", "events", "event_reports",
        "relations", "tallies", "conflicts")}
    counts["entities_by_type"] = {r["type"]: r["n"] for r in store.query(
        "SELECT type, COUNT(*) AS n FROM entities GROUP BY type ORDER BY type")}
    return counts


def sentence_around(body: str, start: int, end: int, limit: int = 240) -> str:
    """The sentence holding body[start:end], for showing a name in context."""
    left = max(body.rfind(". ", 0, start), body.rfind("\n", 0, start))
    left = 0 if left < 0 else left + 1
    m = re.compile(r"[.!?](?=\s|$)|\n").search(body, end)
    right = m.end() if m else len(body)
    text = " ".join(body[left:right].split())
    return text if len(text) <= limit else text[:limit - 1] + "…"

