"""Parts of an organisation named through its owner, read from the parse: "the FARC's Jacobo
Arenas front", "the Defense Ministry's War Media Cell" (a possessive written right before the
part's name), "the Karen National Union's armed wings, the KNLA and the KNDO" (the names
apposed to a noun of parts that the owner possesses).

The pattern layer reads "X, Y's affiliate" (the part named first); this reads the owner
first, and two shapes besides: "X, owned by Y" and a force's contingent "from" a force
("Burundian soldiers from AMISOM").  A state is no owner here: "Iran's Qods Force" says whose
force it is, and the dictionary already knows that (tried as a part: relations fell on two
sets); "Hamas's rival Fatah" is no part, so the possessive must touch the name, or the part
noun must be one of ``PART_NOUNS``.
"""
from __future__ import annotations

import re

from ratline.mentions.finder import DocMentions
from ratline.parse.nlp import Parsed
from ratline.schema import Relation

# nouns that name a part of their possessor ("the KNU's armed wings, the KNLA and ...")
PART_NOUNS = {"wing", "arm", "unit", "branch", "faction", "affiliate", "division", "brigade", "cell", "front",
              "subsidiary", "mission", "command", "battalion", "chapter", "franchise", "component"}
# "the Sahara Press Service, owned by the Polisario Front": what the owner runs is a part of it
OWNER_VERBS = {"own", "run", "operate", "control"}
ORG_KINDS = ("armed_group", "state_force", "state_agency", "other", "company")
_JUST_POSSESSIVE = re.compile(r"^\s*(?:\([^)]{1,15}\)\s*)?[’']s?\s+(?:the\s+)?$")


def part_relations(dm: DocMentions, parsed: Parsed, known: set[tuple[str, str, str]]) -> list[Relation]:
    """Each part_of the sentences state through an owner, that the earlier passes (``known``)
    did not already give, either way round."""
    out: list[Relation] = []
    seen = set(known)
    for sent in dm.sentences:
        orgs = [m for m in dm.in_sentence(sent.index) if m.kind in ORG_KINDS]
        if len(orgs) < 2:
            continue
        owner_of = {}
        for m in orgs:
            for i in parsed.ids(m.span.start, m.span.end):
                owner_of.setdefault(i, m)
        for part in orgs:
            head = parsed.root_of(part.span.start, part.span.end)
            if head is None:
                continue
            owner = (_possessor(head, owner_of, part, sent) or _owner_of_part_noun(head, owner_of, part)
                     or _owned_by(head, owner_of, part) or _force_from(head, owner_of, part))
            if owner is None or owner.key == part.key:
                continue
            key = (part.key, "part_of", owner.key)
            if key in seen or (owner.key, "part_of", part.key) in seen:
                continue
            seen.add(key)
            out.append(Relation(subject=part.key, predicate="part_of", object=owner.key, quote=sent.span.text,
                                span=sent.span, basis="parse:part named through its owner"))
    return out


def _possessor(head, owner_of: dict, part, sent):
    """"the FARC's Jacobo Arenas front": the owner's possessive written right before the name."""
    for c in head.children:
        owner = owner_of.get(c.i)
        if c.dep_ == "poss" and owner is not None and owner is not part \
                and sent.span.start <= owner.span.end <= part.span.start:
            between = sent.span.text[owner.span.end - sent.span.start:part.span.start - sent.span.start]
            if _JUST_POSSESSIVE.match(between):
                return owner
    return None


def _owner_of_part_noun(head, owner_of: dict, part):
    """"the KNU's armed wings, the KNLA and the KNDO": a name apposed to a part noun (or
    coordinated with one that is) whose possessor is the owner."""
    t = head
    while t.dep_ == "conj" and t.head is not t:
        t = t.head
    if t.dep_ != "appos" or t.head.lemma_.lower() not in PART_NOUNS:
        return None
    for c in t.head.children:
        owner = owner_of.get(c.i)
        if c.dep_ == "poss" and owner is not None and owner is not part:
            return owner
    return None


def _owned_by(head, owner_of: dict, part):
    """"The Sahara Press Service, owned by the Polisario Front"."""
    for verb in (c for c in head.children if c.dep_ == "acl" and c.lemma_.lower() in OWNER_VERBS):
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            for obj in (g for g in agent.children if g.dep_ == "pobj"):
                owner = owner_of.get(obj.i)
                if owner is not None and owner is not part:
                    return owner
    return None


def _force_from(head, owner_of: dict, part):
    """"Burundian soldiers from AMISOM": a state's force named as a contingent of another force."""
    if part.kind != "state_force":
        return None
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "from"):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            owner = owner_of.get(obj.i)
            if owner is not None and owner is not part and owner.kind == "state_force":
                return owner
    return None
