"""A person's office in a group, read from the parse: "Brahim Ghali, leader of the Polisario
Front", "BIFF-KF chairman Mohiden Animbang", "its spokesman, Abu Obeida".

The role noun fixes the predicate (``ROLE_NOUNS``, data); the group is a mention inside the
role's own phrase: its modifiers ("army spokesman") or the head of its "of"/"for" object.
A head of state or government leads the state his title is written with ("US President Donald
Trump", "Armenian President Serzh Sarkisian", "Peru's President Alan Garcia"); a former or a
deputy role is not the office ("a former commander", "the deputy commander": member only; a
vice president is left out), nor is a commander named without "the" ("Fano commander X").
"""
from __future__ import annotations

from ratline.mentions.finder import DocMentions
from ratline.parse.nlp import Parsed
from ratline.schema import Relation

ROLE_NOUNS = {
    "leads": ("leader", "chief", "head", "chairman", "chairperson", "founder", "emir", "amir", "commander",
              "boss", "co-founder", "director"),
    "spokesman_for": ("spokesman", "spokesperson", "spokeswoman"),
    "member_of": ("member", "operative", "fighter", "militant", "financier", "facilitator", "ideologue",
                  "recruiter", "officer"),
}
# titles of a head of state or government: the state named with the title is the one led
# ("minister" only as "prime minister")
HEAD_OF_STATE = ("president", "king", "queen", "premier", "chancellor", "minister")
_PREDICATE = {noun: pred for pred, nouns in ROLE_NOUNS.items() for noun in nouns}
_PREDICATE.update({noun: "leads" for noun in HEAD_OF_STATE})
_PREDICATE["secretary"] = "spokesman_for"      # only a press secretary (checked where it is read)
GROUP_KINDS = ("armed_group", "state_force", "state_agency", "other", "company")
PAST = ("former", "ex", "onetime", "late", "then", "ousted", "deposed", "toppled", "exiled")
SECOND = ("deputy", "vice", "assistant", "second", "sub")
_MODIFIERS = ("compound", "amod", "poss", "nmod")
_PREPS = ("of", "for", "in", "within", "inside")


def _phrase(role) -> set[int]:
    out = {role.i}
    heads = [c for c in role.children if c.dep_ in _MODIFIERS]
    for c in role.children:
        if c.dep_ == "prep" and c.lower_ in _PREPS:
            heads.extend(g for g in c.children if g.dep_ == "pobj")
    for h in heads:
        out.add(h.i)
        out.update(c.i for c in h.children if c.dep_ in ("compound", "flat", "appos"))
    return out


def _one_of_its_commanders(role, person, mods: set[str]) -> bool:
    """"Fano commander Shambel Mengiste" is one of its commanders; "the Fano commander X" and
    its "top commander" lead it."""
    if role.lemma_.lower() != "commander" or role.dep_ != "compound" or mods & {"top", "supreme", "overall", "chief"}:
        return False             # "X, commander of the 2nd Division" leads it
    dets = [c for t in (role, *person) for c in t.children if c.dep_ == "det"]
    return not any(d.lower_ == "the" for d in dets)


def _roles_of(person) -> list:
    roles = []
    for t in person:
        roles.extend(c for c in t.children
                     if c.dep_ in ("appos", "compound") and c.lemma_.lower() in _PREDICATE)
        if t.dep_ == "appos" and t.head.lemma_.lower() in _PREDICATE:
            roles.append(t.head)
    return roles


def office_relations(dm: DocMentions, parsed: Parsed, known: set[tuple[str, str, str]]) -> list[Relation]:
    out: list[Relation] = []
    seen = set(known)
    for sent in dm.sentences:
        mentions = dm.in_sentence(sent.index)
        people = [m for m in mentions if m.kind == "person"]
        groups = [m for m in mentions if m.kind in GROUP_KINDS and not m.basis.endswith("adjective")]
        states = [m for m in mentions if m.kind == "government"]
        if not people or not (groups or states):
            continue
        group_tokens = [parsed.ids(g.span.start, g.span.end) for g in groups]
        state_tokens = [parsed.ids(g.span.start, g.span.end) for g in states]
        for p in people:
            ptoks = parsed.tokens_in(p.span.start, p.span.end)
            own = parsed.ids(p.span.start, p.span.end)
            for role in _roles_of(ptoks):
                mods = {c.lower_.split("-")[0] for c in role.children if c.dep_ in ("amod", "compound")}
                held = {c.lower_.split("-")[0] for t in ptoks for c in t.children if c.dep_ == "amod"}
                if (mods | held) & set(PAST):        # "ousted Thai premier Thaksin": "ousted" on the name
                    continue
                pred = _PREDICATE[role.lemma_.lower()]
                if role.lemma_.lower() == "secretary":
                    if "press" not in mods:
                        continue     # "Defense Secretary", "Secretary General": not a spokesman
                    pred = "spokesman_for"   # "Pentagon Press Secretary Geoff Morrell"
                head_of_state = role.lemma_.lower() in HEAD_OF_STATE
                if head_of_state and (mods & set(SECOND) or (role.lemma_.lower() == "minister" and "prime" not in mods)):
                    continue         # "Vice President", "Foreign Minister": not the head
                if pred == "leads" and (mods & set(SECOND) or _one_of_its_commanders(role, ptoks, mods)):
                    pred = "member_of"
                phrase = _phrase(role) - own
                candidates = zip(states, state_tokens) if head_of_state else zip(groups, group_tokens)
                for g, toks in candidates:
                    key = (p.key, pred, g.key)
                    if toks & phrase and key not in seen and g.key != p.key:
                        seen.add(key)
                        out.append(Relation(subject=p.key, predicate=pred, object=g.key, quote=sent.span.text,
                                            span=sent.span, basis=f"parse:office '{role.text}'"))
    return out
