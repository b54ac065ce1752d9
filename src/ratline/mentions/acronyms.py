"""Acronyms: which actor a shared acronym means, and acronyms a report defines.

A module of its own because acronyms cut across every kind of actor and need
the whole report: "SNA" is the Syrian or the Somali National Army depending on
the country the report is about; "Cártel Jalisco Nueva Generación (CJNG)" joins
a full name to the acronym in brackets; and an acronym so defined names the
group wherever the report uses it after.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ratline.mentions.dictionary import alias_key
from ratline.mentions.entities import _add_alias
from ratline.schema import Entity, Mention, Span


def _acronym_for(dictionary, m, toks, body: str, country: str | None):
    """"SNA" is the Syrian National Army in a report on Syria and the Somali National Army in one
    on Somalia: an acronym several actors share goes to the one whose full name the report
    uses, else to the one of the country the report is about."""
    owners = dictionary.acronym_owners(" ".join(t.text for t in toks[m.start:m.end]))
    if len(owners) < 2:
        return m
    low = body.lower()
    named = [o for o in owners if any(f.lower() in low for f in [dictionary.actors[o].name,
                                                                 *dictionary.actors[o].aliases])]
    local = [o for o in owners if dictionary.actors[o].country == country]
    pick = (named or local or [m.actor_id])[0]
    return m if pick == m.actor_id else type(m)(m.start, m.end, pick, m.form)


_PAREN_ACRONYM = re.compile(r"^\s*\(\s*((?:[A-Z][a-z]?){1,2}[A-Z0-9&-][A-Z0-9&a-z-]{0,7})\s*\)")


def _acronym_appositions(body: str, mentions: list[Mention], ents: dict[str, Entity], theatre: str | None = None) -> None:
    """"Cártel Jalisco Nueva Generación (CJNG)": the full name and the acronym in brackets are one
    actor.  When the dictionary knows the acronym, the full name joins that actor; when it does not,
    a name whose initials spell the acronym is an organisation, never a person."""
    by_start = {m.span.start: m for m in mentions}
    for m in list(mentions):
        if m.kind in ("place",) or m.basis.endswith("adjective") or m.key not in ents:
            continue
        hit = _PAREN_ACRONYM.match(body[m.span.end:m.span.end + 16])
        if not hit:
            continue
        inner = by_start.get(m.span.end + hit.start(1))
        if inner is not None and inner.key != m.key and inner.basis.startswith("dictionary") \
                and inner.kind not in ("place", "government") and inner.key in ents:
            inner_names = {alias_key(f) for f in [ents[inner.key].name, *ents[inner.key].aliases]}
            foreign = bool(theatre and ents[inner.key].country and ents[inner.key].country != theatre)
            if alias_key(m.span.text) in inner_names or (
                    _initials(m.span.text) == hit.group(1).upper() and m.kind != "person" and not foreign
                    and not m.basis.startswith("dictionary")):
                _rekey(mentions, ents, m.key, inner.key, inner.kind, "+acronym-in-brackets")
            elif m.kind != "person" and sum(c.isupper() for c in hit.group(1)) >= 2 and (
                    foreign or m.basis.startswith("dictionary") or _initials(m.span.text) != hit.group(1).upper()):
                # "Ambazonia Defence Forces (ADF)" in Cameroon: the report defines the acronym; it wins
                _rekey(mentions, ents, inner.key, m.key, m.kind, "+acronym-defined-here")
        elif inner is None and m.kind == "person" and _initials(m.span.text) == hit.group(1).upper():
            ents[m.key].type = "other"
            for k, x in enumerate(mentions):
                if x.key == m.key:
                    mentions[k] = Mention(x.span, "other", x.key, x.sentence, x.basis + "+acronym-in-brackets")


_ORG_KINDS_ACR = ("armed_group", "state_force", "state_agency", "other", "company")


def _defined_acronyms(body: str, sentences, mentions: list[Mention], ents: dict[str, Entity]) -> list[Mention]:
    """"Lashkar-e-Jhangvi (LJ) ... The LJ spokesman": an acronym the report defines in brackets
    names that group wherever the report uses it after, whether or not the dictionary knows it."""
    taken = [(m.span.start, m.span.end) for m in mentions]
    starts = [s.span.start for s in sentences]
    out: list[Mention] = []
    for m in list(mentions):
        if m.kind not in _ORG_KINDS_ACR or m.basis.endswith("adjective") or m.key not in ents:
            continue
        hit = _PAREN_ACRONYM.match(body[m.span.end:m.span.end + 16])
        if not hit or sum(c.isupper() for c in hit.group(1)) < 2:
            continue
        acr = hit.group(1)
        _add_alias(ents[m.key], acr)
        for occ in re.finditer(rf"(?<![\w-]){re.escape(acr)}(?![\w-])", body):
            a, b = occ.start(), occ.end()
            if any(x < b and a < y for x, y in taken):
                continue
            taken.append((a, b))
            out.append(Mention(Span(a, b, acr), m.kind, m.key, bisect_right(starts, a) - 1, "pattern:acronym-defined-here"))
    return out


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[^\W\d_][\w’']*", name) if w[0].isupper()).upper()


def _rekey(mentions: list[Mention], ents: dict[str, Entity], old: str, new: str, kind: str, why: str) -> None:
    for al in ents[old].aliases:
        _add_alias(ents[new], al)
    del ents[old]
    for k, x in enumerate(mentions):
        if x.key == old:
            mentions[k] = Mention(x.span, kind, new, x.sentence, x.basis + why)
