"""Events as an ACLED-style CSV: ACLED's 31 columns, our fields mapped to its codes.

One row per merged event (one per real event, each with all its reports).
How our fields become ACLED's:

- ``event_type``/``sub_event_type`` from our type (``TYPES``); a raid with
  dead or wounded is a battle (armed clash), a raid that only captured people
  is a strategic development (arrests); ``disorder_type`` follows the type
  (battles, explosions and violence against civilians are political violence).
- ``time_precision``: 1 the day is known, 2 the week ("about this day"),
  3 only the month or the year.
- ``geo_precision`` from the UCDP where_prec the gazetteer gives: 1 the town
  itself (where_prec 1), 2 near a town or part of it (2-3), 3 only a province
  or the country (4 and up).
- ``fatalities`` is the event's best figure (the median of its reports', see
  ``store/eventsummary.py``).  ACLED writes 0 when no figure was reported;
  ratline leaves the cell empty (unknown is not zero) and tags the row
  ``fatalities not reported``.
- ``inter1``/``inter2`` use ACLED's numeric actor codes: 1 state forces (of
  the event's country), 8 external forces (another state's), 2 armed groups
  (the dictionary does not yet tell rebels from militias), 7 civilians (named
  people on the receiving side of violence against civilians or arrests);
  ``interaction`` is the two codes, lower first (10, 20 ... for one actor).
- ``iso`` is the ISO 3166 numeric code; ``region`` ACLED's region
  (``data/regions.tsv``); ``admin2``/``admin3`` are left empty (the
  gazetteer has provinces only); ``source`` lists each report's claimed
  source and document; ``notes`` holds the first report's quotation and, for
  events told by several reports, their figures; ``timestamp`` is the Unix
  time of the latest ingestion among the event's documents.
"""
from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

from ratline.export.countries import country

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)
BATTLE = ("Battles", "Armed clash")
ARRESTS = ("Strategic developments", "Arrests")
TYPES = {
    "raid": BATTLE,                  # unless it only captured people, see acled_type
    "armed_clash": BATTLE,
    "airstrike": ("Explosions/Remote violence", "Air/drone strike"),
    "ied_attack": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "rocket_mortar_attack": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "arrest": ARRESTS,
    "kidnapping": ("Violence against civilians", "Abduction/forced disappearance"),
    "execution": ("Violence against civilians", "Attack"),
    "assassination": ("Violence against civilians", "Attack"),
    "release": ("Strategic developments", "Other"),
    "other": ("Strategic developments", "Other"),
}
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
STATE_TYPES = ("state_force", "state_agency", "government")


def acled_type(ev: dict[str, Any]) -> tuple[str, str, str]:
    """(disorder_type, event_type, sub_event_type) for one of our events."""
    event_type, sub = TYPES.get(ev.get("type"), TYPES["other"])
    if ev.get("type") == "raid" and not (ev.get("killed_best") or ev.get("killed_high")
                                         or ev.get("wounded")) and ev.get("captured"):
        event_type, sub = ARRESTS
    disorder = "Strategic developments" if event_type == "Strategic developments" else "Political violence"
    return disorder, event_type, sub


def geo_precision(where_prec: int | None) -> int | None:
    if where_prec is None:
        return None
    return 1 if where_prec <= 1 else 2 if where_prec <= 3 else 3


def inter_code(kind: str | None, ent_country: str | None, event_country: str | None,
               civilians: bool = False) -> int:
    if kind in STATE_TYPES:
        return 1 if not ent_country or not event_country or ent_country == event_country else 8
    if kind == "armed_group":
        return 2
    if kind == "person":
        return 7 if civilians else 0
    return 8 if kind else 0


def _side(ids: list[str], info: dict, ev: dict[str, Any], victims: bool) -> tuple[str, str, int]:
    """(actor, associated actors, inter code) for one side of the event."""
    named = [i for i in ids if info.get(i, ("", i, None))[0] != "place"]
    groups = [i for i in named if info.get(i, ("person",))[0] != "person"]
    people = [i for i in named if i not in groups]
    name = lambda i: info.get(i, ("", i, None))[1]
    if groups:
        lead = groups[0]
        kind, _, cc = info.get(lead, ("", lead, None))
        assoc = [name(i) for i in groups[1:] + people]
        return name(lead), "; ".join(assoc), inter_code(kind, cc, ev.get("country"))
    if people and victims:
        where = country(ev.get("country"))
        label = f"Civilians ({where.name})" if where else "Civilians"
        return label, "; ".join(name(i) for i in people), 7
    if people:
        return name(people[0]), "; ".join(name(i) for i in people[1:]), 0
    return "", "", 0


def row(ev: dict[str, Any], info: dict, ingested: dict[str, str]) -> dict[str, Any]:
    disorder, event_type, sub = acled_type(ev)
    victims = event_type in ("Violence against civilians",) or sub == "Arrests"
    actor1, assoc1, inter1 = _side(ev.get("actors", []), info, ev, victims=False)
    actor2, assoc2, inter2 = _side(ev.get("targets", []), info, ev, victims=victims)
    codes = sorted(c for c in (inter1, inter2) if c)
    interaction = (codes[0] * 10 + codes[1] if len(codes) == 2 else codes[0] * 10) if codes else ""
    where = country(ev.get("country"))
    reports = ev.get("reports", [])
    best = ev.get("killed_best")
    tags = []
    if best is None:
        tags.append("fatalities not reported")
    if len(reports) > 1:
        tags.append(f"reports={len(reports)}")
    if ev.get("killed_low") is not None and ev.get("killed_low") != best:
        tags.append(f"fatalities low={ev['killed_low']}")
    if ev.get("killed_high") is not None and ev.get("killed_high") != best:
        tags.append(f"fatalities high={ev['killed_high']}")
    if ev.get("disputed"):
        tags.append("sources disagree")
    notes = " ".join((ev.get("quote") or "").split())
    if len(reports) > 1:
        notes += " [" + "; ".join(f"{r.get('doc')}: {r.get('claim_source') or 'no source named'}"
                                  f" {_figures(r)}".rstrip() for r in reports) + \
                 f"; fatalities = {ev.get('best_rule')}]"
    stamps = [ingested[r["doc_id"]] for r in reports if ingested.get(r.get("doc_id"))]
    date = ev.get("date")
    return {
        "event_id_cnty": f"{where.iso3 if where else 'XXX'}-{ev['event_id']}",
        "event_date": date or "", "year": date[:4] if date else "",
        "time_precision": TIME_PRECISION.get(ev.get("date_precision"), "") if date else "",
        "disorder_type": disorder, "event_type": event_type, "sub_event_type": sub,
        "actor1": actor1, "assoc_actor_1": assoc1, "inter1": inter1 or "",
        "actor2": actor2, "assoc_actor_2": assoc2, "inter2": inter2 or "",
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if event_type == "Violence against civilians" else "",
        "iso": where.numeric if where and where.numeric is not None else "",
        "region": where.acled_region if where else "", "country": where.name if where else "",
        "admin1": ev.get("admin1") or "", "admin2": "", "admin3": "",
        "location": ev.get("place") or "", "latitude": _coord(ev.get("lat")),
        "longitude": _coord(ev.get("lon")),
        "geo_precision": geo_precision(ev.get("where_precision")) or "",
        "source": "; ".join(dict.fromkeys(
            f"{r.get('claim_source')} ({r.get('doc')})" if r.get("claim_source") else str(r.get("doc"))
            for r in reports)),
        "source_scale": "", "notes": notes, "fatalities": "" if best is None else best,
        "tags": "; ".join(tags),
        "timestamp": int(max(datetime.fromisoformat(s).timestamp() for s in stamps)) if stamps else "",
    }


def _figures(r: dict[str, Any]) -> str:
    from ratline.store.eventsummary import says
    text = says(r)
    return "" if text == "no figures" else f"({text})"


def _coord(value: float | None) -> str:
    return "" if value is None else f"{value:.5f}"


def write(events: list[dict[str, Any]], info: dict, ingested: dict[str, str]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for ev in events:
        writer.writerow(row(ev, info, ingested))
    return buf.getvalue()
