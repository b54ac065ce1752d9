"""The web app's JSON API and server-rendered pages, driven in-process (no browser)."""
from __future__ import annotations

import shutil

import pytest
from fastapi.testclient import TestClient

from ratline.api import Corpus
from ratline.web import create_app


@pytest.fixture(scope="module")
def client(web_db):
    with TestClient(create_app(web_db)) as c:
        yield c


def _body(web_db, doc_id):
    with Corpus(web_db) as corpus:
        return corpus.store.query("SELECT body FROM documents WHERE doc_id = ?", (doc_id,))[0]["body"]


def test_app_network_edges_carry_quotations_found_at_their_offsets(client, web_db):
    net = client.get("/api/network").json()
    assert len(net["nodes"]) > 20 and len(net["edges"]) > 20
    assert "place" not in net["types"]            # actors only
    ids = {n["id"] for n in net["nodes"]}
    for edge in net["edges"][:15]:
        assert edge["source"] in ids and edge["target"] in ids
        q = edge["evidence"][0]
        assert _body(web_db, q["doc_id"])[q["start"]:q["end"]] == q["quote"]


def test_app_network_filters_by_kind_predicate_and_as_of(client):
    full = client.get("/api/network").json()
    people = client.get("/api/network", params={"kind": "person"}).json()
    assert people["nodes"] and {n["type"] for n in people["nodes"]} == {"person"}
    pred = full["predicates"][0]
    only = client.get("/api/network", params={"predicate": pred}).json()
    assert only["edges"] and {e["predicate"] for e in only["edges"]} == {pred}
    early = client.get("/api/network", params={"as_of": "2007-07-01"}).json()
    assert 0 < len(early["edges"]) < len(full["edges"])
    for edge in early["edges"]:
        assert all(q["published"] <= "2007-07-01" for q in edge["evidence"])


def test_app_events_date_filter_narrows_map_and_timeline(client):
    every = client.get("/api/events").json()
    some = client.get("/api/events", params={"since": "2007-06-01", "until": "2007-06-30"}).json()
    assert 0 < len(some) < len(every)
    assert all(e["date"].startswith("2007-06") for e in some)
    t_all = client.get("/api/timeline").json()
    t_june = client.get("/api/timeline", params={"since": "2007-06", "until": "2007-06"}).json()
    assert t_june["months"] == ["2007-06"]
    assert sum(map(sum, t_june["series"].values())) == len(some)
    assert sum(map(sum, t_all["series"].values())) > len(some)
    assert t_all["tallies"] and "events_sum" in t_all["tallies"][0]


def test_app_dossier_and_event_pages_link_every_quotation_to_its_document(client):
    page = client.get("/entity/" + client.get("/api/network").json()["nodes"][0]["id"])
    assert page.status_code == 200
    assert 'class="src" href="/document/' in page.text
    ev = client.get("/api/events").json()[0]
    page = client.get("/event/" + ev["id"])
    assert page.status_code == 200 and "blockquote" in page.text


def test_app_document_page_highlights_the_quotation_and_keeps_comments_apart(client, web_db):
    ev = next(e for e in client.get("/api/events").json() if e["doc"].startswith("000"))
    page = client.get(f"/document/{ev['doc_id']}", params={"start": ev["start"], "end": ev["end"]})
    assert '<mark id="quote">' in page.text
    marked = page.text.split('<mark id="quote">')[1].split("</mark>")[0]
    assert marked.replace("&#39;", "'").replace("&quot;", '"').replace("&amp;", "&") == ev["quote"]
    assert "not evidence" in page.text


def test_app_escapes_markup_in_document_text_and_sends_a_csp(client, hostile_doc_id):
    page = client.get(f"/document/{hostile_doc_id}")
    assert "<script>window.__pwned" not in page.text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page.text
    assert "<img src=x" not in page.text and "&lt;img src=x onerror=" in page.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    hits = client.get("/search", params={"q": "pwned"})
    assert "<script>window" not in hits.text and "&lt;script&gt;" in hits.text


def test_app_search_finds_entities_events_and_text(client):
    hits = client.get("/api/search", params={"q": "Qazali"}).json()
    kinds = {h["kind"] for h in hits}
    assert {"entity", "document"} <= kinds
    assert any("Qazali" in h["title"] for h in hits if h["kind"] == "entity")
    assert client.get("/api/search", params={"q": 'Qazali" OR *'}).status_code == 200  # no FTS syntax leaks
    assert client.get("/api/search", params={"q": "zzzqqqxxy"}).json() == []


def test_app_refuses_writes_without_the_token(client, web_db, tmp_path):
    ent = client.get("/api/entities", params={"kind": "person"}).json()
    a, b = ent[0]["id"], ent[1]["id"]
    refused = client.post(f"/api/entities/{a}/merge", json={"other": b})
    assert refused.status_code == 403 and "read-only" in refused.json()["detail"]
    copy = tmp_path / "w.db"
    shutil.copyfile(web_db, copy)
    with TestClient(create_app(str(copy), write_token="s3cret")) as writable:
        assert writable.post(f"/api/entities/{a}/merge", json={"other": b}).status_code == 403
        wrong = writable.post(f"/api/entities/{a}/merge", json={"other": b},
                              headers={"X-Ratline-Token": "guess"})
        assert wrong.status_code == 403
        ok = writable.post(f"/api/entities/{a}/merge", json={"other": b},
                           headers={"X-Ratline-Token": "s3cret"})
        assert ok.status_code == 200 and ok.json()["kept"] == a
        names = {e["id"] for e in writable.get("/api/entities", params={"kind": "person"}).json()}
        assert b not in names                      # the cache saw the judgement
    with Corpus(web_db) as corpus:                 # the read-only server's file is untouched
        assert corpus.judgements() == []


def test_app_openapi_documents_the_api_with_local_assets(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/network", "/api/events", "/api/timeline", "/api/routes", "/api/search"} <= set(spec["paths"])
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui-dist-" in docs and "cdn" not in docs.lower()


def test_app_routes_from_the_samples_have_both_ends_and_their_source(client, web_db):
    routes = client.get("/api/routes").json()
    drawn = [r for r in routes if r["origin_lat"] is not None and r["destination_lat"] is not None]
    assert ("Iran", "Iraq") in {(r["origin"], r["destination"]) for r in drawn}
    for r in routes:
        assert _body(web_db, r["doc_id"])[r["start"]:r["end"]] == r["quote"]
    assert client.get("/api/routes", params={"until": "2007-01-01"}).json() == []


@pytest.mark.parametrize("as_of", ["2007-06-20", "2008-03-31", "2008-11-30", None])
def test_app_network_as_of_agrees_with_the_api_graph(web_db, as_of):
    """The app replays as-of days on one cached graph; it must show what
    Corpus.network.graph(as_of) holds (actors and their relations)."""
    from ratline.web import views
    with Corpus(web_db) as corpus:
        shown = views.network(views.Reported(corpus), as_of=as_of)
        g = corpus.network.graph(as_of, events=False, places=False)
    assert {n["id"] for n in shown["nodes"]} == set(g.nodes)
    assert {(e["source"], e["target"], e["predicate"]) for e in shown["edges"]} == set(g.edges(keys=True))
    for n in shown["nodes"]:
        assert n["documents"] == g.nodes[n["id"]]["documents"]


def test_app_disputed_events_are_marked_in_dossiers_and_list_their_claims(client):
    disputed = client.get("/api/events", params={"disputed": True}).json()
    assert disputed
    with Corpus(client.app.state.site.db_path) as corpus:
        full = next(e for e in corpus.events(disputed=True) if e["event_id"] == disputed[0]["id"])
    page = client.get("/event/" + full["event_id"]).text
    assert "<h2>Disputed</h2>" in page and full["disputes"][0].split(":")[0] in page
    someone = (full["actors"] + full["targets"])[0]
    assert "disputed: the sources disagree" in client.get("/entity/" + someone).text


def test_app_readme_names_only_api_routes_that_exist(client):
    """The README's list of API routes is checked against the app, as datasette checks its docs."""
    import re
    from pathlib import Path
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## In a browser: `ratline serve`")[1].split("\n## ")[0]
    named = set(re.findall(r"`(\w+)`", section.split("The JSON API under `/api/`")[1].split(")")[0]))
    paths = {p.split("/")[2] for p in client.get("/openapi.json").json()["paths"]}
    assert named and named <= paths, named - paths
    from ratline.cli import main
    options = {o for p in main.commands["serve"].params for o in p.opts}
    documented = set(re.findall(r"(--[\w-]+)", section.split("```")[1]))
    assert documented and documented <= options, documented - options


def test_app_every_entity_event_and_document_page_renders(client, web_db):
    with Corpus(web_db) as corpus:
        entities = [e["id"] for e in corpus.entities()]
        events = [e["event_id"] for e in corpus.events()]
        docs = [d["doc_id"] for d in corpus.store.query("SELECT doc_id FROM documents")]
    pages = ([f"/entity/{i}" for i in entities] + [f"/event/{i}" for i in events]
             + [f"/document/{i}" for i in docs])
    for url in pages:
        r = client.get(url)
        assert r.status_code == 200, url
        assert "<script>window.__pwned" not in r.text, url
    assert len(pages) > 100


@pytest.mark.parametrize("url", ["/api/events?since=yesterday", "/api/network?as_of=2008-1",
                                 "/api/timeline?until=2008-06-01T00", "/api/routes?since=0"])
def test_app_dates_are_checked_as_the_cli_checks_them(client, url):
    assert client.get(url).status_code == 422


def test_app_a_merge_carries_routes_to_the_kept_entity(web_db, tmp_path):
    copy = tmp_path / "merge.db"
    shutil.copyfile(web_db, copy)
    with Corpus(copy) as corpus:
        moved = next(r for r in corpus.routes() if r["mover_id"])
        other = next(e["id"] for e in corpus.entities("armed_group") if e["id"] != moved["mover_id"])
        corpus.merge(other, moved["mover_id"])
        movers = {r["mover_id"] for r in corpus.routes() if r["quote"] == moved["quote"]}
    assert other in movers and moved["mover_id"] not in movers
