"""Events as a GeoJSON FeatureCollection (RFC 7946): a point per event.

Coordinates are [longitude, latitude] (GeoJSON's order).  An event without a
place keeps its feature with ``"geometry": null`` (allowed by RFC 7946), so a
map layer and a table built from the file count the same events.  Properties
carry what a map popup needs: type, date and its precision, place and its
where_precision, the sides, killed low/best/high with the rule for best,
wounded, captured, whether sources disagree, and each report's document,
source and quotation.
"""
from __future__ import annotations

import json
from typing import Any


def feature(ev: dict[str, Any]) -> dict[str, Any]:
    lat, lon = ev.get("lat"), ev.get("lon")
    geometry = None if lat is None or lon is None else {
        "type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}
    props = {k: ev.get(k) for k in (
        "event_id", "type", "date", "date_precision", "place", "admin1", "country",
        "where_precision", "killed_low", "killed_best", "killed_high", "best_rule", "wounded",
        "captured", "disputed")}
    props["actors"] = ev.get("actor_names", [])
    props["targets"] = ev.get("target_names", [])
    props["place_basis"] = next((p for p in (ev.get("event_basis") or "").split(" | ")
                                 if p.startswith("place ")), None)
    props["reports"] = [
        {"doc": r.get("doc"), "report_id": r.get("report_id"), "source": r.get("claim_source"),
         "quote": r.get("quote"), "start": r.get("start"), "end": r.get("end"),
         "killed_low": r.get("killed_low"), "killed_best": r.get("killed_best"),
         "killed_high": r.get("killed_high"), "wounded": r.get("wounded"),
         "captured": r.get("captured")}
        for r in ev.get("reports", [])]
    return {"type": "Feature", "id": ev["event_id"], "geometry": geometry, "properties": props}


def collection(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [feature(ev) for ev in events]}


def write(events: list[dict[str, Any]]) -> str:
    return json.dumps(collection(events), ensure_ascii=False, indent=2)
