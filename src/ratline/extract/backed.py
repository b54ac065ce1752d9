"""Backers named in a description of a group, read from the parse.

"The League of the Righteous is an Iranian-backed group", "Asaib Ahl al-Haq, a group
which is thought to be Iranian-backed": the "-backed" word describes a noun ("group")
that stands for a named group through a copula, an apposition or a relative clause.  The
pattern layer reads "Iranian-backed X" when X is the name itself; this reads the
description.  The backer is a mention inside the modifier ("Iranian" is Iran); the group
is the mention the described noun stands for.
"""
from __future__ import annotations

from ratline.mentions.finder import DocMentions
from ratline.parse.nlp import Parsed
from ratline.schema import Relation

# the participle after the backer's name, and what it says the backer does (data: extend it)
BACKED = {"backed": "supports", "funded": "supports", "sponsored": "supports", "trained": "supports",
          "armed": "supports", "supported": "supports", "financed": "supports", "equipped": "supports"}
# "Taliban-allied factions", "an al-Qaeda-linked group": the described group is the subject
ALLIED = {"allied": "allied_with", "linked": "allied_with", "affiliated": "allied_with", "aligned": "allied_with"}
# "a group with links to the Taliban": a noun of ties after "with", its "to"/"with" object the ally
TIES = {"link", "tie", "connection", "relation"}
# how a describing participle hangs from what it describes: "Iranian-backed group" (amod),
# "X, backed by Iran" (acl), "a faction that officials say is backed by Iran" (ccomp in a relative
# clause), "funded and trained by Iran" (conj)
DESCRIBING_DEPS = ("amod", "acomp", "acl", "ccomp", "relcl", "conj")
# a relative clause on the describing noun: "X is a group that broke off from Y"
SPLIT_VERBS = {"break": "splinter_of", "split": "splinter_of", "splinter": "splinter_of", "secede": "splinter_of",
               "emerge": "splinter_of", "defect": "splinter_of"}
# "X is an offshoot of Y": a describing noun whose "of" object is what the group broke from
SPLIT_NOUNS = {"offshoot": "splinter_of", "splinter": "splinter_of", "spin-off": "splinter_of",
               "spinoff": "splinter_of", "breakaway": "splinter_of"}
# "RED-Tabara operates with the support of Rwanda's government": the "of" object of such a noun,
# after "with", backs the clause's subject
WITH_SUPPORT = {"support", "backing", "sponsorship", "funding"}
GROUP_KINDS = ("armed_group", "state_force", "state_agency", "other")
BACKER_KINDS = ("government", "armed_group", "state_force", "state_agency")


def _described_noun(word):
    """The noun a '-backed' word describes: its head, or for "which is thought to be
    Iranian-backed" the noun the relative clause hangs from."""
    while word.dep_ == "conj" and word.head is not word:     # "funded and trained by Iran"
        word = word.head
    if word.dep_ in ("amod", "acl", "relcl"):
        return word.head                     # "the M23 rebel group, which is backed by Rwanda"
    t = word.head
    for _ in range(4):
        if t.dep_ == "relcl":
            return t.head
        if t.head is t:
            return None
        t = t.head
    return None


def _stands_for(noun):
    """The token of the named thing a describing noun is said of."""
    if noun.dep_ == "attr":                         # "X is an Iranian-backed group"
        return next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    if noun.dep_ == "appos":                        # "X, an Iranian-backed group"
        return noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ == "one":
        return _stands_for(noun.head.head)          # "X is one of three Taliban-allied factions"
    return None


def _split_from(noun):
    """"a group that broke off from the Mahdi Army", "an offshoot of the Mahdi Army": the token
    of what it broke from."""
    if noun.lemma_.lower() in SPLIT_NOUNS:
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
            return next((g for g in prep.children if g.dep_ == "pobj"), None), SPLIT_NOUNS[noun.lemma_.lower()]
    for verb in noun.children:
        if verb.dep_ != "relcl" or verb.lemma_ not in SPLIT_VERBS:
            continue
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in ("from", "with"):
                return next((g for g in prep.children if g.dep_ == "pobj"), None), SPLIT_VERBS[verb.lemma_]
    return None, None


def backed_relations(dm: DocMentions, parsed: Parsed, known: set[tuple[str, str, str]]) -> list[Relation]:
    """Backers named in a group's description, and what a described group broke from."""
    out: list[Relation] = []
    seen = set(known)

    def add(s, pred, o, sent, basis):
        key = (s.key, pred, o.key)
        if s.key != o.key and key not in seen:
            seen.add(key)
            out.append(Relation(subject=s.key, predicate=pred, object=o.key, quote=sent.span.text,
                                span=sent.span, basis=basis))

    for sent in dm.sentences:
        mentions = dm.in_sentence(sent.index)
        if len(mentions) < 2:
            continue
        tokens = [parsed.ids(m.span.start, m.span.end) for m in mentions]

        def named_by(tok, kinds):
            return [m for m, toks in zip(mentions, tokens) if m.kind in kinds and tok is not None and tok.i in toks]

        for noun in parsed.tokens_in(sent.span.start, sent.span.end):
            parent, pred = _split_from(noun)
            if parent is not None:
                for g in named_by(_stands_for(noun), GROUP_KINDS):
                    for y in named_by(parent, GROUP_KINDS):
                        add(g, pred, y, sent, "parse:described as broken away from")
        for word in parsed.tokens_in(sent.span.start, sent.span.end):
            predicate = BACKED.get(word.lower_) or ALLIED.get(word.lower_)
            if predicate is None or word.dep_ not in DESCRIBING_DEPS:
                continue
            backers = [m for m, toks in zip(mentions, tokens)
                       if m.kind in BACKER_KINDS and toks & _backer_tokens(word)]
            noun = _described_noun(word)
            if not backers or noun is None:
                continue
            for b in backers:
                for g in _groups_described(noun, mentions, tokens):
                    if word.lower_ in ALLIED:
                        add(g, predicate, b, sent, f"parse:described as {b.span.text}-{word.text}")
                    else:
                        add(b, predicate, g, sent, f"parse:described as {word.text} by")
        for noun in parsed.tokens_in(sent.span.start, sent.span.end):
            backer, subject = _with_support(noun)
            for b in named_by(backer, BACKER_KINDS):
                for g in named_by(subject, GROUP_KINDS):
                    add(b, "supports", g, sent, "parse:acts with the support of")
            for ally in _ties_of(noun):
                for y in named_by(ally, BACKER_KINDS):
                    for g in _groups_described(noun, mentions, tokens):
                        add(g, "allied_with", y, sent, "parse:described as having ties to")
    return out


def _backer_tokens(word) -> set[int]:
    """Where the backer is written: before the participle ("Iranian-backed") or after it as
    its agent ("backed by Iran")."""
    out = {c.i for c in word.children if c.dep_ in ("npadvmod", "compound", "nmod")}
    for agent in (c for c in word.children if c.dep_ == "agent"):
        for g in (g for g in agent.children if g.dep_ == "pobj"):
            led = {t.i for x in g.subtree if x.lower_.split("-")[-1] == "led" and x.i != g.i for t in x.subtree}
            out |= {t.i for t in g.subtree} - led     # "backed by a U.S.-led coalition": the coalition
    return out


def _groups_described(noun, mentions, tokens) -> list:
    """The named groups a describing noun stands for: the name itself ("Iranian-trained
    Special Groups"), or the name it is said of ("X, an Iranian-backed group")."""
    named = [t for t in (noun, _stands_for(noun)) if t is not None]
    return [m for m, toks in zip(mentions, tokens) if m.kind in GROUP_KINDS and any(t.i in toks for t in named)]


def _ties_of(noun) -> list:
    """"a group with links to the Taliban": the tokens of what the noun has ties to."""
    objects = [g for prep in noun.children if prep.dep_ == "prep" and prep.lower_ == "with"
               for tie in prep.children if tie.dep_ == "pobj" and tie.lemma_ in TIES
               for p in tie.children if p.dep_ == "prep" and p.lower_ in ("to", "with")
               for g in p.children if g.dep_ in ("pobj", "conj")]
    return objects + [c for g in objects for c in g.children if c.dep_ == "conj"]   # "to X and Y"


def _with_support(noun):
    """"X operates with the support of Rwanda's government": (backer token, subject token)."""
    if noun.lemma_.lower() not in WITH_SUPPORT or noun.dep_ != "pobj" or noun.head.lower_ != "with":
        return None, None
    verb = noun.head.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    backer = next((g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                   for g in p.children if g.dep_ == "pobj"), None)
    if backer is not None and backer.lemma_.lower() == "government":
        backer = next((c for c in backer.children if c.dep_ == "poss"), backer)   # "Rwanda's government"
    return backer, subject
