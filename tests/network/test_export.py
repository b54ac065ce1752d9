"""Network exports: GraphML and GEXF read back by networkx; FtM passes followthemoney."""
from __future__ import annotations

import io
import json

import networkx as nx
import pytest

from ratline.export.ftm import ftm_entities, ftm_lines
from ratline.export.graphml import gexf_text, graphml_text
from ratline.store import Store


@pytest.fixture(scope="module")
def store(seeds_db):
    s = Store.open(seeds_db)
    yield s
    s.close()


def test_export_graphml_reads_back_in_networkx(store):
    from ratline.graph.build import build_graph
    g = build_graph(store)
    back = nx.read_graphml(io.StringIO(graphml_text(store)))
    assert isinstance(back, nx.MultiDiGraph)
    assert (back.number_of_nodes(), back.number_of_edges()) == (g.number_of_nodes(),
                                                                g.number_of_edges())
    assert back.nodes["qods_force"]["name"] == "Qods Force"
    edge = back.edges["kataib_hezbollah", "special_groups", "part_of"]
    assert edge["predicate"] == "part_of" and edge["sources"] == 1 and "Special Groups" in edge["quotes"]


def test_export_gexf_reads_back_in_networkx(store):
    back = nx.read_gexf(io.BytesIO(gexf_text(store).encode("utf-8")))
    assert back.number_of_edges() > 100
    labels = {d.get("label") for _, d in back.nodes(data=True)}
    assert {"Qods Force", "Asa'ib Ahl al-Haq"} <= labels
    predicates = {d.get("predicate") for _, _, d in back.edges(data=True)}
    assert {"supports", "leads", "carried_out", "targeted"} <= predicates


def test_export_as_of_limits_the_exported_network(store):
    early = nx.read_graphml(io.StringIO(graphml_text(store, as_of="2007")))
    assert "akram_kabi" not in early and "qods_force" in early


def test_export_ftm_passes_followthemoney_validation(store):
    ftm = pytest.importorskip("followthemoney", reason="test extra: pip install -e '.[test]'")
    from followthemoney.exc import InvalidData
    model = ftm.model
    lines = ftm_lines(store).splitlines()
    entities = [json.loads(line) for line in lines]
    by_id = {e["id"]: e for e in entities}
    assert len(by_id) == len(entities)
    schemata = {e["schema"] for e in entities}
    assert {"Article", "Person", "Organization", "Membership", "Directorship", "Family",
            "Associate", "Event", "Address", "Sanction"} <= schemata
    for e in entities:
        schema = model.get(e["schema"])
        assert schema is not None and not schema.abstract, e["schema"]
        assert set(e["properties"]) <= set(schema.properties), e["schema"]
        try:
            schema.validate(e)
        except InvalidData as exc:                    # pragma: no cover - the failure message
            pytest.fail(f"{e['schema']} {e['id']}: {exc.errors}")
        proxy = model.get_proxy(e, cleaned=False)        # every value re-cleaned
        kept = proxy.to_dict()["properties"]
        for prop, values in e["properties"].items():
            assert sorted(kept.get(prop, [])) == sorted(values), (e["schema"], prop)
            ptype = schema.get(prop)
            if ptype.type.name == "entity":
                for ref in values:
                    assert model.get(by_id[ref]["schema"]).is_a(ptype.range), (e["schema"], prop)


def test_export_ftm_every_fact_points_to_its_source(store):
    entities = list(ftm_entities(store))
    articles = {e["id"] for e in entities if e["schema"] == "Article"}
    for e in entities:
        props = e["properties"]
        if e["schema"] in ("Person", "Organization", "Event", "Address"):
            assert props.get("proof") and set(props["proof"]) <= articles, e["id"]
        if e["schema"] in ("Membership", "Directorship", "Family", "Associate", "Sanction",
                           "UnknownLink"):
            assert props.get("description") and props.get("publisher"), e["id"]
    leads = [e for e in entities if e["schema"] == "Directorship"
             and e["properties"]["director"] == ["rl-ent-akram-kabi"]]
    assert leads and "under the command of Akram al Kabi" in leads[0]["properties"]["description"][0]
