"""Parts of an organisation named through its owner (extract/parts.py)."""
from __future__ import annotations

import pytest

from ratline.pipeline import extract
from ratline.schema import Document


def _parts(body: str) -> set[tuple[str, str]]:
    ex = extract(Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published="2015-05-04"))
    names = {e.id: e.name for e in ex.entities}
    return {(names[r.subject], names[r.object]) for r in ex.relations if r.predicate == "part_of"}


@pytest.mark.parametrize("body, part, owner", [
    # the owner's possessive right before the part's name
    ("Rebels from the FARC's Jacobo Arenas front attacked the patrol.", "Jacobo Arenas front", "Revolutionary Armed Forces"),
    ("The Defense Ministry's War Media Cell said four militants were killed.", "War Media Cell", "Defense Ministry"),
    # names apposed to a part noun the owner possesses, and coordinated with one that is
    ("The Karen National Union's armed wings, the Karen National Liberation Army and the Karen National "
     "Defense Organization, seized the outpost.", "Karen National Defense Organization", "Karen National Union"),
    # what the owner runs; a state's contingent in a force
    ("The Sahara Press Service, owned by the Polisario Front, reported the attack.", "Sahara Press Service",
     "Polisario Front"),
    ("Burundian soldiers from AMISOM operate from the base.", "Burundi Force", "African Union Mission"),
])
def test_parts_named_through_their_owner(body, part, owner):
    found = _parts(body)
    assert any(p.endswith(part.split()[-1]) and part.split()[0] in p and owner in o for p, o in found), found


def test_parts_a_rival_or_a_state_owns_nothing():
    assert not _parts("Hamas's rival Fatah condemned the attack. Iran's Qods Force trained the Kataib Hezbollah.")
