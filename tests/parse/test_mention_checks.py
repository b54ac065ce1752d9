"""The parse's second opinion on the finder's places: an adjective is no place."""
from __future__ import annotations

from ratline.pipeline import extract
from ratline.schema import Document


def _place_names(body: str) -> set[str]:
    doc = Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published="2016-03-22")
    return {e.name for e in extract(doc).entities if e.type == "place"}


def test_a_capitalised_adjective_is_not_a_place():
    places = _place_names("Two of the bombers have been named in Belgian media as brothers from Brussels.")
    assert "Belgian" not in places
    assert any("Brussels" in p for p in places)


def test_a_place_the_tagger_reads_as_adjective_stays_before_its_area_noun():
    places = _place_names("A combined force killed one insurgent in the Bermal district of Paktika province on Monday.")
    assert any("Bermal" in p for p in places)


def test_names_listed_before_a_plural_area_noun_are_places():
    doc = Document(doc_id="t", name="t.txt", source="t", title=None, published="2008-11-24",
                   body="Troops captured eight militants during two raids in Baghdad's Adhamiyah and "
                        "New Baghdad districts early Sunday morning.")
    kinds = {m.span.text: m.kind for m in extract(doc).mentions}
    assert kinds.get("New Baghdad") == "place"


def _extract(body: str):
    return extract(Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published="2012-11-03"))


def test_a_peoples_adjective_before_rebels_names_a_group_not_the_state():
    ex = _extract("Syrian rebels killed 28 soldiers in attacks on three army checkpoints near Saraqeb on Thursday.")
    groups = {e.id: e for e in ex.entities}
    assert "group_syrian_rebels" in groups and groups["group_syrian_rebels"].type == "armed_group"
    assert "syria" not in groups
    [event] = ex.events
    assert event.actors == ["group_syrian_rebels"]


def test_unnamed_attackers_who_act_are_a_group_of_their_own():
    ex = _extract("Four gunmen attacked tourists at Karak Castle on Sunday, killing ten people.")
    [event] = [e for e in ex.events if e.type != "other"]
    assert event.actors == ["group_unidentified_gunmen"]
    group = {e.id: e for e in ex.entities}["group_unidentified_gunmen"]
    assert group.type == "armed_group" and "Four gunmen" in group.aliases
    ambush = _extract("Sixteen soldiers were killed in an ambush by armed men near Tillia on Saturday.")
    assert "group_unidentified_armed_men" in {e.id for e in ambush.entities}


def test_unnamed_attackers_who_only_belong_somewhere_are_no_group():
    # not an act of violence; and "men" alone is nobody in particular
    ex = _extract("The kidnappers belonged to a unit of the rebel army. Men gathered at the mosque on Friday.")
    assert not [e for e in ex.entities if e.id.startswith("group_unidentified")]


def test_a_group_the_dictionary_knows_stays_that_group_before_fighters():
    ex = _extract("Taliban fighters attacked a checkpoint in Ghazni on Monday.")
    assert [e.actors for e in ex.events] == [["taliban"]]
    assert not any(e.id.startswith("group_") for e in ex.entities)


def test_a_provinces_police_is_a_force_of_its_own():
    ex = _extract("Zamfara state police spokesman Muhammad Shehu said the bandits fled on Monday.")
    forces = {e.id: e for e in ex.entities if e.type == "state_force"}
    assert forces["zamfara_state_police"].name == "Zamfara state police"
    assert any(r.predicate == "spokesman_for" and r.object == "zamfara_state_police" for r in ex.relations)


def test_a_town_named_as_where_police_acted_stays_a_town():
    ex = _extract("In Kandahar police arrested five men on Monday.")
    assert not any(e.type == "state_force" and e.name.startswith("Kandahar") for e in ex.entities)


def test_a_day_before_rebels_names_no_group():
    ex = _extract("On Thursday insurgents kidnapped 14 passengers from a minibus near Macomia.")
    assert not [e for e in ex.entities if "thursday" in e.id]
