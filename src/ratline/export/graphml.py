"""The reported network as GraphML or GEXF (Gephi, Cytoscape, yEd), via networkx.

Nodes are entities and events, edges the typed relations and event roles of
``ratline.graph.build``.  Both formats hold only scalar attributes, so lists
(aliases, quotations, documents) are joined with " | " and values that are
unknown are left out rather than written as empty strings.  Each edge keeps
its predicate as the edge key and as an attribute, its independent-source
count, dates and quotations, so a chart made from the file can still be
traced back to the reporting.
"""
from __future__ import annotations

import networkx as nx

from ratline.graph.build import build_graph, flat
from ratline.store.sqlite import Store

FORMATS = ("graphml", "gexf")


def network_graph(store: Store, as_of: str | None = None, events: bool = True) -> nx.MultiDiGraph:
    """The flattened graph that the two writers below serialise."""
    g = flat(build_graph(store, as_of=as_of, events=events))
    for _, d in g.nodes(data=True):
        d["label"] = d.get("name", "")          # Gephi shows ``label``
    for _, _, key, d in g.edges(keys=True, data=True):
        d["label"] = key
        d["weight"] = float(d.get("sources") or 1)
    return g


def graphml_text(store: Store, as_of: str | None = None, events: bool = True) -> str:
    return "\n".join(nx.generate_graphml(network_graph(store, as_of, events))) + "\n"


def gexf_text(store: Store, as_of: str | None = None, events: bool = True) -> str:
    return "\n".join(nx.generate_gexf(network_graph(store, as_of, events))) + "\n"


def render(store: Store, fmt: str, as_of: str | None = None) -> str:
    if fmt == "graphml":
        return graphml_text(store, as_of)
    if fmt == "gexf":
        return gexf_text(store, as_of)
    raise ValueError(f"unknown network format {fmt!r}; one of {', '.join(FORMATS)}")
