"""Blocking for event merging: the stored reports a new report may tell of the same
happening as, found through indexes (never a scan of every report).

``candidate_keys`` gives, for one report, the keys of the stored reports whose
date window, place or parties let ``eventcompare.compare`` accept the pair; the
rules that make this lossless are in each block's docstring and in
``store/eventmerge.py``'s (step 1).  Split from ``eventmerge.py``.
"""
from __future__ import annotations

import datetime as dt
import math
import sqlite3

from rapidfuzz import fuzz

from ratline.resolve.names import fold
from ratline.store.eventcompare import (ATTACKS, NEAR_KM, TYPE_ORDER, Report, _chunks,
                                        _same_wording, _types, date_window, report_key)
from ratline.store.rows import ANYWHERE, cell_id, grid_index


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


def _party_parts(n: int, dated: bool, keep: str, cols: str, cells: list[int]) -> list[str]:
    """The shared-party block when ``_near`` narrows it, as two statements: the
    party's reports in ``cells`` (the grid cells of ``_near``'s box) or placed
    ANYWHERE (``report_parties.cell``: kept by ``_near`` whatever the box), read
    and tested as ``_party_sql``'s; and, from the index alone, the distinct
    towns (``loc``, named) of its reports in other cells, as rows
    (NULL, loc, name).  A report in another cell is outside the box, so
    ``_near`` keeps it only when its town is ``rep``'s or one ``_places`` takes
    for it (a far town spelt alike): the caller reads those towns' reports
    with ``_party_loc_sql``.  Before, every report of the party (or its every
    undated one) was read from ``event_reports`` to learn its place, and ~9 of
    10 were far towns of the country dropped by ``_near`` (scale6)."""
    marks = ", ".join("?" * n)
    undated = " AND p.undated = 1" if dated else ""
    in_cells = ", ".join("?" * len(cells))
    near = (f"SELECT DISTINCT {cols} FROM report_parties p JOIN event_reports r "
            "ON r.doc_id = p.doc_id AND r.local_id = p.local_id "
            f"WHERE p.entity_id IN ({marks}){undated} AND p.cell IN ({in_cells}) AND {keep}")
    far = ("SELECT NULL, l.loc, COALESCE((SELECT e.name FROM entities e WHERE e.id = l.loc), "
           f"l.loc) FROM (SELECT DISTINCT p.loc FROM report_parties p WHERE p.entity_id IN ({marks})"
           f"{undated} AND p.cell NOT IN ({in_cells})) l")
    return [near, far]


def _party_loc_sql(n: int, dated: bool, keep: str, cols: str, m: int) -> str:
    """``_party_sql`` for the reports of ``m`` towns (``report_parties.loc``)."""
    return (_party_sql(n, dated, keep, cols)
            + f" AND p.loc IN ({', '.join('?' * m)})")


def _cells(box: tuple[float, float, float, float]) -> list[int] | None:
    """The grid cells (``rows.grid_index``) holding every point of ``box`` (lat
    from, lat to, lon from, lon to; the bounds of ``_near``'s BETWEEN): as
    ``grid_index`` is monotone, a point between two bounds lies in a cell between
    theirs.  None when they are too many to be worth listing."""
    lat0, lat1, lon0, lon1 = box
    (i0, j0), (i1, j1) = grid_index(lat0, lon0), grid_index(lat1, lon1)
    if (i1 - i0 + 1) * (j1 - j0 + 1) > MAX_CELLS:
        return None
    return [cell_id(i, j) for i in range(i0, i1 + 1) for j in range(j0, j1 + 1)]


MAX_CELLS = 64
CELL_SLOTS = 16


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


def candidate_keys(conn: sqlite3.Connection, rep: Report) -> set[str]:
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
    dated = bool(rep.date)
    cells = _cells(_box(rep)) if near else None
    if cells is not None:
        # padded to a fixed length (a value twice changes nothing): the statement's
        # text then varies with the parties, not the box, and stays in the
        # connection's statement cache (``sqlite.STATEMENT_CACHE``; unpadded, 217
        # texts over documents 5,000-6,000, not 115: with sqlite3's default cache of
        # 128 they were prepared again and again, its execute 1.7 s per 1,000
        # documents under the profiler, padded 1.1)
        cells = [ANYWHERE, *cells]
        cells += [ANYWHERE] * (-len(cells) % CELL_SLOTS)
    for part in _chunks(sorted(rep.parties)):
        if cells is None:
            selects.append(_party_sql(len(part), dated, keep, cols))
            params += [*near_params, *part, *keep_params]
            continue
        selects += _party_parts(len(part), dated, keep, cols, cells)
        params += [*near_params, *part, *cells, *keep_params, *part, *cells]
    rows = conn.execute(" UNION ALL ".join(selects), params).fetchall() if selects else []
    found: set[str] = set()
    alike: dict[str, bool] = {}
    towns: set[str] = set()                 # far cells' towns whose reports _near may keep
    for doc_id, local_id, far in rows:
        if doc_id is None:                  # (NULL, loc, name): a town of the party's far cells
            if local_id == rep.location or _same_name(rep.place_name, far):
                towns.add(local_id)
            continue
        if far is not None:
            if far not in alike:
                alike[far] = _same_name(rep.place_name, far)
            if not alike[far]:
                continue
        found.add(report_key(doc_id, local_id))
    if towns:
        for part in _chunks(sorted(rep.parties)):
            for doc_id, local_id, far in conn.execute(
                    _party_loc_sql(len(part), dated, keep, cols, len(towns)),
                    [*near_params, *part, *keep_params, *sorted(towns)]).fetchall():
                if far is None or alike.setdefault(far, _same_name(rep.place_name, far)):
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
    box = _box(rep)
    if box is None:
        return None, []
    # the rows kept whatever the box are the ones ``rows.place_cell`` puts ANYWHERE
    return ("r.read_location IS NULL OR r.read_location = ? OR r.read_lat IS NULL OR "
            "r.read_lon IS NULL OR r.read_where_precision IS NULL OR r.read_where_precision >= 4 "
            "OR r.read_where_precision < 1 "
            "OR (r.read_lat BETWEEN ? AND ? AND r.read_lon BETWEEN ? AND ?)",
            [rep.location, *box])


def _box(rep: Report) -> tuple[float, float, float, float] | None:
    """``_near``'s box (lat from, lat to, lon from, lon to), or None when ``rep``'s
    place rules nothing out."""
    if not rep.location or rep.lat is None or rep.lon is None or rep.fallback \
            or (rep.where_precision or 6) >= 4:
        return None
    dlat = NEAR_KM / 110.0 + 0.01                          # a degree of latitude is >= 110.5 km
    cos = math.cos(math.radians(min(89.0, abs(rep.lat) + dlat)))
    dlon = NEAR_KM / (111.0 * cos) + 0.01
    if abs(rep.lon) + dlon >= 180.0 or abs(rep.lat) + dlat >= 89.0:
        return None                                        # the box would wrap: keep everything
    return rep.lat - dlat, rep.lat + dlat, rep.lon - dlon, rep.lon + dlon
