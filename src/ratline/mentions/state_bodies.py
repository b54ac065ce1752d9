"""A state's bodies named by its adjective: "Iranian intelligence", "the Iraqi judiciary".

The dictionary holds a state's named ministries and agencies ("Iran's Ministry of
Intelligence"); reports as often name them by the nation's adjective and a common noun.
That phrase is the state's body, an entity of its own (the words as the report has them,
kept as its alias), not the government itself.  The nouns and the kind each names are
data: ``state_bodies`` in data/names.yaml.
"""
from __future__ import annotations

from functools import lru_cache

from ratline.mentions.names import name_lists_raw
from ratline.mentions.entities import slug


@lru_cache(maxsize=1)
def state_body_nouns() -> dict[str, str]:
    return dict(name_lists_raw()["state_bodies"])


def adjective_body(toks, m, actor, body: str):
    """(kind, key, name, words) for "Iranian intelligence" after a state's adjective, else None."""
    if actor.type != "government" or m.form != "adjective" or m.end >= len(toks):
        return None
    noun = toks[m.end]
    kind = state_body_nouns().get(noun.norm)
    after = toks[m.end + 1].text if m.end + 1 < len(toks) else ""
    if kind is None or (not noun.text.islower() and after[:1].isupper()):
        return None                  # "Iranian Intelligence Ministry" is a name the finder reads whole
    adjective = body[toks[m.start].start:toks[m.end - 1].end]
    words = body[toks[m.start].start:noun.end]
    return kind, f"{actor.id}_{slug(noun.norm)}", f"{adjective} {noun.norm}", words
