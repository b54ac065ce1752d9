"""Backers named in a description of a group (extract/backed.py), read from the parse."""
from __future__ import annotations

import pytest

from ratline.pipeline import extract
from ratline.schema import Document


def _supports(body: str) -> set[tuple[str, str]]:
    ex = extract(Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published="2015-05-04"))
    return {(r.subject, r.object) for r in ex.relations if r.predicate == "supports"}


@pytest.mark.parametrize("body", [
    "The Mahdi Army is an Iranian-backed militia that fought US troops in Najaf.",
    "Police blamed the Mahdi Army, a militia which is thought to be Iranian-backed, for the attack.",
    "Troops raided the Mahdi Army, a militia that US officers say is backed by Iran, on Monday.",
    "The Mahdi Army is a militia funded and trained by Iran, officers said.",
])
def test_backed_description_of_a_named_group(body):
    assert ("iran", "mahdi_army") in _supports(body)


def test_backed_word_with_no_named_group_makes_no_relation():
    assert not _supports("An Iranian-backed militia attacked the base on Monday, police said.")


def test_backed_described_group_that_broke_off():
    ex = extract(Document(doc_id="t", name="t.txt", source="t", title=None, published="2015-05-04",
                          body="The Promised Day Brigade is a group that broke off from the Mahdi Army in 2008."))
    splits = {(r.subject, r.object) for r in ex.relations if r.predicate == "splinter_of"}
    assert any(o == "mahdi_army" for _, o in splits), ex.relations


def _relations(body: str, predicate: str) -> set[tuple[str, str]]:
    ex = extract(Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published="2015-05-04"))
    return {(r.subject, r.object) for r in ex.relations if r.predicate == predicate}


@pytest.mark.parametrize("body", [
    "The Haqqani network, a group with ties to the Taliban, claimed the attack.",
    "The Haqqani network is one of several Taliban-allied factions in the east.",
])
def test_described_ties_make_the_group_an_ally(body):
    assert ("haqqani_network", "taliban") in _relations(body, "allied_with")


def test_ties_of_a_group_with_no_name_make_no_alliance():
    assert not _relations("A group with ties to the Taliban attacked the base on Monday.", "allied_with")


def test_an_offshoot_of_a_group_splintered_from_it():
    body = "Asaib Ahl al-Haq, an offshoot of the Mahdi Army, fired rockets at the base."
    assert ("asaib_ahl_al_haq", "mahdi_army") in _relations(body, "splinter_of")


def test_backed_by_a_coalition_led_by_a_state_is_not_backed_by_that_state():
    from ratline.pipeline import extract
    from ratline.schema import Document
    body = ("Iraqi government forces, backed by a U.S.-led coalition, launched a major offensive to retake "
            "Mosul from Islamic State.")
    ex = extract(Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published="2017-04-19"))
    assert not any(r.subject == "united_states" and r.predicate == "supports" for r in ex.relations)


def test_backed_a_relative_clause_on_the_group_names_its_backer():
    from ratline.pipeline import extract
    from ratline.schema import Document
    body = "The M23, which is backed by Rwanda, seized the town of Rubaya on Tuesday."
    ex = extract(Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published="2025-03-13"))
    names = {e.id: e.name for e in ex.entities}
    assert ("Government of Rwanda", "supports", "March 23 Movement") in {
        (names[r.subject], r.predicate, names[r.object]) for r in ex.relations}
