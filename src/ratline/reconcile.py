"""Running tallies set against the events stored in their window.

A tally ("killed at least 91 members of the network and captured 112 since
April 27, 2007") is a reporter's own count.  A coder wants to know whether the
events held can account for it, and which ones do.  For each stored tally:

- **window**: from its ``since`` date to the publication date of the
  document that states it;
- **events in the window**: merged events (one per real event, see
  ``store/eventmerge.py``) dated inside it (a day, or "about this day"); an
  event dated only to a month or a year that straddles an edge is listed as
  *uncertain* and not summed;
- **matching**: the tally's subject is among the event's targets (for a
  tally without a subject: one of its ``by`` actors is among the actors);
- **sums**: killed adds the events' best figures, captured their captured;
  an event without a figure is counted apart (unknown is not zero);
- **verdict** per figure: ``matches`` (sum equals the tally), ``short``
  (the events explain only part of it: operations nobody reported, or reports
  not stored), ``exceeds`` (the events add to more than the tally: a wrong
  tally, an event counted twice, or events of another subject), or
  ``no figure``.  A tally is *flagged* when a figure is short or exceeds:
  the events cannot explain it;
- **previous**: an earlier tally of the same subject from the same start date
  (47 killed / 88 captured, then 91 / 112): its growth beside the events
  between the two documents' dates.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from ratline.store import queries
from ratline.store.eventmerge import date_window
from ratline.store.sqlite import Store, loads

FIGURES = (("killed", "killed_best"), ("captured", "captured"))


def reconcile(store: Store, events: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Every stored tally with the events that could make it up, oldest document first."""
    events = events if events is not None else queries.events(store)
    parties = _PartyIndex(events)
    names = queries.entity_names(store)
    rows = store.query(
        "SELECT t.*, d.name AS doc, d.published FROM tallies t JOIN documents d "
        "ON d.doc_id = t.doc_id ORDER BY d.published, d.name, t.char_start")
    out = [_one(t, parties, names) for t in rows]
    by_since: dict[str | None, list[dict[str, Any]]] = {}
    for cur in out:
        cur["previous"] = _previous(cur, by_since.get(cur["since"], []), parties)
        by_since.setdefault(cur["since"], []).append(cur)
    return out


class _PartyIndex:
    """Events by the ids on each side, so a tally looks only at the events that
    could match it (a corpus of 10,000 events and 1,000 tallies: seconds -> ms)."""

    def __init__(self, events: list[dict[str, Any]]):
        self.position = {id(e): i for i, e in enumerate(events)}
        self.targets: dict[str, list[dict[str, Any]]] = {}
        self.actors: dict[str, list[dict[str, Any]]] = {}
        for ev in events:
            for t in dict.fromkeys(ev.get("targets", [])):
                self.targets.setdefault(t, []).append(ev)
            for a in dict.fromkeys(ev.get("actors", [])):
                self.actors.setdefault(a, []).append(ev)

    def candidates(self, subject: str | None, by: list[str]) -> list[dict[str, Any]]:
        """The events ``_matches`` can accept, in the order of the event list."""
        if subject:
            return self.targets.get(subject, [])
        found = {id(e): e for b in by for e in self.actors.get(b, [])}
        return sorted(found.values(), key=lambda e: self.position[id(e)])


def _one(t: dict[str, Any], parties: _PartyIndex, names: dict[str, str]) -> dict[str, Any]:
    by = loads(t["by_actors"], [])
    since, until = t["since"], t["published"]
    counted, uncertain = _in_window(parties.candidates(t["subject"], by), since, until,
                                    t["subject"], by)
    sums = _sums(counted)
    reported = {"killed": t["killed"], "captured": t["captured"]}
    verdict = {k: _verdict(reported[k], sums[k]) for k in reported}
    flagged = any(v in ("short", "exceeds") for v in verdict.values())
    return {
        "doc": t["doc"], "doc_id": t["doc_id"], "quote": t["quote"], "start": t["char_start"],
        "end": t["char_end"], "subject": t["subject"],
        "subject_name": names.get(t["subject"], t["subject"]) if t["subject"] else None,
        "by": by, "by_names": [names.get(b, b) for b in by], "since": since, "until": until,
        "reported": reported, "events_sum": {k: sums[k] for k in reported},
        "events_without_figure": {k: sums[f"{k}_unknown"] for k in reported},
        "verdict": verdict, "flagged": flagged, "note": _note(reported, sums, verdict, since, until),
        "events": [_brief(e) for e in counted], "uncertain": [_brief(e) for e in uncertain],
    }


def _in_window(events, since, until, subject, by) -> tuple[list, list]:
    if not since or not until:
        return [], []
    lo, hi = dt.date.fromisoformat(since[:10]), dt.date.fromisoformat(until[:10])
    counted, uncertain = [], []
    for ev in events:
        if not ev.get("date") or not _matches(ev, subject, by):
            continue
        if ev.get("date_precision") in ("month", "year"):
            start, end = date_window(ev["date"], ev["date_precision"])
        else:                 # a day, or "about this day": the day itself
            start = end = dt.date.fromisoformat(ev["date"][:10])
        if lo <= start and end <= hi:
            counted.append(ev)
        elif start <= hi and end >= lo:
            uncertain.append(ev)
    return counted, uncertain


def _matches(ev: dict[str, Any], subject: str | None, by: list[str]) -> bool:
    if subject:
        return subject in ev.get("targets", [])
    return bool(set(by) & set(ev.get("actors", [])))


def _sums(events: list[dict[str, Any]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for label, key in FIGURES:
        known = [e[key] for e in events if e.get(key) is not None]
        out[label] = sum(known)
        out[f"{label}_unknown"] = len(events) - len(known)
    return out


def _verdict(reported: int | None, found: int) -> str:
    if reported is None:
        return "no figure"
    if found == reported:
        return "matches"
    return "short" if found < reported else "exceeds"


def _note(reported, sums, verdict, since, until) -> str:
    parts = []
    for label, _ in FIGURES:
        v = verdict[label]
        if v == "no figure":
            continue
        unknown = sums[f"{label}_unknown"]
        extra = f" (+{unknown} event(s) without a figure)" if unknown else ""
        parts.append(f"{label} {reported[label]}: events add to {sums[label]}{extra}, {v}")
    return f"{since} to {until}: " + "; ".join(parts) if parts else "no figures to check"


def _brief(ev: dict[str, Any]) -> dict[str, Any]:
    return {"event_id": ev["event_id"], "date": ev["date"], "date_precision": ev["date_precision"],
            "type": ev["type"], "place": ev.get("place"), "killed": ev.get("killed_best"),
            "captured": ev.get("captured"), "reports": len(ev.get("reports", [])),
            "docs": sorted({r["doc"] for r in ev.get("reports", [])}), "quote": ev.get("quote")}


def _previous(cur: dict[str, Any], earlier: list[dict[str, Any]],
              parties: _PartyIndex) -> dict[str, Any] | None:
    same = [p for p in earlier if p["since"] == cur["since"] and p["until"] and cur["until"]
            and p["until"] < cur["until"]
            and (p["subject"] == cur["subject"] or (set(p["by"]) & set(cur["by"])))]
    if not same:
        return None
    prev = same[-1]
    growth = {k: (cur["reported"][k] - prev["reported"][k])
              if cur["reported"][k] is not None and prev["reported"][k] is not None else None
              for k in cur["reported"]}
    start = (dt.date.fromisoformat(prev["until"][:10]) + dt.timedelta(days=1)).isoformat()
    between, _ = _in_window(parties.candidates(cur["subject"], cur["by"]), start, cur["until"],
                            cur["subject"], cur["by"])
    sums = _sums(between)
    return {"doc": prev["doc"], "until": prev["until"], "reported": prev["reported"],
            "growth": growth, "events_between": [_brief(e) for e in between],
            "events_between_sum": {k: sums[k] for k, _ in FIGURES}}


def to_text(tallies: list[dict[str, Any]]) -> str:
    """Each tally, its verdict, and the events that make up (or fail to make up) its sum."""
    from ratline.render import cell
    out: list[str] = []
    for t in tallies:
        by = f" by {cell(t['by_names'])}" if t["by_names"] else ""
        out.append(f"[{t['doc']}] {t['subject_name'] or '(no subject)'}{by}, "
                   f"{t['since'] or '?'} to {t['until'] or '?'}")
        out.append(f"  “{' '.join(t['quote'].split())}”")
        for label in ("killed", "captured"):
            unknown = t["events_without_figure"][label]
            extra = f" (+{unknown} without a figure)" if unknown else ""
            out.append(f"  {label:<9} reported {cell(t['reported'][label]) or '-':>6}   "
                       f"events {t['events_sum'][label]:>6}{extra}   {t['verdict'][label]}")
        if t["flagged"]:
            out.append("  FLAG: the stored events cannot explain this tally")
        out.append(f"  events in the window ({len(t['events'])}):" if t["events"]
                   else "  no stored event in the window")
        for e in t["events"]:
            out.append("    " + _event_line(e))
        if t["uncertain"]:
            out.append("  dated too coarsely to place inside the window (not summed):")
            out += ["    " + _event_line(e) for e in t["uncertain"]]
        prev = t.get("previous")
        if prev:
            growth = ", ".join(f"{k} {'+' if (v or 0) >= 0 else ''}{v}" for k, v in prev["growth"].items()
                               if v is not None)
            out.append(f"  since the tally of {prev['until']} [{prev['doc']}] "
                       f"({cell(prev['reported']['killed'])} killed, "
                       f"{cell(prev['reported']['captured'])} captured): {growth}; events between "
                       f"add {prev['events_between_sum']['killed']} killed, "
                       f"{prev['events_between_sum']['captured']} captured")
        out.append("")
    return "\n".join(out).rstrip()


def _event_line(e: dict[str, Any]) -> str:
    figures = ", ".join(f"{k} {e[k]}" for k in ("killed", "captured") if e.get(k) is not None)
    place = f" {e['place']}" if e.get("place") else ""
    return (f"{e['date']} {e['type']}{place}" + (f": {figures}" if figures else "")
            + f"  [{', '.join(e['docs'])}]  {e['event_id']}")
