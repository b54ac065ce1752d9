"""A person's office in a group, from the parse (extract/offices.py)."""
from __future__ import annotations

import pytest

from ratline.pipeline import extract
from ratline.schema import Document


def _relations(body: str) -> set[tuple[str, str, str]]:
    ex = extract(Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published="2015-05-04"))
    names = {e.id: e.name for e in ex.entities}
    return {(names[r.subject], r.predicate, names[r.object]) for r in ex.relations}


@pytest.mark.parametrize("body, predicate", [
    ("Ahmed Wali Karimov, leader of the Eastern Liberation Front, denied the charges in court on Monday.", "leads"),
    ("The Eastern Liberation Front spokesman, Ahmed Wali Karimov, denied the charges on Monday.", "spokesman_for"),
    ("Ahmed Wali Karimov, the training officer of the Eastern Liberation Front, was killed.", "member_of"),
    ("Eastern Liberation Front director Ahmed Wali Karimov denied the charges on Monday.", "leads"),
])
def test_offices_apposed_and_titled_roles(body, predicate):
    found = _relations(body)
    assert any(s.endswith("Karimov") and p == predicate and "Liberation Front" in o for s, p, o in found), found


def test_offices_deputy_and_former_are_not_the_leader():
    deputy = _relations("Salim Harouni, the deputy commander of the Eastern Liberation Front, was arrested.")
    former = _relations("Salim Harouni, a former commander of the Eastern Liberation Front, was arrested.")
    assert not any(p == "leads" for _, p, _ in deputy | former)
    assert any(p == "member_of" for _, p, _ in deputy)


def test_offices_nationality_inside_a_name_is_no_group():
    found = _relations("General Karim Azimi, chief spokesperson for the Afghan Ministry of Defense, spoke on Monday.")
    assert not any(o.startswith("Government of") for _, _, o in found)


@pytest.mark.parametrize("body, person, state", [
    ("US President Donald Trump said the strike was justified.", "Donald Trump", "Government of the United States"),
    ("Armenian President Serzh Sarkisian said 18 troops were killed.", "Serzh Sarkisian", "Government of Armenia"),
    ("Donald Trump, the president of the United States, said no.", "Donald Trump", "Government of the United States"),
])
def test_offices_a_head_of_state_leads_the_state_named_with_the_title(body, person, state):
    rels = _relations(body)
    assert (person, "leads", state) in rels


@pytest.mark.parametrize("body", [
    "Iraqi Vice President Tariq al-Hashemi said the talks failed.",
    "Iraqi Foreign Minister Hoshyar Zebari said the talks failed.",
    "Former Iraqi President Jalal Talabani said the talks failed.",
])
def test_offices_a_deputy_a_minister_or_a_former_head_leads_no_state(body):
    assert not any(p == "leads" and o == "Government of Iraq" for _, p, o in _relations(body))


def test_offices_a_press_secretary_speaks_for_his_office_and_a_defense_secretary_does_not():
    assert ("Geoff Morrell", "spokesman_for", "US Department of Defense") in _relations(
        "Pentagon Press Secretary Geoff Morrell said Iran was providing weapons to insurgents.")
    assert not any(p == "spokesman_for" for _, p, _ in _relations(
        "Pentagon chief and Defense Secretary Robert Gates said Iran was providing weapons."))


@pytest.mark.parametrize("body, predicate", [
    # a commander written before the name, without "the", is one of the group's commanders
    ("Eastern Liberation Front commander Salim Harouni was killed on Friday.", "member_of"),
    # its top commander, or the commander of a named unit, leads it
    ("Eastern Liberation Front top commander Salim Harouni was killed on Friday.", "leads"),
    ("Salim Harouni, commander of the Eastern Liberation Front, was killed on Friday.", "leads"),
])
def test_offices_a_commander_leads_only_as_the_commander(body, predicate):
    found = {p for s, p, o in _relations(body) if s.endswith("Harouni") and "Liberation Front" in o}
    assert found == {predicate}, found


def test_offices_a_past_office_written_on_the_name_is_no_office():
    """The parse hangs "ousted" on the name, not on the title."""
    found = _relations("Hun Sen appointed ousted Thai premier Thaksin Shinawatra, who lives abroad, as an adviser.")
    assert not any(p == "leads" and s == "Thaksin Shinawatra" for s, p, _ in found), found
