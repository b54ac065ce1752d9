"""captured_by, released_by and killed_by: what happened to named people, and at whose hands.

This pass exists apart from the sentence patterns because it reads a clause
around a verb ("X was detained", "detained X and Y", "among them X") and looks
for the actors on the right side of that verb, carrying the actors of one
sentence over to the next ("... in a raid. Among those detained were X").
"""
from __future__ import annotations

import re

from ratline.extract.cues import masked_cue, speaks_after
from ratline.extract.masking import Masked, mask
from ratline.extract.relation_patterns import _PH, _add
from ratline.mentions.finder import DocMentions

_VICTIM_VERB = r"(captured|detained|arrested|seized|abducted|kidnapped|killed|assassinated|released|freed)"
_PASSIVE = re.compile(r"⟦(\d+)⟧(?:\s*,[^,;.]{0,60},|(?<=,\s⟦\d⟧),|(?<=,\s⟦\d\d⟧),)?\s+(?:was|were|had been|has been|have been)\s+"
                      r"(?:[\w-]+\s+){0,5}?" + _VICTIM_VERB + r"\b", re.I)      # "X was among the men detained"
_ACTIVE = re.compile(r"\b" + _VICTIM_VERB + r"\s+(?:him\s+and\s+|her\s+and\s+)?(?:(?!by\b)[\w’'⟦⟧-]+,?\s+){0,5}?"
                     r"⟦(\d+)⟧", re.I)                                           # "detained Laith and Qais"
_INVERTED = re.compile(r"\b" + _VICTIM_VERB + r"\b[^.;⟦]{0,50}?\b(?:was|were)\s+⟦(\d+)⟧", re.I)
_AMONG_THEM = re.compile(r"\b" + _VICTIM_VERB + r"\b[^.;]{0,80}?\b(?:among them|including)\s+(?:[\w⟦⟧-]+,?\s+){0,8}?"
                         r"⟦(\d+)⟧", re.I)
# "Haji Mali Khan, who NATO captured last week", "X, the AQIM leader who was killed by French forces"
_WHO_ACTIVE = re.compile(r"⟦(\d+)⟧\s*,\s+(?:who|whom)\s+(?:[\w-]+\s+){0,2}?⟦\d+⟧\s+(?:had\s+|has\s+|later\s+)?"
                         + _VICTIM_VERB + r"\b", re.I)
_WHO_PASSIVE = re.compile(r"⟦(\d+)⟧\s*,[^,;.⟦]{0,40}?(?:⟦\d+⟧[^,;.⟦]{0,30}?)?\b(?:who|whom)\s+(?:was|were|had been|has been)\s+"
                          r"(?:[\w-]+\s+){0,2}?" + _VICTIM_VERB + r"\b", re.I)
_CLAUSE_START = re.compile(r".*(?:[;:]|\b(?:when|after|while|as|because|before|although|though|whereas)\b)\s*",
                           re.I | re.S)
_PREDICATE_OF = {"killed": "killed_by", "assassinated": "killed_by", "released": "released_by", "freed": "released_by"}
_ACTOR_KINDS = {"armed_group", "state_force", "state_agency", "government"}


def _victim_relations(rels, dm: DocMentions) -> None:
    """Named people captured, killed or released, and by whom, read from the clause that says so."""
    prev_actors: list = []
    for sent in dm.sentences:
        m = mask(sent.span, dm.in_sentence(sent.index), [])
        actors_here: list = []
        listed = dm.parsed.cue_next("among_listed", sent.span.start)    # "Among those detained are X; Y"
        if listed:
            verb = dm.parsed.text[listed[0]:listed[1]].split()[-2].lower()
            pred = _PREDICATE_OF.get(verb, "captured_by")
            for part in m.text.split(";"):
                persons = [m.mention(k) for k in _PH.findall(part) if m.mention(k).kind == "person"]
                for a in prev_actors if persons else []:
                    _add(rels, persons[0].key, pred, a.key, m, "victim:among those " + verb)
            continue
        for rx, side in ((_PASSIVE, "after"), (_ACTIVE, "before"), (_INVERTED, "previous"), (_AMONG_THEM, "before"),
                         (_WHO_ACTIVE, "before"), (_WHO_PASSIVE, "after")):
            for hit in rx.finditer(m.text):
                verb = next(g for g in hit.groups() if g and not g.isdigit()).lower()
                ref = next(g for g in hit.groups() if g and g.isdigit())
                if rx is _AMONG_THEM and m.mention(ref).kind != "person":
                    later = [k for k in _PH.findall(m.text[hit.end():hit.end() + 90])
                             if m.mention(k).kind == "person"]          # "among them a ⟦Taliban⟧ governor, ⟦X⟧"
                    ref = later[0] if later else ref
                victim = m.mention(ref)
                if victim.kind != "person" or speaks_after(dm.parsed, m, victim.span.end, "speaks"):
                    continue
                verb_at = hit.start() + hit.group(0).lower().find(verb)
                if side == "before":
                    actors = _clause_actors(m, verb_at)
                    if not actors and _PRONOUN_SUBJECT.search(m.text[:verb_at]):
                        actors = _clause_actors(m, verb_at, whole=True)   # "the US military ... when it detained"
                elif side == "after":
                    actors = _actors_after(m, verb_at + len(verb))
                else:
                    actors = []
                if not actors and verb not in ("killed", "assassinated") and side != "before" \
                        and (side == "previous" or "among" in hit.group(0).lower()):
                    actors = list(prev_actors)      # "was among the men detained": the raid's forces
                actors_here = actors_here or actors
                pred = _PREDICATE_OF.get(verb, "captured_by")
                for a in actors:
                    key = _military_of(a) if pred == "killed_by" else a.key
                    if key != victim.key:
                        if key in _dictionary().actors:
                            dm.ensure_actor(_dictionary().actors[key], _dictionary().actors[key].name,
                                            "dictionary:armed forces of a state")
                        _add(rels, victim.key, pred, key, m, f"victim:{verb}")
        if not actors_here:
            verb = masked_cue(dm.parsed, m, "victim_verb")
            actors_here = _clause_actors(m, verb[0]) if verb else []
        prev_actors = actors_here or prev_actors


_PRONOUN_SUBJECT = re.compile(r"\b(?:it|they)\s+(?:[\w-]+\s+){0,2}$", re.I)


def _dictionary():
    from ratline.mentions.dictionary import default_dictionary

    return default_dictionary()


def _military_of(m) -> str:
    """"killed in an Israeli airstrike": a state named by its adjective kills through its armed
    forces, so the edge goes to them when the dictionary knows them."""
    if m.kind != "government" or not m.basis.endswith("adjective"):
        return m.key
    return _dictionary().military_of(m.key) or m.key


def _clause_actors(m: Masked, pos: int, whole: bool = False) -> list:
    """Actors in the clause that ends at ``pos`` ("when a US drone killed ...": the US); with
    ``whole``, in the sentence up to ``pos`` (the antecedent of "when it detained ...")."""
    head = m.text[:pos]
    cut = None if whole else _CLAUSE_START.match(head)
    start = cut.end() if cut else 0
    out = []
    for k, x in enumerate(m.mentions):
        at = m.text.find(f"⟦{k}⟧")
        modifier = re.match(r"\.?-(?:led|backed|based|trained)\b", m.text[at + len(f"⟦{k}⟧"):])
        if start <= at < pos and x.kind in _ACTOR_KINDS and not modifier and x.key not in [o.key for o in out] \
                and not x.basis.endswith("national-force"):
            out.append(x)       # "the U.S.-led coalition killed": the coalition, not the US
    return out


def _actors_after(m: Masked, pos: int) -> list:
    """"were killed in a joint Iraqi and U.S. operation", "was captured by Afghan forces"."""
    tail = m.text[pos:pos + 90]
    hit = re.match(r"\s+(?:(?:by|in|during)\s+(?:the\s+|a\s+|an\s+)?(?:joint\s+)?)((?:⟦\d+⟧|and|[\w.-]+|\s)+?)"
                   r"\s*(?:operation|raid|strike|airstrike|offensive|ambush|attack|forces|troops|drone)?\b", tail, re.I)
    if not hit:
        return []
    out = []
    for k in _PH.findall(hit.group(1)):
        x = m.mention(k)
        if x.kind in _ACTOR_KINDS and x.key not in [o.key for o in out]:
            out.append(x)
    return out
