"""A state's force named by a bare noun: "the army", "109 security forces", "two police
officers", "Two women gendarmes", "military spokesman".

The noun is the force of the country the report is about unless the parse shows somebody
owns it: a possessive ("its army chief"), a name or a word like "rebel" before it ("rebel
soldiers", "the state police command"), an "of"/"from" naming the owner ("Soldiers from
the Iraqi Army's 2nd Division"), a hyphened modifier ("police-led"), or a mention just
before it ("Pakistani troops").  The words are data: ``bare_force_*`` in data/names.yaml.

``BareForcesMixin`` is a mixin of ``MentionFinder`` (through ``ForcesMixin``): it uses the
finder's ``dictionary``, ``_body``, ``_national_force`` and ``_unlisted_force``.
"""
from __future__ import annotations

from functools import lru_cache

from ratline.mentions.entities import _add_alias, _add_entity
from ratline.mentions.names import name_lists_raw
from ratline.schema import Mention, Span


class BareForcesMixin:
    """The pass of ``MentionFinder`` that reads bare force nouns from the parse."""

    def _bare_forces(self, sent, found: list[Mention], ents, country: str | None, parsed) -> None:
        """"the army", "109 security forces", "two police officers", "Army spokesman": a force
        noun nobody's name or word owns is the national force of the country the report is
        about ("Pakistani troops", "its army", "rebel soldiers" are somebody else's)."""
        words = _bare_force_words()
        for tok in parsed.tokens_in(sent.span.start, sent.span.end):
            noun = words["heads"].get(tok.lower_) if tok.pos_ in ("NOUN", "PROPN") else None
            adjective = words["adjectives"].get(tok.lower_)
            if noun is None and adjective and tok.dep_ in ("amod", "compound") and tok.head.lower_ in adjective["before"]:
                noun = adjective["force"]        # "military spokesman", "Government spokesman"
            if noun is None or (tok.pos_ == "PROPN" and tok.head.pos_ == "PROPN" and tok.head.i > tok.i):
                continue             # "the Police Service of Northern Ireland": part of a name
            mods = [c for c in tok.children if c.i < tok.i and c.dep_ in ("compound", "amod", "nmod")]
            if tok.lower_ in words["with"] and not any(c.lower_ in words["with"][tok.lower_] for c in mods):
                continue             # "separatist forces", "intelligence officers": not the state's force
            if noun in ("regime", "junta") and not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
                continue
            before = [c for c in tok.children if c.i < tok.i]
            if tok.dep_ in ("compound", "amod", "nmod", "npadvmod") and tok.head.i > tok.i:
                before += [c for c in tok.head.children if c.i < tok.i and c.dep_ == "poss"]   # "its army chief"
            if tok.dep_ in ("compound", "amod") and tok.head.i > tok.i and tok.head.lower_ not in words["roles"]:
                before += [c for c in tok.head.children if c.i < tok.i and c.lower_ in words["not"]]
            if any(c.dep_ == "poss" or c.lower_ in words["not"] or (c.pos_ == "PROPN" and c.dep_ != "compound")
                   for c in before) or _owned_by_name(tok, words["not"]) or (
                    tok.i + 1 < len(tok.doc) and tok.nbor(1).text == "-"):
                continue             # "its army", "rebel soldiers", "the army of Nepal", "police-led"
            first = min([tok, *(c for c in mods if c.lower_ in words["with"].get(tok.lower_, ())),
                         *_kind_words(tok, words["kinds"])], key=lambda t: t.i)
            s0, s1 = first.idx, tok.idx + len(tok)
            text = sent.span.text
            if any(f.span.start < s1 and s0 < f.span.end or (
                    s0 - 2 <= f.span.end <= s0 and "," not in text[f.span.end - sent.span.start:s0 - sent.span.start])
                    for f in found):
                continue             # "Pakistani troops", "US and Iraqi troops": named by what precedes
                                     # (not "... region of North West, army spokesman")
            key = self._national_force(noun, country) or self._unlisted_force(noun, country, ents)
            if key is None:
                continue
            phrase = self._body[s0:s1]
            span = Span(s0, s1, phrase)
            if key not in self.dictionary.actors:          # a force the dictionary lacks: named for its state
                found.append(Mention(span, "state_force", key, sent.index, "pattern:national-force"))
                _add_alias(ents[key], phrase)
                continue
            actor = self.dictionary.actors[key]
            found.append(Mention(span, actor.type, key, sent.index, "dictionary:national-force"))
            _add_entity(ents, key, actor.type, actor.display_name, phrase, actor.country, "dictionary")


@lru_cache(maxsize=1)
def _bare_force_words() -> dict:
    raw = name_lists_raw()
    return {"heads": raw["bare_force_heads"], "with": {k: set(v) for k, v in raw["bare_force_with"].items()},
            "not": set(raw["bare_force_not"]), "roles": set(raw["bare_force_roles"]),
            "kinds": set(raw["bare_force_kinds"]),
            "adjectives": {w: {"force": v["force"], "before": set(v["before"])}
                           for w, v in raw["bare_force_adjectives"].items()}}


def _kind_words(tok, kinds_known: set[str]) -> list:
    """"border guard police", "riot police", "paramilitary border police": the words right before
    the noun that say which of the state's forces it is (``bare_force_kinds``), kept in its
    wording so that the report's own words are an alias.  Only a run that ends at the noun."""
    def kind(t) -> bool:
        return t.i < tok.i and t.dep_ in ("compound", "amod") and t.lower_ in kinds_known \
            and (t.text.islower() or t.is_sent_start)

    kinds = []
    for c in tok.children:
        if kind(c):
            kinds.append(c)
            kinds += [g for g in c.children if g.i < c.i and kind(g)]
    run = sorted(kinds, key=lambda t: t.i)
    while run and [t.i for t in run] != list(range(run[0].i, tok.i)):
        run = run[1:]                         # keep the unbroken run that reaches the noun
    return run


def _owned_by_name(tok, others: set[str]) -> bool:
    """"the army of Nepal", "soldiers of the rebel army", "Soldiers from the Iraqi Army's 2nd
    Division": an "of" or "from" that names the owner (not "accusing the army of attacks")."""
    return any(c.dep_ == "prep" and c.lower_ in ("of", "from") and any(
        g.pos_ == "PROPN" or any(w.lower_ in others or (w.pos_ == "PROPN" and w.dep_ == "compound") for w in g.children)
        for g in c.children) for c in tok.children)
