"""The sentence layer: what the parse of a body keeps apart."""
from __future__ import annotations

from ratline.parse.nlp import parse_body
from ratline.pipeline import extract
from ratline.schema import Document


def test_a_blank_line_ends_a_sentence_in_the_parse():
    # a headline with no final stop is not one clause with the paragraph under it
    doc = parse_body("SDF raid kills wali in Deir ez-Zor; spokesman captured\n\n"
                     "Fighters of the SDF killed a commander near the town.").doc
    sents = [s.text.strip() for s in doc.sents]
    assert sents == ["SDF raid kills wali in Deir ez-Zor; spokesman captured",
                     "Fighters of the SDF killed a commander near the town."]
    fighters = next(t for t in doc if t.text == "Fighters")
    assert fighters.head.text == "killed" and fighters.dep_ == "nsubj"


def test_a_single_line_break_does_not_end_a_sentence():
    doc = parse_body("Troops killed two fighters\nnear the town on Monday.").doc
    assert len(list(doc.sents)) == 1


def test_a_described_person_gets_no_relation():
    body = "US forces detained a senior Qods Force officer in Baghdad on Monday."
    ex = extract(Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published="2008-01-01"))
    assert not [r for r in ex.relations if r.predicate == "member_of"]


def test_a_blank_line_holding_spaces_ends_a_sentence_too():
    doc = parse_body("Troops killed two fighters\n  \nThe army said so on Monday.").doc
    assert len(list(doc.sents)) == 2
