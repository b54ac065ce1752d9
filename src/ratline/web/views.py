"""What the pages draw, shaped from the Python API (pure functions over a Corpus).

Each function answers one view: the network as cytoscape elements, events as
map points, events bucketed for the timeline, routes as arcs.  Every fact keeps its quotation and the offsets into its
document, so the page can link it to the highlighted source.  Nothing here
builds HTML: the browser puts all text in place with ``textContent`` and the
server-rendered pages go through Jinja's autoescaping, so a corpus holding
markup stays text.
"""
from __future__ import annotations

import bisect
from collections import Counter
from typing import Any

from ratline.graph.build import cutoff, independent_sources
from ratline.store.queries import entity_publication_days


def _in_range(day: str | None, since: str | None, until: str | None) -> bool:
    """True when ``day`` lies in [since, until]; an unknown day only when no range is set."""
    if not since and not until:
        return True
    if not day:
        return False
    return (not since or day >= since) and (not until or day <= cutoff(until))


def _split(value: str | None) -> set[str]:
    return {v.strip() for v in (value or "").split(",") if v.strip()}


class Reported:
    """The whole reported network (actors, no places or events) and, for each
    entity, the publication days of the documents naming it: built once per
    state of the corpus, it answers any as-of day without rebuilding the graph."""

    def __init__(self, corpus):
        self.graph = corpus.network.graph(events=False, places=False)
        self.positions = layout(self.graph)
        self.days = entity_publication_days(corpus.store)

    def documents(self, node: str, limit: str | None) -> int:
        """Documents published up to ``limit`` that name ``node`` (all, without a limit)."""
        if limit is None:
            return self.graph.nodes[node].get("documents") or 0
        return bisect.bisect_right(self.days.get(node, []), limit)


LAYOUT_MOST = 499      # networkx lays out more nodes only with scipy, which ratline does not need


def layout(g) -> dict[str, tuple[float, float]]:
    """Node positions from a force-directed layout of the whole network, computed
    once: every as-of day and filter shows each actor in the same place, so a
    replay shows the network growing instead of jumping.  Empty for a network
    too large for networkx without scipy (the browser then lays it out)."""
    import networkx as nx
    if not 0 < g.number_of_nodes() <= LAYOUT_MOST:
        return {}
    pos = nx.spring_layout(nx.Graph(g), seed=8, iterations=60)
    scale = 60 * g.number_of_nodes() ** 0.5      # room for labels as the network grows
    return {n: (round(float(x) * scale, 1), round(float(y) * scale, 1)) for n, (x, y) in pos.items()}


def network(reported: Reported, as_of: str | None = None, kind: str | None = None,
            predicate: str | None = None, since: str | None = None,
            until: str | None = None) -> dict[str, Any]:
    """Actors and their typed relations as cytoscape elements.

    ``as_of`` replays the network as reported up to that day, as
    ``Corpus.network.graph(as_of)`` does (documents of later or unknown date
    left out); ``since``/``until`` keep the relations some document published
    in that window reports; ``kind`` (entity types) and ``predicate``
    (relation types) are comma-separated lists."""
    g, limit = reported.graph, cutoff(as_of)
    kinds, predicates = _split(kind), _split(predicate)
    edges = []
    for s, o, key, d in g.edges(keys=True, data=True):
        if predicates and key not in predicates:
            continue
        evidence = [e for e in d["evidence"] if _in_range(e.get("published"), since, until)
                    and (limit is None or (e.get("published") and e["published"] <= limit))]
        if not evidence:
            continue
        edges.append({"id": f"{s}|{key}|{o}", "source": s, "target": o, "predicate": key,
                      "sources": independent_sources(evidence),
                      "documents": len({e["doc_id"] for e in evidence}),
                      "evidence": [_quote(e) for e in evidence]})
    linked = {e["source"] for e in edges} | {e["target"] for e in edges}
    nodes = {}
    for n, d in g.nodes(data=True):
        count = reported.documents(n, limit)
        if (kinds and d.get("type") not in kinds) or not (count or n in linked):
            continue
        if (since or until) and not _seen_between(d, since, until):
            continue
        nodes[n] = {"id": n, "label": d.get("name") or n, "type": d.get("type"),
                    "documents": count, "first_seen": d.get("first_seen"),
                    "position": reported.positions.get(n)}
    edges = [e for e in edges if e["source"] in nodes and e["target"] in nodes]
    return {"as_of": as_of, "nodes": list(nodes.values()), "edges": edges,
            "types": sorted({n["type"] for n in nodes.values() if n["type"]}),
            "predicates": sorted({e["predicate"] for e in edges})}


def _seen_between(d: dict[str, Any], since: str | None, until: str | None) -> bool:
    first, last = d.get("first_seen"), d.get("last_seen") or d.get("first_seen")
    if not first:
        return False
    return (not until or first <= cutoff(until)) and (not since or (last or first) >= since)


def _quote(e: dict[str, Any]) -> dict[str, Any]:
    return {"quote": e["quote"], "doc": e.get("doc"), "doc_id": e.get("doc_id"),
            "start": e.get("start"), "end": e.get("end"), "published": e.get("published")}


def events(corpus, actor=None, since=None, until=None, place=None, disputed=False,
           type=None, every: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:  # noqa: A002
    """Events, one row each, with what the map and timeline draw and the first
    report's quotation (the event page has them all).  ``every`` is the whole
    of ``Corpus.events()`` when the caller holds it: filters on date and type
    then need no query."""
    if every is None or actor or place or disputed:
        every = corpus.events(actor=actor, since=since, until=until, place=place,
                              disputed=disputed)
    elif since or until:
        every = [e for e in every if e["date"] and (not since or e["date"] >= since)
                 and (not until or e["date"] <= cutoff(until))]
    types = _split(type)
    return [_event_row(ev) for ev in every if not types or ev["type"] in types]


def _event_row(ev: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": ev["event_id"], "type": ev["type"], "date": ev["date"],
        "date_precision": ev["date_precision"], "place": ev.get("place"),
        "admin1": ev.get("admin1"), "country": ev.get("country"),
        "lat": ev.get("lat"), "lon": ev.get("lon"),
        "killed": ev.get("killed_best"), "wounded": ev.get("wounded"),
        "captured": ev.get("captured"), "actors": ev.get("actor_names", []),
        "targets": ev.get("target_names", []), "disputed": bool(ev.get("disputed")),
        "quote": ev.get("quote"), "doc": ev.get("doc"), "doc_id": ev.get("doc_id"),
        "start": ev.get("start"), "end": ev.get("end"), "reports": len(ev.get("reports", []))}


def timeline(rows: list[dict[str, Any]], tallies: list[dict[str, Any]],
             since: str | None = None, until: str | None = None) -> dict[str, Any]:
    """Events per month stacked by type, and each running tally stated in the
    date range beside the sum of the stored events in its window (``Corpus.tallies``)."""
    tallies = [t for t in tallies if _in_range(t.get("until"), since, until)]
    months = _months_between(sorted({r["date"][:7] for r in rows if r["date"]}))
    types = sorted({r["type"] for r in rows})
    counts = Counter((r["date"][:7], r["type"]) for r in rows if r["date"])
    return {
        "months": months, "types": types,
        "series": {t: [counts.get((m, t), 0) for m in months] for t in types},
        "undated": sum(1 for r in rows if not r["date"]),
        "tallies": [{
            "quote": t["quote"], "doc": t["doc"], "doc_id": t["doc_id"], "start": t["start"],
            "end": t["end"], "since": t["since"], "until": t["until"],
            "subject": t.get("subject_name"), "reported": t["reported"],
            "events_sum": t["events_sum"], "verdict": t["verdict"], "flagged": t["flagged"],
            "note": t.get("note")} for t in tallies],
    }


def _months_between(months: list[str]) -> list[str]:
    """Every month from the first to the last, so a quiet month shows as a gap."""
    if not months:
        return []
    (y, m), (y2, m2) = map(int, months[0].split("-")), map(int, months[-1].split("-"))
    out = []
    while (y, m) <= (y2, m2):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def routes(corpus, since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
    """Sourced route records (``extract/routes.py``) for the arcs of the map."""
    rows = corpus.routes()
    return [r for r in rows if _in_range(r.get("published"), since, until)]


def segments(body: str, start: int | None, end: int | None) -> list[tuple[str, bool]]:
    """The body cut around one quotation: (text, highlighted) pieces for the template."""
    if start is None or end is None or not 0 <= start < end <= len(body):
        return [(body, False)]
    return [(body[:start], False), (body[start:end], True), (body[end:], False)]
