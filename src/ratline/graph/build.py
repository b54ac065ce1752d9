"""The network the corpus reports, as a networkx graph built from the store.

Nodes are canonical entities (``kind="entity"``) and, optionally, events
(``kind="event"``, id ``event:<event id>``).  Edges are typed and directed:

* one edge per (subject, predicate, object) of the ``relations`` table, the
  predicate being the edge key (supports, leads, member_of, splinter_of...);
* for events: actor ``carried_out`` event, event ``targeted`` target, event
  ``took_place_in`` place.

Every edge keeps its evidence — each quotation with its document, offsets and
publication date — and says how many documents report it (``documents``) and
how many of those are independent (``sources``): documents that carry the
same quotation word for word (a wire story or a blog re-running an earlier
post) count once.  Dates: ``date`` is the date the extractor tied to the
relation; ``start``/``end``/``current`` come from the wording of the quotation
("since March 2008", "up until his capture in 2007", "now said to be under
the command of", "the former commander") — see ``period``.

``as_of`` keeps only what documents published up to that date reported
(``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, inclusive); documents of unknown
date are then left out, since nobody can say when they reported it.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

import networkx as nx

from ratline.resolve.names import fold
from ratline.store.sqlite import Store, loads
from ratline.timeparse.dates import find_dates

EVENT_PREFIX = "event:"
EVENT_EDGES = ("carried_out", "targeted", "took_place_in")

_UNTIL = re.compile(r"\b(?:up\s+)?(?:until|till|up\s+to|before)\b[^.;]{0,40}$", re.I)
_FROM = re.compile(r"\b(?:from|beginning|starting|as\s+of)\s+(?:in\s+)?$", re.I)
_NOW = re.compile(r"\b(?:now|currently|still|remains|continues\s+to)\b", re.I)
# "former" ends a relation only when it qualifies the role the relation is
# about: "the former Qods Force commander" ends leading the Qods Force, while
# "led by X, a former spokesman for Y" says nothing of the leading.
_ROLE_WORDS = {
    "leads": r"leader|commander|head|chief|emir|boss",
    "commands": r"leader|commander|head|chief|emir|boss",
    "spokesman_for": r"spokes(?:man|woman|person)",
    "member_of": r"member|operative|fighter|officer",
}


def cutoff(as_of: str | None) -> str | None:
    """The last day a partial date covers: 2007 -> 2007-12-31, 2007-06 -> 2007-06-31."""
    if not as_of:
        return None
    parts = as_of.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-12-31"
    if len(parts) == 2:
        return f"{parts[0]}-{parts[1]}-31"
    return as_of


@dataclass(frozen=True)
class Period:
    start: str | None = None
    end: str | None = None
    current: str | None = None      # reported as still true on this date
    ended: bool = False             # "former", "formerly": over by publication
    basis: str | None = None


def _former(quote: str, predicate: str | None) -> bool:
    roles = _ROLE_WORDS.get(predicate or "")
    if not roles:
        return False
    return re.search(rf"\b(?:former|ex-)\s*(?:[\w’'-]+\s+){{0,4}}?(?:{roles})s?\b",
                     quote, re.I) is not None


def period(quote: str, published: str | None, predicate: str | None = None) -> Period:
    """When a relation held, as far as its quotation says (``predicate`` lets
    "former" be read against the role it qualifies)."""
    base = None
    if published:
        try:
            base = dt.date.fromisoformat(published[:10])
        except ValueError:
            base = None
    start = end = None
    why: list[str] = []
    for ref in find_dates(quote, base):
        if not ref.date:
            continue
        before = quote[:ref.span.start]
        if _UNTIL.search(before):
            end, _ = ref.date, why.append(f"until {ref.span.text!r}")
        elif ref.since or _FROM.search(before):
            start, _ = ref.date, why.append(f"since {ref.span.text!r}")
    current = published if _NOW.search(quote) and end is None else None
    if current:
        why.append("'now' at publication")
    ended = _former(quote, predicate) and current is None
    if ended:
        why.append("'former'")
    return Period(start, end, current, ended, "; ".join(why) or None)


@lru_cache(maxsize=65536)
def _quote_key(quote: str) -> str:
    """A quotation as compared for re-runs; cached, since building the graph
    meets the same quotation once per edge it supports."""
    return fold(quote)


def independent_sources(evidence: Iterable[dict[str, Any]]) -> int:
    """Documents reporting something, minus those that only repeat, word for
    word, quotations an earlier document already gave (a re-run story)."""
    evidence = list(evidence)
    quotes: dict[str, set[str]] = {}
    when: dict[str, tuple[str, str]] = {}
    for ev in evidence:
        quotes.setdefault(ev["doc_id"], set()).add(_quote_key(ev["quote"]))
        key = (ev.get("published") or "9999", ev.get("doc") or ev["doc_id"])
        when[ev["doc_id"]] = min(when.get(ev["doc_id"], key), key)
    said: set[str] = set()
    count = 0
    for doc_id in sorted(quotes, key=lambda d: when[d]):
        if quotes[doc_id] - said:
            count += 1
        said |= quotes[doc_id]
    return count


def _summarise(evidence: list[dict[str, Any]]) -> dict[str, Any]:
    dates = sorted(e["published"] for e in evidence if e.get("published"))
    docs = {e["doc_id"] for e in evidence}
    return {
        "documents": len(docs),
        "sources": independent_sources(evidence),
        "first_reported": dates[0] if dates else None,
        "last_reported": dates[-1] if dates else None,
    }


def build_graph(store: Store, as_of: str | None = None, events: bool = True,
                places: bool = True) -> nx.MultiDiGraph:
    """The reported network; see the module docstring."""
    limit = cutoff(as_of)
    docs = {r["doc_id"]: r for r in store.query(
        "SELECT doc_id, name, published, url FROM documents")}
    if limit is not None:
        docs = {k: v for k, v in docs.items() if v["published"] and v["published"] <= limit}
    g = nx.MultiDiGraph(as_of=as_of or "")
    _add_entities(g, store, docs, limit)
    _add_relations(g, store, docs)
    if events:
        _add_events(g, store, docs, places)
    if not places:
        g.remove_nodes_from([n for n, d in list(g.nodes(data=True)) if d.get("type") == "place"])
    # entities nothing connects and no kept document names are dropped
    g.remove_nodes_from([n for n, d in list(g.nodes(data=True))
                         if g.degree(n) == 0 and not d.get("documents")])
    return g


def _add_entities(g: nx.MultiDiGraph, store: Store, docs: dict[str, dict], limit: str | None) -> None:
    names: dict[str, list[dict[str, Any]]] = {}
    for a in store.query("SELECT entity_id, alias, first_seen, last_seen, doc_id FROM aliases"):
        names.setdefault(a["entity_id"], []).append(a)
    in_docs: dict[str, set[str]] = {}
    for r in store.query("SELECT entity_id, doc_id FROM entity_links"):
        if r["doc_id"] in docs:
            in_docs.setdefault(r["entity_id"], set()).add(r["doc_id"])
    for e in store.query("SELECT id, type, name, country FROM entities"):
        seen = [a for a in names.get(e["id"], [])
                if limit is None or (a["first_seen"] and a["first_seen"] <= limit)]
        firsts = sorted(a["first_seen"] for a in seen if a["first_seen"])
        lasts = sorted(a["last_seen"] for a in seen if a["last_seen"])
        g.add_node(e["id"], kind="entity", type=e["type"], name=e["name"],
                   country=e["country"], aliases=sorted({a["alias"] for a in seen}),
                   first_seen=firsts[0] if firsts else None,
                   last_seen=min(lasts[-1], limit) if lasts and limit else (lasts[-1] if lasts else None),
                   documents=len(in_docs.get(e["id"], ())))


def _ensure(g: nx.MultiDiGraph, node: str) -> None:
    if node not in g:
        g.add_node(node, kind="entity", type="other", name=node, country=None, aliases=[],
                   first_seen=None, last_seen=None, documents=0)


def _add_relations(g: nx.MultiDiGraph, store: Store, docs: dict[str, dict]) -> None:
    grouped: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for r in store.query("SELECT * FROM relations ORDER BY doc_id, char_start"):
        doc = docs.get(r["doc_id"])
        if doc is None:
            continue
        grouped.setdefault((r["subject"], r["predicate"], r["object"]), []).append({
            "doc": doc["name"], "doc_id": r["doc_id"], "published": doc["published"],
            "url": doc["url"], "quote": r["quote"], "start": r["char_start"], "end": r["char_end"],
            "date": r["date"], "date_precision": r["date_precision"], "basis": r["basis"],
        })
    for (s, p, o), evidence in grouped.items():
        _ensure(g, s)
        _ensure(g, o)
        evidence.sort(key=lambda e: (e["published"] or "9999", e["doc"], e["start"]))
        periods = [period(e["quote"], e["published"], p) for e in evidence]
        starts = sorted(x.start for x in periods if x.start)
        ends = sorted(x.end for x in periods if x.end)
        currents = sorted(x.current for x in periods if x.current)
        dates = sorted((e["date"], e["date_precision"]) for e in evidence if e["date"])
        g.add_edge(s, o, key=p, kind="relation", predicate=p, evidence=evidence,
                   date=dates[0][0] if dates else None,
                   date_precision=dates[0][1] if dates else None,
                   start=starts[0] if starts else None, end=ends[-1] if ends else None,
                   current=currents[-1] if currents else None,
                   ended=any(x.ended for x in periods) and not currents,
                   period_basis="; ".join(sorted({x.basis for x in periods if x.basis})) or None,
                   **_summarise(evidence))


def event_node(event_id: str) -> str:
    return EVENT_PREFIX + event_id


def _add_events(g: nx.MultiDiGraph, store: Store, docs: dict[str, dict], places: bool) -> None:
    events = {r["id"]: r for r in store.query("SELECT * FROM events")}
    reports: dict[str, list[dict[str, Any]]] = {}
    for r in store.query("SELECT * FROM event_reports ORDER BY doc_id, char_start"):
        doc = docs.get(r["doc_id"])
        if doc is None or r["event_id"] not in events:
            continue
        reports.setdefault(r["event_id"], []).append({**r, "doc": doc["name"],
                                                      "published": doc["published"]})
    for eid, reps in reports.items():
        ev = events[eid]
        node = event_node(eid)
        place = None
        if ev["location"]:
            _ensure(g, ev["location"])
            place = g.nodes[ev["location"]].get("name")
        place = place or ev["admin1"] or ev["country"]
        label = " ".join(x for x in (ev["type"], ev["date"] or "undated",
                                     f"in {place}" if place else "") if x)
        killed = [r["killed_best"] for r in reps if r["killed_best"] is not None]
        reported = [{"doc": r["doc"], "doc_id": r["doc_id"], "published": r["published"],
                     "quote": r["quote"], "start": r["char_start"], "end": r["char_end"]}
                    for r in reps]
        g.add_node(node, kind="event", evidence=reported, type=ev["type"], name=label, date=ev["date"],
                   date_precision=ev["date_precision"], place=place, country=ev["country"],
                   admin1=ev["admin1"],
                   aliases=[], first_seen=min((r["published"] or "9999") for r in reps),
                   last_seen=max((r["published"] or "") for r in reps) or None,
                   documents=len({r["doc_id"] for r in reps}),
                   killed=max(killed) if killed else None)
        sides: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        for r in reps:
            ev_item = {"doc": r["doc"], "doc_id": r["doc_id"], "published": r["published"],
                       "quote": r["quote"], "start": r["char_start"], "end": r["char_end"],
                       "date": ev["date"], "date_precision": ev["date_precision"],
                       "basis": r["basis"]}
            for a in loads(r["actors"], []):
                sides.setdefault((a, "carried_out", node), []).append(ev_item)
            for t in loads(r["targets"], []):
                sides.setdefault((node, "targeted", t), []).append(ev_item)
            if places and ev["location"]:
                sides.setdefault((node, "took_place_in", ev["location"]), []).append(ev_item)
        for (s, p, o), evidence in sides.items():
            _ensure(g, s)
            _ensure(g, o)
            g.add_edge(s, o, key=p, kind="event", predicate=p, evidence=evidence,
                       date=ev["date"], date_precision=ev["date_precision"], start=None,
                       end=None, current=None, ended=False, period_basis=None,
                       **_summarise(evidence))


def flat(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are all strings or numbers (for GraphML / GEXF):
    lists joined with " | ", evidence reduced to quotations and document names,
    empty values dropped."""
    out = nx.MultiDiGraph()
    for k, v in g.graph.items():
        if v not in (None, ""):
            out.graph[k] = v
    for n, d in g.nodes(data=True):
        out.add_node(n, **_flat_attrs(_with_quotes(d)))
    for s, o, key, d in g.edges(keys=True, data=True):
        out.add_edge(s, o, key=key, **_flat_attrs(_with_quotes(d)))
    return out


def _with_quotes(d: dict[str, Any]) -> dict[str, Any]:
    """Evidence (a list of dicts) as two flat lists: quotations and documents."""
    if "evidence" not in d:
        return d
    attrs = {k: v for k, v in d.items() if k != "evidence"}
    ev = d.get("evidence") or []
    attrs["quotes"] = [e["quote"] for e in ev]
    attrs["docs"] = sorted({e["doc"] for e in ev})
    return attrs


def _flat_attrs(d: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in d.items():
        if v is None or v == [] or v == "":
            continue
        if isinstance(v, (list, tuple, set)):
            v = " | ".join(str(x) for x in v)
        elif isinstance(v, dict):
            v = json.dumps(v, ensure_ascii=False)
        out[k] = v
    return out
