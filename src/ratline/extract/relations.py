"""Relations between actors, from the shapes reporting uses to state them.

Each pattern is written over the masked sentence (names replaced by ⟦n⟧), so
"X, the leader of Y", "Y leader X", "Iranian-backed Y", "Y receives funding ...
from X" work for any names.  A slot may be a list ("Iran and Lebanese Hezbollah")
or a possessive ("Iran's Qods Force": the head, Qods Force, is the actor).
Arrests, releases and killings of named people also become captured_by /
released_by / killed_by edges from the events.

This module is the driver: it masks each sentence, expands "its" and "these
groups", runs the patterns of ``extract/relation_patterns.py``, then the passes
that read relations from names and titles (``extract/named_relations.py``) and
from what happened to named people (``extract/victim_relations.py``); and it
dates the relations it found (``date_relations``).
"""
from __future__ import annotations

import re

from ratline.extract.masking import Masked, mask
from ratline.extract.named_relations import _relations_inside_names, _titled_leaders
from ratline.extract.relation_patterns import _COMPILED, _PH, _keep
from ratline.extract.victim_relations import _victim_relations
from ratline.mentions.finder import DocMentions
from ratline.schema import Relation


def extract_relations(dm: DocMentions) -> list[Relation]:
    rels: dict[tuple[str, str, str], Relation] = {}
    prev_groups: list = []
    prev_subject = None
    for sent in dm.sentences:
        mentions = [x for x in dm.in_sentence(sent.index) if _relation_mention(x, dm.sentences[sent.index].span)
                    and x.kind != "place"]      # places take no part in relations; their words stay text
        m = _expand_plural_anaphora(mask(sent.span, mentions, []), prev_groups, prev_subject)
        m.text = _DASH_ASIDE.sub(" ", m.text)      # "the rogue units – so called by MNF-I – cooperate with"
        named_here = _groups_named(m, mentions)
        prev_groups = named_here or prev_groups
        # "its" at the start of the next sentence: the group just named, else the subject just named
        prev_subject = named_here[0] if named_here else next((x for x in m.mentions if x.kind in _ITS_KINDS), None)
        if len(m.mentions) < 2 and "sanction" not in m.text:
            continue                     # a relation needs two parties
        for pat in _COMPILED:
            for hit in pat.rx.finditer(m.text):
                subjects = _heads(m, hit.group("s"), pat.name.startswith("y leader") or "'s y" in pat.name)
                for s in subjects:
                    for o in _heads(m, hit.group("o"), False):
                        if o.key not in {x.key for x in subjects}:      # "Both were part of the same ..."
                            _keep(rels, m, pat, s, o)
    _relations_inside_names(rels, dm)
    _titled_leaders(rels, dm)
    _victim_relations(rels, dm)
    return list(rels.values())


_DASH_ASIDE = re.compile(r"\s[–—]\s[^–—.;]{1,160}?\s[–—]\s")
_EXAMPLES = re.compile(r"\b(?:such as|including|like)\b")


def _groups_named(m: Masked, mentions: list) -> list:
    """Groups a later "these groups" can mean: after "such as"/"including" when the sentence lists examples."""
    cue = _EXAMPLES.search(m.text)
    groups = [x for x in mentions if x.kind == "armed_group"]
    if cue:
        after = [m.mentions[int(k)] for k in _PH.findall(m.text[cue.end():])]
        listed = [x for x in after if x.kind == "armed_group"]
        return listed or groups
    return groups


_PLURAL_ANAPHOR = re.compile(r"\b[Tt]hese (?:terror |militant |armed )?(?:groups|networks|militias|organi[sz]ations|cells|"
                             r"gangs|factions|federations)\b|^Both(?= (?:are|were|have|had|remain)\b)")


def _relation_mention(m, sent_span) -> bool:
    """Demonyms count only where they name a backer ("Iranian-backed") or a leader ("Kenyan-led")."""
    if not m.basis.endswith("adjective"):
        return True
    after = sent_span.text[m.span.end - sent_span.start:][:12]
    return bool(re.match(r"\s*-?\s*(?:backed|funded|sponsored|supported|trained|armed|supplied|led)\b", after))


def _expand_plural_anaphora(m: Masked, prev_groups: list, prev_subject=None) -> Masked:
    """"These networks" stands for the groups of the previous sentence; "its" for the nearest group."""
    m = _expand_its(m, prev_groups, prev_subject)
    if not prev_groups or not _PLURAL_ANAPHOR.search(m.text):
        return m
    seen, refs = set(), []
    for g in prev_groups:
        if g.key not in seen:
            seen.add(g.key)
            refs.append(f"⟦{len(m.mentions)}⟧")
            m.mentions.append(g)
    m.text = _PLURAL_ANAPHOR.sub(" and ".join(refs), m.text, count=1)
    return m


_ITS = re.compile(r"\b[Ii]ts\b")


_ITS_KINDS = ("armed_group", "state_force", "government")


def _expand_its(m: Masked, prev_groups: list, prev_subject=None) -> Masked:
    """"its": the nearest force or group before it in the sentence; at the start of a sentence,
    the subject of the one before ("The military ... has ruled since 2021. Its leader, ...")."""
    out, last = [], 0
    for hit in _ITS.finditer(m.text):
        before = [int(k) for k in _PH.findall(m.text[:hit.start()])
                  if m.mentions[int(k)].kind in ("armed_group", "state_force")]
        fallback = prev_subject if prev_subject is not None else (prev_groups[-1] if prev_groups else None)
        ref = m.mentions[before[-1]] if before else fallback
        if ref is None:
            continue
        out.append(m.text[last:hit.start()])
        out.append(f"⟦{len(m.mentions)}⟧")
        m.mentions.append(ref)
        last = hit.end()
    if out:
        out.append(m.text[last:])
        m.text = "".join(out)
    return m


def _heads(m: Masked, text: str, first_only: bool):
    """Mentions a slot names: each list item's head (the last placeholder of a possessive)."""
    items = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+(?:the\s+)?|\s*/\s*|\s+as well as\s+(?:the\s+)?", text)
    out = []
    for item in items:
        phs = _PH.findall(item)
        if phs:
            out.append(m.mention(phs[0] if first_only else phs[-1]))
    return out



_UNTIL = re.compile(r"\b(?:up\s+)?(?:until|till|through)\s+(?:his|her|its|their|the)?\s*(?:[\w-]+\s+){0,2}?(?:in\s+)?$",
                    re.I)


def date_relations(relations: list[Relation], base, find_dates, parsed) -> None:
    """Dates of the relations themselves: "up until his capture in 2007", "now said to be under
    the command of", "the former commander" — read from the relation's own sentence."""
    for r in relations:
        if r.basis.startswith("victim:") or r.basis.startswith("event:"):
            refs = [d for d in find_dates(r.quote, base, r.span.start, None) if d.date and not d.since]
            if refs:
                r.date, r.date_precision = refs[0].date, refs[0].precision
            continue
        for d in find_dates(r.quote, base, r.span.start, None):
            if not d.date:
                continue
            before = r.quote[:d.span.start - r.span.start]
            if _UNTIL.search(before):
                r.until = d.date
            elif d.since:
                r.since = d.date
        if r.since is None and base is not None and parsed.cue_in("now_true", r.span.start, r.span.end):
            r.since = base.isoformat()       # true as of the report
