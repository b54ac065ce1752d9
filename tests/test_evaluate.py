"""ratline.evaluate: hand-computed cases, and agreement with the shared reference scorer."""
from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from ratline.evaluate import (
    MEASURES, format_report, measures, name_key, score_dirs, score_document, score_documents,
)

REPO = Path(__file__).parents[1]
REFERENCE = Path(__file__).parents[1] / ".." / "shared" / "tools" / "score_extraction.py"
SHARED_GOLD = REPO / ".." / "shared" / "corpus" / "gold"
OWN_GOLD = REPO / "tests" / "data" / "gold_own"


# ---------------------------------------------------------------- a worked example
#
# One gold document and one prediction, scored by hand below.

GOLD = {
    "doc": "example.txt", "published": "2011-03-03", "has_comments": False,
    "entities": [
        {"id": "isaf", "type": "state_force", "name": "ISAF",
         "aliases": ["International Security Assistance Force", "coalition"]},
        {"id": "taliban", "type": "armed_group", "name": "Taliban",
         "aliases": ["Islamic Emirate of Afghanistan"]},
        {"id": "jelawur", "type": "place", "name": "Jelawur", "aliases": []},
        {"id": "zhari", "type": "place", "name": "Zhari", "aliases": ["Zhari district"]},
        {"id": "rahim", "type": "person", "name": "Abdul Rahim",
         "aliases": ["Abdur Rahim", "Abu Hamza"]},
    ],
    "events": [
        {"id": "g0", "type": "raid", "date": "2011-03-02", "date_precision": "day",
         "location": "jelawur", "actors": ["isaf"], "killed_best": 9, "wounded": None, "captured": 4},
        {"id": "g1", "type": "arrest", "date": "2011-02-28", "date_precision": "day",
         "location": "zhari", "actors": ["isaf"], "killed_best": None, "wounded": None, "captured": 2},
        {"id": "g2", "type": "other", "date": "2011-03-01", "date_precision": "week",
         "location": None, "actors": ["taliban"], "killed_best": None, "wounded": None, "captured": None},
    ],
    "relations": [
        {"subject": "rahim", "predicate": "commands", "object": "taliban"},
        {"subject": "rahim", "predicate": "leads", "object": "taliban"},   # same triple once synonyms fold
        {"subject": "rahim", "predicate": "member_of", "object": "taliban"},
    ],
    "tallies": [
        {"subject": "taliban", "since": "2010-06-01", "killed": 600, "captured": 2000},
        {"subject": "taliban", "since": "2011-01-01", "killed": 94, "captured": None},
    ],
}

PRED = {
    "doc": "example.txt", "published": "2011-03-06",  # three days late: still right
    # has_comments missing: not equal to gold's False
    "entities": [
        {"id": "E1", "name": "International Security Assistance Force", "aliases": ["coalition"]},
        {"id": "E2", "name": "Jelawur"},
        {"id": "E3", "name": "Kabul"},
    ],
    "events": [
        # g0: one day off (day precision allows 1), raid~airstrike, killed right, captured wrong
        {"type": "airstrike", "date": "2011-03-03", "location": "E2", "actors": ["E1"],
         "killed_best": 9, "captured": 3},
        # g1: place given as a bare alias, no actors
        {"type": "arrest", "date": "2011-02-28", "location": "Zhari district", "actors": [], "captured": 2},
        # g2: five days off, week precision allows 7
        {"type": "other", "date": "2011-03-06", "location": None, "actors": ["Taliban"]},
        # spurious: wrong place for g0, too far for g1 (day precision)
        {"type": "raid", "date": "2011-03-02", "location": "Kabul"},
    ],
    "relations": [
        {"subject": "Abu Hamza", "predicate": "leads", "object": "Taliban"},
        {"subject": "Abdur Rahim", "predicate": "supports", "object": "Taliban"},
        {"subject": "Abu Hamza", "predicate": "leads", "object": "Taliban"},  # a repeat pairs only once
    ],
    "tallies": [
        {"subject": "Islamic Emirate of Afghanistan", "killed": 94, "captured": None},
        {"subject": "taliban", "killed": 600, "captured": 2001},
    ],
}

EXPECTED = {
    # pairs: g0-p0, g1-p1, g2-p2; p3 spurious
    "events": {"tp": 3, "pred": 4, "gold": 3, "p": 0.75, "r": 1.0, "f1": 0.857},
    # without "other": g0-p0, g1-p1 among 3 predictions
    "events_core": {"tp": 2, "pred": 3, "gold": 2, "p": 0.667, "r": 1.0, "f1": 0.8},
    "event_fields": {
        "type": [2, 3],          # airstrike != raid
        "date": [2, 3],          # g0 one day off is wrong at day precision
        "killed_best": [1, 1],
        "wounded": [0, 0],
        "captured": [1, 2],      # 3 != 4
        "actors": [2, 3],        # g1 predicted no actors
    },
    # two distinct gold triples; one predicted triple is right
    "relations": {"tp": 1, "pred": 3, "gold": 2, "p": 0.333, "r": 0.5, "f1": 0.4},
    # ISAF and Jelawur found; Kabul matches nothing
    "entities": {"found": 2, "gold": 5, "pred": 3, "pred_matching_gold": 2},
    # pairs: isaf 3, taliban 1, jelawur 0, zhari 1, rahim 3 = 8; E1 keeps coalition+full name
    "alias_pairs": [1, 8],
    # 94/None matches; 600/2001 does not
    "tallies": {"tp": 1, "pred": 2, "gold": 2, "p": 0.5, "r": 0.5, "f1": 0.5},
    "published": [1, 1],
    "has_comments": [0, 1],
}


def test_evaluate_worked_example_document():
    assert score_document(GOLD, PRED) == EXPECTED


def test_evaluate_worked_example_totals_equal_document():
    assert score_documents([(GOLD, PRED)]) == EXPECTED


def test_evaluate_micro_average_sums_before_ratios():
    lone_gold = {"published": "2011-03-09", "has_comments": True,
                 "events": [{"type": "release", "date": "2011-03-06", "date_precision": "day"}]}
    totals = score_documents([(GOLD, PRED), (lone_gold, {})])
    assert totals["events"] == {"tp": 3, "pred": 4, "gold": 4, "p": 0.75, "r": 0.75, "f1": 0.75}
    assert totals["events_core"] == {"tp": 2, "pred": 3, "gold": 3, "p": 0.667, "r": 0.667, "f1": 0.667}
    assert totals["published"] == [1, 2]
    assert totals["has_comments"] == [0, 2]
    # the second document adds no entities, relations or tallies
    assert totals["relations"] == EXPECTED["relations"]


@pytest.mark.parametrize("text, key", [
    ("Jaysh al-Mahdi", "jaysh mahdi"),
    ("Jaysh Al Mahdi", "jaysh mahdi"),
    ("the Islamic State", "islamic state"),
    ("Ségou", "segou"),
    ("Iran’s Qods Force", "irans qods force"),
    ("Kata'ib Hezbollah", "kataib hezbollah"),
    ("Abu Bakr al-Baghdadi", "abu bakr baghdadi"),
    ("Osama bin Laden", "osama bin laden"),
    ("  --  ", ""),
])
def test_evaluate_name_key_folds_particles_and_accents(text, key):
    assert name_key(text) == key


def _one_event(date, precision="day", location=None, **extra):
    return {"type": "raid", "date": date, "date_precision": precision, "location": location, **extra}


@pytest.mark.parametrize("precision, days_off, pairs", [
    ("day", 1, True), ("day", 2, False),
    ("week", 7, True), ("week", 8, False),
    ("month", 31, True), ("month", 32, False),
    ("year", 366, True), ("year", 367, False),
])
def test_evaluate_event_date_slack_follows_gold_precision(precision, days_off, pairs):
    base = dt.date(2010, 6, 1)
    gold = {"events": [_one_event(base.isoformat(), precision)]}
    pred = {"events": [_one_event((base + dt.timedelta(days=days_off)).isoformat())]}
    assert score_document(gold, pred)["events"]["tp"] == int(pairs)


def test_evaluate_undated_prediction_never_pairs_with_dated_gold():
    gold = {"events": [_one_event("2010-06-01")]}
    assert score_document(gold, {"events": [_one_event(None)]})["events"]["tp"] == 0
    # the other way round is allowed: gold without a date pairs with anything dated
    assert score_document({"events": [_one_event(None)]},
                          {"events": [_one_event("1999-01-01")]})["events"]["tp"] == 1


def test_evaluate_event_place_must_share_a_name():
    gold = {"entities": [{"id": "amarah", "name": "Amarah", "aliases": ["Amara"]}],
            "events": [_one_event("2007-06-18", location="amarah")]}
    for place, hit in (("Amara", 1), ("AMARAH", 1), ("Basrah", 0), (None, 0)):
        pred = {"events": [_one_event("2007-06-18", location=place)]}
        assert score_document(gold, pred)["events"]["tp"] == hit, place


def test_evaluate_events_pair_best_points_first():
    # two gold events at one place and day; the prediction with the right figure
    # goes to the gold event that has that figure
    gold = {"events": [_one_event("2010-01-05", killed_best=None),
                       _one_event("2010-01-05", killed_best=7)]}
    pred = {"events": [_one_event("2010-01-05", killed_best=7)]}
    res = score_document(gold, pred)
    assert res["events"]["tp"] == 1
    assert res["event_fields"]["killed_best"] == [1, 1]


def test_evaluate_events_core_drops_other_on_both_sides():
    gold = {"events": [_one_event("2010-01-05"), {**_one_event("2010-01-05"), "type": "other"}]}
    pred = {"events": [{**_one_event("2010-01-05"), "type": "other"}]}
    res = score_document(gold, pred)
    assert res["events"]["tp"] == 1           # the statement pairs with something in "events"
    assert res["events_core"] == {"tp": 0, "pred": 0, "gold": 1, "p": 0.0, "r": 0.0, "f1": 0.0}


def test_evaluate_empty_sides_are_perfect_not_undefined():
    res = score_document({}, {})
    assert res["events"] == {"tp": 0, "pred": 0, "gold": 0, "p": 1.0, "r": 1.0, "f1": 1.0}
    assert res["published"] == [0, 0]
    assert res["has_comments"] == [1, 1]        # None == None
    assert score_documents([]) == {}


def test_evaluate_tally_needs_both_figures_equal():
    gold = {"tallies": [{"killed": 47, "captured": 88}]}
    assert score_document(gold, {"tallies": [{"killed": 47, "captured": 88}]})["tallies"]["tp"] == 1
    assert score_document(gold, {"tallies": [{"killed": 47, "captured": None}]})["tallies"]["tp"] == 0


def test_evaluate_measures_cover_the_known_names():
    flat = measures(score_documents([(GOLD, PRED)]))
    assert tuple(flat) == MEASURES
    assert flat["events.f1"] == 0.857
    assert flat["entities.recall"] == 0.4
    assert flat["entities.precision"] == 0.667
    assert flat["alias_pairs"] == 0.125
    assert flat["fields.wounded"] == 1.0        # nothing to check counts as right
    assert flat["has_comments"] == 0.0
    assert all(0.0 <= v <= 1.0 for v in flat.values())


def test_evaluate_format_report_layout():
    text = format_report(score_documents([(GOLD, PRED)]))
    lines = text.splitlines()
    assert lines[0] == "events_core P=0.667 R=1.000 F1=0.800  (tp 2, pred 3, gold 2)"
    assert lines[1] == "events      P=0.750 R=1.000 F1=0.857  (tp 3, pred 4, gold 3)"
    assert "entities   found 2/5 gold; 2/3 predicted match a gold entity" in lines
    assert "aliases    1/8 gold alias pairs kept together" in lines
    assert "  matched events, captured    right 1/2" in lines
    assert lines[-1] == "published  1/1 within 3 days; has_comments 0/1"
    # an empty total still prints the area, entity, alias and date lines
    assert len(format_report({}).splitlines()) == 7


def test_evaluate_score_dirs_treats_missing_prediction_as_empty(tmp_path):
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    gold_dir.mkdir()
    pred_dir.mkdir()
    (gold_dir / "a.json").write_text(json.dumps(GOLD), encoding="utf-8")
    (gold_dir / "b.json").write_text(json.dumps(GOLD), encoding="utf-8")
    (pred_dir / "a.json").write_text(json.dumps(PRED), encoding="utf-8")
    misses: list[str] = []
    totals = score_dirs(gold_dir, pred_dir, misses)
    assert totals["events"]["gold"] == 6 and totals["events"]["tp"] == 3
    assert "b.json" in misses
    assert any(m.startswith("  missed relation: rahim member_of taliban") for m in misses)


# ---------------------------------------------------------------- cross-check with the reference

def _fabricate(gold_dir: Path, out: Path, change) -> Path:
    """Write change(gold, index) for each gold file into ``out``; None leaves the file out."""
    out.mkdir(parents=True)
    for i, f in enumerate(sorted(gold_dir.glob("*.json"))):
        doc = change(copy.deepcopy(json.loads(f.read_text(encoding="utf-8"))), i)
        if doc is not None:
            (out / f.name).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return out


def _drop_events(doc, _index):
    doc["events"] = [e for i, e in enumerate(doc["events"]) if i % 2 == 0 and e.get("type") != "other"]
    doc["relations"] = doc["relations"][::3]
    return doc


def _change_numbers(doc, _index):
    for e in doc["events"]:
        if e.get("killed_best") is not None:
            e["killed_best"] += 1
        e["captured"] = None
        e["wounded"] = e.get("wounded") or 2
    for t in doc["tallies"][:1]:
        t["killed"] = (t.get("killed") or 0) + 1
    return doc


def _rename_and_trim(doc, _index):
    ids = {e["id"]: e["name"] for e in doc["entities"]}
    for i, e in enumerate(doc["entities"]):
        e["id"] = f"ent{i}"
        e["aliases"] = e["aliases"][:1]
    for e in doc["events"]:
        e["location"] = ids.get(e.get("location"), e.get("location"))
        e["actors"] = [ids.get(a, a) for a in e.get("actors") or []]
    for r in doc["relations"]:
        r["subject"], r["object"] = ids.get(r["subject"]), ids.get(r["object"])
        if r["predicate"] == "leads":
            r["predicate"] = "commands"
    for t in doc["tallies"]:
        t["subject"] = ids.get(t.get("subject"))
    return doc


def _shift_dates(doc, _index):
    for e in doc["events"]:
        if e.get("date"):
            e["date"] = (dt.date.fromisoformat(e["date"]) + dt.timedelta(days=2)).isoformat()
        e["type"] = {"raid": "armed_clash", "arrest": "raid"}.get(e.get("type"), e.get("type"))
    if doc.get("published"):
        doc["published"] = (dt.date.fromisoformat(doc["published"]) + dt.timedelta(days=4)).isoformat()
    doc["has_comments"] = not doc.get("has_comments")
    return doc


def _drop_every_other_file(doc, index):
    return None if index % 2 else doc


FABRICATIONS = {
    "gold_as_pred": lambda doc, _index: doc,
    "events_removed": _drop_events,
    "numbers_changed": _change_numbers,
    "ids_renamed_aliases_cut": _rename_and_trim,
    "dates_shifted": _shift_dates,
    "files_missing": _drop_every_other_file,
    "empty_documents": lambda doc, _index: {},
}


def _gold_dirs():
    return [pytest.param(d, id=d.name) for d in (SHARED_GOLD, OWN_GOLD)]


@pytest.mark.parametrize("gold_dir", _gold_dirs())
@pytest.mark.parametrize("name", sorted(FABRICATIONS))
def test_evaluate_agrees_with_reference_scorer(tmp_path, gold_dir, name):
    if not REFERENCE.exists():
        pytest.skip(f"reference scorer not found at {REFERENCE}")
    if not any(gold_dir.glob("*.json")):
        pytest.skip(f"no gold files in {gold_dir}")
    pred_dir = _fabricate(gold_dir, tmp_path / name, FABRICATIONS[name])
    run = subprocess.run([sys.executable, str(REFERENCE), str(gold_dir), str(pred_dir), "--json"],
                         capture_output=True, text=True, check=True)
    assert score_dirs(gold_dir, pred_dir) == json.loads(run.stdout)


def test_evaluate_gold_against_itself_is_perfect():
    if not any(SHARED_GOLD.glob("*.json")):
        pytest.skip("shared gold not present")
    flat = measures(score_dirs(SHARED_GOLD, SHARED_GOLD))
    assert set(flat.values()) == {1.0}
