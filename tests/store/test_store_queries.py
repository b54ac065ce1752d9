"""Reading the store back: interchange export, events, entities, dossiers, counts."""
from __future__ import annotations

import pytest

from ratline.api import Corpus


@pytest.fixture
def corpus(new_db, extraction_a, extraction_b):
    c = Corpus(new_db())
    c.add(extraction_a)
    c.add(extraction_b)
    yield c
    c.close()


def canonical_view(ex, links: dict[str, str]) -> dict:
    """The extraction's own interchange dict with local ids made canonical."""
    d = ex.to_interchange()
    ids = lambda xs: [links.get(x, x) for x in xs]  # noqa: E731
    for e in d["entities"]:
        e["id"] = links.get(e["id"], e["id"])
    for r in d["relations"]:
        r["subject"], r["object"] = links.get(r["subject"], r["subject"]), links.get(r["object"], r["object"])
    for e in d["events"]:
        e["actors"], e["targets"] = ids(e["actors"]), ids(e["targets"])
        e["location"] = links.get(e["location"], e["location"])
    for t in d["tallies"]:
        t["subject"], t["by"] = links.get(t["subject"], t["subject"]), ids(t["by"])
    return d


def test_store_export_rebuilds_the_interchange_document(corpus, extraction_a):
    exported = {d["doc"]: d for d in corpus.export_json()}
    assert set(exported) == {"a.txt", "b.txt"}
    links = {"p1": "qais_qazali"}
    expected = canonical_view(extraction_a, links)
    got = exported["a.txt"]
    assert got.keys() == expected.keys()
    key = lambda e: e["id"]  # noqa: E731
    assert sorted(got["entities"], key=key) == sorted(expected["entities"], key=key)
    for part in ("relations", "events", "tallies", "claims_in_conflict"):
        assert got[part] == expected[part], part
    for top in ("title", "published", "published_basis", "body_last_sentence", "has_comments"):
        assert got[top] == expected[top]


def test_store_events_filter_by_actor_alias_dates_and_place(corpus):
    assert len(corpus.events()) == 1
    ev = corpus.events(actor="Jaysh al-Mahdi")[0]     # an alias; the group is the target
    assert ev["target_names"] == ["Mahdi Army"] and ev["actor_names"] == ["Iraqi Security Forces"]
    assert ev["quote"] in corpus.store.query("SELECT body FROM documents WHERE name='a.txt'")[0]["body"]
    assert ev["doc"] == "a.txt" and ev["killed_best"] == 5 and len(ev["reports"]) == 1
    assert corpus.events(actor="Laith Qazali") == []
    assert len(corpus.events(since="2007-06", until="2007")) == 1     # partial dates widen
    assert corpus.events(since="2007-07-01") == []
    assert corpus.events(until="2007-06-29") == []
    for place in ("Sadr City", "baghdad", "IQ"):
        assert len(corpus.events(place=place)) == 1, place
    assert corpus.events(place="Basra") == []


def test_store_entities_list_aliases_and_document_counts(corpus):
    rows = {r["id"]: r for r in corpus.entities()}
    assert rows["mahdi_army"]["documents"] == 2
    assert "Jaysh al-Mahdi" in rows["mahdi_army"]["aliases"]
    assert [r["id"] for r in corpus.entities(kind="person")] == ["qais_qazali"]


def test_store_dossier_gives_every_fact_with_quote_and_document(corpus):
    d = corpus.dossier("the mahdi army")
    assert d["id"] == "mahdi_army"
    assert {a["alias"] for a in d["aliases"]} >= {"Mahdi Army", "Jaysh al-Mahdi"}
    jam = next(a for a in d["aliases"] if a["alias"] == "Jaysh al-Mahdi")
    assert jam["doc"] == "b.txt" and "Jaysh al-Mahdi" in jam["quote"]
    assert [(r["subject_name"], r["predicate"]) for r in d["relations"]] == [
        ("Qais Qazali", "leads"), ("Qais Qazali", "leads")]
    assert [e["role"] for e in d["events"]] == ["target"]
    assert d["tallies"][0]["role"] == "subject" and d["tallies"][0]["captured"] == 12
    for fact in d["relations"] + d["events"] + d["tallies"]:
        assert fact["quote"] and fact["doc"] in ("a.txt", "b.txt")
    assert {(link["doc"], link["rule"]) for link in d["links"]} == {
        ("a.txt", "dictionary"), ("b.txt", "dictionary")}


def test_store_dossier_by_person_title_and_unknown_name(corpus):
    assert corpus.dossier("Mr. Qais Qazali")["id"] == "qais_qazali"
    with pytest.raises(KeyError):
        corpus.dossier("Nobody Atall")


def test_store_summary_counts(corpus):
    s = corpus.summary()
    assert (s["documents"], s["events"], s["relations"], s["tallies"]) == (2, 1, 2, 1)
    assert s["entities_by_type"]["person"] == 1
