"""The reported network as a graph, and the questions analysts ask of it.

    from ratline import Corpus
    net = Corpus("ratline.db").network
    net.path("Qods Force", "Karbala attack")
    net.neighbours("Asaib al Haq", depth=2, as_of="2008")
    net.centrality("betweenness")
    net.communities()
    g = net.graph()            # a networkx MultiDiGraph, to take further

Built on demand from the store (``build.py``); nothing here is stored.
"""
from __future__ import annotations

from typing import Any

import networkx as nx

from ratline.graph import questions
from ratline.graph.build import build_graph, cutoff, flat, independent_sources, period  # noqa: F401
from ratline.store import queries
from ratline.store.sqlite import Store


class NotFound(KeyError):
    """A name that matches no node of the network (as of the date asked)."""


class Network:
    """Graph questions over one corpus database."""

    def __init__(self, store: Store):
        self.store = store

    def graph(self, as_of: str | None = None, events: bool = True,
              places: bool = True) -> nx.MultiDiGraph:
        return build_graph(self.store, as_of=as_of, events=events, places=places)

    def node(self, g: nx.MultiDiGraph, text: str) -> str:
        found = questions.find_node(g, text, queries.find_entities(self.store, text))
        if found is None:
            raise NotFound(f"nothing in the network matches {text!r}")
        return found

    def neighbours(self, name: str, depth: int = 1, as_of: str | None = None,
                   events: bool = True) -> dict[str, Any]:
        g = self.graph(as_of, events=events)
        return questions.neighbours(g, self.node(g, name), depth)

    def path(self, a: str, b: str, as_of: str | None = None,
             events: bool = True, through_targets: bool = False) -> dict[str, Any]:
        """{"from", "to", "hops"}; hops is None when nothing connects them.  An event's
        target is a step of the path only ``through_targets`` (see ``questions.path``)."""
        g = self.graph(as_of, events=events)
        na, nb = self.node(g, a), self.node(g, b)
        return {"from": questions.node_info(g, na), "to": questions.node_info(g, nb),
                "hops": questions.path(g, na, nb, through_targets)}

    def centrality(self, measure: str = "degree", top: int = 20, as_of: str | None = None,
                   events: bool = False, places: bool = False) -> list[dict[str, Any]]:
        return questions.centrality(self.graph(as_of, events=events, places=places), measure, top)

    def communities(self, as_of: str | None = None, events: bool = False,
                    places: bool = False) -> list[dict[str, Any]]:
        return questions.communities(self.graph(as_of, events=events, places=places))
