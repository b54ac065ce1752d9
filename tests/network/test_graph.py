"""The reported network: edges with sources and dates, as-of views, graph questions."""
from __future__ import annotations

import pytest

from ratline.graph import NotFound
from ratline.graph.build import independent_sources, period
from ratline.api import Corpus


@pytest.fixture(scope="module")
def net(seeds_db):
    corpus = Corpus(seeds_db)
    yield corpus.network
    corpus.close()


def ev(doc, quote, published="2008-01-01"):
    return {"doc_id": doc, "doc": doc, "quote": quote, "published": published}


def test_graph_independent_sources_count_a_copied_quote_once():
    assert independent_sources([ev("a", "X backs Y."), ev("b", "X backs Y.", "2009-01-01")]) == 1
    assert independent_sources([ev("a", "X backs Y."), ev("b", "Y gets arms from X.")]) == 2
    # a document that adds its own quotation is a source of its own
    assert independent_sources([ev("a", "X backs Y."), ev("b", "X backs Y.", "2009-01-01"),
                                ev("b", "X trains Y.", "2009-01-01")]) == 2


@pytest.mark.parametrize("quote,predicate,field,value", [
    ("Qais Qazali led the network up until his capture in 2007.", "leads", "end", "2007-01-01"),
    ("He has led the group since March 2008.", "leads", "start", "2008-03-01"),
    ("It is now said to be under the command of Akram al Kabi.", "leads", "current", "2009-06-09"),
    ("sanctions on Ahmad Foruzandeh, the former Qods Force commander", "leads", "ended", True),
    ("led by Qais al-Khazali, a former spokesman for Muqtada al-Sadr", "leads", "ended", False),
    ("led by Qais al-Khazali, a former spokesman for Muqtada al-Sadr", "spokesman_for", "ended", True),
])
def test_graph_period_read_from_the_quotation(quote, predicate, field, value):
    assert getattr(period(quote, "2009-06-09", predicate), field) == value


def test_graph_edge_keeps_every_quotation_and_counts_sources(net):
    g = net.graph()
    edge = g.edges["kataib_hezbollah", "special_groups", "part_of"]
    assert edge["documents"] == 2
    assert edge["sources"] == 1                  # 004 repeats 003's sentence word for word
    assert {e["doc"][:3] for e in edge["evidence"]} == {"003", "004"}
    assert all(e["quote"] for e in edge["evidence"])
    kabi = g.edges["akram_kabi", "asaib_ahl_al_haq", "leads"]
    assert kabi["current"] == kabi["last_reported"]


def test_graph_as_of_keeps_only_what_was_reported_by_then(net):
    full, early = net.graph(), net.graph(as_of="2008")
    assert full.has_edge("akram_kabi", "asaib_ahl_al_haq", "leads")      # reported in 2009
    assert "akram_kabi" not in early
    assert early.has_edge("qods_force", "mahdi_army", "supports")        # reported Nov 2008
    assert early.number_of_edges() < full.number_of_edges()
    assert all(e["published"] <= "2008-12-31" for _, _, d in early.edges(data=True)
               for e in d["evidence"])


def test_graph_path_is_a_chain_of_quoted_links(net):
    result = net.path("Qods Force", "Laith Qazali")
    hops = result["hops"]
    assert result["from"]["id"] == "qods_force" and result["to"]["id"] == "laith_qazali"
    assert hops and hops[0]["from"] == "qods_force" and hops[-1]["to"] == "laith_qazali"
    assert all(a["to"] == b["from"] for a, b in zip(hops, hops[1:]))
    assert all(h["quote"] and h["doc"] for h in hops)


def test_graph_path_finds_an_event_by_place_and_kind(net):
    result = net.path("Qods Force", "Karbala attack")
    assert result["to"]["kind"] == "event"
    assert "2007" in (result["to"]["date"] or "")        # the January 2007 attack in Karbala
    assert result["hops"]


def test_graph_unknown_name_is_reported(net):
    with pytest.raises(NotFound):
        net.path("Qods Force", "Nobody At All")


def test_graph_neighbours_grow_with_depth(net):
    one = net.neighbours("Asaib al Haq", depth=1)
    two = net.neighbours("Asaib al Haq", depth=2)
    ids1 = {n["id"] for n in one["nodes"]}
    assert {"qais_qazali", "akram_kabi", "iran"} <= ids1
    assert ids1 < {n["id"] for n in two["nodes"]}
    assert all(n["distance"] == 1 for n in one["nodes"])


def test_graph_centrality_ranks_the_hub_first(net):
    rows = net.centrality("betweenness", top=5)
    # the hub is one of the groups the seed reports revolve around, never a place or a bystander
    assert rows[0]["id"] in {"asaib_ahl_al_haq", "qods_force", "mahdi_army"}
    assert {"asaib_ahl_al_haq", "qods_force"} <= {r["id"] for r in rows}
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    assert all(r["type"] != "place" for r in net.centrality("degree", top=50))


def test_graph_communities_partition_the_connected_actors(net):
    groups = net.communities()
    members = [m["id"] for g in groups for m in g["members"]]
    assert len(members) == len(set(members))
    assert groups[0]["size"] >= groups[-1]["size"]
    together = next(g for g in groups if any(m["id"] == "qods_force" for m in g["members"]))
    assert "mahdi_army" in {m["id"] for m in together["members"]}
    assert net.communities() == groups                    # seeded: the same answer twice
