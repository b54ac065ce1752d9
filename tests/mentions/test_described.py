"""Organisations a report describes instead of naming (mentions/described.py)."""
from __future__ import annotations

import pytest

from ratline.mentions.dictionary import default_dictionary
from ratline.mentions.finder import DocMentions, MentionFinder
from ratline.pipeline import extract
from ratline.schema import Document


@pytest.fixture(scope="module")
def finder() -> MentionFinder:
    return MentionFinder(default_dictionary(), gazetteer=None)


def _doc(body: str) -> Document:
    return Document(doc_id="t", name="t.txt", source="t", title=None, body=body)


def _find(f: MentionFinder, body: str) -> DocMentions:
    dm = f.find(_doc(body))
    for m in dm.mentions:
        assert body[m.span.start:m.span.end] == m.span.text
    return dm


def _triples(body: str) -> set[tuple[str, str, str]]:
    return {(r.subject, r.predicate, r.object) for r in extract(_doc(body)).relations}


# -- an office or militia of a named person ------------------------------------------------

def test_owned_office_is_an_organisation_led_by_the_person(finder):
    body = "Colonel Hadi Jaber said on Monday that Abdul Karim Nasser’s office in Hilla had denied the claim."
    dm = _find(finder, body)
    office = [m for m in dm.mentions if m.basis == "pattern:owned-organisation"]
    assert [m.span.text for m in office] == ["office"]
    ent = dm.entities[office[0].key]
    assert "Abdul Karim Nasser’s office" in ent.aliases and ent.type == "other"
    person = next(m.key for m in dm.mentions if m.span.text == "Abdul Karim Nasser")
    assert (person, "leads", office[0].key) in _triples(body)


def test_owned_office_is_the_reports_office_bearing_that_name(finder):
    body = ("Abdul Karim Nasser’s office in Hilla denied the claim. Police later searched the Office of the "
            "Martyr Nasser in Kufa.")
    dm = _find(finder, body)
    keys = {m.key for m in dm.mentions if "ffice" in m.span.text}
    assert len(keys) == 1


def test_owned_militia_is_an_armed_group(finder):
    dm = _find(finder, "Fighters loyal to Salim Barzani said Salim Barzani’s militia had left the town.")
    militia = [m for m in dm.mentions if m.basis == "pattern:owned-organisation"]
    assert militia and militia[0].kind == "armed_group"


def test_possessive_before_an_ordinary_noun_is_no_organisation(finder):
    dm = _find(finder, "Abdul Karim Nasser’s house in Hilla was searched.")
    assert not [m for m in dm.mentions if m.basis == "pattern:owned-organisation"]


# -- a description set beside a named unit -------------------------------------------------

def test_hedged_apposition_makes_the_description_the_unit_and_part_of_its_opener(finder):
    body = ("French special forces, probably the commandos of Task Force Takuba, came under fire near "
            "Menaka, while Malian troops held the road.")
    dm = _find(finder, body)
    apposed = [m for m in dm.mentions if m.basis.startswith("pattern:apposed-unit")]
    assert apposed and apposed[0].key == "task_force_takuba"
    assert apposed[0].span.text.endswith("special forces")


def test_apposition_with_a_force_opener_gives_part_of():
    body = "NATO special forces, likely the operators of Task Force Takuba, raided the camp."
    assert ("task_force_takuba", "part_of", "nato") in _triples(body)


def test_apposition_without_a_named_force_in_the_description_is_left_alone(finder):
    dm = _find(finder, "Special teams, likely the commandos of Task Force Takuba, raided the camp.")
    assert not [m for m in dm.mentions if m.basis.startswith("pattern:apposed-unit")]


# -- an unnamed organisation ----------------------------------------------------------------

BODY = ("Hezbollah runs an unnamed shipping company to move its money, officials said. \u201cThe financier works "
        "for an organization within Hezbollah involved in shipping fuel to Syria,\u201d the statement said. "
        "Investigators said Hezbollah uses this organization as a cover to launder funds.")


def test_unnamed_organisation_restated_and_referred_back_is_one_entity(finder):
    dm = _find(finder, BODY)
    keys = {m.key for m in dm.mentions if m.basis.endswith("unnamed-organisation")}
    assert len(keys) == 1
    ent = dm.entities[keys.pop()]
    assert "unnamed shipping company" in ent.aliases and "organization within Hezbollah" in ent.aliases
    assert not [m for m in dm.mentions if m.span.text == "this organization" and m.key == "hezbollah"]


def test_unnamed_organisation_relations():
    got = _triples(BODY)
    org = next(s for s, p, o in got if p == "front_for")
    assert (org, "front_for", "hezbollah") in got
    assert (org, "part_of", "hezbollah") in got


def test_a_second_description_of_another_trade_is_another_organisation(finder):
    body = ("Hezbollah runs an unnamed shipping company, officials said. It also uses an unnamed charity "
            "linked to Hezbollah to recruit.")
    dm = _find(finder, body)
    assert len({m.key for m in dm.mentions if m.basis.endswith("unnamed-organisation")}) == 2


def test_an_ordinary_indefinite_organisation_is_no_entity(finder):
    dm = _find(finder, "A local company rebuilt the bridge in Mosul.")
    assert not [m for m in dm.mentions if m.basis.endswith("unnamed-organisation")]


def test_described_coalition_forces_are_the_multinational_force_the_report_names(finder):
    body = ("ISAF said the commander directed attacks against Afghan and coalition forces in Khost. "
            "Coalition troops detained two suspects.")
    dm = finder.find(Document(doc_id="t", name="t.txt", source="t", title=None, body=body,
                              published="2011-06-01"))      # Afghanistan 2011: MNF-I (Iraq) long gone
    keys = {m.span.text: m.key for m in dm.mentions}
    assert keys["coalition forces"] == keys["Coalition troops"] == keys["ISAF"]


def test_described_coalition_forces_without_a_named_force_are_one_force_of_their_own(finder):
    body = "Militants attacked coalition forces in Paktiya. Coalition troops returned fire."
    dm = finder.find(Document(doc_id="t", name="t.txt", source="t", title=None, body=body,
                              published="2011-06-01"))      # Afghanistan 2011: MNF-I (Iraq) long gone
    forces = {m.key for m in dm.mentions if m.span.text.lower().startswith("coalition")}
    assert forces == {"coalition_forces"} and dm.entities["coalition_forces"].type == "state_force"


def test_described_a_states_ministry_in_lower_case_is_its_agency():
    from ratline.mentions.finder import MentionFinder
    from ratline.schema import Document
    body = ("Chum Socheat, a Cambodian defence ministry spokesman, said troops fired. "
            "The DRC government denied it. Tunisian officials said 38 died.")
    dm = MentionFinder().find(Document(doc_id="t", name="t.txt", source="t", title=None, body=body))
    [agency] = [m for m in dm.mentions if m.kind == "state_agency"]
    assert agency.span.text == "Cambodian defence ministry" and dm.entities[agency.key].country == "KH"
    assert "DRC government" in dm.entities["dr_congo"].aliases
    assert "Tunisian officials" in dm.entities["tunisia"].aliases


@pytest.mark.parametrize("body, name, kind, leader", [
    ("Jordan, part of the US-led coalition fighting Islamic State, was hit again.",
     "US-led coalition", "state_force", "united_states"),
    ("The Kenyan-led security mission began patrols in the capital.",
     "Kenyan-led security mission", "state_force", "kenya"),
])
def test_a_force_named_by_its_leader_is_an_entity_of_its_own(finder, body, name, kind, leader):
    dm = _find(finder, body)
    led = [e for e in dm.entities.values() if e.basis == "pattern:led-force"]
    assert [(e.name, e.type) for e in led] == [(name, kind)]
    assert leader in {m.key for m in dm.mentions}          # the leader keeps its own mention


def test_a_led_force_the_dictionary_names_is_the_dictionary_s(finder):
    dm = _find(finder, "The Saudi-led coalition struck Houthi positions overnight.")
    assert "saudi_led_coalition" in dm.entities
    assert not [e for e in dm.entities.values() if e.basis == "pattern:led-force"]


def test_the_led_force_acts_in_events():
    ex = extract(Document(doc_id="t", name="t.txt", source="t", title=None, published="2016-12-19",
                          body="US-led forces arrested an Iranian officer in Sulaimaniya on Sunday."))
    (arrest,) = [ev for ev in ex.events if ev.type == "arrest"]
    assert [a for a in arrest.actors if a.endswith("led_forces")] == ["us_led_forces"]
