"""Words that refer back to a group named before: "It", "the group", "the insurgents".

Kept apart from the finder because each of these needs the mentions found so
far, in this sentence and the ones before, and a rule for which of them is
meant: the group the previous sentence led with, the nearest armed group or
named unit, or the report's one dominant armed group.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ratline.schema import Entity, Mention, Span

_IT = re.compile(r"^(It)\s+(?:(?:is|was|has|had)\s+(?!(?:unclear|likely|unlikely|possible|not clear|believed|"
                 r"expected|important|thought|said that|understood|reported that|too|hard|difficult|time|no|not)\b)"
                 r"|(?:split|broke|claimed|joined|pledged|emerged|operates|controls|coordinates|recruits|"
                 r"announced|denied|accused|released|abducted|kidnapped)\b)")
_ANAPHOR = re.compile(r"\b(?:the|this|that|its|their)\s+(?!(?:same|other|new|rival|opposing|another|former|"
                      r"the|this|that|its|their|a|an)\s)"       # "said that the movement": "the movement"
                      r"((?:(?-i:[a-zè][\w’'-]*)\s+|[\w’'.]+-(?:backed|led|based|"
                      r"linked|aligned|allied)\s+)?"
                      r"(?:network|group|militia|organi[sz]ation|movement|faction|cartel|gang|alliance|syndicate|"
                      r"task force|command|brigade|battalion|coalition|front))\b(?!s)",
                      re.I)

_GENERIC_FIGHTERS = re.compile(r"\b(?:the\s+)?(insurgents|militants|jihadists|rebels|extremists|terrorists|guerrillas|"
                               r"gunmen)\b", re.I)


def _sentence_initial_it(sent, found: list[Mention], ents, last_group: str | None) -> None:
    """"It split from ...", "It has claimed ...": the group the sentence before led with."""
    it = _IT.match(sent.span.text)
    if it and last_group:
        s0 = sent.span.start + it.start(1)
        found.append(Mention(Span(s0, s0 + len(it.group(1)), it.group(1)), ents[last_group].type,
                             last_group, sent.index, "anaphora:sentence-initial it"))


def _group_anaphors(body: str, sent, found: list[Mention], mentions: list[Mention], ents) -> None:
    """"the group", "this network", "the Iran-backed militia": the group it refers back to (see
    ``_antecedent``), appended to the sentence's mentions."""
    for am in _ANAPHOR.finditer(sent.span.text):
        a0, a1 = sent.span.start + am.start(), sent.span.start + am.end()
        head0 = a1 - len(am.group(1).split()[-1])
        overlap = [f for f in found if f.span.start < a1 and a0 < f.span.end]
        if overlap and any(f.span.end > head0 for f in overlap):
            continue                 # "the Qazali Network" is a name, not an anaphor
        before = [f for f in found if f.span.end <= sent.span.start + am.start()]
        ref = _antecedent(before, mentions, ents, am.group(1))
        if ref:
            s0 = head0 if overlap else a0     # "the Iran-backed group": the backer stays a mention
            found.append(Mention(Span(s0, a1, body[s0:a1]), ents[ref].type, ref,
                                 sent.index, "anaphora:nearest-group"))


_NAMED_HEADS = ("task force", "command", "brigade", "battalion", "coalition", "front")


def _antecedent(found, earlier, ents, noun: str) -> str | None:
    """The group "the group" means: the nearest armed group; "the task force", "the brigade":
    the nearest named actor whose name has that word, or none."""
    head = noun.split()[-1].lower()
    named = next((h for h in _NAMED_HEADS if noun.lower().endswith(h)), None)
    if named is not None:
        for m in reversed(earlier + found):
            if m.kind in ("armed_group", "state_force", "state_agency", "other") and m.key in ents \
                    and named in " ".join([ents[m.key].name, *ents[m.key].aliases]).lower():
                return m.key
        return None
    for m in reversed(earlier + found):
        if m.kind != "armed_group":
            continue
        if head in ("network",) and "network" not in " ".join(ents[m.key].aliases + [ents[m.key].name]).lower():
            continue
        return m.key
    for m in reversed(earlier + found):
        if m.kind == "armed_group":
            return m.key
    return None


def _generic_fighters(sentences, mentions: list[Mention], ents: dict[str, Entity]) -> list[Mention]:
    """"the insurgents", "gunmen": the report's one dominant armed group, when it clearly has one
    (named at least twice, and at least twice as often as any other)."""
    counts: dict[str, int] = {}
    for m in mentions:
        if m.kind == "armed_group" and m.basis.startswith("dictionary"):
            counts[m.key] = counts.get(m.key, 0) + 1
    if not counts:
        return []
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    top, n = ranked[0]
    if n < 2 or (len(ranked) > 1 and ranked[1][1] * 2 > n):
        return []
    return [Mention(Span(s0, s1, word), "armed_group", top, sent.index, "anaphora:generic-fighters")
            for sent, s0, s1, word in _free_hits(sentences, _GENERIC_FIGHTERS, mentions)]


def _free_hits(sentences, rx, mentions: list[Mention]):
    """(sentence, start, end, words) for each match of ``rx``'s first group that no mention
    found so far overlaps."""
    taken = [(m.span.start, m.span.end) for m in mentions]
    for sent in sentences:
        for hit in rx.finditer(sent.span.text):
            s0, s1 = sent.span.start + hit.start(1), sent.span.start + hit.end(1)
            if not any(a < s1 and s0 < b for a, b in taken):
                yield sent, s0, s1, hit.group(1)


def _site_anaphors(sentences, mentions: list[Mention], ents: dict[str, Entity], site_nouns) -> list[Mention]:
    """"the temple area", "outside the courthouse": the site the report last named by a name ending
    in that noun ("the Preah Vihear temple", "Derry courthouse"), the nearest antecedent."""
    sites = sorted((m for m in mentions if m.kind in ("place", "facility")), key=lambda m: m.span.start)
    out = []
    for sent, s0, s1, noun in _free_hits(sentences, _the_site_rx(frozenset(site_nouns)), mentions):
        named = [m for m in sites if m.span.end <= s0 and m.key in ents and _last_word(ents[m.key].name) == noun]
        if named:
            out.append(Mention(Span(s0, s1, noun), named[-1].kind, named[-1].key, sent.index, "anaphora:the-site"))
    return out


@lru_cache(maxsize=4)
def _the_site_rx(site_nouns: frozenset[str]):
    """"the temple", "the courthouse" (not "the camp of ..."): compiled once per noun list."""
    words = "|".join(sorted((re.escape(w) for w in site_nouns if " " not in w), key=len, reverse=True))
    return re.compile(r"\bthe\s+(" + words + r")\b(?!\s+of\b)(?![-’'])")


def _last_word(name: str) -> str:
    words = name.split()
    return words[-1].lower() if words else ""
