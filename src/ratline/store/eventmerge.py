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
"""
from __future__ import annotations

import datetime as dt
import json
import math
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from ratline.resolve.names import fold

THRESHOLD = 0.6
NEAR_KM = 25.0
ATTACKS = frozenset({"raid", "armed_clash", "airstrike", "ied_attack", "rocket_mortar_attack",
                     "assassination", "execution"})
# when reports disagree on the type, the more specific one names the event
TYPE_ORDER = ("airstrike", "ied_attack", "rocket_mortar_attack", "assassination", "execution",
              "kidnapping", "raid", "armed_clash", "arrest", "release", "other")
PRECISION_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3}
CHUNK = 500

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


# ----------------------------------------------------------------- reports

@dataclass
class Report:
    key: str
    doc_id: str
    local_id: str
    event_id: str
    doc: str
    type: str
    date: str | None
    precision: str | None
    location: str | None
    place_name: str | None
    admin1: str | None
    country: str | None
    lat: float | None
    lon: float | None
    where_precision: int | None
    fallback: bool
    place_basis: str | None
    parties: frozenset[str]
    persons: frozenset[str]
    quote: str
    killed_best: int | None
    order: tuple = field(default=(), compare=False)
    labels: dict = field(default_factory=dict, compare=False)     # person id -> name


def report_key(doc_id: str, local_id: str) -> str:
    return f"{doc_id}:{local_id}"


def split_key(key: str) -> tuple[str, str]:
    doc_id, _, local = key.rpartition(":")
    return doc_id, local


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


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


def _key_chunks(keys: Iterable[str]) -> Iterable[tuple[str, list]]:
    """(WHERE clause, parameters) naming reports by key, a few hundred at a time."""
    pairs = [split_key(k) for k in keys]
    for part in _chunks(pairs, CHUNK // 2):
        yield (" OR ".join("(r.doc_id = ? AND r.local_id = ?)" for _ in part),
               [x for p in part for x in p])


def reports_by_key(conn: sqlite3.Connection, keys: Iterable[str]) -> dict[str, Report]:
    out: dict[str, Report] = {}
    for where, params in _key_chunks(keys):
        out.update(load_reports(conn, where, params))
    return out


LIGHT_SQL = (
    "SELECT r.doc_id, r.local_id, r.read_type, r.read_date, r.read_date_precision, "
    "r.read_location, r.read_admin1, r.read_country, r.read_lat, r.read_lon, "
    "r.read_where_precision, p.lat AS p_lat, p.lon AS p_lon, p.admin1 AS p_admin1, "
    "p.country AS p_country, p.where_precision AS p_prec, e.name AS loc_name "
    "FROM event_reports r "
    "LEFT JOIN report_places p ON p.report_id = r.doc_id || ':' || r.local_id "
    "LEFT JOIN entities e ON e.id = r.read_location"
)


def _light_reports(conn: sqlite3.Connection, keys: Iterable[str]) -> dict[str, Report]:
    """Reports with only what ``_fits`` reads (date, place, type): one indexed
    query, no JSON, no document; parties and quote left empty."""
    out: dict[str, Report] = {}
    for where, params in _key_chunks(keys):
        for r in conn.execute(f"{LIGHT_SQL} WHERE {where}", params):
            loc = r["read_location"]
            reading = _reading(r, r["loc_name"] if r["loc_name"] is not None else loc)
            out[reading["key"]] = Report(
                **reading, event_id="", doc="", place_basis=None, parties=frozenset(),
                persons=frozenset(), quote="", killed_best=None)
    return out


def _fits(a: Report, b: Report) -> bool:
    """``compare``'s "no" rules on dates, places and types (its first step): a pair
    failing them is None whatever its parties, wording and toll."""
    x, y = (a, b) if a.key <= b.key else (b, a)
    return (_dates(x, y) is not None and _places(x, y) is not None
            and _types(x.type, y.type) is not None)


# ----------------------------------------------------------------- comparing two reports

@dataclass
class Verdict:
    score: float
    rule: str


def date_window(date: str, precision: str | None) -> tuple[dt.date, dt.date]:
    d = dt.date.fromisoformat(date[:10])
    if precision == "week":
        return d - dt.timedelta(days=3), d + dt.timedelta(days=3)
    if precision == "month":
        nxt = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return d.replace(day=1), nxt - dt.timedelta(days=1)
    if precision == "year":
        return dt.date(d.year, 1, 1), dt.date(d.year, 12, 31)
    return d, d


def _dates(a: Report, b: Report) -> tuple[str, float] | None:
    if not a.date or not b.date:
        return "undated", 0.0
    if (a.precision or "day") == "day" and (b.precision or "day") == "day":
        gap = abs((dt.date.fromisoformat(a.date[:10]) - dt.date.fromisoformat(b.date[:10])).days)
        return {0: ("same day", 0.35), 1: ("next day", 0.1)}.get(gap)
    (a0, a1), (b0, b1) = date_window(a.date, a.precision), date_window(b.date, b.precision)
    if a0 > b1 + dt.timedelta(days=1) or b0 > a1 + dt.timedelta(days=1):
        return None
    coarser = max(a.precision or "day", b.precision or "day", key=PRECISION_ORDER.get)
    return f"same {coarser}", {"day": 0.2, "week": 0.2, "month": 0.15, "year": 0.05}[coarser]


def _km(a: Report, b: Report) -> float:
    la, lb = math.radians(a.lat), math.radians(b.lat)
    dlat, dlon = lb - la, math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(la) * math.cos(lb) * math.sin(dlon / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _places(a: Report, b: Report) -> tuple[str, float] | None:
    if not a.location or not b.location:
        return "place unknown", 0.0
    if a.location != b.location and a.lat is not None and b.lat is not None and \
            a.country and b.country and a.country != b.country:
        return None                      # two countries: never one place, however spelt
    if a.location == b.location or (a.place_name and b.place_name and fuzz.ratio(
            fold(a.place_name), fold(b.place_name)) >= 90):
        return "same place", 0.3
    if a.fallback and b.fallback:
        return None                      # two different names, neither known to the gazetteer
    if a.lat is None or b.lat is None:
        return ("places not comparable", 0.0) if (a.lat is None) != (b.lat is None) else None
    if a.country and b.country and a.country != b.country:
        return None
    coarse, fine = sorted((a, b), key=lambda r: -(r.where_precision or 6))
    if coarse.fallback and (coarse.where_precision or 6) >= 4:
        return "places not comparable", 0.0   # only the province or country of a named place is known
    if (coarse.where_precision or 6) >= 6:
        return f"within {coarse.country}", 0.1
    if (coarse.where_precision or 6) >= 4:
        if coarse.admin1 and fine.admin1 and fold(coarse.admin1) == fold(fine.admin1):
            return f"within {coarse.admin1}", 0.1
        return None
    km = _km(a, b)
    if km > NEAR_KM:
        return None
    exact = (a.where_precision or 6) <= 1 and (b.where_precision or 6) <= 1
    return f"{km:.0f} km apart", 0.15 if exact else 0.25


def _types(a: str, b: str) -> tuple[str, float] | None:
    if a == b:
        return "same type", 0.15
    pair = {a, b}
    if pair <= ATTACKS:
        return "both attacks", 0.1
    if pair == {"raid", "arrest"}:
        return "raid and arrest", 0.05
    if "kidnapping" in pair and pair - {"kidnapping"} <= {"raid", "armed_clash", "execution"}:
        return "kidnapping and attack", 0.05
    return None


def _parties(a: Report, b: Report) -> tuple[str, float]:
    shared = a.parties & b.parties
    people = sorted(shared & (a.persons | b.persons))
    groups = shared - set(people)
    score, said = 0.0, []
    if people:
        score += 0.25
        said.append("shared person " + ", ".join(a.labels.get(p) or b.labels.get(p) or p
                                                  for p in people))
    if groups:
        score += min(0.2, 0.1 + 0.05 * (len(groups) - 1))
        said.append(f"{len(groups)} shared part{'y' if len(groups) == 1 else 'ies'}")
    if not shared and a.parties and b.parties:
        return "no shared party", -0.3       # each names who took part, and all differ
    return ", ".join(said), score


def _wording(a: Report, b: Report) -> bool:
    return _same_wording(a.quote, b.quote)


def _same_wording(a: str, b: str) -> bool:
    """A repeated passage: partial or token-sort ratio of 90 or more.

    ``partial_ratio`` (the costly test: ~65 of the ~100 us a pair took) scores the
    shorter quote, m characters, against substrings W of the longer: 2 LCS(s, W) /
    (m + |W|).  LCS(s, W) is at most x = LCS of the two whole quotes, so the score
    is at most 2x / (m + x), and 90 needs 11x >= 9m.  rapidfuzz's bit-parallel LCS
    costs a few us and rules out ~4 of 5 pairs of one town's reports, so the
    answer is the same and the pairs that cannot pass never reach partial_ratio
    (the same-town wording block compares every report of a town with every
    later one)."""
    qa, qb = _flat(a), _flat(b)
    m = min(len(qa), len(qb))
    if m < 40:
        return False
    # score_cutoff: rapidfuzz stops early on a pair below 90 (the answer is the same)
    if 11 * LCSseq.similarity(qa, qb) >= 9 * m and fuzz.partial_ratio(qa, qb, score_cutoff=90) >= 90:
        return True
    return fuzz.token_sort_ratio(qa, qb, score_cutoff=90) >= 90


@lru_cache(maxsize=1 << 12)
def _flat(text: str) -> str:
    """A quote with its spacing and case evened out (each is compared with many)."""
    return " ".join(text.split()).casefold()


WORDING = 0.3


def compare(a: Report, b: Report, floor: float | None = None) -> Verdict | None:
    """How strongly two reports tell of one event; None if they cannot.

    With ``floor``, also None when the score could not reach it even with the same
    wording: the fuzzy comparison of the two quotes, the costly part, is then
    skipped (a caller that keeps only verdicts >= ``floor`` sees the same ones)."""
    parts = [_dates(a, b), _places(a, b), _types(a.type, b.type)]
    if any(p is None for p in parts):
        return None
    parts.append(_parties(a, b))
    if a.killed_best is not None and a.killed_best == b.killed_best and a.killed_best > 0:
        parts.append((f"same toll ({a.killed_best} killed)", 0.15 if a.killed_best >= 10 else 0.05))
    if floor is not None and round(sum(s for _, s in parts) + WORDING, 3) < floor:
        return None
    wording = _wording(a, b)
    if "other" in (a.type, b.type) and not (wording or parts[0][0] == "same day"):
        return None            # statements and the like: only a repeated passage or the same day
    if wording:
        parts.insert(4, ("same wording", WORDING))
    score = round(sum(s for _, s in parts), 3)
    return Verdict(score, "; ".join(label for label, s in parts if label and s != 0.0))


# ----------------------------------------------------------------- storing a document

def integrate(conn: sqlite3.Connection, doc_id: str, placements: dict | None = None) -> list[str]:
    """Merge a just-stored document's reports into the stored events.

    ``placements`` (local event id -> ``place.fallback.Placement``) are kept in
    ``report_places``.  Returns the ids of the events the document's reports
    now belong to.
    """
    for local, p in (placements or {}).items():
        conn.execute(
            "INSERT INTO report_places (report_id, place_name, admin1, country, lat, lon, "
            "where_precision, basis) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (report_id) "
            "DO NOTHING", (report_key(doc_id, local), p.place_name, p.admin1, p.country,
                           p.latitude, p.longitude, p.where_precision, p.basis))
    new = load_reports(conn, "r.doc_id = ?", [doc_id])
    loaded = dict(new)           # every report read so far, for recluster not to read it again
    for key, other, verdict in list(_pairs(conn, new, loaded)):
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


def _pairs(conn: sqlite3.Connection, new: dict[str, Report], loaded: dict | None = None):
    """(new report, stored report, verdict) for every stored report of another
    document that scores at least THRESHOLD with a new one, in key order.

    Pairwise, not "the best event": which reports are judged the same then
    depends only on the two reports, not on which events happened to exist
    when the document came, so the judgements — and the groups built from
    them — are the same in any ingest order.  The stored reports loaded are
    added to ``loaded`` when given."""
    found = {key: _candidate_keys(conn, rep) for key, rep in new.items()}
    # blocking is by index and coarse (a shared party finds reports of that party
    # in every town of the country): rule out the pairs whose dates, places or
    # types cannot agree on light rows before loading the rest
    light = _light_reports(conn, set().union(*found.values()) - set(new)) if found else {}
    found = {key: {o for o in others if o in light and _fits(new[key], light[o])}
             for key, others in found.items()}
    stored = reports_by_key(conn, set().union(*found.values())) if found else {}
    if loaded is not None:
        loaded.update(stored)
    for key in sorted(new):
        for other in sorted(found[key]):
            cand = stored.get(other)
            if cand is None or cand.doc_id == new[key].doc_id:
                continue
            verdict = judge_pair(new[key], cand, floor=THRESHOLD)
            if verdict is not None and verdict.score >= THRESHOLD:
                yield key, other, verdict


def judge_pair(a: Report, b: Report, floor: float | None = None) -> Verdict | None:
    """``compare`` with the two reports in key order, so a pair gets one verdict
    (and one rule text) whichever of them was stored first."""
    x, y = (a, b) if a.key <= b.key else (b, a)
    return compare(x, y, floor)


# ----------------------------------------------------------------- blocking

def _compatible_types(etype: str) -> tuple[list[str], bool]:
    """The read types ``compare`` can accept beside ``etype``, and whether a NULL
    read type (taken as ``other``) is among them."""
    known = set(TYPE_ORDER) | ATTACKS | {etype}
    ok = sorted(t for t in known if _types(etype, t) is not None)
    return ok, "other" in ok


def _date_blocks(rep: Report) -> list[tuple[str, list[str]]]:
    """Indexed ranges of ``read_date`` holding every report whose date can overlap
    ``rep``'s at its precision (see ``_dates``: one day of slack; a week is its
    date +-3 days, a month or a year the whole of it)."""
    lo, hi = date_window(rep.date, rep.precision)
    lo1, hi1 = lo - dt.timedelta(days=1), hi + dt.timedelta(days=1)
    after = lambda d: (d + dt.timedelta(days=1)).isoformat()          # noqa: E731 exclusive end
    month_end = (hi1.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return [
        ("(r.read_date_precision IS NULL OR r.read_date_precision NOT IN ('week', 'month', "
         "'year')) AND r.read_date >= ? AND r.read_date < ?", [lo1.isoformat(), after(hi1)]),
        ("r.read_date_precision = 'week' AND r.read_date >= ? AND r.read_date < ?",
         [(lo1 - dt.timedelta(days=3)).isoformat(), after(hi1 + dt.timedelta(days=3))]),
        ("r.read_date_precision = 'month' AND r.read_date >= ? AND r.read_date < ?",
         [lo1.replace(day=1).isoformat(), after(month_end)]),
        ("r.read_date_precision = 'year' AND r.read_date >= ? AND r.read_date < ?",
         [f"{lo1.year:04d}-01-01", f"{hi1.year + 1:04d}-01-01"]),
    ]


def _filters(rep: Report) -> tuple[str, list]:
    """What every candidate must satisfy: another document, a compatible type and,
    when both are placed, the same country (``_places`` rules the rest out)."""
    types, with_null = _compatible_types(rep.type)
    sql = (f"r.doc_id != ? AND (r.read_type IN ({', '.join('?' * len(types))})"
           + (" OR r.read_type IS NULL)" if with_null else ")"))
    params: list = [rep.doc_id, *types]
    if rep.location and rep.lat is not None and rep.country:
        sql += (" AND (r.read_lat IS NULL OR r.read_country IS NULL OR r.read_location IS NULL "
                "OR r.read_country = ? OR r.read_location = ?)")
        params += [rep.country, rep.location]
    return sql, params


def _party_sql(n: int, dated: bool, keep: str, cols: str = "r.doc_id, r.local_id") -> str:
    """Reports naming one of ``n`` parties, found from the parties' index
    (``report_parties.entity_id``).  A dated report wants only undated partners
    (the date ranges found the rest): ``report_parties.undated`` and its index
    ``(entity_id, undated)`` make those one index range, where filtering on the
    joined report read every report of a busy party.  Starting from the undated reports instead
    and probing each for the parties scanned every undated report in the store:
    on bench/corpusgen's corpus 2,328 of them at 3,000 documents, 10x slower than
    this lookup and growing with the store."""
    marks = ", ".join("?" * n)
    return (f"SELECT DISTINCT {cols} FROM report_parties p JOIN event_reports r "
            "ON r.doc_id = p.doc_id AND r.local_id = p.local_id "
            f"WHERE p.entity_id IN ({marks}){' AND p.undated = 1' if dated else ''} AND {keep}")


def _coarse(rep: Report, blocks: list[tuple[str, list[str]]]) -> list[tuple[str, list]]:
    """Narrow the date blocks where the pair's date is a year and its place unknown.

    Such a pair scores at most .05 (year) + 0 (place unknown) + .15 (type) + .3
    (wording) + .15 (a toll of 10 or more), and with no shared party and no such
    toll at most .55 < THRESHOLD: it can merge only if the two share a party
    (``report_parties``) or the same toll of 10 or more.  Without this, a report
    dated only to the year ("detained 340 suspects this year") and placed nowhere
    is a candidate of every report of that year, a block that grows with the store.
    The last block holds the year-precision reports; with a year-precision ``rep``
    every block is of year pairs."""
    parties = sorted(rep.parties)
    ors, params = [], []
    if parties:
        ors.append("EXISTS (SELECT 1 FROM report_parties q WHERE q.doc_id = r.doc_id AND "
                   f"q.local_id = r.local_id AND q.entity_id IN ({', '.join('?' * len(parties))}))")
        params += parties
    if rep.killed_best is not None and rep.killed_best >= 10:
        ors.append("r.killed_best = ?")
        params.append(rep.killed_best)
    must = "(" + " OR ".join(ors) + ")" if ors else "1 = 0"
    if rep.location:                      # only the unplaced candidates are of place unknown
        must = f"(r.read_location IS NOT NULL OR {must})"
    out = []
    for i, (where, p) in enumerate(blocks):
        if rep.precision == "year" or i == len(blocks) - 1:
            out.append((f"{where} AND {must}", [*p, *params]))
        else:
            out.append((where, p))
    return out


def _same_place_undated(conn: sqlite3.Connection, rep: Report, keep: str, keep_params: list) -> set[str]:
    """Reports of ``rep``'s place with a date unknown on one side (``_penalty``
    narrows them by the party term), kept when they share a party, have the same
    toll of 10 or more, or the same wording.

    Such a pair scores .3 (place) + at most .15 (type) + the party term + the toll
    term (+ .3 for the same wording); with no shared party the party term is 0 or
    -.3 and without a toll of 10 or more the toll term is at most .05, so without
    the same wording it reaches at most .5 < THRESHOLD.  Each report of a town
    stays a candidate of every later report of it (this block grows with the
    store), but the ones that cannot merge cost a quote comparison here, not a
    load and a ``compare``."""
    undated = "" if not rep.date else " AND r.read_date IS NULL"
    where, params = _penalty("r.read_location = ?" + undated, [rep.location], rep)
    parties = sorted(rep.parties)
    shares, share_params = "0", []
    if parties:
        shares = ("CASE WHEN EXISTS (SELECT 1 FROM report_parties q WHERE q.doc_id = r.doc_id AND "
                  f"q.local_id = r.local_id AND q.entity_id IN ({', '.join('?' * len(parties))})) "
                  "THEN 1 ELSE 0 END")
        share_params = parties
    toll = rep.killed_best if rep.killed_best is not None and rep.killed_best >= 10 else None
    out: set[str] = set()
    for doc_id, local_id, quote, killed, shared in conn.execute(
            f"SELECT r.doc_id, r.local_id, r.quote, r.killed_best, {shares} FROM event_reports r "
            f"WHERE {where} AND {keep}", [*share_params, *params, *keep_params]):
        key = report_key(doc_id, local_id)
        if shared or (toll is not None and killed == toll):
            out.add(key)
            continue
        # in key order, as ``judge_pair`` compares them
        a, b = (rep.quote, quote or "") if rep.key <= key else (quote or "", rep.quote)
        if _same_wording(a, b):
            out.add(key)
    return out


def _penalty(where: str, params: list, rep: Report) -> tuple[str, list]:
    """Narrow a block of pairs with a date unknown on one side by the party term.

    Such a pair scores at most .3 (same place) + .15 (type) + .3 (wording) + .15
    (a toll of 10 or more); when both name parties and share none it loses .3
    and can reach THRESHOLD only with the same toll of 10 or more.  So when
    ``rep`` names parties, a partner must name none (places aside, as
    ``Report.parties``), share one, or have that toll.  Without this, a dated
    report finds every undated report of its town, a block that grows with the
    store.  The rule is symmetric: each side finds the other or neither does."""
    parties = sorted(rep.parties)
    if not parties:
        return where, params
    marks = ", ".join("?" * len(parties))
    ors = ["NOT EXISTS (SELECT 1 FROM report_parties q LEFT JOIN entities pe ON pe.id = q.entity_id "
           "WHERE q.doc_id = r.doc_id AND q.local_id = r.local_id "
           "AND (pe.type IS NULL OR pe.type != 'place'))",
           "EXISTS (SELECT 1 FROM report_parties q WHERE q.doc_id = r.doc_id AND "
           f"q.local_id = r.local_id AND q.entity_id IN ({marks}))"]
    extra: list = list(parties)
    if rep.killed_best is not None and rep.killed_best >= 10:
        ors.append("r.killed_best = ?")
        extra.append(rep.killed_best)
    return f"{where} AND ({' OR '.join(ors)})", [*params, *extra]


def _candidate_keys(conn: sqlite3.Connection, rep: Report) -> set[str]:
    """Stored reports that may tell of ``rep``'s event, found through indexes:
    a date window (``event_reports.read_date``), and — for undated reports on
    either side — the same place (``read_location``) or a shared party
    (``report_parties.entity_id``); each narrowed by type group and country.

    The date windows and the shared-party block are narrowed by place too
    (``_near``: the same town, a box holding every point within NEAR_KM,
    or a place ``_places`` cannot rule out on coordinates), bar a far town
    spelt like ``rep``'s, which ``_places`` takes for the same place: each row
    says whether it is near, and the few distinct far towns are named (by the
    query) and compared here.  Without the place, a day window finds that
    day's reports in every town of the country and most of them were loaded
    only to be ruled out by ``_fits`` (25 a dated report at 13,000 documents,
    1.2 of them fitting).

    Symmetric: if B is found for A, A is found for B, so a pair is judged
    whichever comes first."""
    keep, keep_params = _filters(rep)
    near, near_params = _near(rep)
    # (doc_id, local_id, the name of a far town or None when the row is near)
    cols = ("r.doc_id, r.local_id, CASE WHEN ({near}) THEN NULL ELSE COALESCE((SELECT e.name "
            "FROM entities e WHERE e.id = r.read_location), r.read_location) END".format(near=near)
            if near else "r.doc_id, r.local_id, NULL")
    # the date blocks and the shared-party block as one statement (one round trip a
    # report, not five): each part is planned on its own index, as it was alone
    selects: list[str] = []
    params: list = []
    if rep.date:
        for where, block_params in _coarse(rep, _date_blocks(rep)):
            selects.append(f"SELECT {cols} FROM event_reports r WHERE {where} AND {keep}")
            params += [*near_params, *block_params, *keep_params]
    for part in _chunks(sorted(rep.parties)):
        selects.append(_party_sql(len(part), bool(rep.date), keep, cols))
        params += [*near_params, *part, *keep_params]
    rows = conn.execute(" UNION ALL ".join(selects), params).fetchall() if selects else []
    found: set[str] = set()
    alike: dict[str, bool] = {}
    for doc_id, local_id, far in rows:
        if far is not None:
            if far not in alike:
                alike[far] = _same_name(rep.place_name, far)
            if not alike[far]:
                continue
        found.add(report_key(doc_id, local_id))
    if rep.location:
        found |= _same_place_undated(conn, rep, keep, keep_params)
    return found


def _same_name(a: str | None, b: str | None) -> bool:
    return bool(a and b and fuzz.ratio(fold(a), fold(b)) >= 90)


def _near(rep: Report) -> tuple[str | None, list]:
    """An SQL condition every stored report whose place ``_places`` can accept
    beside ``rep``'s meets, bar a far town spelt like rep's (the caller adds those);
    (None, []) when ``rep``'s place rules nothing out (unplaced, coarse, or only
    placed by a fallback).  Kept: reports without a place or coordinates of their
    own (a fallback point is judged on the full row), coarse ones (a province or
    country: ``_places`` asks for the province), the same town, and a box around
    ``rep`` holding every point within NEAR_KM.  Without this, a shared party (a
    country's police) finds that party's reports in every town of the country."""
    if not rep.location or rep.lat is None or rep.lon is None or rep.fallback \
            or (rep.where_precision or 6) >= 4:
        return None, []
    dlat = NEAR_KM / 110.0 + 0.01                          # a degree of latitude is >= 110.5 km
    cos = math.cos(math.radians(min(89.0, abs(rep.lat) + dlat)))
    dlon = NEAR_KM / (111.0 * cos) + 0.01
    if abs(rep.lon) + dlon >= 180.0 or abs(rep.lat) + dlat >= 89.0:
        return None, []                                    # the box would wrap: keep everything
    return ("r.read_location IS NULL OR r.read_location = ? OR r.read_lat IS NULL OR "
            "r.read_lon IS NULL OR r.read_where_precision IS NULL OR r.read_where_precision >= 4 "
            "OR r.read_where_precision < 1 "
            "OR (r.read_lat BETWEEN ? AND ? AND r.read_lon BETWEEN ? AND ?)",
            [rep.location, rep.lat - dlat, rep.lat + dlat, rep.lon - dlon, rep.lon + dlon])


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
            fits[pair] = judge_pair(reports[x], reports[y]) is not None
        return fits[pair]

    def blocked(ga: set[str], gb: set[str], machine: bool) -> bool:
        if any((min(x, y), max(x, y)) in apart for x in ga for y in gb):
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
