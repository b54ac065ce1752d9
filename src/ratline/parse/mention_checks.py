"""Second opinions from the parse on what the name rules found.

The mention finder works on its own tokens before the document is parsed; a few of its
guesses the parse can settle: a capitalised adjective ("Belgian media", "Crusader-era")
is a modifier, not a place where something happened.
"""
from __future__ import annotations

from ratline.mentions.finder import DocMentions
from ratline.mentions.names import place_levels

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
    return after not in place_levels()          # "the Bermal district" is a place the tagger misreads
