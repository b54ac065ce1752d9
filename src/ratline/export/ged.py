"""Events as a UCDP GED-style CSV: best/low/high, date_prec, where_prec.

Column names are GED's where a GED column exists; a few GED columns that need
UCDP's own registers (conflict and dyad ids, Gleditsch-Ward country codes,
PRIO-GRID cells) are left out.  Field meanings:

- ``best``/``low``/``high``: the event's killed figures (best = median of
  its reports', low/high = the lowest and highest any report gives; see
  ``store/eventsummary.py``).  GED codes only events with a death; ratline
  exports every event and leaves a figure no report states empty.
  ``deaths_unknown`` holds best, since reports rarely say whose dead.
- ``date_prec``: 1 exact day, 2 a span of 2-6 days (our "week": about this
  day), 4 the month, 5 the year; ``date_start``/``date_end`` bound that span.
- ``where_prec``: the gazetteer's UCDP code as stored (1 the place, 2 within
  about 25 km or part of a city, 3 a district, 4 a province, 6 the country);
  ``where_coordinates`` names the place and ``where_description`` says how a
  place the gazetteer lacked was placed.
- ``type_of_violence``: 1 state-based (a state force, agency or government on
  either side), 3 one-sided (kidnapping, execution or assassination with no
  state on either side), 2 non-state otherwise.
- ``event_clarity``: 1 when the day (or week) and a place finer than a
  province are known, else 2.
- ``number_of_sources``: documents reporting the event; ``source_office``
  the sources they cite; ``source_article``/``source_headline``/
  ``source_date`` the documents themselves.
"""
from __future__ import annotations

import csv
import io
from typing import Any

from ratline.export.countries import country
from ratline.store.eventmerge import date_window

COLUMNS = (
    "id", "relid", "year", "type_of_violence", "dyad_name", "side_a", "side_b",
    "number_of_sources", "source_article", "source_office", "source_date", "source_headline",
    "source_original", "where_prec", "where_coordinates", "where_description", "adm_1", "adm_2",
    "latitude", "longitude", "geom_wkt", "country", "iso2", "region", "event_clarity",
    "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low",
)
DATE_PREC = {"day": 1, "week": 2, "month": 4, "year": 5}
STATE_TYPES = ("state_force", "state_agency", "government")
ONE_SIDED = ("kidnapping", "execution", "assassination")


def type_of_violence(ev: dict[str, Any], info: dict) -> int:
    kinds = {info.get(i, ("",))[0] for i in ev.get("actors", []) + ev.get("targets", [])}
    if kinds & set(STATE_TYPES):
        return 1
    return 3 if ev.get("type") in ONE_SIDED else 2


def _names(ids: list[str], info: dict) -> str:
    return "; ".join(info.get(i, ("", i))[1] for i in ids if info.get(i, ("",))[0] != "place")


def row(n: int, ev: dict[str, Any], info: dict, titles: dict[str, tuple]) -> dict[str, Any]:
    reports = ev.get("reports", [])
    docs = list(dict.fromkeys(r["doc_id"] for r in reports))
    side_a, side_b = _names(ev.get("actors", []), info), _names(ev.get("targets", []), info)
    date, prec = ev.get("date"), ev.get("date_precision")
    start, end = date_window(date, prec) if date else (None, None)
    where = country(ev.get("country"))
    fine_place = ev.get("where_precision") is not None and ev["where_precision"] <= 3
    lat, lon = ev.get("lat"), ev.get("lon")
    basis = ev.get("event_basis") or ""
    placed_how = next((p for p in basis.split(" | ") if p.startswith("place ")), "")
    return {
        "id": n, "relid": ev["event_id"], "year": date[:4] if date else "",
        "type_of_violence": type_of_violence(ev, info),
        "dyad_name": f"{side_a or 'unknown'} - {side_b or 'unknown'}",
        "side_a": side_a, "side_b": side_b, "number_of_sources": len(docs),
        "source_article": "; ".join(titles.get(d, (d, None, None))[0] for d in docs),
        "source_office": "; ".join(dict.fromkeys(r["claim_source"] for r in reports
                                                 if r.get("claim_source"))),
        "source_date": "; ".join(titles.get(d, (None, None, ""))[2] or "" for d in docs),
        "source_headline": "; ".join(titles.get(d, (None, "", None))[1] or "" for d in docs),
        "source_original": " | ".join(" ".join((r.get("quote") or "").split()) for r in reports),
        "where_prec": ev.get("where_precision") if ev.get("where_precision") is not None else "",
        "where_coordinates": ", ".join(x for x in (ev.get("place"), ev.get("admin1")) if x),
        "where_description": placed_how, "adm_1": ev.get("admin1") or "", "adm_2": "",
        "latitude": "" if lat is None else f"{lat:.5f}",
        "longitude": "" if lon is None else f"{lon:.5f}",
        "geom_wkt": "" if lat is None or lon is None else f"POINT ({lon:.5f} {lat:.5f})",
        "country": where.name if where else "", "iso2": ev.get("country") or "",
        "region": where.ged_region if where else "",
        "event_clarity": 1 if prec in ("day", "week") and fine_place else 2,
        "date_prec": DATE_PREC.get(prec, "") if date else "",
        "date_start": start.isoformat() if start else "", "date_end": end.isoformat() if end else "",
        "deaths_a": "", "deaths_b": "", "deaths_civilians": "",
        "deaths_unknown": _n(ev.get("killed_best")), "best": _n(ev.get("killed_best")),
        "high": _n(ev.get("killed_high")), "low": _n(ev.get("killed_low")),
    }


def _n(value: int | None) -> Any:
    return "" if value is None else value


def write(events: list[dict[str, Any]], info: dict, titles: dict[str, tuple]) -> str:
    """``titles``: doc_id -> (document name, title, publication date)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for n, ev in enumerate(events, 1):
        writer.writerow(row(n, ev, info, titles))
    return buf.getvalue()
