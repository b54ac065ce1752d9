"""Sanctions and designations read from the parse (``extract/sanctions.py``).  Bodies are our own."""
from __future__ import annotations

from ratline.pipeline import extract
from ratline.schema import Document


def _relations(body: str) -> set[tuple[str, str, str]]:
    ex = extract(Document(doc_id="t", name="t.txt", source="t", title=None, body=body))
    return {(r.subject, r.predicate, r.object) for r in ex.relations}


def test_sanctions_each_coordinated_object_supports_whom_it_aided():
    body = ("The State Department targeted Abu Mahdi al-Muhandis, an adviser to several militias, and the "
            "militia Kata'ib Hizballah for providing weapons to Hamas and Hizballah.")
    rels = _relations(body)
    for s in ("person_abu_mahdi_muhandis", "kataib_hezbollah"):
        assert (s, "supports", "hamas") in rels


def test_sanctions_a_group_on_a_capitals_terrorist_list_is_listed_by_that_state():
    body = ("Troops fought the hardline al Shabaab fighters, which is on Washington's list of foreign "
            "terrorist organisations.")
    assert ("al_shabaab", "sanctioned_by", "united_states") in _relations(body)


def _frames(body: str) -> list:
    from ratline.extract.sanctions import _sanction_frame
    from ratline.parse.nlp import parse_body
    return [f for f in map(_sanction_frame, parse_body(body).doc) if f is not None]


def test_sanctions_targeting_for_a_span_of_time_is_an_operation_not_a_sanction():
    assert _frames("US forces have been targeting the Special Groups networks in Kut for the past two weeks.") == []
    assert _frames("The Treasury targeted the militia for providing weapons to Hamas.") != []


def test_sanctions_a_designation_needs_a_word_of_terrorism_said_of_the_designated():
    assert _frames("The State Department designated Hamas a partner in the talks.") == []
    assert _frames("The terrorism office said the ministry designated Hamas a partner.") == []
    assert _frames("The State Department designated Hamas a terrorist organisation.") != []
