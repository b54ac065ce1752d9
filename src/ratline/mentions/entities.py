"""How the words of a mention become an entity of the document.

Every pass that finds mentions (``finder.py`` and the passes beside it) makes an
entity the same way: a key from the name (``slug``), the exact text of a token
range (``_span``), and the surface forms the report uses gathered as aliases.
They live here so each of those modules can share them without importing the
finder itself.
"""
from __future__ import annotations

import re

from ratline.mentions.dictionary import alias_key
from ratline.mentions.text import Token
from ratline.schema import Entity, Span


def slug(text: str) -> str:
    return "_".join(alias_key(text)) or re.sub(r"\W+", "_", text.lower()).strip("_")


def _span(body: str, toks: list[Token], a: int, b: int) -> Span:
    s, e = toks[a].start, toks[b - 1].end
    return Span(s, e, body[s:e])


def _add_entity(ents, key, kind, name, surface, country, basis) -> None:
    ent = ents.get(key)
    if ent is None:
        ent = ents[key] = Entity(id=key, type=kind, name=name, aliases=[], country=country, basis=basis)
    _add_alias(ent, surface)


def _add_alias(ent: Entity, surface: str) -> None:
    surface = surface.strip()
    if surface and surface not in ent.aliases:
        ent.aliases.append(surface)
