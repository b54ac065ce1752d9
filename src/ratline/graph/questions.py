"""Questions asked of the reported network: neighbours, paths, centrality, communities.

All answers are plain dicts (JSON-ready) and every edge in them carries a
quotation and its document, so a path is an argument one can check, not a
line on a chart.  Paths and rankings look at the network without direction
(Iran supports a group; the group is reached from Iran and Iran from it),
while each hop says which way the reported relation runs.
"""
from __future__ import annotations

import re
from typing import Any

import networkx as nx

from ratline.graph.build import EVENT_PREFIX
from ratline.resolve.names import fold

EVENT_WORDS = {
    "attack": ("ied_attack", "rocket_mortar_attack", "armed_clash", "raid", "assassination",
               "kidnapping", "execution", "other"),
    "bombing": ("ied_attack",), "ied": ("ied_attack",), "rocket": ("rocket_mortar_attack",),
    "mortar": ("rocket_mortar_attack",), "raid": ("raid", "arrest"), "arrest": ("arrest", "raid"),
    "release": ("release",), "kidnapping": ("kidnapping",), "abduction": ("kidnapping",),
    "clash": ("armed_clash",), "ambush": ("armed_clash", "ied_attack"), "strike": ("airstrike",),
    "airstrike": ("airstrike",), "assassination": ("assassination",),
    "execution": ("execution",), "killing": ("assassination", "execution"),
}
MEASURES = ("degree", "betweenness", "closeness")
PLACE_HOP = 2.5     # path weight of an event-to-place link (others weigh about 1)


def node_info(g: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    d = g.nodes[node]
    return {"id": node, "name": d.get("name", node), "kind": d.get("kind"),
            "type": d.get("type"), "date": d.get("date")}


def edge_info(s: str, o: str, key: str, d: dict[str, Any], g: nx.MultiDiGraph) -> dict[str, Any]:
    ev = d.get("evidence") or []
    first = ev[0] if ev else {}
    return {
        "subject": s, "subject_name": g.nodes[s].get("name", s), "predicate": key,
        "object": o, "object_name": g.nodes[o].get("name", o),
        "sources": d.get("sources"), "documents": d.get("documents"),
        "date": d.get("date"), "start": d.get("start"), "end": d.get("end"),
        "current": d.get("current"), "ended": d.get("ended"),
        "first_reported": d.get("first_reported"), "last_reported": d.get("last_reported"),
        "quote": first.get("quote"), "doc": first.get("doc"),
        "evidence": [{"doc": e["doc"], "published": e.get("published"), "quote": e["quote"],
                      "start": e["start"], "end": e["end"]} for e in ev],
    }


# -- finding nodes -------------------------------------------------------------------
def find_node(g: nx.MultiDiGraph, text: str, entity_ids: list[str] | None = None) -> str | None:
    """The node a user means: a node id, an entity (``entity_ids``, best first,
    as the store's name lookup ranks them), or "<place> <event word>" such as
    "Karbala attack" (the most reported event of that kind there)."""
    text = (text or "").strip()
    if text in g:
        return text
    if EVENT_PREFIX + text in g:
        return EVENT_PREFIX + text
    for cid in entity_ids or ():
        if cid in g:
            return cid
    return _event_by_words(g, text)


def _event_by_words(g: nx.MultiDiGraph, text: str) -> str | None:
    words = fold(text).split()
    kinds: set[str] = set()
    rest = []
    for w in words:
        base = re.sub(r"s$", "", w)
        if base in EVENT_WORDS:
            kinds.update(EVENT_WORDS[base])
        elif w not in ("the", "in", "at", "on", "of"):
            rest.append(w)
    if not kinds:
        return None
    place = " ".join(rest)
    best: tuple[tuple[int, int, int], str] | None = None
    for n, d in g.nodes(data=True):
        if d.get("kind") != "event" or d.get("type") not in kinds:
            continue
        if place and not any(place in fold(x) for x in _place_names(g, n)):
            continue
        quotes = " ".join(fold(e["quote"]) for _s, _o, ed in g.edges(n, data=True)
                          for e in ed.get("evidence") or [])
        quotes += " ".join(fold(e["quote"]) for _s, _o, ed in g.in_edges(n, data=True)
                           for e in ed.get("evidence") or [])
        said = sum(re.search(rf"\b{re.escape(w)}", quotes) is not None for w in words)
        score = (said, int(d.get("date") is not None), d.get("documents") or 0)
        if best is None or score > best[0]:
            best = (score, n)
    return best[1] if best else None


def _place_names(g: nx.MultiDiGraph, event: str) -> list[str]:
    """The event's place as named, the place entity's aliases, and its province."""
    d = g.nodes[event]
    names = [d.get("place") or "", d.get("name") or "", d.get("admin1") or ""]
    for _s, o, key in g.out_edges(event, keys=True):
        if key == "took_place_in":
            names += [g.nodes[o].get("name") or "", *(g.nodes[o].get("aliases") or [])]
    return names


# -- neighbours ------------------------------------------------------------------------
def neighbours(g: nx.MultiDiGraph, node: str, depth: int = 1) -> dict[str, Any]:
    """Everything within ``depth`` hops (either direction), with the edges among them."""
    dist = nx.single_source_shortest_path_length(g.to_undirected(as_view=True), node, cutoff=depth)
    nodes = sorted(dist, key=lambda n: (dist[n], g.nodes[n].get("name", n)))
    edges = []
    for s, o, key, d in g.edges(nodes, keys=True, data=True):
        if s in dist and o in dist and abs(dist[s] - dist[o]) <= 1 and min(dist[s], dist[o]) < depth:
            edges.append(edge_info(s, o, key, d, g))
    edges.sort(key=lambda e: (min(dist[e["subject"]], dist[e["object"]]), -(e["sources"] or 0),
                              e["subject_name"], e["predicate"], e["object_name"]))
    return {"center": node_info(g, node), "depth": depth,
            "nodes": [{**node_info(g, n), "distance": dist[n]} for n in nodes if n != node],
            "edges": edges}


# -- paths -----------------------------------------------------------------------------
def _simple(g: nx.MultiDiGraph) -> nx.Graph:
    """Undirected, one edge per pair: the strongest (most independent sources)."""
    h = nx.Graph()
    h.add_nodes_from(g.nodes(data=True))
    for s, o, key, d in g.edges(keys=True, data=True):
        if s == o:
            continue
        sources = d.get("sources") or 1
        # fewer hops first, then stronger links; going through a place (two
        # events that happened in one city) is a weak connection
        weight = (PLACE_HOP if key == "took_place_in" else 1.0) + 0.1 / sources
        if not h.has_edge(s, o) or weight < h[s][o]["weight"]:
            h.add_edge(s, o, sources=sources, best=(s, o, key), weight=weight)
    return h


def path(g: nx.MultiDiGraph, a: str, b: str,
         through_targets: bool = False) -> list[dict[str, Any]] | None:
    """The shortest chain of reported relations from ``a`` to ``b`` (None if none).

    An event's target is an end of a path, never a step on it unless
    ``through_targets``: two groups that attacked the same town, or the same
    police force, are not thereby connected to each other, nor is an attacker to
    the allies of whom it attacked."""
    h = _simple(g)
    if not through_targets:
        h.remove_edges_from([(x, y) for x, y, d in h.edges(data=True)
                             if d["best"][2] == "targeted" and d["best"][1] not in (a, b)])
    try:
        nodes = nx.shortest_path(h, a, b, weight="weight")
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return None
    hops = []
    for x, y in zip(nodes, nodes[1:]):
        s, o, key = h[x][y]["best"]
        hop = edge_info(s, o, key, g.edges[s, o, key], g)
        hop["from"], hop["to"] = x, y
        hop["forward"] = s == x
        hops.append(hop)
    return hops


# -- rankings and groups -----------------------------------------------------------------
def centrality(g: nx.MultiDiGraph, measure: str = "degree", top: int = 20) -> list[dict[str, Any]]:
    """Nodes ranked by ``degree`` (distinct neighbours), ``betweenness`` (how many
    shortest paths pass through) or ``closeness``; normalised as networkx does."""
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}; one of {', '.join(MEASURES)}")
    h = _simple(g)
    if measure == "degree":
        scores = nx.degree_centrality(h)
    elif measure == "betweenness":
        scores = nx.betweenness_centrality(h)
    else:
        scores = nx.closeness_centrality(h)
    ranked = sorted(h.nodes, key=lambda n: (-scores[n], g.nodes[n].get("name", n)))
    return [{**node_info(g, n), "score": round(scores[n], 4), "neighbours": h.degree(n)}
            for n in ranked[:top]]


def communities(g: nx.MultiDiGraph, seed: int = 0) -> list[dict[str, Any]]:
    """Groups of densely connected nodes (Louvain, weighted by independent
    sources, seeded so the answer is repeatable), largest first; each named
    after its best-connected member."""
    h = _simple(g)
    h.remove_nodes_from([n for n in list(h) if h.degree(n) == 0])
    if h.number_of_edges() == 0:
        return []
    groups = nx.community.louvain_communities(h, weight="sources", seed=seed)
    out = []
    for members in groups:
        ranked = sorted(members, key=lambda n: (-h.degree(n, weight="sources"),
                                                g.nodes[n].get("name", n)))
        out.append({"label": g.nodes[ranked[0]].get("name", ranked[0]), "size": len(members),
                    "members": [node_info(g, n) for n in ranked]})
    out.sort(key=lambda c: (-c["size"], c["label"]))
    return out
