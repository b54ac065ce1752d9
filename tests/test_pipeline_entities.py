"""Which entities a report keeps: a state named only by its adjective is an actor of the
report when the adjective names the state ("Russian officials") or when an event, a
relation or a tally uses it; otherwise ("Iranian agents") it is left out."""
from __future__ import annotations

from ratline.pipeline import extract
from ratline.schema import Document


def _entity_names(body: str) -> set[str]:
    doc = Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published="2020-03-01")
    return {e.name for e in extract(doc).entities}


def test_a_state_named_only_by_an_adjective_before_other_nouns_is_no_entity():
    names = _entity_names("Police in Kirkuk said two Iranian agents had crossed into an Iraqi town on Monday.")
    assert "Government of Iran" not in names


def test_an_adjective_before_the_states_own_people_names_the_state():
    names = _entity_names("Russian officials denied the report. U.S. officials declined to comment.")
    assert {"Government of Russia", "Government of the United States"} <= names


def test_an_adjective_before_a_coordinated_force_names_the_state():
    names = _entity_names("The commander regularly attacks Afghan and coalition forces near Khost.")
    assert "Government of Afghanistan" in names


def test_an_adjective_that_gives_a_relation_keeps_its_state():
    names = _entity_names("Kataib Hezbollah, an Iranian-backed militia, fired rockets at the base.")
    assert "Government of Iran" in names
