"""What the reports of one event say together: figures, claims, disagreements.

Each report keeps its own figures; the event shows the span of them:

- **low** is the lowest figure any report gives (its low, else its best);
- **high** is the highest figure any report gives (its high, else its best),
  and stays unknown when no report gives an upper bound ("over 20" alone);
- **best** is the median of the reports' best figures; with an even number
  of them, the lower of the two middle ones.  So best is always a number some
  source stated, one outlying source cannot move it far, and a tie leans
  conservative (as ACLED's "most conservative estimate").  Reports that state
  no figure are not counted: unknown is not zero.
- **wounded** and **captured** follow the same median rule.

An event is *disputed* when its reports give different figures, a report
gives a range (low != high, usually two sources in one article), a document
recorded claims in conflict about it, or two reports name actors with none in
common (who did it).  Every claim carries its source, document and quotation.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from ratline.store.sqlite import Store, loads

FIGURES = ("killed", "wounded", "captured")


def lower_median(values: list[int]) -> int | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


def figures(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """The event's killed low/best/high, wounded and captured, with the rule for best."""
    bests = [r["killed_best"] for r in reports if r.get("killed_best") is not None]
    lows = [r["killed_low"] if r.get("killed_low") is not None else r.get("killed_best")
            for r in reports]
    lows = [x for x in lows if x is not None]
    stated_highs = [r["killed_high"] for r in reports if r.get("killed_high") is not None]
    best = lower_median(bests)
    if not bests:
        rule = "no report states a figure"
    elif len(bests) == 1:
        rule = "the only reported figure"
    elif len(set(bests)) == 1:
        rule = f"all {len(bests)} reports giving a figure say {bests[0]}"
    else:
        rule = (f"median of {len(bests)} reported figures ({', '.join(map(str, sorted(bests)))})"
                + ("; the lower middle one" if len(bests) % 2 == 0 else ""))
    out = {
        "killed_low": min(lows) if lows else None,
        "killed_best": best,
        "killed_high": max(stated_highs + bests) if stated_highs else None,
        "best_rule": rule,
    }
    for key in ("wounded", "captured"):
        out[key] = lower_median([r[key] for r in reports if r.get(key) is not None])
    return out


def says(r: dict[str, Any]) -> str:
    """One report's figures in words: "9 killed, 4 captured", "20+ killed", "4-11 killed"."""
    parts = []
    low, best, high = r.get("killed_low"), r.get("killed_best"), r.get("killed_high")
    if best is not None:
        if low is not None and high is not None and low != high:
            parts.append(f"{low}-{high} killed")
        elif high is None:
            parts.append(f"{best}+ killed")
        else:
            parts.append(f"{best} killed")
    elif high is not None:
        parts.append(f"up to {high} killed")
    for key in ("wounded", "captured"):
        if r.get(key) is not None:
            parts.append(f"{r[key]} {key}")
    return ", ".join(parts) or "no figures"


def disputes(reports: list[dict[str, Any]], recorded: list[dict[str, Any]]) -> list[str]:
    """What the sources disagree on, one line each ([] when they agree)."""
    out = []
    for key, label in (("killed_best", "killed"), ("wounded", "wounded"), ("captured", "captured")):
        stated = {}
        for r in reports:
            if r.get(key) is not None:
                stated.setdefault(r[key], []).append(r.get("claim_source") or r.get("doc"))
        if len(stated) > 1:
            out.append(f"{label}: " + "; ".join(f"{v} ({', '.join(map(str, who))})"
                                               for v, who in sorted(stated.items())))
    told = {c.get("report_id") for c in recorded}
    for r in reports:
        low, high = r.get("killed_low"), r.get("killed_high")
        if low is not None and high is not None and low != high and r.get("report_id") not in told:
            out.append(f"killed: {low} to {high} within {r.get('doc')}")
    for doc in dict.fromkeys(c.get("doc") for c in recorded):
        n = sum(1 for c in recorded if c.get("doc") == doc)
        out.append(f"{doc} records {n} claims in conflict")
    named = [set(r.get("actors") or []) for r in reports if r.get("actors")]
    if len(named) > 1 and not set.intersection(*named):
        out.append("actors: the reports name different actors")
    return out


def claims(reports: list[dict[str, Any]], recorded: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each report's figures with its source; a report whose document recorded
    its sources' claims apart is represented by those claims instead."""
    told = {c.get("report_id") for c in recorded}
    out = []
    for r in reports:
        if r.get("report_id") in told:
            out += [c for c in recorded if c.get("report_id") == r.get("report_id")]
            continue
        out.append({"source": r.get("claim_source") or f"the report in {r.get('doc')}",
                    "says": says(r), "doc": r.get("doc"), "report_id": r.get("report_id"),
                    "quote": r.get("quote"), "start": r.get("start"), "end": r.get("end"),
                    "within_document": False})
    return out


def _keyed(store: Store, sql: str, keys: list[str], size: int = 500) -> list[dict[str, Any]]:
    """``sql`` + " (?, ...)" over ``keys`` in chunks: rows of just these keys, by index."""
    out: list[dict[str, Any]] = []
    for i in range(0, len(keys), size):
        part = keys[i:i + size]
        out += store.query(f"{sql} ({', '.join('?' * len(part))})", part)
    return out


def annotate(store: Store, events: list[dict[str, Any]]) -> None:
    """Give each event (as ``queries.events`` builds it) its merged figures,
    claims, disputes and the judgements that made it one event."""
    keys = sorted({r["report_id"] for ev in events for r in ev["reports"]})
    recorded: dict[str, list[dict[str, Any]]] = defaultdict(list)
    conflicts = _keyed(store, "SELECT doc_id, event_id, claims FROM conflicts WHERE event_id IN", keys)
    docs = {r["doc_id"]: r["name"] for r in _keyed(
        store, "SELECT doc_id, name FROM documents WHERE doc_id IN",
        sorted({row["doc_id"] for row in conflicts}))}
    for row in conflicts:
        for c in loads(row["claims"], []):
            recorded[row["event_id"]].append({
                "source": c.get("source"), "says": c.get("says"), "doc": docs.get(row["doc_id"]),
                "report_id": row["event_id"], "within_document": True})
    judged: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for j in sorted(_keyed(store, "SELECT * FROM event_judgements WHERE report_a IN", keys),
                    key=lambda j: (j["made_at"], j["report_a"], j["report_b"])):
        judged[j["report_a"]].append(j)
    for ev in events:
        reports = ev["reports"]
        keys = {r["report_id"] for r in reports}
        mine = [c for k in sorted(keys) for c in recorded.get(k, [])]
        ev.update(figures(reports))
        ev["claims"] = claims(reports, mine)
        ev["disputes"] = disputes(reports, mine)
        ev["disputed"] = bool(ev["disputes"])
        ev["judgements"] = [
            {"reports": [j["report_a"], j["report_b"]], "judgement": j["judgement"],
             "rule": j["rule"], "score": j["score"], "by": j["judged_by"], "at": j["made_at"]}
            for k in sorted(keys) for j in judged.get(k, []) if j["report_b"] in keys]
