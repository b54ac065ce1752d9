"""ACLED-style CSV, UCDP GED-style CSV and GeoJSON exports of the merged events:
they parse, carry ACLED's 31 columns, and their fields mean what the formats say."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from ratline.api import Corpus
from ratline.cli import main
from ratline.export.acled import COLUMNS as ACLED_COLUMNS
from ratline.export.acled import acled_type, geo_precision
from ratline.schema import Document, Entity, Event, Extraction, Span

ACLED_31 = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]

ENTS = {
    "iraqi_army": ("state_force", "Iraqi Army", "IQ"),
    "us_military": ("state_force", "US military", "US"),
    "aqi": ("armed_group", "al-Qaeda in Iraq", "IQ"),
    "p_hamid": ("person", "Hamid al-Khazraji", "IQ"),
    "baquba": ("place", "Baquba", "IQ"),
    "ramadi": ("place", "Ramadi", "IQ"),
}
PLACES = {"baquba": (33.754, 44.605, "Diyala"), "ramadi": (33.421, 43.308, "Anbar")}


def report(name: str, published: str, items: list[dict]) -> Extraction:
    body = " ".join(i["text"] for i in items)
    doc = Document(name, name, name, f"Title of {name}", body, published=published)
    used = {x for i in items for x in i.get("actors", []) + i.get("targets", []) + [i.get("place")] if x}
    ents = [Entity(k, ENTS[k][0], ENTS[k][1], [], ENTS[k][2], basis="dictionary:test") for k in sorted(used)]
    out = Extraction(document=doc, entities=ents)
    for n, i in enumerate(items, 1):
        start = body.index(i["text"])
        lat, lon, admin1 = PLACES.get(i.get("place"), (None, None, None))
        out.events.append(Event(
            f"e{n}", i["type"], i["text"], Span(start, start + len(i["text"]), i["text"]),
            date=i["date"], date_precision=i.get("precision", "day"), location=i.get("place"),
            admin1=admin1, country="IQ" if i.get("place") else None, latitude=lat, longitude=lon,
            where_precision=1 if lat is not None else None, actors=i.get("actors", []),
            targets=i.get("targets", []), killed_low=i.get("killed"), killed_best=i.get("killed"),
            killed_high=i.get("killed"), wounded=i.get("wounded"), captured=i.get("captured"),
            claim_source=i.get("source")))
    return out


RAID = dict(type="raid", date="2008-05-13", place="baquba", actors=["iraqi_army", "us_military"],
            targets=["aqi"])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    db = tmp_path_factory.mktemp("exp") / "e.db"
    with Corpus(db) as c:
        c.add(report("wire.txt", "2008-05-14", [
            {**RAID, "text": "Troops raided a hideout in Baquba, killing 12.", "killed": 12,
             "captured": 5, "source": "U.S. military"},
            {"type": "arrest", "date": "2008-06-08", "place": "ramadi", "actors": ["iraqi_army"],
             "targets": ["p_hamid"], "text": "Soldiers arrested Hamid in Ramadi.", "captured": 1},
        ]))
        c.add(report("daily.txt", "2008-05-15", [
            {**RAID, "text": "Fourteen gunmen died in the Baquba raid.", "killed": 14,
             "source": "police"},
            {"type": "ied_attack", "date": "2008-05-01", "precision": "month", "place": "ramadi",
             "targets": ["iraqi_army"], "text": "A roadside bomb in Ramadi killed soldiers in May.",
             "source": "an officer"},
        ]))
    c = Corpus(db)
    yield c
    c.close()


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_event_exports_acled_has_its_31_columns_and_parses(corpus):
    text = corpus.export("acled")
    assert tuple(ACLED_31) == ACLED_COLUMNS and len(ACLED_COLUMNS) == 31
    assert next(csv.reader(io.StringIO(text))) == ACLED_31
    got = rows(text)
    assert len(got) == 3 and all(len(r) == 31 for r in got)      # the raid once, not twice


def test_event_exports_acled_fields_mean_what_acled_says(corpus):
    got = {r["event_type"]: r for r in rows(corpus.export("acled"))}
    raid = got["Battles"]
    assert raid["sub_event_type"] == "Armed clash" and raid["disorder_type"] == "Political violence"
    assert raid["fatalities"] == "12"            # ACLED fatalities = our best (median of 12, 14)
    assert "fatalities high=14" in raid["tags"] and "reports=2" in raid["tags"]
    assert (raid["time_precision"], raid["geo_precision"]) == ("1", "1")
    assert (raid["iso"], raid["country"], raid["region"]) == ("368", "Iraq", "Middle East")
    assert raid["actor1"] == "Iraqi Army" and raid["inter1"] == "1"
    assert raid["assoc_actor_1"] == "US military"
    assert raid["actor2"] == "al-Qaeda in Iraq" and raid["inter2"] == "2" and raid["interaction"] == "12"
    assert raid["event_id_cnty"].startswith("IRQ-") and raid["admin1"] == "Diyala"
    assert "U.S. military (wire.txt)" in raid["source"] and "police (daily.txt)" in raid["source"]
    arrest = got["Strategic developments"]
    assert arrest["sub_event_type"] == "Arrests" and arrest["fatalities"] == ""   # unknown is not 0
    assert "fatalities not reported" in arrest["tags"]
    assert arrest["actor2"] == "Civilians (Iraq)" and arrest["assoc_actor_2"] == "Hamid al-Khazraji"
    bomb = got["Explosions/Remote violence"]
    assert bomb["sub_event_type"] == "Remote explosive/landmine/IED" and bomb["time_precision"] == "3"
    assert float(bomb["latitude"]) == pytest.approx(33.421) and float(bomb["longitude"]) == pytest.approx(43.308)


@pytest.mark.parametrize("event, expected", [
    ({"type": "raid", "captured": 3}, ("Strategic developments", "Strategic developments", "Arrests")),
    ({"type": "raid", "killed_best": 2}, ("Political violence", "Battles", "Armed clash")),
    ({"type": "airstrike"}, ("Political violence", "Explosions/Remote violence", "Air/drone strike")),
    ({"type": "kidnapping"}, ("Political violence", "Violence against civilians",
                              "Abduction/forced disappearance")),
    ({"type": "release"}, ("Strategic developments", "Strategic developments", "Other")),
])
def test_event_exports_acled_type_mapping(event, expected):
    assert acled_type(event) == expected


@pytest.mark.parametrize("where_prec, acled", [(1, 1), (2, 2), (3, 2), (4, 3), (6, 3), (None, None)])
def test_event_exports_acled_geo_precision_from_where_prec(where_prec, acled):
    assert geo_precision(where_prec) == acled


def test_event_exports_ged_best_low_high_and_precision_codes(corpus):
    got = {r["year"] + r["date_start"]: r for r in rows(corpus.export("ged"))}
    raid = got["20082008-05-13"]
    assert (raid["best"], raid["low"], raid["high"]) == ("12", "12", "14")
    assert raid["deaths_unknown"] == "12" and raid["number_of_sources"] == "2"
    assert (raid["date_prec"], raid["date_end"], raid["where_prec"]) == ("1", "2008-05-13", "1")
    assert raid["type_of_violence"] == "1" and raid["event_clarity"] == "1"
    assert raid["geom_wkt"].startswith("POINT (44.605")           # WKT is lon lat
    bomb = got["20082008-05-01"]
    assert (bomb["date_prec"], bomb["date_end"], bomb["best"]) == ("4", "2008-05-31", "")


def test_event_exports_geojson_points_are_lon_lat_with_properties(corpus):
    data = json.loads(corpus.export("geojson"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 3
    raid = next(f for f in data["features"] if f["properties"]["type"] == "raid")
    assert raid["geometry"]["type"] == "Point"
    assert raid["geometry"]["coordinates"] == pytest.approx([44.605, 33.754])
    props = raid["properties"]
    assert (props["killed_low"], props["killed_best"], props["killed_high"]) == (12, 12, 14)
    assert props["where_precision"] == 1 and len(props["reports"]) == 2
    assert all(r["quote"] and r["doc"] for r in props["reports"])


def test_event_exports_cli_writes_each_format(corpus, tmp_path):
    runner = CliRunner()
    for fmt in ("acled", "ged", "geojson", "json"):
        out = tmp_path / f"x.{fmt}"
        res = runner.invoke(main, ["--db", corpus.db_path, "export", "--format", fmt, "--out", str(out)])
        assert res.exit_code == 0, res.output
        text = out.read_text(encoding="utf-8")
        if fmt in ("geojson", "json"):
            json.loads(text)
        else:
            assert len(rows(text)) == 3
