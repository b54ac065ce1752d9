"""The network commands: graph questions, merge/split, judgements, exports."""
from __future__ import annotations

import io
import json

import networkx as nx
from click.testing import CliRunner

from ratline.cli import main


def run(db, *args):
    result = CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)
    return result


def test_cli_graph_path_prints_each_hop_with_its_quotation(seeds_db):
    r = run(seeds_db, "graph", "path", "Qods Force", "Laith Qazali")
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0].startswith("Qods Force → Laith al Qazali:")
    hops = [line for line in lines if line.lstrip()[:2].rstrip(".").isdigit()]
    quotes = [line for line in lines if "“" in line]
    assert hops and len(quotes) >= len(hops)


def test_cli_graph_path_json_and_unknown_names(seeds_db):
    r = run(seeds_db, "graph", "path", "Qods Force", "Asaib al Haq", "--format", "json")
    data = json.loads(r.output)
    assert data["hops"][0]["predicate"] == "supports" and data["hops"][0]["quote"]
    missing = run(seeds_db, "graph", "path", "Qods Force", "Nobody At All")
    assert missing.exit_code == 1


def test_cli_graph_neighbours_centrality_communities(seeds_db):
    r = run(seeds_db, "graph", "neighbours", "Akram al Kabi", "--as-of", "2009-06")
    assert "Akram al Kabi —leads→ Asa'ib Ahl al-Haq [current 2009-06-09]" in r.output
    early = run(seeds_db, "graph", "neighbours", "Akram al Kabi", "--as-of", "2008")
    assert early.exit_code == 1
    c = run(seeds_db, "graph", "centrality", "--measure", "betweenness", "--top", "3",
            "--format", "text")
    assert c.output.splitlines()[1].endswith(("Asa'ib Ahl al-Haq (armed_group)", "Qods Force (state_force)",
                                               "Mahdi Army (armed_group)"))
    ranked = json.loads(run(seeds_db, "graph", "centrality", "--top", "3", "--format", "json").output)
    table = run(seeds_db, "graph", "centrality", "--top", "3").output.splitlines()
    assert table[0].split()[:2] == ["rank", "id"] and len(table) == 5
    assert all(r["id"] in line for r, line in zip(ranked, table[2:]))
    groups = run(seeds_db, "graph", "communities", "--format", "json")
    assert len(json.loads(groups.output)) >= 3
    bad = CliRunner().invoke(main, ["--db", str(seeds_db), "graph", "centrality", "--as-of", "June"])
    assert bad.exit_code == 2


def test_cli_export_network_formats(seeds_db, tmp_path):
    out = tmp_path / "net.graphml"
    r = run(seeds_db, "export", "--format", "graphml", "--out", str(out))
    assert r.exit_code == 0 and nx.read_graphml(out).number_of_nodes() > 50
    gexf = run(seeds_db, "export", "--format", "gexf")
    assert nx.read_gexf(io.BytesIO(gexf.output.encode("utf-8"))).number_of_edges() > 100
    ftm = run(seeds_db, "export", "--format", "ftm")
    rows = [json.loads(line) for line in ftm.output.splitlines()]
    assert {"Article", "Person", "Directorship"} <= {e["schema"] for e in rows}


def test_cli_split_merge_judgements_and_show(resolution_db, copy_db, tmp_path):
    db = copy_db(resolution_db)
    r = run(db, "split", "Sami al-Askari", "Askari", "--note", "police colonel")
    assert r.exit_code == 0 and "'Askari' split from sami_askari into askari" in r.output
    shown = run(db, "show", "Colonel Askari").output
    assert "by user_split" in shown and "police colonel" in shown
    assert "surname 'askari' held only by 'Sami al-Askari'" in shown     # the machine's reason, kept
    bad = run(db, "split", "Sami al-Askari", "Nobody")
    assert bad.exit_code == 1 and "is not a name of" in bad.output
    m = run(db, "merge", "Qais al-Khazali", "Laith Qazali")
    assert m.exit_code == 0 and "merged laith_khazali into qais_khazali" in m.output
    listed = run(db, "judgements", "--format", "json")
    kinds = [j["kind"] for j in json.loads(listed.output)]
    assert kinds == ["split", "same"]
    saved = tmp_path / "j.json"
    run(db, "judgements", "--export", str(saved))
    assert len(json.loads(saved.read_text())) == 2
    again = run(db, "resolve")
    assert "0 links changed" in again.output
