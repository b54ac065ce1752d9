"""National forces and demonyms: a state's forces, people and capital named without their names.

Why a module of its own: these passes all turn a nation's words into the right
actor of the dictionary, and they share its lookups (``_national_force``):

* the force of the country the report is about: "the army", "troops" (the bare noun is
  read from the parse in ``bare_forces.py``; "Government troops" here);
* a unit of a known force: "the 2nd Iraqi Army Division";
* nations coordinated over one force noun: "Iraqi and US forces";
* a state's own force through the state: "Ukraine's air force";
* a capital that acts: "Washington designated ...";
* nationals held or harmed: "five British hostages", "Britons";
* a demonym as a noun: "the British dropped leaflets" (their forces).

``ForcesMixin`` is a mixin of ``MentionFinder``: it uses the finder's
``dictionary``, ``gazetteer`` and ``_actor_for``.
"""
from __future__ import annotations

import re

from ratline.mentions.bare_forces import BareForcesMixin
from ratline.mentions.entities import _add_alias, _add_entity, _span, slug
from ratline.mentions.name_runs import is_ordinal
from ratline.mentions.names import name_lists_raw
from ratline.schema import Entity, Mention, Span

_ELLIPTIC = re.compile(r"\b(?P<list>(?:[A-Z][\w.]*[A-Za-z]\.?,\s+)*)(?P<last>[A-Z][\w.]*[A-Za-z]\.?),?\s+and\s+"
                       r"(?:[A-Z][\w.]*\s+)?(?P<noun>(?:[Ss]ecurity\s+|[Ss]pecial\s+)?(?:[Ff]orces|[Tt]roops)|military|"
                       r"soldiers|police)\b")
_LIST_ITEM = re.compile(r"([A-Z][\w.]*[A-Za-z]\.?),\s+")
_COUNTED_NATIONALS = re.compile(r"\b(?i:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                                r"dozens of|several|hundreds of)\s+(?P<pl>[A-Z][a-z]+)\b")
_VICTIM_GROUP = re.compile(r"(?:\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+)?"
                           r"(?P<adj>[A-Z][a-z]+)\s+(?:hostages|citizens|nationals|captives|civilians|aid workers|"
                           r"journalists|contractors|tourists|engineers|workers)\b")

_UNIT_NOUNS = {"division", "brigade", "battalion", "regiment", "corps", "company", "squadron", "group"}
_FORCE_NOUNS = {"forces", "troops", "soldiers", "commandos", "police", "special", "jets", "aircraft", "drones",
                "warplanes", "helicopters", "units", "personnel"}

_CAPITAL_ACTS = re.compile(r"^(?:\s+(?:has\s+|have\s+|had\s+|also\s+|later\s+)?(?:said|says|designated|imposed|"
                           r"sanctioned|accused|denied|announced|warned|blamed|condemned|rejected|demanded|insisted|"
                           r"agreed|pledged|sent|supplied|approved|recognised|recognized|responded|retaliated)\b"
                           r"|[’']s\s+(?:[\w-]+\s+){0,2}(?:backers?|allies|ally|supporters?|government|decision|"
                           r"position|offer|envoy|officials?|demands?|forces|troops|military|army|policy|list|blacklist)\b)")

_BARE_DEMONYM_AFTER = re.compile(r"^(?:\s*[,;:)]|\.(?:\s|$)|\s+(?:and|or|have|has|had|were|are|was|is|also|then|later|"
                                 r"said|say|says|would|will|could|may|might)\b|\s+[a-z]+ed\b)")


def _force_noun_end(toks, end: int, nouns: set[str] = _FORCE_NOUNS) -> int:
    """"NATO special forces", "Afghan troops": the force nouns belong to the name the report uses."""
    k = end
    while k < len(toks) and toks[k].norm in nouns and toks[k].text.islower():
        k += 1
    if k > end and toks[k - 1].norm == "special":
        k -= 1
    return k


# the nouns of a force written after a nation's adjective: "Saudi security forces", "Bahraini policemen"
_FORCE_PHRASE = {"security", "armed", "forces", "force", "troops", "soldiers", "police", "policemen", "army",
                 "military", "gendarmes", "gendarmerie", "commandos", "personnel", "border", "guards",
                 "soldier", "policeman", "gendarme"}
_POLICE_NOUNS = {"police", "policemen", "gendarmes", "gendarmerie"}


class ForcesMixin(BareForcesMixin):
    """The passes of ``MentionFinder`` that read a nation's forces, nationals and capital."""

    def _adjective_force(self, toks, m, actor, body: str):
        """"Saudi security forces", "Bahraini police", "Uganda police": a nation's adjective (or its
        name) before force nouns
        names that nation's force (the one the dictionary holds for the noun, else a force of
        its own, "Bahraini police"), and the words the report uses become its alias.  Returns
        (kind, key, name, words) or None."""
        if actor.type not in ("state_force", "government"):
            return None
        if m.form != "adjective" and (actor.type != "government" or (m.start > 0 and toks[m.start - 1].norm in (
                "in", "inside", "across", "throughout", "from", "into", "to", "of"))):
            return None          # "Uganda police" is the force; "in Uganda police arrested" the place
        k = _force_noun_end(toks, m.end, _FORCE_PHRASE)
        if k == m.end or toks[k - 1].norm in ("security", "armed", "border"):
            return None
        phrase = body[toks[m.start].start:toks[k - 1].end]
        if actor.type == "state_force":
            return actor.type, actor.id, actor.display_name, phrase
        noun = "police" if any(t.norm in _POLICE_NOUNS for t in toks[m.end:k]) else "army"
        force = self._national_force(noun, actor.country)
        if force is None:            # a force the dictionary lacks: named as the report names it
            named = body[toks[m.start].start:toks[m.end - 1].end]     # "East Timor police", not "East police"
            return "state_force", f"{actor.id}_{noun}", f"{named} {noun}", phrase
        known = self.dictionary.actors[force]
        return known.type, force, known.display_name, phrase

    def _elliptic_coordinations(self, sent, found: list[Mention], covered: set[int], ents) -> list[Mention]:
        """Each coordination of nations that share one force noun in the sentence (``_elliptic_member``)."""
        for em in _ELLIPTIC.finditer(sent.span.text):
            items = [(em.start("list") + im.start(1), im.group(1)) for im in _LIST_ITEM.finditer(em.group("list"))]
            for at, word in [*items, (em.start("last"), em.group("last"))]:
                found = self._elliptic_member(sent, found, covered, ents, at, word, em.group("noun"))
        return found

    def _elliptic_member(self, sent, found, covered, ents, at: int, word: str, noun: str) -> list[Mention]:
        """"Iraqi and US forces", "U.S., British and Iraqi Security Forces": each named member of a
        coordination that shares one force noun is that nation's force, not its government."""
        if re.search(r"\b(?:in|across|near|inside|from|to|into|throughout|of)\s+$",
                     sent.span.text[max(0, at - 12):at], re.I):
            return found             # "In Iraq, US and Iraqi forces ...": the country there is a place
        key = None
        for name in (f"{word} {noun}", f"{word} {noun.lower()}", f"{word} forces"):
            key = self._actor_for(name)
            if key is not None:
                break
        state = self._actor_for(word) if key is None else None
        if state is not None and self.dictionary.actors[state].type == "government":
            key = self._unlisted_force(noun, self.dictionary.actors[state].country, ents)   # "Cambodian and Thai troops"
        s0 = sent.span.start + at
        if key is None or any(f.span.start <= s0 < f.span.end and f.key == key for f in found):
            return found
        span = Span(s0, s0 + len(word), word)
        found = [f for f in found if not (f.span.start <= s0 < f.span.end)]
        if key not in self.dictionary.actors:            # a force the dictionary lacks, named for its state
            found.append(Mention(span, "state_force", key, sent.index, "pattern:elliptic-coordination"))
            _add_alias(ents[key], f"{word} {noun}")
            covered.update(k for k, t in enumerate(sent.tokens) if span.start <= t.start < span.end)
            return found
        actor = self.dictionary.actors[key]
        found.append(Mention(span, actor.type, key, sent.index, "dictionary:elliptic-coordination"))
        _add_entity(ents, key, actor.type, actor.display_name, f"{word} {noun}", actor.country, "dictionary")
        _add_alias(ents[key], word)          # "US" in "US and Iraqi forces" names the force too
        covered.update(k for k, t in enumerate(sent.tokens) if span.start <= t.start < span.end)
        return found

    def _government_forces(self, sent, found: list[Mention], ents, country: str | None) -> None:
        """"Government troops and insurgents fought": the army of the country the report is about,
        the two words its alias."""
        toks = sent.tokens
        for k in range(len(toks) - 1):
            if toks[k].norm != "government" or toks[k + 1].norm not in ("troops", "forces", "soldiers"):
                continue
            s0, s1 = toks[k].start, toks[k + 1].end
            if any(f.span.start < s1 and s0 < f.span.end for f in found):
                continue
            key = self._national_force("army", country) or self._unlisted_force("army", country, ents)
            if key is None:
                continue
            words = sent.span.text[s0 - sent.span.start:s1 - sent.span.start]
            if key in self.dictionary.actors:
                actor = self.dictionary.actors[key]
                _add_entity(ents, key, actor.type, actor.display_name, words, actor.country, "dictionary")
            _add_alias(ents[key], words)
            found.append(Mention(Span(s0, s1, words), "state_force", key, sent.index, "pattern:government-forces"))

    def _unlisted_force(self, noun: str, country: str | None, ents) -> str | None:
        """"police spokesman Fred Enang" in a report about Uganda, whose police the dictionary
        lacks: a force of that state, named "Ugandan police" (the army for "troops", "military")."""
        noun = noun.lower()
        if country is None or noun not in ("police", "army", "military", "troops", "soldiers"):
            return None
        states = self.__dict__.setdefault("_states_cache", {})
        if country not in states:           # asked for every bare "the police" of a report
            states[country] = next((a for a in self.dictionary.actors.values()
                                    if a.type == "government" and a.country == country and a.adjectives), None)
        state = states[country]
        if state is None:
            return None
        word = "police" if noun == "police" else "army"
        key = f"{state.id}_{word}"
        if key not in ents:
            _add_entity(ents, key, "state_force", f"{state.adjectives[0]} {word}", f"{state.adjectives[0]} {word}",
                        state.country, "pattern")
        return key

    def _national_force(self, noun: str, country: str | None) -> str | None:
        """"the army" in a report about Nigeria is the Nigerian Army (looked up once per noun and country:
        every bare "troops" of a report asks)."""
        if country is None:
            return None
        cache = self.__dict__.setdefault("_forces_cache", {})
        if (noun.lower(), country) not in cache:
            cache[(noun.lower(), country)] = self._find_national_force(noun, country)
        return cache[(noun.lower(), country)]

    def _find_national_force(self, noun: str, country: str) -> str | None:
        states = sorted((a for a in self.dictionary.actors.values() if a.type == "government" and a.country == country),
                        key=lambda a: not a.adjectives)   # the state itself before a rival or shadow government
        for actor in states:
            if noun.lower() in ("junta", "regime", "government"):
                return actor.id              # "the junta", "a government spokesman": the state's rulers
            names = [f"{adj} {noun.title()}" for adj in actor.adjectives]
            if noun.lower() in ("army", "military"):
                names += [f"{adj} Armed Forces" for adj in actor.adjectives] + [f"Armed Forces of {actor.name}",
                                                                               f"{actor.name} Armed Forces"]
            for name in names:
                key = self._actor_for(name)
                if key:
                    return key
        word = {"military": "army"}.get(noun.lower(), noun.lower())
        forces = [a for a in self.dictionary.actors.values() if a.type == "state_force" and a.country == country
                  and any(word in f.lower().split() for f in [a.name, *a.aliases])]
        return forces[0].id if len(forces) == 1 else None     # "the army" in the CAR: FACA ("Central African army")

    def _unit_of(self, sent, m, body) -> Mention | None:
        """"the 2nd Iraqi Army Division": a unit of a known force, named with an ordinal."""
        toks = sent.tokens
        if m.start == 0 or not is_ordinal(toks[m.start - 1].text) or m.end >= len(toks):
            return None
        if toks[m.end].norm not in _UNIT_NOUNS:
            return None
        span = _span(body, toks, m.start - 1, m.end + 1)
        return Mention(span, "state_force", "unit_" + slug(span.text), sent.index, f"pattern:unit-of:{m.actor_id}")

    def _possessive_forces(self, body: str, mentions: list[Mention], ents: dict[str, Entity]) -> None:
        """"Ukraine's air force", "Iran's navy": a state's own force, named through the state.  The
        dictionary's force when it has one ("Ukraine's army"), else a force of that name.  A
        state's own service is not a unit of its government: no part_of edge is read from it
        (the development sets' gold never codes one; 4 of 4 such edges were wrong)."""
        for k, m in enumerate(mentions):
            if m.kind != "government" or m.basis.endswith("adjective") or m.key not in self.dictionary.actors:
                continue
            hit = self._parsed.cue_after("possessive_force", m.span.end, touching=True)   # "'s air force"
            if not hit:
                continue
            state = self.dictionary.actors[m.key]
            noun = body[self._parsed.next_word(hit[0] + 1).idx:hit[1]].lower()
            key = self._national_force(noun, state.country)
            end = hit[1]
            span = Span(m.span.start, end, body[m.span.start:end])
            if key is None:
                adj = state.adjectives[0] if state.adjectives else state.name
                name = f"{adj} {noun.title()}"
                key = "unit_" + slug(name)
                _add_entity(ents, key, "state_force", name, span.text, state.country, "pattern")
                basis = "pattern:possessive-force"
            else:
                actor = self.dictionary.actors[key]
                _add_entity(ents, key, actor.type, actor.display_name, span.text, actor.country, "dictionary")
                basis = "dictionary:possessive-force"
            _add_alias(ents[key], span.text)
            mentions[k] = Mention(span, "state_force", key, m.sentence, basis)
        _drop_unused_states(mentions, ents)

    def _capitals_as_states(self, body: str, mentions: list[Mention], ents: dict[str, Entity]) -> None:
        """"Washington designated the group", "one of Kyiv's largest backers": a capital that acts,
        or owns backers, allies or a decision, is its country's government; "in Kyiv" stays a place."""
        if self.gazetteer is None:
            return
        for k, m in enumerate(mentions):
            if m.kind != "place" or len(m.span.text.split()) > 3:
                continue
            after = body[m.span.end:m.span.end + 40]
            acts = _CAPITAL_ACTS.match(after)
            if not acts or (not acts.group(0).startswith(("’", "'")) and re.search(
                    r"\b(?:of|in|from|near|to|outside|around|at)\s+$", body[max(0, m.span.start - 10):m.span.start], re.I)):
                continue             # "Residents of Kabul said": the city, not the government
            iso2 = self.gazetteer.capital_of(m.span.text)
            state = next((a for a in self.dictionary.actors.values() if a.type == "government"
                          and a.country == iso2 and a.adjectives), None) if iso2 else None
            if state is None:
                continue
            mentions[k] = Mention(m.span, "government", state.id, m.sentence, "gazetteer:capital-as-state")
            _add_entity(ents, state.id, "government", state.display_name, m.span.text, state.country, "dictionary")
            if not any(x.key == m.key for x in mentions):
                ents.pop(m.key, None)        # no place of that name is left in the report

    def _victim_groups(self, sentences, mentions: list[Mention], ents) -> list[Mention]:
        """"five British hostages", "British citizens": the people a report counts as captives or
        victims, one entity per nationality so later reports of them can be joined."""
        out = []
        adjectives = {m.span.start: m for m in mentions if m.basis.endswith("adjective")}
        for sent in sentences:
            for pm in _COUNTED_NATIONALS.finditer(sent.span.text):
                gov_id = self._plural_demonyms().get(pm.group("pl"))
                if gov_id is None:
                    continue
                gov = self.dictionary.actors[gov_id]
                key = f"{gov.id}_captives"
                s0 = sent.span.start + pm.start("pl")      # the count stays outside: it is a figure
                span = Span(s0, sent.span.start + pm.end(), pm.group("pl"))
                out.append(Mention(span, "other", key, sent.index, "pattern:nationals-held"))
                adj = gov.adjectives[0] if gov.adjectives else gov.name
                _add_entity(ents, key, "other", f"{adj} nationals held or harmed", span.text, gov.country, "pattern")
                _add_alias(ents[key], pm.group(0))          # "five Britons", as the report words it
            for vm in _VICTIM_GROUP.finditer(sent.span.text):
                adj_at = sent.span.start + vm.start("adj")
                adj = adjectives.get(adj_at)
                if adj is None:
                    continue
                gov = self.dictionary.actors[adj.key]
                key = f"{gov.id}_captives"
                s0 = sent.span.start + vm.start("adj")      # the count stays outside: it is a figure
                span = Span(s0, sent.span.start + vm.end(), vm.group(0)[vm.start("adj") - vm.start():])
                out.append(Mention(span, "other", key, sent.index, "pattern:nationals-held"))
                _add_entity(ents, key, "other", f"{adj.span.text} nationals held or harmed", span.text,
                            gov.country, "pattern")
                _add_alias(ents[key], vm.group(0))
        return out

    def _plural_demonyms(self) -> dict[str, str]:
        """"Iraqis", "Afghans", "Britons" -> the government actor whose nationals they are."""
        if getattr(self, "_plurals", None) is None:
            by_adj = {}
            for actor in self.dictionary.actors.values():
                if actor.type == "government":
                    for adj in actor.adjectives:
                        by_adj.setdefault(adj, actor.id)
            plurals = {f"{adj}s": gid for adj, gid in by_adj.items() if not adj.endswith(("sh", "ch", "ese", "ss"))}
            for plural, adj in (name_lists_raw().get("plural_demonyms") or {}).items():
                if adj in by_adj:
                    plurals[plural] = by_adj[adj]
            self._plurals = plurals
        return self._plurals


def _bare_demonyms_as_forces(body: str, mentions: list[Mention], ents: dict[str, Entity], parsed) -> None:
    """"the British dropped leaflets": a nationality used as a noun in a report that names that
    nation's forces means those forces, not its government.  With no forces named, it stays
    the state."""
    forces: dict[str, list[str]] = {}
    for m in mentions:
        if m.kind == "state_force" and ents.get(m.key) is not None and ents[m.key].country:
            forces.setdefault(ents[m.key].country, []).append(m.key)
    for k, m in enumerate(mentions):
        if m.basis != "dictionary:adjective" or m.kind != "government" or m.key not in ents:
            continue
        country = ents[m.key].country
        keys = forces.get(country or "", [])
        if not keys or not _after_the(parsed, m.span.start) \
                or not _BARE_DEMONYM_AFTER.match(body[m.span.end:m.span.end + 20]):
            continue
        top = max(set(keys), key=keys.count)
        mentions[k] = Mention(m.span, "state_force", top, m.sentence, "dictionary:demonym-as-forces")
        _add_alias(ents[top], m.span.text)
    _drop_unused_states(mentions, ents)


def _after_the(parsed, start: int) -> bool:
    """"the British": the word before a name, in the parse, is "the" (or "The"), a space between."""
    k = parsed.token_at(start - 1)
    return k is not None and k.text in ("the", "The") and k.idx + len(k) < start \
        and parsed.text[k.idx + len(k):start].isspace()


def _drop_unused_states(mentions: list[Mention], ents: dict[str, Entity]) -> None:
    """A state whose every mention was re-read as its forces, or as part of a name, is no actor
    of the report."""
    used = {m.key for m in mentions}
    for key in [key for key, e in ents.items() if e.type == "government" and key not in used]:
        del ents[key]
