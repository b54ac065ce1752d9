"""The web app answers the same over PostgreSQL as over SQLite.

Why: ``ratline serve --db postgresql://...`` is how a team shares one corpus, so
every API answer (network, events, timeline, routes, entities and dossiers,
documents, search) must be the one the SQLite file gives for the same reports,
and a judgement made through the API must be written to the server.

Rows that tie on every ORDER BY key may come in another order (SQL leaves it
open, and SQLite's depends on which index it scanned), so lists are compared
as multisets; what the queries order by is the same SQL on both.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ratline.api import Corpus
from ratline.web import create_app

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"
HOSTILE = Path(__file__).parent / "data" / "hostile_report.txt"

# when a row was written differs between two ingests of the same reports
CLOCK_KEYS = {"at", "made_at", "ingested_at", "timestamp"}


def comparable(value):
    """``value`` without the clock, each list sorted (see the module doc)."""
    if isinstance(value, dict):
        return {k: comparable(v) for k, v in value.items() if k not in CLOCK_KEYS}
    if isinstance(value, list):
        return sorted((comparable(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    return value


@pytest.fixture(scope="module")
def pg_web_db(pg_db) -> str:
    """The web tests' corpus (``web_db``: the seeds and a hostile page) on PostgreSQL."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not beside the checkout")
    url = pg_db()
    with Corpus(url) as corpus:
        report = corpus.ingest([str(SEEDS), str(HOSTILE)], progress=False)
        assert report.stored == 6, report.skipped
    return url


def api_paths(client: TestClient) -> list[str]:
    """Every list, and the single pages of a few of its entities, events and documents."""
    paths = ["/api/network", "/api/events", "/api/timeline", "/api/routes", "/api/entities",
             "/api/search?q=Qazali", "/api/search?q=Basra%20raid", "/api/events?since=2008-01-01",
             "/api/network?kind=person"]
    ents = client.get("/api/entities").json()
    evs = client.get("/api/events").json()
    paths += [f"/api/entities/{e['id']}" for e in ents[:8]]
    paths += [f"/api/events/{e['event_id'] if 'event_id' in e else e['id']}" for e in evs[:6]]
    docs = {e.get("doc_id") for e in evs if e.get("doc_id")}
    paths += [f"/api/documents/{d}" for d in sorted(docs)[:3]]
    return paths


def test_app_answers_alike_on_postgresql_and_sqlite(web_db, pg_web_db):
    with TestClient(create_app(web_db)) as lite, TestClient(create_app(pg_web_db)) as pg:
        paths = api_paths(lite)
        assert len(paths) > 20
        for path in paths:
            a, b = lite.get(path), pg.get(path)
            assert a.status_code == b.status_code == 200, path
            assert comparable(b.json()) == comparable(a.json()), path
        assert pg.get("/api/search", params={"q": "Qazali"}).json()         # search finds


def test_app_judgement_through_the_api_is_written_to_postgresql(pg_db, pg_web_db):
    with TestClient(create_app(pg_web_db, write_token="s3cret")) as app:
        people = app.get("/api/entities", params={"kind": "person"}).json()
        a, b = people[0]["id"], people[1]["id"]
        ok = app.post(f"/api/entities/{a}/merge", json={"other": b},
                      headers={"X-Ratline-Token": "s3cret"})
        assert ok.status_code == 200 and ok.json()["kept"] == a
        assert b not in {e["id"] for e in app.get("/api/entities", params={"kind": "person"}).json()}
    with Corpus(pg_web_db, create=False) as corpus:       # another connection sees it
        assert [(j["entity_id"], j["other"]) for j in corpus.judgements()] == [(a, b)]
