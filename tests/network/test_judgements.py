"""User judgements in the store: merge, split, undo, and resolving the corpus again."""
from __future__ import annotations

import sqlite3

import pytest

from ratline.api import Corpus
from ratline.store.judgements import JudgementError, listing, retract


def _snapshot(path) -> dict:
    conn = sqlite3.connect(path)
    queries = {
        "entities": "SELECT id, type, name, country FROM entities ORDER BY id",
        "links": "SELECT doc_id, local_id, entity_id, rule, score, evidence FROM entity_links ORDER BY 1, 2",
        "aliases": "SELECT * FROM aliases ORDER BY 1, 2",
        "mentions": "SELECT doc_id, char_start, char_end, entity_key FROM mentions ORDER BY 1, 2, 3",
        "relations": "SELECT doc_id, char_start, predicate, subject, object FROM relations "
                     "ORDER BY 1, 2, 3, 4, 5",
        "reports": "SELECT doc_id, local_id, actors, targets FROM event_reports ORDER BY 1, 2",
        "events": "SELECT id, location FROM events ORDER BY 1",
    }
    out = {k: conn.execute(q).fetchall() for k, q in queries.items()}
    conn.close()
    return out


def test_judgements_reresolve_without_judgements_changes_nothing(resolution_db, copy_db):
    db = copy_db(resolution_db)
    before = _snapshot(db)
    with Corpus(db) as corpus:
        report = corpus.reresolve()
    assert report["links_changed"] == 0 and report["rows_changed"] == 0
    assert _snapshot(db) == before


def test_judgements_merge_moves_every_reference(resolution_db, copy_db):
    with Corpus(copy_db(resolution_db)) as corpus:
        gone = corpus.find("Rafidain Martyrs Brigade")[0]
        kept = corpus.find("Asaib Ahl al-Haq")[0]
        refs_before = corpus.store.query(
            "SELECT COUNT(*) AS n FROM event_reports WHERE actors LIKE ? OR targets LIKE ?",
            (f'%"{gone}"%', f'%"{gone}"%'))[0]["n"]
        assert refs_before > 0
        corpus.merge(kept, gone, note="test")
        assert not corpus.store.query("SELECT 1 FROM entities WHERE id = ?", (gone,))
        for table, cols in (("event_reports", ("actors", "targets")), ("mentions", ("entity_key",)),
                            ("relations", ("subject", "object"))):
            for col in cols:
                assert not corpus.store.query(
                    f"SELECT 1 FROM {table} WHERE {col} = ? OR {col} LIKE ?", (gone, f'%"{gone}"%'))
        links = corpus.store.query("SELECT rule, evidence FROM entity_links WHERE name = ?",
                                   ("Rafidain Martyrs Brigade",))
        # the first report goes by the judgement; later ones then share its names
        assert links[0]["rule"] == "user_merge" and "user:" in links[0]["evidence"]
        assert {r["rule"] for r in links} <= {"user_merge", "alias"}
        names = {a["alias"] for a in corpus.dossier(kept)["aliases"]}
        assert "Rafidain Martyrs Brigade" in names
        assert corpus.dossier(kept)["judgements"][0]["kind"] == "same"


def test_judgements_split_needs_a_name_the_entity_has(resolution_db, copy_db):
    with Corpus(copy_db(resolution_db)) as corpus:
        with pytest.raises(JudgementError):
            corpus.split("Sami al-Askari", "Laith Qazali")
        with pytest.raises(JudgementError):
            corpus.split("Muqtada al-Sadr", "Muqtada al-Sadr")       # its only name
        with pytest.raises(KeyError):
            corpus.merge("Sami al-Askari", "No Such Person Anywhere")
        assert listing(corpus.store) == []


def test_judgements_undo_gives_the_machine_its_say_again(resolution_db, copy_db):
    with Corpus(copy_db(resolution_db)) as corpus:
        jid = corpus.split("Sami al-Askari", "Askari")["judgement"]
        assert corpus.find("Colonel Askari")[0] != "sami_askari"
        assert retract(corpus.store, jid) and not retract(corpus.store, jid)
        corpus.reresolve()
        rows = corpus.store.query("SELECT entity_id, rule FROM entity_links WHERE name = 'Askari'")
        assert [(r["entity_id"], r["rule"]) for r in rows] == [("sami_askari", "surname_unique")]
        assert [j["active"] for j in corpus.judgements()] == [False]
