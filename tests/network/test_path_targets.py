"""Graph paths do not join two groups through what they both attacked (issue 11):
an event's target is an end of a path, a step only when asked."""
from __future__ import annotations

import networkx as nx

from ratline.graph import questions


def _edge(g, s, o, key, quote):
    g.add_edge(s, o, key=key, predicate=key, sources=1, documents=1,
               evidence=[{"doc": "d.txt", "quote": quote, "start": 0, "end": len(quote)}])


def _two_attacks_on_one_town() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for n in ("group_a", "group_b", "police", "ministry"):
        g.add_node(n, kind="entity", name=n)
    for n in ("event:1", "event:2"):
        g.add_node(n, kind="event", name=n)
    _edge(g, "group_a", "event:1", "carried_out", "Group A attacked the police.")
    _edge(g, "event:1", "police", "targeted", "Group A attacked the police.")
    _edge(g, "group_b", "event:2", "carried_out", "Group B bombed the police.")
    _edge(g, "event:2", "police", "targeted", "Group B bombed the police.")
    _edge(g, "police", "ministry", "member_of", "The police answer to the ministry.")
    return g


def test_path_targets_two_attackers_of_one_target_are_not_connected():
    g = _two_attacks_on_one_town()
    assert questions.path(g, "group_a", "group_b") is None
    assert questions.path(g, "group_a", "ministry") is None


def test_path_targets_the_target_itself_is_reachable_and_through_it_when_asked():
    g = _two_attacks_on_one_town()
    hops = questions.path(g, "group_a", "police")
    assert [h["predicate"] for h in hops] == ["carried_out", "targeted"]
    asked = questions.path(g, "group_a", "group_b", through_targets=True)
    assert [h["to"] for h in asked] == ["event:1", "police", "event:2", "group_b"]
