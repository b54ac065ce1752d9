"""killed_by / captured_by / released_by from the parse: who did it, wherever the clause puts them."""
from __future__ import annotations

import pytest

from ratline.pipeline import extract
from ratline.schema import Document


def _victim_rels(body: str) -> set[tuple[str, str, str]]:
    ex = extract(Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published="2015-06-27"))
    names = {e.id: e.name for e in ex.entities}
    return {(names[r.subject], r.predicate, names[r.object]) for r in ex.relations
            if r.predicate in ("killed_by", "captured_by", "released_by")}


@pytest.mark.parametrize("body, rel", [
    # the subject of the clause a passive participle hangs on
    ("Seifeddine Rezgui, who disguised himself as a tourist, opened fire at the hotel, killing 38 people "
     "before being shot dead by Tunisian police.", ("Seifeddine Rezgui", "killed_by", "Tunisian police")),
    # the one who announced a noun of the act
    ("Iraqi police announced early Friday the capture of Abu Hamza al-Muhajer, the group's leader.",
     ("Abu Hamza al-Muhajer", "captured_by", "Iraqi Police")),      # the dictionary's name
])
def test_victims_who_did_it_from_the_parse(body, rel):
    assert rel in _victim_rels(body)


@pytest.mark.parametrize("body", [
    "Abu Hamza al-Muhajer was shot by Iraqi police on Friday.",          # shot, not said to be dead
    "Iraqi police did not capture Abu Hamza al-Muhajer.",                # negated
])
def test_victims_no_relation_where_the_text_does_not_say_it(body):
    assert not {r for r in _victim_rels(body) if r[1] in ("killed_by", "captured_by")}
