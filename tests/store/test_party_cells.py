"""The shared-party block narrowed by place on the index (``report_parties.loc``
and ``cell``): the same candidates as reading every report of the party, and an
older database gains the columns, filled from its reports, when opened."""
from __future__ import annotations

import hashlib

import pytest

from ratline.api import Corpus
from ratline.schema import Document, Entity, Event, Extraction, Span
from ratline.store import candidates
from ratline.store.eventmerge import load_reports
from ratline.store.rows import ANYWHERE, CELL_DEG, grid_cell, place_cell

# (town id, name, lat, lon, where_precision): a party's reports in its town, a
# town within NEAR_KM, far towns of the country, a far town the resolver takes for
# Baquba (the same place id at a far point), a far town renamed Baqubah (spelt like
# Baquba: ``_places`` takes it for the same place), a province, and no point at all.
TOWNS = [
    ("baquba", "Baquba", 33.754, 44.605, 1),
    ("khalis", "Khalis", 33.808, 44.533, 1),            # ~9 km away
    ("mosul", "Mosul", 36.335, 43.119, 1),
    ("basra", "Basra", 30.508, 47.783, 1),
    ("baqouba", "Baqouba", 31.0, 46.0, 1),              # far; resolved to baquba
    ("zubayr", "Zubayr", 30.39, 47.70, 1),              # far; renamed Baqubah below
    ("diyala", "Diyala", 33.9, 45.0, 4),                # a province: kept anywhere
    ("hamlet", "Umm Hamlet", None, None, 2),            # no point: kept anywhere
]
def _doc(i: int, town: tuple, date: str | None) -> Extraction:
    tid, name, lat, lon, precision = town
    body = f"Police raided a house in {name} and detained {i + 2} suspects, report {i}."
    doc = Document(doc_id=hashlib.sha256(body.encode()).hexdigest()[:16], name=f"d{i}.txt",
                   source=f"d{i}.txt", title=f"d{i}", body=body, published="2008-05-20")
    ents = [Entity("police", "state_force", "Iraqi Police", ["Police"], "IQ", basis="dictionary:test"),
            Entity(tid, "place", name, [name], "IQ", basis="gazetteer")]
    raid = Event(id="e1", type="raid", quote=body, span=Span(0, len(body), body), date=date,
                 date_precision="day" if date else None, location=tid, country="IQ",
                 latitude=lat, longitude=lon, where_precision=precision, actors=["police"],
                 basis="test")
    return Extraction(document=doc, events=[raid], entities=ents)


def _build(db) -> None:
    with Corpus(db) as corpus:
        i = 0
        for town in TOWNS:
            for date in ("2008-05-13", None, "2008-06-02"):
                corpus.add(_doc(i, town, date))
                i += 1
        with corpus.store.transaction() as conn:
            conn.execute("UPDATE entities SET name = 'Baqubah' WHERE id = 'zubayr'")
        places = {r["doc"]: r["read_location"] for r in corpus.store.query(
            "SELECT d.name AS doc, r.read_location FROM event_reports r "
            "JOIN documents d ON d.doc_id = r.doc_id")}
    assert {places[f"d{i}.txt"] for i in (12, 13, 14)} == {"baquba"}     # Baqouba's
    assert {places[f"d{i}.txt"] for i in (15, 16, 17)} == {"zubayr"}


def _town(rep) -> str:
    """TOWNS' name of the town a report was written in."""
    return TOWNS[int(rep.doc[1:-4]) // 3][1]


def _candidates(db, narrowed: bool, monkeypatch) -> dict[str, set[str]]:
    if not narrowed:
        monkeypatch.setattr(candidates, "_cells", lambda box: None)   # every report of the party
    try:
        with Corpus(db) as corpus:
            conn = corpus.store.conn
            reps = load_reports(conn, "1 = 1", [])
            return {key: candidates.candidate_keys(conn, rep) for key, rep in reps.items()}
    finally:
        monkeypatch.undo()


def test_place_cell_keeps_what_near_keeps_whatever_the_box():
    assert place_cell(None, 33.7, 44.6, 1) == ANYWHERE
    assert place_cell("x", None, 44.6, 1) == ANYWHERE
    assert place_cell("x", 33.7, 44.6, None) == ANYWHERE
    assert place_cell("x", 33.7, 44.6, 4) == ANYWHERE and place_cell("x", 33.7, 44.6, 0) == ANYWHERE
    assert place_cell("x", float("nan"), 44.6, 1) == ANYWHERE
    assert place_cell("x", 2 ** 70, 44.6, 1) == ANYWHERE            # stored as NULL
    assert place_cell("x", 33.7, 44.6, 1) == grid_cell(33.7, 44.6) != ANYWHERE
    # a cell is CELL_DEG wide: a point on either side of a boundary is in two cells
    assert grid_cell(33.0 - 1e-9, 44.1) != grid_cell(33.0, 44.1)
    assert grid_cell(33.0, 44.1) == grid_cell(33.0 + CELL_DEG / 2, 44.1)


def test_cells_cover_every_point_of_the_box():
    box = (33.5, 34.0, 44.3, 44.9)
    cells = set(candidates._cells(box))
    for k in range(101):
        for m in range(101):
            lat, lon = box[0] + (box[1] - box[0]) * k / 100, box[2] + (box[3] - box[2]) * m / 100
            assert grid_cell(lat, lon) in cells
    assert candidates._cells((10.0, 80.0, 0.0, 100.0)) is None        # too many to list


def test_party_block_on_the_index_finds_what_reading_every_report_found(new_db, monkeypatch):
    db = new_db("cells.db")
    _build(db)
    with Corpus(db) as corpus:
        cells = {r["loc"]: r["cell"] for r in corpus.store.query(
            "SELECT DISTINCT p.loc, p.cell FROM report_parties p WHERE p.loc != 'baquba'")}
    assert cells["diyala"] == ANYWHERE and cells["umm_hamlet"] == ANYWHERE
    assert len({cells[t] for t in ("khalis", "mosul", "basra", "zubayr")}) == 4
    narrowed, full = _candidates(db, True, monkeypatch), _candidates(db, False, monkeypatch)
    assert narrowed == full
    with Corpus(db) as corpus:
        reps = load_reports(corpus.store.conn, "1 = 1", [])
    for key, rep in reps.items():
        if _town(rep) == "Baquba" and not rep.date:
            found = {_town(reps[k]) for k in narrowed[key]}
    # the near town, the far reports of Baquba's id and of a town spelt alike
    # (through the far cells' towns), the province, the pointless hamlet; not
    # Mosul or Basra
    assert found == {"Baquba", "Khalis", "Baqouba", "Zubayr", "Diyala", "Umm Hamlet"}


def test_old_report_parties_gain_loc_and_cell_backfilled(new_db, monkeypatch):
    """A database whose ``report_parties`` predates ``loc`` and ``cell`` (and the
    index over them) gets both when opened, filled from its reports, and gives the
    same candidates."""
    db = new_db("old.db")
    _build(db)
    with Corpus(db) as corpus:
        before = corpus.store.query("SELECT * FROM report_parties ORDER BY doc_id, local_id, "
                                    "entity_id, role")
    expected = _candidates(db, True, monkeypatch)
    with Corpus(db) as corpus:
        with corpus.store.transaction() as conn:
            conn.execute("DROP INDEX report_parties_entity_cell")
            conn.execute("ALTER TABLE report_parties DROP COLUMN cell")
            conn.execute("ALTER TABLE report_parties DROP COLUMN loc")
            conn.execute("CREATE INDEX report_parties_entity_undated ON report_parties "
                         "(entity_id, undated)")
    assert {r["cell"] for r in before} - {ANYWHERE} and ANYWHERE in {r["cell"] for r in before}
    with Corpus(db) as corpus:
        after = corpus.store.query("SELECT * FROM report_parties ORDER BY doc_id, local_id, "
                                   "entity_id, role")
        indexes = _indexes(corpus)
    assert after == before
    assert "report_parties_entity_cell" in indexes and "report_parties_entity_undated" not in indexes
    assert _candidates(db, True, monkeypatch) == expected


def _indexes(corpus) -> set[str]:
    if corpus.store.dialect.name == "sqlite":
        sql = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'report_parties'"
    else:
        sql = "SELECT indexname AS name FROM pg_indexes WHERE tablename = 'report_parties'"
    return {r["name"] for r in corpus.store.query(sql)}


@pytest.mark.parametrize("narrowed", [True])
def test_a_far_row_is_not_read_from_event_reports(new_db, narrowed):
    """SQLite's plan: the party's rows in the box's cells come from the index range
    (entity_id, undated, cell), not every row of the party."""
    db = new_db("plan.db")
    _build(db)
    with Corpus(db) as corpus:
        if corpus.store.dialect.name != "sqlite":
            pytest.skip("SQLite's plan")
        plan = " ".join(r["detail"] for r in corpus.store.query(
            "EXPLAIN QUERY PLAN SELECT r.doc_id FROM report_parties p JOIN event_reports r "
            "ON r.doc_id = p.doc_id AND r.local_id = p.local_id "
            "WHERE p.entity_id IN (?) AND p.undated = 1 AND p.cell IN (?, ?, ?)", ("x", -1, 1, 2)))
    assert "report_parties_entity_cell (entity_id=? AND undated=? AND cell=?)" in plan
