"""The CLI under misuse: a wrong --db, a damaged or foreign file, a full disk, a missing
folder, a malformed judgements file.  Each ends in one line saying what and where, with
the documented exit status (``ratline/cli_errors.py``), and never a traceback."""
from __future__ import annotations

import os
import sqlite3

import pytest
from click.testing import CliRunner

from ratline import api
from ratline.cli import main
from ratline.cli_errors import DATABASE, INTERNAL, LOOKUP, WRITE
from ratline.store import sqlite as store_sqlite

ARTICLE = ("Troops detain commander in Basra\n\n"
           "Iraqi troops detained a militia commander in Basra on Tuesday, the army said.\n")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _no_traceback(result):
    assert "Traceback" not in result.output + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


@pytest.fixture
def stored_db(tmp_path, monkeypatch):
    monkeypatch.setattr(api, "default_extractor", _tiny_extract)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "ok.db"
    assert run("--db", db, "ingest", "--no-progress", tmp_path / "a.txt").exit_code == 0
    return db


def _tiny_extract(doc):
    from ratline.schema import Extraction
    return Extraction(document=doc, entities=[], mentions=[], relations=[], events=[],
                      tallies=[], conflicts=[])


@pytest.mark.parametrize("command", [["summary"], ["events"], ["entities"], ["tallies"],
                                     ["show", "X"], ["export"], ["graph", "centrality"],
                                     ["judgements"], ["resolve"], ["merge", "A", "B"],
                                     ["documents"], ["document", "X"], ["remove", "X"]])
def test_cli_misuse_missing_database_is_refused_and_not_created(tmp_path, command):
    typo = tmp_path / "no" / "such" / "corpsu.db"
    result = run("--db", typo, *command)
    _no_traceback(result)
    assert result.exit_code == DATABASE
    assert str(typo) in result.stderr and "ingest" in result.stderr      # the path and the hint
    assert not typo.exists() and not (tmp_path / "no").exists()


def test_cli_misuse_non_sqlite_file_is_named(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not a database\n" * 200)
    result = run("--db", bad, "summary")
    _no_traceback(result)
    assert result.exit_code == DATABASE and "not a ratline database" in result.stderr
    assert bad.read_text().startswith("these are my notes")             # untouched


def test_cli_misuse_foreign_sqlite_file_is_not_filled_with_our_tables(tmp_path):
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    result = run("--db", other, "events")
    assert result.exit_code == DATABASE and "not a ratline database" in result.stderr
    with sqlite3.connect(other) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"t"}


def test_cli_misuse_read_only_database_gets_a_clear_message(stored_db, monkeypatch):
    def refuse(conn, path, create):
        raise sqlite3.OperationalError("attempt to write a readonly database")
    monkeypatch.setattr(store_sqlite.Store, "_prepare", classmethod(lambda cls, *a: refuse(*a)))
    result = run("--db", stored_db, "ingest", "--no-progress", "-")
    _no_traceback(result)
    assert result.exit_code == DATABASE
    assert "read-only" in result.stderr and str(stored_db) in result.stderr


def test_cli_misuse_database_we_may_only_read_answers_reads_and_refuses_writes(stored_db, monkeypatch):
    real_access = os.access
    monkeypatch.setattr(store_sqlite.os, "access",
                        lambda p, mode: False if str(p) == str(stored_db) and mode == os.W_OK
                        else real_access(p, mode))
    summary = run("--db", stored_db, "summary")
    assert summary.exit_code == 0 and "documents" in summary.output
    before = stored_db.stat().st_mtime_ns
    merge = run("--db", stored_db, "resolve")
    _no_traceback(merge)
    assert merge.exit_code == DATABASE and "cannot be written" in merge.stderr
    assert stored_db.stat().st_mtime_ns == before


def test_cli_misuse_full_disk_during_ingest_stops_with_what_and_where(stored_db, tmp_path, monkeypatch):
    monkeypatch.setattr(api, "default_extractor", _tiny_extract)
    (tmp_path / "b.txt").write_text(ARTICLE.replace("Tuesday", "Monday"), encoding="utf-8")

    def full(*_a, **_k):
        raise sqlite3.OperationalError("database or disk is full")
    monkeypatch.setattr(store_sqlite.Store, "add", full)
    result = run("--db", stored_db, "ingest", "--no-progress", tmp_path / "b.txt")
    _no_traceback(result)
    assert result.exit_code == WRITE and "disk is full" in result.stderr


def test_cli_misuse_export_into_missing_folder_names_the_folder(stored_db, tmp_path):
    target = tmp_path / "missing" / "out.json"
    result = run("--db", stored_db, "export", "--out", target)
    _no_traceback(result)
    assert result.exit_code == WRITE
    assert str(target) in result.stderr and "does not exist" in result.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_cli_misuse_export_onto_a_full_device_says_disk_full(stored_db):
    result = run("--db", stored_db, "export", "--out", "/dev/full")
    _no_traceback(result)
    assert result.exit_code == WRITE and "disk is full" in result.stderr


@pytest.mark.parametrize("content, words", [
    ("not json at all", "not JSON"),
    ('{"id": 1}', "not a list"),
    ('[{"id": "j1", "kind": "merge"}]', "entry 1 lacks"),
    ("[" * 100_000 + "]" * 100_000, "not JSON"),
])
def test_cli_misuse_malformed_judgements_file_is_refused_whole(stored_db, tmp_path, content, words):
    bad = tmp_path / "j.json"
    bad.write_text(content)
    result = run("--db", stored_db, "judgements", "--import", bad)
    _no_traceback(result)
    assert result.exit_code == LOOKUP and words in result.stderr and str(bad) in result.stderr
    assert run("--db", stored_db, "judgements", "--format", "json").output.strip() == "[]"


def test_cli_misuse_unexpected_error_is_one_line_with_status_70(stored_db, monkeypatch):
    monkeypatch.setattr(api.Corpus, "summary", lambda self: 1 / 0)
    result = run("--db", stored_db, "summary")
    _no_traceback(result)
    assert result.exit_code == INTERNAL
    assert result.stderr.count("\n") == 1 and "ZeroDivisionError" in result.stderr
