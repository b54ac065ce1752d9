"""Named people killed, captured or freed, and by whom, read from the parse: who did it is the
subject of an active verb ("Iraqi police captured X"), the agent of a passive ("X was shot dead
by police", "before being shot dead by police"), the one who announced a noun of the act ("Iraqi
police announced the capture of X") or the "by" after that noun ("the killing of X by troops").

The patterns of ``victim_relations.py`` read the common word orders over the masked sentence;
this pass reads the tree, so a clause between the words ("X, who disguised himself ..., opened
fire ... before being shot dead by police") or a noun of the act no longer hides who did it.
Only a person the text names and an actor (armed group, state force or agency, government)
make a relation; what the patterns already gave is not repeated.
"""
from __future__ import annotations

from ratline.mentions.finder import DocMentions
from ratline.parse.nlp import Parsed
from ratline.schema import Relation

# the verb (or noun) of the act, by lemma -> the relation it gives
ACT_LEMMAS = {"kill": "killed_by", "assassinate": "killed_by", "execute": "killed_by", "shoot": "killed_by",
              "capture": "captured_by", "arrest": "captured_by", "detain": "captured_by", "apprehend": "captured_by",
              "abduct": "captured_by", "kidnap": "captured_by", "release": "released_by", "free": "released_by",
              "killing": "killed_by", "assassination": "killed_by", "execution": "killed_by",
              "detention": "captured_by", "abduction": "captured_by", "kidnapping": "captured_by"}
# verbs whose subject owns the act a noun names ("Iraqi police announced the capture of X")
ANNOUNCING = frozenset({"announce", "report", "confirm", "claim", "say"})
ACTOR_KINDS = ("armed_group", "state_force", "state_agency", "government")


def victim_relations(dm: DocMentions, parsed: Parsed, known: set[tuple[str, str, str]]) -> list[Relation]:
    """Each killed_by, captured_by or released_by the parse states and the patterns (``known``) did not give."""
    out: list[Relation] = []
    seen = set(known)
    for sent in dm.sentences:
        here = dm.in_sentence(sent.index)
        persons = _index(parsed, [m for m in here if m.kind == "person"])
        actors = _index(parsed, [m for m in here if m.kind in ACTOR_KINDS])
        if not persons or not actors:
            continue
        for tok in parsed.tokens_in(sent.span.start, sent.span.end):
            pred = ACT_LEMMAS.get(tok.lemma_.lower())
            if pred is None or any(c.dep_ == "neg" for c in tok.children):
                continue
            if pred == "killed_by" and tok.lemma_.lower() == "shoot" and not _shot_dead(tok):
                continue               # "was shot" may have lived
            victims, doers = _roles(tok)
            for v in (persons.get(t.i) for t in victims):
                for a in (actors.get(t.i) for t in doers):
                    if v is None or a is None or (v.key, pred, a.key) in seen:
                        continue
                    seen.add((v.key, pred, a.key))
                    out.append(Relation(subject=v.key, predicate=pred, object=a.key, quote=sent.span.text,
                                        span=sent.span, basis=f"parse:{tok.lemma_.lower()} (who to whom)"))
    return out


def _index(parsed: Parsed, mentions) -> dict:
    """Token index -> the mention that covers it."""
    out = {}
    for m in mentions:
        for i in parsed.ids(m.span.start, m.span.end):
            out.setdefault(i, m)
    return out


def _shot_dead(tok) -> bool:
    return any(c.lower_ in ("dead", "death") for c in tok.children)


def _with_conjuncts(tokens) -> list:
    return [x for t in tokens for x in (t, *t.conjuncts)]


def _roles(tok) -> tuple[list, list]:
    """(who the act befell, who did it) for a verb or a noun of the act."""
    if tok.pos_ == "NOUN":
        victims = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                   if g.dep_ == "pobj"]
        doers = [g for c in tok.children if c.dep_ in ("prep", "agent") and c.lower_ == "by" for g in c.children
                 if g.dep_ == "pobj"]
        if not doers and tok.dep_ == "dobj" and tok.head.lemma_.lower() in ANNOUNCING:
            doers = [c for c in tok.head.children if c.dep_ == "nsubj"]
        return _with_conjuncts(victims), _with_conjuncts(doers)
    if tok.pos_ != "VERB":
        return [], []
    passive = any(c.dep_ == "auxpass" for c in tok.children)
    if passive:
        victims = [c for c in tok.children if c.dep_ == "nsubjpass"]
        if not victims and tok.dep_ in ("advcl", "pcomp", "xcomp"):
            victims = _subject_above(tok)        # "..., before being shot dead by police"
        doers = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    else:
        victims = [c for c in tok.children if c.dep_ == "dobj"]
        doers = [c for c in tok.children if c.dep_ == "nsubj"]
    return _with_conjuncts(victims), _with_conjuncts(doers)


def _subject_above(tok) -> list:
    """The subject of the clause a participle hangs on."""
    up = tok.head
    for _ in range(4):
        subj = [c for c in up.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return subj
        if up.head is up:
            break
        up = up.head
    return []
