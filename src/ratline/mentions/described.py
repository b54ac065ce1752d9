"""Organisations a report describes instead of naming.

Reports often refer to a real organisation only by a description, and analysts
still want it as one node with its relations:

* an office or movement owned by a person: "Muqtada al Sadr's office" — the same
  thing as an "Office of the Martyr Sadr" named in the same report;
* a description set beside a named unit: "Coalition Special Forces teams, likely
  the hunter-killer teams of Task Force 88," — the description is the unit, and
  the unit belongs to the force that opens the description;
* an unnamed organisation: "an unnamed construction company", restated later as
  "an organization within the IRGC-QF involved in the construction ...", and
  referred back to as "this organization".

Each pass takes the document's mentions so far and returns new ones (or re-keys
existing ones); none of them invents a name the text does not give.
"""
from __future__ import annotations

import re

from ratline.mentions.dictionary import alias_key
from ratline.mentions.entities import _add_alias as _alias, _add_entity, slug
from ratline.schema import Entity, Mention, Span

_OWNED_KIND = {"militia": "armed_group", "faction": "armed_group"}

_FORCE_HEAD = r"(?:teams?|units?|forces|troops|commandos|operators|squads?|detachments?|operatives)"
_HEDGE = r"(?:likely|probably|possibly|apparently|reportedly|presumably|(?:believed|thought|said) to be)"
_APPOSED_UNIT = re.compile(r"(?P<np>(?:[\w.’'-]+\s+){0,4}" + _FORCE_HEAD + r"),\s+"
                           r"(?:" + _HEDGE + r"\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,3}?(?:" + _FORCE_HEAD + r"\s+of\s+(?:the\s+)?)?"
                           r"|(?:the\s+|an?\s+)(?:[\w-]+\s+){0,3}?" + _FORCE_HEAD + r"\s+of\s+(?:the\s+)?)$")

_ORG_NOUN = r"(?:company|firm|organi[sz]ation|charity|foundation|business|contractor|front|entity)"
_UNNAMED_ORG = re.compile(r"\b(?:an?|another)\s+(?P<np>(?P<mods>(?:[a-z][\w-]*\s+){0,3}?)(?P<noun>" + _ORG_NOUN
                          + r"))\b(?P<tail>\s+(?:within|inside|belonging to|linked to|tied to|owned by|run by|"
                          r"controlled by|affiliated with|associated with|connected to)\s+(?:the\s+)?)?")
_UNNAMED_MARK = {"unnamed", "front", "shell", "unidentified", "undisclosed"}
_BACK_ORG = re.compile(r"\b(?:[Tt]his|[Tt]hat|[Tt]he)\s+(?:same\s+)?(?:" + _ORG_NOUN + r")\b(?!s)")
_NOT_SECTOR = _UNNAMED_MARK | {"small", "local", "new", "private", "little-known", "known", "big", "large",
                               "foreign", "so-called", "certain"}
_ORG_KINDS = ("armed_group", "state_force", "state_agency", "government", "other", "company")
_ORG_SPAN_KINDS = ("armed_group", "state_force", "state_agency", "other", "company")


def owned_organisations(body: str, mentions: list[Mention], ents: dict[str, Entity], parsed) -> list[Mention]:
    """"Muqtada al Sadr's office": an office, movement or militia of a named person.  It is the
    report's own organisation of that kind naming the person ("Office of the Martyr Sadr")
    when there is one; otherwise an organisation of its own, named as the report words it."""
    out = []
    for m in mentions:
        if m.kind != "person" or m.key not in ents:
            continue
        hit = parsed.cue_after("owned_org", m.span.end, touching=True)     # "'s office", right after the name
        if not hit:
            continue
        n0 = parsed.next_word(hit[0] + 1).idx
        noun = body[n0:hit[1]]
        span = Span(n0, n0 + len(noun), noun)
        surname = alias_key(ents[m.key].name)[-1:]
        same = [e for e in ents.values() if e.type in _ORG_SPAN_KINDS and surname
                and noun in alias_key(e.name) and surname[0] in alias_key(e.name)]
        whole = body[m.span.start:span.end]
        if len(same) == 1:
            key = same[0].id
        else:
            key = "org_" + "_".join(alias_key(whole))
            ents.setdefault(key, Entity(id=key, type=_OWNED_KIND.get(noun, "other"), name=whole, aliases=[],
                                        country=None, basis="pattern:owned-organisation"))
        _alias(ents[key], whole)
        out.append(Mention(span, ents[key].type, key, m.sentence, "pattern:owned-organisation"))
    return out


def apposed_units(sentences, mentions: list[Mention], ents: dict[str, Entity]) -> None:
    """"Coalition Special Forces teams, likely the hunter-killer teams of Task Force 88": the
    description is the named unit.  A force that opens the description ("Coalition") is the
    one the unit belongs to; the basis records it so relations can say so."""
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    for sent in sentences:
        here = sorted(by_sentence.get(sent.index, []), key=lambda x: x.span.start)
        for unit in here:
            if unit.kind not in ("state_force", "armed_group"):
                continue
            rel = unit.span.start - sent.span.start
            lo = max(0, rel - 160)                 # the apposition sits just before the unit's name
            hit = _APPOSED_UNIT.search(sent.span.text[lo:rel])
            if not hit:
                continue
            np0, np1 = sent.span.start + lo + hit.start("np"), sent.span.start + lo + hit.end("np")
            inside = [x for x in here if np0 <= x.span.start and x.span.end <= np1]
            opener = next((x for x in inside if x.kind in _ORG_KINDS), None)
            if opener is None or opener.key == unit.key:
                continue             # no named force in the description: too weak to equate
            np0 = opener.span.start
            inside = [x for x in inside if x.span.start >= np0]
            text = sent.span.text[np0 - sent.span.start:np1 - sent.span.start]
            parent = opener.key if opener.kind in ("state_force", "armed_group") else None
            basis = f"pattern:apposed-unit-of:{parent}" if parent else "pattern:apposed-unit"
            for x in inside:
                mentions.remove(x)
            mentions.append(Mention(Span(np0, np1, text), unit.kind, unit.key, sent.index, basis))
            _alias(ents[unit.key], text)


def unnamed_organisations(sentences, mentions: list[Mention], ents: dict[str, Entity]) -> list[Mention]:
    """"an unnamed construction company" ... "an organization within the IRGC-QF involved in the
    construction ..." ... "this organization": one organisation the report never names.  A second
    description joins the first when it follows within three sentences and shares its trade word;
    "this organization" and "the company" refer back to the latest one."""
    taken = [(m.span.start, m.span.end) for m in mentions if not m.basis.startswith("anaphora")]
    starts = {m.span.start: m for m in mentions}
    out: list[Mention] = []
    current: str | None = None
    seen_at = -10
    count = 0
    for sent in sentences:
        text, base = sent.span.text, sent.span.start
        for um in _UNNAMED_ORG.finditer(text):
            s0, s1 = base + um.start("np"), base + um.end("np")
            if any(a < s1 and s0 < b for a, b in taken):
                continue
            mods = um.group("mods").split()
            owner = starts.get(base + um.end()) if um.group("tail") else None
            if not (_UNNAMED_MARK & set(mods)) and not (owner is not None and owner.kind in _ORG_KINDS):
                continue
            np = um.group("np")
            if current is not None and sent.index - seen_at <= 3 and _same_trade(ents[current], text[um.end():]):
                key = current
            else:
                count += 1
                key = current = f"unnamed_org_{count}"
                kind = "company" if um.group("noun") in ("company", "firm", "business", "contractor") else "other"
                ents[key] = Entity(id=key, type=kind, name=np, aliases=[], country=None,
                                   basis="pattern:unnamed-organisation")
            _alias(ents[key], np)
            if owner is not None:           # "organization within the IRGC-QF" says which one
                _alias(ents[key], text[um.start("np"):owner.span.end - base])
            out.append(Mention(Span(s0, s1, np), ents[key].type, key, sent.index, "pattern:unnamed-organisation"))
            seen_at = sent.index
        if current is None or sent.index - seen_at > 3:
            continue
        for bm in _BACK_ORG.finditer(text):
            s0, s1 = base + bm.start(), base + bm.end()
            if any(a < s1 and s0 < b for a, b in taken) or any(o.span.start == s0 for o in out):
                continue
            for k, m in enumerate(mentions):            # "this organization" was read as the nearest group
                if m.span.start == s0 and m.basis.startswith("anaphora"):
                    del mentions[k]
                    break
            out.append(Mention(Span(s0, s1, bm.group(0)), ents[current].type, current, sent.index,
                               "anaphora:unnamed-organisation"))
            seen_at = sent.index
    return out


def _same_trade(ent: Entity, after: str) -> bool:
    """Does a new description share the trade of the earlier one ("construction company" /
    "involved in the construction")?"""
    trade = {w[:7] for name in [ent.name, *ent.aliases] for w in name.lower().split()[:-1]
             if w not in _NOT_SECTOR and len(w) > 3}
    words = {w[:7] for w in re.findall(r"[a-z][\w-]+", after.lower())[:14]}
    return bool(trade & words)


# "a combined force", "an Afghan and coalition security force", "the joint force", "combined
# forces": the unnamed mixed force of military press releases, one actor per report
_COMBINED = re.compile(r"(?:\b(?P<det>[Aa]n?|[Tt]he)\s+)?(?:(?P<who>[A-Z][\w-]+\s+and\s+coalition)\s+)?"
                       r"(?P<np>(?:combined|joint)\s+(?:security\s+)?forces?\b|(?<=coalition\s)security\s+force\b)")


def combined_forces(sentences, mentions: list[Mention], ents: dict[str, Entity]) -> list[Mention]:
    """The unnamed mixed force a press release keeps naming by description ("An Afghan and
    coalition security force detained ... A combined force killed ..."): one state force per
    report, every wording an alias, so its operations have an actor.  The report must
    introduce it ("a combined force", "combined forces"); "the joint force" alone points back
    to forces already named.  A nationality inside the description ("Afghan") is part of it,
    not an actor of its own: such mentions are taken out of ``mentions``."""
    out: list[Mention] = []
    key = "combined_force"
    for sent in sentences:
        text, base = sent.span.text, sent.span.start
        for hit in _COMBINED.finditer(text):
            if (hit.group("det") or "").lower() == "the" and key not in ents:
                continue
            start = hit.start() if hit.group("who") else hit.start("np")
            s0, s1 = base + start, base + hit.end("np")
            inside = [m for m in mentions if s0 <= m.span.start and m.span.end <= s1]
            if any(m.kind not in ("government", "place") for m in inside) or any(
                    m.span.start < s1 and s0 < m.span.end and m not in inside for m in mentions):
                continue
            for m in inside:
                mentions.remove(m)
            if key not in ents:
                ents[key] = Entity(id=key, type="state_force", name="combined force", aliases=[], country=None,
                                   basis="pattern:combined-force")
            surface = text[start:hit.end("np")]
            _alias(ents[key], surface)
            out.append(Mention(Span(s0, s1, surface), "state_force", key, sent.index, "pattern:combined-force"))
    return out


_COALITION_NOUNS = frozenset({"forces", "force", "troops", "soldiers"})


def coalition_forces(sentences, mentions: list[Mention], ents: dict[str, Entity]) -> list[Mention]:
    """"attacks against Afghan and coalition forces": the multinational force a report names only
    as the coalition's forces, when no dictionary actor took the words (MNF-I is "Coalition forces"
    only in Iraq, 2004-2009): the multinational force the report names ("ISAF said ... coalition
    forces"), else one state force of its own per report; every wording an alias."""
    out: list[Mention] = []
    named = [m.key for m in mentions if m.kind == "state_force" and m.basis.startswith("dictionary")
             and m.key in ents and ents[m.key].country is None]
    key = max(set(named), key=named.count) if named else "coalition_forces"
    for sent in sentences:
        toks = sent.tokens
        for k in range(len(toks) - 1):
            if toks[k].norm != "coalition" or toks[k + 1].norm not in _COALITION_NOUNS:
                continue
            s0, s1 = toks[k].start, toks[k + 1].end
            if any(m.span.start < s1 and s0 < m.span.end for m in mentions + out):
                continue
            if key not in ents:
                ents[key] = Entity(id=key, type="state_force", name="coalition forces", aliases=[], country=None,
                                   basis="pattern:coalition-forces")
            surface = sent.span.text[s0 - sent.span.start:s1 - sent.span.start]
            _alias(ents[key], surface)
            out.append(Mention(Span(s0, s1, surface), "state_force", key, sent.index, "pattern:coalition-forces"))
    return out


# "the US-led coalition", "a Kenyan-led police mission", "Hutu-led militias": a force named by
# who leads it, with up to two lower-case words between "-led" and its noun
_LED_NOUNS = frozenset({"coalition", "coalitions", "alliance", "forces", "force", "troops", "mission", "missions",
                        "militia", "militias", "contingent", "operation", "intervention", "administration"})


def _led_phrase(after: str) -> tuple[int, int] | None:
    """Where the force's words run in the text after a leader's name ("-led police mission"),
    as offsets into ``after``; None when it is no "-led" force."""
    if not after.startswith("-led "):
        return None
    start = at = 5
    for _ in range(3):
        end = at
        while end < len(after) and (after[end].isalnum() or after[end] == "-"):
            end += 1
        word = after[at:end]
        if not word or not word[0].islower():
            return None
        if word in _LED_NOUNS:
            return start, end
        at = end + 1
        if after[end:end + 1] != " ":
            return None
    return None


_LEADER_KINDS = ("government", "state_force", "state_agency", "armed_group")


def led_forces(body: str, mentions: list[Mention], ents: dict[str, Entity]) -> list[Mention]:
    """"the US-led coalition", "a Kenyan-led police mission": a force the report names by the one
    who leads it, when the dictionary has no name for it ("Saudi-led coalition" it has).  The
    force is an entity of its own, a state force (an armed group's when a group leads it), its
    alias the whole phrase; the mention is the noun phrase after "-led", so that the leader
    keeps its own mention.  No "leads" edge is drawn to it (``relation_patterns._keep``): its
    name already says who leads it."""
    out: list[Mention] = []
    for m in list(mentions):
        if m.kind not in _LEADER_KINDS or m.key not in ents:
            continue
        hit = _led_phrase(body[m.span.end:m.span.end + 60])
        if hit is None:
            continue
        s0, s1 = m.span.end + hit[0], m.span.end + hit[1]
        if any(x.span.start < s1 and s0 < x.span.end for x in mentions + out):
            continue
        phrase = body[m.span.start:s1]
        kind = "armed_group" if m.kind == "armed_group" else "state_force"
        key = slug(phrase)
        _add_entity(ents, key, kind, phrase, phrase, ents[m.key].country, "pattern:led-force")
        out.append(Mention(Span(s0, s1, body[s0:s1]), kind, key, m.sentence, "pattern:led-force"))
    return out


_NATIONAL_BODY = re.compile(r"^(?:[’']s)?\s+(?P<agency>(?:defen[cs]e|interior|foreign|justice|information|home|finance|"
                            r"security|intelligence)\s+ministry|ministry\s+of\s+(?:defen[cs]e|the\s+interior|interior|"
                            r"foreign\s+affairs|justice|information))\b|^(?:[’']s)?\s+(?P<body>government|authorities|"
                            r"officials|cabinet|parliament)\b")      # lower case: "Defense Ministry" is a name


def national_bodies(body: str, mentions: list[Mention], ents: dict[str, Entity]) -> None:
    """"a Cambodian defence ministry spokesman", "the DRC government", "Tunisian officials": a
    state's ministry written in lower case is an agency of that state, named as the report
    names it; the government, its authorities and officials are the state's government entity,
    the words an alias of it."""
    for k, m in enumerate(mentions):
        if m.kind != "government" or m.key not in ents:
            continue
        hit = _NATIONAL_BODY.match(body[m.span.end:m.span.end + 40])
        if hit is None:
            continue
        words = body[m.span.start:m.span.end + hit.end()]
        if hit.group("body"):
            _alias(ents[m.key], words)
            continue
        key = f"{m.key}_{re.sub(r'[^a-z]+', '_', hit.group('agency').lower()).strip('_')}"
        _add_entity(ents, key, "state_agency", words, words, ents[m.key].country, "pattern:a state's ministry")
        mentions[k] = Mention(Span(m.span.start, m.span.end + hit.end(), words), "state_agency", key, m.sentence,
                              "pattern:a state's ministry")
