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
