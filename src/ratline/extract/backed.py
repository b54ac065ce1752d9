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
# a relative clause on the describing noun: "X is a group that broke off from Y"
SPLIT_VERBS = {"break": "splinter_of", "split": "splinter_of", "splinter": "splinter_of", "secede": "splinter_of",
               "emerge": "splinter_of", "defect": "splinter_of"}
GROUP_KINDS = ("armed_group", "state_force", "state_agency", "other")
BACKER_KINDS = ("government", "armed_group", "state_force", "state_agency")


def _described_noun(word):
    """The noun a '-backed' word describes: its head, or for "which is thought to be
    Iranian-backed" the noun the relative clause hangs from."""
    if word.dep_ == "amod":
        return word.head
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
    return None


def _split_from(noun):
    """"a group that broke off from the Mahdi Army": the token of what it broke from."""
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
            predicate = BACKED.get(word.lower_)
            if predicate is None or word.dep_ not in ("amod", "acomp"):
                continue
            backer_toks = {c.i for c in word.children if c.dep_ in ("npadvmod", "compound", "nmod")}
            backers = [m for m, toks in zip(mentions, tokens) if m.kind in BACKER_KINDS and toks & backer_toks]
            noun = _described_noun(word)
            named = _stands_for(noun) if noun is not None else None
            if not backers or named is None:
                continue
            groups = [m for m, toks in zip(mentions, tokens) if m.kind in GROUP_KINDS and named.i in toks]
            for b in backers:
                for g in groups:
                    add(b, predicate, g, sent, f"parse:described as {word.text} by")
    return out
