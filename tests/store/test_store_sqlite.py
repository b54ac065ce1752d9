"""The store: schema, one transaction per document, idempotence, crashes; on both
backends (``new_db`` in tests/conftest.py) unless a test says it is SQLite's own."""
from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ratline.api import Corpus
from ratline.store import Store, schema_sql
from ratline.store.sqlite import Store as SqliteStore

FACT_TABLES = ("documents", "entities", "aliases", "entity_links", "mentions", "relations",
               "events", "event_reports", "tallies", "conflicts")


def counts(db) -> dict[str, int]:
    with Store.open(db, create=False) as store:
        return {t: store.count(t) for t in FACT_TABLES}


def test_store_open_creates_schema_in_wal_mode_with_foreign_keys(tmp_path):
    db = tmp_path / "sub" / "r.db"
    with Store.open(db) as store:
        tables = {r["name"] for r in store.query("SELECT name FROM sqlite_master WHERE type='table'")}
        assert set(FACT_TABLES) <= tables
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with Store.open(db) as store:        # reopening keeps the schema and data
        assert store.query("SELECT value FROM meta WHERE key='schema_version'")[0]["value"] == "1"


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_store_open_creates_schema_on_postgresql_in_sqlite_types(new_db, extraction_a):
    """64-bit counts and double-precision points as SQLite keeps them; byte-wise text
    order; reopening keeps the data; a URL with no ratline tables is no database to read."""
    db = new_db()
    from ratline.store import StoreMissing
    with pytest.raises(StoreMissing):
        Store.open(db, create=False)
    with Corpus(db) as corpus:
        corpus.add(extraction_a)
        types = {(r["table_name"], r["column_name"]): (r["data_type"], r["collation_name"])
                 for r in corpus.store.query(
                     "SELECT table_name, column_name, data_type, collation_name "
                     "FROM information_schema.columns WHERE table_schema = current_schema()")}
    assert {t for t, _ in types} >= set(FACT_TABLES)
    assert types[("event_reports", "killed_best")][0] == "bigint"
    assert types[("events", "lat")][0] == "double precision"
    assert types[("entities", "name")] == ("text", "C")
    with Store.open(db, create=False) as store:        # reopening keeps the schema and data
        assert store.query("SELECT value FROM meta WHERE key='schema_version'")[0]["value"] == "1"
        assert store.count("documents") == 1
        assert "rowid" not in store.query("SELECT * FROM documents")[0]   # as SQLite's SELECT *


def test_store_foreign_keys_are_enforced(new_db):
    with Store.open(new_db()) as store:
        with pytest.raises(sqlite3.IntegrityError):
            with store.transaction() as conn:
                conn.execute("INSERT INTO mentions (doc_id, char_start, char_end, text, kind) "
                             "VALUES ('nope', 0, 1, 'x', 'person')")


def test_store_schema_is_portable_sql():
    sql = re.sub(r"--[^\n]*", "", schema_sql())
    for banned in ("AUTOINCREMENT", "WITHOUT ROWID", "PRAGMA", "STRICT", "DATETIME", "BLOB",
                   "BOOLEAN", "JSON "):
        assert banned not in sql.upper(), banned
    cols = re.findall(r"^[ \t]+(\w+)[ \t]+(\w+)", sql, flags=re.M)
    types = {t.upper() for name, t in cols if name.upper() not in ("PRIMARY", "KEY")}
    assert types <= {"TEXT", "INTEGER", "REAL"}
    # words PostgreSQL reserves must not be column names
    names = {name.lower() for name, _ in cols}
    assert {"char_start", "by_actors", "doc_id", "lat"} <= names     # the parse saw the columns
    assert not names & {"end", "by", "order", "user", "group", "from", "to", "offset", "limit"}


def test_store_add_writes_every_table(new_db, tmp_path, extraction_a):
    db = new_db()
    with Corpus(db) as corpus:
        assert corpus.add(extraction_a) is True
    n = counts(db)
    assert n["documents"] == 1 and n["events"] == 1 and n["event_reports"] == 1
    assert n["relations"] == 1 and n["tallies"] == 1 and n["conflicts"] == 1
    assert n["entities"] == 4 and n["entity_links"] == 4
    assert n["mentions"] == len(extraction_a.mentions)
    assert n["aliases"] == 5          # surface forms, each once per entity
    with Corpus(db) as corpus:        # a label the body never prints is no alias
        assert not corpus.store.query("SELECT 1 FROM aliases WHERE alias = 'Iraqi Security Forces'")


def test_store_re_adding_a_document_is_a_no_op(new_db, tmp_path, extraction_a):
    db = new_db()
    with Corpus(db) as corpus:
        corpus.add(extraction_a)
        before = counts(db)
        assert corpus.add(extraction_a) is False
    with Corpus(db) as again:           # a new run, index rebuilt from the file
        assert again.add(extraction_a) is False
    assert counts(db) == before


@pytest.mark.parametrize("error", [RuntimeError("disk full"), KeyboardInterrupt()])
def test_store_failure_mid_document_rolls_back_everything(new_db, monkeypatch, extraction_a,
                                                          extraction_b, error):
    db = new_db()
    corpus = Corpus(db)
    corpus.add(extraction_a)
    before = counts(db)
    real_insert = SqliteStore._insert

    def insert_then_fail(self, conn, table, rows):
        real_insert(self, conn, table, rows)
        if table == "relations":        # documents, entities, links, mentions already written
            raise error

    monkeypatch.setattr(SqliteStore, "_insert", insert_then_fail)
    with pytest.raises(type(error)):
        corpus.add(extraction_b)
    assert counts(db) == before
    assert not corpus.store.has_document(extraction_b.document.doc_id)
    monkeypatch.setattr(SqliteStore, "_insert", real_insert)
    assert corpus.add(extraction_b) is True          # the next run picks it up
    after = counts(db)
    assert after["documents"] == 2 and after["relations"] == 2
    corpus.close()


def test_store_kill_mid_transaction_leaves_a_consistent_file(new_db, tmp_path, make):
    """A real process killed (os._exit) after writing half a document."""
    db = new_db()
    body_b = ("Qais Qazali leads the Mahdi Army cell. Officials said the Jaysh al-Mahdi was quiet "
              "in Sadr City. Iraqi forces raided a Mahdi Army cell in Sadr City, killing 5.")
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(tmp_path)!r})
        from ratline.api import Corpus
        from ratline.store.sqlite import Store
        from builder import make_extraction, BODY_A
        corpus = Corpus({str(db)!r})
        corpus.add(make_extraction(BODY_A, "a.txt"))
        real = Store._insert
        def die(self, conn, table, rows):
            real(self, conn, table, rows)
            if table == "events":
                os._exit(9)
        Store._insert = die
        corpus.add(make_extraction(BODY_B_RAID, "b.txt"))
    """).replace("BODY_B_RAID", repr(body_b))
    # the subprocess imports the same builder the fixtures use
    (tmp_path / "builder.py").write_text(Path(__file__).with_name("conftest.py").read_text())
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 9, proc.stderr
    if not str(db).startswith("postgresql://"):
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    n = counts(db)
    assert n["documents"] == 1 and n["events"] == 1 and n["relations"] == 1
    with Corpus(db) as corpus:           # resumes: the half-written document is stored whole
        assert corpus.add(make(body_b, "b.txt")) is True
    assert counts(db)["documents"] == 2


def test_store_failed_document_leaves_resolver_index_untouched(new_db, tmp_path, monkeypatch, make):
    from ratline.schema import Entity
    corpus = Corpus(new_db())
    ex = make("Laith Qazali was freed.", "c.txt",
              entities=[Entity("p9", "person", "Laith Qazali", ["Laith Qazali"], "IQ")])
    monkeypatch.setattr(SqliteStore, "_merge_aliases",
                        lambda *a: (_ for _ in ()).throw(RuntimeError("boom")))
    with pytest.raises(RuntimeError):
        corpus.add(ex)
    assert "laith_qazali" not in corpus.index
    corpus.close()


def test_store_aliases_keep_first_and_last_seen_across_documents(new_db, tmp_path, extraction_a,
                                                                 extraction_b):
    db = new_db()
    with Corpus(db) as corpus:
        corpus.add(extraction_b)          # the later article is ingested first
        corpus.add(extraction_a)
        rows = {r["alias"]: r for r in corpus.store.query(
            "SELECT alias, doc_id, first_seen, last_seen FROM aliases WHERE entity_id='mahdi_army'")}
    assert rows["Mahdi Army"]["first_seen"] == "2007-06-30"
    assert rows["Mahdi Army"]["last_seen"] == "2008-01-15"
    assert rows["Mahdi Army"]["doc_id"] == extraction_a.document.doc_id   # earliest, not first stored


def test_store_links_record_rule_and_canonical_ids(new_db, tmp_path, extraction_a, extraction_b):
    with Corpus(new_db()) as corpus:
        corpus.add(extraction_a)
        corpus.add(extraction_b)
        links = corpus.store.query(
            "SELECT d.name, l.local_id, l.entity_id, l.rule FROM entity_links l "
            "JOIN documents d ON d.doc_id = l.doc_id WHERE l.local_id = 'p1' ORDER BY d.name")
        subjects = {r["subject"] for r in corpus.store.query("SELECT subject FROM relations")}
    assert [(r["name"], r["entity_id"], r["rule"]) for r in links] == [
        ("a.txt", "qais_qazali", "new"), ("b.txt", "qais_qazali", "alias")]
    assert subjects == {"qais_qazali"}


def test_store_reopened_index_resolves_like_the_one_that_stored(new_db, tmp_path, make):
    from ratline.schema import Entity
    body = "SDB fighters fired rockets."       # an invented group, in no dictionary
    group = Entity("g1", "armed_group", "Silver Dawn Brigades", ["SDB"], "IQ")
    db = new_db()
    probe = [Entity("x", "armed_group", "Silver Dawn Brigades", [], "IQ")]
    with Corpus(db) as corpus:
        corpus.add(make(body, "kh.txt", entities=[group]))
        live = corpus.index.plan(probe).links["x"]
    with Corpus(db) as reopened:
        assert reopened.index.plan(probe).links["x"] == live
    assert (live.entity_id, live.rule) == ("silver_dawn_brigades", "alias")


def test_store_two_writers_do_not_clash_on_generated_ids(new_db, tmp_path, make):
    """Two Corpus objects on one file (two worker processes): the second one's
    index is stale, its first attempt collides, it reloads and links instead."""
    from ratline.schema import Entity
    db = new_db()
    one, two = Corpus(db), Corpus(db)
    assert len(two.index) == 0                       # loaded before the other wrote
    person = lambda: [Entity("p", "person", "Laith Qazali", ["Laith Qazali"], "IQ")]  # noqa: E731
    one.add(make("Laith Qazali was freed.", "a.txt", entities=person()))
    assert two.add(make("Laith Qazali spoke.", "b.txt", entities=person())) is True
    rows = two.store.query("SELECT entity_id, rule FROM entity_links ORDER BY rule")
    assert rows == [{"entity_id": "laith_qazali", "rule": "alias"},
                    {"entity_id": "laith_qazali", "rule": "new"}]
    one.close()
    two.close()


def test_store_a_writer_with_a_stale_index_links_to_the_other_writers_entity(new_db, make):
    """Two writers, each loaded its index before the other wrote: the second one's
    document names the first one's group by another of its names (no id clash to
    notice), and is linked to it rather than made a second entity."""
    from ratline.schema import Entity
    db = new_db()
    one, two = Corpus(db), Corpus(db)
    assert len(one.index) == len(two.index) == 0
    one.add(make("Silver Dawn Brigades, also called Fajr al-Fiddi, fired rockets.", "a.txt",
                 entities=[Entity("g", "armed_group", "Silver Dawn Brigades",
                                  ["Silver Dawn Brigades", "Fajr al-Fiddi"], "IQ")]))
    two.add(make("Fajr al-Fiddi fighters fired again.", "b.txt",
                 entities=[Entity("g", "armed_group", "Fajr al-Fiddi", ["Fajr al-Fiddi"], "IQ")]))
    rows = two.store.query("SELECT d.name, l.entity_id, l.rule FROM entity_links l "
                           "JOIN documents d ON d.doc_id = l.doc_id ORDER BY d.name")
    assert [(r["name"], r["entity_id"], r["rule"]) for r in rows] == [
        ("a.txt", "silver_dawn_brigades", "new"), ("b.txt", "silver_dawn_brigades", "alias")]
    assert two.store.count("entities") == 1
    one.close()
    two.close()
