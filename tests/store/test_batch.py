"""Documents sharing a transaction (``store/batch.py``): each is still stored whole
or not at all, finished ones survive an interruption between documents, a
half-written one never commits, and what is not committed is stored by the next
run.  On both backends unless a test says it is SQLite's own."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ratline.api import Corpus
from ratline.schema import Entity
from ratline.store import Store
from ratline.store.sqlite import Store as SqliteStore


def stored_elsewhere(db) -> set[str]:
    """Document names another connection sees (what has been committed); a plain
    SQLite connection, since opening a Store writes its schema (the batch holds the lock)."""
    if str(db).startswith("postgresql://"):
        with Store.open(db, create=False) as store:
            return {r["name"] for r in store.query("SELECT name FROM documents")}
    conn = sqlite3.connect(db)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM documents")}
    finally:
        conn.close()


def docs(make, n: int) -> list:
    return [make(f"Iraqi forces raided a Mahdi Army cell in Sadr City, killing {i}. "
                 f"Qais Qazali leads the Mahdi Army cell.", f"d{i}.txt") for i in range(n)]


def test_batch_commits_every_n_documents_and_at_the_end(new_db, make):
    db = new_db()
    exs = docs(make, 5)
    with Corpus(db) as corpus:
        with corpus.batch(documents=2, seconds=3600):
            corpus.add(exs[0])
            assert stored_elsewhere(db) == set()              # not committed yet
            corpus.add(exs[1])
            assert stored_elsewhere(db) == {"d0.txt", "d1.txt"}
            corpus.add(exs[2])
            assert stored_elsewhere(db) == {"d0.txt", "d1.txt"}
            assert corpus.add(exs[2]) is False                # its own uncommitted rows count
        assert stored_elsewhere(db) == {"d0.txt", "d1.txt", "d2.txt"}


def test_batch_failed_document_is_rolled_back_alone(new_db, make, monkeypatch):
    db = new_db()
    exs = docs(make, 3)
    laith = make("Laith Qazali was freed in Sadr City.", "laith.txt",
                 entities=[Entity("p9", "person", "Laith Qazali", ["Laith Qazali"], "IQ")])
    real = SqliteStore._merge_aliases

    def fail_for_laith(self, conn, ex, res):
        real(self, conn, ex, res)
        if ex.document.name == "laith.txt":
            raise RuntimeError("boom")

    monkeypatch.setattr(SqliteStore, "_merge_aliases", fail_for_laith)
    with Corpus(db) as corpus:
        with corpus.batch(documents=100, seconds=3600):
            corpus.add(exs[0])
            with pytest.raises(RuntimeError):
                corpus.add(laith)
            assert "laith_qazali" not in corpus.index
            corpus.add(exs[1])
        assert stored_elsewhere(db) == {"d0.txt", "d1.txt"}
        assert not corpus.store.query("SELECT 1 FROM entities WHERE id = 'laith_qazali'")
        assert not corpus.store.query("SELECT 1 FROM aliases WHERE alias = 'Laith Qazali'")


def test_batch_interrupted_between_documents_keeps_the_finished_ones(new_db, make):
    db = new_db()
    exs = docs(make, 2)
    with Corpus(db) as corpus:
        with pytest.raises(KeyboardInterrupt):
            with corpus.batch(documents=100, seconds=3600):
                corpus.add(exs[0])
                corpus.add(exs[1])
                raise KeyboardInterrupt
    assert stored_elsewhere(db) == {"d0.txt", "d1.txt"}


class _Proxy:
    """A connection whose rollback to a savepoint is itself interrupted."""

    def __init__(self, conn):
        self.conn = conn

    def execute(self, sql, params=()):
        if sql.startswith("ROLLBACK TO"):
            raise KeyboardInterrupt
        return self.conn.execute(sql, params)

    def __getattr__(self, name):
        return getattr(self.conn, name)


def test_batch_half_written_document_rolls_the_whole_batch_back(new_db, make, monkeypatch):
    db = new_db()
    exs = docs(make, 3)
    real = SqliteStore._insert
    failing = []

    def fail_on_relations(self, conn, table, rows):
        real(self, conn, table, rows)
        if table == "relations" and failing:
            raise RuntimeError("disk")

    with Corpus(db) as corpus:
        corpus.add(exs[0])                            # committed on its own
        plain = corpus.store.conn
        corpus.store.conn = _Proxy(plain)
        monkeypatch.setattr(SqliteStore, "_insert", fail_on_relations)
        with pytest.raises(KeyboardInterrupt):
            with corpus.batch(documents=100, seconds=3600):
                corpus.add(exs[1])
                failing.append(True)
                corpus.add(exs[2])                    # fails, and undoing it is interrupted
        assert corpus._index is None                  # read again: it had learnt d1's names
        corpus.store.conn = plain
        monkeypatch.setattr(SqliteStore, "_insert", real)
        assert stored_elsewhere(db) == {"d0.txt"}
        assert corpus.add(exs[1]) is True and corpus.add(exs[2]) is True   # the next run


def test_batch_ingest_commits_before_each_extraction(new_db, make, monkeypatch, tmp_path):
    """No write lock is held while a document is extracted: what was stored before
    is committed (another connection sees it) when the next extraction starts."""
    db = new_db()
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"d{i}.txt").write_text(f"Report {i} of the raid in Sadr City.", encoding="utf-8")
    seen: list[set[str]] = []

    def extractor(doc):
        seen.append(stored_elsewhere(db))
        return make(doc.body, doc.name)

    with Corpus(db, extractor=extractor) as corpus:
        report = corpus.ingest([str(folder)])
    assert report.stored == 3
    assert seen == [set(), {"d0.txt"}, {"d0.txt", "d1.txt"}]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_batch_killed_process_loses_only_uncommitted_documents(new_db, tmp_path):
    """A process killed in the middle of a batch: the file is sound, holds the
    committed documents only, and the next run stores the rest."""
    db = new_db()
    (tmp_path / "builder.py").write_text(Path(__file__).with_name("conftest.py").read_text())
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(tmp_path)!r})
        from ratline.api import Corpus
        from builder import make_extraction
        corpus = Corpus({str(db)!r})
        with corpus.batch(documents=2, seconds=3600):
            for i in range(3):
                corpus.add(make_extraction(f"Iraqi forces raided a Mahdi Army cell in Sadr City, "
                                           f"killing {{i}}.", f"d{{i}}.txt"))
            os._exit(9)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 9, proc.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert stored_elsewhere(db) == {"d0.txt", "d1.txt"}
