"""The mention finder reads data/cues.yaml's cues right after or before a name."""
from __future__ import annotations

from ratline.mentions.described import owned_organisations
from ratline.mentions.dictionary import default_dictionary
from ratline.mentions.finder import MentionFinder
from ratline.parse.nlp import parse_body
from ratline.schema import Document, Entity, Mention, Span

_FINDER = MentionFinder(default_dictionary(), gazetteer=None)


def _find(body: str):
    return _FINDER.find(Document(doc_id="t", name="t.txt", source="t", title=None, body=body))


def test_an_owned_office_must_touch_the_name():
    body = "Muqtada al Sadr's office said it was closed. Sadr's\n\nfaction is another paragraph."
    parsed = parse_body(body)
    ents = {"sadr": Entity(id="sadr", type="person", name="Muqtada al Sadr", aliases=[], country=None, basis="t")}
    first = Mention(Span(0, 15, "Muqtada al Sadr"), "person", "sadr", 0, "t")
    second = body.index("Sadr's\n")
    again = Mention(Span(second, second + 4, "Sadr"), "person", "sadr", 1, "t")
    out = owned_organisations(body, [first, again], ents, parsed)
    assert [m.span.text for m in out] == ["office"]        # a paragraph break is no "'s faction"


def test_a_state_named_with_its_force():
    dm = _find("Ukraine's air force shot down two drones over Kyiv on Monday.")
    forces = [m for m in dm.mentions if m.kind == "state_force"]
    assert forces and forces[0].span.text == "Ukraine's air force"


def test_cue_after_needs_a_space_or_a_touch():
    text = "Sadr's office and Maute fighters"
    p = parse_body(text)
    assert p.cue_after("owned_org", text.index("'s"), touching=True) is not None
    assert p.cue_after("owned_org", text.index("'s") - 1, touching=True) is None
    assert p.cue_after("members_after", text.index("Maute") + 5) == (text.index("fighters"), len(text))
