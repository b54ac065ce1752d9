"""People named by a title or a role, and one person's several spellings joined.

A module of its own because these passes work on persons only, after every
name of the report is found: "the Iraqi prime minister" is the one person
introduced with that title; "a senior Iranian Qods Force officer" is a person
the report never names, whom "the officer" later refers back to; and "Al Hifi"
/ "Al Hilfi", or "Mr. Mushatat" and the full name, are one person.
"""
from __future__ import annotations

import re

from rapidfuzz import fuzz

from ratline.mentions.dictionary import alias_key
from ratline.mentions.entities import _add_alias, _add_entity
from ratline.schema import Entity, Mention, Span

_ROLE = re.compile(r"\b(?:the|The)\s+((?:(?-i:[A-Z])[a-z]+\s+)?(?P<role>prime minister|president|defen[cs]e minister|"
                   r"interior minister|foreign minister|governor|army chief|chief of staff|vice president))\b")
_ROLE_NOUNS = r"(?:officer|agent|operative|commander|official|facilitator|suspect|financier|courier|bomb-?maker|recruiter)"
_UNNAMED_INTRO = re.compile(r"\b(?:a|an)\s+(?P<np>(?P<mods>(?:(?:senior|top|junior|former|suspected|alleged|mid-level|"
                            r"high-ranking|[A-Z][\w’'-]*)\s+){1,5})" + _ROLE_NOUNS + r")\b"
                            r"(?!\s*,?\s+(?:named|called|identified|known)\b)(?!\s+[A-Z])"
                            r"(?!\s*,\s+(?:[A-Z][\w’'-]+\s+){1,4}(?:al-|bin\s|ibn\s)?[A-Z])")   # ", Abu Khalid al-Zawi"
_UNNAMED_BACK = re.compile(r"\b(?:[Tt]he)\s+(?:(?:[A-Z][\w’'-]*|senior|suspected|alleged)\s+){0,3}" + _ROLE_NOUNS + r"\b")
_NAMED_AS = re.compile(r"\b(?:named|identified)\s+(?:the\s+(?:[\w-]+\s+){0,2}?" + _ROLE_NOUNS + r"|him|her)\s+as\s+")


def _role_mentions(sentences, mentions: list[Mention], ents: dict[str, Entity]) -> list[Mention]:
    """"the Iraqi prime minister" is the one person the report introduced with that title."""
    taken = [(m.span.start, m.span.end) for m in mentions if not m.basis.endswith("adjective")]
    out = []
    for sent in sentences:
        for rm in _ROLE.finditer(sent.span.text):
            role = rm.group("role").lower()
            holders = [e for e in ents.values() if e.type == "person"
                       and any(al.lower().startswith(role + " ") or f" {role} " in f" {al.lower()} "
                               for al in e.aliases if len(al.split()) > len(role.split()))]
            s0, s1 = sent.span.start + rm.start(1), sent.span.start + rm.end(1)
            if len(holders) != 1 or any(a < s1 and s0 < b for a, b in taken):
                continue
            out.append(Mention(Span(s0, s1, rm.group(1)), "person", holders[0].id, sent.index, "link:role"))
            _add_alias(holders[0], rm.group(1))
    return out


def _unnamed_people(sentences, mentions: list[Mention], ents: dict[str, Entity]) -> list[Mention]:
    """A person the report never names: "a senior Iranian Qods Force officer" introduces one,
    and "the officer", "the Iranian agent", "the suspect" later refer back to the latest one."""
    taken = [(m.span.start, m.span.end) for m in mentions if not m.basis.endswith("adjective")
             and m.kind not in ("armed_group", "state_force", "state_agency", "government")]
    out: list[Mention] = []
    current: str | None = None
    count = 0
    for sent in sentences:
        text, base = sent.span.text, sent.span.start
        for um in _UNNAMED_INTRO.finditer(text):
            s0, s1 = base + um.start("np"), base + um.end("np")
            if any(a < s1 and s0 < b for a, b in taken) or not re.search(r"[A-Z]", um.group("mods") or ""):
                continue             # a role with no named affiliation stays a phrase, not a person
            if re.search(r",\s*$", text[:um.start()]):
                continue             # "Ali Mussa Daqduq, a senior Hezbollah operative": describes a named man
            count += 1
            current = f"unnamed_person_{count}"
            out.append(Mention(Span(s0, s1, um.group("np")), "person", current, sent.index,
                               "pattern:unnamed-person"))
            _add_entity(ents, current, "person", um.group("np"), um.group("np"), None, "pattern")
        if current is None:
            continue
        named = _NAMED_AS.search(text)
        if named:                    # "the SDF named the commander as Ahmad al-Zawi": no longer unnamed
            person = next((m for m in mentions if m.kind == "person" and m.span.start == base + named.end()), None)
            if person is not None and current in ents and person.key in ents:
                for al in ents[current].aliases:
                    _add_alias(ents[person.key], al)
                del ents[current]
                out = [Mention(o.span, o.kind, person.key, o.sentence, o.basis + "+named-later")
                       if o.key == current else o for o in out]
                current = None
                continue
        for dm_ in _UNNAMED_BACK.finditer(text):
            s0, s1 = base + dm_.start(), base + dm_.end()
            if any(a < s1 and s0 < b for a, b in taken) or any(o.span.start <= s0 < o.span.end for o in out):
                continue
            out.append(Mention(Span(s0, s1, dm_.group(0)), "person", current, sent.index, "anaphora:unnamed-person"))
            _add_alias(ents[current], dm_.group(0))
    return out


def _merge_person_variants(mentions: list[Mention], ents: dict[str, Entity]) -> None:
    """Join spellings of one person ("Al Hifi"/"Al Hilfi"); first names must agree.  A person
    named by title and surname only ("Mr. Mushatat") is the one full name with that surname."""
    persons = [e for e in ents.values() if e.type == "person"]
    for short in [p for p in persons if len(alias_key(p.name)) == 1]:
        word = alias_key(short.name)[0]
        full = [p for p in persons if p is not short and len(alias_key(p.name)) > 1 and word in alias_key(p.name)]
        if len(full) == 1 and short.id in ents:
            _fold_into(mentions, ents, full[0], short, "+surname-of-full-name")
    persons = [e for e in ents.values() if e.type == "person"]
    for a_i, a in enumerate(persons):
        for b in persons[a_i + 1:]:
            if a.id not in ents or b.id not in ents:
                continue
            ka, kb = alias_key(a.name), alias_key(b.name)
            if len(ka) != len(kb) or not ka:
                continue
            if len(ka) > 1 and ka[0] != kb[0] and ka[-1] != kb[-1]:
                continue
            if fuzz.ratio(" ".join(ka), " ".join(kb)) >= 85:
                _fold_into(mentions, ents, a, b, "+fuzzy-variant")


def _fold_into(mentions: list[Mention], ents: dict[str, Entity], keep: Entity, drop: Entity, why: str) -> None:
    for al in drop.aliases:
        _add_alias(keep, al)
    del ents[drop.id]
    for k, m in enumerate(mentions):
        if m.key == drop.id:
            mentions[k] = Mention(m.span, m.kind, keep.id, m.sentence, m.basis + why)
