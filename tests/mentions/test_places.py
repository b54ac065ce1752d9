"""Places the finder reads from the words around them: a city's district written by its number
("the third district of Ghazni", "District No. 2", "“700 district”")."""
from __future__ import annotations

import pytest

from ratline.pipeline import extract
from ratline.schema import Document


def _places(body: str) -> set[str]:
    doc = Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published="2021-05-03")
    return {m.span.text for m in extract(doc).mentions if m.kind == "place"}


@pytest.mark.parametrize("body, written", [
    ("Militants were able to attack the third district of Ghazni on Sunday, officials said.", "third district"),
    ("The brigade controls the heavily damaged District No. 2 in the west of the town.", "District No. 2"),
    ("Most of the fighting was in the area known as “700 district” south-east of the centre.", "700 district"),
])
def test_a_district_written_by_its_number_is_a_place(body, written):
    assert written in _places(body)


def test_a_numbered_district_names_its_city():
    doc = Document(doc_id="t", name="t.txt", source="t", title=None, published="2020-01-01",
                   body="Militants were able to attack the third district of Ghazni on Sunday, officials said.")
    ents = {e.id: e for e in extract(doc).entities}
    assert "third district of Ghazni" in ents["place_ghazni_third_district"].aliases


@pytest.mark.parametrize("body, written", [
    ("Rebels attacked the Bab al-Hawa crossing on Monday, officials said.", "Bab al-Hawa"),
    ("Morocco resumed military operations in the El Guergarat crossing last year.", "El Guergarat"),
])
def test_a_name_given_to_a_crossing_or_a_bridge_is_a_place(body, written):
    assert any(p.startswith(written) for p in _places(body))       # with its site noun or without


@pytest.mark.parametrize("body, written", [
    ("A car bomb exploded on Haifa Street in Baghdad on Monday.", "Haifa Street"),
    ("Soldiers were patrolling along Cesar Lopez Avenue in Nuevo Laredo when gunmen opened fire.", "Cesar Lopez Avenue"),
])
def test_a_street_s_name_is_a_place(body, written):
    assert written in _places(body)
