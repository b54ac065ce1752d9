"""Both store backends for the tests that touch the store.

Why a parametrised fixture: the store promises that SQLite (a file) and
PostgreSQL (a URL) run the same code with the same results, so a store test
that passes on one must pass on the other.  ``new_db`` hands each test a fresh
database of its backend: an SQLite path under ``tmp_path``, or a PostgreSQL URL
whose ``search_path`` is a schema made for this test alone (dropped afterwards),
so tests never see each other's rows.

The PostgreSQL server is the one ``$RATLINE_TEST_PG`` names (``make test`` and
``.ci/run`` start one with ``tools/pg_test_server.sh``).  Without it the
PostgreSQL variants are skipped and say why; in CI (``$CI`` set) they fail
instead, so a server that did not start cannot hide behind a skip.
"""
from __future__ import annotations

import os
import urllib.parse
import uuid
from pathlib import Path

import pytest

PG_ENV = "RATLINE_TEST_PG"
BACKENDS = ("sqlite", "postgresql")


def pg_server_url() -> str:
    """The test server's URL, or skip (fail in CI) when there is none."""
    url = os.environ.get(PG_ENV, "").strip()
    if url:
        return url
    reason = (f"PostgreSQL variant: ${PG_ENV} is not set (run the tests through `make test`, "
              f"or `tools/pg_test_server.sh run .venv/bin/python -m pytest`)")
    if os.environ.get("CI"):
        pytest.fail(reason + "; in CI the PostgreSQL tests must run")
    pytest.skip(reason)


def with_schema(url: str, schema: str) -> str:
    """``url`` with ``search_path`` set to ``schema`` (libpq's ``options``)."""
    option = urllib.parse.urlencode({"options": f"-csearch_path={schema}"})
    return f"{url}{'&' if '?' in url else '?'}{option}"


class PgSchemas:
    """Schemas made on the test server, dropped at ``close``."""

    def __init__(self, url: str):
        import psycopg
        self.url = url
        self.conn = psycopg.connect(url, autocommit=True)
        self.made: list[str] = []

    def new(self) -> str:
        name = f"t_{uuid.uuid4().hex[:16]}"
        self.conn.execute(f'CREATE SCHEMA "{name}"')
        self.made.append(name)
        return with_schema(self.url, name)

    def close(self) -> None:
        for name in self.made:
            self.conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
        self.conn.close()


def _factory(backend: str, folder: Path, request):
    """``make(name)``: a new empty database of ``backend`` (path or URL)."""
    if backend == "sqlite":
        return lambda name="r.db": folder / name
    schemas = PgSchemas(pg_server_url())
    request.addfinalizer(schemas.close)
    return lambda name="r.db": schemas.new()


@pytest.fixture(params=BACKENDS, scope="module")
def backend(request) -> str:
    """``sqlite`` or ``postgresql``; module-scoped so module fixtures can build one
    corpus per backend."""
    return request.param


@pytest.fixture
def new_db(backend, tmp_path, request):
    """``new_db(name="r.db")``: a fresh database of this test's backend."""
    return _factory(backend, tmp_path, request)


@pytest.fixture(scope="module")
def module_db(backend, tmp_path_factory, request):
    """``new_db`` for module-scoped fixtures (a corpus built once per module)."""
    return _factory(backend, tmp_path_factory.mktemp("db"), request)


def is_pg(db) -> bool:
    return str(db).startswith("postgresql://")


@pytest.fixture(scope="module")
def pg_db(tmp_path_factory, request):
    """``pg_db()``: a new PostgreSQL database (schema), for tests that compare the two
    backends side by side; skipped (failed in CI) without a server."""
    return _factory("postgresql", tmp_path_factory.mktemp("pg"), request)
