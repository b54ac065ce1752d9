"""Second opinions on what the name rules found, once the whole document is known.

The mention finder works on its own tokens before the document is parsed; a few of its
guesses the parse and the words around a name can settle: a capitalised adjective
("Belgian media") is a modifier, not a place; a name before an area noun ("the Adhamiyah
and New Baghdad districts") is a place, not a person.
"""
from __future__ import annotations

import re

from ratline.mentions.entities import slug
from ratline.mentions.finder import DocMentions
from ratline.mentions.names import place_level
from ratline.schema import Entity, Mention

# the finder's bases that come from a list of known names: the parse does not overrule them
_LISTED = ("dictionary", "gazetteer:exact")


def drop_adjective_places(dm: DocMentions, parsed) -> None:
    """Remove place mentions the parse reads as adjectives, and places left with no mention."""
    kept = [m for m in dm.mentions if not _adjective_place(m, parsed)]
    if len(kept) == len(dm.mentions):
        return
    dm.mentions[:] = kept
    dm._by_sentence = None
    named = {m.key for m in kept}
    for key in [k for k, e in dm.entities.items() if e.type == "place" and k not in named]:
        del dm.entities[key]
        dm.places.pop(key, None)


def _adjective_place(m, parsed) -> bool:
    if m.kind != "place" or m.basis.startswith(_LISTED):
        return False
    toks = parsed.tokens_in(m.span.start, m.span.end)
    if len(toks) != 1 or toks[0].tag_ != "JJ":
        return False
    after = toks[0].nbor(1).lower_ if toks[0].i + 1 < len(toks[0].doc) else ""
    return place_level(after) is None           # "the Bermal district" is a place the tagger misreads


def names_before_area_nouns(dm: DocMentions) -> None:
    """"New Baghdad district", "the Kunar and Nuristan provinces": a name the finder took for a
    person or an organisation is a place when an area noun follows it, directly or after a
    listed place."""
    by_key: dict[str, str] = {}
    for k, m in enumerate(dm.mentions):
        if m.kind not in ("person", "other") or m.basis.startswith("dictionary") or m.key in by_key \
                or " " not in m.span.text.strip():
            continue             # one word ("Karen State", "Karen rebels") may name a people as well
        if _area_noun_follows(dm, k):
            by_key[m.key] = "place_" + slug(m.span.text)
    for old, new in by_key.items():
        ent = dm.entities.pop(old, None)
        if ent is None:
            continue
        if new not in dm.entities:
            dm.entities[new] = Entity(id=new, type="place", name=ent.name, aliases=list(ent.aliases),
                                      country=ent.country, basis="pattern:before-area-noun")
        dm.mentions[:] = [Mention(m.span, "place", new, m.sentence, m.basis + "; before an area noun")
                          if m.key == old else m for m in dm.mentions]
    if by_key:
        dm._by_sentence = None


def _area_noun_follows(dm: DocMentions, k: int) -> bool:
    m = dm.mentions[k]
    sent = dm.sentences[m.sentence] if 0 <= m.sentence < len(dm.sentences) else None
    if sent is None or sent.index != m.sentence:
        return False
    rest = sent.span.text[m.span.end - sent.span.start:]
    listed = re.match(r"\s*(?:,|and|, and)\s+", rest)
    nxt = dm.mentions[k + 1] if k + 1 < len(dm.mentions) else None
    if listed and nxt is not None and nxt.span.start == m.span.end + listed.end():
        rest = sent.span.text[nxt.span.end - sent.span.start:]       # "Adhamiyah and New Baghdad districts"
        plural = True
    else:
        plural = False
    word = re.match(r"\s+([a-z-]+)\b", rest)
    if word is None:
        return False
    noun = word.group(1)
    if plural:                   # after a listed place only the plural joins both: "... districts"
        return noun.endswith("s") and place_level(noun[:-1]) is not None
    return place_level(noun) is not None
