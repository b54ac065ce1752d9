"""Cross-report event merging: the pair rules, the groups, the corpus in
tests/data/eventmerge (own words; see its README) and the user's judgements."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from ratline.api import Corpus
from ratline.ingest import read_inputs
from ratline.pipeline import extract
from ratline.schema import Document, Entity, Event, Extraction, Span
from ratline.store import eventmerge as em
from ratline.store.eventmerge import EventError, Report

DATA = Path(__file__).parents[1] / "data" / "eventmerge"


# ------------------------------------------------------------------ pair rules (pure)

def rep(key="d1:e1", **kw) -> Report:
    base = dict(key=key, doc_id=key.split(":")[0], local_id=key.split(":")[1], event_id=key,
                doc="x.txt", type="raid", date="2008-05-13", precision="day",
                location="baquba", place_name="Baquba", admin1="Diyala", country="IQ",
                lat=33.754, lon=44.605, where_precision=1, fallback=False, place_basis=None,
                parties=frozenset({"aqi"}), persons=frozenset(), quote="", killed_best=None)
    base.update(kw)
    return Report(**base)


def test_eventmerge_same_day_place_type_and_party_merge():
    v = em.compare(rep("a:e1"), rep("b:e1"))
    assert v is not None and v.score >= em.THRESHOLD
    assert "same day" in v.rule and "same place" in v.rule


@pytest.mark.parametrize("other, why", [
    (dict(date="2008-05-16"), "three days apart"),
    (dict(date="2008-06-01", precision="month"), "another month"),
    (dict(date="2007-01-01", precision="year"), "another year"),
    (dict(country="SY", location="raqqa", place_name="Raqqa", admin1="Raqqa"), "another country"),
    (dict(location="mosul", place_name="Mosul", admin1="Nineveh", lat=36.335, lon=43.119),
     "a town 270 km away"),
    (dict(type="release"), "a release is not a raid"),
    (dict(type="other", quote="x" * 50), "statements need the same wording or day"),
])
def test_eventmerge_incompatible_pairs_are_ruled_out(other, why):
    a = rep("a:e1", quote="y" * 50, type="other" if other.get("type") == "other" else "raid",
            date="2008-05-13" if other.get("type") != "other" else "2008-05-01",
            precision="day" if other.get("type") != "other" else "month")
    assert em.compare(a, rep("b:e1", **other)) is None, why


def test_eventmerge_nested_and_coarse_dates_are_compatible_but_weaker():
    fine = rep("a:e1")
    coarse = rep("b:e1", date="2008-05-01", precision="month", location="diyala",
                 place_name="Diyala", where_precision=4)
    v = em.compare(fine, coarse)
    assert v is not None and "same month" in v.rule and "within Diyala" in v.rule
    assert v.score < em.compare(fine, rep("c:e1")).score


def test_eventmerge_two_unknown_places_with_different_names_are_two_places():
    a = rep("a:e1", location="jelawur", place_name="Jelawur", fallback=True, where_precision=6)
    b = rep("b:e1", location="charqolba", place_name="Charqolba", fallback=True, where_precision=6)
    assert em.compare(a, b) is None


def test_eventmerge_disjoint_parties_count_against_a_merge():
    same = em.compare(rep("a:e1"), rep("b:e1"))
    other = em.compare(rep("a:e1"), rep("b:e1", parties=frozenset({"ansar_al_islam"})))
    assert other is not None and other.score < em.THRESHOLD <= same.score
    assert "no shared party" in other.rule


def test_eventmerge_a_repeated_passage_merges_undated_reports():
    text = "Among those captured are Mahmud Farhadi, one of the three regional commanders."
    a = rep("a:e1", date=None, precision=None, location=None, type="arrest", quote=text,
            parties=frozenset({"farhadi"}), persons=frozenset({"farhadi"}))
    b = rep("b:e4", date=None, precision=None, location=None, type="arrest", quote=text + " And more.",
            parties=frozenset({"farhadi"}), persons=frozenset({"farhadi"}))
    v = em.compare(a, b)
    assert v is not None and v.score >= em.THRESHOLD and "same wording" in v.rule


def judgement(a, b, kind="same", by="machine", score=0.9, at="2026-01-01T00:00:00"):
    a, b = sorted((a, b))
    return {"report_a": a, "report_b": b, "judgement": kind, "judged_by": by, "score": score,
            "made_at": at, "rule": "test"}


def test_eventmerge_groups_never_join_a_users_not_same_or_two_reports_of_one_document():
    reports = {k: rep(k) for k in ("a:e1", "b:e1", "c:e1", "c:e2")}
    js = [judgement("a:e1", "b:e1"), judgement("b:e1", "c:e1"),
          judgement("a:e1", "c:e2", score=0.7),                   # same document as c:e1
          judgement("a:e1", "c:e1", kind="not_same", by="user")]
    groups = em.groups(reports, js)
    where = {k: i for i, g in enumerate(groups) for k in g}
    assert where["a:e1"] == where["b:e1"]
    assert where["c:e1"] != where["a:e1"]                          # the user said apart
    assert where["c:e2"] != where["c:e1"]                          # one document, two events


# ------------------------------------------------------------------ the own corpus

@pytest.fixture(scope="module")
def extractions():
    docs = read_inputs(sorted(str(p) for p in DATA.glob("*.txt")))
    return {d.name: extract(d) for d in docs}


def build(path, extractions, names):
    with Corpus(path) as corpus:
        for name in names:
            corpus.add(extractions[name])
    return path


BAQUBA = ("r1_wire_baquba.txt", "r2_daily_baquba.txt", "r3_weekly_baquba.txt")
MAIN = BAQUBA + ("r4_mosul_police.txt", "r5_mosul_us.txt", "r6_ramadi_bomb.txt",
                 "r7_kirkuk_arrest.txt", "r10_ramadi_other.txt", "r8_monthly_review.txt")


@pytest.fixture(scope="module")
def main_db(module_db, extractions):
    return build(module_db("main.db"), extractions, MAIN)


@pytest.fixture
def db(new_db, main_db, extractions):
    """A private copy of the main corpus, for tests that record judgements (an SQLite
    file is copied; a PostgreSQL schema is built again, in the same order)."""
    target = new_db("copy.db")
    if isinstance(target, Path):
        shutil.copy(main_db, target)
        return target
    return build(target, extractions, MAIN)


def event_of(corpus: Corpus) -> dict[str, str]:
    """<doc name>:<local id> -> event id."""
    return {f"{r['doc']}:{r['local_id']}": e["event_id"]
            for e in corpus.events() for r in e["reports"]}


def test_eventmerge_same_raid_in_three_reports_is_one_event_spanning_their_figures(
        new_db, extractions):
    with Corpus(build(new_db("b.db"), extractions, BAQUBA)) as corpus:
        events = corpus.events()
        assert len(events) == 1
        ev = events[0]
        assert sorted(r["doc"] for r in ev["reports"]) == sorted(BAQUBA)
        assert sorted(r["killed_best"] for r in ev["reports"]) == [9, 12, 14]   # each keeps its own
        assert (ev["killed_low"], ev["killed_best"], ev["killed_high"]) == (9, 12, 14)
        assert ev["best_rule"].startswith("median of 3")
        assert ev["date"] == "2008-05-13" and ev["admin1"] == "Diyala"
        machine = [j for j in ev["judgements"] if j["by"] == "machine"]
        assert len(machine) == 3 and all(j["score"] >= em.THRESHOLD and j["rule"] for j in machine)
        assert ev["disputed"] and any(d.startswith("killed:") for d in ev["disputes"])
        sources = {c["source"] for c in ev["claims"]}
        assert {"U.S. military", "Diyala police"} <= sources


def test_eventmerge_two_raids_in_one_city_on_one_day_stay_two_events(main_db):
    with Corpus(main_db) as corpus:
        where = event_of(corpus)
        mosul = [e for e in corpus.events() if e["date"] == "2008-06-02"]
    assert where["r4_mosul_police.txt:e1"] != where["r5_mosul_us.txt:e1"]
    assert len(mosul) == 2 and {e["admin1"] for e in mosul} == {"Nineveh"}


def test_eventmerge_summary_article_joins_each_original(main_db):
    with Corpus(main_db) as corpus:
        where = event_of(corpus)
    summary = sorted(k for k in where if k.startswith("r8_"))
    assert len(summary) == 5
    originals = {where[k] for k in where if not k.startswith("r8_")}
    assert all(where[k] in originals for k in summary)
    assert len({where[k] for k in summary}) == 5          # five events, not one
    assert where["r8_monthly_review.txt:e1"] == where["r1_wire_baquba.txt:e1"]
    assert where["r8_monthly_review.txt:e5"] == where["r7_kirkuk_arrest.txt:e1"]
    assert where["r10_ramadi_other.txt:e1"] != where["r6_ramadi_bomb.txt:e1"]   # a week apart


def test_eventmerge_merged_event_keeps_each_documents_own_reading(main_db, extractions):
    """The per-document export is what each document said, whatever was merged."""
    with Corpus(main_db) as corpus:
        exported = {d["doc"]: d for d in corpus.export_json()}
    for name in ("r3_weekly_baquba.txt", "r8_monthly_review.txt"):
        own = extractions[name].to_interchange()["events"]
        got = exported[name]["events"]
        for key in ("id", "type", "date", "date_precision", "killed_best", "latitude"):
            assert [e[key] for e in got] == [e[key] for e in own], (name, key)


def test_eventmerge_user_split_survives_reingest_and_new_documents(db, extractions):
    with Corpus(db) as corpus:
        baquba = event_of(corpus)["r1_wire_baquba.txt:e1"]
        kept, alone = corpus.split_event(baquba, "r3_weekly_baquba.txt:e1")
        assert alone != kept
        before = corpus.store.count("events")
        report = corpus.ingest([str(DATA / n) for n in BAQUBA], progress=False)
        assert report.stored == 0 and report.already_present == 3
        assert corpus.store.count("events") == before
        corpus.add(extractions["r9_late_baquba.txt"])                # a new report of the raid
        where = event_of(corpus)
    assert where["r3_weekly_baquba.txt:e1"] != where["r1_wire_baquba.txt:e1"]
    assert where["r1_wire_baquba.txt:e1"] == where["r2_daily_baquba.txt:e1"] \
        == where["r8_monthly_review.txt:e1"]
    assert "r9_late_baquba.txt:e1" in where


def test_eventmerge_user_merge_outranks_the_machine_and_lasts(db, extractions):
    with Corpus(db) as corpus:
        where = event_of(corpus)
        merged = corpus.merge_events(where["r10_ramadi_other.txt:e1"], where["r6_ramadi_bomb.txt:e1"])
        corpus.add(extractions["r9_late_baquba.txt"])
        after = event_of(corpus)
        ev = next(e for e in corpus.events() if e["event_id"] == merged)
    assert after["r10_ramadi_other.txt:e1"] == after["r6_ramadi_bomb.txt:e1"] \
        == after["r8_monthly_review.txt:e4"] == merged
    assert any(j["by"] == "user" and j["rule"] == "user merge" for j in ev["judgements"])
    assert ev["date"] == "2008-06-05"                 # the date most of its reports give


def test_eventmerge_split_then_merge_back_restores_one_event(db):
    with Corpus(db) as corpus:
        baquba = event_of(corpus)["r1_wire_baquba.txt:e1"]
        kept, alone = corpus.split_event(baquba, "r2_daily_baquba.txt:e1")
        corpus.merge_events(kept, alone)
        where = event_of(corpus)
    assert where["r2_daily_baquba.txt:e1"] == where["r1_wire_baquba.txt:e1"]


def test_eventmerge_bad_user_requests_are_refused(db):
    with Corpus(db) as corpus:
        where = event_of(corpus)
        with pytest.raises(EventError):
            corpus.split_event("nope:e1", "r1_wire_baquba.txt:e1")
        with pytest.raises(EventError):          # the report belongs to another event
            corpus.split_event(where["r1_wire_baquba.txt:e1"], "r7_kirkuk_arrest.txt:e1")
        with pytest.raises(EventError):          # a lone report cannot be split off
            corpus.split_event(where["r10_ramadi_other.txt:e1"], "r10_ramadi_other.txt:e1")
        with pytest.raises(EventError):
            corpus.merge_events(where["r1_wire_baquba.txt:e1"], where["r1_wire_baquba.txt:e1"])


def test_eventmerge_old_database_gains_the_new_columns(tmp_path):
    """A file written before events were merged opens, and its reports keep their reading."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TABLE events (id TEXT PRIMARY KEY, type TEXT NOT NULL, date TEXT,
            date_precision TEXT, location TEXT, admin1 TEXT, country TEXT, lat REAL, lon REAL,
            where_precision INTEGER);
        CREATE TABLE event_reports (event_id TEXT NOT NULL, doc_id TEXT NOT NULL,
            local_id TEXT NOT NULL, quote TEXT NOT NULL, char_start INTEGER NOT NULL,
            char_end INTEGER NOT NULL, date_text TEXT, actors TEXT NOT NULL DEFAULT '[]',
            targets TEXT NOT NULL DEFAULT '[]', killed_low INTEGER, killed_best INTEGER,
            killed_high INTEGER, wounded INTEGER, captured INTEGER, casualty_side_note TEXT,
            claim_source TEXT, basis TEXT, PRIMARY KEY (doc_id, local_id));
        INSERT INTO events VALUES ('d:e1', 'raid', '2008-05-13', 'day', 'baquba', 'Diyala', 'IQ',
            33.7, 44.6, 1);
        INSERT INTO event_reports (event_id, doc_id, local_id, quote, char_start, char_end)
            VALUES ('d:e1', 'd', 'e1', 'q', 0, 1);
    """)
    conn.commit()
    conn.close()
    with Corpus(path) as corpus:
        row = corpus.store.query("SELECT read_type, read_date, read_lat FROM event_reports")[0]
        assert row == {"read_type": "raid", "read_date": "2008-05-13", "read_lat": 33.7}
        assert "basis" in {r["name"] for r in corpus.store.query("PRAGMA table_info(events)")}


def test_eventmerge_old_database_gains_report_parties_backfilled(db):
    """A file written before ``report_parties`` existed gets the table, filled from
    its reports' actor/target lists, and merging finds parties through it (on
    PostgreSQL too: the migration asks the dialect which tables exist)."""
    with Corpus(db) as corpus:
        before = corpus.store.query("SELECT * FROM report_parties ORDER BY doc_id, local_id, "
                                    "entity_id, role")
        corpus.store.conn.execute("DROP TABLE report_parties")
    assert before and {r["role"] for r in before} == {"actor", "target"}
    after, plan = _parties_and_plan(db, "p.entity_id = ?")
    assert plan is None or "report_parties_entity" in plan      # an index lookup, not a scan
    assert after == before


def _parties_and_plan(db, where: str) -> tuple[list[dict], str | None]:
    """The report_parties rows, and SQLite's plan for reports of a party ``where``."""
    with Corpus(db) as corpus:
        rows = corpus.store.query("SELECT * FROM report_parties ORDER BY doc_id, local_id, "
                                  "entity_id, role")
        if corpus.store.dialect.name != "sqlite":
            return rows, None
        return rows, " ".join(r["detail"] for r in corpus.store.query(
            "EXPLAIN QUERY PLAN SELECT r.doc_id FROM report_parties p JOIN event_reports r "
            f"ON r.doc_id = p.doc_id AND r.local_id = p.local_id WHERE {where}", ("x",)))


def test_old_report_parties_gain_the_undated_column_backfilled(db):
    """A file whose ``report_parties`` predates ``undated`` gets the column, filled
    from its reports' dates (1 where the report's own date is unknown), and a
    party's undated reports are then one range of the (entity_id, undated) index."""
    body = "Gunmen of the Islamic State of Iraq raided a police post in Baquba."
    doc = Document(doc_id="undated0000000001", name="undated.txt", source="undated.txt",
                   title="undated", body=body, published=None)
    raid = Event(id="e1", type="raid", quote=body, span=Span(0, len(body), body), date=None,
                 location=None, actors=["isi"], basis="test")
    with Corpus(db) as corpus:
        corpus.add(Extraction(document=doc, events=[raid], entities=[Entity(
            "isi", "armed_group", "Islamic State of Iraq", ["Islamic State of Iraq"], "IQ",
            basis="dictionary:test")]))
        before = corpus.store.query("SELECT * FROM report_parties ORDER BY doc_id, local_id, "
                                    "entity_id, role")
        undated = {(r["doc_id"], r["local_id"]) for r in corpus.store.query(
            "SELECT doc_id, local_id FROM event_reports WHERE read_date IS NULL")}
        with corpus.store.transaction() as conn:
            conn.execute("DROP INDEX report_parties_entity_cell")
            for column in ("cell", "loc", "undated"):     # as a file from before all three
                conn.execute(f"ALTER TABLE report_parties DROP COLUMN {column}")
    assert {r["undated"] for r in before} == {0, 1}      # both kinds, or the test proves nothing
    assert all(r["undated"] == ((r["doc_id"], r["local_id"]) in undated) for r in before)
    after, plan = _parties_and_plan(db, "p.entity_id = ? AND p.undated = 1")
    assert plan is None or "report_parties_entity_cell (entity_id=? AND undated=?)" in plan
    assert after == before


def test_old_database_entities_gain_indexed_name_keys(tmp_path):
    """Entities written before name keys existed get them, and a user's spelling
    of the name (titles, "the", case) finds them through the new index."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TABLE entities (id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL,
            country TEXT, created_by TEXT NOT NULL);
        INSERT INTO entities VALUES ('mahdi_army', 'armed_group', 'the Mahdi Army', 'IQ', 'd');
        INSERT INTO entities VALUES ('qais', 'person', 'Sheikh Qais al-Khazali', 'IQ', 'd');
    """)
    conn.commit()
    conn.close()
    from ratline.store import queries
    with Corpus(path) as corpus:
        assert queries.find_entities(corpus.store, "MAHDI ARMY") == ["mahdi_army"]
        assert queries.find_entities(corpus.store, "Qais al Khazali") == ["qais"]
        plan = " ".join(r["detail"] for r in corpus.store.query(
            "EXPLAIN QUERY PLAN SELECT id FROM entities WHERE name_norm IN (?)", ("x",)))
    assert "entities_name_norm" in plan


def _one_raid(name: str, town: Entity, lat: float, lon: float) -> Extraction:
    """A document telling of one dated, placed raid by the Islamic State of Iraq."""
    body = f"Gunmen of the Islamic State of Iraq raided a police post in {town.name} on Tuesday."
    doc = Document(doc_id=f"fartown{name:0>9}", name=f"{name}.txt", source=f"{name}.txt",
                   title=name, body=body, published="2008-05-14")
    raid = Event(id="e1", type="raid", quote=body, span=Span(0, len(body), body),
                 date="2008-05-13", date_precision="day", location=town.id, admin1="Baghdad",
                 country="IQ", latitude=lat, longitude=lon, where_precision=1,
                 actors=["isi"], basis="test")
    return Extraction(document=doc, events=[raid], entities=[
        Entity("isi", "armed_group", "Islamic State of Iraq", ["Islamic State of Iraq"], "IQ",
               basis="dictionary:test"), town])


def test_far_towns_spelt_alike_are_one_place_in_the_date_window(new_db):
    """Two reports of one day whose towns are two entities ~90 km apart but spelt
    alike are "the same place" (``_places``) and merge.  The date window is
    narrowed by place (``_near``: the same town or a point within 25 km), so the
    far town is kept only by naming it and comparing the spelling; a far town of
    another name is not a candidate and does not merge."""
    # spelt alike for event merging (ratio 90) but not for entity resolution (92)
    near = Entity("jurf_nasir", "place", "Jurf Nasir", ["Jurf Nasir"], "IQ", basis="gazetteer:test")
    alike = Entity("jurf_nadir", "place", "Jurf Nadir", ["Jurf Nadir"], "IQ", basis="gazetteer:test")
    other = Entity("tarmiyah", "place", "Tarmiyah", ["Tarmiyah"], "IQ", basis="gazetteer:test")
    db = new_db("far.db")
    with Corpus(db) as corpus:
        for ex in (_one_raid("a", near, 33.06, 44.36), _one_raid("b", alike, 33.88, 44.36),
                   _one_raid("c", other, 33.67, 44.10)):
            corpus.add(ex)
        rows = corpus.store.query("SELECT d.name, r.event_id, r.read_location, r.read_lat "
                                  "FROM event_reports r JOIN documents d ON d.doc_id = r.doc_id "
                                  "ORDER BY d.name")
    where = {r["name"]: r["read_location"] for r in rows}
    event = {r["name"]: r["event_id"] for r in rows}
    assert len(set(where.values())) == 3           # three place entities, or this proves nothing
    assert abs(rows[0]["read_lat"] - rows[1]["read_lat"]) * 110 > em.NEAR_KM
    assert event["a.txt"] == event["b.txt"]
    assert event["c.txt"] != event["a.txt"]
