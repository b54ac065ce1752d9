"""Relations a name or a title states by itself, with no verb between two names.

This pass exists apart from the sentence patterns because it reads single
mentions, not the words between two: "the government of Prime Minister Abiy
Ahmed" (leads), a dictionary name that contains its parent's ("Iranian
Revolutionary Guards Corps-Qods Force": part_of) or a backer ("Iranian-backed
elements of the Mahdi Army": supports), a unit named after its force
(part_of), and "a senior Qods Force officer" (member_of).
"""
from __future__ import annotations

import re

from ratline.extract.masking import mask
from ratline.extract.relation_patterns import _add
from ratline.mentions.finder import DocMentions

_HEAD_TITLE = re.compile(r"\b(?:[Tt]he\s+)?(?:(?P<adj>[A-Z][\w-]+)\s+)?(?:government|administration)\s+of\s+"
                         r"(?:(?:the\s+)?(?:late\s+)?)?(?:President|Prime Minister|Premier|Chancellor)\s+$")
_NOT_SITTING = re.compile(r"\b(?:former|ex-|late|then|Vice|vice|deputy|Deputy|acting|interim)\s+(?:[A-Z][\w-]+\s+)?$")


def _titled_leaders(rels, dm: DocMentions) -> None:
    """"The government of Prime Minister Abiy Ahmed": the head of government leads the government
    of the country named with it, else of the country the report is about.  A bare "President X"
    is left alone: reports name foreign heads of state that way too, and annotators differ."""
    from ratline.mentions.dictionary import default_dictionary

    dictionary = default_dictionary()
    body_of = {s.index: s.span for s in dm.sentences}
    for m in dm.mentions:
        if m.kind != "person":
            continue
        span = body_of[m.sentence]
        before = span.text[max(0, m.span.start - span.start - 40):m.span.start - span.start]
        hit = _HEAD_TITLE.search(before)
        if not hit or _NOT_SITTING.search(before[:hit.start("adj") if hit.group("adj") else hit.start()]):
            continue
        state = None
        if hit.group("adj"):
            state = next((a for a in dictionary.actors.values() if a.type == "government"
                          and (hit.group("adj") in a.adjectives or hit.group("adj") == a.name)), None)
            if state is None and hit.group("adj") not in ("The", "the", "A", "An", "Former"):
                continue                  # a qualifier we cannot place ("Palestinian Authority President")
        countries = [x for x in dm.in_sentence(m.sentence) if x.kind == "government"
                     or (x.kind == "place" and getattr(dm.places.get(x.key), "feature", "") == "country")]
        if state is None and dm.theatre and not countries and "government of" in hit.group(0).lower():
            state = next((a for a in dictionary.actors.values() if a.type == "government"
                          and a.country == dm.theatre and a.adjectives), None)
        if state is None:
            continue
        dm.ensure_actor(state, state.name, "dictionary:government a titled person leads")
        _add(rels, m.key, "leads", state.id, mask(span, [], []), "title:head of state or government")

_BACKED_PREFIX = re.compile(r"^(\w+)[- ](?:backed|funded|sponsored|trained)\b", re.I)


def _relations_inside_names(rels, dm: DocMentions) -> None:
    """A dictionary name can itself state a relation: "Iranian-backed elements of the Mahdi Army".
    (The description of an unnamed person, "a senior Qods Force officer", gives none: relations
    are between named parties; in the development sets 1 of 5 such member_of edges was in gold.)"""
    from ratline.mentions.dictionary import alias_key, default_dictionary
    from ratline.mentions.names import part_nouns

    dictionary = default_dictionary()
    for m in dm.mentions:
        if m.basis == "pattern:unnamed-person":
            continue
        if m.basis.startswith(("pattern:unit-of:", "pattern:apposed-unit-of:")):
            parent = m.basis.rsplit(":", 1)[1]
            _add(rels, m.key, "part_of", parent, mask(dm.sentences[m.sentence].span, [], []), "name:unit of a force")
            continue
        actor = dictionary.actors.get(m.key)
        if actor is None or not m.basis.startswith("dictionary"):
            continue
        surface = alias_key(m.span.text)
        sent = dm.sentences[m.sentence].span
        masked = mask(sent, [], [])
        parent = dictionary.actors.get(actor.parent) if actor.parent else None
        if parent is not None and len(surface) > 2:
            for form in [parent.name, *parent.aliases]:
                key = alias_key(form)
                if key and _contains_seq(surface, key):
                    dm.ensure_actor(parent, form, "dictionary:inside another name")
                    if not _followed_by(surface, key, ("in", "of")) and part_nouns() & set(surface):
                        # "rogue Jaysh al-Mahdi units" are a part; "al Qaeda in Iraq" names a
                        # regional branch by its region and "Islamic State Sahel Province" a
                        # province, which say nothing of their ties (a report that calls it the
                        # parent's affiliate says so in words)
                        _add(rels, actor.id, "part_of", parent.id, masked, "name:contains parent")
                    break
        hit = _BACKED_PREFIX.match(m.span.text)
        if hit:
            for other in dictionary.actors.values():
                forms = [alias_key(a) for a in other.adjectives + [other.name]]
                if alias_key(hit.group(1)) in forms and other.id != actor.id:
                    dm.ensure_actor(other, hit.group(1), "dictionary:inside another name")
                    _add(rels, other.id, "supports", actor.id, masked, "name:x-backed")
                    break


def _followed_by(seq: tuple, sub: tuple, words) -> bool:
    """Whether ``sub`` occurs in ``seq`` with one of ``words`` right after it."""
    n = len(sub)
    return any(seq[i:i + n] == sub and i + n < len(seq) and seq[i + n] in words for i in range(len(seq) - n))


def _contains_seq(seq: tuple, sub: tuple) -> bool:
    n = len(sub)
    return any(seq[i:i + n] == sub for i in range(len(seq) - n + 1))
